//! HTTP routes of the dossier, relative to the API base.

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use axum::extract::State;
use axum::http::request::Parts;
use axum::http::StatusCode;
use chrono::NaiveDate;
use kring_api::dossier::{
    AccessLogEntry, CarePlan, CorrectionRequest, NewCorrectionRequest, Report, ReportPage,
};
use kring_api::dossier::{AccessLogQuery, CorrectionRequestQuery, ReportQuery};
use kring_api::{paths, Page};

use super::access_view::{self, AccessFilter};

use super::reports::{self, ReportFilter, ReportPosition};
use super::{care_plan, corrections};
use crate::access_log::Action;
use crate::paging::{self, PageLimit};
use crate::portals::request::{NoQuery, PortalQuery};
use crate::portals::{Need, PortalRequest, Refusal, Section};
use crate::problem::{ApiError, ApiJson, ApiQuery};
use crate::state::AppState;
use crate::visits::{self, Visited};

/// The dossier routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(current_care_plan))
        .routes(routes!(care_plan_version))
        .routes(routes!(list_reports))
        .routes(routes!(one_report))
        .routes(routes!(list_correction_requests, file_correction_request))
        .routes(routes!(access_log))
}

/// The care plan in force.
struct CarePlanSection;

impl Section for CarePlanSection {
    type Path = i64;
    type Query = NoQuery;
    const NAME: &'static str = "care_plan";
    const NEED: Need = Need::Right(|r| r.care_plan);
}

/// One care plan, also an earlier one.
struct CarePlanVersionSection;

impl Section for CarePlanVersionSection {
    type Path = (i64, i64);
    type Query = NoQuery;
    const NAME: &'static str = "care_plan";
    const NEED: Need = Need::Right(|r| r.care_plan);
    const REFUSAL: Refusal = Refusal::NotFound;

    fn item(&(_, plan_id): &(i64, i64)) -> Option<String> {
        Some(plan_id.to_string())
    }
}

/// The client's care plan in force: life domains, goals in the client's words, agreed
/// actions, earlier versions and the personal counsellor. Needs the care-plan right.
#[utoipa::path(
    get, path = paths::CARE_PLAN, tag = "dossier", operation_id = "get_care_plan",
    params(("client_id" = i64, Path, description = "The client")),
    responses(
        (status = 200, description = "The care plan", body = kring_api::dossier::CarePlan),
        (status = 403, description = "Without the right (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a portal of this account, or no care plan yet (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn current_care_plan(
    State(state): State<AppState>,
    request: PortalRequest<CarePlanSection>,
) -> Result<ApiJson<CarePlan>, ApiError> {
    care_plan::care_plan(&state.db, request.client_id(), None)
        .await?
        .map(ApiJson)
        .ok_or(ApiError::NotFound)
}

/// One version of the client's care plan (current or earlier).
#[utoipa::path(
    get, path = paths::CARE_PLAN_VERSION, tag = "dossier", operation_id = "get_care_plan_version",
    params(
        ("client_id" = i64, Path, description = "The client"),
        ("plan_id" = i64, Path, description = "The plan version"),
    ),
    responses(
        (status = 200, description = "The care plan version", body = kring_api::dossier::CarePlan),
        (status = 403, description = "terms-not-accepted, access-ended, portal-ended, portal-suspended", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such plan for this client, or without the right (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn care_plan_version(
    State(state): State<AppState>,
    request: PortalRequest<CarePlanVersionSection>,
) -> Result<ApiJson<CarePlan>, ApiError> {
    let (client_id, plan_id) = request.path;
    care_plan::care_plan(&state.db, client_id, Some(plan_id))
        .await?
        .map(ApiJson)
        .ok_or(ApiError::NotFound)
}

/// The report list's query, checked.
struct ReportListQuery {
    filter: ReportFilter,
    after: Option<ReportPosition>,
    limit: u32,
}

impl PortalQuery for ReportListQuery {
    fn from_parts(parts: &Parts) -> Result<Self, ApiError> {
        let ApiQuery(query) = ApiQuery::<ReportQuery>::from_uri(&parts.uri)?;
        let limit = PageLimit::parse(query.limit, ReportQuery::BOUNDS)?.get();
        let filter = ReportFilter {
            category: query.category,
            from: query.from.map(NaiveDate::from),
            to: query.to.map(NaiveDate::from),
            words: query
                .q
                .as_deref()
                .map(reports::search_words)
                .unwrap_or_default(),
        };
        let after = paging::position(query.cursor.as_ref())?;
        Ok(ReportListQuery {
            filter,
            after,
            limit,
        })
    }
}

/// The reports, read or searched.
struct ReportsSection;

impl Section for ReportsSection {
    type Path = i64;
    type Query = ReportListQuery;
    const NAME: &'static str = "reports";
    const NEED: Need = Need::Right(|r| r.reports);

    fn action(_parts: &Parts, query: &ReportListQuery) -> Action {
        if query.filter.words.is_empty() {
            Action::Read
        } else {
            Action::Search
        }
    }
}

/// The client's progress reports released to the portal, newest first. Shielded reports
/// are never included, also not in search results. Needs the reports right.
#[utoipa::path(
    get, path = paths::REPORTS, tag = "dossier",
    params(
        ("client_id" = i64, Path, description = "The client"), kring_api::dossier::ReportQuery,
    ),
    responses(
        (status = 200, description = "A page of reports", body = kring_api::dossier::ReportPage),
        (status = 400, response = crate::responses::InvalidParameter),
        (status = 403, description = "Without the right (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, response = crate::responses::NoSuchPortal),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn list_reports(
    State(state): State<AppState>,
    request: PortalRequest<ReportsSection>,
) -> Result<ApiJson<ReportPage>, ApiError> {
    let client_id = request.client_id();
    let account_id = request.account().id;
    let ReportListQuery {
        filter,
        after,
        limit,
    } = &request.query;
    let now = state.clock.now();
    let new_since = visits::new_since(
        &state.db,
        account_id,
        client_id,
        Visited::Reports,
        now,
        after.is_none(),
    )
    .await?;
    let (items, next_cursor) =
        reports::list(&state.db, client_id, filter, *after, *limit, new_since).await?;
    Ok(ApiJson(ReportPage {
        page: Page { items, next_cursor },
        counsellor: care_plan::counsellor(&state.db, client_id).await?,
    }))
}

/// One report.
struct ReportSection;

impl Section for ReportSection {
    type Path = (i64, i64);
    type Query = NoQuery;
    const NAME: &'static str = "report";
    const NEED: Need = Need::Right(|r| r.reports);
    const REFUSAL: Refusal = Refusal::NotFound;

    fn item(&(_, report_id): &(i64, i64)) -> Option<String> {
        Some(report_id.to_string())
    }
}

/// One progress report.
#[utoipa::path(
    get, path = paths::REPORT, tag = "dossier", operation_id = "get_report",
    params(
        ("client_id" = i64, Path, description = "The client"),
        ("report_id" = i64, Path, description = "The report"),
    ),
    responses(
        (status = 200, description = "The report", body = kring_api::dossier::Report),
        (status = 403, description = "terms-not-accepted, access-ended, portal-ended, portal-suspended", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such visible report for this client, or without the right (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn one_report(
    State(state): State<AppState>,
    request: PortalRequest<ReportSection>,
) -> Result<ApiJson<Report>, ApiError> {
    let (client_id, report_id) = request.path;
    reports::one(&state.db, client_id, report_id, None)
        .await?
        .map(ApiJson)
        .ok_or(ApiError::NotFound)
}

/// A page of correction requests, checked.
struct CorrectionListQuery {
    before: Option<i64>,
    limit: u32,
}

impl PortalQuery for CorrectionListQuery {
    fn from_parts(parts: &Parts) -> Result<Self, ApiError> {
        let ApiQuery(query) = ApiQuery::<CorrectionRequestQuery>::from_uri(&parts.uri)?;
        let limit = PageLimit::parse(query.limit, CorrectionRequestQuery::BOUNDS)?.get();
        let before = paging::position(query.cursor.as_ref())?;
        Ok(CorrectionListQuery { before, limit })
    }
}

/// The administrator's correction requests, read.
struct CorrectionRequestList;

impl Section for CorrectionRequestList {
    type Path = i64;
    type Query = CorrectionListQuery;
    const NAME: &'static str = "correction_requests";
    const NEED: Need = Need::Administrator;
}

/// The administrator's correction requests, a new one filed.
struct NewCorrectionRequestSection;

impl Section for NewCorrectionRequestSection {
    type Path = i64;
    type Query = NoQuery;
    const NAME: &'static str = "correction_requests";
    const NEED: Need = Need::Administrator;
}

/// The client's correction requests, newest first (administrator only).
#[utoipa::path(
    get, path = paths::CORRECTION_REQUESTS, tag = "dossier",
    params(
        ("client_id" = i64, Path, description = "The client"),
        ("cursor" = Option<kring_api::Cursor>, Query, description = "`next_cursor` of the previous page"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 100, description = "Requests per page, 1 to 100 (default 20)"),
    ),
    responses(
        (status = 200, description = "A page of correction requests", body = Page<CorrectionRequest>),
        (status = 403, description = "Not the administrator (forbidden), or the portal is closed", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, response = crate::responses::NoSuchPortal),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn list_correction_requests(
    State(state): State<AppState>,
    request: PortalRequest<CorrectionRequestList>,
) -> Result<ApiJson<Page<CorrectionRequest>>, ApiError> {
    let CorrectionListQuery { before, limit } = request.query;
    Ok(ApiJson(
        corrections::list_for_client(
            &state.db,
            request.client_id(),
            before,
            limit,
            state.clock.today(),
        )
        .await?,
    ))
}

/// Ask the care team to correct, add to, remove or shield something (administrator only).
/// The item itself is never changed by this request.
#[utoipa::path(
    post, path = paths::CORRECTION_REQUESTS, tag = "dossier",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = kring_api::dossier::NewCorrectionRequest,
    responses(
        (status = 201, description = "Filed; due date set by the organisation's deadline", body = kring_api::dossier::CorrectionRequest),
        (status = 403, description = "Not the administrator (forbidden), or the portal is closed, or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "The report or goal does not exist for this client (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown kind or target, or a text that is empty or longer than 2000 characters (invalid-body)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn file_correction_request(
    State(state): State<AppState>,
    request: PortalRequest<NewCorrectionRequestSection>,
    ApiJson(correction): ApiJson<NewCorrectionRequest>,
) -> Result<(StatusCode, ApiJson<CorrectionRequest>), ApiError> {
    let filed = corrections::file(&state, &request, &correction).await?;
    Ok((StatusCode::CREATED, ApiJson(filed)))
}

/// The access log's query, checked.
struct AccessLogListQuery {
    filter: AccessFilter,
    before: Option<i64>,
    limit: u32,
}

impl PortalQuery for AccessLogListQuery {
    fn from_parts(parts: &Parts) -> Result<Self, ApiError> {
        let ApiQuery(query) = ApiQuery::<AccessLogQuery>::from_uri(&parts.uri)?;
        let limit = PageLimit::parse(query.limit, AccessLogQuery::BOUNDS)?.get();
        let before = paging::position(query.cursor.as_ref())?;
        let filter = AccessFilter {
            person: query.person,
            from: query.from.map(NaiveDate::from),
            to: query.to.map(NaiveDate::from),
        };
        Ok(AccessLogListQuery {
            filter,
            before,
            limit,
        })
    }
}

/// "Who looked at my data", for the administrator.
struct AccessLogSection;

impl Section for AccessLogSection {
    type Path = i64;
    type Query = AccessLogListQuery;
    const NAME: &'static str = "access_log";
    const NEED: Need = Need::Administrator;
}

/// Who looked at the client's data: the client's part of the access log, newest first
/// (administrator only).
#[utoipa::path(
    get, path = paths::ACCESS_LOG, tag = "dossier", operation_id = "get_access_log",
    params(
        ("client_id" = i64, Path, description = "The client"), kring_api::dossier::AccessLogQuery,
    ),
    responses(
        (status = 200, description = "A page of access-log entries", body = Page<AccessLogEntry>),
        (status = 400, response = crate::responses::InvalidParameter),
        (status = 403, description = "Not the administrator (forbidden), or the portal is closed", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, response = crate::responses::NoSuchPortal),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn access_log(
    State(state): State<AppState>,
    request: PortalRequest<AccessLogSection>,
) -> Result<ApiJson<Page<AccessLogEntry>>, ApiError> {
    let AccessLogListQuery {
        filter,
        before,
        limit,
    } = &request.query;
    Ok(ApiJson(
        access_view::list(&state.db, request.client_id(), filter, *before, *limit).await?,
    ))
}
