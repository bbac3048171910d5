//! Teams (R13, R28): organisation administrators create them, rename them and give
//! them their own emergency number; every member of staff reads their own team.

use axum::extract::State;
use axum::http::StatusCode;
use kring_api::administration::{Team, TeamDetails, TeamPhone, TeamsQuery};
use kring_api::{paths, Page, StaffRole};

use super::phone::team_phone;
use super::queries::{self, LogEntry, Subject, TeamRow, TeamValues};
use crate::paging::{self, PageLimit};
use crate::problem::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::staff_members::{AnyStaff, OrganisationAdmins, StaffRequest};
use crate::state::AppState;
use crate::text::bounded_text;

/// The longest team name.
const NAME_MAX: usize = 100;
/// The longest phone number as written.
const PHONE_MAX: usize = 30;

impl From<TeamRow> for Team {
    fn from(row: TeamRow) -> Self {
        Team {
            id: row.id,
            name: row.name,
            emergency_phone: match (row.emergency_phone, row.emergency_phone_display) {
                (Some(phone), Some(phone_display)) => Some(TeamPhone {
                    phone,
                    phone_display,
                }),
                _ => None,
            },
            member_count: u32::try_from(row.member_count).unwrap_or(0),
        }
    }
}

/// The organisation's teams by name: all of them for organisation administrators,
/// their own team for other staff.
#[utoipa::path(
    get, path = paths::STAFF_TEAMS, tag = "administration", operation_id = "staff_teams",
    params(TeamsQuery),
    responses(
        (status = 200, description = "A page of teams", body = Page<Team>),
        (status = 400, response = crate::responses::InvalidParameter),
        (status = 403, response = crate::responses::StaffOnly),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
pub async fn list(
    State(state): State<AppState>,
    request: StaffRequest<AnyStaff>,
    ApiQuery(query): ApiQuery<TeamsQuery>,
) -> Result<ApiJson<Page<Team>>, ApiError> {
    let limit = PageLimit::parse(query.limit, TeamsQuery::BOUNDS)?.get();
    let offset = paging::position::<i64>(query.cursor.as_ref())?
        .unwrap_or(0)
        .max(0);
    let rows = if request.staff.role == StaffRole::OrganisationAdmin {
        queries::teams(
            &state.db,
            state.organisation_id,
            None,
            i64::from(limit) + 1,
            offset,
        )
        .await?
    } else if let Some(team_id) = request.staff.team_id {
        queries::teams(
            &state.db,
            state.organisation_id,
            Some(team_id),
            i64::from(limit) + 1,
            offset,
        )
        .await?
    } else {
        Vec::new()
    };
    let (rows, next_cursor) = paging::take_page(rows, limit, |_| offset + i64::from(limit));
    Ok(ApiJson(Page {
        items: rows.into_iter().map(Team::from).collect(),
        next_cursor,
    }))
}

/// A team's checked name and number (dialled, as entered).
struct CheckedTeam {
    name: String,
    phone: Option<(String, String)>,
}

impl CheckedTeam {
    fn values(&self) -> TeamValues<'_> {
        TeamValues {
            name: &self.name,
            phone: self.phone.as_ref().map(|(dial, _)| dial.as_str()),
            phone_display: self.phone.as_ref().map(|(_, shown)| shown.as_str()),
        }
    }

    /// What the log says about the team, without anything personal.
    fn summary(&self) -> String {
        match &self.phone {
            Some((_, shown)) => format!("name \"{}\", emergency number {shown}", self.name),
            None => format!(
                "name \"{}\", the organisation's emergency number",
                self.name
            ),
        }
    }
}

fn checked(details: &TeamDetails) -> Result<CheckedTeam, ApiError> {
    let name = bounded_text("name", &details.name, NAME_MAX)?;
    let phone = match details.emergency_phone.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(written) if written.chars().count() > PHONE_MAX => return Err(ApiError::PhoneInvalid),
        Some(written) => {
            let dial = team_phone(written).map_err(|_| ApiError::PhoneInvalid)?;
            Some((dial, written.to_owned()))
        }
    };
    Ok(CheckedTeam { name, phone })
}

/// Add a team (organisation administrators). Without its own emergency number, its
/// clients call the organisation's.
#[utoipa::path(
    post, path = paths::STAFF_TEAMS, tag = "administration",
    request_body = TeamDetails,
    responses(
        (status = 201, description = "The new team", body = Team),
        (status = 409, description = "Another team has this name (team-name-taken)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "No name or a name too long (invalid-body, text-too-long), or a number that cannot be called (phone-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, response = crate::responses::StaffOnlyChange),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
pub async fn create(
    State(state): State<AppState>,
    request: StaffRequest<OrganisationAdmins>,
    ApiJson(details): ApiJson<TeamDetails>,
) -> Result<(StatusCode, ApiJson<Team>), ApiError> {
    let team = checked(&details)?;
    let now = state.clock.now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    if queries::team_name_taken(&mut *tx, state.organisation_id, &team.name, None).await? {
        return Err(ApiError::TeamNameTaken);
    }
    let team_id = queries::insert_team(&mut *tx, state.organisation_id, &team.values()).await?;
    let summary = team.summary();
    queries::log(
        &mut *tx,
        &LogEntry {
            organisation_id: state.organisation_id,
            actor_staff_id: request.signed_in.account.staff_member_id,
            action: "team_created",
            subject: Subject {
                team_id: Some(team_id),
                ..Subject::default()
            },
            summary: &summary,
        },
        now,
    )
    .await?;
    let row = queries::team(&mut *tx, state.organisation_id, team_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, ApiJson(Team::from(row))))
}

/// Rename a team or set its emergency number (organisation administrators); an empty
/// number gives its clients the organisation's again.
#[utoipa::path(
    put, path = paths::STAFF_TEAM, tag = "administration",
    params(("team_id" = i64, Path, description = "The team")),
    request_body = TeamDetails,
    responses(
        (status = 200, description = "The team as it is now", body = Team),
        (status = 404, description = "No such team in the organisation (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Another team has this name (team-name-taken)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "No name or a name too long (invalid-body, text-too-long), or a number that cannot be called (phone-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, response = crate::responses::StaffOnlyChange),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
pub async fn update(
    State(state): State<AppState>,
    request: StaffRequest<OrganisationAdmins>,
    ApiPath(team_id): ApiPath<i64>,
    ApiJson(details): ApiJson<TeamDetails>,
) -> Result<ApiJson<Team>, ApiError> {
    let team = checked(&details)?;
    let now = state.clock.now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    if queries::team(&mut *tx, state.organisation_id, team_id)
        .await?
        .is_none()
    {
        return Err(ApiError::NotFound);
    }
    if queries::team_name_taken(&mut *tx, state.organisation_id, &team.name, Some(team_id)).await? {
        return Err(ApiError::TeamNameTaken);
    }
    queries::update_team(&mut *tx, team_id, &team.values()).await?;
    let summary = team.summary();
    queries::log(
        &mut *tx,
        &LogEntry {
            organisation_id: state.organisation_id,
            actor_staff_id: request.signed_in.account.staff_member_id,
            action: "team_changed",
            subject: Subject {
                team_id: Some(team_id),
                ..Subject::default()
            },
            summary: &summary,
        },
        now,
    )
    .await?;
    let row = queries::team(&mut *tx, state.organisation_id, team_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    tx.commit().await?;
    Ok(ApiJson(Team::from(row)))
}
