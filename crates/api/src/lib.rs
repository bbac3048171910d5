//! The Kring portal API contract.
//!
//! Every request and response body that crosses `/api/v1` is a type in this crate. The
//! SPA and the reference server both depend on it, so a change here shows every caller
//! at compile time. With the `openapi` feature the types also describe themselves, and
//! [`openapi::document`] builds the OpenAPI 3.1 document that is committed as
//! `crates/api/openapi.json` and served at `/api/v1/openapi.json`.

pub mod dev;
pub mod organisation;
pub mod paths;
pub mod problem;
pub mod terms;
pub mod text;

#[cfg(feature = "openapi")]
pub mod openapi;

pub use organisation::{
    BrandColours, CareTeamContact, EmergencyContact, Organisation, PrivacyStatement,
};
pub use problem::{Problem, ProblemCode};
pub use terms::{TermsDocument, TermsPage, TermsVersionSummary};
pub use text::{DocumentSection, Language, LocalizedText};
