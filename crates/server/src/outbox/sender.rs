//! The sender interface and the development outbox.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use kring_api::dev::Channel;

use crate::clock::Clock;
use crate::db::Pool;

/// What a message is for: stored with it, shown in the list of failed deliveries
/// (never the text itself), and deciding how long it is worth sending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageKind {
    /// A one-time sign-in code (SMS).
    SignInCode,
    /// The link that activates a new account.
    Activation,
    /// Access to one more portal for an active account.
    AccessGranted,
    /// The notice that administration of a portal moved to someone else.
    AdministrationMoved,
    /// The link that sets a new password.
    PasswordReset,
    /// An invitation into a client's circle.
    Invitation,
    /// The first organisation administrator's activation (`kring-server init`).
    OrganisationSetUp,
    /// A new staff member's invitation, with their activation link.
    StaffInvitation,
    /// A notice about the account's sign-in (no secret in it).
    SecurityNotice,
    /// The link that confirms a new e-mail address.
    EmailConfirmation,
}

impl MessageKind {
    /// The key stored in the database.
    pub fn key(self) -> &'static str {
        match self {
            Self::SignInCode => "sign_in_code",
            Self::Activation => "activation",
            Self::AccessGranted => "access_granted",
            Self::AdministrationMoved => "administration_moved",
            Self::PasswordReset => "password_reset",
            Self::Invitation => "invitation",
            Self::OrganisationSetUp => "organisation_set_up",
            Self::StaffInvitation => "staff_invitation",
            Self::SecurityNotice => "security_notice",
            Self::EmailConfirmation => "email_confirmation",
        }
    }

    /// The kind stored under `key`.
    pub fn from_key(key: &str) -> Option<Self> {
        [
            Self::SignInCode,
            Self::Activation,
            Self::AccessGranted,
            Self::AdministrationMoved,
            Self::PasswordReset,
            Self::Invitation,
            Self::OrganisationSetUp,
            Self::StaffInvitation,
            Self::SecurityNotice,
            Self::EmailConfirmation,
        ]
        .into_iter()
        .find(|kind| kind.key() == key)
    }

    /// Its name in the API.
    pub fn purpose(self) -> kring_api::staff::MessagePurpose {
        use kring_api::staff::MessagePurpose;
        match self {
            Self::SignInCode => MessagePurpose::SignInCode,
            Self::Activation => MessagePurpose::Activation,
            Self::AccessGranted => MessagePurpose::AccessGranted,
            Self::AdministrationMoved => MessagePurpose::AdministrationMoved,
            Self::PasswordReset => MessagePurpose::PasswordReset,
            Self::Invitation => MessagePurpose::Invitation,
            Self::OrganisationSetUp => MessagePurpose::OrganisationSetUp,
            Self::StaffInvitation => MessagePurpose::StaffInvitation,
            Self::SecurityNotice => MessagePurpose::SecurityNotice,
            Self::EmailConfirmation => MessagePurpose::EmailConfirmation,
        }
    }

    /// How long after it was written the message is still worth delivering: a code
    /// works for 10 minutes, so a code that could not be sent in time is not sent.
    pub fn useful_for(self) -> Option<chrono::Duration> {
        match self {
            Self::SignInCode => Some(chrono::Duration::minutes(10)),
            _ => None,
        }
    }
}

/// A message to one person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutgoingMessage {
    /// What it is for.
    pub kind: MessageKind,
    /// E-mail or SMS.
    pub channel: Channel,
    /// The e-mail address or mobile number.
    pub to: String,
    /// Subject line, for e-mail.
    pub subject: Option<String>,
    /// The text.
    pub body: String,
}

/// Why a message could not be handed over.
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

    /// Hands one message over inside the caller's transaction, so it goes out only when
    /// what it is about (a new account and its activation link) is committed with it.
    /// Call [`MessageSender::committed`] after the commit.
    fn send_in<'a>(
        &'a self,
        tx: &'a mut sqlx::Transaction<'static, crate::db::Db>,
        message: &'a OutgoingMessage,
    ) -> SendFuture<'a>;

    /// Told that a transaction holding messages from [`MessageSender::send_in`]
    /// committed: a sender with a worker wakes it.
    fn committed(&self) {}
}

/// The development sender (demo mode only): stores messages in the `dev_outbox` table,
/// which the demo's API shows. Nothing is delivered and, as everywhere, the text (a
/// code, a link) never goes to the log.
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
            let mut connection = self.db.acquire().await?;
            keep(&mut *connection, &message, self.clock.now()).await
        })
    }

    fn send_in<'a>(
        &'a self,
        tx: &'a mut sqlx::Transaction<'static, crate::db::Db>,
        message: &'a OutgoingMessage,
    ) -> SendFuture<'a> {
        Box::pin(async move { keep(&mut **tx, message, self.clock.now()).await })
    }
}

/// Stores a message in the dev outbox.
async fn keep<'e>(
    db: impl sqlx::Executor<'e, Database = crate::db::Db>,
    message: &OutgoingMessage,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), SendError> {
    let channel = match message.channel {
        Channel::Email => "email",
        Channel::Sms => "sms",
    };
    tracing::info!(
        channel,
        kind = message.kind.key(),
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
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}
