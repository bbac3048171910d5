//! Sending messages to people (activation links, one-time codes) through a sender
//! interface, [`MessageSender`].
//!
//! - A production server queues every message in the database ([`DurableOutbox`]) and
//!   its [`Worker`] delivers them: e-mail over SMTP ([`SmtpSender`]), text messages
//!   through an HTTP gateway ([`SmsSender`]). It does not start without both.
//! - A demo server keeps them in a dev outbox ([`DevOutbox`]), readable through the API
//!   in demo mode only (`dev`), so every flow works on one machine.
//!
//! Neither ever writes a message's text (a code, a link) to the log.

mod email;
pub mod limits;
mod queue;
mod sender;
mod sms;
mod worker;

use std::sync::Arc;

pub use email::{html_version, EmailSettingsError, SmtpSender};
pub use queue::{channel_key, queue, retry, undelivered, DurableOutbox, UndeliveredRow};
pub use sender::{DevOutbox, MessageKind, MessageSender, OutgoingMessage, SendError};
pub use sms::{SmsGateway, SmsSender, SmsSettingsError, CM_ENDPOINT};
pub use worker::{
    backoff, DeliveryError, DeliveryFuture, QueuedMessage, Round, Transport, Worker, MAX_ATTEMPTS,
};

/// Which SMS gateway format to speak.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GatewayFormat {
    /// CM.com's Business Messaging API.
    Cm,
    /// A plain JSON webhook.
    Webhook,
}

/// How a production server delivers messages, as configured.
#[derive(Clone, Debug, Default)]
pub struct DeliverySettings {
    /// `KRING_SMTP_URL`.
    pub smtp_url: Option<String>,
    /// `KRING_MAIL_FROM`.
    pub mail_from: Option<String>,
    /// `KRING_SMTP_CA_FILE`: a certificate authority to trust for the SMTP server.
    pub smtp_ca_file: Option<std::path::PathBuf>,
    /// `KRING_SMS_GATEWAY`.
    pub sms_gateway: Option<GatewayFormat>,
    /// `KRING_SMS_URL` (for CM.com: its endpoint by default).
    pub sms_url: Option<String>,
    /// `KRING_SMS_TOKEN`.
    pub sms_token: Option<String>,
    /// `KRING_SMS_SENDER`.
    pub sms_sender: Option<String>,
}

/// Why a production server cannot deliver messages.
#[derive(Debug, thiserror::Error)]
pub enum DeliverySetUpError {
    /// Settings are missing.
    #[error(
        "a production server needs its public address and an e-mail and an SMS sender, \
         and these settings are missing: {}. See \"Running in production\" in the README \
         (or start with --demo to try the portal)",
        .0.join(", ")
    )]
    Missing(Vec<&'static str>),
    /// The e-mail settings are wrong.
    #[error(transparent)]
    Email(#[from] EmailSettingsError),
    /// The SMS settings are wrong.
    #[error(transparent)]
    Sms(#[from] SmsSettingsError),
}

/// The two transports, e-mail and SMS.
pub struct Transports {
    /// SMTP.
    pub email: Arc<dyn Transport>,
    /// The SMS gateway.
    pub sms: Arc<dyn Transport>,
}

impl DeliverySettings {
    /// The settings a production server needs that are not given.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.smtp_url.is_none() {
            missing.push("KRING_SMTP_URL (--smtp-url)");
        }
        if self.mail_from.is_none() {
            missing.push("KRING_MAIL_FROM (--mail-from)");
        }
        match self.sms_gateway {
            None => missing.push("KRING_SMS_GATEWAY (--sms-gateway: cm or webhook)"),
            Some(GatewayFormat::Cm) => {
                if self.sms_token.is_none() {
                    missing.push("KRING_SMS_TOKEN (--sms-token, CM.com's product token)");
                }
                if self.sms_sender.is_none() {
                    missing.push("KRING_SMS_SENDER (--sms-sender)");
                }
            }
            Some(GatewayFormat::Webhook) => {
                if self.sms_url.is_none() {
                    missing.push("KRING_SMS_URL (--sms-url)");
                }
            }
        }
        missing
    }

    /// The transports these settings describe, or every missing setting at once.
    pub fn transports(&self) -> Result<Transports, DeliverySetUpError> {
        let missing = self.missing();
        let (Some(smtp_url), Some(mail_from), Some(format), true) = (
            self.smtp_url.as_deref(),
            self.mail_from.as_deref(),
            self.sms_gateway,
            missing.is_empty(),
        ) else {
            return Err(DeliverySetUpError::Missing(missing));
        };
        let ca = match &self.smtp_ca_file {
            Some(path) => Some(std::fs::read(path).map_err(|e| {
                EmailSettingsError::CaFile(format!("cannot read {}: {e}", path.display()))
            })?),
            None => None,
        };
        let email = SmtpSender::new(smtp_url, mail_from, ca.as_deref())?;
        let gateway = match format {
            GatewayFormat::Cm => SmsGateway::Cm {
                endpoint: self
                    .sms_url
                    .clone()
                    .unwrap_or_else(|| CM_ENDPOINT.to_owned()),
                token: self.sms_token.clone().unwrap_or_default(),
                sender: self.sms_sender.clone().unwrap_or_default(),
            },
            GatewayFormat::Webhook => SmsGateway::Webhook {
                endpoint: self.sms_url.clone().unwrap_or_default(),
                token: self.sms_token.clone(),
            },
        };
        Ok(Transports {
            email: Arc::new(email),
            sms: Arc::new(SmsSender::new(gateway)?),
        })
    }
}

#[cfg(test)]
mod limits_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod worker_tests;
