//! HTTP routes for the terms of use.

use axum::extract::State;
use axum::routing::get;
use axum::Router;
use kring_api::{paths, TermsDocument, TermsPage};
use serde::Deserialize;

use super::queries;
use crate::paging::{Cursor, PageLimit};
use crate::problem::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::state::AppState;

/// The terms routes, relative to the API base.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(paths::TERMS, get(list_terms))
        .route(paths::TERMS_CURRENT, get(current_terms))
        .route(paths::TERMS_VERSION, get(terms_version))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListQuery {
    cursor: Option<String>,
    limit: Option<u32>,
}

async fn list_terms(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<ApiJson<TermsPage>, ApiError> {
    let limit = PageLimit::parse(query.limit, 20, 50)?;
    let before = query
        .cursor
        .as_deref()
        .map(Cursor::decode)
        .transpose()?
        .map(|c| u32::try_from(c.0).unwrap_or(0));
    let (items, has_more) = queries::list(
        &state.db,
        state.organisation_id,
        state.clock.today(),
        before,
        limit.get(),
    )
    .await?;
    let next_cursor = has_more
        .then(|| {
            items
                .last()
                .map(|last| Cursor(i64::from(last.version)).encode())
        })
        .flatten();
    Ok(ApiJson(TermsPage { items, next_cursor }))
}

async fn current_terms(State(state): State<AppState>) -> Result<ApiJson<TermsDocument>, ApiError> {
    queries::document(&state.db, state.organisation_id, state.clock.today(), None)
        .await?
        .map(ApiJson)
        .ok_or(ApiError::NotFound)
}

async fn terms_version(
    State(state): State<AppState>,
    ApiPath(version): ApiPath<u32>,
) -> Result<ApiJson<TermsDocument>, ApiError> {
    queries::document(
        &state.db,
        state.organisation_id,
        state.clock.today(),
        Some(version),
    )
    .await?
    .map(ApiJson)
    .ok_or(ApiError::NotFound)
}
