//! The administration's SQL: teams, staff members and the administration log. Each
//! query takes a pool or the handler's transaction.

use chrono::{DateTime, Utc};

use crate::db::{Db, Pool};

/// A team as stored, with its member count.
#[derive(Debug, sqlx::FromRow)]
pub struct TeamRow {
    /// The team.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Its emergency number as dialled.
    pub emergency_phone: Option<String>,
    /// Its emergency number as entered.
    pub emergency_phone_display: Option<String>,
    /// Its staff members who were not ended.
    pub member_count: i64,
}

const TEAM_COLUMNS: &str = "t.id, t.name, t.emergency_phone, t.emergency_phone_display, \
     (SELECT COUNT(*) FROM staff_members s WHERE s.team_id = t.id AND s.ended_at IS NULL) AS member_count";

/// The organisation's teams by name (only `only_team`, when given), a page from
/// `offset`, `limit` rows.
pub async fn teams(
    db: &Pool,
    organisation_id: i64,
    only_team: Option<i64>,
    limit: i64,
    offset: i64,
) -> Result<Vec<TeamRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {TEAM_COLUMNS} FROM teams t WHERE t.organisation_id = $1 \
         AND (CAST($2 AS BIGINT) IS NULL OR t.id = $2) ORDER BY t.name, t.id LIMIT $3 OFFSET $4"
    ))
    .bind(organisation_id)
    .bind(only_team)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

/// One team of the organisation.
pub async fn team<'e>(
    db: impl sqlx::Executor<'e, Database = Db>,
    organisation_id: i64,
    team_id: i64,
) -> Result<Option<TeamRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {TEAM_COLUMNS} FROM teams t WHERE t.organisation_id = $1 AND t.id = $2"
    ))
    .bind(organisation_id)
    .bind(team_id)
    .fetch_optional(db)
    .await
}

/// Whether another team of the organisation (not `except`) has this name, whatever
/// its capitals.
pub async fn team_name_taken<'e>(
    db: impl sqlx::Executor<'e, Database = Db>,
    organisation_id: i64,
    name: &str,
    except: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM teams WHERE organisation_id = $1 AND LOWER(name) = LOWER($2) \
         AND (CAST($3 AS BIGINT) IS NULL OR id <> $3) LIMIT 1",
    )
    .bind(organisation_id)
    .bind(name)
    .bind(except)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

/// A team's name and emergency number (dialled, entered), as stored.
pub struct TeamValues<'a> {
    /// The name.
    pub name: &'a str,
    /// The number as dialled.
    pub phone: Option<&'a str>,
    /// The number as entered.
    pub phone_display: Option<&'a str>,
}

/// Adds a team; returns its id.
pub async fn insert_team<'e>(
    db: impl sqlx::Executor<'e, Database = Db>,
    organisation_id: i64,
    team: &TeamValues<'_>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO teams (organisation_id, name, emergency_phone, emergency_phone_display) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(organisation_id)
    .bind(team.name)
    .bind(team.phone)
    .bind(team.phone_display)
    .fetch_one(db)
    .await
}

/// Changes a team's name and number.
pub async fn update_team<'e>(
    db: impl sqlx::Executor<'e, Database = Db>,
    team_id: i64,
    team: &TeamValues<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE teams SET name = $1, emergency_phone = $2, emergency_phone_display = $3 WHERE id = $4",
    )
    .bind(team.name)
    .bind(team.phone)
    .bind(team.phone_display)
    .bind(team_id)
    .execute(db)
    .await?;
    Ok(())
}

/// A staff member as the administration lists them.
#[derive(Debug, sqlx::FromRow)]
pub struct StaffRow {
    /// The staff member.
    pub id: i64,
    /// Their name.
    pub name: String,
    /// Their e-mail address.
    pub email: String,
    /// Their role as stored.
    pub role: String,
    /// Their team.
    pub team_id: Option<i64>,
    /// Its name.
    pub team_name: Option<String>,
    /// Job title in Dutch.
    pub job_title_nl: String,
    /// Job title in English.
    pub job_title_en: String,
    /// When the staff account was ended.
    pub ended_at: Option<DateTime<Utc>>,
    /// Their account's status, if they have one.
    pub account_status: Option<String>,
    /// Their account.
    pub account_id: Option<i64>,
}

const STAFF_COLUMNS: &str = "s.id, s.name, s.email, s.role, s.team_id, t.name AS team_name, \
     s.job_title_nl, s.job_title_en, s.ended_at, a.status AS account_status, a.id AS account_id";

const STAFF_FROM: &str = "FROM staff_members s LEFT JOIN teams t ON t.id = s.team_id \
     LEFT JOIN accounts a ON a.staff_member_id = s.id AND a.organisation_id = s.organisation_id";

/// The organisation's staff by name (only the team's, when given), a page from
/// `offset`, `limit` rows.
pub async fn staff_members(
    db: &Pool,
    organisation_id: i64,
    team_id: Option<i64>,
    limit: i64,
    offset: i64,
) -> Result<Vec<StaffRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {STAFF_COLUMNS} {STAFF_FROM} WHERE s.organisation_id = $1 \
         AND (CAST($2 AS BIGINT) IS NULL OR s.team_id = $2) ORDER BY s.name, s.id LIMIT $3 OFFSET $4"
    ))
    .bind(organisation_id)
    .bind(team_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

/// One staff member of the organisation.
pub async fn staff_member<'e>(
    db: impl sqlx::Executor<'e, Database = Db>,
    organisation_id: i64,
    staff_id: i64,
) -> Result<Option<StaffRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {STAFF_COLUMNS} {STAFF_FROM} WHERE s.organisation_id = $1 AND s.id = $2"
    ))
    .bind(organisation_id)
    .bind(staff_id)
    .fetch_optional(db)
    .await
}

/// The staff member of the organisation with this (normalised) e-mail address, ended
/// or not.
pub async fn staff_member_by_email<'e>(
    db: impl sqlx::Executor<'e, Database = Db>,
    organisation_id: i64,
    email: &str,
) -> Result<Option<StaffRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {STAFF_COLUMNS} {STAFF_FROM} WHERE s.organisation_id = $1 AND LOWER(s.email) = $2 \
         ORDER BY s.id LIMIT 1"
    ))
    .bind(organisation_id)
    .bind(email)
    .fetch_optional(db)
    .await
}

/// The team of the organisation with this name, whatever its capitals (team names are
/// unique that way).
pub async fn team_by_name<'e>(
    db: impl sqlx::Executor<'e, Database = Db>,
    organisation_id: i64,
    name: &str,
) -> Result<Option<TeamRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {TEAM_COLUMNS} FROM teams t WHERE t.organisation_id = $1 \
         AND LOWER(t.name) = LOWER($2) ORDER BY t.id LIMIT 1"
    ))
    .bind(organisation_id)
    .bind(name)
    .fetch_optional(db)
    .await
}

/// Whether a staff member or any account of the organisation uses this (normalised)
/// e-mail address.
pub async fn email_taken(
    tx: &mut sqlx::Transaction<'static, Db>,
    organisation_id: i64,
    email: &str,
) -> Result<bool, sqlx::Error> {
    let staff: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM staff_members WHERE organisation_id = $1 AND LOWER(email) = $2 LIMIT 1",
    )
    .bind(organisation_id)
    .bind(email)
    .fetch_optional(&mut **tx)
    .await?;
    let account: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM accounts WHERE organisation_id = $1 AND email = $2 LIMIT 1",
    )
    .bind(organisation_id)
    .bind(email)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(staff.is_some() || account.is_some())
}

/// Changes a staff member's role, team and job title.
pub async fn update_staff_member<'e>(
    db: impl sqlx::Executor<'e, Database = Db>,
    staff_id: i64,
    role: &str,
    team_id: Option<i64>,
    job_title: (&str, &str),
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE staff_members SET role = $1, team_id = $2, job_title_nl = $3, job_title_en = $4 WHERE id = $5",
    )
    .bind(role)
    .bind(team_id)
    .bind(job_title.0)
    .bind(job_title.1)
    .bind(staff_id)
    .execute(db)
    .await?;
    Ok(())
}

/// Ends a staff member and their account (if any) now; the rows stay. The account's
/// sessions are ended by the caller in the same transaction.
pub async fn end_staff_member(
    tx: &mut sqlx::Transaction<'static, Db>,
    staff_id: i64,
    account_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE staff_members SET ended_at = $1 WHERE id = $2 AND ended_at IS NULL")
        .bind(now)
        .bind(staff_id)
        .execute(&mut **tx)
        .await?;
    if let Some(account_id) = account_id {
        sqlx::query(
            "UPDATE accounts SET status = 'ended', status_reason = 'staff_ended' WHERE id = $1",
        )
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// What an administrative change was about.
#[derive(Clone, Copy, Debug, Default)]
pub struct Subject {
    /// A team.
    pub team_id: Option<i64>,
    /// A staff member.
    pub staff_member_id: Option<i64>,
    /// A client.
    pub client_id: Option<i64>,
}

/// One row of the administration log.
pub struct LogEntry<'a> {
    /// The organisation.
    pub organisation_id: i64,
    /// The staff member who did it (`None`: the command line).
    pub actor_staff_id: Option<i64>,
    /// What was done, e.g. `team_created`.
    pub action: &'a str,
    /// What it was about.
    pub subject: Subject,
    /// A short description of the change, without secrets.
    pub summary: &'a str,
}

/// Adds a row to the administration log, in the change's transaction.
pub async fn log<'e>(
    db: impl sqlx::Executor<'e, Database = Db>,
    entry: &LogEntry<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO administration_log (organisation_id, actor_staff_id, action, team_id, \
         staff_member_id, client_id, summary, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(entry.organisation_id)
    .bind(entry.actor_staff_id)
    .bind(entry.action)
    .bind(entry.subject.team_id)
    .bind(entry.subject.staff_member_id)
    .bind(entry.subject.client_id)
    .bind(entry.summary)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}
