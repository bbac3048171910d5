//! Identity: accounts, one-time codes, single-use links and sessions (R3, R26). Their
//! HTTP endpoints are `sign_in`, a layer up.

pub mod accounts;
pub mod codes;
pub mod email_changes;
pub mod events;
pub mod links;
pub mod messages;
pub mod passkeys;
pub mod passwords;
pub mod recovery;
pub mod session;
pub mod throttle;

pub use accounts::Account;
pub use links::{new_link, ACTIVATION_LINK_LIFETIME};
pub use passwords::PasswordHasher;
pub use session::{AnyFactor, SignedIn};

#[cfg(test)]
mod tests;
