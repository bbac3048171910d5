//! The organisation administrators' settings screen: the organisation's name,
//! colours, emergency number and periods, its logo and its privacy statement. Every
//! change is checked ([`rules`], [`logo`]), stored with a row in the organisation
//! settings log (who, when, which fields; never the values) and an access-log entry,
//! in one transaction, and shows at once on the public `GET /organisation`.
//!
//! Which sign-in methods each group may use (password with a code, each configured
//! OpenID Connect provider) is chosen here too; the rule lives in `sign_in_methods`.

mod logo;
mod queries;
mod routes;
mod rules;

pub use routes::routes;

#[cfg(test)]
mod tests;
