//! HTTP routes for portals.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use kring_api::{paths, EndPortalRequest, PortalRole, PortalSummary};

use super::access::{authorize, list_for_account, terms_status};
use super::lifecycle;
use crate::access_log::{self, Action, Actor, Entry, Outcome};
use crate::auth::SignedIn;
use crate::portals::access::log_portal_access;
use crate::problem::{ApiError, ApiJson, ApiPath};
use crate::request_guard::ClientAddress;
use crate::state::AppState;

/// The portal routes, relative to the API base.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(paths::PORTALS, get(list_portals))
        .route(paths::PORTAL, get(get_portal))
        .route(paths::PORTAL_END, post(end_portal))
}

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

/// The administrator ends the portal (R5): all access to it ends, nothing is deleted.
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
    sqlx::query(
        "UPDATE clients SET portal_ended_at = $1 WHERE id = $2 AND portal_ended_at IS NULL",
    )
    .bind(now)
    .bind(client_id)
    .execute(&mut *tx)
    .await?;
    lifecycle::end_portal_access(&mut *tx, client_id, now).await?;
    lifecycle::end_sessions_without_portal(&mut *tx, now).await?;
    turn.append_in(
        &mut tx,
        &Entry {
            actor: Actor::in_portal(&signed_in.account, &grant),
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
