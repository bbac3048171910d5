//! The development outbox: messages the demo server "sent", readable in demo mode only.

use serde::{Deserialize, Serialize};

use crate::time::Timestamp;

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
    pub sent_at: Timestamp,
}

/// The query of `GET /dev/outbox`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct OutboxQuery {
    /// `next_cursor` of the previous page
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<crate::paging::Cursor>,
    /// Messages per page, 1 to 100 (default 20)
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Only messages to this e-mail address or number
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

impl OutboxQuery {
    /// The page sizes of this list.
    pub const BOUNDS: crate::paging::PageBounds = crate::paging::PageBounds {
        default: 20,
        max: 100,
    };
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
    pub now: Timestamp,
}
