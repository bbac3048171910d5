//! HTTP routes of the circle, relative to the API base.

use axum::extract::State;
use axum::http::request::Parts;
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
use crate::portals::request::NoQuery;
use crate::portals::{Need, PortalRequest, Section};
use crate::problem::{ApiError, ApiJson};
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

/// The administrator's view and changes of the circle as a whole.
struct NetworkSection;

impl Section for NetworkSection {
    type Path = i64;
    type Query = NoQuery;
    const NAME: &'static str = "network";
    const NEED: Need = Need::Administrator;
}

/// One open invitation, withdrawn by the administrator.
struct InvitationSection;

impl Section for InvitationSection {
    type Path = (i64, i64);
    type Query = NoQuery;
    const NAME: &'static str = "network";
    const NEED: Need = Need::Administrator;

    fn item(&(_, invitation_id): &(i64, i64)) -> Option<String> {
        Some(format!("invitation {invitation_id}"))
    }
}

/// One open invitation sent again: a change of the invitation, not a new one.
struct InvitationResendSection;

impl Section for InvitationResendSection {
    type Path = (i64, i64);
    type Query = NoQuery;
    const NAME: &'static str = "network";
    const NEED: Need = Need::Administrator;

    fn item(path: &(i64, i64)) -> Option<String> {
        InvitationSection::item(path)
    }

    fn action(_parts: &Parts, _query: &NoQuery) -> Action {
        Action::Update
    }
}

/// One contact in the circle, changed or removed by the administrator.
struct ContactSection;

impl Section for ContactSection {
    type Path = (i64, i64);
    type Query = NoQuery;
    const NAME: &'static str = "network";
    const NEED: Need = Need::Administrator;

    fn item(&(_, contact_id): &(i64, i64)) -> Option<String> {
        Some(format!("contact {contact_id}"))
    }
}

/// A contact leaves the circle.
struct LeaveSection;

impl Section for LeaveSection {
    type Path = i64;
    type Query = NoQuery;
    const NAME: &'static str = "network";
    const NEED: Need = Need::Contact;

    fn action(_parts: &Parts, _query: &NoQuery) -> Action {
        Action::Remove
    }
}

async fn network(
    State(state): State<AppState>,
    request: PortalRequest<NetworkSection>,
) -> Result<ApiJson<Network>, ApiError> {
    let client_id = request.client_id();
    Ok(ApiJson(Network {
        contacts: contacts::list(&state, client_id).await?,
        invitations: invitations::open_invitations(&state, client_id).await?,
    }))
}

async fn invite(
    State(state): State<AppState>,
    portal: PortalRequest<NetworkSection>,
    ApiJson(request): ApiJson<NewInvitation>,
) -> Result<(StatusCode, ApiJson<Invitation>), ApiError> {
    let invitation = invitations::invite(
        &state,
        &portal.signed_in,
        &portal.grant,
        request,
        &portal.address,
    )
    .await?;
    Ok((StatusCode::CREATED, ApiJson(invitation)))
}

async fn resend(
    State(state): State<AppState>,
    portal: PortalRequest<InvitationResendSection>,
) -> Result<ApiJson<Invitation>, ApiError> {
    let (_, invitation_id) = portal.path;
    invitations::resend(
        &state,
        &portal.signed_in,
        &portal.grant,
        invitation_id,
        &portal.address,
    )
    .await
    .map(ApiJson)
}

async fn withdraw(
    State(state): State<AppState>,
    portal: PortalRequest<InvitationSection>,
) -> Result<StatusCode, ApiError> {
    let (_, invitation_id) = portal.path;
    invitations::withdraw(
        &state,
        &portal.signed_in,
        &portal.grant,
        invitation_id,
        &portal.address,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn change_contact(
    State(state): State<AppState>,
    portal: PortalRequest<ContactSection>,
    ApiJson(request): ApiJson<ContactChange>,
) -> Result<ApiJson<NetworkContact>, ApiError> {
    let (_, contact_id) = portal.path;
    contacts::change(
        &state,
        &portal.signed_in,
        &portal.grant,
        contact_id,
        request,
        &portal.address,
    )
    .await
    .map(ApiJson)
}

async fn remove_contact(
    State(state): State<AppState>,
    portal: PortalRequest<ContactSection>,
) -> Result<StatusCode, ApiError> {
    let (_, contact_id) = portal.path;
    contacts::remove(
        &state,
        &portal.signed_in,
        &portal.grant,
        contact_id,
        &portal.address,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn leave(
    State(state): State<AppState>,
    portal: PortalRequest<LeaveSection>,
    ApiJson(request): ApiJson<LeaveCircleRequest>,
) -> Result<StatusCode, ApiError> {
    if !request.confirm {
        return Err(ApiError::ConfirmationRequired);
    }
    contacts::leave(&state, &portal.signed_in, &portal.grant, &portal.address).await?;
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
