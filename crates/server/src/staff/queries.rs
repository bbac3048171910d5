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

/// Where a page of staff reports continues: the last report's time and id.
pub(super) type StaffReportPosition = (DateTime<Utc>, i64);

/// Up to `limit` of a client's reports (never the shielded ones) after `after`, newest
/// first by the time they were written (not by id: imported and back-dated reports
/// arrive in any order), the id breaking ties.
pub(super) async fn staff_reports(
    db: &Pool,
    client_id: i64,
    after: Option<StaffReportPosition>,
    limit: i64,
) -> Result<Vec<StaffReportRow>, sqlx::Error> {
    let (before_at, before_id) = after.unzip();
    sqlx::query_as(&format!(
        "{STAFF_REPORT_COLUMNS} WHERE r.client_id = $1 AND r.shielded = FALSE \
         AND ($2 IS NULL OR r.written_at < $2 OR (r.written_at = $2 AND r.id < $3)) \
         ORDER BY r.written_at DESC, r.id DESC LIMIT $4"
    ))
    .bind(client_id)
    .bind(before_at)
    .bind(before_id)
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

/// A client as the caseload shows it, with what the portal's state is made of.
#[derive(sqlx::FromRow)]
pub(super) struct CaseloadRow {
    /// The client.
    pub id: i64,
    /// The caseload's sort key: first and family name.
    pub sort_name: String,
    /// The organisation's client number.
    pub client_number: String,
    /// First name.
    pub first_name: String,
    /// Family name.
    pub family_name: String,
    /// The team's name.
    pub team: Option<String>,
    /// The last day of care, if recorded.
    pub care_relation_end: Option<NaiveDate>,
    /// The day the client died, if recorded.
    pub deceased_on: Option<NaiveDate>,
    /// When the portal was suspended, if it is.
    pub portal_suspended_at: Option<DateTime<Utc>>,
    /// When the administrator ended the portal, if they did.
    pub portal_ended_at: Option<DateTime<Utc>>,
    /// The organisation's grace days.
    pub access_grace_days: i64,
    /// The administrator's name (active, else invited, else the latest).
    pub administrator: Option<String>,
    /// That administrator's access status.
    pub administrator_status: Option<String>,
    /// Correction requests not yet done or declined.
    pub open_requests: i64,
    /// Of those, the ones past their due date.
    pub overdue_requests: i64,
    /// Notes staff did not look at yet.
    pub waiting_notes: i64,
    /// Photos staff did not look at yet.
    pub waiting_photos: i64,
}

/// Which clients of the caseload to read.
pub(super) struct CaseloadFilter<'a> {
    /// The organisation.
    pub organisation_id: i64,
    /// Only one team's clients (not for an organisation administrator).
    pub team_only: bool,
    /// The team, when `team_only`.
    pub team_id: i64,
    /// A `LIKE` pattern (lower case, `\` escapes) that the first name, family name, full
    /// name or client number must match.
    pub search: Option<&'a str>,
    /// Only clients after this (sort name, id).
    pub after: Option<(&'a str, i64)>,
    /// Only this client.
    pub only_client: Option<i64>,
}

/// The caseload's sort key of a client `c`.
const SORT_NAME: &str = "c.first_name || ' ' || c.family_name";

/// Up to `limit` clients of the filter, by (sort name, id). The page's ids are chosen
/// first, so the counts are only worked out for the clients shown.
pub(super) async fn caseload(
    db: &Pool,
    filter: &CaseloadFilter<'_>,
    today: NaiveDate,
    limit: i64,
) -> Result<Vec<CaseloadRow>, sqlx::Error> {
    // Parameters are numbered as they are added: PostgreSQL refuses one it cannot type,
    // so an absent filter leaves no parameter behind.
    let mut conditions = vec![
        "c.organisation_id = $1".to_owned(),
        "($2 = FALSE OR c.team_id = $3)".to_owned(),
    ];
    let mut next = 4;
    if filter.search.is_some() {
        conditions.push(format!(
            "(LOWER(c.first_name) LIKE ${next} ESCAPE '\\' OR LOWER(c.family_name) LIKE ${next} ESCAPE '\\' \
             OR LOWER({SORT_NAME}) LIKE ${next} ESCAPE '\\' OR LOWER(c.client_number) LIKE ${next} ESCAPE '\\')"
        ));
        next += 1;
    }
    if filter.after.is_some() {
        conditions.push(format!(
            "({SORT_NAME} > ${a} OR ({SORT_NAME} = ${a} AND c.id > ${b}))",
            a = next,
            b = next + 1
        ));
        next += 2;
    }
    if filter.only_client.is_some() {
        conditions.push(format!("c.id = ${next}"));
        next += 1;
    }
    let today_param = next;
    let limit_param = next + 1;
    let sql = format!(
        "WITH page AS (SELECT c.id, {SORT_NAME} AS sort_name FROM clients c WHERE {conditions} \
           ORDER BY sort_name, c.id LIMIT ${limit_param}) \
         SELECT c.id, page.sort_name, c.client_number, c.first_name, c.family_name, t.name AS team, \
         c.care_relation_end, c.deceased_on, c.portal_suspended_at, c.portal_ended_at, o.access_grace_days, \
         (SELECT a.display_name FROM portal_access pa JOIN accounts a ON a.id = pa.account_id \
          WHERE pa.client_id = c.id AND pa.role = 'administrator' ORDER BY \
          CASE pa.status WHEN 'active' THEN 0 WHEN 'invited' THEN 1 ELSE 2 END, pa.id DESC LIMIT 1) AS administrator, \
         (SELECT pa.status FROM portal_access pa WHERE pa.client_id = c.id AND pa.role = 'administrator' ORDER BY \
          CASE pa.status WHEN 'active' THEN 0 WHEN 'invited' THEN 1 ELSE 2 END, pa.id DESC LIMIT 1) AS administrator_status, \
         (SELECT COUNT(*) FROM correction_requests cr WHERE cr.client_id = c.id \
          AND cr.status IN ('submitted', 'in_progress')) AS open_requests, \
         (SELECT COUNT(*) FROM correction_requests cr WHERE cr.client_id = c.id \
          AND cr.status IN ('submitted', 'in_progress') AND cr.due_on < ${today_param}) AS overdue_requests, \
         (SELECT COUNT(*) FROM notes n WHERE n.client_id = c.id AND n.reviewed_at IS NULL \
          AND n.removed_at IS NULL AND n.retracted_at IS NULL) AS waiting_notes, \
         (SELECT COUNT(*) FROM photo_clients pc JOIN photos p ON p.id = pc.photo_id \
          WHERE pc.client_id = c.id AND pc.removed_at IS NULL AND p.removed_at IS NULL \
          AND p.reviewed_at IS NULL AND p.uploaded_by_account IS NOT NULL) AS waiting_photos \
         FROM page JOIN clients c ON c.id = page.id JOIN organisations o ON o.id = c.organisation_id \
         LEFT JOIN teams t ON t.id = c.team_id \
         ORDER BY page.sort_name, page.id",
        conditions = conditions.join(" AND ")
    );
    let mut query = sqlx::query_as::<_, CaseloadRow>(&sql)
        .bind(filter.organisation_id)
        .bind(filter.team_only)
        .bind(filter.team_id);
    if let Some(search) = filter.search {
        query = query.bind(search);
    }
    if let Some((name, id)) = filter.after {
        query = query.bind(name).bind(id);
    }
    if let Some(client_id) = filter.only_client {
        query = query.bind(client_id);
    }
    query.bind(today).bind(limit).fetch_all(db).await
}

/// A client's registration, checked, as it is stored.
#[derive(Debug)]
pub(super) struct RegistrationValues {
    /// The organisation's client number, trimmed.
    pub client_number: String,
    /// First name, trimmed.
    pub first_name: String,
    /// Family name, trimmed.
    pub family_name: String,
    /// Date of birth.
    pub date_of_birth: NaiveDate,
    /// The team.
    pub team_id: i64,
    /// The personal counsellor.
    pub personal_counsellor_id: Option<i64>,
    /// The first day of care.
    pub care_relation_start: NaiveDate,
}

/// A client's registration as stored.
#[derive(sqlx::FromRow)]
pub(super) struct RegistrationRow {
    /// The client.
    pub id: i64,
    /// The organisation's client number.
    pub client_number: String,
    /// First name.
    pub first_name: String,
    /// Family name.
    pub family_name: String,
    /// Date of birth.
    pub date_of_birth: NaiveDate,
    /// The team.
    pub team_id: Option<i64>,
    /// The personal counsellor.
    pub personal_counsellor_id: Option<i64>,
    /// The first day of care.
    pub care_relation_start: NaiveDate,
    /// The last day of care, if recorded.
    pub care_relation_end: Option<NaiveDate>,
}

/// The columns of [`RegistrationRow`], in its order.
const REGISTRATION_COLUMNS: &str = "id, client_number, first_name, family_name, \
     date_of_birth, team_id, personal_counsellor_id, care_relation_start, care_relation_end";

/// A client's registration; `None` when the organisation has no such client.
pub(super) async fn registration(
    db: &Pool,
    organisation_id: i64,
    client_id: i64,
) -> Result<Option<RegistrationRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {REGISTRATION_COLUMNS} FROM clients WHERE id = $1 AND organisation_id = $2"
    ))
    .bind(client_id)
    .bind(organisation_id)
    .fetch_optional(db)
    .await
}

/// The organisation's client with this client number.
pub(super) async fn registration_by_number(
    db: &Pool,
    organisation_id: i64,
    client_number: &str,
) -> Result<Option<RegistrationRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {REGISTRATION_COLUMNS} FROM clients WHERE client_number = $1 \
         AND organisation_id = $2"
    ))
    .bind(client_number)
    .bind(organisation_id)
    .fetch_optional(db)
    .await
}

/// Whether the organisation has this team.
pub(super) async fn team_exists(
    db: &Pool,
    organisation_id: i64,
    team_id: i64,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM teams WHERE id = $1 AND organisation_id = $2")
            .bind(team_id)
            .bind(organisation_id)
            .fetch_optional(db)
            .await?;
    Ok(found.is_some())
}

/// Whether a member of staff of the organisation works in the team.
pub(super) async fn staff_in_team(
    db: &Pool,
    organisation_id: i64,
    team_id: i64,
    staff_id: i64,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM staff_members WHERE id = $1 AND team_id = $2 AND organisation_id = $3",
    )
    .bind(staff_id)
    .bind(team_id)
    .bind(organisation_id)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

/// Whether another client of the organisation than `except` (0: none) has this number.
pub(super) async fn client_number_taken(
    db: &Pool,
    organisation_id: i64,
    client_number: &str,
    except: i64,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM clients WHERE organisation_id = $1 AND client_number = $2 AND id <> $3",
    )
    .bind(organisation_id)
    .bind(client_number)
    .bind(except)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

/// Registers a client; returns its id.
pub(super) async fn insert_client(
    tx: &mut sqlx::Transaction<'_, Db>,
    organisation_id: i64,
    values: &RegistrationValues,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO clients (organisation_id, team_id, client_number, first_name, family_name, \
         date_of_birth, care_relation_start, personal_counsellor_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(organisation_id)
    .bind(values.team_id)
    .bind(&values.client_number)
    .bind(&values.first_name)
    .bind(&values.family_name)
    .bind(values.date_of_birth)
    .bind(values.care_relation_start)
    .bind(values.personal_counsellor_id)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}

/// Changes a client's registration (never the end of care: that has its own record).
pub(super) async fn update_client(
    tx: &mut sqlx::Transaction<'_, Db>,
    client_id: i64,
    values: &RegistrationValues,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE clients SET team_id = $1, client_number = $2, first_name = $3, family_name = $4, \
         date_of_birth = $5, care_relation_start = $6, personal_counsellor_id = $7 WHERE id = $8",
    )
    .bind(values.team_id)
    .bind(&values.client_number)
    .bind(&values.first_name)
    .bind(&values.family_name)
    .bind(values.date_of_birth)
    .bind(values.care_relation_start)
    .bind(values.personal_counsellor_id)
    .bind(client_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// An id and a name, for a list to choose from.
#[derive(sqlx::FromRow)]
pub(super) struct Choice {
    /// The id.
    pub id: i64,
    /// The name.
    pub name: String,
}

/// Up to `limit` teams of the organisation (only `only_team` unless it is `None`)
/// after (name, id), by name.
pub(super) async fn teams(
    db: &Pool,
    organisation_id: i64,
    only_team: Option<i64>,
    after: Option<(&str, i64)>,
    limit: i64,
) -> Result<Vec<Choice>, sqlx::Error> {
    choices(db, "teams", "", organisation_id, only_team, after, limit).await
}

/// Up to `limit` members of staff of a team after (name, id), by name.
pub(super) async fn team_staff(
    db: &Pool,
    organisation_id: i64,
    team_id: i64,
    after: Option<(&str, i64)>,
    limit: i64,
) -> Result<Vec<Choice>, sqlx::Error> {
    choices(
        db,
        "staff_members",
        "team_id",
        organisation_id,
        Some(team_id),
        after,
        limit,
    )
    .await
}

/// The rows of `table` (a name and an id) of the organisation, optionally only those
/// whose `column` (the id when empty) is `only`, after (name, id), by name.
async fn choices(
    db: &Pool,
    table: &'static str,
    column: &'static str,
    organisation_id: i64,
    only: Option<i64>,
    after: Option<(&str, i64)>,
    limit: i64,
) -> Result<Vec<Choice>, sqlx::Error> {
    let column = if column.is_empty() { "id" } else { column };
    let mut conditions = vec!["organisation_id = $1".to_owned()];
    let mut next = 2;
    if only.is_some() {
        conditions.push(format!("{column} = ${next}"));
        next += 1;
    }
    if after.is_some() {
        conditions.push(format!(
            "(name > ${a} OR (name = ${a} AND id > ${b}))",
            a = next,
            b = next + 1
        ));
        next += 2;
    }
    let sql = format!(
        "SELECT id, name FROM {table} WHERE {} ORDER BY name, id LIMIT ${next}",
        conditions.join(" AND ")
    );
    let mut query = sqlx::query_as::<_, Choice>(&sql).bind(organisation_id);
    if let Some(only) = only {
        query = query.bind(only);
    }
    if let Some((name, id)) = after {
        query = query.bind(name).bind(id);
    }
    query.bind(limit).fetch_all(db).await
}

/// The account with this e-mail address that has access (invited or active) to the
/// client's portal as its administrator or a contact, if any. Staff accounts never.
pub async fn portal_person_account(
    db: &Pool,
    client_id: i64,
    email: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT a.id FROM portal_access pa JOIN accounts a ON a.id = pa.account_id \
         WHERE pa.client_id = $1 AND a.email = $2 AND pa.status IN ('invited', 'active') \
         AND a.staff_member_id IS NULL LIMIT 1",
    )
    .bind(client_id)
    .bind(email)
    .fetch_optional(db)
    .await
}
