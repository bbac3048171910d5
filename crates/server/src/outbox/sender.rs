//! The sender interface and the development outbox.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use kring_api::dev::Channel;

use crate::clock::Clock;
use crate::db::Pool;

/// A message to one person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutgoingMessage {
    /// E-mail or SMS.
    pub channel: Channel,
    /// The e-mail address or mobile number.
    pub to: String,
    /// Subject line, for e-mail.
    pub subject: Option<String>,
    /// The text.
    pub body: String,
}

/// Why a message could not be sent.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// The outbox could not store it.
    #[error("cannot store the message: {0}")]
    Store(#[from] sqlx::Error),
}

/// A boxed future, so senders can be chosen at start-up (`Arc<dyn MessageSender>`).
pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), SendError>> + Send + 'a>>;

/// Something that delivers messages to people.
pub trait MessageSender: Send + Sync + 'static {
    /// Sends one message.
    fn send(&self, message: OutgoingMessage) -> SendFuture<'_>;
}

/// The development sender: stores messages in the `dev_outbox` table and logs them.
#[derive(Clone)]
pub struct DevOutbox {
    db: Pool,
    clock: Arc<dyn Clock>,
}

impl DevOutbox {
    /// An outbox in this database.
    pub fn new(db: Pool, clock: Arc<dyn Clock>) -> Self {
        Self { db, clock }
    }
}

impl MessageSender for DevOutbox {
    fn send(&self, message: OutgoingMessage) -> SendFuture<'_> {
        Box::pin(async move {
            let channel = match message.channel {
                Channel::Email => "email",
                Channel::Sms => "sms",
            };
            tracing::info!(
                channel,
                to = %message.to,
                subject = message.subject.as_deref().unwrap_or(""),
                body = %message.body,
                "dev outbox: message kept, not delivered"
            );
            sqlx::query(
                "INSERT INTO dev_outbox (channel, recipient, subject, body, sent_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(channel)
            .bind(&message.to)
            .bind(&message.subject)
            .bind(&message.body)
            .bind(self.clock.now())
            .execute(&self.db)
            .await?;
            Ok(())
        })
    }
}
