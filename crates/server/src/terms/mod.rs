//! Terms of use: versioned per organisation, readable by anyone.
//!
//! Acceptance and the blocking of portal data until the terms in force are accepted
//! come with the identity work; this module publishes and reads the versions.

mod queries;
mod routes;

pub use queries::{publish, NewTermsVersion};
pub use routes::routes;

#[cfg(test)]
mod tests;
