//! Database access for the dev outbox.

use chrono::{DateTime, Utc};

use crate::db::Pool;

/// A message the development sender kept.
#[derive(sqlx::FromRow)]
pub(super) struct OutboxRow {
    /// Its number, which orders the outbox.
    pub id: i64,
    /// `email` or `sms`.
    pub channel: String,
    /// The address or phone number it went to.
    pub recipient: String,
    /// The subject (e-mail only).
    pub subject: Option<String>,
    /// The text.
    pub body: String,
    /// When it was sent.
    pub sent_at: DateTime<Utc>,
}

/// Up to `limit` messages numbered below `before`, newest first; only those to `to`
/// when given.
pub(super) async fn page(
    db: &Pool,
    before: i64,
    to: Option<&str>,
    limit: i64,
) -> Result<Vec<OutboxRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, channel, recipient, subject, body, sent_at FROM dev_outbox \
         WHERE id < $1 AND (CAST($2 AS TEXT) IS NULL OR recipient = $2) ORDER BY id DESC LIMIT $3",
    )
    .bind(before)
    .bind(to)
    .bind(limit)
    .fetch_all(db)
    .await
}
