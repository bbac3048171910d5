//! HTTP routes for staff. Staff sign in like everyone else; their account is linked to
//! their staff record, whose role decides what they may do.

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use axum::extract::State;
use axum::http::StatusCode;
use kring_api::{paths, GrantAccessRequest, GrantedAccess, PublishTermsRequest, SuspensionRequest};

use super::actions;
use crate::problem::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::staff_members::{OrganisationAdmins, StaffClientRequest, StaffRequest, TeamLeads};
use crate::state::AppState;

/// The staff routes, relative to the API base.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(caseload, super::registration::register))
        .routes(routes!(caseload_client))
        .routes(routes!(
            super::registration::registration,
            super::registration::change_registration
        ))
        .routes(routes!(super::registration::registration_teams))
        .routes(routes!(super::registration::team_counsellors))
        .routes(routes!(super::moderation::list))
        .routes(routes!(super::moderation::review_note))
        .routes(routes!(super::moderation::review_photo))
        .routes(routes!(super::dossier::end_care_relation))
        .routes(routes!(
            super::dossier::list_reports,
            super::dossier::write_report
        ))
        .routes(routes!(super::dossier::new_care_plan))
        .routes(routes!(super::dossier::care_plan))
        .routes(routes!(super::dossier::release_report))
        .routes(routes!(grant_access, change_administrator))
        .routes(routes!(suspend_account, lift_account_suspension))
        .routes(routes!(super::second_factor::reset))
        .routes(routes!(suspend_portal, lift_portal_suspension))
        .routes(routes!(publish_terms))
}

/// The staff member's caseload: their team's clients (all, for the organisation's
/// administrators) by name, a page at a time, with the portal's state, open correction
/// requests and what waits for moderation. `q` finds clients whose first name, family
/// name, full name or client number starts with it, capitals or not.
#[utoipa::path(
    get, path = paths::STAFF_CLIENTS, tag = "staff", operation_id = "staff_caseload",
    params(kring_api::staff::CaseloadQuery),
    responses(
        (status = 200, description = "A page of the caseload", body = kring_api::Page<kring_api::CaseloadClient>),
        (status = 400, response = crate::responses::InvalidParameter),
        (status = 403, response = crate::responses::StaffOnly),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn caseload(
    State(state): State<AppState>,
    staff_request: StaffRequest,
    ApiQuery(query): ApiQuery<kring_api::CaseloadQuery>,
) -> Result<ApiJson<kring_api::Page<kring_api::CaseloadClient>>, ApiError> {
    let StaffRequest { staff, .. } = staff_request;
    super::caseload::caseload(&state, &staff, &query)
        .await
        .map(ApiJson)
}

/// One client of the caseload, as the caseload shows it.
#[utoipa::path(
    get, path = paths::STAFF_CLIENT, tag = "staff", operation_id = "staff_caseload_client",
    params(("client_id" = i64, Path, description = "The client")),
    responses(
        (status = 200, description = "The client", body = kring_api::CaseloadClient),
        (status = 403, response = crate::responses::StaffOnly),
        (status = 404, response = crate::responses::NotTeamClient),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn caseload_client(
    State(state): State<AppState>,
    staff_request: StaffClientRequest,
) -> Result<ApiJson<kring_api::CaseloadClient>, ApiError> {
    super::caseload::caseload_client(&state, &staff_request.staff, staff_request.client_id())
        .await
        .map(ApiJson)
}

/// Give a client's portal to its administrator; the activation link is e-mailed.
#[utoipa::path(
    post, path = paths::STAFF_GRANT_ACCESS, tag = "staff",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = kring_api::staff::GrantAccessRequest,
    responses(
        (status = 201, description = "Access given", body = kring_api::staff::GrantedAccess),
        (status = 409, description = "There is an administrator already (administrator-exists)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid details or a representative without basis", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, response = crate::responses::StaffOnlyChange),
        (status = 404, response = crate::responses::NotTeamClient),
        (status = 401, response = crate::responses::SignedOut),
        (status = 429, response = crate::responses::TooManyEmails),
    ),
    security(("session" = [])),
)]
async fn grant_access(
    State(state): State<AppState>,
    staff: StaffClientRequest,
    ApiJson(request): ApiJson<GrantAccessRequest>,
) -> Result<(StatusCode, ApiJson<GrantedAccess>), ApiError> {
    let granted = actions::grant_administrator(
        &state,
        Some(staff.staff.account_id),
        staff.client_id(),
        request,
    )
    .await?;
    Ok((StatusCode::CREATED, ApiJson(granted)))
}

/// Move administration to someone else (the client turned 18, a representative was
/// appointed). The previous administrator's access ends at the same moment; both are
/// told by e-mail.
#[utoipa::path(
    put, path = paths::STAFF_GRANT_ACCESS, tag = "staff",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = kring_api::staff::GrantAccessRequest,
    responses(
        (status = 200, description = "Administration moved; the link went to the new administrator", body = kring_api::staff::GrantedAccess),
        (status = 403, response = crate::responses::StaffOnlyChange),
        (status = 404, response = crate::responses::NotTeamClient),
        (status = 409, description = "That person is the administrator already (administrator-exists)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "email-invalid, mobile-invalid, representation-basis-required, invalid-body", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
        (status = 429, response = crate::responses::TooManyEmails),
    ),
    security(("session" = [])),
)]
async fn change_administrator(
    State(state): State<AppState>,
    staff: StaffClientRequest,
    ApiJson(request): ApiJson<GrantAccessRequest>,
) -> Result<ApiJson<GrantedAccess>, ApiError> {
    actions::change_administrator(
        &state,
        Some(staff.staff.account_id),
        staff.client_id(),
        request,
    )
    .await
    .map(ApiJson)
}

/// Suspend an account for excessive use, with a reason (team lead or organisation administrator).
#[utoipa::path(
    post, path = paths::STAFF_ACCOUNT_SUSPENSION, tag = "staff",
    params(("account_id" = i64, Path, description = "The account")),
    request_body = kring_api::staff::SuspensionRequest,
    responses(
        (status = 204, description = "Suspended; its sessions ended"),
        (status = 403, description = "Not allowed (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn suspend_account(
    State(state): State<AppState>,
    staff: StaffRequest<TeamLeads>,
    ApiPath(account_id): ApiPath<i64>,
    ApiJson(request): ApiJson<SuspensionRequest>,
) -> Result<StatusCode, ApiError> {
    actions::set_account_suspension(
        &state,
        Some(staff.staff.account_id),
        account_id,
        Some(request.reason),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Lift an account's suspension.
#[utoipa::path(
    delete, path = paths::STAFF_ACCOUNT_SUSPENSION, tag = "staff",
    params(("account_id" = i64, Path, description = "The account")),
    responses(
        (status = 204, description = "Lifted"),
        (status = 403, description = "Not allowed (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn lift_account_suspension(
    State(state): State<AppState>,
    staff: StaffRequest<TeamLeads>,
    ApiPath(account_id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    actions::set_account_suspension(&state, Some(staff.staff.account_id), account_id, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Suspend a client's portal for excessive use, with a reason.
#[utoipa::path(
    post, path = paths::STAFF_PORTAL_SUSPENSION, tag = "staff",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = kring_api::staff::SuspensionRequest,
    responses(
        (status = 204, description = "Suspended"),
        (status = 403, description = "Not allowed (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such client", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn suspend_portal(
    State(state): State<AppState>,
    staff: StaffClientRequest<TeamLeads>,
    ApiJson(request): ApiJson<SuspensionRequest>,
) -> Result<StatusCode, ApiError> {
    actions::set_portal_suspension(
        &state,
        Some(staff.staff.account_id),
        staff.client_id(),
        Some(request.reason),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Lift a portal's suspension.
#[utoipa::path(
    delete, path = paths::STAFF_PORTAL_SUSPENSION, tag = "staff",
    params(("client_id" = i64, Path, description = "The client")),
    responses(
        (status = 204, description = "Lifted"),
        (status = 403, description = "Not allowed (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn lift_portal_suspension(
    State(state): State<AppState>,
    staff: StaffClientRequest<TeamLeads>,
) -> Result<StatusCode, ApiError> {
    actions::set_portal_suspension(
        &state,
        Some(staff.staff.account_id),
        staff.client_id(),
        None,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Publish a new terms version (organisation administrator).
#[utoipa::path(
    post, path = paths::STAFF_TERMS, tag = "staff",
    request_body = kring_api::staff::PublishTermsRequest,
    responses(
        (status = 201, description = "Published", body = kring_api::terms::TermsVersionSummary),
        (status = 403, description = "Not allowed (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A wrong date, a date before today, or sections without a heading or text in both languages (invalid-body)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn publish_terms(
    State(state): State<AppState>,
    staff: StaffRequest<OrganisationAdmins>,
    ApiJson(request): ApiJson<PublishTermsRequest>,
) -> Result<(StatusCode, ApiJson<kring_api::TermsVersionSummary>), ApiError> {
    let version = actions::publish_terms(
        &state,
        Some(staff.staff.account_id),
        request.in_force_from,
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
