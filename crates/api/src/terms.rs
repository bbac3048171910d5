//! The terms of use: versioned per organisation, readable without signing in.

use serde::{Deserialize, Serialize};

use crate::time::Day;

use crate::text::{DocumentSection, LocalizedText};

crate::paging::page_query!(
    /// The query of `GET /terms`.
    TermsQuery, "Versions per page, 1 to 50 (default 20)", default = 20, max = 50
);

/// One published terms version without its text, for the list of versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TermsVersionSummary {
    /// Version number, counting up from 1.
    pub version: u32,
    /// The date this version is in force from, `YYYY-MM-DD`.
    pub in_force_from: Day,
    /// Whether this is the version in force today.
    pub in_force: bool,
    /// What changed compared with the version before (empty for version 1).
    pub change_summary: LocalizedText,
}

/// One terms version with its full text (`GET /terms/current`, `GET /terms/{version}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TermsDocument {
    /// Version number.
    pub version: u32,
    /// The date this version is in force from, `YYYY-MM-DD`.
    pub in_force_from: Day,
    /// Whether this is the version in force today.
    pub in_force: bool,
    /// What changed compared with the version before (empty for version 1).
    pub change_summary: LocalizedText,
    /// The text, in sections with a heading.
    pub sections: Vec<DocumentSection>,
}
