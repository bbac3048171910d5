//! The dev outbox endpoint (demo mode only).

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use axum::extract::State;
use kring_api::dev::{Channel, ClockAdvance, ClockNow, OutboxMessage};
use kring_api::{paths, Page, Timestamp};

use super::queries;
use crate::paging::{self, PageLimit};
use crate::problem::{ApiError, ApiJson, ApiQuery};
use crate::state::AppState;

/// The outbox route, relative to the API base.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_outbox))
        .routes(routes!(advance_clock))
}

/// Moves the demo server's clock forward, to try what happens after a number of days
/// (links expiring, access ending). Only in demo mode; otherwise 404.
#[utoipa::path(
    post, path = paths::DEV_CLOCK, tag = "dev", operation_id = "advance_dev_clock",
    request_body = kring_api::dev::ClockAdvance,
    responses(
        (status = 200, description = "The server's time after the move", body = kring_api::dev::ClockNow),
        (status = 403, response = crate::responses::CsrfRejected),
        (status = 404, description = "The server does not run in demo mode", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not 1 to 3650 days (invalid-body)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    )
)]
// Moves the demo server's clock forward. Outside demo mode this does not exist.
async fn advance_clock(
    State(state): State<AppState>,
    crate::problem::ApiJson(advance): crate::problem::ApiJson<ClockAdvance>,
) -> Result<ApiJson<ClockNow>, ApiError> {
    if !state.demo_mode {
        return Err(ApiError::NotFound);
    }
    if !(1..=3650).contains(&advance.days) {
        return Err(ApiError::InvalidBody("days must be 1 to 3650".into()));
    }
    if !state
        .clock
        .move_forward(chrono::Duration::days(i64::from(advance.days)))
    {
        return Err(ApiError::NotFound);
    }
    Ok(ApiJson(ClockNow {
        now: Timestamp::from(state.clock.now()),
    }))
}

/// Messages the development sender kept. Only in demo mode; otherwise 404.
#[utoipa::path(
    get, path = paths::DEV_OUTBOX, tag = "dev", operation_id = "list_dev_outbox",
    params(
        kring_api::dev::OutboxQuery,
    ),
    responses(
        (status = 200, description = "A page of messages, newest first", body = Page<OutboxMessage>),
        (status = 404, description = "The server does not run in demo mode", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    )
)]
async fn list_outbox(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<kring_api::dev::OutboxQuery>,
) -> Result<ApiJson<Page<OutboxMessage>>, ApiError> {
    if !state.demo_mode {
        // Outside demo mode the outbox holds real people's codes: it does not exist here.
        return Err(ApiError::NotFound);
    }
    let limit = PageLimit::parse(query.limit, kring_api::dev::OutboxQuery::BOUNDS)?.get();
    let before = paging::position(query.cursor.as_ref())?.unwrap_or(i64::MAX);
    let rows = queries::page(&state.db, before, query.to.as_deref(), i64::from(limit) + 1).await?;
    let has_more = rows.len() > limit as usize;
    let items: Vec<OutboxMessage> = rows
        .into_iter()
        .take(limit as usize)
        .map(|row| OutboxMessage {
            id: row.id,
            channel: if row.channel == "sms" {
                Channel::Sms
            } else {
                Channel::Email
            },
            to: row.recipient,
            subject: row.subject,
            body: row.body,
            sent_at: Timestamp::from(row.sent_at),
        })
        .collect();
    let next_cursor = has_more
        .then(|| items.last().map(|m| paging::encode(&m.id)))
        .flatten();
    Ok(ApiJson(Page { items, next_cursor }))
}
