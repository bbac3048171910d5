//! The production outbox: every message is a row in `outbox_messages` first, and the
//! worker (`worker.rs`) delivers it. Handing a message over is therefore one insert: a
//! failing provider or a restart loses nothing.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use kring_api::dev::Channel;
use tokio::sync::Notify;

use super::sender::{MessageSender, OutgoingMessage, SendError, SendFuture};
use crate::clock::Clock;
use crate::db::Pool;

/// The sender of a production server: queues each message for the worker.
#[derive(Clone)]
pub struct DurableOutbox {
    db: Pool,
    clock: Arc<dyn Clock>,
    organisation_id: i64,
    wake: Arc<Notify>,
}

impl DurableOutbox {
    /// An outbox for the organisation's messages in this database.
    pub fn new(db: Pool, clock: Arc<dyn Clock>, organisation_id: i64) -> Self {
        Self {
            db,
            clock,
            organisation_id,
            wake: Arc::new(Notify::new()),
        }
    }

    /// What the worker waits on: told of every new message, so a code goes out at
    /// once instead of at the next poll.
    pub fn wake(&self) -> Arc<Notify> {
        self.wake.clone()
    }
}

impl MessageSender for DurableOutbox {
    fn send(&self, message: OutgoingMessage) -> SendFuture<'_> {
        Box::pin(async move {
            let now = self.clock.now();
            queue(&self.db, self.organisation_id, &message, now).await?;
            self.wake.notify_one();
            Ok(())
        })
    }

    fn send_in<'a>(
        &'a self,
        tx: &'a mut sqlx::Transaction<'static, crate::db::Db>,
        message: &'a OutgoingMessage,
    ) -> SendFuture<'a> {
        Box::pin(
            async move { queue(&mut **tx, self.organisation_id, message, self.clock.now()).await },
        )
    }

    fn committed(&self) {
        self.wake.notify_one();
    }
}

/// Stores one message as waiting, due now (on the pool, or in a transaction that makes
/// what the message is about).
pub async fn queue<'e>(
    db: impl sqlx::Executor<'e, Database = crate::db::Db>,
    organisation_id: i64,
    message: &OutgoingMessage,
    now: DateTime<Utc>,
) -> Result<(), SendError> {
    let expires_at = message.kind.useful_for().map(|lifetime| now + lifetime);
    sqlx::query(
        "INSERT INTO outbox_messages (organisation_id, idempotency_key, channel, kind, recipient, \
         subject, body, status, attempts, next_attempt_at, expires_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'waiting', 0, $8, $9, $8)",
    )
    .bind(organisation_id)
    .bind(idempotency_key())
    .bind(channel_key(message.channel))
    .bind(message.kind.key())
    .bind(&message.to)
    .bind(&message.subject)
    .bind(&message.body)
    .bind(now)
    .bind(expires_at)
    .execute(db)
    .await?;
    Ok(())
}

/// The database's name for a channel.
pub fn channel_key(channel: Channel) -> &'static str {
    match channel {
        Channel::Email => "email",
        Channel::Sms => "sms",
    }
}

/// 128 random bits in hex: unique per message, and safe in a Message-ID.
fn idempotency_key() -> String {
    let mut bytes = [0u8; 16];
    // The system's random source failing is not something a message can recover
    // from; a key from the clock alone would still be unique per process.
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default();
        bytes[..8].copy_from_slice(&nanos.to_le_bytes());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An undelivered message as stored (its text left out).
#[derive(Debug, sqlx::FromRow)]
pub struct UndeliveredRow {
    /// The row.
    pub id: i64,
    /// `email` or `sms`.
    pub channel: String,
    /// The [`MessageKind`](super::MessageKind) key.
    pub kind: String,
    /// The address or number.
    pub recipient: String,
    /// How often it was tried.
    pub attempts: i64,
    /// Why it failed.
    pub last_error: Option<String>,
    /// When it was written.
    pub created_at: DateTime<Utc>,
}

/// The organisation's messages that failed for good, newest first: `limit` rows from
/// `offset`.
pub async fn undelivered(
    db: &Pool,
    organisation_id: i64,
    limit: i64,
    offset: i64,
) -> Result<Vec<UndeliveredRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, channel, kind, recipient, attempts, last_error, created_at FROM outbox_messages \
         WHERE organisation_id = $1 AND status = 'failed' ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3",
    )
    .bind(organisation_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

/// Puts a failed message of the organisation back in the queue, due now, with its
/// tries counted afresh. False when there is no such failed message (another
/// administrator retried it already, or it is not this organisation's).
pub async fn retry(
    db: &Pool,
    organisation_id: i64,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE outbox_messages SET status = 'waiting', attempts = 0, next_attempt_at = $3, \
         last_error = NULL WHERE id = $1 AND organisation_id = $2 AND status = 'failed' AND body IS NOT NULL",
    )
    .bind(id)
    .bind(organisation_id)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
