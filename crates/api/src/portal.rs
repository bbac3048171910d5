//! A client's portal as one account may use it: role, rights and state.

use serde::{Deserialize, Serialize};

/// Which part of a portal someone may use. The administrator holds all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Rights {
    /// Read the care plan.
    pub care_plan: bool,
    /// Read the progress reports.
    pub reports: bool,
    /// See photos.
    pub photos_view: bool,
    /// Add photos.
    pub photos_add: bool,
    /// Read notes.
    pub notes_view: bool,
    /// Write notes.
    pub notes_add: bool,
}

impl Rights {
    /// Every right (the administrator's).
    pub const ALL: Rights = Rights {
        care_plan: true,
        reports: true,
        photos_view: true,
        photos_add: true,
        notes_view: true,
        notes_add: true,
    };
}

/// The role someone has in a portal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PortalRole {
    /// The client or their legal representative: manages the portal.
    Administrator,
    /// Someone from the client's circle, with the rights the administrator gave.
    Contact,
}

/// Whether a portal can be used now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PortalState {
    /// In use.
    Active,
    /// Suspended by the organisation (see `state_reason`).
    Suspended,
    /// Access ended: care ended, the portal was ended, or the person left or was removed.
    Ended,
}

/// One portal of the account, usable or not (`GET /portals`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortalSummary {
    /// The client's id; the portal's address in the API.
    pub client_id: i64,
    /// The client's first name and family name.
    pub client_name: String,
    /// The account's role here.
    pub role: PortalRole,
    /// For the administrator: `client` or `representative`; for a contact the relation,
    /// e.g. "Moeder".
    pub relation: String,
    /// What the account may do here.
    pub rights: Rights,
    /// Whether it can be used now.
    pub state: PortalState,
    /// For a suspension, the organisation's reason.
    pub state_reason: Option<String>,
}

/// Confirms ending the portal (`POST /portals/{client_id}/end`). All access to it ends;
/// the data is kept as the law requires.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EndPortalRequest {
    /// Must be true: the person confirmed the consequence.
    pub confirm: bool,
}

/// How many items arrived in each section since the reader last opened it ("new since
/// your last visit"). A section the reader has no right to is absent; one they never
/// opened counts nothing, as its list marks nothing new on a first visit either. The
/// reader's own photos and notes never count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewCounts {
    /// New progress reports (absent without the reports right).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reports: Option<u32>,
    /// New photos (absent without the right to see photos).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photos: Option<u32>,
    /// New notes (absent without the right to read notes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<u32>,
}
