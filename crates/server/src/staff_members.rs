//! The organisation's staff as the server knows them: who is a member of staff, in
//! which role and team, and who among them is asking and whether they may (the
//! [`StaffRequest`] and [`StaffClientRequest`] extractors).
//!
//! A staff handler names the roles it admits as a type ([`AnyStaff`], [`TeamLeads`],
//! [`OrganisationAdmins`]); one about a client of the team takes a
//! `StaffClientRequest`, which also refuses another team's client as if it did not
//! exist. The checks are then done before the handler runs, the same way everywhere,
//! instead of a role comparison at the top of each handler.

use std::marker::PhantomData;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use kring_api::{StaffInfo, StaffRole};

use crate::auth::SignedIn;
use crate::portals::request::ClientPath;
use crate::problem::{ApiError, ApiPath};
use crate::request_guard::ClientAddress;
use crate::state::AppState;

/// The staff roles an endpoint admits.
pub trait StaffScope: Send + Sync + 'static {
    /// Whether a member of staff with `role` may make the request.
    fn admits(role: StaffRole) -> bool;
}

/// Every member of staff.
pub struct AnyStaff;

impl StaffScope for AnyStaff {
    fn admits(_role: StaffRole) -> bool {
        true
    }
}

/// Team leads and the organisation's administrators (suspensions).
pub struct TeamLeads;

impl StaffScope for TeamLeads {
    fn admits(role: StaffRole) -> bool {
        matches!(role, StaffRole::TeamLead | StaffRole::OrganisationAdmin)
    }
}

/// The organisation's administrators only (terms, all teams).
pub struct OrganisationAdmins;

impl StaffScope for OrganisationAdmins {
    fn admits(role: StaffRole) -> bool {
        role == StaffRole::OrganisationAdmin
    }
}

/// A request by a signed-in member of staff in one of the roles `R` admits; anyone
/// else is refused (`forbidden`, or `unauthenticated` without a session).
pub struct StaffRequest<R: StaffScope = AnyStaff> {
    /// The member of staff.
    pub staff: StaffMember,
    /// Their session and account.
    pub signed_in: SignedIn,
    /// Where the request came from.
    pub address: String,
    scope: PhantomData<R>,
}

impl<R: StaffScope> FromRequestParts<AppState> for StaffRequest<R> {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let signed_in = SignedIn::from_request_parts(parts, state).await?;
        let staff = StaffMember::of(state, &signed_in).await?;
        if !R::admits(staff.role) {
            return Err(ApiError::Forbidden);
        }
        let Ok(ClientAddress(address)) = ClientAddress::from_request_parts(parts, state).await;
        Ok(StaffRequest {
            staff,
            signed_in,
            address,
            scope: PhantomData,
        })
    }
}

/// A [`StaffRequest`] about one client (the first path parameter) of the staff
/// member's team, or any client for the organisation's administrators. Another team's
/// client, or one that does not exist, is `not-found`.
pub struct StaffClientRequest<R: StaffScope = AnyStaff, P: ClientPath = i64> {
    /// The member of staff.
    pub staff: StaffMember,
    /// Their session and account.
    pub signed_in: SignedIn,
    /// Where the request came from.
    pub address: String,
    /// The path parameters, the client first.
    pub path: P,
    scope: PhantomData<R>,
}

impl<R: StaffScope, P: ClientPath> StaffClientRequest<R, P> {
    /// The client the request is about.
    pub fn client_id(&self) -> i64 {
        self.path.client_id()
    }
}

impl<R: StaffScope, P: ClientPath> FromRequestParts<AppState> for StaffClientRequest<R, P> {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let StaffRequest {
            staff,
            signed_in,
            address,
            ..
        } = StaffRequest::<R>::from_request_parts(parts, state).await?;
        let ApiPath(path) = ApiPath::<P>::from_request_parts(parts, state).await?;
        staff.check_client_team(state, path.client_id()).await?;
        Ok(StaffClientRequest {
            staff,
            signed_in,
            address,
            path,
            scope: PhantomData,
        })
    }
}

/// A signed-in member of staff.
#[derive(Clone, Debug)]
pub struct StaffMember {
    /// Their account.
    pub account_id: i64,
    /// Their role.
    pub role: StaffRole,
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

/// A staff role as stored: the inverse of [`parse_role`].
pub fn role_key(role: StaffRole) -> &'static str {
    match role {
        StaffRole::OrganisationAdmin => "organisation_admin",
        StaffRole::TeamLead => "team_lead",
        StaffRole::CareProfessional => "care_professional",
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
    /// The member of staff a signed-in account is; `forbidden` for everyone else.
    pub async fn of(state: &AppState, signed_in: &SignedIn) -> Result<Self, ApiError> {
        let staff_id = signed_in
            .account
            .staff_member_id
            .ok_or(ApiError::Forbidden)?;
        let row: Option<(String, Option<i64>)> = sqlx::query_as(
            // An ended staff member is nobody's staff any more, whatever their account.
            "SELECT role, team_id FROM staff_members WHERE id = $1 AND organisation_id = $2 AND ended_at IS NULL",
        )
        .bind(staff_id)
        .bind(state.organisation_id)
        .fetch_optional(&state.db)
        .await?;
        let (role, team_id) = row.ok_or(ApiError::Forbidden)?;
        Ok(StaffMember {
            account_id: signed_in.account.id,
            role: parse_role(&role),
            team_id,
        })
    }
}

impl StaffMember {
    /// Staff act for their own team's clients; the organisation's administrators for
    /// all. Another team's client behaves as if it did not exist.
    pub async fn check_client_team(
        &self,
        state: &AppState,
        client_id: i64,
    ) -> Result<(), ApiError> {
        let (team_only, team_id) = team_filter(self);
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
}

/// Which clients a staff member works for: the organisation's administrators all of
/// them, everyone else their own team's. Anything else behaves as if it did not exist.
pub fn team_filter(staff: &StaffMember) -> (bool, i64) {
    (
        staff.role != kring_api::StaffRole::OrganisationAdmin,
        staff.team_id.unwrap_or(-1),
    )
}
