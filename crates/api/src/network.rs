//! The client's circle (network): contacts, their rights, invitations and accepting them.

use serde::{Deserialize, Serialize};

use crate::time::Timestamp;

use crate::auth::CodeChallenge;
use crate::portal::Rights;
use crate::text::Language;

/// How long an invitation link works, in days.
pub const INVITATION_DAYS: i64 = 7;
/// The longest name of a contact, in characters.
pub const NAME_MAX_CHARS: usize = 100;
/// The longest relation ("Moeder", "Buurman"), in characters.
pub const RELATION_MAX_CHARS: usize = 50;

/// Where a contact stands in the circle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContactStatus {
    /// Invited; has not accepted yet.
    Invited,
    /// Uses the portal with the rights given.
    Active,
    /// Left the circle themselves.
    Left,
    /// Removed by the administrator.
    Removed,
}

/// Someone in the client's circle (`GET /portals/{client_id}/network`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NetworkContact {
    /// The contact's id in this circle.
    pub id: i64,
    /// Their name.
    pub name: String,
    /// Their e-mail address.
    pub email: String,
    /// How they relate to the client, e.g. "Moeder", "Mentor".
    pub relation: String,
    /// Active, left or removed.
    pub status: ContactStatus,
    /// What they may see and do.
    pub rights: Rights,
    /// Since when they are in the circle, RFC 3339.
    pub since: Timestamp,
    /// When they last used the portal, RFC 3339; absent if never.
    pub last_active_at: Option<Timestamp>,
}

/// An invitation that has not been accepted yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invitation {
    /// The invitation's id.
    pub id: i64,
    /// The invitee's name.
    pub name: String,
    /// The address the link was sent to.
    pub email: String,
    /// How they relate to the client.
    pub relation: String,
    /// The rights they get when they accept.
    pub rights: Rights,
    /// The language of the invitation e-mail.
    pub language: Language,
    /// Whether they may accept with another e-mail address than this one.
    pub allow_other_email: bool,
    /// When the newest link was sent, RFC 3339.
    pub sent_at: Timestamp,
    /// When the link stops working, RFC 3339.
    pub expires_at: Timestamp,
    /// The link has expired; resend it to try again.
    pub expired: bool,
}

/// The whole circle: contacts (every status) and open invitations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Network {
    /// Contacts, active first, then by name.
    pub contacts: Vec<NetworkContact>,
    /// Invitations not yet accepted or withdrawn, newest first.
    pub invitations: Vec<Invitation>,
}

/// Invite someone (`POST /portals/{client_id}/network/invitations`). Nobody gets a
/// right unless it is chosen here (R7).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewInvitation {
    /// The invitee's name (1 to 100 characters).
    pub name: String,
    /// Where the link goes.
    pub email: String,
    /// How they relate to the client (1 to 50 characters).
    pub relation: String,
    /// The rights they get when they accept.
    pub rights: Rights,
    /// The language of the invitation e-mail.
    pub language: Language,
    /// Allow accepting with another e-mail address (the link still goes to `email`).
    #[serde(default)]
    pub allow_other_email: bool,
}

/// Change a contact (`PATCH /portals/{client_id}/network/contacts/{contact_id}`).
/// Takes effect on the contact's very next request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ContactChange {
    /// New rights, if they change.
    #[serde(default)]
    pub rights: Option<Rights>,
    /// New relation, if it changes.
    #[serde(default)]
    pub relation: Option<String>,
}

/// A contact leaves a circle themselves (`POST /portals/{client_id}/leave`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LeaveCircleRequest {
    /// Must be true: the person confirmed they want to leave.
    pub confirm: bool,
}

/// The token from an invitation link (`POST /invitations/lookup`, `POST /invitations/accept`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InvitationToken {
    /// The token after `#` in the link.
    pub token: String,
}

/// What an invitation link is for, shown before accepting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationDetails {
    /// The client whose circle this is.
    pub client_name: String,
    /// Who invited (the portal's administrator).
    pub invited_by: String,
    /// The invitee's name as the administrator wrote it.
    pub name: String,
    /// The address the invitation was sent to.
    pub email: String,
    /// The relation the administrator recorded.
    pub relation: String,
    /// The rights that come with it.
    pub rights: Rights,
    /// The invitation's language.
    pub language: Language,
    /// Whether another e-mail address than `email` may be used.
    pub allow_other_email: bool,
    /// When the link stops working, RFC 3339.
    pub expires_at: Timestamp,
}

/// Accept an invitation by creating an account (`POST /invitations/register`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InvitationRegistration {
    /// The token after `#` in the link.
    pub token: String,
    /// The name to show in the portal.
    pub name: String,
    /// The invited address, or another one if the administrator allowed it.
    pub email: String,
    /// The mobile number for the sign-in codes.
    pub mobile: String,
    /// The new password (at least 12 characters). Not needed with another address: the
    /// password is chosen after opening the link sent there.
    #[serde(default)]
    pub password: Option<String>,
    /// The language for the portal and its messages.
    pub language: Language,
}

/// What happens next after [`InvitationRegistration`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "next", rename_all = "snake_case")]
pub enum RegistrationNext {
    /// Enter the SMS code at `POST /activation/code`; the invited address needs no
    /// further proof, the link did that.
    Code(CodeChallenge),
    /// Another address: open the activation link sent there to prove it, then choose
    /// the password.
    EmailLink {
        /// Where the link went.
        email: String,
    },
}
