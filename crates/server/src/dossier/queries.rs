//! Database access for correction requests (R24). Reports and care plans have their
//! own modules (`reports`, `care_plan`); the handlers in `corrections` call these.

use chrono::{DateTime, NaiveDate, Utc};

use crate::db::{Db, Pool};

/// A correction request as stored; with the client's name and id where the reader is
/// staff (the organisation's list), without them for the client's own portal.
#[derive(sqlx::FromRow)]
pub(super) struct RequestRow {
    /// The request.
    pub id: i64,
    /// `correct`, `add`, `remove` or `shield`.
    pub kind: String,
    /// `report`, `goal` or `general`.
    pub target_type: String,
    /// The report or goal, unless general.
    pub target_id: Option<i64>,
    /// What the administrator asks.
    pub text: String,
    /// `submitted`, `in_progress`, `done` or `declined`.
    pub status: String,
    /// When it was filed.
    pub filed_at: DateTime<Utc>,
    /// When it must be handled.
    pub due_on: NaiveDate,
    /// Staff's answer.
    pub answer: Option<String>,
    /// When staff answered.
    pub answered_at: Option<DateTime<Utc>>,
    /// The client's name (staff lists only).
    pub client_name: Option<String>,
    /// The client (staff lists only).
    pub client_id: Option<i64>,
}

const COLUMNS: &str =
    "cr.id, cr.kind, cr.target_type, cr.target_id, cr.text, cr.status, cr.filed_at, cr.due_on, \
     cr.answer, cr.answered_at";

/// How many days the client's organisation gives staff to handle a request.
pub(super) async fn deadline_days(db: &Pool, client_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT o.correction_deadline_days FROM organisations o JOIN clients c ON c.organisation_id = o.id WHERE c.id = $1",
    )
    .bind(client_id)
    .fetch_one(db)
    .await
}

/// A request to file.
pub(super) struct NewRequestRow<'a> {
    /// The client it is about.
    pub client_id: i64,
    /// The administrator's account.
    pub filed_by: i64,
    /// `correct`, `add`, `remove` or `shield`.
    pub kind: &'a str,
    /// `report`, `goal` or `general`.
    pub target_type: &'a str,
    /// The report or goal, unless general.
    pub target_id: Option<i64>,
    /// What is asked.
    pub text: &'a str,
    /// When it is filed.
    pub filed_at: DateTime<Utc>,
    /// When it must be handled.
    pub due_on: NaiveDate,
}

/// Files a request (submitted) and returns its id.
pub(super) async fn insert(
    tx: &mut sqlx::Transaction<'_, Db>,
    request: &NewRequestRow<'_>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO correction_requests (client_id, filed_by, kind, target_type, target_id, text, status, filed_at, due_on) \
         VALUES ($1, $2, $3, $4, $5, $6, 'submitted', $7, $8) RETURNING id",
    )
    .bind(request.client_id)
    .bind(request.filed_by)
    .bind(request.kind)
    .bind(request.target_type)
    .bind(request.target_id)
    .bind(request.text)
    .bind(request.filed_at)
    .bind(request.due_on)
    .fetch_one(&mut **tx)
    .await
}

/// One request, with its client's name and id.
pub(super) async fn by_id(db: &Pool, id: i64) -> Result<Option<RequestRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS}, c.first_name || ' ' || c.family_name AS client_name, c.id AS client_id \
         FROM correction_requests cr JOIN clients c ON c.id = cr.client_id WHERE cr.id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Up to `limit` of a client's requests below `before`, newest first (without the
/// client's name and id: the portal knows whose they are).
pub(super) async fn for_client(
    db: &Pool,
    client_id: i64,
    before: i64,
    limit: i64,
) -> Result<Vec<RequestRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS}, NULL AS client_name, CAST(NULL AS BIGINT) AS client_id \
         FROM correction_requests cr \
         WHERE cr.client_id = $1 AND cr.id < $2 ORDER BY cr.id DESC LIMIT $3"
    ))
    .bind(client_id)
    .bind(before)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Which requests a staff member's inbox shows.
pub(super) struct InboxFilter {
    /// The organisation.
    pub organisation_id: i64,
    /// Only the team's clients (not for an organisation administrator).
    pub team_only: bool,
    /// The team, when `team_only`.
    pub team_id: i64,
    /// Only requests not yet handled.
    pub open_only: bool,
}

/// Up to `limit` requests of the filter's clients from `offset`, soonest due first,
/// with each client's name and id.
pub(super) async fn inbox(
    db: &Pool,
    filter: &InboxFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<RequestRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS}, c.first_name || ' ' || c.family_name AS client_name, c.id AS client_id \
         FROM correction_requests cr JOIN clients c ON c.id = cr.client_id \
         WHERE c.organisation_id = $1 AND ($2 = FALSE OR c.team_id = $3) \
         AND ($4 = FALSE OR cr.status IN ('submitted', 'in_progress')) \
         ORDER BY cr.due_on, cr.id LIMIT $5 OFFSET $6"
    ))
    .bind(filter.organisation_id)
    .bind(filter.team_only)
    .bind(filter.team_id)
    .bind(filter.open_only)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

/// The client a request of the organisation is about; `None` when there is no such
/// request in it.
pub(super) async fn client_of(
    db: &Pool,
    id: i64,
    organisation_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT c.id FROM correction_requests cr JOIN clients c ON c.id = cr.client_id \
         WHERE cr.id = $1 AND c.organisation_id = $2",
    )
    .bind(id)
    .bind(organisation_id)
    .fetch_optional(db)
    .await
}

/// The staff member an account belongs to, if any (the account must exist).
pub(super) async fn staff_member_of(
    db: &Pool,
    account_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT staff_member_id FROM accounts WHERE id = $1")
        .bind(account_id)
        .fetch_one(db)
        .await
}

/// Staff's handling of a request: its new status and, when given, the answer.
pub(super) struct Answer<'a> {
    /// `submitted`, `in_progress`, `done` or `declined`.
    pub status: &'a str,
    /// The answer; none keeps the earlier answer and its time.
    pub answer: Option<&'a str>,
    /// The staff member answering.
    pub answered_by: Option<i64>,
    /// Now.
    pub now: DateTime<Utc>,
}

/// Sets a request's status and, when given, its answer.
pub(super) async fn answer(
    tx: &mut sqlx::Transaction<'_, Db>,
    id: i64,
    answer: &Answer<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE correction_requests SET status = $1, answer = COALESCE($2, answer), answered_by = $3, \
         answered_at = CASE WHEN CAST($2 AS TEXT) IS NULL THEN answered_at ELSE $4 END WHERE id = $5",
    )
    .bind(answer.status)
    .bind(answer.answer)
    .bind(answer.answered_by)
    .bind(answer.now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
