//! A lost phone: a care professional of the client's team (or an organisation
//! administrator) resets the second factor of someone with access to the client's
//! portal, after checking who they are outside the portal (issue 18).

use axum::extract::State;
use axum::http::StatusCode;
use kring_api::dev::Channel;
use kring_api::{paths, Accepted, PortalSecondFactorReset};

use super::queries;
use crate::access_log;
use crate::auth::accounts::{self, normalize_email};
use crate::auth::recovery;
use crate::outbox::limits;
use crate::problem::{ApiError, ApiJson};
use crate::staff_members::StaffClientRequest;
use crate::state::AppState;

/// Reset the second factor of the client's administrator, representative or a contact
/// (a lost phone), named by their e-mail address. Every session of theirs ends; the
/// reset is logged with who did it and why (their security log and the client's access
/// log), and they are told by e-mail. At their next sign-in the password alone opens a
/// session that must set up a new number first.
#[utoipa::path(
    post, path = paths::STAFF_CLIENT_SECOND_FACTOR_RESET, tag = "staff",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = kring_api::account::PortalSecondFactorReset,
    responses(
        (status = 200, description = "Reset; the person was told by e-mail", body = kring_api::auth::Accepted),
        (status = 404, description = "Not a client of the staff member's team, or nobody with this address has access to the client's portal (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not an e-mail address (email-invalid), or no reason (invalid-body, text-too-long)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, response = crate::responses::StaffOnlyChange),
        (status = 401, response = crate::responses::SignedOut),
        (status = 429, response = crate::responses::TooManyEmails),
    ),
    security(("session" = [])),
)]
pub async fn reset(
    State(state): State<AppState>,
    staff: StaffClientRequest,
    ApiJson(request): ApiJson<PortalSecondFactorReset>,
) -> Result<(StatusCode, ApiJson<Accepted>), ApiError> {
    let now = state.clock.now();
    let client_id = staff.client_id();
    let email = normalize_email(&request.email)?;
    let reason = recovery::checked_reason(&request.reason)?;
    let account_id = queries::portal_person_account(&state.db, client_id, &email)
        .await?
        .ok_or(ApiError::NotFound)?;
    let account = accounts::by_id(&state.db, state.organisation_id, account_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let _permit = limits::reserve(
        &state.db,
        state.settings.message_limits,
        Channel::Email,
        &account.email,
        now,
    )
    .await?;
    let actor = &staff.signed_in.account;
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    recovery::reset_second_factor(&mut tx, &account, actor.id, &reason, now).await?;
    turn.append_in(
        &mut tx,
        &access_log::Entry {
            actor: access_log::Actor::account(actor),
            client_id: Some(client_id),
            section: "staff",
            item: Some(format!("account:{}", account.id)),
            action: access_log::Action::Update,
            outcome: access_log::Outcome::Allowed,
            detail: Some("second_factor_reset"),
            address: Some(&staff.address),
        },
    )
    .await?;
    tx.commit().await?;
    recovery::tell_person(&state, &account).await?;
    Ok((StatusCode::OK, ApiJson(Accepted { accepted: true })))
}
