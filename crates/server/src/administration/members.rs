//! Staff members (R28): organisation administrators invite them (a sign-in account
//! and an activation e-mail), change their role, team and job title, and end their
//! account at once; team leads read their own team.

use axum::extract::State;
use axum::http::StatusCode;
use kring_api::administration::{
    NewStaffMember, StaffAccountStatus, StaffMemberChange, StaffMemberSummary, StaffMembersQuery,
    StaffTeam,
};
use kring_api::dev::Channel;
use kring_api::{paths, LocalizedText, Page, StaffRole};

use super::queries::{self, LogEntry, StaffRow, Subject};
use super::staff_accounts::{self, NewStaffAccount};
use crate::auth::accounts::{normalize_email, normalize_mobile};
use crate::auth::messages::{staff_invitation_email, StaffInvitationFacts};
use crate::auth::session;
use crate::outbox::limits;
use crate::paging::{self, PageLimit};
use crate::problem::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::staff_members::{parse_role, role_key, OrganisationAdmins, StaffRequest, TeamLeads};
use crate::state::AppState;
use crate::text::bounded_text;

/// The longest name or job title.
const TEXT_MAX: usize = 100;

impl From<StaffRow> for StaffMemberSummary {
    fn from(row: StaffRow) -> Self {
        let status = if row.ended_at.is_some() {
            StaffAccountStatus::Ended
        } else {
            match row.account_status.as_deref() {
                None => StaffAccountStatus::NoAccount,
                Some("pending") => StaffAccountStatus::Invited,
                Some("suspended") => StaffAccountStatus::Suspended,
                Some("ended") => StaffAccountStatus::Ended,
                Some(_) => StaffAccountStatus::Active,
            }
        };
        StaffMemberSummary {
            id: row.id,
            name: row.name,
            email: row.email,
            role: parse_role(&row.role),
            team: match (row.team_id, row.team_name) {
                (Some(id), Some(name)) => Some(StaffTeam { id, name }),
                _ => None,
            },
            job_title: LocalizedText::new(row.job_title_nl, row.job_title_en),
            status,
        }
    }
}

/// The organisation's staff by name: everyone (or one team's) for organisation
/// administrators, their own team for team leads.
#[utoipa::path(
    get, path = paths::STAFF_MEMBERS, tag = "administration", operation_id = "staff_members",
    params(StaffMembersQuery),
    responses(
        (status = 200, description = "A page of staff members", body = Page<StaffMemberSummary>),
        (status = 400, response = crate::responses::InvalidParameter),
        (status = 403, description = "Not a team lead or organisation administrator (forbidden)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
pub async fn list(
    State(state): State<AppState>,
    request: StaffRequest<TeamLeads>,
    ApiQuery(query): ApiQuery<StaffMembersQuery>,
) -> Result<ApiJson<Page<StaffMemberSummary>>, ApiError> {
    let limit = PageLimit::parse(query.limit, StaffMembersQuery::BOUNDS)?.get();
    let offset = paging::position::<i64>(query.cursor.as_ref())?
        .unwrap_or(0)
        .max(0);
    let team = if request.staff.role == StaffRole::OrganisationAdmin {
        query.team_id
    } else {
        // A team lead sees their own team, whatever the query asks; one without a team
        // sees nobody.
        Some(request.staff.team_id.unwrap_or(-1))
    };
    let rows = queries::staff_members(
        &state.db,
        state.organisation_id,
        team,
        i64::from(limit) + 1,
        offset,
    )
    .await?;
    let (rows, next_cursor) = paging::take_page(rows, limit, |_| offset + i64::from(limit));
    Ok(ApiJson(Page {
        items: rows.into_iter().map(StaffMemberSummary::from).collect(),
        next_cursor,
    }))
}

/// A job title in both languages: Dutch required, English the Dutch when empty.
fn job_title(title: &LocalizedText) -> Result<(String, String), ApiError> {
    let nl = bounded_text("job_title.nl", &title.nl, TEXT_MAX)?;
    let en = if title.en.trim().is_empty() {
        nl.clone()
    } else {
        bounded_text("job_title.en", &title.en, TEXT_MAX)?
    };
    Ok((nl, en))
}

/// The team a role needs, checked to be the organisation's: care professionals and
/// team leads have one, organisation administrators may.
async fn checked_team(
    tx: &mut sqlx::Transaction<'static, crate::db::Db>,
    organisation_id: i64,
    role: StaffRole,
    team_id: Option<i64>,
) -> Result<Option<queries::TeamRow>, ApiError> {
    let team = match team_id {
        Some(id) => Some(
            queries::team(&mut **tx, organisation_id, id)
                .await?
                .ok_or_else(|| ApiError::InvalidBody("team_id: no such team".into()))?,
        ),
        None => None,
    };
    if team.is_none() && role != StaffRole::OrganisationAdmin {
        return Err(ApiError::TeamRequired);
    }
    Ok(team)
}

/// Invite a staff member (organisation administrators): they get a sign-in account
/// and an activation e-mail in their language, with the organisation's name.
#[utoipa::path(
    post, path = paths::STAFF_MEMBERS, tag = "administration",
    request_body = NewStaffMember,
    responses(
        (status = 201, description = "Invited; the activation e-mail is on its way", body = StaffMemberSummary),
        (status = 409, description = "Someone in the organisation uses this e-mail address (email-taken)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "email-invalid, mobile-invalid, team-required, text-too-long, or invalid-body (an empty name, an unknown team)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, response = crate::responses::StaffOnlyChange),
        (status = 401, response = crate::responses::SignedOut),
        (status = 429, response = crate::responses::TooManyEmails),
    ),
    security(("session" = [])),
)]
pub async fn invite(
    State(state): State<AppState>,
    request: StaffRequest<OrganisationAdmins>,
    ApiJson(new): ApiJson<NewStaffMember>,
) -> Result<(StatusCode, ApiJson<StaffMemberSummary>), ApiError> {
    let name = bounded_text("name", &new.name, TEXT_MAX)?;
    let email = normalize_email(&new.email)?;
    let mobile = normalize_mobile(&new.mobile)?;
    let (title_nl, title_en) = job_title(&new.job_title)?;
    let now = state.clock.now();
    // R26: the invitation must fit the message limits; refused before anything is
    // stored, and the permit is held until the e-mail is queued (taken before the
    // transaction: a request waiting for the permit must not hold the writer).
    let _permit = limits::reserve(
        &state.db,
        state.settings.message_limits,
        Channel::Email,
        &email,
        now,
    )
    .await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let team = checked_team(&mut tx, state.organisation_id, new.role, new.team_id).await?;
    if queries::email_taken(&mut tx, state.organisation_id, &email).await? {
        return Err(ApiError::EmailTaken);
    }
    let made = staff_accounts::insert(
        &mut tx,
        &NewStaffAccount {
            organisation_id: state.organisation_id,
            team_id: team.as_ref().map(|t| t.id),
            name: &name,
            job_title_nl: &title_nl,
            job_title_en: &title_en,
            role: new.role,
            email: &email,
            mobile: &mobile,
            language: new.language,
        },
        now,
    )
    .await?;
    let summary = format!(
        "invited as {}{}",
        role_key(new.role),
        team.as_ref()
            .map(|t| format!(" in team {}", t.id))
            .unwrap_or_default()
    );
    queries::log(
        &mut *tx,
        &LogEntry {
            organisation_id: state.organisation_id,
            actor_staff_id: request.signed_in.account.staff_member_id,
            action: "staff_invited",
            subject: Subject {
                staff_member_id: Some(made.staff_member_id),
                team_id: team.as_ref().map(|t| t.id),
                ..Subject::default()
            },
            summary: &summary,
        },
        now,
    )
    .await?;
    let row = queries::staff_member(&mut *tx, state.organisation_id, made.staff_member_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    tx.commit().await?;

    let organisation = crate::organisation::name(&state.db, state.organisation_id).await?;
    let language = new.language;
    let message = staff_invitation_email(
        &email,
        &StaffInvitationFacts {
            name: &name,
            job_title: match language {
                kring_api::Language::Nl => &title_nl,
                kring_api::Language::En => &title_en,
            },
            team: team.as_ref().map(|t| t.name.as_str()),
            link: &made.link(&state.settings.public_url),
            organisation: &organisation,
        },
        language,
    );
    state
        .sender
        .send(message)
        .await
        .map_err(|e| ApiError::Internal(format!("sending the invitation: {e}")))?;
    Ok((StatusCode::CREATED, ApiJson(StaffMemberSummary::from(row))))
}

/// Change a staff member's role, team and job title (organisation administrators).
/// An administrator cannot take away their own administrator role.
#[utoipa::path(
    put, path = paths::STAFF_MEMBER, tag = "administration",
    params(("staff_id" = i64, Path, description = "The staff member")),
    request_body = StaffMemberChange,
    responses(
        (status = 200, description = "The staff member as they are now", body = StaffMemberSummary),
        (status = 404, description = "No such staff member in the organisation (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "One's own role (own-account), or an ended staff member (staff-member-ended)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "team-required, text-too-long, or invalid-body (an empty job title, an unknown team)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, response = crate::responses::StaffOnlyChange),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
pub async fn change(
    State(state): State<AppState>,
    request: StaffRequest<OrganisationAdmins>,
    ApiPath(staff_id): ApiPath<i64>,
    ApiJson(change): ApiJson<StaffMemberChange>,
) -> Result<ApiJson<StaffMemberSummary>, ApiError> {
    let (title_nl, title_en) = job_title(&change.job_title)?;
    let now = state.clock.now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    let current = queries::staff_member(&mut *tx, state.organisation_id, staff_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if current.ended_at.is_some() {
        return Err(ApiError::StaffMemberEnded);
    }
    let own = request.signed_in.account.staff_member_id == Some(staff_id);
    if own && change.role != StaffRole::OrganisationAdmin {
        return Err(ApiError::OwnAccount);
    }
    let team = checked_team(&mut tx, state.organisation_id, change.role, change.team_id).await?;
    let team_id = team.as_ref().map(|t| t.id);
    queries::update_staff_member(
        &mut *tx,
        staff_id,
        role_key(change.role),
        team_id,
        (&title_nl, &title_en),
    )
    .await?;
    let mut changes = Vec::new();
    if current.role != role_key(change.role) {
        changes.push(format!(
            "role {} -> {}",
            current.role,
            role_key(change.role)
        ));
    }
    if current.team_id != team_id {
        let team = |id: Option<i64>| id.map_or("none".to_owned(), |id| id.to_string());
        changes.push(format!(
            "team {} -> {}",
            team(current.team_id),
            team(team_id)
        ));
    }
    if (current.job_title_nl.as_str(), current.job_title_en.as_str())
        != (title_nl.as_str(), title_en.as_str())
    {
        changes.push("job title".to_owned());
    }
    let summary = if changes.is_empty() {
        "nothing changed".to_owned()
    } else {
        changes.join("; ")
    };
    queries::log(
        &mut *tx,
        &LogEntry {
            organisation_id: state.organisation_id,
            actor_staff_id: request.signed_in.account.staff_member_id,
            action: "staff_changed",
            subject: Subject {
                staff_member_id: Some(staff_id),
                team_id,
                ..Subject::default()
            },
            summary: &summary,
        },
        now,
    )
    .await?;
    let row = queries::staff_member(&mut *tx, state.organisation_id, staff_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    tx.commit().await?;
    Ok(ApiJson(StaffMemberSummary::from(row)))
}

/// End a staff member's account at once (organisation administrators): they can no
/// longer sign in, every session of theirs ends, and what they did stays on record.
/// An administrator cannot end their own account.
#[utoipa::path(
    post, path = paths::STAFF_MEMBER_END, tag = "administration",
    params(("staff_id" = i64, Path, description = "The staff member")),
    responses(
        (status = 200, description = "Ended; the staff member as they are now", body = StaffMemberSummary),
        (status = 404, description = "No such staff member in the organisation (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "One's own account (own-account), or ended already (staff-member-ended)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, response = crate::responses::StaffOnlyChange),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
pub async fn end(
    State(state): State<AppState>,
    request: StaffRequest<OrganisationAdmins>,
    ApiPath(staff_id): ApiPath<i64>,
) -> Result<ApiJson<StaffMemberSummary>, ApiError> {
    let now = state.clock.now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    let current = queries::staff_member(&mut *tx, state.organisation_id, staff_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if request.signed_in.account.staff_member_id == Some(staff_id) {
        return Err(ApiError::OwnAccount);
    }
    if current.ended_at.is_some() {
        return Err(ApiError::StaffMemberEnded);
    }
    queries::end_staff_member(&mut tx, staff_id, current.account_id, now).await?;
    if let Some(account_id) = current.account_id {
        session::end_all(&mut *tx, account_id, "staff_ended", now).await?;
    }
    queries::log(
        &mut *tx,
        &LogEntry {
            organisation_id: state.organisation_id,
            actor_staff_id: request.signed_in.account.staff_member_id,
            action: "staff_ended",
            subject: Subject {
                staff_member_id: Some(staff_id),
                team_id: current.team_id,
                ..Subject::default()
            },
            summary: &format!("account ended ({})", current.role),
        },
        now,
    )
    .await?;
    let row = queries::staff_member(&mut *tx, state.organisation_id, staff_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    tx.commit().await?;
    Ok(ApiJson(StaffMemberSummary::from(row)))
}
