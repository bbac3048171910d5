//! Registering a client of the organisation and changing the registration (R1, R28):
//! client number, name, date of birth, team, personal counsellor and the start of care.
//! The end of care has its own record (`dossier::end_care_relation`).
//!
//! Organisation administrators register clients in any team of the organisation; team
//! leads and care professionals only in their own team, and a client of another team
//! does not exist for them (`not-found`, as everywhere). Every registration and change
//! goes into the client's access log (section `registration`) in the same transaction.

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use chrono::NaiveDate;
use kring_api::paths;
use kring_api::staff::ChoiceQuery;
use kring_api::{
    ClientRegistration, Cursor, Day, Page, RegisteredClient, RegistrationTeam, StaffRole,
    TeamCounsellor,
};

use super::queries::{self, Choice, RegistrationRow, RegistrationValues};
use crate::access_log::{self, Action, Actor, Entry};
use crate::auth::SignedIn;
use crate::paging::{self, PageLimit};
use crate::problem::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::staff_members::{AnyStaff, StaffClientRequest, StaffMember, StaffRequest};
use crate::state::AppState;

/// The longest client number, in characters.
pub const CLIENT_NUMBER_MAX_CHARS: usize = 32;
/// The longest first or family name, in characters.
pub const NAME_MAX_CHARS: usize = 100;

/// The access log's section for registrations.
const SECTION: &str = "registration";

/// A trimmed text of 1 to `max` characters without control characters, or `invalid`.
fn text(value: &str, max: usize, invalid: fn() -> ApiError) -> Result<String, ApiError> {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > max || value.chars().any(char::is_control) {
        return Err(invalid());
    }
    Ok(value.to_owned())
}

/// The registration's fields checked on their own (the team, the counsellor and the
/// number's uniqueness need the database): the client number, the names, a date of
/// birth from 1900 up to `today`, and a start of care not before the birth.
fn check_fields(
    request: &ClientRegistration,
    today: NaiveDate,
) -> Result<RegistrationValues, ApiError> {
    let client_number = text(&request.client_number, CLIENT_NUMBER_MAX_CHARS, || {
        ApiError::ClientNumberInvalid
    })?;
    let first_name = text(&request.first_name, NAME_MAX_CHARS, || {
        ApiError::ClientNameInvalid
    })?;
    let family_name = text(&request.family_name, NAME_MAX_CHARS, || {
        ApiError::ClientNameInvalid
    })?;
    let date_of_birth = NaiveDate::from(request.date_of_birth);
    let earliest = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN);
    if date_of_birth < earliest || date_of_birth > today {
        return Err(ApiError::DateOfBirthInvalid);
    }
    let care_relation_start = NaiveDate::from(request.care_relation_start);
    if care_relation_start < date_of_birth {
        return Err(ApiError::CareStartInvalid);
    }
    Ok(RegistrationValues {
        client_number,
        first_name,
        family_name,
        date_of_birth,
        team_id: request.team_id,
        personal_counsellor_id: request.personal_counsellor_id,
        care_relation_start,
    })
}

/// Whether `staff` may place clients in `team_id`: an organisation administrator in
/// any team of the organisation (`team-unknown` for another), everyone else only in
/// their own team (`forbidden` for any other).
async fn check_team(state: &AppState, staff: &StaffMember, team_id: i64) -> Result<(), ApiError> {
    if staff.role != StaffRole::OrganisationAdmin {
        return if staff.team_id == Some(team_id) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        };
    }
    if queries::team_exists(&state.db, state.organisation_id, team_id).await? {
        Ok(())
    } else {
        Err(ApiError::TeamUnknown)
    }
}

/// Every check of a registration, in the order a person fixes them: who may use the
/// team, the fields, the counsellor, and last whether another client (than `except`,
/// 0 for none) has the number.
async fn check(
    state: &AppState,
    staff: &StaffMember,
    request: &ClientRegistration,
    except: i64,
) -> Result<RegistrationValues, ApiError> {
    check_team(state, staff, request.team_id).await?;
    let values = check_fields(request, state.clock.today())?;
    if let Some(counsellor) = values.personal_counsellor_id {
        if !queries::staff_in_team(&state.db, state.organisation_id, values.team_id, counsellor)
            .await?
        {
            return Err(ApiError::CounsellorNotInTeam);
        }
    }
    if queries::client_number_taken(
        &state.db,
        state.organisation_id,
        &values.client_number,
        except,
    )
    .await?
    {
        return Err(ApiError::ClientNumberTaken);
    }
    Ok(values)
}

/// The database's own refusal of a second client with the same number (two
/// registrations at once) is the same problem as the check's.
fn taken_on_conflict(error: sqlx::Error) -> ApiError {
    match &error {
        sqlx::Error::Database(database) if database.is_unique_violation() => {
            ApiError::ClientNumberTaken
        }
        _ => ApiError::Database(error),
    }
}

impl From<RegistrationRow> for RegisteredClient {
    fn from(row: RegistrationRow) -> Self {
        RegisteredClient {
            id: row.id,
            client_number: row.client_number,
            first_name: row.first_name,
            family_name: row.family_name,
            date_of_birth: Day::from(row.date_of_birth),
            team_id: row.team_id,
            personal_counsellor_id: row.personal_counsellor_id,
            care_relation_start: Day::from(row.care_relation_start),
            care_relation_end: row.care_relation_end.map(Day::from),
        }
    }
}

/// The names of the fields a change touches, for the access log (never their values).
fn changed_fields(before: &RegistrationRow, after: &RegistrationValues) -> String {
    changed_field_names(before, after).join(",")
}

/// The names of the fields a change touches.
fn changed_field_names(before: &RegistrationRow, after: &RegistrationValues) -> Vec<&'static str> {
    [
        ("client_number", before.client_number != after.client_number),
        ("first_name", before.first_name != after.first_name),
        ("family_name", before.family_name != after.family_name),
        ("date_of_birth", before.date_of_birth != after.date_of_birth),
        ("team", before.team_id != Some(after.team_id)),
        (
            "personal_counsellor",
            before.personal_counsellor_id != after.personal_counsellor_id,
        ),
        (
            "care_relation_start",
            before.care_relation_start != after.care_relation_start,
        ),
    ]
    .into_iter()
    .filter(|(_, changed)| *changed)
    .map(|(name, _)| name)
    .collect()
}

async fn stored_registration(
    state: &AppState,
    client_id: i64,
) -> Result<RegistrationRow, ApiError> {
    queries::registration(&state.db, state.organisation_id, client_id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Register a client of the organisation: in any team for an organisation
/// administrator, in their own team for everyone else. Logged in the new client's
/// access log. Portal access is given afterwards (`/staff/clients/{client_id}/administrator`).
#[utoipa::path(
    post, path = paths::STAFF_CLIENTS, tag = "staff", operation_id = "staff_register_client",
    request_body = kring_api::staff::ClientRegistration,
    responses(
        (status = 201, description = "Registered", body = kring_api::staff::RegisteredClient),
        (status = 403, description = "Another team than one's own (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Another client has this number (client-number-taken)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "client-number-invalid, client-name-invalid, date-of-birth-invalid, care-start-invalid, team-unknown, counsellor-not-in-team, invalid-body", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
pub async fn register(
    State(state): State<AppState>,
    staff_request: StaffRequest,
    ApiJson(request): ApiJson<ClientRegistration>,
) -> Result<(StatusCode, ApiJson<RegisteredClient>), ApiError> {
    let StaffRequest {
        staff,
        signed_in,
        address,
        ..
    } = staff_request;
    let values = CheckedRegistration(check(&state, &staff, &request, 0).await?);
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let client_id = insert_logged(&state, &turn, &mut tx, &signed_in, &address, &values).await?;
    tx.commit().await?;
    let registered = stored_registration(&state, client_id).await?;
    Ok((StatusCode::CREATED, ApiJson(registered.into())))
}

/// A client's registration, to change it; a read in the client's access log.
#[utoipa::path(
    get, path = paths::STAFF_CLIENT_REGISTRATION, tag = "staff", operation_id = "staff_client_registration",
    params(("client_id" = i64, Path, description = "The client")),
    responses(
        (status = 200, description = "The registration", body = kring_api::staff::RegisteredClient),
        (status = 403, response = crate::responses::StaffOnly),
        (status = 404, response = crate::responses::NotTeamClient),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
pub async fn registration(
    State(state): State<AppState>,
    staff_request: StaffClientRequest,
) -> Result<ApiJson<RegisteredClient>, ApiError> {
    let client_id = staff_request.client_id();
    let registered = stored_registration(&state, client_id).await?;
    access_log::append(
        &state,
        Entry::allowed(
            Actor::account(&staff_request.signed_in.account),
            client_id,
            SECTION,
            Action::Read,
        )
        .item(format!("client {client_id}"))
        .from(&staff_request.address),
    )
    .await?;
    Ok(ApiJson(registered.into()))
}

/// Change a client's registration, by the same rules as registering; the start of care
/// may not fall after a recorded end of care. Logged with the names of the changed
/// fields.
#[utoipa::path(
    put, path = paths::STAFF_CLIENT_REGISTRATION, tag = "staff", operation_id = "staff_change_client_registration",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = kring_api::staff::ClientRegistration,
    responses(
        (status = 200, description = "Changed", body = kring_api::staff::RegisteredClient),
        (status = 403, description = "Moving the client to another team than one's own (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, response = crate::responses::NotTeamClient),
        (status = 409, description = "Another client has this number (client-number-taken)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "client-number-invalid, client-name-invalid, date-of-birth-invalid, care-start-invalid, team-unknown, counsellor-not-in-team, invalid-body", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
pub async fn change_registration(
    State(state): State<AppState>,
    staff_request: StaffClientRequest,
    ApiJson(request): ApiJson<ClientRegistration>,
) -> Result<ApiJson<RegisteredClient>, ApiError> {
    let client_id = staff_request.client_id();
    let StaffClientRequest {
        staff,
        signed_in,
        address,
        ..
    } = staff_request;
    let before = stored_registration(&state, client_id).await?;
    let values = check(&state, &staff, &request, client_id).await?;
    if before
        .care_relation_end
        .is_some_and(|end| values.care_relation_start > end)
    {
        return Err(ApiError::CareStartInvalid);
    }
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    update_logged(
        &turn,
        &mut tx,
        &signed_in,
        &address,
        &StoredRegistration(before),
        &CheckedRegistration(values),
    )
    .await?;
    tx.commit().await?;
    Ok(ApiJson(
        stored_registration(&state, client_id).await?.into(),
    ))
}

/// A registration that passed every check of the form (for the CSV import, which
/// registers and changes clients by the same rules).
pub struct CheckedRegistration(RegistrationValues);

impl CheckedRegistration {
    /// The first day of care.
    pub fn care_relation_start(&self) -> NaiveDate {
        self.0.care_relation_start
    }
}

/// A client's registration as stored.
pub struct StoredRegistration(RegistrationRow);

impl StoredRegistration {
    /// The client.
    pub fn client_id(&self) -> i64 {
        self.0.id
    }

    /// The last day of care, if recorded.
    pub fn care_relation_end(&self) -> Option<NaiveDate> {
        self.0.care_relation_end
    }

    /// The names of the fields `after` changes (`client_number`, `first_name`,
    /// `family_name`, `date_of_birth`, `team`, `personal_counsellor`,
    /// `care_relation_start`).
    pub fn changes(&self, after: &CheckedRegistration) -> Vec<&'static str> {
        changed_field_names(&self.0, &after.0)
    }
}

/// Every check of the registration form by `staff`; `except` is the client being
/// changed (0 for a new one), whose own number is not "taken".
pub async fn check_registration(
    state: &AppState,
    staff: &StaffMember,
    request: &ClientRegistration,
    except: i64,
) -> Result<CheckedRegistration, ApiError> {
    check(state, staff, request, except)
        .await
        .map(CheckedRegistration)
}

/// The organisation's client with this client number.
pub async fn registration_by_number(
    state: &AppState,
    client_number: &str,
) -> Result<Option<StoredRegistration>, ApiError> {
    Ok(
        queries::registration_by_number(&state.db, state.organisation_id, client_number)
            .await?
            .map(StoredRegistration),
    )
}

/// Registers a checked client in `tx` with its entry in the client's access log.
pub async fn insert_logged(
    state: &AppState,
    turn: &access_log::Turn<'_>,
    tx: &mut sqlx::Transaction<'static, crate::db::Db>,
    signed_in: &SignedIn,
    address: &str,
    values: &CheckedRegistration,
) -> Result<i64, ApiError> {
    let client_id = queries::insert_client(tx, state.organisation_id, &values.0, state.clock.now())
        .await
        .map_err(taken_on_conflict)?;
    turn.append_in(
        tx,
        &Entry::allowed(
            Actor::account(&signed_in.account),
            client_id,
            SECTION,
            Action::Create,
        )
        .item(format!("client {client_id}"))
        .from(address),
    )
    .await?;
    Ok(client_id)
}

/// Changes a client's registration in `tx`, logged with the names of the changed
/// fields (never their values).
pub async fn update_logged(
    turn: &access_log::Turn<'_>,
    tx: &mut sqlx::Transaction<'static, crate::db::Db>,
    signed_in: &SignedIn,
    address: &str,
    before: &StoredRegistration,
    values: &CheckedRegistration,
) -> Result<(), ApiError> {
    let client_id = before.0.id;
    let detail = format!("changed={}", changed_fields(&before.0, &values.0));
    queries::update_client(tx, client_id, &values.0)
        .await
        .map_err(taken_on_conflict)?;
    turn.append_in(
        tx,
        &Entry::allowed(
            Actor::account(&signed_in.account),
            client_id,
            SECTION,
            Action::Update,
        )
        .item(format!("client {client_id}"))
        .detail(&detail)
        .from(address),
    )
    .await
}

/// Reads a choice list's page: its limit and its position.
fn choice_page(query: &ChoiceQuery) -> Result<(u32, Option<(String, i64)>), ApiError> {
    let limit = PageLimit::parse(query.limit, ChoiceQuery::BOUNDS)?.get();
    Ok((limit, paging::position(query.cursor.as_ref())?))
}

/// The rows of a choice list cut to a page.
fn choices<T>(rows: Vec<Choice>, limit: u32, item: fn(Choice) -> T) -> Page<T> {
    let (rows, next_cursor): (Vec<Choice>, Option<Cursor>) =
        paging::take_page(rows, limit, |row| (row.name.clone(), row.id));
    Page {
        items: rows.into_iter().map(item).collect(),
        next_cursor,
    }
}

/// The teams in which the signed-in member of staff may register clients, by name:
/// every team of the organisation for its administrators, one's own team for everyone
/// else (none without a team).
#[utoipa::path(
    get, path = paths::STAFF_REGISTRATION_TEAMS, tag = "staff", operation_id = "staff_registration_teams",
    params(ChoiceQuery),
    responses(
        (status = 200, description = "A page of teams", body = kring_api::Page<RegistrationTeam>),
        (status = 400, response = crate::responses::InvalidParameter),
        (status = 403, response = crate::responses::StaffOnly),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
pub async fn registration_teams(
    State(state): State<AppState>,
    staff_request: StaffRequest,
    ApiQuery(query): ApiQuery<ChoiceQuery>,
) -> Result<ApiJson<Page<RegistrationTeam>>, ApiError> {
    let (limit, after) = choice_page(&query)?;
    let staff = staff_request.staff;
    let only_team = match (staff.role, staff.team_id) {
        (StaffRole::OrganisationAdmin, _) => None,
        (_, Some(team)) => Some(team),
        (_, None) => return Ok(ApiJson(Page::default())),
    };
    let rows = queries::teams(
        &state.db,
        state.organisation_id,
        only_team,
        after.as_ref().map(|(name, id)| (name.as_str(), *id)),
        i64::from(limit) + 1,
    )
    .await?;
    Ok(ApiJson(choices(rows, limit, |row| RegistrationTeam {
        id: row.id,
        name: row.name,
    })))
}

/// A request about one team (the path's `team_id`) by a member of staff of that team
/// or an organisation administrator. Another team, or one that does not exist, is
/// `not-found`.
pub struct StaffTeamRequest {
    /// The team.
    pub team_id: i64,
}

impl FromRequestParts<AppState> for StaffTeamRequest {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let StaffRequest { staff, .. } =
            StaffRequest::<AnyStaff>::from_request_parts(parts, state).await?;
        let ApiPath(team_id) = ApiPath::<i64>::from_request_parts(parts, state).await?;
        let allowed = if staff.role == StaffRole::OrganisationAdmin {
            queries::team_exists(&state.db, state.organisation_id, team_id).await?
        } else {
            staff.team_id == Some(team_id)
        };
        if allowed {
            Ok(StaffTeamRequest { team_id })
        } else {
            Err(ApiError::NotFound)
        }
    }
}

/// The members of staff of a team, by name: who can be a client's personal counsellor.
#[utoipa::path(
    get, path = paths::STAFF_TEAM_COUNSELLORS, tag = "staff", operation_id = "staff_team_counsellors",
    params(("team_id" = i64, Path, description = "The team"), ChoiceQuery),
    responses(
        (status = 200, description = "A page of the team's staff", body = kring_api::Page<TeamCounsellor>),
        (status = 400, response = crate::responses::InvalidParameter),
        (status = 403, response = crate::responses::StaffOnly),
        (status = 404, description = "Not one's own team, or no such team (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
pub async fn team_counsellors(
    State(state): State<AppState>,
    team: StaffTeamRequest,
    ApiQuery(query): ApiQuery<ChoiceQuery>,
) -> Result<ApiJson<Page<TeamCounsellor>>, ApiError> {
    let (limit, after) = choice_page(&query)?;
    let rows = queries::team_staff(
        &state.db,
        state.organisation_id,
        team.team_id,
        after.as_ref().map(|(name, id)| (name.as_str(), *id)),
        i64::from(limit) + 1,
    )
    .await?;
    Ok(ApiJson(choices(rows, limit, |row| TeamCounsellor {
        id: row.id,
        name: row.name,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(number: &str, born: &str, start: &str) -> ClientRegistration {
        ClientRegistration {
            client_number: number.into(),
            first_name: " Anna ".into(),
            family_name: "de Vries".into(),
            date_of_birth: Day::parse(born).unwrap(),
            team_id: 1,
            personal_counsellor_id: None,
            care_relation_start: Day::parse(start).unwrap(),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }

    #[test]
    fn fields_are_trimmed_and_checked() {
        let values = check_fields(&request(" K-1 ", "1950-02-03", "2020-01-01"), today()).unwrap();
        assert_eq!(values.client_number, "K-1");
        assert_eq!(values.first_name, "Anna");
        for (number, born, start, code) in [
            ("", "1950-02-03", "2020-01-01", "client-number-invalid"),
            (
                &"9".repeat(33),
                "1950-02-03",
                "2020-01-01",
                "client-number-invalid",
            ),
            (
                "K\u{7}",
                "1950-02-03",
                "2020-01-01",
                "client-number-invalid",
            ),
            ("K-1", "2026-03-02", "2026-03-02", "date-of-birth-invalid"),
            ("K-1", "1899-12-31", "2020-01-01", "date-of-birth-invalid"),
            ("K-1", "1950-02-03", "1950-02-02", "care-start-invalid"),
        ] {
            let error = check_fields(&request(number, born, start), today()).unwrap_err();
            assert_eq!(error.code().as_str(), code, "{number} {born} {start}");
        }
        let mut long_name = request("K-1", "1950-02-03", "2020-01-01");
        long_name.family_name = "x".repeat(101);
        assert_eq!(
            check_fields(&long_name, today())
                .unwrap_err()
                .code()
                .as_str(),
            "client-name-invalid"
        );
        // Born today, care from today: allowed.
        assert!(check_fields(&request("K-1", "2026-03-01", "2026-03-01"), today()).is_ok());
    }
}
