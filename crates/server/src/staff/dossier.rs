//! What staff write into a client's dossier: reports (released now or later) and the
//! end of the care relation (R4, R11). Every change lands in the client's access log.

use axum::extract::State;
use axum::http::StatusCode;
use chrono::NaiveDate;
use kring_api::paths;
use kring_api::{CareRelationEnd, CareRelationEnded, NewReport, ReportRelease, StaffReport};
use kring_api::{Day, Timestamp};

use super::queries::{
    self, CareRelationTerms, NewPlanDomain, NewPlanGoal, NewReportRow, StaffReportRow,
};
use crate::access_log::{self, Action, Actor, Entry};
use crate::auth::SignedIn;
use crate::portals::access::access_ends_on;
use crate::problem::{ApiError, ApiJson};
use crate::staff_members::{AnyStaff, StaffClientRequest};
use crate::state::AppState;
use crate::text::bounded_text;

/// The longest report, in characters.
pub const REPORT_MAX_CHARS: usize = 10_000;

fn entry<'a>(
    signed_in: &SignedIn,
    client_id: i64,
    section: &'a str,
    item: String,
    action: Action,
    detail: Option<&'a str>,
    address: &'a str,
) -> Entry<'a> {
    let entry = Entry::allowed(
        Actor::account(&signed_in.account),
        client_id,
        section,
        action,
    )
    .item(item)
    .from(address);
    match detail {
        Some(detail) => entry.detail(detail),
        None => entry,
    }
}

/// The care relation ended, or the client died: portal access ends the organisation's
/// grace days after the earlier date (R4). Answers the day access ends.
#[utoipa::path(
    post, path = paths::STAFF_CARE_RELATION_END, tag = "staff", operation_id = "staff_end_care_relation",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = kring_api::staff::CareRelationEnd,
    responses(
        (status = 200, description = "Recorded", body = kring_api::staff::CareRelationEnded),
        (status = 403, response = crate::responses::StaffOnlyChange),
        (status = 404, response = crate::responses::NotTeamClient),
        (status = 422, description = "No date, a wrong date, or one before the care relation started (invalid-body)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
// Records the end of the care relation and/or the day of death; answers when access
// ends. Access then ends by itself on that day (the lifecycle job and every request's
// check use the same rule).
pub async fn end_care_relation(
    State(state): State<AppState>,
    staff_request: StaffClientRequest,
    ApiJson(request): ApiJson<CareRelationEnd>,
) -> Result<ApiJson<CareRelationEnded>, ApiError> {
    let StaffClientRequest {
        signed_in,
        address,
        path: client_id,
        ..
    } = staff_request;
    let ended_on = request.ended_on.map(NaiveDate::from);
    let deceased_on = request.deceased_on.map(NaiveDate::from);
    if ended_on.is_none() && deceased_on.is_none() {
        return Err(ApiError::InvalidBody(
            "give ended_on, deceased_on, or both".into(),
        ));
    }
    let CareRelationTerms {
        care_relation_start: start,
        access_grace_days: grace_days,
    } = queries::care_relation_terms(&state.db, client_id).await?;
    if [ended_on, deceased_on]
        .into_iter()
        .flatten()
        .any(|d| d < start)
    {
        return Err(ApiError::InvalidBody(
            "a date before the care relation started".into(),
        ));
    }
    let ends = access_ends_on(ended_on, deceased_on, grace_days)
        .ok_or_else(|| ApiError::Internal("no end date".into()))?;
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    record_end_logged(
        &turn,
        &mut tx,
        &signed_in,
        &address,
        client_id,
        ended_on,
        deceased_on,
    )
    .await?;
    tx.commit().await?;
    Ok(ApiJson(CareRelationEnded {
        access_ends_on: Day::from(ends),
        grace_days: grace_days.max(0) as u32,
    }))
}

/// Records the end of care and/or the day of death in `tx`, with its entry in the
/// client's access log (a date not given keeps what was recorded). The caller checked
/// the dates against the start of care.
pub async fn record_end_logged(
    turn: &access_log::Turn<'_>,
    tx: &mut sqlx::Transaction<'static, crate::db::Db>,
    signed_in: &SignedIn,
    address: &str,
    client_id: i64,
    ended_on: Option<NaiveDate>,
    deceased_on: Option<NaiveDate>,
) -> Result<(), ApiError> {
    let detail = format!(
        "ended_on={};deceased_on={}",
        ended_on.map(|d| d.to_string()).unwrap_or_default(),
        deceased_on.map(|d| d.to_string()).unwrap_or_default()
    );
    queries::record_care_relation_end(tx, client_id, ended_on, deceased_on).await?;
    turn.append_in(
        tx,
        &entry(
            signed_in,
            client_id,
            "client",
            format!("client {client_id}"),
            Action::Update,
            Some(&detail),
            address,
        ),
    )
    .await
}

impl From<StaffReportRow> for StaffReport {
    fn from(row: StaffReportRow) -> Self {
        StaffReport {
            id: row.id,
            written_at: Timestamp::from(row.written_at),
            author_name: row.author_name,
            category: row.category.0,
            body: row.body,
            released: row.released_to_portal,
        }
    }
}

async fn staff_report(
    state: &AppState,
    client_id: i64,
    report_id: i64,
) -> Result<StaffReport, ApiError> {
    let row = queries::staff_report(&state.db, client_id, report_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(row.into())
}

/// A client's reports for staff, released or not, newest first; a staff read in the
/// client's access log.
#[utoipa::path(
    get, path = paths::STAFF_REPORTS, tag = "staff", operation_id = "staff_list_reports",
    params(("client_id" = i64, Path, description = "The client"), kring_api::staff::StaffReportQuery),
    responses(
        (status = 200, description = "A page of reports", body = kring_api::Page<StaffReport>),
        (status = 400, response = crate::responses::InvalidParameter),
        (status = 403, response = crate::responses::StaffOnly),
        (status = 404, response = crate::responses::NotTeamClient),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
// A client's reports for staff, released or not (never the shielded ones: those are
// for the dossier system, not this portal). A staff read, so it is in the client's
// access log (R23).
pub async fn list_reports(
    State(state): State<AppState>,
    staff_request: StaffClientRequest,
    crate::problem::ApiQuery(query): crate::problem::ApiQuery<kring_api::staff::StaffReportQuery>,
) -> Result<ApiJson<kring_api::Page<StaffReport>>, ApiError> {
    let StaffClientRequest {
        signed_in,
        address,
        path: client_id,
        ..
    } = staff_request;
    let limit =
        crate::paging::PageLimit::parse(query.limit, kring_api::staff::StaffReportQuery::BOUNDS)?
            .get();
    let after: Option<queries::StaffReportPosition> =
        crate::paging::position(query.cursor.as_ref())?;
    access_log::append(
        &state,
        entry(
            &signed_in,
            client_id,
            "reports",
            format!("client {client_id}"),
            Action::Read,
            None,
            &address,
        ),
    )
    .await?;
    let rows = queries::staff_reports(&state.db, client_id, after, i64::from(limit) + 1).await?;
    let (rows, next_cursor) = crate::paging::take_page(rows, limit, |r| (r.written_at, r.id));
    let items = rows.into_iter().map(StaffReport::from).collect();
    Ok(ApiJson(kring_api::Page { items, next_cursor }))
}

/// Write a report for a client; released now, or later.
#[utoipa::path(
    post, path = paths::STAFF_REPORTS, tag = "staff", operation_id = "staff_write_report",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = kring_api::staff::NewReport,
    responses(
        (status = 201, description = "Written", body = kring_api::staff::StaffReport),
        (status = 403, response = crate::responses::StaffOnlyChange),
        (status = 404, response = crate::responses::NotTeamClient),
        (status = 422, description = "Empty (invalid-body), too long (text-too-long) or an unknown life domain (invalid-body)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
// A staff member writes a report; released now, it appears for the client and the
// contacts with the reports right at their next request.
pub async fn write_report(
    State(state): State<AppState>,
    staff_request: StaffClientRequest,
    ApiJson(request): ApiJson<NewReport>,
) -> Result<(StatusCode, ApiJson<StaffReport>), ApiError> {
    let StaffClientRequest {
        signed_in,
        address,
        path: client_id,
        ..
    } = staff_request;
    let author = signed_in
        .account
        .staff_member_id
        .ok_or(ApiError::Forbidden)?;
    let body = bounded_text("body", &request.body, REPORT_MAX_CHARS)?;
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let id = queries::insert_report(
        &mut tx,
        &NewReportRow {
            client_id,
            author_id: author,
            written_at: state.clock.now(),
            category: request.category.as_str(),
            body: &body,
            released: request.release,
        },
    )
    .await?;
    turn.append_in(
        &mut tx,
        &entry(
            &signed_in,
            client_id,
            "reports",
            format!("report {id}"),
            Action::Create,
            Some(if request.release {
                "released"
            } else {
                "not_released"
            }),
            &address,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(staff_report(&state, client_id, id).await?),
    ))
}

/// Release a report written for later to the portal.
#[utoipa::path(
    patch, path = paths::STAFF_REPORT, tag = "staff", operation_id = "staff_release_report",
    params(("client_id" = i64, Path, description = "The client"), ("report_id" = i64, Path, description = "The report")),
    request_body = kring_api::staff::ReportRelease,
    responses(
        (status = 200, description = "Released", body = kring_api::staff::StaffReport),
        (status = 403, response = crate::responses::StaffOnlyChange),
        (status = 404, response = crate::responses::NotTeamClient),
        (status = 422, description = "released was not true (invalid-body)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
// Releases a report that was written for later.
pub async fn release_report(
    State(state): State<AppState>,
    staff_request: StaffClientRequest<AnyStaff, (i64, i64)>,
    ApiJson(request): ApiJson<ReportRelease>,
) -> Result<ApiJson<StaffReport>, ApiError> {
    let StaffClientRequest {
        signed_in,
        address,
        path: (client_id, report_id),
        ..
    } = staff_request;
    if !request.released {
        return Err(ApiError::InvalidBody(
            "a released report cannot be taken back; ask for it to be shielded".into(),
        ));
    }
    let report = staff_report(&state, client_id, report_id).await?;
    if report.released {
        return Ok(ApiJson(report));
    }
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    queries::release_report(&mut tx, report_id).await?;
    turn.append_in(
        &mut tx,
        &entry(
            &signed_in,
            client_id,
            "reports",
            format!("report {report_id}"),
            Action::Update,
            Some("released"),
            &address,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(ApiJson(staff_report(&state, client_id, report_id).await?))
}

/// The longest goal or action text, in characters.
const PLAN_TEXT_MAX_CHARS: usize = 1000;

/// A new version of a client's care plan (domains, goals, agreed actions, evaluation
/// dates). The plan in force until then ends the day before; it stays readable.
#[utoipa::path(
    post, path = paths::STAFF_CARE_PLANS, tag = "staff", operation_id = "staff_new_care_plan",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = kring_api::staff::NewCarePlan,
    responses(
        (status = 201, description = "The new plan, as the portal shows it", body = kring_api::dossier::CarePlan),
        (status = 403, response = crate::responses::StaffOnlyChange),
        (status = 404, response = crate::responses::NotTeamClient),
        (status = 422, description = "No domains or goals, a wrong date, an evaluation before the start, a start not after the latest plan's, or a text too long (invalid-body, text-too-long)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
// A new version of the care plan: it is in force from its first day; the plan in force
// until then ends the day before and stays readable as an earlier version. Appears
// for the client and the contacts with the care-plan right at their next request.
pub async fn new_care_plan(
    State(state): State<AppState>,
    staff_request: StaffClientRequest,
    ApiJson(request): ApiJson<kring_api::NewCarePlan>,
) -> Result<(StatusCode, ApiJson<kring_api::CarePlan>), ApiError> {
    use kring_api::GoalStatus;
    let StaffClientRequest {
        signed_in,
        address,
        path: client_id,
        ..
    } = staff_request;
    let start = NaiveDate::from(request.period_start);
    if request.domains.is_empty() || request.domains.iter().any(|d| d.goals.is_empty()) {
        return Err(ApiError::InvalidBody(
            "a plan has at least one life domain, each with at least one goal".into(),
        ));
    }
    // Everything is checked before anything is written.
    let mut checked = Vec::new();
    for domain in &request.domains {
        let mut goals = Vec::new();
        for goal in &domain.goals {
            let text = bounded_text("text", &goal.text, PLAN_TEXT_MAX_CHARS)?;
            let from = NaiveDate::from(goal.start_date);
            let evaluation = NaiveDate::from(goal.evaluation_date);
            if evaluation < from {
                return Err(ApiError::InvalidBody(
                    "an evaluation date before the goal's start".into(),
                ));
            }
            let status = match goal.status {
                GoalStatus::Active => "active",
                GoalStatus::Achieved => "achieved",
                GoalStatus::Stopped => "stopped",
            };
            let mut actions = Vec::new();
            for action in &goal.actions {
                actions.push([
                    bounded_text("what", &action.what, PLAN_TEXT_MAX_CHARS)?,
                    bounded_text("who", &action.who, 200)?,
                    bounded_text("how_often", &action.how_often, 200)?,
                ]);
            }
            goals.push(NewPlanGoal {
                text,
                status,
                from,
                evaluation,
                actions,
            });
        }
        checked.push(NewPlanDomain {
            domain: domain.domain.as_str(),
            goals,
        });
    }
    let latest_start = queries::latest_plan_start(&state.db, client_id).await?;
    if latest_start.is_some_and(|latest| start <= latest) {
        return Err(ApiError::InvalidBody(
            "a new plan starts after the latest plan's first day".into(),
        ));
    }
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    queries::end_plans_from(&mut tx, client_id, start).await?;
    let plan_id =
        queries::insert_care_plan(&mut tx, client_id, start, state.clock.now(), &checked).await?;
    turn.append_in(
        &mut tx,
        &entry(
            &signed_in,
            client_id,
            "care_plan",
            format!("care plan {plan_id}"),
            Action::Create,
            None,
            &address,
        ),
    )
    .await?;
    tx.commit().await?;
    let plan = crate::dossier::care_plan_of(&state.db, client_id, Some(plan_id))
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, ApiJson(plan)))
}

/// The care plan in force for a client, to start a new version from; a staff read in
/// the client's access log.
#[utoipa::path(
    get, path = paths::STAFF_CARE_PLAN, tag = "staff", operation_id = "staff_care_plan",
    params(("client_id" = i64, Path, description = "The client")),
    responses(
        (status = 200, description = "The plan in force (or the newest)", body = kring_api::dossier::CarePlan),
        (status = 403, response = crate::responses::StaffOnly),
        (status = 404, description = "Not a client of the staff member's team, or no plan yet (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
// The care plan in force (or the newest), for staff starting a new version. A staff
// read, so it is in the client's access log (R23). No plan yet: not found.
pub async fn care_plan(
    State(state): State<AppState>,
    staff_request: StaffClientRequest,
) -> Result<ApiJson<kring_api::CarePlan>, ApiError> {
    let StaffClientRequest {
        signed_in,
        address,
        path: client_id,
        ..
    } = staff_request;
    let plan = crate::dossier::care_plan::care_plan(&state.db, client_id, None)
        .await?
        .ok_or(ApiError::NotFound)?;
    access_log::append(
        &state,
        entry(
            &signed_in,
            client_id,
            "care_plan",
            format!("plan {}", plan.id),
            Action::Read,
            None,
            &address,
        ),
    )
    .await?;
    Ok(ApiJson(plan))
}
