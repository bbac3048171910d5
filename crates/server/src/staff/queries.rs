//! Database access for what staff do: the care relation's end, reports, care plans
//! and moderation. Each function runs one query (or one plan's rows) on the pool or in
//! the handler's transaction, so a change and its access-log entry commit together.

use chrono::{DateTime, NaiveDate, Utc};
use kring_api::ModerationKind;

use crate::db::{Db, Pool};
use crate::dossier::domains::StoredDomain;

/// When a client's care relation started and how many days of access the
/// organisation gives after it ends.
#[derive(sqlx::FromRow)]
pub(super) struct CareRelationTerms {
    /// The first day of the care relation.
    pub care_relation_start: NaiveDate,
    /// Days of portal access after the care relation ends.
    pub access_grace_days: i64,
}

/// The care relation's start and the organisation's grace days for a client.
pub(super) async fn care_relation_terms(
    db: &Pool,
    client_id: i64,
) -> Result<CareRelationTerms, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.care_relation_start, o.access_grace_days FROM clients c \
         JOIN organisations o ON o.id = c.organisation_id WHERE c.id = $1",
    )
    .bind(client_id)
    .fetch_one(db)
    .await
}

/// Records the end of the care relation and/or the day of death; a date not given
/// keeps what was recorded before.
pub(super) async fn record_care_relation_end(
    tx: &mut sqlx::Transaction<'_, Db>,
    client_id: i64,
    ended_on: Option<NaiveDate>,
    deceased_on: Option<NaiveDate>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE clients SET care_relation_end = COALESCE($1, care_relation_end), \
         deceased_on = COALESCE($2, deceased_on) WHERE id = $3",
    )
    .bind(ended_on)
    .bind(deceased_on)
    .bind(client_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A report as staff see it.
#[derive(sqlx::FromRow)]
pub(super) struct StaffReportRow {
    /// The report.
    pub id: i64,
    /// When it was written.
    pub written_at: DateTime<Utc>,
    /// Its author's name.
    pub author_name: String,
    /// Its life domain's key.
    pub category: StoredDomain,
    /// The text.
    pub body: String,
    /// Whether the portal shows it.
    pub released_to_portal: bool,
}

/// The columns of a report as staff see it (`r`: reports, `s`: its author).
const STAFF_REPORT_COLUMNS: &str =
    "SELECT r.id, r.written_at, s.name AS author_name, r.category, r.body, r.released_to_portal \
     FROM reports r JOIN staff_members s ON s.id = r.author_id";

/// One report of a client; `None` when the client has no such report.
pub(super) async fn staff_report(
    db: &Pool,
    client_id: i64,
    report_id: i64,
) -> Result<Option<StaffReportRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{STAFF_REPORT_COLUMNS} WHERE r.id = $1 AND r.client_id = $2"
    ))
    .bind(report_id)
    .bind(client_id)
    .fetch_optional(db)
    .await
}

/// Up to `limit` of a client's reports (never the shielded ones) below `before`,
/// newest first.
pub(super) async fn staff_reports(
    db: &Pool,
    client_id: i64,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<StaffReportRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{STAFF_REPORT_COLUMNS} WHERE r.client_id = $1 AND r.shielded = FALSE \
         AND ($2 IS NULL OR r.id < $2) ORDER BY r.id DESC LIMIT $3"
    ))
    .bind(client_id)
    .bind(before)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// A report to write.
pub(super) struct NewReportRow<'a> {
    /// The client it is about.
    pub client_id: i64,
    /// The staff member who wrote it.
    pub author_id: i64,
    /// When.
    pub written_at: DateTime<Utc>,
    /// Its life domain's key.
    pub category: &'a str,
    /// The text.
    pub body: &'a str,
    /// Whether the portal shows it at once.
    pub released: bool,
}

/// Writes a report (never shielded) and returns its id.
pub(super) async fn insert_report(
    tx: &mut sqlx::Transaction<'_, Db>,
    report: &NewReportRow<'_>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO reports (client_id, author_id, written_at, category, body, released_to_portal, shielded) \
         VALUES ($1, $2, $3, $4, $5, $6, FALSE) RETURNING id",
    )
    .bind(report.client_id)
    .bind(report.author_id)
    .bind(report.written_at)
    .bind(report.category)
    .bind(report.body)
    .bind(report.released)
    .fetch_one(&mut **tx)
    .await
}

/// Releases a report to the portal.
pub(super) async fn release_report(
    tx: &mut sqlx::Transaction<'_, Db>,
    report_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE reports SET released_to_portal = TRUE WHERE id = $1")
        .bind(report_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The first day of a client's latest care plan, if there is one.
pub(super) async fn latest_plan_start(
    db: &Pool,
    client_id: i64,
) -> Result<Option<NaiveDate>, sqlx::Error> {
    sqlx::query_scalar("SELECT MAX(period_start) FROM care_plans WHERE client_id = $1")
        .bind(client_id)
        .fetch_one(db)
        .await
}

/// A goal of a new care plan, checked.
pub(super) struct NewPlanGoal {
    /// The goal.
    pub text: String,
    /// `active`, `achieved` or `stopped`.
    pub status: &'static str,
    /// Its first day.
    pub from: NaiveDate,
    /// When it is evaluated.
    pub evaluation: NaiveDate,
    /// Agreed actions: what, who, how often.
    pub actions: Vec<[String; 3]>,
}

/// A life domain of a new care plan, checked, with its goals.
pub(super) struct NewPlanDomain {
    /// The life domain's key.
    pub domain: &'static str,
    /// Its goals, in order.
    pub goals: Vec<NewPlanGoal>,
}

/// Ends, the day before `start`, every plan of the client still in force on `start`.
pub(super) async fn end_plans_from(
    tx: &mut sqlx::Transaction<'_, Db>,
    client_id: i64,
    start: NaiveDate,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE care_plans SET period_end = $1 WHERE client_id = $2 AND (period_end IS NULL OR period_end >= $3)",
    )
    .bind(start.pred_opt().unwrap_or(start))
    .bind(client_id)
    .bind(start)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Writes a care plan in force from `start`, with its domains, goals and actions in
/// the order given; returns the plan's id.
pub(super) async fn insert_care_plan(
    tx: &mut sqlx::Transaction<'_, Db>,
    client_id: i64,
    start: NaiveDate,
    now: DateTime<Utc>,
    domains: &[NewPlanDomain],
) -> Result<i64, sqlx::Error> {
    let plan_id: i64 = sqlx::query_scalar(
        "INSERT INTO care_plans (client_id, period_start, period_end, created_at) VALUES ($1, $2, NULL, $3) RETURNING id",
    )
    .bind(client_id)
    .bind(start)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    for (domain_position, domain) in domains.iter().enumerate() {
        let domain_id: i64 = sqlx::query_scalar(
            "INSERT INTO care_plan_domains (care_plan_id, domain, position) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(plan_id)
        .bind(domain.domain)
        .bind(domain_position as i64 + 1)
        .fetch_one(&mut **tx)
        .await?;
        for (goal_position, goal) in domain.goals.iter().enumerate() {
            let goal_id: i64 = sqlx::query_scalar(
                "INSERT INTO care_plan_goals (domain_id, text, status, start_date, evaluation_date, position) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(domain_id)
            .bind(&goal.text)
            .bind(goal.status)
            .bind(goal.from)
            .bind(goal.evaluation)
            .bind(goal_position as i64 + 1)
            .fetch_one(&mut **tx)
            .await?;
            for (action_position, [what, who, how_often]) in goal.actions.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO care_plan_actions (goal_id, what, who, how_often, position) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(goal_id)
                .bind(what)
                .bind(who)
                .bind(how_often)
                .bind(action_position as i64 + 1)
                .execute(&mut **tx)
                .await?;
            }
        }
    }
    Ok(plan_id)
}

/// A note or photo placed by a client or their circle, as moderation lists it.
#[derive(sqlx::FromRow)]
pub(super) struct ModerationRow {
    /// `note` or `photo`.
    pub kind: String,
    /// The note or photo.
    pub id: i64,
    /// The client it is shown to.
    pub client_id: i64,
    /// The client's name.
    pub client_name: String,
    /// Who placed it.
    pub author_name: String,
    /// Their account.
    pub author_account_id: i64,
    /// Whether that account is suspended.
    pub author_suspended: bool,
    /// When it was placed.
    pub placed_at: DateTime<Utc>,
    /// The note's text or the photo's caption.
    pub text: String,
    /// A photo's stored sizes (`WxH,…`); none for a note.
    pub sizes: Option<String>,
    /// Whether staff looked at it already.
    pub reviewed: bool,
}

/// Which clients' items moderation covers: the organisation's, or only one team's.
pub(super) struct ModerationScope {
    /// The organisation.
    pub organisation_id: i64,
    /// Only the team's clients (not for an organisation administrator).
    pub team_only: bool,
    /// The team, when `team_only`.
    pub team_id: i64,
}

/// Up to `limit` shown notes and photos of the scope's clients from `offset`, newest
/// first.
pub(super) async fn moderation_items(
    db: &Pool,
    scope: &ModerationScope,
    limit: i64,
    offset: i64,
) -> Result<Vec<ModerationRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT * FROM ( \
           SELECT 'note' AS kind, n.id, n.client_id, c.first_name || ' ' || c.family_name AS client_name, \
             a.display_name AS author_name, a.id AS author_account_id, \
             a.status = 'suspended' AS author_suspended, n.created_at AS placed_at, n.body AS text, \
             CAST(NULL AS TEXT) AS sizes, n.reviewed_at IS NOT NULL AS reviewed \
           FROM notes n JOIN clients c ON c.id = n.client_id JOIN accounts a ON a.id = n.author_account_id \
           WHERE c.organisation_id = $1 AND ($2 = FALSE OR c.team_id = $3) \
             AND n.removed_at IS NULL AND n.retracted_at IS NULL \
           UNION ALL \
           SELECT 'photo' AS kind, p.id, pc.client_id, c.first_name || ' ' || c.family_name AS client_name, \
             a.display_name AS author_name, a.id AS author_account_id, \
             a.status = 'suspended' AS author_suspended, p.created_at AS placed_at, p.caption AS text, \
             p.sizes AS sizes, p.reviewed_at IS NOT NULL AS reviewed \
           FROM photos p JOIN photo_clients pc ON pc.photo_id = p.id JOIN clients c ON c.id = pc.client_id \
             JOIN accounts a ON a.id = p.uploaded_by_account \
           WHERE c.organisation_id = $1 AND ($2 = FALSE OR c.team_id = $3) \
             AND p.removed_at IS NULL AND pc.removed_at IS NULL \
         ) items ORDER BY placed_at DESC, kind, id DESC LIMIT $4 OFFSET $5",
    )
    .bind(scope.organisation_id)
    .bind(scope.team_only)
    .bind(scope.team_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

/// The scope's clients a note or photo is still shown to (none when it is not one
/// of theirs, or is removed).
pub(super) async fn item_clients(
    db: &Pool,
    scope: &ModerationScope,
    kind: ModerationKind,
    id: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let sql = match kind {
        ModerationKind::Note => {
            "SELECT n.client_id FROM notes n JOIN clients c ON c.id = n.client_id \
             WHERE n.id = $1 AND c.organisation_id = $2 AND ($3 = FALSE OR c.team_id = $4) \
             AND n.removed_at IS NULL AND n.retracted_at IS NULL"
        }
        ModerationKind::Photo => {
            "SELECT pc.client_id FROM photo_clients pc JOIN photos p ON p.id = pc.photo_id \
             JOIN clients c ON c.id = pc.client_id \
             WHERE p.id = $1 AND c.organisation_id = $2 AND ($3 = FALSE OR c.team_id = $4) \
             AND p.removed_at IS NULL AND pc.removed_at IS NULL"
        }
    };
    sqlx::query_scalar(sql)
        .bind(id)
        .bind(scope.organisation_id)
        .bind(scope.team_only)
        .bind(scope.team_id)
        .fetch_all(db)
        .await
}

/// Marks a note or photo as looked at by staff.
pub(super) async fn mark_reviewed(
    tx: &mut sqlx::Transaction<'_, Db>,
    kind: ModerationKind,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let table = match kind {
        ModerationKind::Note => "notes",
        ModerationKind::Photo => "photos",
    };
    sqlx::query(&format!(
        "UPDATE {table} SET reviewed_at = $1 WHERE id = $2"
    ))
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
