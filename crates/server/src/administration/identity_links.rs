//! An organisation administrator links a staff member's account to the organisation's
//! identity provider for staff (issue 18). Staff are matched by the e-mail address their
//! provider checked when it vouches for one; this is the way for the others (a provider
//! that sends no verified address, or another address than the one in Kring). The
//! administrator enters the provider's fixed id for the person (its `sub`), as the
//! provider's own administration shows it. The link is the same as one the person makes
//! themselves: shown in their account settings, where they can remove it.

use axum::extract::State;
use kring_api::dev::Channel;
use kring_api::{paths, IdentityLink, SignInGroup, StaffIdentityLinkRequest, Timestamp};

use super::queries::{self, LogEntry, Subject};
use crate::auth::messages::{self, ChangedDetail};
use crate::outbox::limits;
use crate::problem::{ApiError, ApiJson, ApiPath};
use crate::staff_members::{OrganisationAdmins, StaffRequest};
use crate::state::AppState;
use crate::text::bounded_text;

/// The longest subject accepted, in characters (OpenID Connect allows 255 ASCII).
const SUBJECT_MAX_CHARS: usize = 255;

/// Link a staff member's account to an identity provider for staff (organisation administrators): from then on that provider's sign-in with this subject signs them in. Replaces an earlier link of theirs to the same provider. Written to the administration log and the staff member's security log; the staff member is told by e-mail. Not one's own account.
#[utoipa::path(
    put, path = paths::STAFF_MEMBER_IDENTITY_LINK, tag = "administration",
    params(
        ("staff_id" = i64, Path, description = "The staff member"),
        ("provider_id" = String, Path, description = "The identity provider's id (one for staff)"),
    ),
    request_body = kring_api::identity_providers::StaffIdentityLinkRequest,
    responses(
        (status = 200, description = "Linked; the staff member was told by e-mail", body = kring_api::identity_providers::IdentityLink),
        (status = 404, description = "No such staff member in the organisation, one without an account or who has not made it yet (invited), or no identity provider for staff with this id (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "One's own account (own-account), ended (staff-member-ended), or the subject is linked to another account (provider-linked-elsewhere)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The subject is empty or longer than 255 characters (invalid-body, text-too-long)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, response = crate::responses::StaffOnlyChange),
        (status = 401, response = crate::responses::SignedOut),
        (status = 429, response = crate::responses::TooManyEmails),
    ),
    security(("session" = [])),
)]
pub async fn link(
    State(state): State<AppState>,
    request: StaffRequest<OrganisationAdmins>,
    ApiPath((staff_id, provider_id)): ApiPath<(i64, String)>,
    ApiJson(body): ApiJson<StaffIdentityLinkRequest>,
) -> Result<ApiJson<IdentityLink>, ApiError> {
    let now = state.clock.now();
    let provider = state
        .settings
        .identity_providers
        .get(&provider_id)
        .filter(|p| p.group == SignInGroup::Staff)
        .ok_or(ApiError::NotFound)?;
    let subject = bounded_text("subject", &body.subject, SUBJECT_MAX_CHARS)?;
    let (member, account) = super::members::account_acted_on(&state, &request, staff_id).await?;
    // An invited member makes their account (password and number) first: a link must
    // not let anyone in before that.
    if account.status == "pending" {
        return Err(ApiError::NotFound);
    }
    let _permit = limits::reserve(
        &state.db,
        state.settings.message_limits,
        Channel::Email,
        &account.email,
        now,
    )
    .await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::provider_sign_in::link_in(
        &mut tx,
        account.id,
        &provider.id,
        &subject,
        Some(request.signed_in.account.id),
        &format!("{} (linked by an organisation administrator)", provider.id),
        now,
    )
    .await?;
    queries::log(
        &mut *tx,
        &LogEntry {
            organisation_id: state.organisation_id,
            actor_staff_id: request.signed_in.account.staff_member_id,
            action: "identity_provider_linked",
            subject: Subject {
                staff_member_id: Some(staff_id),
                team_id: member.team_id,
                ..Subject::default()
            },
            summary: &format!("linked to identity provider {}", provider.id),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    let organisation = crate::organisation::name(&state.db, state.organisation_id).await?;
    state
        .sender
        .send(messages::sign_in_detail_changed_email(
            &account.email,
            &account.display_name,
            ChangedDetail::ProviderLinked,
            &organisation,
            account.language(),
        ))
        .await
        .map_err(|e| ApiError::Internal(format!("sending the link notice: {e}")))?;
    Ok(ApiJson(IdentityLink {
        provider_id: provider.id.clone(),
        provider_name: provider.name.clone(),
        linked_at: Timestamp::from(now),
        last_used_at: None,
    }))
}
