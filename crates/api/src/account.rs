//! Keeping an account safe (issue 18): proving password and second factor again before
//! a change of the sign-in details, changing the e-mail address and password, the
//! account's security log, its sessions, a second factor reset by staff after a lost
//! phone, and deleting the account.

use serde::{Deserialize, Serialize};

use crate::auth::{AccountEventKind, CodeChallenge, SessionInfo};
use crate::time::Timestamp;

/// What step 1 of signing in leads to: normally a code to the verified mobile number;
/// for an account whose second factor staff reset (a lost phone), a session that can
/// only set up a new number ([`SessionInfo::second_factor_required`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum SignInStep {
    /// A code went to the verified mobile number: confirm it.
    Code(CodeChallenge),
    /// Signed in with the password alone; a new number must be set up first.
    SecondFactorSetup(SessionInfo),
}

/// Step 1 of re-authenticating while signed in: the password
/// (`POST /account/reauthentication`); a code then goes to the verified mobile number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReauthenticationRequest {
    /// The account's password.
    pub password: String,
}

/// The session proved password and second factor again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reauthenticated {
    /// Until when the e-mail address, mobile number and password may be changed
    /// without proving them again (5 minutes), RFC 3339.
    pub valid_until: Timestamp,
}

/// A new e-mail address (`POST /account/email`); it counts once the link sent to it is
/// opened. Needs a recent re-authentication.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangeEmailRequest {
    /// The new e-mail address.
    pub email: String,
}

/// Confirms a new e-mail address with the token of the link sent to it
/// (`POST /account/email/confirm`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EmailChangeConfirmation {
    /// The token from the link.
    pub token: String,
}

/// A new password while signed in (`POST /account/password`). Needs a recent
/// re-authentication.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    /// The new password: at least 12 characters, not a common password.
    pub password: String,
}

/// One entry of the account's security log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountEvent {
    /// The entry's id.
    pub id: i64,
    /// What happened.
    pub kind: AccountEventKind,
    /// Whether a member of the organisation's staff did it (a second factor reset),
    /// not the person themselves.
    pub by_staff: bool,
    /// When, RFC 3339.
    pub occurred_at: Timestamp,
}

crate::paging::page_query!(
    /// The query of `GET /account/events`.
    AccountEventsQuery, "Events per page, 1 to 100 (default 30)", default = 30, max = 100
);

/// One session of the account that has not ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActiveSession {
    /// The session's id (not its secret).
    pub id: i64,
    /// Whether this is the session of the request itself.
    pub current: bool,
    /// The browser, as its User-Agent names it (`Firefox`, `Chrome`, `Safari`, `Edge`),
    /// if known.
    pub browser: Option<String>,
    /// The device's system (`Android`, `iPhone`, `Windows`, …), if known.
    pub device: Option<String>,
    /// Where the sign-in came from, coarsely: the network address with its last part
    /// hidden (`192.0.2.x`), if known.
    pub address: Option<String>,
    /// When the person signed in, RFC 3339.
    pub started_at: Timestamp,
    /// When the session was last used, RFC 3339.
    pub last_used_at: Timestamp,
}

crate::paging::page_query!(
    /// The query of `GET /account/sessions`.
    ActiveSessionsQuery, "Sessions per page, 1 to 100 (default 30)", default = 30, max = 100
);

/// An organisation administrator resets a staff member's second factor after a lost
/// phone, having checked who they are outside the portal
/// (`POST /staff/members/{staff_id}/second-factor-reset`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SecondFactorResetRequest {
    /// Why, and how the person was checked (kept in the logs), 1 to 500 characters.
    pub reason: String,
}

/// A care professional of the client's team resets the second factor of someone with
/// access to the client's portal (the administrator, a representative or a contact),
/// having checked who they are outside the portal
/// (`POST /staff/clients/{client_id}/second-factor-reset`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PortalSecondFactorReset {
    /// The e-mail address of the person's account.
    pub email: String,
    /// Why, and how the person was checked (kept in the logs), 1 to 500 characters.
    pub reason: String,
}

/// Deletes one's own account (`POST /account/deletion`). Needs a recent
/// re-authentication.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AccountDeletionRequest {
    /// Must be `true`: the person confirmed they want to delete their account.
    pub confirm: bool,
}
