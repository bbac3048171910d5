//! Progress reports: only those released to the portal and not shielded ever leave the
//! server, also not through search (R11, R14).

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use kring_api::dossier::{LifeDomain, Report};
use kring_api::{Cursor, LocalizedText, Timestamp};

use super::domains::StoredDomain;
use crate::db::Pool;
use crate::paging;
use crate::problem::ApiError;

/// A position in the list: the time written and the id of the last report shown.
pub type ReportPosition = (DateTime<Utc>, i64);

/// What to list.
#[derive(Clone, Debug, Default)]
pub struct ReportFilter {
    /// Only this life domain.
    pub category: Option<LifeDomain>,
    /// From this day.
    pub from: Option<NaiveDate>,
    /// Up to and including this day.
    pub to: Option<NaiveDate>,
    /// Words that must all occur (prefixes count).
    pub words: Vec<String>,
}

/// The words of a search, safe to hand to the full-text engine: letters and digits only,
/// at most 8 words of at most 40 characters.
pub fn search_words(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(40).collect::<String>().to_lowercase())
        .take(8)
        .collect()
}

/// The full-text condition on `r` for the given words, with its parameter.
#[cfg(feature = "sqlite")]
fn search_clause(words: &[String], param: usize) -> (String, String) {
    let query = words
        .iter()
        .map(|w| format!("\"{w}\"*"))
        .collect::<Vec<_>>()
        .join(" ");
    (
        format!(" AND r.id IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH ${param})"),
        query,
    )
}

/// The full-text condition on `r` for the given words, with its parameter.
#[cfg(feature = "postgres")]
fn search_clause(words: &[String], param: usize) -> (String, String) {
    let query = words
        .iter()
        .map(|w| format!("{w}:*"))
        .collect::<Vec<_>>()
        .join(" & ");
    (
        format!(" AND r.search @@ to_tsquery('dutch', ${param})"),
        query,
    )
}

#[derive(sqlx::FromRow)]
struct ReportRow {
    id: i64,
    written_at: DateTime<Utc>,
    category: StoredDomain,
    body: String,
    author_name: String,
    job_title_nl: String,
    job_title_en: String,
}

const REPORT_COLUMNS: &str = "r.id, r.written_at, r.category, r.body, s.name AS author_name, \
     s.job_title_nl, s.job_title_en";

/// Reports visible in the portal: released and not shielded.
const VISIBLE: &str = "r.released_to_portal = TRUE AND r.shielded = FALSE";

fn to_report(row: ReportRow, new_since: Option<DateTime<Utc>>) -> Report {
    Report {
        id: row.id,
        written_at: Timestamp::from(row.written_at),
        author_name: row.author_name,
        author_role: LocalizedText::new(row.job_title_nl, row.job_title_en),
        category: row.category.0,
        body: row.body,
        new: new_since.is_some_and(|since| row.written_at > since),
    }
}

/// Bounds for open-ended periods. Instants are compared as text in SQLite, so these
/// stay within four-digit years (chrono's own extremes would not sort as text).
fn far_past() -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(1900, 1, 1)
        .unwrap_or_default()
        .and_time(NaiveTime::MIN)
        .and_utc()
}

fn far_future() -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(9999, 12, 31)
        .unwrap_or_default()
        .and_time(NaiveTime::MIN)
        .and_utc()
}

/// A page of the client's visible reports, newest first.
pub async fn list(
    db: &Pool,
    client_id: i64,
    filter: &ReportFilter,
    after: Option<ReportPosition>,
    limit: u32,
    new_since: Option<DateTime<Utc>>,
) -> Result<(Vec<Report>, Option<Cursor>), ApiError> {
    let from = filter
        .from
        .map(|d| d.and_time(NaiveTime::MIN).and_utc())
        .unwrap_or_else(far_past);
    let until = filter
        .to
        .and_then(|d| d.succ_opt())
        .map(|d| d.and_time(NaiveTime::MIN).and_utc())
        .unwrap_or_else(far_future);
    let (before_at, before_id) = after.unwrap_or_else(|| (far_future(), i64::MAX));
    let (search, query) = if filter.words.is_empty() {
        (String::new(), String::new())
    } else {
        search_clause(&filter.words, 8)
    };
    let sql = format!(
        "SELECT {REPORT_COLUMNS} FROM reports r JOIN staff_members s ON s.id = r.author_id \
         WHERE r.client_id = $1 AND {VISIBLE} AND ($2 = '' OR r.category = $2) \
         AND r.written_at >= $3 AND r.written_at < $4 \
         AND (r.written_at < $5 OR (r.written_at = $5 AND r.id < $6)){search} \
         ORDER BY r.written_at DESC, r.id DESC LIMIT $7"
    );
    let mut statement = sqlx::query_as::<_, ReportRow>(&sql)
        .bind(client_id)
        .bind(filter.category.map(LifeDomain::as_str).unwrap_or(""))
        .bind(from)
        .bind(until)
        .bind(before_at)
        .bind(before_id)
        .bind(i64::from(limit) + 1);
    if !filter.words.is_empty() {
        statement = statement.bind(query);
    }
    let rows = statement.fetch_all(db).await?;
    let (rows, next) = paging::take_page(rows, limit, |r| (r.written_at, r.id));
    Ok((
        rows.into_iter().map(|r| to_report(r, new_since)).collect(),
        next,
    ))
}

/// One visible report of the client.
pub async fn one(
    db: &Pool,
    client_id: i64,
    report_id: i64,
    new_since: Option<DateTime<Utc>>,
) -> Result<Option<Report>, ApiError> {
    let row: Option<ReportRow> = sqlx::query_as(&format!(
        "SELECT {REPORT_COLUMNS} FROM reports r JOIN staff_members s ON s.id = r.author_id \
         WHERE r.id = $1 AND r.client_id = $2 AND {VISIBLE}"
    ))
    .bind(report_id)
    .bind(client_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| to_report(r, new_since)))
}

/// Whether a report is visible in the client's portal.
pub async fn visible(db: &Pool, client_id: i64, report_id: i64) -> Result<bool, ApiError> {
    Ok(one(db, client_id, report_id, None).await?.is_some())
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn search_words_are_plain_and_bounded() {
        assert_eq!(
            search_words("Wandelen \"OR\" * NEAR(x)"),
            vec!["wandelen", "or", "near", "x"]
        );
        assert_eq!(search_words("  "), Vec::<String>::new());
        assert_eq!(search_words("a b c d e f g h i j").len(), 8);
    }
}
