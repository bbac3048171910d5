//! The development outbox: messages the demo server "sent", readable in demo mode only.

use serde::{Deserialize, Serialize};

/// How a message reaches a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// An e-mail message.
    Email,
    /// A text message to a mobile number.
    Sms,
}

/// One message the development sender kept instead of delivering it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxMessage {
    /// Increasing message number.
    pub id: i64,
    /// E-mail or SMS.
    pub channel: Channel,
    /// The e-mail address or mobile number.
    pub to: String,
    /// The subject line (e-mail only).
    pub subject: Option<String>,
    /// The message text.
    pub body: String,
    /// When it was sent, RFC 3339.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub sent_at: String,
}

/// A page of outbox messages, newest first (`GET /dev/outbox`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxPage {
    /// The messages on this page.
    pub items: Vec<OutboxMessage>,
    /// Pass as `cursor` for older messages; absent on the last page.
    pub next_cursor: Option<String>,
}

/// Moves the demo server's clock forward (`POST /dev/clock`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClockAdvance {
    /// Whole days, 1 to 3650.
    pub days: u32,
}

/// The demo server's time after moving its clock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClockNow {
    /// The server's time, RFC 3339.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub now: String,
}
