//! "Who looked at my data": the client's part of the access log, for the administrator.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use kring_api::dossier::{AccessLogEntry, AccessRole};
use kring_api::{LocalizedText, Page, Timestamp};

use crate::db::Pool;
use crate::paging;
use crate::problem::ApiError;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    occurred_at: String,
    actor_account_id: Option<i64>,
    actor_name: String,
    actor_role: String,
    section: String,
    item: Option<String>,
    action: String,
    outcome: String,
    relation: Option<String>,
    job_title_nl: Option<String>,
    job_title_en: Option<String>,
}

/// Which entries to show.
#[derive(Clone, Debug, Default)]
pub struct AccessFilter {
    /// Only this person's.
    pub person: Option<i64>,
    /// From this day.
    pub from: Option<NaiveDate>,
    /// Up to and including this day.
    pub to: Option<NaiveDate>,
}

fn timestamp(day: NaiveDate) -> String {
    let at: DateTime<Utc> = day.and_time(NaiveTime::MIN).and_utc();
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// A page of the client's access-log entries, newest first.
pub async fn list(
    db: &Pool,
    client_id: i64,
    filter: &AccessFilter,
    before: Option<i64>,
    limit: u32,
) -> Result<Page<AccessLogEntry>, ApiError> {
    let from = filter.from.map(timestamp).unwrap_or_else(|| "0000".into());
    let until = filter
        .to
        .and_then(|d| d.succ_opt())
        .map(timestamp)
        .unwrap_or_else(|| "9999".into());
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT l.id, l.occurred_at, l.actor_account_id, l.actor_name, l.actor_role, l.section, l.item, \
         l.action, l.outcome, CASE WHEN l.actor_role = 'contact' THEN pa.relation END AS relation, \
         sm.job_title_nl, sm.job_title_en \
         FROM access_log l \
         LEFT JOIN portal_access pa ON pa.client_id = l.client_id AND pa.account_id = l.actor_account_id \
         LEFT JOIN accounts a ON a.id = l.actor_account_id \
         LEFT JOIN staff_members sm ON sm.id = a.staff_member_id AND l.actor_role = 'staff' \
         WHERE l.client_id = $1 AND l.id < $2 AND ($3 = -1 OR l.actor_account_id = $3) \
         AND l.occurred_at >= $4 AND l.occurred_at < $5 ORDER BY l.id DESC LIMIT $6",
    )
    .bind(client_id)
    .bind(before.unwrap_or(i64::MAX))
    .bind(filter.person.unwrap_or(-1))
    .bind(from)
    .bind(until)
    .bind(i64::from(limit) + 1)
    .fetch_all(db)
    .await?;
    let (rows, next_cursor) = paging::take_page(rows, limit, |r| r.id);
    Ok(Page {
        items: rows
            .into_iter()
            .map(|row| {
                // The log writes its own times (access_log.rs); one it cannot read is a
                // fault of the server, not of the request.
                let occurred_at = Timestamp::parse(&row.occurred_at)
                    .map_err(|e| ApiError::Internal(format!("access log entry {}: {e}", row.id)))?;
                Ok(AccessLogEntry {
                    id: row.id,
                    occurred_at,
                    person_id: row.actor_account_id,
                    person_name: row.actor_name,
                    role: AccessRole::parse(&row.actor_role).unwrap_or(AccessRole::Anonymous),
                    relation: row.relation.filter(|r| !r.trim().is_empty()),
                    job_title: match (row.job_title_nl, row.job_title_en) {
                        (Some(nl), Some(en)) => Some(LocalizedText::new(nl, en)),
                        _ => None,
                    },
                    section: row.section,
                    item: row.item,
                    action: row.action,
                    allowed: row.outcome == "allowed",
                })
            })
            .collect::<Result<_, ApiError>>()?,
        next_cursor,
    })
}
