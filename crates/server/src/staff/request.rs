//! Who among the organisation's staff is asking, and whether they may: the
//! [`StaffRequest`] and [`StaffClientRequest`] extractors.
//!
//! A staff handler names the roles it admits as a type ([`AnyStaff`], [`TeamLeads`],
//! [`OrganisationAdmins`]); one about a client of the team takes a
//! `StaffClientRequest`, which also refuses another team's client as if it did not
//! exist. The checks are then done before the handler runs, the same way everywhere,
//! instead of a role comparison at the top of each handler.

use std::marker::PhantomData;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use kring_api::StaffRole;

use super::routes::StaffMember;
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
