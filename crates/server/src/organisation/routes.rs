//! HTTP routes for the organisation.

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use kring_api::paths;
use kring_api::{Organisation, PrivacyStatement};

use super::queries;
use crate::problem::{ApiError, ApiJson};
use crate::state::AppState;

/// The organisation's routes, relative to the API base.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_organisation))
        .routes(routes!(get_logo))
        .routes(routes!(get_privacy_statement))
}

/// Public facts about the organisation: name, colours, emergency number, policy settings.
#[utoipa::path(
    get, path = paths::ORGANISATION, tag = "organisation",
    responses(
        (status = 200, description = "The organisation that runs this portal", body = kring_api::organisation::Organisation),
    )
)]
async fn get_organisation(
    State(state): State<AppState>,
) -> Result<ApiJson<Organisation>, ApiError> {
    let mut organisation =
        queries::organisation(&state.db, state.organisation_id, state.clock.today())
            .await?
            .ok_or(ApiError::NotFound)?;
    organisation.sign_in_services = !state.settings.identity_providers.all().is_empty();
    Ok(ApiJson(organisation))
}

/// The organisation's logo, if it has one.
#[utoipa::path(
    get, path = paths::ORGANISATION_LOGO, tag = "organisation", operation_id = "get_organisation_logo",
    responses(
        (status = 200, description = "The logo as SVG", content_type = "image/svg+xml", body = String),
        (status = 404, description = "The organisation has no logo", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    )
)]
async fn get_logo(State(state): State<AppState>) -> Result<Response, ApiError> {
    let svg = queries::logo_svg(&state.db, state.organisation_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(([(CONTENT_TYPE, "image/svg+xml")], svg).into_response())
}

/// The organisation's privacy statement.
#[utoipa::path(
    get, path = paths::PRIVACY_STATEMENT, tag = "organisation",
    responses(
        (status = 200, description = "The privacy statement", body = kring_api::organisation::PrivacyStatement),
        (status = 404, description = "No privacy statement has been published", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    )
)]
async fn get_privacy_statement(
    State(state): State<AppState>,
) -> Result<ApiJson<PrivacyStatement>, ApiError> {
    queries::privacy_statement(&state.db, state.organisation_id)
        .await?
        .map(ApiJson)
        .ok_or(ApiError::NotFound)
}
