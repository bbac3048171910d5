//! HTTP routes for the organisation.

use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use kring_api::paths;
use kring_api::{Organisation, PrivacyStatement};

use super::queries;
use crate::problem::{ApiError, ApiJson};
use crate::state::AppState;

/// The organisation's routes, relative to the API base.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(paths::ORGANISATION, get(get_organisation))
        .route(paths::ORGANISATION_LOGO, get(get_logo))
        .route(paths::PRIVACY_STATEMENT, get(get_privacy_statement))
}

async fn get_organisation(
    State(state): State<AppState>,
) -> Result<ApiJson<Organisation>, ApiError> {
    queries::organisation(&state.db, state.organisation_id, state.clock.today())
        .await?
        .map(ApiJson)
        .ok_or(ApiError::NotFound)
}

async fn get_logo(State(state): State<AppState>) -> Result<Response, ApiError> {
    let svg = queries::logo_svg(&state.db, state.organisation_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(([(CONTENT_TYPE, "image/svg+xml")], svg).into_response())
}

async fn get_privacy_statement(
    State(state): State<AppState>,
) -> Result<ApiJson<PrivacyStatement>, ApiError> {
    queries::privacy_statement(&state.db, state.organisation_id)
        .await?
        .map(ApiJson)
        .ok_or(ApiError::NotFound)
}
