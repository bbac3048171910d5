//! The OpenAPI 3.1 document, generated from the contract types.
//!
//! Each endpoint is declared once here with `#[utoipa::path]`; the functions exist only
//! to carry that declaration. The server's router uses the same path constants from
//! [`crate::paths`], and a server test checks that every routed path is documented.

use utoipa::OpenApi;

use crate::dev::{Channel, OutboxMessage, OutboxPage};
use crate::organisation::{
    BrandColours, CareTeamContact, EmergencyContact, Organisation, PrivacyStatement,
};
use crate::problem::{Problem, ProblemCode};
use crate::terms::{TermsDocument, TermsPage, TermsVersionSummary};
use crate::text::{DocumentSection, Language, LocalizedText};

/// Public facts about the organisation: name, colours, emergency number, policy settings.
#[utoipa::path(
    get, path = "/api/v1/organisation", tag = "organisation",
    responses(
        (status = 200, description = "The organisation that runs this portal", body = Organisation),
    )
)]
#[allow(dead_code)]
fn get_organisation() {}

/// The organisation's logo, if it has one.
#[utoipa::path(
    get, path = "/api/v1/organisation/logo.svg", tag = "organisation",
    responses(
        (status = 200, description = "The logo as SVG", content_type = "image/svg+xml", body = String),
        (status = 404, description = "The organisation has no logo", body = Problem, content_type = "application/problem+json"),
    )
)]
#[allow(dead_code)]
fn get_organisation_logo() {}

/// The organisation's privacy statement.
#[utoipa::path(
    get, path = "/api/v1/privacy-statement", tag = "organisation",
    responses(
        (status = 200, description = "The privacy statement", body = PrivacyStatement),
        (status = 404, description = "No privacy statement has been published", body = Problem, content_type = "application/problem+json"),
    )
)]
#[allow(dead_code)]
fn get_privacy_statement() {}

/// This document.
#[utoipa::path(
    get, path = "/api/v1/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document of this API", content_type = "application/json"))
)]
#[allow(dead_code)]
fn get_openapi() {}

/// The published terms versions, newest first.
#[utoipa::path(
    get, path = "/api/v1/terms", tag = "terms",
    params(
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the previous page"),
        ("limit" = Option<u32>, Query, description = "Versions per page, 1 to 50 (default 20)"),
    ),
    responses(
        (status = 200, description = "A page of terms versions", body = TermsPage),
        (status = 400, description = "A parameter is not valid", body = Problem, content_type = "application/problem+json"),
    )
)]
#[allow(dead_code)]
fn list_terms() {}

/// The terms in force today, with their full text.
#[utoipa::path(
    get, path = "/api/v1/terms/current", tag = "terms",
    responses(
        (status = 200, description = "The terms in force", body = TermsDocument),
        (status = 404, description = "No terms have been published yet", body = Problem, content_type = "application/problem+json"),
    )
)]
#[allow(dead_code)]
fn get_current_terms() {}

/// One terms version with its full text.
#[utoipa::path(
    get, path = "/api/v1/terms/{version}", tag = "terms",
    params(("version" = u32, Path, description = "The version number")),
    responses(
        (status = 200, description = "That terms version", body = TermsDocument),
        (status = 400, description = "The version is not a number", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such version", body = Problem, content_type = "application/problem+json"),
    )
)]
#[allow(dead_code)]
fn get_terms_version() {}

/// Messages the development sender kept. Only in demo mode; otherwise 404.
#[utoipa::path(
    get, path = "/api/v1/dev/outbox", tag = "dev",
    params(
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the previous page"),
        ("limit" = Option<u32>, Query, description = "Messages per page, 1 to 100 (default 20)"),
        ("to" = Option<String>, Query, description = "Only messages to this e-mail address or number"),
    ),
    responses(
        (status = 200, description = "A page of messages, newest first", body = OutboxPage),
        (status = 404, description = "The server does not run in demo mode", body = Problem, content_type = "application/problem+json"),
    )
)]
#[allow(dead_code)]
fn list_dev_outbox() {}

/// The generated API description.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kring portal API",
        description = "The API a Kring client portal app talks to. Errors are RFC 9457 problem \
                       details (application/problem+json) with a stable `code`. Human texts follow \
                       Accept-Language (nl, en; Dutch by default).",
        license(name = "EUPL-1.2", identifier = "EUPL-1.2"),
    ),
    paths(get_organisation, get_organisation_logo, get_privacy_statement, get_openapi, list_terms, get_current_terms, get_terms_version, list_dev_outbox),
    components(schemas(
        Organisation, BrandColours, EmergencyContact, CareTeamContact,
        TermsPage, TermsVersionSummary, TermsDocument, DocumentSection, PrivacyStatement,
        Problem, ProblemCode, Language, LocalizedText,
        OutboxPage, OutboxMessage, Channel,
    )),
    tags(
        (name = "organisation", description = "The organisation that runs the portal"),
        (name = "terms", description = "Terms of use, versioned"),
        (name = "meta", description = "About this API"),
        (name = "dev", description = "Development helpers, demo mode only"),
    )
)]
pub struct ApiDoc;

/// The OpenAPI document as a value.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The OpenAPI document as pretty JSON with a trailing newline, exactly as committed in
/// `crates/api/openapi.json`.
pub fn document_json() -> String {
    let mut json = document()
        .to_pretty_json()
        .expect("the OpenAPI document always serializes");
    json.push('\n');
    json
}
