//! The organisation administrators' settings screen: the organisation's name,
//! colours, emergency number and periods, its logo and its privacy statement. Every
//! change is checked ([`rules`], [`logo`]), stored with a row in the organisation
//! settings log (who, when, which fields; never the values) and an access-log entry,
//! in one transaction, and shows at once on the public `GET /organisation`.
//!
//! Which sign-in methods are allowed is not a setting yet: there is one (password and
//! SMS code) until OpenID Connect arrives, and a choice of one is no choice.

mod logo;
mod queries;
mod routes;
mod rules;

pub use routes::routes;

#[cfg(test)]
mod tests;
