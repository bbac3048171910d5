//! HTTP routes of the circle, relative to the API base.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get, patch, post};
use axum::Router;
use kring_api::{
    paths, ContactChange, Invitation, InvitationDetails, InvitationRegistration, InvitationToken,
    LeaveCircleRequest, Network, NetworkContact, NewInvitation, PortalSummary, RegistrationNext,
};

use super::{contacts, invitations};
use crate::access_log::Action;
use crate::auth::SignedIn;
use crate::dossier::guard::{self, Need, Scope};
use crate::portals::PortalGrant;
use crate::problem::{ApiError, ApiJson, ApiPath};
use crate::request_guard::ClientAddress;
use crate::state::AppState;

/// The circle's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(paths::NETWORK, get(network))
        .route(paths::NETWORK_INVITATIONS, post(invite))
        .route(paths::NETWORK_INVITATION, delete(withdraw))
        .route(paths::NETWORK_INVITATION_RESEND, post(resend))
        .route(
            paths::NETWORK_CONTACT,
            patch(change_contact).delete(remove_contact),
        )
        .route(paths::LEAVE_CIRCLE, post(leave))
        .route(paths::INVITATION_LOOKUP, post(lookup))
        .route(paths::INVITATION_ACCEPT, post(accept))
        .route(paths::INVITATION_REGISTER, post(register))
}

/// The administrator's checks for a network action, logged like every portal request.
async fn administrator(
    state: &AppState,
    signed_in: &SignedIn,
    client_id: i64,
    item: Option<String>,
    action: Action,
    address: &str,
) -> Result<PortalGrant, ApiError> {
    guard::enter(
        state,
        signed_in,
        guard::Request {
            client_id,
            section: "network",
            item,
            action,
            need: Need::Administrator,
            scope: Scope::Section,
            address,
        },
    )
    .await
}

async fn network(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiPath(client_id): ApiPath<i64>,
) -> Result<ApiJson<Network>, ApiError> {
    administrator(&state, &signed_in, client_id, None, Action::Read, &address).await?;
    Ok(ApiJson(Network {
        contacts: contacts::list(&state, client_id).await?,
        invitations: invitations::open_invitations(&state, client_id).await?,
    }))
}

async fn invite(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiPath(client_id): ApiPath<i64>,
    ApiJson(request): ApiJson<NewInvitation>,
) -> Result<(StatusCode, ApiJson<Invitation>), ApiError> {
    let grant = administrator(
        &state,
        &signed_in,
        client_id,
        None,
        Action::Create,
        &address,
    )
    .await?;
    let invitation = invitations::invite(&state, &signed_in, &grant, request, &address).await?;
    Ok((StatusCode::CREATED, ApiJson(invitation)))
}

async fn resend(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiPath((client_id, invitation_id)): ApiPath<(i64, i64)>,
) -> Result<ApiJson<Invitation>, ApiError> {
    let item = Some(format!("invitation {invitation_id}"));
    let grant = administrator(
        &state,
        &signed_in,
        client_id,
        item,
        Action::Update,
        &address,
    )
    .await?;
    invitations::resend(&state, &signed_in, &grant, invitation_id, &address)
        .await
        .map(ApiJson)
}

async fn withdraw(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiPath((client_id, invitation_id)): ApiPath<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    let item = Some(format!("invitation {invitation_id}"));
    let grant = administrator(
        &state,
        &signed_in,
        client_id,
        item,
        Action::Remove,
        &address,
    )
    .await?;
    invitations::withdraw(&state, &signed_in, &grant, invitation_id, &address).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn change_contact(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiPath((client_id, contact_id)): ApiPath<(i64, i64)>,
    ApiJson(request): ApiJson<ContactChange>,
) -> Result<ApiJson<NetworkContact>, ApiError> {
    let item = Some(format!("contact {contact_id}"));
    let grant = administrator(
        &state,
        &signed_in,
        client_id,
        item,
        Action::Update,
        &address,
    )
    .await?;
    contacts::change(&state, &signed_in, &grant, contact_id, request, &address)
        .await
        .map(ApiJson)
}

async fn remove_contact(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiPath((client_id, contact_id)): ApiPath<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    let item = Some(format!("contact {contact_id}"));
    let grant = administrator(
        &state,
        &signed_in,
        client_id,
        item,
        Action::Remove,
        &address,
    )
    .await?;
    contacts::remove(&state, &signed_in, &grant, contact_id, &address).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn leave(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiPath(client_id): ApiPath<i64>,
    ApiJson(request): ApiJson<LeaveCircleRequest>,
) -> Result<StatusCode, ApiError> {
    let grant = guard::enter(
        &state,
        &signed_in,
        guard::Request {
            client_id,
            section: "network",
            item: None,
            action: Action::Remove,
            need: Need::Contact,
            scope: Scope::Section,
            address: &address,
        },
    )
    .await?;
    if !request.confirm {
        return Err(ApiError::ConfirmationRequired);
    }
    contacts::leave(&state, &signed_in, &grant, &address).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn lookup(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<InvitationToken>,
) -> Result<ApiJson<InvitationDetails>, ApiError> {
    invitations::details(&state, &request.token)
        .await
        .map(ApiJson)
}

async fn accept(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiJson(request): ApiJson<InvitationToken>,
) -> Result<ApiJson<PortalSummary>, ApiError> {
    invitations::accept(&state, &signed_in, &request.token, &address)
        .await
        .map(ApiJson)
}

async fn register(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<InvitationRegistration>,
) -> Result<ApiJson<RegistrationNext>, ApiError> {
    invitations::register(&state, request).await.map(ApiJson)
}
