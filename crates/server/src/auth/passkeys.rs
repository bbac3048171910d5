//! Passkeys (WebAuthn) as a second factor beside the verified mobile number (issue
//! 18): the relying party, the stored passkeys and the ceremonies under way. Their
//! endpoints are the top-level `passkeys` module.
//!
//! A ceremony's state (its challenge) stays on the server, in `passkey_challenges`, and
//! is taken out by the step that finishes it: a challenge works once, for one session
//! (adding) or one sign-in attempt (signing in), and for at most five minutes.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use url::{Host, Url};
use webauthn_rs::prelude::{Passkey, Uuid, Webauthn, WebauthnBuilder};

use crate::db::{Db, Pool};
use crate::problem::ApiError;
use crate::settings::Settings;

/// At most this many passkeys per account, so the list is one short answer.
pub const MAX_PER_ACCOUNT: i64 = 10;
/// How long a started ceremony can be finished (the browser's own time-out is shorter).
pub const CEREMONY_LIFETIME: Duration = Duration::minutes(5);
/// The longest name of a passkey, in characters.
pub const NAME_MAX_CHARS: usize = 60;

/// The relying party for the server's public address: its host is the relying party id
/// and its origin the one the browser must report. A loopback IP address (a test or
/// development server at `http://127.0.0.1:PORT`) becomes `localhost`: WebAuthn takes
/// only a domain as relying party id, and browsers count `localhost` as secure without
/// HTTPS, so passkeys work there at `http://localhost:PORT`.
pub fn relying_party(settings: &Settings, organisation: &str) -> Result<Webauthn, ApiError> {
    let unusable = |why: &str| {
        ApiError::Internal(format!(
            "passkeys need a domain name in the public address ({}): {why}",
            settings.public_url
        ))
    };
    let mut origin = Url::parse(&settings.public_url).map_err(|e| unusable(&e.to_string()))?;
    let loopback = match origin.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        _ => false,
    };
    if loopback {
        origin
            .set_host(Some("localhost"))
            .map_err(|e| unusable(&e.to_string()))?;
    }
    let rp_id = origin
        .domain()
        .ok_or_else(|| unusable("an IP address"))?
        .to_owned();
    WebauthnBuilder::new(&rp_id, &origin)
        .map(|builder| builder.rp_name(organisation))
        .and_then(|builder| builder.build())
        .map_err(|e| unusable(&e.to_string()))
}

/// The WebAuthn user handle of an account: its id, so no name or address is stored on
/// the authenticator through it.
pub fn user_handle(account_id: i64) -> Uuid {
    Uuid::from_u64_pair(0, account_id as u64)
}

/// The id a credential is stored under (base64url, as the browser writes it).
pub fn credential_key(passkey: &Passkey) -> String {
    URL_SAFE_NO_PAD.encode(passkey.cred_id())
}

/// One stored passkey.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PasskeyRow {
    /// Its id.
    pub id: i64,
    /// The name its owner gave it.
    pub name: String,
    /// webauthn-rs's `Passkey` as JSON.
    pub credential: String,
    /// When it was added.
    pub created_at: DateTime<Utc>,
    /// When it was last used to sign in.
    pub last_used_at: Option<DateTime<Utc>>,
}

impl PasskeyRow {
    /// The stored credential.
    pub fn passkey(&self) -> Result<Passkey, ApiError> {
        serde_json::from_str(&self.credential)
            .map_err(|e| ApiError::Internal(format!("stored passkey {}: {e}", self.id)))
    }
}

/// The account's passkeys, oldest first.
pub async fn list<'e>(
    db: impl sqlx::Executor<'e, Database = Db>,
    account_id: i64,
) -> Result<Vec<PasskeyRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name, credential, created_at, last_used_at FROM passkeys \
         WHERE account_id = $1 ORDER BY created_at, id",
    )
    .bind(account_id)
    .fetch_all(db)
    .await
}

/// How many passkeys the account has.
pub async fn count<'e>(
    db: impl sqlx::Executor<'e, Database = Db>,
    account_id: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM passkeys WHERE account_id = $1")
        .bind(account_id)
        .fetch_one(db)
        .await
}

/// Stores a new passkey; `None` when this credential is stored already (for any
/// account).
pub async fn insert<'e>(
    db: impl sqlx::Executor<'e, Database = Db>,
    account_id: i64,
    name: &str,
    passkey: &Passkey,
    now: DateTime<Utc>,
) -> Result<Option<i64>, ApiError> {
    let credential = serde_json::to_string(passkey)
        .map_err(|e| ApiError::Internal(format!("storing a passkey: {e}")))?;
    let inserted = sqlx::query_scalar(
        "INSERT INTO passkeys (account_id, credential_id, name, credential, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (credential_id) DO NOTHING RETURNING id",
    )
    .bind(account_id)
    .bind(credential_key(passkey))
    .bind(name)
    .bind(credential)
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(inserted)
}

/// Removes one of the account's passkeys; its name, or `None` if it has no such one.
pub async fn delete<'e>(
    db: impl sqlx::Executor<'e, Database = Db>,
    account_id: i64,
    passkey_id: i64,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("DELETE FROM passkeys WHERE id = $1 AND account_id = $2 RETURNING name")
        .bind(passkey_id)
        .bind(account_id)
        .fetch_optional(db)
        .await
}

/// Removes all of the account's passkeys (a lost phone may hold them; a deleted account
/// keeps none). How many there were.
pub async fn delete_all<'e>(
    db: impl sqlx::Executor<'e, Database = Db>,
    account_id: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM passkeys WHERE account_id = $1")
        .bind(account_id)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

/// Records a sign-in with the passkey: its updated counter and the moment.
pub async fn mark_used(
    db: &Pool,
    passkey_id: i64,
    passkey: &Passkey,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let credential = serde_json::to_string(passkey)
        .map_err(|e| ApiError::Internal(format!("storing a passkey: {e}")))?;
    sqlx::query("UPDATE passkeys SET credential = $1, last_used_at = $2 WHERE id = $3")
        .bind(credential)
        .bind(now)
        .bind(passkey_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Keeps a ceremony's state for `owner_key`, replacing one started before.
pub async fn store_ceremony<T: Serialize>(
    db: &Pool,
    account_id: i64,
    owner_key: &str,
    state: &T,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let state = serde_json::to_string(state)
        .map_err(|e| ApiError::Internal(format!("storing a passkey ceremony: {e}")))?;
    // Expired ceremonies of anyone go as a new one starts, so the table stays small.
    sqlx::query("DELETE FROM passkey_challenges WHERE expires_at <= $1")
        .bind(now)
        .execute(db)
        .await?;
    sqlx::query(
        "INSERT INTO passkey_challenges (account_id, owner_key, state, expires_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (owner_key) DO UPDATE \
         SET account_id = $1, state = $3, expires_at = $4",
    )
    .bind(account_id)
    .bind(owner_key)
    .bind(state)
    .bind(now + CEREMONY_LIFETIME)
    .execute(db)
    .await?;
    Ok(())
}

/// Takes out the ceremony of `owner_key` (so it works once): its account and state, or
/// `passkey-expired` when there is none or it expired.
pub async fn take_ceremony<T: DeserializeOwned>(
    db: &Pool,
    owner_key: &str,
    now: DateTime<Utc>,
) -> Result<(i64, T), ApiError> {
    let row: Option<(i64, String, DateTime<Utc>)> = sqlx::query_as(
        "DELETE FROM passkey_challenges WHERE owner_key = $1 \
         RETURNING account_id, state, expires_at",
    )
    .bind(owner_key)
    .fetch_optional(db)
    .await?;
    let (account_id, state, expires_at) = row.ok_or(ApiError::PasskeyExpired)?;
    if expires_at <= now {
        return Err(ApiError::PasskeyExpired);
    }
    let state = serde_json::from_str(&state)
        .map_err(|e| ApiError::Internal(format!("a stored passkey ceremony: {e}")))?;
    Ok((account_id, state))
}

/// The ceremony key of adding a passkey in a session.
pub fn registration_key(session_id: i64) -> String {
    format!("registration:{session_id}")
}

/// The ceremony key of signing in with a passkey in an attempt.
/// (Signing in or re-authenticating: the ceremony belongs to the attempt.)
pub fn sign_in_key(attempt_id: i64) -> String {
    format!("sign_in:{attempt_id}")
}
