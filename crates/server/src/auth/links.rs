//! Single-use links (activation, password reset): stored as a hash of their token,
//! found by it, and used once.

use chrono::{DateTime, Duration, Utc};

use crate::db::Pool;
use crate::problem::ApiError;
use crate::secrets;
use crate::state::AppState;

/// How long an activation link works.
pub const ACTIVATION_LINK_LIFETIME: Duration = Duration::hours(72);
/// How long a password reset link works.
pub const RESET_LINK_LIFETIME: Duration = Duration::hours(1);

/// Creates a single-use link for an account and returns its token and end time.
pub async fn new_link(
    state: &AppState,
    account_id: i64,
    purpose: &str,
    lifetime: Duration,
    now: DateTime<Utc>,
) -> Result<(String, DateTime<Utc>), ApiError> {
    let token = secrets::new_token()?;
    let expires_at = now + lifetime;
    insert(&state.db, account_id, purpose, &token, now, expires_at).await?;
    Ok((token, expires_at))
}

/// A link as stored.
#[derive(sqlx::FromRow)]
pub struct LinkRow {
    /// The link.
    pub id: i64,
    /// The account it is for.
    pub account_id: i64,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
    /// When it was used, if it was.
    pub used_at: Option<DateTime<Utc>>,
}

/// The link of the organisation with this token and purpose (`activation`,
/// `password_reset`), used or not.
pub async fn by_token(
    db: &Pool,
    organisation_id: i64,
    token: &str,
    purpose: &str,
) -> Result<Option<LinkRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT l.id, l.account_id, l.expires_at, l.used_at FROM account_links l \
         JOIN accounts a ON a.id = l.account_id \
         WHERE l.token_hash = $1 AND l.purpose = $2 AND a.organisation_id = $3",
    )
    .bind(secrets::hash_token(token))
    .bind(purpose)
    .bind(organisation_id)
    .fetch_optional(db)
    .await
}

/// Stores a new link (only its token's hash).
pub async fn insert<'e>(
    db: impl sqlx::Executor<'e, Database = crate::db::Db>,
    account_id: i64,
    purpose: &str,
    token: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO account_links (account_id, purpose, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(account_id)
    .bind(purpose)
    .bind(secrets::hash_token(token))
    .bind(now)
    .bind(expires_at)
    .execute(db)
    .await?;
    Ok(())
}

/// Uses a link that is unused and has not expired; false when it was used (or
/// expired) in the meantime.
pub async fn use_unexpired(
    db: &Pool,
    link_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let used = sqlx::query(
        "UPDATE account_links SET used_at = $1 WHERE id = $2 AND used_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(link_id)
    .execute(db)
    .await?;
    Ok(used.rows_affected() == 1)
}

/// Uses a link that is unused; false when it was used in the meantime.
pub async fn use_once(db: &Pool, link_id: i64, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    let used =
        sqlx::query("UPDATE account_links SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(link_id)
            .execute(db)
            .await?;
    Ok(used.rows_affected() == 1)
}
