//! How many messages one recipient may receive (R26): at most N codes (text messages)
//! per mobile number per hour and M messages per number or address per day.
//!
//! The messages are counted from the outbox tables themselves (`outbox_messages` on a
//! production server, `dev_outbox` on a demo server: only one of them fills), so the
//! limits hold across server instances and restarts and need no state of their own.
//! A request that would go over a limit is refused before it changes or queues
//! anything.
//!
//! Checking and sending are two steps, so simultaneous requests for one recipient could
//! each pass the check before any of them queued its message. [`reserve`] closes that
//! gap within one server: it holds a lock for the recipient from the check until the
//! caller drops the [`Permit`], after its message is queued. Requests to several
//! instances at the same moment can still each pass once (at most one extra message
//! per instance); the lock is not shared between instances.

use std::collections::HashMap;
use std::sync::{Arc, Mutex as StdMutex, OnceLock};

use chrono::{DateTime, Duration, Utc};
use kring_api::dev::Channel;
use tokio::sync::{Mutex, OwnedMutexGuard};

use super::queue::channel_key;
use crate::db::Pool;
use crate::problem::ApiError;
use crate::settings::MessageLimits;

/// Proof that one more message to a recipient fits the limits; keep it until the
/// message is handed to the sender, so no simultaneous request for the same recipient
/// is checked in between.
#[must_use = "hold the permit until the message is sent"]
pub struct Permit {
    _guard: OwnedMutexGuard<()>,
}

/// One lock per recipient with a request under way. An entry nobody holds any more is
/// dropped the next time a lock is looked up, so the map stays as small as the number
/// of recipients being sent to right now.
fn recipient_lock(recipient: &str) -> Arc<Mutex<()>> {
    static LOCKS: OnceLock<StdMutex<HashMap<String, Arc<Mutex<()>>>>> = OnceLock::new();
    let mut locks = LOCKS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    locks.retain(|_, lock| Arc::strong_count(lock) > 1);
    locks.entry(recipient.to_owned()).or_default().clone()
}

/// [`check`] under the recipient's lock: the returned permit keeps other requests for
/// the same recipient waiting until it is dropped. Never reserve the same recipient
/// twice in one request (the second would wait for the first forever).
pub async fn reserve(
    db: &Pool,
    limits: MessageLimits,
    channel: Channel,
    recipient: &str,
    now: DateTime<Utc>,
) -> Result<Permit, ApiError> {
    let guard = recipient_lock(recipient).lock_owned().await;
    check(db, limits, channel, recipient, now).await?;
    Ok(Permit { _guard: guard })
}

/// Refuses with `too-many-messages` (and how long to wait) when one more message on
/// `channel` to `recipient` would go over a limit. Use [`reserve`] where the message
/// follows in the same request; this alone suits an early refusal before work that
/// [`reserve`] guards later.
pub async fn check(
    db: &Pool,
    limits: MessageLimits,
    channel: Channel,
    recipient: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let mut wait = None;
    if channel == Channel::Sms {
        wait = wait.max(
            wait_for(
                db,
                recipient,
                Some(channel),
                Duration::hours(1),
                limits.codes_per_number_per_hour,
                now,
            )
            .await?,
        );
    }
    wait = wait.max(
        wait_for(
            db,
            recipient,
            None,
            Duration::days(1),
            limits.messages_per_recipient_per_day,
            now,
        )
        .await?,
    );
    match wait {
        Some(wait) => Err(ApiError::TooManyMessages {
            retry_after_secs: u64::try_from(wait.num_seconds()).unwrap_or(0).max(1),
        }),
        None => Ok(()),
    }
}

/// How long until one more message fits within `limit` per `window`, if it does not
/// now: the `limit`-th newest message in the window must first leave it.
async fn wait_for(
    db: &Pool,
    recipient: &str,
    channel: Option<Channel>,
    window: Duration,
    limit: u32,
    now: DateTime<Utc>,
) -> Result<Option<Duration>, sqlx::Error> {
    let since = now - window;
    let limit = i64::from(limit.max(1));
    let mut times = Vec::new();
    // Two tables, each with its own time column; only one of them fills on a server.
    for (table, time) in [("outbox_messages", "created_at"), ("dev_outbox", "sent_at")] {
        let channel_clause = if channel.is_some() {
            " AND channel = $4"
        } else {
            ""
        };
        let sql = format!(
            "SELECT {time} FROM {table} WHERE recipient = $1 AND {time} > $2{channel_clause} \
             ORDER BY {time} DESC LIMIT $3"
        );
        let mut query = sqlx::query_scalar::<_, DateTime<Utc>>(&sql)
            .bind(recipient)
            .bind(since)
            .bind(limit);
        if let Some(channel) = channel {
            query = query.bind(channel_key(channel));
        }
        times.extend(query.fetch_all(db).await?);
    }
    times.sort_unstable_by(|a, b| b.cmp(a));
    let index = usize::try_from(limit - 1).unwrap_or(usize::MAX);
    Ok(times
        .get(index)
        .map(|oldest_counted| *oldest_counted + window - now))
}
