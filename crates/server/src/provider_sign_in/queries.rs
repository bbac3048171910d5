//! Database access for sign-ins at a provider and the links to accounts.

use chrono::{DateTime, Utc};
use kring_api::ProviderPurpose;

use crate::db::{Db, Pool};
use crate::problem::ApiError;

type Tx = sqlx::Transaction<'static, Db>;

/// A sign-in started at a provider, as stored (its secrets hashed).
pub struct NewSignIn<'a> {
    /// The organisation.
    pub organisation_id: i64,
    /// SHA-256 of the `state` sent to the provider.
    pub state_hash: &'a str,
    /// SHA-256 of the browser's cookie.
    pub browser_hash: &'a str,
    /// SHA-256 of the `nonce` the ID token must carry.
    pub nonce_hash: &'a str,
    /// The provider.
    pub provider_id: &'a str,
    /// Sign in or link.
    pub purpose: ProviderPurpose,
    /// The account to link, for a link.
    pub account_id: Option<i64>,
    /// Now.
    pub now: DateTime<Utc>,
    /// When the callback is too late.
    pub expires_at: DateTime<Utc>,
}

fn purpose_key(purpose: ProviderPurpose) -> &'static str {
    match purpose {
        ProviderPurpose::SignIn => "sign_in",
        ProviderPurpose::Link => "link",
    }
}

/// Stores a new sign-in, and removes those that expired more than a day ago (kept a
/// while, so a late callback is told it came too late rather than that it is unknown).
pub async fn insert_sign_in(db: &Pool, new: &NewSignIn<'_>) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM provider_sign_ins WHERE expires_at < $1")
        .bind(new.now - chrono::Duration::days(1))
        .execute(db)
        .await?;
    sqlx::query(
        "INSERT INTO provider_sign_ins (organisation_id, state_hash, browser_hash, nonce_hash, \
         provider_id, purpose, account_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(new.organisation_id)
    .bind(new.state_hash)
    .bind(new.browser_hash)
    .bind(new.nonce_hash)
    .bind(new.provider_id)
    .bind(purpose_key(new.purpose))
    .bind(new.account_id)
    .bind(new.now)
    .bind(new.expires_at)
    .execute(db)
    .await?;
    Ok(())
}

/// A stored sign-in, as the callback reads it.
#[derive(sqlx::FromRow)]
pub struct SignInRow {
    /// Its id.
    pub id: i64,
    /// SHA-256 of the browser's cookie.
    pub browser_hash: String,
    /// SHA-256 of the nonce.
    pub nonce_hash: String,
    /// The provider.
    pub provider_id: String,
    /// `sign_in` or `link`.
    purpose: String,
    /// The account to link.
    pub account_id: Option<i64>,
    /// When it is too late.
    pub expires_at: DateTime<Utc>,
    /// When its callback came, if it did.
    pub used_at: Option<DateTime<Utc>>,
}

impl SignInRow {
    /// What it is for.
    pub fn purpose(&self) -> ProviderPurpose {
        if self.purpose == "link" {
            ProviderPurpose::Link
        } else {
            ProviderPurpose::SignIn
        }
    }
}

/// The sign-in whose `state` has this hash.
pub async fn sign_in_by_state(
    db: &Pool,
    organisation_id: i64,
    state_hash: &str,
) -> Result<Option<SignInRow>, ApiError> {
    Ok(sqlx::query_as(
        "SELECT id, browser_hash, nonce_hash, provider_id, purpose, account_id, expires_at, \
         used_at FROM provider_sign_ins WHERE state_hash = $1 AND organisation_id = $2",
    )
    .bind(state_hash)
    .bind(organisation_id)
    .fetch_optional(db)
    .await?)
}

/// Marks the sign-in used; false when another request did first (a replay).
pub async fn use_sign_in(db: &Pool, id: i64, now: DateTime<Utc>) -> Result<bool, ApiError> {
    let done =
        sqlx::query("UPDATE provider_sign_ins SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(db)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// A link of a provider's identity to an account.
#[derive(sqlx::FromRow)]
pub struct LinkRow {
    /// The provider.
    pub provider_id: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it was last used to sign in.
    pub last_used_at: Option<DateTime<Utc>>,
}

/// The account of the organisation that this provider's subject is linked to.
pub async fn linked_account(
    db: &Pool,
    organisation_id: i64,
    provider_id: &str,
    subject: &str,
) -> Result<Option<i64>, ApiError> {
    Ok(sqlx::query_scalar(
        "SELECT l.account_id FROM account_identity_links l \
         JOIN accounts a ON a.id = l.account_id \
         WHERE l.provider_id = $1 AND l.subject = $2 AND a.organisation_id = $3",
    )
    .bind(provider_id)
    .bind(subject)
    .bind(organisation_id)
    .fetch_optional(db)
    .await?)
}

/// The account this subject of the provider is linked to, in any organisation (a
/// subject is linked once).
pub async fn subject_owner(
    tx: &mut Tx,
    provider_id: &str,
    subject: &str,
) -> Result<Option<i64>, ApiError> {
    Ok(sqlx::query_scalar(
        "SELECT account_id FROM account_identity_links WHERE provider_id = $1 AND subject = $2",
    )
    .bind(provider_id)
    .bind(subject)
    .fetch_optional(&mut **tx)
    .await?)
}

/// Links the subject to the account, replacing the account's earlier link to this
/// provider; answers whether there was one.
pub async fn link(
    tx: &mut Tx,
    account_id: i64,
    provider_id: &str,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let replaced = sqlx::query(
        "DELETE FROM account_identity_links WHERE account_id = $1 AND provider_id = $2",
    )
    .bind(account_id)
    .bind(provider_id)
    .execute(&mut **tx)
    .await?
    .rows_affected()
        > 0;
    sqlx::query(
        "INSERT INTO account_identity_links (account_id, provider_id, subject, created_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(account_id)
    .bind(provider_id)
    .bind(subject)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(replaced)
}

/// Notes that the link was used to sign in.
pub async fn touch_link(
    db: &Pool,
    account_id: i64,
    provider_id: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "UPDATE account_identity_links SET last_used_at = $1 \
         WHERE account_id = $2 AND provider_id = $3",
    )
    .bind(now)
    .bind(account_id)
    .bind(provider_id)
    .execute(db)
    .await?;
    Ok(())
}

/// The account's links, oldest first.
pub async fn links_of(db: &Pool, account_id: i64) -> Result<Vec<LinkRow>, ApiError> {
    Ok(sqlx::query_as(
        "SELECT provider_id, created_at, last_used_at FROM account_identity_links \
         WHERE account_id = $1 ORDER BY created_at, id",
    )
    .bind(account_id)
    .fetch_all(db)
    .await?)
}

/// Removes the account's link to the provider; answers whether there was one.
pub async fn unlink(tx: &mut Tx, account_id: i64, provider_id: &str) -> Result<bool, ApiError> {
    Ok(
        sqlx::query(
            "DELETE FROM account_identity_links WHERE account_id = $1 AND provider_id = $2",
        )
        .bind(account_id)
        .bind(provider_id)
        .execute(&mut **tx)
        .await?
        .rows_affected()
            > 0,
    )
}
