//! HTTP routes for staff. Staff sign in like everyone else; their account is linked to
//! their staff record, whose role decides what they may do.

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use kring_api::{
    paths, GrantAccessRequest, GrantedAccess, PublishTermsRequest, StaffInfo, StaffRole,
    SuspensionRequest,
};

use super::actions;
use crate::auth::SignedIn;
use crate::problem::{ApiError, ApiJson, ApiPath};
use crate::state::AppState;

/// The staff routes, relative to the API base.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(paths::STAFF_CLIENTS, get(caseload))
        .route(paths::STAFF_MODERATION, get(super::moderation::list))
        .route(
            paths::STAFF_NOTE_REVIEW,
            post(super::moderation::review_note),
        )
        .route(
            paths::STAFF_PHOTO_REVIEW,
            post(super::moderation::review_photo),
        )
        .route(
            paths::STAFF_CARE_RELATION_END,
            post(super::dossier::end_care_relation),
        )
        .route(
            paths::STAFF_REPORTS,
            get(super::dossier::list_reports).post(super::dossier::write_report),
        )
        .route(paths::STAFF_CARE_PLANS, post(super::dossier::new_care_plan))
        .route(paths::STAFF_CARE_PLAN, get(super::dossier::care_plan))
        .route(
            paths::STAFF_REPORT,
            axum::routing::patch(super::dossier::release_report),
        )
        .route(
            paths::STAFF_GRANT_ACCESS,
            post(grant_access).put(change_administrator),
        )
        .route(
            paths::STAFF_ACCOUNT_SUSPENSION,
            post(suspend_account).delete(lift_account_suspension),
        )
        .route(
            paths::STAFF_PORTAL_SUSPENSION,
            post(suspend_portal).delete(lift_portal_suspension),
        )
        .route(paths::STAFF_TERMS, post(publish_terms))
}

/// A signed-in member of staff.
#[derive(Clone, Debug)]
pub struct StaffMember {
    /// Their account.
    pub account_id: i64,
    /// `care_professional`, `team_lead` or `organisation_admin`.
    pub role: String,
    /// Their team.
    pub team_id: Option<i64>,
}

/// A staff role as stored (`care_professional`, `team_lead`, `organisation_admin`).
pub fn parse_role(role: &str) -> StaffRole {
    match role {
        "organisation_admin" => StaffRole::OrganisationAdmin,
        "team_lead" => StaffRole::TeamLead,
        _ => StaffRole::CareProfessional,
    }
}

/// The role and team of a member of staff, for the session.
pub async fn staff_info(state: &AppState, staff_id: i64) -> Result<Option<StaffInfo>, ApiError> {
    let row: Option<(String, Option<String>)> = sqlx::query_as(
        "SELECT s.role, t.name FROM staff_members s LEFT JOIN teams t ON t.id = s.team_id \
         WHERE s.id = $1 AND s.organisation_id = $2",
    )
    .bind(staff_id)
    .bind(state.organisation_id)
    .fetch_optional(&state.db)
    .await?;
    Ok(row.map(|(role, team)| StaffInfo {
        role: parse_role(&role),
        team,
    }))
}

impl StaffMember {
    fn can_suspend(&self) -> bool {
        matches!(self.role.as_str(), "team_lead" | "organisation_admin")
    }
}

impl FromRequestParts<AppState> for StaffMember {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let signed_in = SignedIn::from_request_parts(parts, state).await?;
        let staff_id = signed_in
            .account
            .staff_member_id
            .ok_or(ApiError::Forbidden)?;
        let row: Option<(String, Option<i64>)> = sqlx::query_as(
            "SELECT role, team_id FROM staff_members WHERE id = $1 AND organisation_id = $2",
        )
        .bind(staff_id)
        .bind(state.organisation_id)
        .fetch_optional(&state.db)
        .await?;
        let (role, team_id) = row.ok_or(ApiError::Forbidden)?;
        Ok(StaffMember {
            account_id: signed_in.account.id,
            role,
            team_id,
        })
    }
}

impl StaffMember {
    /// Staff act for their own team's clients; the organisation's administrators for all.
    pub async fn check_client_team(
        &self,
        state: &AppState,
        client_id: i64,
    ) -> Result<(), ApiError> {
        check_client_team(state, self, client_id).await
    }
}

/// Staff act for their own team's clients; the organisation's administrators for all.
/// Another team's client behaves as if it did not exist.
async fn check_client_team(
    state: &AppState,
    staff: &StaffMember,
    client_id: i64,
) -> Result<(), ApiError> {
    let (team_only, team_id) = super::caseload::team_filter(staff);
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM clients WHERE id = $1 AND organisation_id = $2 AND ($3 = FALSE OR team_id = $4)",
    )
    .bind(client_id)
    .bind(state.organisation_id)
    .bind(team_only)
    .bind(team_id)
    .fetch_optional(&state.db)
    .await?;
    found.map(|_| ()).ok_or(ApiError::NotFound)
}

async fn caseload(
    State(state): State<AppState>,
    staff: StaffMember,
) -> Result<ApiJson<kring_api::Caseload>, ApiError> {
    super::caseload::caseload(&state, &staff).await.map(ApiJson)
}

async fn grant_access(
    State(state): State<AppState>,
    staff: StaffMember,
    ApiPath(client_id): ApiPath<i64>,
    ApiJson(request): ApiJson<GrantAccessRequest>,
) -> Result<(StatusCode, ApiJson<GrantedAccess>), ApiError> {
    check_client_team(&state, &staff, client_id).await?;
    let granted =
        actions::grant_administrator(&state, Some(staff.account_id), client_id, request).await?;
    Ok((StatusCode::CREATED, ApiJson(granted)))
}

async fn change_administrator(
    State(state): State<AppState>,
    staff: StaffMember,
    ApiPath(client_id): ApiPath<i64>,
    ApiJson(request): ApiJson<GrantAccessRequest>,
) -> Result<ApiJson<GrantedAccess>, ApiError> {
    check_client_team(&state, &staff, client_id).await?;
    actions::change_administrator(&state, Some(staff.account_id), client_id, request)
        .await
        .map(ApiJson)
}

async fn suspend_account(
    State(state): State<AppState>,
    staff: StaffMember,
    ApiPath(account_id): ApiPath<i64>,
    ApiJson(request): ApiJson<SuspensionRequest>,
) -> Result<StatusCode, ApiError> {
    if !staff.can_suspend() {
        return Err(ApiError::Forbidden);
    }
    actions::set_account_suspension(
        &state,
        Some(staff.account_id),
        account_id,
        Some(request.reason),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn lift_account_suspension(
    State(state): State<AppState>,
    staff: StaffMember,
    ApiPath(account_id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    if !staff.can_suspend() {
        return Err(ApiError::Forbidden);
    }
    actions::set_account_suspension(&state, Some(staff.account_id), account_id, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn suspend_portal(
    State(state): State<AppState>,
    staff: StaffMember,
    ApiPath(client_id): ApiPath<i64>,
    ApiJson(request): ApiJson<SuspensionRequest>,
) -> Result<StatusCode, ApiError> {
    if !staff.can_suspend() {
        return Err(ApiError::Forbidden);
    }
    check_client_team(&state, &staff, client_id).await?;
    actions::set_portal_suspension(
        &state,
        Some(staff.account_id),
        client_id,
        Some(request.reason),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn lift_portal_suspension(
    State(state): State<AppState>,
    staff: StaffMember,
    ApiPath(client_id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    if !staff.can_suspend() {
        return Err(ApiError::Forbidden);
    }
    check_client_team(&state, &staff, client_id).await?;
    actions::set_portal_suspension(&state, Some(staff.account_id), client_id, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn publish_terms(
    State(state): State<AppState>,
    staff: StaffMember,
    ApiJson(request): ApiJson<PublishTermsRequest>,
) -> Result<(StatusCode, ApiJson<kring_api::TermsVersionSummary>), ApiError> {
    if staff.role != "organisation_admin" {
        return Err(ApiError::Forbidden);
    }
    let version = actions::publish_terms(
        &state,
        Some(staff.account_id),
        &request.in_force_from,
        request.change_summary.clone(),
        request.sections,
    )
    .await?;
    let current = crate::organisation::current_terms_version(
        &state.db,
        state.organisation_id,
        state.clock.today(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(kring_api::TermsVersionSummary {
            version,
            in_force_from: request.in_force_from,
            in_force: current == Some(version),
            change_summary: request.change_summary,
        }),
    ))
}
