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
use crate::auth::accounts::{self, normalize_email, normalize_mobile};
use crate::auth::messages::{staff_invitation_email, StaffInvitationFacts};
use crate::auth::recovery;
use crate::auth::session;
use crate::outbox::limits;
use crate::paging::{self, PageLimit};
use crate::problem::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::staff_members::{parse_role, role_key, OrganisationAdmins, StaffRequest, TeamLeads};
use crate::state::AppState;
use crate::text::bounded_text;

/// The longest name or job title.
pub const TEXT_MAX: usize = 100;

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
pub fn job_title(title: &LocalizedText) -> Result<(String, String), ApiError> {
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
    let job_title = job_title(&new.job_title)?;
    let organisation = crate::organisation::name(&state.db, state.organisation_id).await?;
    // R26: the invitation must fit the message limits; refused before anything is
    // stored, and the permit is held until the e-mail is queued (taken before the
    // transaction: a request waiting for the permit must not hold the writer).
    let _permit = limits::reserve(
        &state.db,
        state.settings.message_limits,
        Channel::Email,
        &email,
        state.clock.now(),
    )
    .await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let team = checked_team(&mut tx, state.organisation_id, new.role, new.team_id).await?;
    if queries::email_taken(&mut tx, state.organisation_id, &email).await? {
        return Err(ApiError::EmailTaken);
    }
    let invitee = Invitee {
        name,
        email,
        mobile,
        role: new.role,
        team: team.map(|t| (t.id, t.name)),
        job_title,
        language: new.language,
    };
    let row = invite_in(
        &state,
        &mut tx,
        request.signed_in.account.staff_member_id,
        &organisation,
        &invitee,
    )
    .await?;
    tx.commit().await?;
    state.sender.committed();
    Ok((StatusCode::CREATED, ApiJson(StaffMemberSummary::from(row))))
}

/// A staff member to invite, checked: the name, the e-mail address and mobile number
/// in their stored forms, the team (id and name) the role needs, and the job title
/// (Dutch, English).
pub struct Invitee {
    /// Their name.
    pub name: String,
    /// Their e-mail address, normalised and not used in the organisation.
    pub email: String,
    /// Their mobile number (E.164).
    pub mobile: String,
    /// What they may do.
    pub role: StaffRole,
    /// Their team, checked to be the organisation's.
    pub team: Option<(i64, String)>,
    /// Their job title in Dutch and English.
    pub job_title: (String, String),
    /// The language of the invitation.
    pub language: kring_api::Language,
}

/// Invites a checked staff member in `tx`: the staff member, their pending account and
/// activation link, the administration log's row, and the activation e-mail in their
/// language (handed to the sender in the same transaction, so an invitation that is
/// not committed is never sent). The caller commits, then calls
/// `state.sender.committed()`.
pub async fn invite_in(
    state: &AppState,
    tx: &mut sqlx::Transaction<'static, crate::db::Db>,
    actor_staff_id: Option<i64>,
    organisation: &str,
    invitee: &Invitee,
) -> Result<StaffRow, ApiError> {
    let now = state.clock.now();
    let team_id = invitee.team.as_ref().map(|(id, _)| *id);
    let (title_nl, title_en) = &invitee.job_title;
    let made = staff_accounts::insert(
        tx,
        &NewStaffAccount {
            organisation_id: state.organisation_id,
            team_id,
            name: &invitee.name,
            job_title_nl: title_nl,
            job_title_en: title_en,
            role: invitee.role,
            email: &invitee.email,
            mobile: &invitee.mobile,
            language: invitee.language,
        },
        now,
    )
    .await?;
    let summary = format!(
        "invited as {}{}",
        role_key(invitee.role),
        team_id
            .map(|id| format!(" in team {id}"))
            .unwrap_or_default()
    );
    queries::log(
        &mut **tx,
        &LogEntry {
            organisation_id: state.organisation_id,
            actor_staff_id,
            action: "staff_invited",
            subject: Subject {
                staff_member_id: Some(made.staff_member_id),
                team_id,
                ..Subject::default()
            },
            summary: &summary,
        },
        now,
    )
    .await?;
    let row = queries::staff_member(&mut **tx, state.organisation_id, made.staff_member_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let message = staff_invitation_email(
        &invitee.email,
        &StaffInvitationFacts {
            name: &invitee.name,
            job_title: match invitee.language {
                kring_api::Language::Nl => title_nl,
                kring_api::Language::En => title_en,
            },
            team: invitee.team.as_ref().map(|(_, name)| name.as_str()),
            link: &made.link(&state.settings.public_url),
            organisation,
        },
        invitee.language,
    );
    state
        .sender
        .send_in(tx, &message)
        .await
        .map_err(|e| ApiError::Internal(format!("queueing the invitation: {e}")))?;
    Ok(row)
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
    let row = change_in(
        state.organisation_id,
        &mut tx,
        request.signed_in.account.staff_member_id,
        &current,
        change.role,
        team.as_ref().map(|t| t.id),
        (&title_nl, &title_en),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(ApiJson(StaffMemberSummary::from(row)))
}

/// Changes a staff member's role, team (checked to be the organisation's) and job
/// title in `tx`, with the administration log's row naming what changed; answers the
/// staff member as they are now. The caller has checked that they were not ended and
/// that an administrator keeps their own role.
#[allow(clippy::too_many_arguments)]
pub async fn change_in(
    organisation_id: i64,
    tx: &mut sqlx::Transaction<'static, crate::db::Db>,
    actor_staff_id: Option<i64>,
    current: &StaffRow,
    role: StaffRole,
    team_id: Option<i64>,
    (title_nl, title_en): (&str, &str),
    now: chrono::DateTime<chrono::Utc>,
) -> Result<StaffRow, ApiError> {
    let staff_id = current.id;
    queries::update_staff_member(
        &mut **tx,
        staff_id,
        role_key(role),
        team_id,
        (title_nl, title_en),
    )
    .await?;
    let mut changes = Vec::new();
    if current.role != role_key(role) {
        changes.push(format!("role {} -> {}", current.role, role_key(role)));
    }
    if current.team_id != team_id {
        let team = |id: Option<i64>| id.map_or("none".to_owned(), |id| id.to_string());
        changes.push(format!(
            "team {} -> {}",
            team(current.team_id),
            team(team_id)
        ));
    }
    if (current.job_title_nl.as_str(), current.job_title_en.as_str()) != (title_nl, title_en) {
        changes.push("job title".to_owned());
    }
    let summary = if changes.is_empty() {
        "nothing changed".to_owned()
    } else {
        changes.join("; ")
    };
    queries::log(
        &mut **tx,
        &LogEntry {
            organisation_id,
            actor_staff_id,
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
    queries::staff_member(&mut **tx, organisation_id, staff_id)
        .await?
        .ok_or(ApiError::NotFound)
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

/// The staff member an organisation administrator acts on for their sign-in (a reset,
/// a link), with their account: not one's own (`own-account`), not ended
/// (`staff-member-ended`), and with an account (`not-found` otherwise).
pub(super) async fn account_acted_on(
    state: &AppState,
    request: &StaffRequest<OrganisationAdmins>,
    staff_id: i64,
) -> Result<(StaffRow, accounts::Account), ApiError> {
    let member = queries::staff_member(&state.db, state.organisation_id, staff_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if request.signed_in.account.staff_member_id == Some(staff_id) {
        return Err(ApiError::OwnAccount);
    }
    if member.ended_at.is_some() {
        return Err(ApiError::StaffMemberEnded);
    }
    let account_id = member.account_id.ok_or(ApiError::NotFound)?;
    let account = accounts::by_id(&state.db, state.organisation_id, account_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((member, account))
}

/// Reset a staff member's second factor (a lost phone), having checked who they are
/// outside the portal (organisation administrators). Every session of theirs ends; the
/// reset is logged with who did it and why (their security log and the administration
/// log), and they are told by e-mail. At their next sign-in the password alone opens a
/// session that must set up a new number or a passkey first. Not one's own.
#[utoipa::path(
    post, path = paths::STAFF_MEMBER_SECOND_FACTOR_RESET, tag = "administration",
    params(("staff_id" = i64, Path, description = "The staff member")),
    request_body = kring_api::account::SecondFactorResetRequest,
    responses(
        (status = 200, description = "Reset; the staff member was told by e-mail", body = kring_api::auth::Accepted),
        (status = 404, description = "No such staff member in the organisation, or one without an account (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "One's own account (own-account), or ended (staff-member-ended)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason, or too long (invalid-body, text-too-long)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, response = crate::responses::StaffOnlyChange),
        (status = 401, response = crate::responses::SignedOut),
        (status = 429, response = crate::responses::TooManyEmails),
    ),
    security(("session" = [])),
)]
pub async fn reset_second_factor(
    State(state): State<AppState>,
    request: StaffRequest<OrganisationAdmins>,
    ApiPath(staff_id): ApiPath<i64>,
    ApiJson(body): ApiJson<kring_api::SecondFactorResetRequest>,
) -> Result<ApiJson<kring_api::Accepted>, ApiError> {
    let now = state.clock.now();
    let reason = recovery::checked_reason(&body.reason)?;
    let (current, account) = account_acted_on(&state, &request, staff_id).await?;
    let _permit = limits::reserve(
        &state.db,
        state.settings.message_limits,
        Channel::Email,
        &account.email,
        now,
    )
    .await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    recovery::reset_second_factor(
        &mut tx,
        &account,
        request.signed_in.account.id,
        &reason,
        now,
    )
    .await?;
    queries::log(
        &mut *tx,
        &LogEntry {
            organisation_id: state.organisation_id,
            actor_staff_id: request.signed_in.account.staff_member_id,
            action: "second_factor_reset",
            subject: Subject {
                staff_member_id: Some(staff_id),
                team_id: current.team_id,
                ..Subject::default()
            },
            summary: &format!("second factor reset: {reason}"),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    recovery::tell_person(&state, &account).await?;
    Ok(ApiJson(kring_api::Accepted { accepted: true }))
}
