//! HTTP routes for portals.

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use axum::extract::State;
use axum::http::StatusCode;
use kring_api::{paths, EndPortalRequest, NewCounts, PortalRole, PortalSummary};

use super::access::{authorize, list_for_account, terms_status};
use super::lifecycle;
use crate::access_log::{self, Action, Entry, Outcome};
use crate::auth::SignedIn;
use crate::portals::access::log_portal_access;
use crate::problem::{ApiError, ApiJson, ApiPath};
use crate::request_guard::ClientAddress;
use crate::state::AppState;
use crate::visits::{self, Visited};

use super::request::NoQuery;
use super::{Need, PortalRequest, Section};

/// The portal routes, relative to the API base.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_portals))
        .routes(routes!(get_portal))
        .routes(routes!(end_portal))
        .routes(routes!(new_counts))
}

/// Every portal of the account, with its state and rights.
#[utoipa::path(
    get, path = paths::PORTALS, tag = "portals",
    responses(
        (status = 200, description = "The portals", body = [kring_api::portal::PortalSummary]),
        (status = 403, description = "The terms in force are not accepted (terms-not-accepted)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn list_portals(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<ApiJson<Vec<PortalSummary>>, ApiError> {
    let today = state.clock.today();
    if !terms_status(
        &state.db,
        state.organisation_id,
        signed_in.account.id,
        today,
    )
    .await?
    .accepted
    {
        return Err(ApiError::TermsNotAccepted);
    }
    Ok(ApiJson(
        list_for_account(
            &state.db,
            state.organisation_id,
            signed_in.account.id,
            today,
        )
        .await?,
    ))
}

/// One portal, if the account may use it now.
#[utoipa::path(
    get, path = paths::PORTAL, tag = "portals",
    params(("client_id" = i64, Path, description = "The client")),
    responses(
        (status = 200, description = "The portal", body = kring_api::portal::PortalSummary),
        (status = 403, description = "terms-not-accepted, access-ended, portal-ended or portal-suspended (with reason)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, response = crate::responses::NoSuchPortal),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn get_portal(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiPath(client_id): ApiPath<i64>,
) -> Result<ApiJson<PortalSummary>, ApiError> {
    let result = authorize(&state, &signed_in, client_id).await;
    log_portal_access(
        &state,
        &signed_in,
        client_id,
        &result,
        "portal",
        Action::Read,
        &address,
    )
    .await?;
    let grant = result?;
    let summary = list_for_account(
        &state.db,
        state.organisation_id,
        signed_in.account.id,
        state.clock.today(),
    )
    .await?
    .into_iter()
    .find(|p| p.client_id == grant.client_id)
    .ok_or(ApiError::NotFound)?;
    Ok(ApiJson(summary))
}

/// The administrator ends the portal: all access ends; the data is kept.
#[utoipa::path(
    post, path = paths::PORTAL_END, tag = "portals",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = kring_api::portal::EndPortalRequest,
    responses(
        (status = 204, description = "The portal ended"),
        (status = 403, response = crate::responses::AdministratorOnlyChange),
        (status = 404, response = crate::responses::NoSuchPortal),
        (status = 422, description = "confirm was not true (confirmation-required)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
// The administrator ends the portal (R5): all access to it ends, nothing is deleted.
async fn end_portal(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiPath(client_id): ApiPath<i64>,
    ApiJson(request): ApiJson<EndPortalRequest>,
) -> Result<StatusCode, ApiError> {
    let grant = authorize(&state, &signed_in, client_id).await?;
    if grant.role != PortalRole::Administrator {
        return Err(ApiError::Forbidden);
    }
    if !request.confirm {
        return Err(ApiError::ConfirmationRequired);
    }
    let now = state.clock.now();
    // The change and its access-log entry commit together, or neither does.
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    lifecycle::mark_portal_ended(&mut tx, client_id, now).await?;
    lifecycle::end_portal_access(&mut *tx, client_id, now).await?;
    lifecycle::end_sessions_without_portal(&mut *tx, now).await?;
    turn.append_in(
        &mut tx,
        &Entry {
            actor: grant.actor(&signed_in.account),
            client_id: Some(client_id),
            section: "portal",
            item: None,
            action: Action::Remove,
            outcome: Outcome::Allowed,
            detail: Some("end_portal"),
            address: Some(&address),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The portal home's counts. Needs a right to at least one of the counted sections.
struct NewCountsSection;

impl Section for NewCountsSection {
    type Path = i64;
    type Query = NoQuery;
    const NAME: &'static str = "portal";
    const NEED: Need = Need::Right(|r| r.reports || r.photos_view || r.notes_view);
    // Not in the access log: the counts show no content of the dossier, and the portal
    // home that asks for them has its own read of the portal logged (GET /portals/{id}).
    const LOGGED: bool = false;
}

/// How many reports, photos and notes arrived since the reader last opened each list,
/// for the sections the reader's rights allow (the others are absent). Reading the
/// counts marks nothing as seen. Someone's own photos and notes never count.
#[utoipa::path(
    get, path = paths::NEW_COUNTS, tag = "portals",
    params(("client_id" = i64, Path, description = "The client")),
    responses(
        (status = 200, description = "The counts", body = kring_api::portal::NewCounts),
        (status = 403, description = "Without a right to reports, photos or notes (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, response = crate::responses::NoSuchPortal),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn new_counts(
    State(state): State<AppState>,
    request: PortalRequest<NewCountsSection>,
) -> Result<ApiJson<NewCounts>, ApiError> {
    let client_id = request.client_id();
    let account_id = request.account().id;
    let rights = request.grant.rights;
    let count = |allowed: bool, section: Visited| {
        let db = &state.db;
        async move {
            if allowed {
                visits::count_new(db, account_id, client_id, section)
                    .await
                    .map(Some)
            } else {
                Ok(None)
            }
        }
    };
    Ok(ApiJson(NewCounts {
        reports: count(rights.reports, Visited::Reports).await?,
        photos: count(rights.photos_view, Visited::Photos).await?,
        notes: count(rights.notes_view, Visited::Notes).await?,
    }))
}
