//! The typed client of the Kring portal API: one `async fn` per endpoint.
//!
//! The API base comes from `<meta name="kring-api-base">` in `index.html`, so one build
//! talks to any compatible server. When that base is on another origin, requests carry
//! credentials and the server must allow this app's origin (see README, "Another API").

mod client;
mod error;

pub use client::api_base;
pub use error::ApiError;

use kring_api::{paths, Organisation, PrivacyStatement, TermsDocument, TermsPage};

/// Public facts about the organisation (`GET /organisation`).
pub async fn organisation() -> Result<Organisation, ApiError> {
    client::get_json(paths::ORGANISATION).await
}

/// The terms in force (`GET /terms/current`).
pub async fn current_terms() -> Result<TermsDocument, ApiError> {
    client::get_json(paths::TERMS_CURRENT).await
}

/// One terms version (`GET /terms/{version}`).
pub async fn terms_version(version: u32) -> Result<TermsDocument, ApiError> {
    client::get_json(&paths::terms_version(version)).await
}

/// A page of terms versions, newest first (`GET /terms`).
pub async fn terms_versions(cursor: Option<&str>) -> Result<TermsPage, ApiError> {
    match cursor {
        Some(cursor) => {
            client::get_json(&format!(
                "{}?cursor={}",
                paths::TERMS,
                client::encode(cursor)
            ))
            .await
        }
        None => client::get_json(paths::TERMS).await,
    }
}

/// The privacy statement (`GET /privacy-statement`).
pub async fn privacy_statement() -> Result<PrivacyStatement, ApiError> {
    client::get_json(paths::PRIVACY_STATEMENT).await
}
