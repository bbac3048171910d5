//! Correction requests (R24): the administrator asks to correct, add, remove or shield
//! something; the personal counsellor handles it within the organisation's deadline.
//! Filing or answering never touches the item itself (R17).

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use axum::extract::State;
use chrono::{Duration, NaiveDate};
use kring_api::dossier::{
    CorrectionKind, CorrectionRequest, CorrectionStatus, CorrectionTarget, CorrectionUpdate,
    NewCorrectionRequest,
};
use kring_api::{paths, Page, Timestamp};

use super::queries::{self, Answer, InboxFilter, NewRequestRow, RequestRow};
use super::{care_plan, reports};
use crate::access_log::{self, Action, Actor, Entry, Outcome};
use crate::db::Pool;
use crate::paging::{self, PageLimit};
use crate::portals::{PortalRequest, Section};
use crate::problem::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::staff_members::StaffRequest;
use crate::state::AppState;

fn kind_key(kind: CorrectionKind) -> &'static str {
    match kind {
        CorrectionKind::Correct => "correct",
        CorrectionKind::Add => "add",
        CorrectionKind::Remove => "remove",
        CorrectionKind::Shield => "shield",
    }
}

fn status_key(status: CorrectionStatus) -> &'static str {
    match status {
        CorrectionStatus::Submitted => "submitted",
        CorrectionStatus::InProgress => "in_progress",
        CorrectionStatus::Done => "done",
        CorrectionStatus::Declined => "declined",
    }
}

fn to_request(row: RequestRow, today: NaiveDate) -> CorrectionRequest {
    let status = match row.status.as_str() {
        "in_progress" => CorrectionStatus::InProgress,
        "done" => CorrectionStatus::Done,
        "declined" => CorrectionStatus::Declined,
        _ => CorrectionStatus::Submitted,
    };
    let open = matches!(
        status,
        CorrectionStatus::Submitted | CorrectionStatus::InProgress
    );
    CorrectionRequest {
        id: row.id,
        kind: match row.kind.as_str() {
            "add" => CorrectionKind::Add,
            "remove" => CorrectionKind::Remove,
            "shield" => CorrectionKind::Shield,
            _ => CorrectionKind::Correct,
        },
        target: match (row.target_type.as_str(), row.target_id) {
            ("report", Some(id)) => CorrectionTarget::Report { id },
            ("goal", Some(id)) => CorrectionTarget::Goal { id },
            _ => CorrectionTarget::General,
        },
        text: row.text,
        status,
        filed_at: Timestamp::from(row.filed_at),
        due_on: row.due_on.into(),
        overdue: open && today > row.due_on,
        answer: row.answer,
        answered_at: row.answered_at.map(Timestamp::from),
        client_name: row.client_name,
        client_id: row.client_id,
    }
}

/// Files a request; the target must be an item the administrator can see. The request
/// and its access-log entry are stored in one transaction.
pub async fn file<S: Section>(
    state: &AppState,
    portal: &PortalRequest<S>,
    request: &NewCorrectionRequest,
) -> Result<CorrectionRequest, ApiError> {
    let client_id = portal.client_id();
    let text = request.text.trim();
    if text.is_empty() || text.chars().count() > 2000 {
        return Err(ApiError::InvalidBody(
            "text must be 1 to 2000 characters".into(),
        ));
    }
    let (target_type, target_id) = match request.target {
        CorrectionTarget::Report { id } => ("report", Some(id)),
        CorrectionTarget::Goal { id } => ("goal", Some(id)),
        CorrectionTarget::General => ("general", None),
    };
    let target_exists = match request.target {
        CorrectionTarget::Report { id } => reports::visible(&state.db, client_id, id).await?,
        CorrectionTarget::Goal { id } => {
            care_plan::goal_of_client(&state.db, client_id, id).await?
        }
        CorrectionTarget::General => true,
    };
    let item = target_id.map(|id| format!("{target_type} {id}"));
    if !target_exists {
        // A request about something hidden or not there is refused like any other
        // attempt to reach it, and logged as such.
        let mut entry = portal.change(item, Action::Create);
        entry.outcome = Outcome::Refused;
        entry.detail = Some("not-found");
        access_log::append(state, entry).await?;
        return Err(ApiError::NotFound);
    }
    let now = state.clock.now();
    let deadline = queries::deadline_days(&state.db, client_id).await?;
    let due_on = now.date_naive() + Duration::days(deadline);
    let turn = access_log::turn(state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let id = queries::insert(
        &mut tx,
        &NewRequestRow {
            client_id,
            filed_by: portal.account().id,
            kind: kind_key(request.kind),
            target_type,
            target_id,
            text,
            filed_at: now,
            due_on,
        },
    )
    .await?;
    let mut entry = portal.change(Some(id.to_string()), Action::Create);
    entry.detail = Some(kind_key(request.kind));
    turn.append_in(&mut tx, &entry).await?;
    tx.commit().await?;
    drop(turn);
    by_id(&state.db, id, now.date_naive())
        .await?
        .ok_or_else(|| ApiError::Internal("the filed request vanished".into()))
}

async fn by_id(
    db: &Pool,
    id: i64,
    today: NaiveDate,
) -> Result<Option<CorrectionRequest>, ApiError> {
    let row = queries::by_id(db, id).await?;
    Ok(row.map(|r| to_request(r, today)))
}

/// The client's requests, newest first.
pub async fn list_for_client(
    db: &Pool,
    client_id: i64,
    before: Option<i64>,
    limit: u32,
    today: NaiveDate,
) -> Result<Page<CorrectionRequest>, ApiError> {
    let rows = queries::for_client(
        db,
        client_id,
        before.unwrap_or(i64::MAX),
        i64::from(limit) + 1,
    )
    .await?;
    Ok(page(rows, limit, today))
}

fn page(rows: Vec<RequestRow>, limit: u32, today: NaiveDate) -> Page<CorrectionRequest> {
    let (rows, next_cursor) = paging::take_page(rows, limit, |r| r.id);
    Page {
        items: rows.into_iter().map(|r| to_request(r, today)).collect(),
        next_cursor,
    }
}

/// Staff routes for correction requests, relative to the API base.
pub fn staff_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(staff_list))
        .routes(routes!(staff_update))
}

/// The organisation's correction requests, soonest due first (a care professional sees
/// their team's clients).
#[utoipa::path(
    get, path = paths::STAFF_CORRECTION_REQUESTS, tag = "staff", operation_id = "staff_list_correction_requests",
    params(
        kring_api::dossier::StaffCorrectionRequestQuery,
    ),
    responses(
        (status = 200, description = "A page of correction requests, with the client's name", body = Page<CorrectionRequest>),
        (status = 403, response = crate::responses::StaffOnly),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
// The requests of the staff member's team's clients (all, for the organisation's
// administrators), soonest due first; `open=true` leaves out handled ones.
// The inbox. Reading requests is a staff read of each client's data, so each client
// shown gets an entry in their access log (R23).
async fn staff_list(
    State(state): State<AppState>,
    staff_request: StaffRequest,
    crate::request_guard::ClientAddress(address): crate::request_guard::ClientAddress,
    ApiQuery(query): ApiQuery<kring_api::dossier::StaffCorrectionRequestQuery>,
) -> Result<ApiJson<Page<CorrectionRequest>>, ApiError> {
    let StaffRequest {
        staff, signed_in, ..
    } = staff_request;
    let limit = PageLimit::parse(
        query.limit,
        kring_api::dossier::StaffCorrectionRequestQuery::BOUNDS,
    )?
    .get();
    let offset = paging::position::<i64>(query.cursor.as_ref())?
        .unwrap_or(0)
        .max(0);
    let (team_only, team_id) = crate::staff_members::team_filter(&staff);
    let filter = InboxFilter {
        organisation_id: state.organisation_id,
        team_only,
        team_id,
        open_only: query.open.unwrap_or(false),
    };
    let rows = queries::inbox(&state.db, &filter, i64::from(limit) + 1, offset).await?;
    let today = state.clock.today();
    let more = rows.len() > limit as usize;
    let mut result = page(rows, limit, today);
    result.next_cursor = more.then(|| paging::encode(&(offset + i64::from(limit))));
    let mut clients: Vec<i64> = result.items.iter().filter_map(|r| r.client_id).collect();
    clients.sort_unstable();
    clients.dedup();
    for client_id in clients {
        access_log::append(
            &state,
            Entry::allowed(
                Actor::account(&signed_in.account),
                client_id,
                "correction_requests",
                Action::Read,
            )
            .from(&address),
        )
        .await?;
    }
    Ok(ApiJson(result))
}

/// Set a correction request's status and answer; closing (done, declined) needs an answer.
#[utoipa::path(
    patch, path = paths::STAFF_CORRECTION_REQUEST, tag = "staff", operation_id = "staff_update_correction_request",
    params(("id" = i64, Path, description = "The correction request")),
    request_body = kring_api::dossier::CorrectionUpdate,
    responses(
        (status = 200, description = "The updated request", body = kring_api::dossier::CorrectionRequest),
        (status = 403, response = crate::responses::StaffOnlyChange),
        (status = 404, description = "No such request for this staff member (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Closing without an answer, or an answer over 4000 characters (invalid-body)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
// Staff set the status and answer; the answer is required to close a request.
async fn staff_update(
    State(state): State<AppState>,
    staff_request: StaffRequest,
    ApiPath(id): ApiPath<i64>,
    ApiJson(update): ApiJson<CorrectionUpdate>,
) -> Result<ApiJson<CorrectionRequest>, ApiError> {
    let StaffRequest { staff, .. } = staff_request;
    let today = state.clock.today();
    let client_id = queries::client_of(&state.db, id, state.organisation_id).await?;
    let client_id = client_id.ok_or(ApiError::NotFound)?;
    staff.check_client_team(&state, client_id).await?;
    let answer = update
        .answer
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty());
    let closing = matches!(
        update.status,
        CorrectionStatus::Done | CorrectionStatus::Declined
    );
    if closing && answer.is_none() {
        return Err(ApiError::InvalidBody(
            "an answer is required to close a request".into(),
        ));
    }
    if answer.is_some_and(|a| a.chars().count() > 4000) {
        return Err(ApiError::InvalidBody(
            "the answer may be at most 4000 characters".into(),
        ));
    }
    let staff_member = queries::staff_member_of(&state.db, staff.account_id).await?;
    let account = crate::auth::accounts::by_id(&state.db, state.organisation_id, staff.account_id)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    queries::answer(
        &mut tx,
        id,
        &Answer {
            status: status_key(update.status),
            answer,
            answered_by: staff_member,
            now: state.clock.now(),
        },
    )
    .await?;
    turn.append_in(
        &mut tx,
        &Entry {
            actor: Actor::account(&account),
            client_id: Some(client_id),
            section: "correction_requests",
            item: Some(id.to_string()),
            action: Action::Update,
            outcome: Outcome::Allowed,
            detail: Some(status_key(update.status)),
            address: None,
        },
    )
    .await?;
    tx.commit().await?;
    drop(turn);
    by_id(&state.db, id, today)
        .await?
        .map(ApiJson)
        .ok_or(ApiError::NotFound)
}
