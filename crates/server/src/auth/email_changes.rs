//! A new e-mail address waiting for its confirmation: a single-use link to the new
//! address, valid one hour. Only the token's hash is stored.

use chrono::{DateTime, Duration, Utc};

use crate::db::Pool;
use crate::problem::ApiError;
use crate::secrets;

/// How long the link to a new address works.
pub const EMAIL_CHANGE_LINK_LIFETIME: Duration = Duration::hours(1);

/// A pending change, as read back by its token.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EmailChangeRow {
    /// Its id.
    pub id: i64,
    /// The account it changes.
    pub account_id: i64,
    /// The new address (normalised).
    pub new_email: String,
    /// When the link stops working.
    pub expires_at: DateTime<Utc>,
    /// When it was used, if it was.
    pub used_at: Option<DateTime<Utc>>,
}

/// Stores a pending change; returns the link's token (for the e-mail only).
pub async fn start(
    db: &Pool,
    account_id: i64,
    new_email: &str,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    let token = secrets::new_token()?;
    sqlx::query(
        "INSERT INTO email_changes (account_id, new_email, token_hash, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(account_id)
    .bind(new_email)
    .bind(secrets::hash_token(&token))
    .bind(now)
    .bind(now + EMAIL_CHANGE_LINK_LIFETIME)
    .execute(db)
    .await?;
    Ok(token)
}

/// The pending change with this token, if any.
pub async fn by_token(db: &Pool, token: &str) -> Result<Option<EmailChangeRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, account_id, new_email, expires_at, used_at FROM email_changes \
         WHERE token_hash = $1",
    )
    .bind(secrets::hash_token(token))
    .fetch_optional(db)
    .await
}

/// Uses the link up, in the caller's transaction; false when it was used already.
pub async fn use_once<'e>(
    db: impl sqlx::Executor<'e, Database = crate::db::Db>,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let used =
        sqlx::query("UPDATE email_changes SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(db)
            .await?;
    Ok(used.rows_affected() == 1)
}
