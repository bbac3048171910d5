//! HTTP routes of the circle, relative to the API base.

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use axum::extract::State;
use axum::http::request::Parts;
use axum::http::StatusCode;
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
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(network))
        .routes(routes!(invite))
        .routes(routes!(withdraw))
        .routes(routes!(resend))
        .routes(routes!(change_contact, remove_contact))
        .routes(routes!(leave))
        .routes(routes!(lookup))
        .routes(routes!(accept))
        .routes(routes!(register))
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

/// The client's circle: contacts (every status) and open invitations. Administrator only.
#[utoipa::path(
    get, path = paths::NETWORK, tag = "network", operation_id = "get_network",
    params(("client_id" = i64, Path, description = "The client")),
    responses(
        (status = 200, description = "The circle", body = kring_api::network::Network),
        (status = 403, description = "Not the administrator (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, response = crate::responses::NoSuchPortalItem),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
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

/// Invite someone into the circle with the rights chosen here (none unless chosen, R7).
/// The link goes by e-mail, works once and for 7 days.
#[utoipa::path(
    post, path = paths::NETWORK_INVITATIONS, tag = "network",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = kring_api::network::NewInvitation,
    responses(
        (status = 201, description = "Invited; the e-mail went out", body = kring_api::network::Invitation),
        (status = 403, response = crate::responses::AdministratorOnlyChange),
        (status = 404, response = crate::responses::NoSuchPortalItem),
        (status = 409, description = "In the circle already or invited already (already-in-circle)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A name or relation that is empty (invalid-body) or too long (text-too-long), or a wrong e-mail address (email-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
        (status = 429, response = crate::responses::TooManyEmails),
    ),
    security(("session" = [])),
)]
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

/// Send an open invitation again: a new link and 7 new days; the old link stops working.
#[utoipa::path(
    post, path = paths::NETWORK_INVITATION_RESEND, tag = "network", operation_id = "resend_invitation",
    params(("client_id" = i64, Path, description = "The client"), ("invitation_id" = i64, Path, description = "The invitation")),
    responses(
        (status = 200, description = "Sent again", body = kring_api::network::Invitation),
        (status = 403, response = crate::responses::AdministratorOnlyChange),
        (status = 404, response = crate::responses::NoSuchPortalItem),
        (status = 401, response = crate::responses::SignedOut),
        (status = 429, response = crate::responses::TooManyEmails),
    ),
    security(("session" = [])),
)]
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

/// Withdraw an open invitation: its link stops working.
#[utoipa::path(
    delete, path = paths::NETWORK_INVITATION, tag = "network", operation_id = "withdraw_invitation",
    params(("client_id" = i64, Path, description = "The client"), ("invitation_id" = i64, Path, description = "The invitation")),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 403, response = crate::responses::AdministratorOnlyChange),
        (status = 404, response = crate::responses::NoSuchPortalItem),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
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

/// Change a contact's rights or relation. Takes effect on the contact's next request.
#[utoipa::path(
    patch, path = paths::NETWORK_CONTACT, tag = "network",
    params(("client_id" = i64, Path, description = "The client"), ("contact_id" = i64, Path, description = "The contact")),
    request_body = kring_api::network::ContactChange,
    responses(
        (status = 200, description = "Changed", body = kring_api::network::NetworkContact),
        (status = 403, response = crate::responses::AdministratorOnlyChange),
        (status = 404, response = crate::responses::NoSuchPortalItem),
        (status = 422, description = "A relation that is empty (invalid-body) or too long (text-too-long)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
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

/// Remove a contact from the circle. Their next request is refused.
#[utoipa::path(
    delete, path = paths::NETWORK_CONTACT, tag = "network",
    params(("client_id" = i64, Path, description = "The client"), ("contact_id" = i64, Path, description = "The contact")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, response = crate::responses::AdministratorOnlyChange),
        (status = 404, response = crate::responses::NoSuchPortalItem),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
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

/// A contact leaves the circle themselves.
#[utoipa::path(
    post, path = paths::LEAVE_CIRCLE, tag = "network", operation_id = "leave_circle",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = kring_api::network::LeaveCircleRequest,
    responses(
        (status = 204, description = "Left"),
        (status = 403, description = "The administrator cannot leave, only end the portal (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended, or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, response = crate::responses::NoSuchPortalItem),
        (status = 422, description = "confirm was not true (confirmation-required)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
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

/// What an invitation link is for: whose circle, invited by whom, with which rights.
/// A POST, so the token never appears in an address.
#[utoipa::path(
    post, path = paths::INVITATION_LOOKUP, tag = "network", operation_id = "invitation_lookup",
    request_body = kring_api::network::InvitationToken,
    responses(
        (status = 200, description = "The invitation", body = kring_api::network::InvitationDetails),
        (status = 404, description = "Unknown or withdrawn link (link-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 410, description = "Expired (link-expired) or accepted already (link-used)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, response = crate::responses::CsrfRejected),
    ),
)]
async fn lookup(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<InvitationToken>,
) -> Result<ApiJson<InvitationDetails>, ApiError> {
    invitations::details(&state, &request.token)
        .await
        .map(ApiJson)
}

/// Accept an invitation with the signed-in account.
#[utoipa::path(
    post, path = paths::INVITATION_ACCEPT, tag = "network", operation_id = "invitation_accept",
    request_body = kring_api::network::InvitationToken,
    responses(
        (status = 200, description = "Accepted; the portal as this account may use it", body = kring_api::portal::PortalSummary),
        (status = 403, description = "The invitation is for another e-mail address (invitation-other-email), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown or withdrawn link (link-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already in this circle (already-in-circle)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 410, description = "Expired (link-expired) or accepted already (link-used)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
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

/// Accept an invitation by creating an account. With the invited address an SMS code follows
/// (confirm it at `POST /activation/code`); with another address (if allowed) an activation link.
#[utoipa::path(
    post, path = paths::INVITATION_REGISTER, tag = "network", operation_id = "invitation_register",
    request_body = kring_api::network::InvitationRegistration,
    responses(
        (status = 200, description = "The next step", body = kring_api::network::RegistrationNext),
        (status = 403, description = "Another address than invited, not allowed (invitation-other-email), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown or withdrawn link (link-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "An account with this address exists: sign in instead (account-exists)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 410, description = "Expired (link-expired) or accepted already (link-used)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "email-invalid, mobile-invalid, password-too-short, password-too-common, invalid-body", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many messages to this number or address lately (too-many-messages): wait (Retry-After)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    ),
)]
async fn register(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<InvitationRegistration>,
) -> Result<ApiJson<RegistrationNext>, ApiError> {
    invitations::register(&state, request).await.map(ApiJson)
}
