//! The organisation administrators' view of messages that could not be delivered: a
//! list with the reason (never the text, which may hold a link or a code), and "try
//! again" (after the address was corrected at the provider, or the provider is back).

use axum::extract::State;
use axum::http::StatusCode;
use kring_api::staff::{UndeliveredMessage, UndeliveredMessagesQuery};
use kring_api::{dev::Channel, paths, Page, Timestamp};

use crate::outbox::{self, MessageKind};
use crate::paging::{self, PageLimit};
use crate::problem::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::staff_members::{OrganisationAdmins, StaffRequest};
use crate::state::AppState;

/// The organisation's messages that were given up, newest first (organisation
/// administrators).
#[utoipa::path(
    get, path = paths::STAFF_UNDELIVERED_MESSAGES, tag = "staff",
    operation_id = "staff_undelivered_messages",
    params(UndeliveredMessagesQuery),
    responses(
        (status = 200, description = "A page of undelivered messages", body = Page<UndeliveredMessage>),
        (status = 400, response = crate::responses::InvalidParameter),
        (status = 403, response = crate::responses::StaffOnly),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
pub async fn undelivered(
    State(state): State<AppState>,
    _admin: StaffRequest<OrganisationAdmins>,
    ApiQuery(query): ApiQuery<UndeliveredMessagesQuery>,
) -> Result<ApiJson<Page<UndeliveredMessage>>, ApiError> {
    let limit = PageLimit::parse(query.limit, UndeliveredMessagesQuery::BOUNDS)?.get();
    let offset = paging::position::<i64>(query.cursor.as_ref())?
        .unwrap_or(0)
        .max(0);
    let rows = outbox::undelivered(
        &state.db,
        state.organisation_id,
        i64::from(limit) + 1,
        offset,
    )
    .await?;
    let more = rows.len() > limit as usize;
    let items = rows
        .into_iter()
        .take(limit as usize)
        .filter_map(|row| {
            Some(UndeliveredMessage {
                id: row.id,
                channel: match row.channel.as_str() {
                    "email" => Channel::Email,
                    "sms" => Channel::Sms,
                    _ => return None,
                },
                purpose: MessageKind::from_key(&row.kind)?.purpose(),
                recipient: row.recipient,
                attempts: u32::try_from(row.attempts).unwrap_or(u32::MAX),
                reason: row.last_error.unwrap_or_default(),
                created_at: Timestamp::from(row.created_at),
            })
        })
        .collect();
    Ok(ApiJson(Page {
        items,
        next_cursor: more.then(|| paging::encode(&(offset + i64::from(limit)))),
    }))
}

/// Try to deliver an undelivered message again, from now on (organisation
/// administrators).
#[utoipa::path(
    post, path = paths::STAFF_MESSAGE_RETRY, tag = "staff",
    params(("message_id" = i64, Path, description = "The undelivered message")),
    responses(
        (status = 204, description = "Back in the queue"),
        (status = 404, description = "No undelivered message with this id (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an organisation administrator (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
pub async fn retry(
    State(state): State<AppState>,
    _admin: StaffRequest<OrganisationAdmins>,
    ApiPath(message_id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    let now = state.clock.now();
    if outbox::retry(&state.db, state.organisation_id, message_id, now).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound)
    }
}
