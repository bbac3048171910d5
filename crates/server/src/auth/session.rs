//! Server-side sessions in an `HttpOnly`, `SameSite=Strict` cookie.
//!
//! The cookie holds a random 256-bit token; the database holds its hash. A session
//! ends after `session_idle` without requests, after `session_absolute` in any case,
//! at sign-out, and when the account loses its last portal.

use axum::extract::FromRequestParts;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use chrono::{DateTime, Utc};

use super::accounts::{Account, ACCOUNT_COLUMNS};
use crate::db::Pool;
use crate::problem::ApiError;
use crate::secrets;
use crate::settings::Settings;
use crate::state::AppState;

/// A request from a signed-in person whose account may be used.
#[derive(Clone, Debug)]
pub struct SignedIn {
    /// The session's row id.
    pub session_id: i64,
    /// The account.
    pub account: Account,
    /// When the session ends without further activity.
    pub idle_expires_at: DateTime<Utc>,
    /// When the session ends at the latest.
    pub absolute_expires_at: DateTime<Utc>,
    /// When its person last proved password and second factor again while signed in.
    pub reauthenticated_at: Option<DateTime<Utc>>,
}

/// How long a re-authentication allows changes of the sign-in details.
pub const REAUTHENTICATION_VALID_FOR: chrono::Duration = chrono::Duration::minutes(5);

impl SignedIn {
    /// Refuses with `reauthentication-required` unless the session proved password and
    /// second factor within the last 5 minutes. An account whose second factor staff
    /// reset has none to prove: its session may only set up a new number or a passkey,
    /// which is what the staff member's check outside the portal was for.
    pub fn require_recent_reauthentication(&self, now: DateTime<Utc>) -> Result<(), ApiError> {
        if !self.account.has_second_factor() {
            return Ok(());
        }
        match self.reauthenticated_at {
            Some(at) if at <= now && now - at < REAUTHENTICATION_VALID_FOR => Ok(()),
            _ => Err(ApiError::ReauthenticationRequired),
        }
    }
}

/// A request from a signed-in person, also one whose account has no second factor left
/// (staff reset it): only for the few endpoints such a session may use (the session,
/// signing out, setting up a new number or a passkey). Every other endpoint takes [`SignedIn`],
/// which refuses such a session with `second-factor-required`.
#[derive(Clone, Debug)]
pub struct AnyFactor(pub SignedIn);

#[derive(sqlx::FromRow)]
struct SessionRow {
    session_id: i64,
    last_seen_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    ended_at: Option<DateTime<Utc>>,
    reauthenticated_at: Option<DateTime<Utc>>,
    #[sqlx(flatten)]
    account: Account,
}

/// The session token from the request's cookies, if any.
pub fn token_from(headers: &HeaderMap, settings: &Settings) -> Option<String> {
    let name = settings.session_cookie();
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let AnyFactor(signed_in) = AnyFactor::from_request_parts(parts, state).await?;
        if !signed_in.account.has_second_factor() {
            return Err(ApiError::SecondFactorRequired);
        }
        Ok(signed_in)
    }
}

impl FromRequestParts<AppState> for AnyFactor {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(signed_in) = parts.extensions.get::<SignedIn>() {
            return Ok(AnyFactor(signed_in.clone()));
        }
        let token = token_from(&parts.headers, &state.settings).ok_or(ApiError::Unauthenticated)?;
        let now = state.clock.now();
        let row: Option<SessionRow> = sqlx::query_as(&format!(
            "SELECT s.id AS session_id, s.last_seen_at, s.expires_at, s.ended_at, s.reauthenticated_at, {ACCOUNT_COLUMNS} \
             FROM sessions s JOIN accounts a ON a.id = s.account_id \
             WHERE s.token_hash = $1 AND a.organisation_id = $2"
        ))
        .bind(secrets::hash_token(&token))
        .bind(state.organisation_id)
        .fetch_optional(&state.db)
        .await?;
        let row = row.ok_or(ApiError::Unauthenticated)?;
        if row.ended_at.is_some() {
            return Err(ApiError::Unauthenticated);
        }
        let idle_expires_at = row.last_seen_at + state.settings.session_idle;
        if now >= row.expires_at || now >= idle_expires_at {
            let reason = if now >= row.expires_at {
                "absolute"
            } else {
                "idle"
            };
            end(&state.db, row.session_id, reason, now).await?;
            return Err(ApiError::SessionExpired);
        }
        row.account.check_usable()?;
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2")
            .bind(now)
            .bind(row.session_id)
            .execute(&state.db)
            .await?;
        let signed_in = SignedIn {
            session_id: row.session_id,
            account: row.account,
            idle_expires_at: (now + state.settings.session_idle).min(row.expires_at),
            absolute_expires_at: row.expires_at,
            reauthenticated_at: row.reauthenticated_at,
        };
        parts.extensions.insert(signed_in.clone());
        Ok(AnyFactor(signed_in))
    }
}

/// Starts a session for an account; returns its token and when it ends at the latest.
pub async fn start(
    db: &Pool,
    settings: &Settings,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<(String, DateTime<Utc>), ApiError> {
    let token = secrets::new_token()?;
    let expires_at = now + settings.session_absolute;
    sqlx::query(
        "INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, expires_at) \
         VALUES ($1, $2, $3, $3, $4)",
    )
    .bind(secrets::hash_token(&token))
    .bind(account_id)
    .bind(now)
    .bind(expires_at)
    .execute(db)
    .await?;
    Ok((token, expires_at))
}

/// The id of the session with this token (which must exist).
pub async fn id_by_token(db: &Pool, token: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM sessions WHERE token_hash = $1")
        .bind(secrets::hash_token(token))
        .fetch_one(db)
        .await
}

/// Ends one session.
pub async fn end(
    db: &Pool,
    session_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "UPDATE sessions SET ended_at = $1, ended_reason = $2 WHERE id = $3 AND ended_at IS NULL",
    )
    .bind(now)
    .bind(reason)
    .bind(session_id)
    .execute(db)
    .await?;
    Ok(())
}

/// Ends the session whose token a request carried, if any (before a new sign-in, so an
/// id planted before signing in is dead afterwards).
pub async fn end_by_token(
    db: &Pool,
    token: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query("UPDATE sessions SET ended_at = $1, ended_reason = $2 WHERE token_hash = $3 AND ended_at IS NULL")
        .bind(now)
        .bind(reason)
        .bind(secrets::hash_token(token))
        .execute(db)
        .await?;
    Ok(())
}

/// Ends every session of an account.
pub async fn end_all(
    db: impl sqlx::Executor<'_, Database = crate::db::Db>,
    account_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query("UPDATE sessions SET ended_at = $1, ended_reason = $2 WHERE account_id = $3 AND ended_at IS NULL")
        .bind(now)
        .bind(reason)
        .bind(account_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Records where a new session came from: the browser's User-Agent (cut to 300
/// characters) and the network address, coarse ([`coarse_address`]); shown to its
/// person in account settings.
pub async fn set_origin(
    db: &Pool,
    session_id: i64,
    user_agent: Option<&str>,
    address: &str,
) -> Result<(), sqlx::Error> {
    let user_agent = user_agent.map(|ua| ua.chars().take(300).collect::<String>());
    sqlx::query("UPDATE sessions SET user_agent = $1, client_address = $2 WHERE id = $3")
        .bind(user_agent)
        .bind(coarse_address(address))
        .bind(session_id)
        .execute(db)
        .await?;
    Ok(())
}

/// A network address with its last part hidden (`192.0.2.x`; an IPv6 address keeps
/// its first three groups), or `None` when it is not an address. Enough for a person
/// to recognise "that was me at home", not enough to find a house.
pub fn coarse_address(address: &str) -> Option<String> {
    match address.parse::<std::net::IpAddr>().ok()? {
        std::net::IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            Some(format!("{a}.{b}.{c}.x"))
        }
        std::net::IpAddr::V6(v6) => {
            let s = v6.segments();
            Some(format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2]))
        }
    }
}

/// Records that the session proved password and second factor again now.
pub async fn mark_reauthenticated(
    db: &Pool,
    session_id: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET reauthenticated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(session_id)
        .execute(db)
        .await?;
    Ok(())
}

/// One session of an account that has not ended, for account settings.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ActiveSessionRow {
    /// Its id.
    pub id: i64,
    /// The browser's User-Agent at sign-in.
    pub user_agent: Option<String>,
    /// Where the sign-in came from, coarse.
    pub client_address: Option<String>,
    /// When it started.
    pub created_at: DateTime<Utc>,
    /// When it was last used.
    pub last_seen_at: DateTime<Utc>,
}

/// An account's sessions that are still alive (not ended, not past either lifetime),
/// newest first, after the session id `before`, at most `limit`.
pub async fn active_for_account(
    db: &Pool,
    settings: &Settings,
    account_id: i64,
    before: Option<i64>,
    limit: i64,
    now: DateTime<Utc>,
) -> Result<Vec<ActiveSessionRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, user_agent, client_address, created_at, last_seen_at FROM sessions \
         WHERE account_id = $1 AND ended_at IS NULL AND expires_at > $2 AND last_seen_at > $3 \
         AND ($4 IS NULL OR id < $4) ORDER BY id DESC LIMIT $5",
    )
    .bind(account_id)
    .bind(now)
    .bind(now - settings.session_idle)
    .bind(before)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Ends one session of the account (not another's); false when there was no such
/// session that had not ended.
pub async fn end_own(
    db: impl sqlx::Executor<'_, Database = crate::db::Db>,
    account_id: i64,
    session_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let ended = sqlx::query(
        "UPDATE sessions SET ended_at = $1, ended_reason = $2 \
         WHERE id = $3 AND account_id = $4 AND ended_at IS NULL",
    )
    .bind(now)
    .bind(reason)
    .bind(session_id)
    .bind(account_id)
    .execute(db)
    .await?;
    Ok(ended.rows_affected() == 1)
}

/// Ends every session of an account but one (after a password change: the other
/// devices must sign in with the new one).
pub async fn end_all_but(
    db: &Pool,
    account_id: i64,
    keep_session_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE sessions SET ended_at = $1, ended_reason = $2 \
         WHERE account_id = $3 AND id <> $4 AND ended_at IS NULL",
    )
    .bind(now)
    .bind(reason)
    .bind(account_id)
    .bind(keep_session_id)
    .execute(db)
    .await?;
    Ok(())
}

/// The `Set-Cookie` value that stores a session token.
pub fn set_cookie(settings: &Settings, token: &str) -> HeaderValue {
    let secure = if settings.https { "; Secure" } else { "" };
    let max_age = settings.session_absolute.num_seconds();
    HeaderValue::from_str(&format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}",
        settings.session_cookie()
    ))
    .expect("cookie is ASCII")
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_cookie(settings: &Settings) -> HeaderValue {
    let secure = if settings.https { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}",
        settings.session_cookie()
    ))
    .expect("cookie is ASCII")
}

/// Adds a cookie header to a response's headers.
pub fn append_cookie(headers: &mut HeaderMap, value: HeaderValue) {
    headers.append(SET_COOKIE, value);
}
