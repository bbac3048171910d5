//! HTTP routes of the dossier, relative to the API base.

use axum::extract::State;
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
use super::guard::{self, Need, Scope};
use super::reports::{self, ReportCursor, ReportFilter};
use super::{care_plan, corrections};
use crate::access_log::Action;
use crate::auth::SignedIn;
use crate::paging::{Cursor, PageLimit};
use crate::problem::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::request_guard::ClientAddress;
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

async fn current_care_plan(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiPath(client_id): ApiPath<i64>,
) -> Result<ApiJson<CarePlan>, ApiError> {
    guard::enter(
        &state,
        &signed_in,
        guard::Request {
            client_id,
            section: "care_plan",
            item: None,
            action: Action::Read,
            need: Need::Right(|r| r.care_plan),
            scope: Scope::Section,
            address: &address,
        },
    )
    .await?;
    care_plan::care_plan(&state.db, client_id, None)
        .await?
        .map(ApiJson)
        .ok_or(ApiError::NotFound)
}

async fn care_plan_version(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiPath((client_id, plan_id)): ApiPath<(i64, i64)>,
) -> Result<ApiJson<CarePlan>, ApiError> {
    guard::enter(
        &state,
        &signed_in,
        guard::Request {
            client_id,
            section: "care_plan",
            item: Some(plan_id.to_string()),
            action: Action::Read,
            need: Need::Right(|r| r.care_plan),
            scope: Scope::Item,
            address: &address,
        },
    )
    .await?;
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

async fn list_reports(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiPath(client_id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<ReportQuery>,
) -> Result<ApiJson<ReportPage>, ApiError> {
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
    let searching = !filter.words.is_empty();
    guard::enter(
        &state,
        &signed_in,
        guard::Request {
            client_id,
            section: "reports",
            item: None,
            action: if searching {
                Action::Search
            } else {
                Action::Read
            },
            need: Need::Right(|r| r.reports),
            scope: Scope::Section,
            address: &address,
        },
    )
    .await?;
    let now = state.clock.now();
    let new_since = if cursor.is_none() {
        reports::visit(&state.db, signed_in.account.id, client_id, now).await?
    } else {
        sqlx::query_scalar::<_, Option<chrono::DateTime<chrono::Utc>>>(
            "SELECT previous_visit_at FROM report_visits WHERE account_id = $1 AND client_id = $2",
        )
        .bind(signed_in.account.id)
        .bind(client_id)
        .fetch_optional(&state.db)
        .await?
        .flatten()
    };
    let (items, next) = reports::list(
        &state.db,
        client_id,
        &filter,
        cursor.as_ref(),
        limit,
        new_since,
    )
    .await?;
    Ok(ApiJson(ReportPage {
        items,
        next_cursor: next.map(|c| c.encode()),
        counsellor: care_plan::counsellor(&state.db, client_id).await?,
    }))
}

async fn one_report(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiPath((client_id, report_id)): ApiPath<(i64, i64)>,
) -> Result<ApiJson<Report>, ApiError> {
    guard::enter(
        &state,
        &signed_in,
        guard::Request {
            client_id,
            section: "report",
            item: Some(report_id.to_string()),
            action: Action::Read,
            need: Need::Right(|r| r.reports),
            scope: Scope::Item,
            address: &address,
        },
    )
    .await?;
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

async fn list_correction_requests(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiPath(client_id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<ApiJson<CorrectionRequestPage>, ApiError> {
    let limit = PageLimit::parse(query.limit, 20, 100)?.get();
    let before = query
        .cursor
        .as_deref()
        .map(Cursor::decode)
        .transpose()?
        .map(|c| c.0);
    guard::enter(
        &state,
        &signed_in,
        guard::Request {
            client_id,
            section: "correction_requests",
            item: None,
            action: Action::Read,
            need: Need::Administrator,
            scope: Scope::Section,
            address: &address,
        },
    )
    .await?;
    Ok(ApiJson(
        corrections::list_for_client(&state.db, client_id, before, limit, state.clock.today())
            .await?,
    ))
}

async fn file_correction_request(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiPath(client_id): ApiPath<i64>,
    ApiJson(request): ApiJson<NewCorrectionRequest>,
) -> Result<(StatusCode, ApiJson<CorrectionRequest>), ApiError> {
    let grant = guard::enter(
        &state,
        &signed_in,
        guard::Request {
            client_id,
            section: "correction_requests",
            item: None,
            action: Action::Create,
            need: Need::Administrator,
            scope: Scope::Section,
            address: &address,
        },
    )
    .await?;
    let filed = corrections::file(&state, &signed_in, &grant, &address, &request).await?;
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

async fn access_log(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiPath(client_id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<AccessLogQuery>,
) -> Result<ApiJson<AccessLogPage>, ApiError> {
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
    guard::enter(
        &state,
        &signed_in,
        guard::Request {
            client_id,
            section: "access_log",
            item: None,
            action: Action::Read,
            need: Need::Administrator,
            scope: Scope::Section,
            address: &address,
        },
    )
    .await?;
    Ok(ApiJson(
        access_view::list(&state.db, client_id, &filter, before, limit).await?,
    ))
}
