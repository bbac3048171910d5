//! The organisation: public facts, logo and privacy statement.

mod queries;
mod routes;
pub mod starter_documents;

pub use queries::{
    current_terms_version, name, organisation_id_by_slug, privacy_statement,
    OrganisationLookupError,
};
pub use routes::routes;

#[cfg(test)]
mod tests;
