//! Identity: two-step sign-in (password, then an SMS code), sessions, account
//! activation, password reset and changing the mobile number (R3, R26).

pub mod accounts;
pub mod codes;
pub mod links;
pub mod messages;
pub mod passwords;
mod routes;
pub mod session;
pub mod throttle;

pub use accounts::Account;
pub use passwords::PasswordHasher;
pub use routes::{new_link, routes, session_info, ACTIVATION_LINK_LIFETIME};
pub use session::SignedIn;

#[cfg(test)]
mod tests;
