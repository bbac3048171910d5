//! The worker that delivers queued messages: it claims due rows, hands each to its
//! channel's transport, and records the outcome. A failure that may pass (a provider
//! down, a timeout) is tried again later, each time waiting twice as long; one that
//! will not (an address the provider refuses) fails at once. A delivered message's
//! text is removed from the database.
//!
//! Several server instances may run a worker on one database: a claim marks the row
//! `sending` until a lease ends, and on PostgreSQL the claiming query skips rows
//! another transaction holds (`FOR UPDATE SKIP LOCKED`); SQLite has one writer at a
//! time anyway. A claim whose worker died (a crash mid-send) runs out and the row is
//! taken again, so a message can then reach a provider twice: the idempotency key
//! travels along (as the e-mail's Message-ID, the gateway's reference) so the provider
//! and the reader can tell.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use kring_api::dev::Channel;
use tokio::sync::Notify;

use crate::clock::Clock;
use crate::db::Pool;

/// How many messages one round claims.
const BATCH: i64 = 10;
/// How long a claim holds: longer than any transport's own timeout.
const LEASE: chrono::Duration = chrono::Duration::minutes(5);
/// After this many attempts a message that keeps failing is given up (about three
/// and a half hours after the first).
pub const MAX_ATTEMPTS: i64 = 10;
/// How often the worker looks for due messages when nobody wakes it (retries, and
/// messages another instance queued).
const POLL: Duration = Duration::from_secs(5);

/// A message claimed for delivery.
#[derive(Clone, Debug)]
pub struct QueuedMessage {
    /// The row.
    pub id: i64,
    /// Unique per message; sent along so a repeat can be recognised.
    pub idempotency_key: String,
    /// E-mail or SMS.
    pub channel: Channel,
    /// The address or number.
    pub recipient: String,
    /// The e-mail's subject.
    pub subject: Option<String>,
    /// The text.
    pub body: String,
}

/// Why a delivery did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    /// It may work later: try again.
    #[error("{0}")]
    Transient(String),
    /// It will not work: give up and show it to the organisation's administrators.
    #[error("{0}")]
    Permanent(String),
}

/// A boxed delivery, so transports can be chosen at start-up.
pub type DeliveryFuture<'a> = Pin<Box<dyn Future<Output = Result<(), DeliveryError>> + Send + 'a>>;

/// Delivers messages of one channel to a provider.
pub trait Transport: Send + Sync + 'static {
    /// Hands one message to the provider.
    fn deliver<'a>(&'a self, message: &'a QueuedMessage) -> DeliveryFuture<'a>;
}

/// The worker: the database, the clock and a transport per channel.
#[derive(Clone)]
pub struct Worker {
    db: Pool,
    clock: Arc<dyn Clock>,
    email: Arc<dyn Transport>,
    sms: Arc<dyn Transport>,
}

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    /// Delivered.
    pub sent: usize,
    /// To be tried again later.
    pub retried: usize,
    /// Given up.
    pub failed: usize,
    /// Too late to be of use.
    pub expired: usize,
}

impl Round {
    fn handled(&self) -> usize {
        self.sent + self.retried + self.failed + self.expired
    }
}

#[derive(sqlx::FromRow)]
struct ClaimedRow {
    id: i64,
    idempotency_key: String,
    channel: String,
    kind: String,
    recipient: String,
    subject: Option<String>,
    body: Option<String>,
    attempts: i64,
    expires_at: Option<DateTime<Utc>>,
}

impl Worker {
    /// A worker over this database with these transports.
    pub fn new(
        db: Pool,
        clock: Arc<dyn Clock>,
        email: Arc<dyn Transport>,
        sms: Arc<dyn Transport>,
    ) -> Self {
        Self {
            db,
            clock,
            email,
            sms,
        }
    }

    /// Runs rounds until the process ends: at once when `wake` is told of a new
    /// message, else every few seconds.
    pub fn spawn(self, wake: Arc<Notify>) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                match self.run_round().await {
                    // A full batch: there may be more due at once.
                    Ok(round) if round.handled() as i64 >= BATCH => continue,
                    Ok(_) => {}
                    Err(error) => tracing::warn!(%error, "outbox: a delivery round failed"),
                }
                let _ = tokio::time::timeout(POLL, wake.notified()).await;
            }
        })
    }

    /// Claims the messages that are due and delivers them, one after the other.
    pub async fn run_round(&self) -> Result<Round, sqlx::Error> {
        let now = self.clock.now();
        let claimed = claim(&self.db, now, now + LEASE).await?;
        let mut round = Round::default();
        for row in claimed {
            let now = self.clock.now();
            if row.expires_at.is_some_and(|expires| expires <= now) {
                finish(
                    &self.db,
                    row.id,
                    "expired",
                    None,
                    Some("too late to be of use"),
                )
                .await?;
                round.expired += 1;
                continue;
            }
            let (Some(channel), Some(body)) = (channel_of(&row.channel), row.body.clone()) else {
                finish(
                    &self.db,
                    row.id,
                    "failed",
                    None,
                    Some("stored without a text or channel"),
                )
                .await?;
                round.failed += 1;
                continue;
            };
            let message = QueuedMessage {
                id: row.id,
                idempotency_key: row.idempotency_key.clone(),
                channel,
                recipient: row.recipient.clone(),
                subject: row.subject.clone(),
                body,
            };
            let transport = match channel {
                Channel::Email => &self.email,
                Channel::Sms => &self.sms,
            };
            match transport.deliver(&message).await {
                Ok(()) => {
                    finish(&self.db, row.id, "sent", Some(self.clock.now()), None).await?;
                    tracing::info!(id = row.id, kind = %row.kind, channel = %row.channel, "outbox: delivered");
                    round.sent += 1;
                }
                Err(DeliveryError::Transient(reason)) if row.attempts < MAX_ATTEMPTS => {
                    let next = self.clock.now() + backoff(row.attempts);
                    try_later(&self.db, row.id, next, &reason).await?;
                    tracing::warn!(id = row.id, kind = %row.kind, attempts = row.attempts, %reason, "outbox: delivery failed, will try again");
                    round.retried += 1;
                }
                Err(error) => {
                    let reason = error.to_string();
                    finish(&self.db, row.id, "failed", None, Some(&reason)).await?;
                    tracing::warn!(id = row.id, kind = %row.kind, attempts = row.attempts, %reason, "outbox: delivery given up");
                    round.failed += 1;
                }
            }
        }
        Ok(round)
    }
}

/// How long to wait after the `attempts`-th failure: 30 seconds, doubling, at most
/// an hour.
pub fn backoff(attempts: i64) -> chrono::Duration {
    let doublings = attempts.clamp(1, 20) - 1;
    let seconds = 30i64.saturating_mul(1i64 << doublings).min(3600);
    chrono::Duration::seconds(seconds)
}

fn channel_of(key: &str) -> Option<Channel> {
    match key {
        "email" => Some(Channel::Email),
        "sms" => Some(Channel::Sms),
        _ => None,
    }
}

/// The claiming query: due waiting rows, and rows whose claim ran out.
#[cfg(feature = "postgres")]
const CLAIM: &str = "UPDATE outbox_messages SET status = 'sending', claimed_until = $2, attempts = attempts + 1 \
     WHERE id IN (SELECT id FROM outbox_messages \
       WHERE (status = 'waiting' AND next_attempt_at <= $1) OR (status = 'sending' AND claimed_until <= $1) \
       ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) \
     RETURNING id, idempotency_key, channel, kind, recipient, subject, body, attempts, expires_at";

/// The claiming query: due waiting rows, and rows whose claim ran out. (SQLite has
/// one writer at a time, and the statement is one write.)
#[cfg(not(feature = "postgres"))]
const CLAIM: &str = "UPDATE outbox_messages SET status = 'sending', claimed_until = $2, attempts = attempts + 1 \
     WHERE id IN (SELECT id FROM outbox_messages \
       WHERE (status = 'waiting' AND next_attempt_at <= $1) OR (status = 'sending' AND claimed_until <= $1) \
       ORDER BY next_attempt_at, id LIMIT $3) \
     RETURNING id, idempotency_key, channel, kind, recipient, subject, body, attempts, expires_at";

async fn claim(
    db: &Pool,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> Result<Vec<ClaimedRow>, sqlx::Error> {
    sqlx::query_as::<_, ClaimedRow>(CLAIM)
        .bind(now)
        .bind(lease_until)
        .bind(BATCH)
        .fetch_all(db)
        .await
}

/// Ends a row's life as sent, failed or expired. Sent and expired rows lose their text.
async fn finish(
    db: &Pool,
    id: i64,
    status: &str,
    sent_at: Option<DateTime<Utc>>,
    reason: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outbox_messages SET status = $2, sent_at = $3, claimed_until = NULL, \
         last_error = $4, body = CASE WHEN $5 THEN body ELSE NULL END \
         WHERE id = $1",
    )
    .bind(id)
    .bind(status)
    .bind(sent_at)
    .bind(reason.map(short))
    // A failed message keeps its text for the administrators' "try again".
    .bind(status == "failed")
    .execute(db)
    .await?;
    Ok(())
}

async fn try_later(
    db: &Pool,
    id: i64,
    next_attempt_at: DateTime<Utc>,
    reason: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outbox_messages SET status = 'waiting', next_attempt_at = $2, claimed_until = NULL, \
         last_error = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(next_attempt_at)
    .bind(short(reason))
    .execute(db)
    .await?;
    Ok(())
}

/// A provider's reason, cut to a length a list can show.
fn short(reason: &str) -> String {
    reason.chars().take(300).collect()
}
