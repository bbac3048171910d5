//! HTTP routes for the organisation's settings (organisation administrators only).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use kring_api::{
    paths, OrganisationSettings, PrivacyStatement, PrivacyStatementUpdate, SignInMethods,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::queries::{self, LogEntry, Subject};
use super::{logo, rules};
use crate::access_log::{self, Action, Actor, Entry, Outcome};
use crate::problem::{ApiError, ApiJson};
use crate::sign_in_methods;
use crate::staff_members::{OrganisationAdmins, StaffRequest};
use crate::state::AppState;

/// The settings routes, relative to the API base.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_settings, put_settings))
        .routes(routes!(put_logo, delete_logo))
        .routes(routes!(put_privacy_statement))
        .routes(routes!(get_sign_in_methods, put_sign_in_methods))
}

/// Which sign-in methods each group may use (organisation administrators): password
/// with a code, and each configured provider of the group.
#[utoipa::path(
    get, path = paths::STAFF_ORGANISATION_SIGN_IN_METHODS, tag = "staff",
    operation_id = "staff_sign_in_methods",
    responses(
        (status = 200, description = "The allowed methods per group, as they apply now", body = kring_api::identity_providers::SignInMethods),
        (status = 403, description = "Not an organisation administrator (forbidden)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn get_sign_in_methods(
    State(state): State<AppState>,
    _admin: StaffRequest<OrganisationAdmins>,
) -> Result<ApiJson<SignInMethods>, ApiError> {
    let providers = &state.settings.identity_providers;
    sign_in_methods::allowed(&state.db, providers, state.organisation_id)
        .await
        .map(ApiJson)
}

/// Choose which sign-in methods each group may use (organisation administrators). A
/// method that is not allowed is refused at sign-in (`sign-in-method-not-allowed`).
#[utoipa::path(
    put, path = paths::STAFF_ORGANISATION_SIGN_IN_METHODS, tag = "staff",
    operation_id = "staff_change_sign_in_methods",
    request_body = kring_api::identity_providers::SignInMethods,
    responses(
        (status = 200, description = "The methods as stored", body = kring_api::identity_providers::SignInMethods),
        (status = 403, description = "Not an organisation administrator (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A group without any method, or a provider that is not configured for the group (invalid-body)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn put_sign_in_methods(
    State(state): State<AppState>,
    admin: StaffRequest<OrganisationAdmins>,
    ApiJson(new): ApiJson<SignInMethods>,
) -> Result<ApiJson<SignInMethods>, ApiError> {
    let providers = &state.settings.identity_providers;
    let checked = sign_in_methods::check_choice(providers, new)?;
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    sign_in_methods::store(&mut tx, state.organisation_id, &checked).await?;
    log(
        &state,
        &turn,
        &mut tx,
        &admin,
        // The settings screen's part; the log's subjects are fixed by its table.
        Subject::Settings,
        &["sign_in_methods"],
    )
    .await?;
    tx.commit().await?;
    Ok(ApiJson(checked))
}

/// The organisation's settings (organisation administrators).
#[utoipa::path(
    get, path = paths::STAFF_ORGANISATION_SETTINGS, tag = "staff",
    operation_id = "staff_organisation_settings",
    responses(
        (status = 200, description = "The settings", body = kring_api::organisation_settings::OrganisationSettings),
        (status = 403, description = "Not an organisation administrator (forbidden)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn get_settings(
    State(state): State<AppState>,
    _admin: StaffRequest<OrganisationAdmins>,
) -> Result<ApiJson<OrganisationSettings>, ApiError> {
    queries::settings(&state.db, state.organisation_id)
        .await
        .map(ApiJson)
}

/// Change the organisation's settings (organisation administrators); they show at
/// once on `GET /organisation`. Nothing changes when one value breaks a rule.
#[utoipa::path(
    put, path = paths::STAFF_ORGANISATION_SETTINGS, tag = "staff",
    operation_id = "staff_change_organisation_settings",
    request_body = kring_api::organisation_settings::OrganisationSettings,
    responses(
        (status = 200, description = "The settings as stored", body = kring_api::organisation_settings::OrganisationSettings),
        (status = 403, description = "Not an organisation administrator (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A colour that is not #rrggbb (colour-invalid), header colours with a contrast below 4.5:1 (contrast-too-low), not a phone number (phone-invalid), retention under 15 years (retention-too-short), days out of bounds (setting-out-of-range), an empty or too long text (invalid-body, text-too-long)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn put_settings(
    State(state): State<AppState>,
    admin: StaffRequest<OrganisationAdmins>,
    ApiJson(new): ApiJson<OrganisationSettings>,
) -> Result<ApiJson<OrganisationSettings>, ApiError> {
    let checked = rules::check_settings(new)?;
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let old = queries::settings_in(&mut tx, state.organisation_id).await?;
    let changed = rules::changed_fields(&old, &checked.settings);
    if !changed.is_empty() {
        queries::update_settings(
            &mut tx,
            state.organisation_id,
            &checked.settings,
            &checked.emergency_dial,
        )
        .await?;
        log(&state, &turn, &mut tx, &admin, Subject::Settings, &changed).await?;
    }
    tx.commit().await?;
    Ok(ApiJson(checked.settings))
}

/// Replace the organisation's logo with an SVG file (organisation administrators). The
/// body is the file itself (`image/svg+xml`, at most 64 KiB); a file with scripts,
/// event handlers, embedded pages or references to other files is refused.
#[utoipa::path(
    put, path = paths::STAFF_ORGANISATION_LOGO, tag = "staff",
    operation_id = "staff_replace_organisation_logo",
    request_body(content = String, content_type = "image/svg+xml", description = "The SVG file"),
    responses(
        (status = 204, description = "Stored; served at /organisation/logo.svg"),
        (status = 403, description = "Not an organisation administrator (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not sent as image/svg+xml (unsupported-media-type)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a plain SVG image (logo-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn put_logo(
    State(state): State<AppState>,
    admin: StaffRequest<OrganisationAdmins>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    crate::request_guard::require_media_type(&headers, "image/svg+xml")?;
    let svg = logo::check(&body).map_err(|problem| ApiError::LogoInvalid(problem.to_string()))?;
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    queries::set_logo(&mut tx, state.organisation_id, Some(svg)).await?;
    log(&state, &turn, &mut tx, &admin, Subject::Logo, &["logo"]).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Remove the organisation's logo (organisation administrators); the header then shows
/// the name alone. Removing a logo that is not there changes nothing.
#[utoipa::path(
    delete, path = paths::STAFF_ORGANISATION_LOGO, tag = "staff",
    operation_id = "staff_remove_organisation_logo",
    responses(
        (status = 204, description = "Removed (or there was none)"),
        (status = 403, description = "Not an organisation administrator (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn delete_logo(
    State(state): State<AppState>,
    admin: StaffRequest<OrganisationAdmins>,
) -> Result<StatusCode, ApiError> {
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    if queries::set_logo(&mut tx, state.organisation_id, None).await? {
        log(&state, &turn, &mut tx, &admin, Subject::Logo, &["logo"]).await?;
    }
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Replace the privacy statement (organisation administrators); it is dated today and
/// shows at once on `GET /privacy-statement`.
#[utoipa::path(
    put, path = paths::STAFF_PRIVACY_STATEMENT, tag = "staff",
    operation_id = "staff_replace_privacy_statement",
    request_body = kring_api::organisation_settings::PrivacyStatementUpdate,
    responses(
        (status = 200, description = "The privacy statement as published", body = kring_api::organisation::PrivacyStatement),
        (status = 403, description = "Not an organisation administrator (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "No sections, too many, or a section without a heading or text in both languages (invalid-body), a text too long (text-too-long)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn put_privacy_statement(
    State(state): State<AppState>,
    admin: StaffRequest<OrganisationAdmins>,
    ApiJson(new): ApiJson<PrivacyStatementUpdate>,
) -> Result<ApiJson<PrivacyStatement>, ApiError> {
    let sections = rules::check_privacy_statement(new)?;
    let today = state.clock.today();
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    queries::set_privacy_statement(&mut tx, state.organisation_id, &sections, today).await?;
    log(
        &state,
        &turn,
        &mut tx,
        &admin,
        Subject::PrivacyStatement,
        &["sections"],
    )
    .await?;
    tx.commit().await?;
    // As the privacy page reads it, with the retention period it states.
    crate::organisation::privacy_statement(&state.db, state.organisation_id)
        .await?
        .map(ApiJson)
        .ok_or_else(|| ApiError::Internal("privacy statement gone after saving".into()))
}

/// Writes the change to the organisation settings log and the access log, in the
/// change's transaction.
async fn log(
    state: &AppState,
    turn: &access_log::Turn<'_>,
    tx: &mut sqlx::Transaction<'static, crate::db::Db>,
    admin: &StaffRequest<OrganisationAdmins>,
    subject: Subject,
    fields: &[&str],
) -> Result<(), ApiError> {
    let staff_member_id = admin
        .signed_in
        .account
        .staff_member_id
        .ok_or(ApiError::Forbidden)?;
    queries::log_change(
        tx,
        &LogEntry {
            organisation_id: state.organisation_id,
            changed_at: state.clock.now(),
            staff_member_id,
            subject,
            fields,
        },
    )
    .await?;
    turn.append_in(
        tx,
        &Entry {
            actor: Actor::account(&admin.signed_in.account),
            client_id: None,
            section: "organisation",
            item: Some(subject.as_str().to_owned()),
            action: Action::Update,
            outcome: Outcome::Allowed,
            detail: Some("organisation_settings"),
            address: Some(&admin.address),
        },
    )
    .await
}
