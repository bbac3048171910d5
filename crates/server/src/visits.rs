//! "New since your last visit" (issue 19): when each account last opened the reports,
//! photos and notes of each client's portal, what the lists mark as new, and how many
//! new items the portal home shows per section.
//!
//! A visit lasts while the person keeps opening the section with less than [`VISIT`]
//! between reads, so coming back to a list within it keeps the marks. Reading the first
//! page of a list records the visit; a later page of the same visit marks from the same
//! moment. What is new is what arrived after the previous visit; the home counts what
//! arrived after the last one, so opening the list clears its count. A section never
//! opened marks and counts nothing: on a first visit everything is as old as the person's
//! view of it. Someone's own photos and notes are never new to them.
//!
//! The lists (dossier, photos, notes) record and read visits here; the portal home's
//! counts are an endpoint of the portals (`GET /portals/{client_id}/new-counts`).

use chrono::{DateTime, Duration, Utc};

use crate::db::Pool;
use crate::problem::ApiError;

/// How long counts as one visit: opening the section again within it keeps the marks.
pub const VISIT: Duration = Duration::minutes(30);

/// A part of the portal whose new items are marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visited {
    /// The progress reports.
    Reports,
    /// The photos.
    Photos,
    /// The notes.
    Notes,
}

impl Visited {
    /// The name stored in `section_visits`.
    pub fn as_str(self) -> &'static str {
        match self {
            Visited::Reports => "reports",
            Visited::Photos => "photos",
            Visited::Notes => "notes",
        }
    }
}

/// The moment from which a list marks items as new, if any. On the first page of a list
/// (`first_page`) the visit is recorded; a later page of the same visit uses the moment
/// the first page found.
pub async fn new_since(
    db: &Pool,
    account_id: i64,
    client_id: i64,
    section: Visited,
    now: DateTime<Utc>,
    first_page: bool,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    if first_page {
        visit(db, account_id, client_id, section, now).await
    } else {
        Ok(previous_visit(db, account_id, client_id, section).await?)
    }
}

/// The moment of the account's visit before its last to the section, if any: what a
/// later page of the same visit counts as "new" from.
pub async fn previous_visit(
    db: &Pool,
    account_id: i64,
    client_id: i64,
    section: Visited,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    Ok(sqlx::query_scalar::<_, Option<DateTime<Utc>>>(
        "SELECT previous_visit_at FROM section_visits \
         WHERE account_id = $1 AND client_id = $2 AND section = $3",
    )
    .bind(account_id)
    .bind(client_id)
    .bind(section.as_str())
    .fetch_optional(db)
    .await?
    .flatten())
}

/// Records that the account opened the section; returns the moment after which items
/// are "new" (the previous visit), if there was one.
pub async fn visit(
    db: &Pool,
    account_id: i64,
    client_id: i64,
    section: Visited,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    let row: Option<(DateTime<Utc>, Option<DateTime<Utc>>)> = sqlx::query_as(
        "SELECT last_visit_at, previous_visit_at FROM section_visits \
         WHERE account_id = $1 AND client_id = $2 AND section = $3",
    )
    .bind(account_id)
    .bind(client_id)
    .bind(section.as_str())
    .fetch_optional(db)
    .await?;
    let (previous, since) = match row {
        // The first visit: nothing before it is new, whatever arrives after it will be.
        None => (Some(now), None),
        // The same visit goes on: the marks stay, and it lasts from now.
        Some((last, previous)) if now - last < VISIT => (previous, previous),
        Some((last, _)) => (Some(last), Some(last)),
    };
    sqlx::query(
        "INSERT INTO section_visits (account_id, client_id, section, last_visit_at, previous_visit_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (account_id, client_id, section) \
         DO UPDATE SET last_visit_at = excluded.last_visit_at, previous_visit_at = excluded.previous_visit_at",
    )
    .bind(account_id)
    .bind(client_id)
    .bind(section.as_str())
    .bind(now)
    .bind(previous)
    .execute(db)
    .await?;
    Ok(since)
}

/// When the account last opened the section, if ever.
async fn last_visit(
    db: &Pool,
    account_id: i64,
    client_id: i64,
    section: Visited,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT last_visit_at FROM section_visits \
         WHERE account_id = $1 AND client_id = $2 AND section = $3",
    )
    .bind(account_id)
    .bind(client_id)
    .bind(section.as_str())
    .fetch_optional(db)
    .await
}

/// How many items of the section arrived after the account's last visit and are shown to
/// it: reports released to the portal and not shielded; photos and notes someone else
/// placed, not removed or retracted. Reading it marks nothing as seen.
pub async fn count_new(
    db: &Pool,
    account_id: i64,
    client_id: i64,
    section: Visited,
) -> Result<u32, sqlx::Error> {
    let Some(since) = last_visit(db, account_id, client_id, section).await? else {
        return Ok(0);
    };
    let sql = match section {
        Visited::Reports => {
            "SELECT COUNT(*) FROM reports r WHERE r.client_id = $1 AND r.written_at > $2 \
             AND r.released_to_portal = TRUE AND r.shielded = FALSE"
        }
        Visited::Photos => {
            "SELECT COUNT(*) FROM photo_clients pc JOIN photos p ON p.id = pc.photo_id \
             WHERE pc.client_id = $1 AND p.created_at > $2 AND pc.removed_at IS NULL \
             AND p.removed_at IS NULL \
             AND (p.uploaded_by_account IS NULL OR p.uploaded_by_account <> $3)"
        }
        Visited::Notes => {
            "SELECT COUNT(*) FROM notes n WHERE n.client_id = $1 AND n.created_at > $2 \
             AND n.retracted_at IS NULL AND n.removed_at IS NULL AND n.author_account_id <> $3"
        }
    };
    let mut query = sqlx::query_scalar::<_, i64>(sql)
        .bind(client_id)
        .bind(since);
    if section != Visited::Reports {
        query = query.bind(account_id);
    }
    let count = query.fetch_one(db).await?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

#[cfg(test)]
#[path = "visits_tests.rs"]
mod tests;
