//! "Who looked at my data": the client's part of the access log, for the administrator.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use kring_api::dossier::{AccessLogEntry, AccessLogPage, AccessRole};

use crate::db::Pool;
use crate::paging::Cursor;
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
) -> Result<AccessLogPage, ApiError> {
    let from = filter.from.map(timestamp).unwrap_or_else(|| "0000".into());
    let until = filter
        .to
        .and_then(|d| d.succ_opt())
        .map(timestamp)
        .unwrap_or_else(|| "9999".into());
    let mut rows: Vec<Row> = sqlx::query_as(
        "SELECT id, occurred_at, actor_account_id, actor_name, actor_role, section, item, action, outcome \
         FROM access_log WHERE client_id = $1 AND id < $2 AND ($3 = -1 OR actor_account_id = $3) \
         AND occurred_at >= $4 AND occurred_at < $5 ORDER BY id DESC LIMIT $6",
    )
    .bind(client_id)
    .bind(before.unwrap_or(i64::MAX))
    .bind(filter.person.unwrap_or(-1))
    .bind(from)
    .bind(until)
    .bind(i64::from(limit) + 1)
    .fetch_all(db)
    .await?;
    let next_cursor = (rows.len() > limit as usize)
        .then(|| {
            rows.truncate(limit as usize);
            rows.last().map(|r| Cursor(r.id).encode())
        })
        .flatten();
    Ok(AccessLogPage {
        items: rows
            .into_iter()
            .map(|row| AccessLogEntry {
                id: row.id,
                occurred_at: row.occurred_at,
                person_id: row.actor_account_id,
                person_name: row.actor_name,
                role: match row.actor_role.as_str() {
                    "administrator" => AccessRole::Administrator,
                    "representative" => AccessRole::Representative,
                    "contact" => AccessRole::Contact,
                    "staff" => AccessRole::Staff,
                    "user" => AccessRole::User,
                    "system" => AccessRole::System,
                    _ => AccessRole::Anonymous,
                },
                section: row.section,
                item: row.item,
                action: row.action,
                allowed: row.outcome == "allowed",
            })
            .collect(),
        next_cursor,
    })
}
