//! HTTP routes of the dossier, relative to the API base.

use axum::extract::State;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use chrono::NaiveDate;
use kring_api::dossier::{
    AccessLogPage, CarePlan, CorrectionRequest, CorrectionRequestPage, LifeDomain,
    NewCorrectionRequest, Report, ReportPage,
};
use kring_api::paths;
use serde::Deserialize;

use super::access_view::{self, AccessFilter};

use super::reports::{self, ReportCursor, ReportFilter};
use super::{care_plan, corrections};
use crate::access_log::Action;
use crate::paging::{Cursor, PageLimit};
use crate::portals::request::{NoQuery, PortalQuery};
use crate::portals::{Need, PortalRequest, Refusal, Section};
use crate::problem::{ApiError, ApiJson, ApiQuery};
use crate::state::AppState;

/// The dossier routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(paths::CARE_PLAN, get(current_care_plan))
        .route(paths::CARE_PLAN_VERSION, get(care_plan_version))
        .route(paths::REPORTS, get(list_reports))
        .route(paths::REPORT, get(one_report))
        .route(
            paths::CORRECTION_REQUESTS,
            get(list_correction_requests).post(file_correction_request),
        )
        .route(paths::ACCESS_LOG, get(access_log))
}

fn date_parameter(name: &str, value: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| {
            NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| ApiError::InvalidParameter {
                name: name.into(),
                reason: format!("{v:?} is not a date YYYY-MM-DD"),
            })
        })
        .transpose()
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

async fn current_care_plan(
    State(state): State<AppState>,
    request: PortalRequest<CarePlanSection>,
) -> Result<ApiJson<CarePlan>, ApiError> {
    care_plan::care_plan(&state.db, request.client_id(), None)
        .await?
        .map(ApiJson)
        .ok_or(ApiError::NotFound)
}

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportQuery {
    category: Option<String>,
    from: Option<String>,
    to: Option<String>,
    q: Option<String>,
    cursor: Option<String>,
    limit: Option<u32>,
}

/// The report list's query, checked.
struct ReportListQuery {
    filter: ReportFilter,
    cursor: Option<ReportCursor>,
    limit: u32,
}

impl PortalQuery for ReportListQuery {
    fn from_parts(parts: &Parts) -> Result<Self, ApiError> {
        let ApiQuery(query) = ApiQuery::<ReportQuery>::from_uri(&parts.uri)?;
        let limit = PageLimit::parse(query.limit, 30, 100)?.get();
        let category = match query.category.as_deref().filter(|c| !c.is_empty()) {
            Some(c) => Some(
                LifeDomain::parse(c).ok_or_else(|| ApiError::InvalidParameter {
                    name: "category".into(),
                    reason: format!("{c:?} is not a life domain"),
                })?,
            ),
            None => None,
        };
        let filter = ReportFilter {
            category,
            from: date_parameter("from", query.from.as_deref())?,
            to: date_parameter("to", query.to.as_deref())?,
            words: query
                .q
                .as_deref()
                .map(reports::search_words)
                .unwrap_or_default(),
        };
        let cursor = query
            .cursor
            .as_deref()
            .map(ReportCursor::decode)
            .transpose()?;
        Ok(ReportListQuery {
            filter,
            cursor,
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

async fn list_reports(
    State(state): State<AppState>,
    request: PortalRequest<ReportsSection>,
) -> Result<ApiJson<ReportPage>, ApiError> {
    let client_id = request.client_id();
    let account_id = request.account().id;
    let ReportListQuery {
        filter,
        cursor,
        limit,
    } = &request.query;
    let now = state.clock.now();
    let new_since = if cursor.is_none() {
        reports::visit(&state.db, account_id, client_id, now).await?
    } else {
        sqlx::query_scalar::<_, Option<chrono::DateTime<chrono::Utc>>>(
            "SELECT previous_visit_at FROM report_visits WHERE account_id = $1 AND client_id = $2",
        )
        .bind(account_id)
        .bind(client_id)
        .fetch_optional(&state.db)
        .await?
        .flatten()
    };
    let (items, next) = reports::list(
        &state.db,
        client_id,
        filter,
        cursor.as_ref(),
        *limit,
        new_since,
    )
    .await?;
    Ok(ApiJson(ReportPage {
        items,
        next_cursor: next.map(|c| c.encode()),
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PageQuery {
    cursor: Option<String>,
    limit: Option<u32>,
}

/// A page of correction requests, checked.
struct CorrectionListQuery {
    before: Option<i64>,
    limit: u32,
}

impl PortalQuery for CorrectionListQuery {
    fn from_parts(parts: &Parts) -> Result<Self, ApiError> {
        let ApiQuery(query) = ApiQuery::<PageQuery>::from_uri(&parts.uri)?;
        let limit = PageLimit::parse(query.limit, 20, 100)?.get();
        let before = query
            .cursor
            .as_deref()
            .map(Cursor::decode)
            .transpose()?
            .map(|c| c.0);
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

async fn list_correction_requests(
    State(state): State<AppState>,
    request: PortalRequest<CorrectionRequestList>,
) -> Result<ApiJson<CorrectionRequestPage>, ApiError> {
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

async fn file_correction_request(
    State(state): State<AppState>,
    request: PortalRequest<NewCorrectionRequestSection>,
    ApiJson(correction): ApiJson<NewCorrectionRequest>,
) -> Result<(StatusCode, ApiJson<CorrectionRequest>), ApiError> {
    let filed = corrections::file(&state, &request, &correction).await?;
    Ok((StatusCode::CREATED, ApiJson(filed)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AccessLogQuery {
    person: Option<i64>,
    from: Option<String>,
    to: Option<String>,
    cursor: Option<String>,
    limit: Option<u32>,
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
        let limit = PageLimit::parse(query.limit, 50, 200)?.get();
        let before = query
            .cursor
            .as_deref()
            .map(Cursor::decode)
            .transpose()?
            .map(|c| c.0);
        let filter = AccessFilter {
            person: query.person,
            from: date_parameter("from", query.from.as_deref())?,
            to: date_parameter("to", query.to.as_deref())?,
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

async fn access_log(
    State(state): State<AppState>,
    request: PortalRequest<AccessLogSection>,
) -> Result<ApiJson<AccessLogPage>, ApiError> {
    let AccessLogListQuery {
        filter,
        before,
        limit,
    } = &request.query;
    Ok(ApiJson(
        access_view::list(&state.db, request.client_id(), filter, *before, *limit).await?,
    ))
}
