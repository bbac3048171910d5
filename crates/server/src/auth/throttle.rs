//! Slowing down repeated failures per e-mail address and per network address.
//!
//! After a few free failures each further one makes the caller wait longer (doubling,
//! at most 15 minutes). Nothing locks the real owner out for good, and a success clears
//! the count. Keys are by e-mail address, not account, so a known address is throttled
//! exactly like an unknown one and reveals nothing.

use chrono::{DateTime, Duration, Utc};

use crate::db::Pool;
use crate::problem::ApiError;

/// What one key allows.
#[derive(Clone, Copy, Debug)]
pub struct Policy {
    /// Failures before waiting starts.
    pub free_failures: i64,
    /// The longest wait.
    pub max_wait: Duration,
    /// Failures older than this are forgotten.
    pub window: Duration,
}

/// Wrong passwords for one e-mail address.
pub const PER_EMAIL: Policy = Policy {
    free_failures: 5,
    max_wait: Duration::minutes(15),
    window: Duration::hours(24),
};

/// Failed sign-ins from one network address (many accounts).
pub const PER_ADDRESS: Policy = Policy {
    free_failures: 20,
    max_wait: Duration::minutes(15),
    window: Duration::hours(1),
};

/// Wrong codes for one account, across all its attempts: a new attempt (a new code)
/// does not start the count again, so knowing the password does not buy unlimited
/// guesses. Two attempts' worth are free, then each wrong code makes the next wait
/// longer, up to an hour. Kept in the database, so a restart forgets nothing.
pub const PER_ACCOUNT_CODES: Policy = Policy {
    free_failures: 10,
    max_wait: Duration::hours(1),
    window: Duration::hours(24),
};

/// The key that counts wrong codes for `account_id`.
pub fn account_codes_key(account_id: i64) -> String {
    format!("codes:account:{account_id}")
}

/// Refuses with `rate-limited` while the key must wait.
pub async fn check(db: &Pool, key: &str, now: DateTime<Utc>) -> Result<(), ApiError> {
    let blocked: Option<Option<DateTime<Utc>>> =
        sqlx::query_scalar("SELECT blocked_until FROM throttles WHERE key = $1")
            .bind(key)
            .fetch_optional(db)
            .await?;
    match blocked.flatten() {
        Some(until) if until > now => Err(ApiError::RateLimited {
            retry_after_secs: (until - now).num_seconds().max(1) as u64,
        }),
        _ => Ok(()),
    }
}

/// Counts a failure; returns the wait it causes, if any.
pub async fn record_failure(
    db: &Pool,
    key: &str,
    policy: Policy,
    now: DateTime<Utc>,
) -> Result<Option<Duration>, ApiError> {
    Ok(record_failure_counted(db, key, policy, now).await?.1)
}

/// Whether the failure numbered `failures` is the one that starts the key's waiting
/// (the first after the free ones): the moment to tell the owner, once per pause.
pub fn pause_starts((failures, _): (i64, Option<Duration>), policy: Policy) -> bool {
    failures == policy.free_failures + 1
}

/// Counts a failure; returns the number of failures in the window (this one included)
/// and the wait it causes, if any.
pub async fn record_failure_counted(
    db: &Pool,
    key: &str,
    policy: Policy,
    now: DateTime<Utc>,
) -> Result<(i64, Option<Duration>), ApiError> {
    let row: Option<(i64, DateTime<Utc>)> =
        sqlx::query_as("SELECT failures, first_failure_at FROM throttles WHERE key = $1")
            .bind(key)
            .fetch_optional(db)
            .await?;
    let (failures, first) = match row {
        Some((failures, first)) if now - first < policy.window => (failures + 1, first),
        _ => (1, now),
    };
    let wait = (failures > policy.free_failures).then(|| {
        let exponent = (failures - policy.free_failures - 1).min(20) as u32;
        Duration::seconds(2_i64.pow(exponent)).min(policy.max_wait)
    });
    sqlx::query(
        "INSERT INTO throttles (key, failures, first_failure_at, blocked_until) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (key) DO UPDATE SET failures = $2, first_failure_at = $3, blocked_until = $4",
    )
    .bind(key)
    .bind(failures)
    .bind(first)
    .bind(wait.map(|w| now + w))
    .execute(db)
    .await?;
    Ok((failures, wait))
}

/// Forgets the failures of a key (after a success).
pub async fn clear(db: &Pool, key: &str) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM throttles WHERE key = $1")
        .bind(key)
        .execute(db)
        .await?;
    Ok(())
}
