//! HTTP routes for the terms of use.

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use axum::extract::State;
use axum::http::StatusCode;
use kring_api::{paths, Page, TermsDocument, TermsVersionSummary};

use super::queries;
use crate::access_log::{self, Action, Actor, Entry, Outcome};
use crate::auth::SignedIn;
use crate::paging::{self, PageLimit};
use crate::problem::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::request_guard::ClientAddress;
use crate::state::AppState;

/// The terms routes, relative to the API base.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_terms))
        .routes(routes!(current_terms))
        .routes(routes!(terms_version))
        .routes(routes!(accept_terms))
}

/// The published terms versions, newest first.
#[utoipa::path(
    get, path = paths::TERMS, tag = "terms",
    params(
        kring_api::terms::TermsQuery,
    ),
    responses(
        (status = 200, description = "A page of terms versions", body = Page<TermsVersionSummary>),
        (status = 400, description = "A parameter is not valid", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    )
)]
async fn list_terms(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<kring_api::terms::TermsQuery>,
) -> Result<ApiJson<Page<TermsVersionSummary>>, ApiError> {
    let limit = PageLimit::parse(query.limit, kring_api::terms::TermsQuery::BOUNDS)?;
    let before = paging::position::<u32>(query.cursor.as_ref())?;
    let (items, has_more) = queries::list(
        &state.db,
        state.organisation_id,
        state.clock.today(),
        before,
        limit.get(),
    )
    .await?;
    let next_cursor = has_more
        .then(|| items.last().map(|last| paging::encode(&last.version)))
        .flatten();
    Ok(ApiJson(Page { items, next_cursor }))
}

/// The terms in force today, with their full text.
#[utoipa::path(
    get, path = paths::TERMS_CURRENT, tag = "terms", operation_id = "get_current_terms",
    responses(
        (status = 200, description = "The terms in force", body = kring_api::terms::TermsDocument),
        (status = 404, description = "No terms have been published yet", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    )
)]
async fn current_terms(State(state): State<AppState>) -> Result<ApiJson<TermsDocument>, ApiError> {
    queries::document(&state.db, state.organisation_id, state.clock.today(), None)
        .await?
        .map(ApiJson)
        .ok_or(ApiError::NotFound)
}

/// One terms version with its full text.
#[utoipa::path(
    get, path = paths::TERMS_VERSION, tag = "terms", operation_id = "get_terms_version",
    params(("version" = u32, Path, description = "The version number")),
    responses(
        (status = 200, description = "That terms version", body = kring_api::terms::TermsDocument),
        (status = 400, description = "The version is not a number", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such version", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    )
)]
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

/// Accept the terms in force (records who, which version and when).
#[utoipa::path(
    post, path = paths::TERMS_ACCEPTANCE, tag = "terms",
    params(("version" = u32, Path, description = "The version in force")),
    responses(
        (status = 204, description = "Accepted"),
        (status = 409, description = "Not the version in force (terms-version-not-current)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
        (status = 403, response = crate::responses::CsrfRejected),
    ),
    security(("session" = [])),
)]
// Records that the signed-in person accepted the version in force (R8). Only that
// version can be accepted; accepting twice changes nothing.
async fn accept_terms(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiPath(version): ApiPath<u32>,
) -> Result<StatusCode, ApiError> {
    let now = state.clock.now();
    let current = crate::organisation::current_terms_version(
        &state.db,
        state.organisation_id,
        now.date_naive(),
    )
    .await?;
    if current != Some(version) {
        return Err(ApiError::TermsVersionNotCurrent);
    }
    let terms_version_id =
        queries::version_id(&state.db, state.organisation_id, i64::from(version)).await?;
    // The acceptance and its access-log entry commit together, or neither does.
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    queries::accept(&mut tx, signed_in.account.id, terms_version_id, now).await?;
    turn.append_in(
        &mut tx,
        &Entry {
            actor: Actor::account(&signed_in.account),
            client_id: None,
            section: "terms",
            item: Some(version.to_string()),
            action: Action::Update,
            outcome: Outcome::Allowed,
            detail: Some("accept_terms"),
            address: Some(&address),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
