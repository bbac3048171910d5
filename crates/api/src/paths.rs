//! The endpoint paths, shared by the server's router and the SPA's client.
//!
//! Paths are relative to the API base (`/api/v1` on the reference server), except
//! [`API_BASE`] itself. Path parameters use axum's `{name}` syntax.

/// Where the reference server mounts the API.
pub const API_BASE: &str = "/api/v1";

/// Public facts about the organisation that runs the portal.
pub const ORGANISATION: &str = "/organisation";
/// The organisation's logo (SVG).
pub const ORGANISATION_LOGO: &str = "/organisation/logo.svg";
/// The organisation's privacy statement.
pub const PRIVACY_STATEMENT: &str = "/privacy-statement";
/// The OpenAPI document describing this API.
pub const OPENAPI: &str = "/openapi.json";
/// The list of published terms versions, newest first.
pub const TERMS: &str = "/terms";
/// The terms in force today.
pub const TERMS_CURRENT: &str = "/terms/current";
/// One terms version, by number.
pub const TERMS_VERSION: &str = "/terms/{version}";
/// Messages the development sender kept (demo mode only).
pub const DEV_OUTBOX: &str = "/dev/outbox";

/// The path of one terms version.
pub fn terms_version(version: u32) -> String {
    format!("/terms/{version}")
}
