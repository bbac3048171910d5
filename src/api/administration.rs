//! The organisation administrators' set-up endpoints: teams (`/staff/teams`), staff
//! members (`/staff/members`) and the CSV import (`/staff/import/…`). One `async fn` per endpoint.

use kring_api::administration::{
    NewStaffMember, StaffMemberChange, StaffMemberSummary, StaffMembersQuery, Team, TeamDetails,
    TeamsQuery,
};
use kring_api::import::{ImportKind, ImportQuery, ImportReport};
use kring_api::{paths, Cursor, Page};

use super::{client, ApiError};

/// A page of the organisation's teams by name (`GET /staff/teams`; other staff get
/// their own team).
pub async fn teams(cursor: Option<Cursor>) -> Result<Page<Team>, ApiError> {
    client::get_json(&client::with_query(
        paths::STAFF_TEAMS.to_owned(),
        &TeamsQuery::after(cursor),
    ))
    .await
}

/// Adds a team (`POST /staff/teams`).
pub async fn create_team(details: TeamDetails) -> Result<Team, ApiError> {
    client::post_json(paths::STAFF_TEAMS, &details).await
}

/// Renames a team or sets its emergency number (`PUT /staff/teams/{team_id}`).
pub async fn update_team(team_id: i64, details: TeamDetails) -> Result<Team, ApiError> {
    client::put_json(&paths::fill(paths::STAFF_TEAM, &[team_id]), &details).await
}

/// A page of the organisation's staff by name, of one team or all
/// (`GET /staff/members`).
pub async fn staff_members(
    team_id: Option<i64>,
    cursor: Option<Cursor>,
) -> Result<Page<StaffMemberSummary>, ApiError> {
    let query = StaffMembersQuery {
        team_id,
        cursor,
        limit: None,
    };
    client::get_json(&client::with_query(paths::STAFF_MEMBERS.to_owned(), &query)).await
}

/// Invites a staff member; the activation e-mail goes out (`POST /staff/members`).
pub async fn invite_staff_member(new: NewStaffMember) -> Result<StaffMemberSummary, ApiError> {
    client::post_json(paths::STAFF_MEMBERS, &new).await
}

/// Changes a staff member's role, team and job title (`PUT /staff/members/{staff_id}`).
pub async fn change_staff_member(
    staff_id: i64,
    change: StaffMemberChange,
) -> Result<StaffMemberSummary, ApiError> {
    client::put_json(&paths::fill(paths::STAFF_MEMBER, &[staff_id]), &change).await
}

/// Ends a staff member's account at once (`POST /staff/members/{staff_id}/end`).
pub async fn end_staff_member(staff_id: i64) -> Result<StaffMemberSummary, ApiError> {
    client::post_empty_json(&paths::fill(paths::STAFF_MEMBER_END, &[staff_id])).await
}

/// Checks (`dry_run`) or imports a CSV file of clients or staff members
/// (`POST /staff/import/clients`, `POST /staff/import/staff`).
pub async fn import(
    kind: ImportKind,
    dry_run: bool,
    file: &web_sys::Blob,
) -> Result<ImportReport, ApiError> {
    let path = match kind {
        ImportKind::Clients => paths::STAFF_IMPORT_CLIENTS,
        ImportKind::Staff => paths::STAFF_IMPORT_STAFF,
    };
    client::post_csv(
        &client::with_query(path.to_owned(), &ImportQuery { dry_run }),
        file,
    )
    .await
}

/// Links a staff member's account to an identity provider for staff, by the provider's
/// id for them (`PUT /staff/members/{staff_id}/identity-links/{provider_id}`).
pub async fn link_staff_identity(
    staff_id: i64,
    provider_id: &str,
    subject: String,
) -> Result<kring_api::IdentityLink, ApiError> {
    let path = paths::fill(paths::STAFF_MEMBER_IDENTITY_LINK, &[staff_id])
        .replace("{provider_id}", &client::encode(provider_id));
    client::put_json(&path, &kring_api::StaffIdentityLinkRequest { subject }).await
}
