//! Accounts, two-step sign-in, sessions, activation and password reset.

use serde::{Deserialize, Serialize};

use crate::time::Timestamp;

use crate::portal::PortalSummary;
use crate::text::Language;

/// Step 1 of signing in: e-mail address and password (`POST /auth/sign-in`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignInRequest {
    /// The e-mail address of the account.
    pub email: String,
    /// The password.
    pub password: String,
}

/// A one-time code was sent by SMS; confirm it with the attempt token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CodeChallenge {
    /// Opaque token of this attempt; the code only works together with it.
    pub attempt: String,
    /// The last two digits of the mobile number the code went to, e.g. `•• 78`.
    pub mobile_hint: String,
    /// When the code stops working, RFC 3339.
    pub expires_at: Timestamp,
    /// Seconds before another code may be requested.
    pub resend_after_seconds: u32,
}

/// Step 2: the code from the SMS (`POST /auth/sign-in/code`, `POST /activation/code`,
/// `POST /account/mobile/code`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CodeConfirmation {
    /// The attempt token from the [`CodeChallenge`].
    pub attempt: String,
    /// The six digits from the SMS.
    pub code: String,
}

/// Asks for a new code for the same attempt (`POST /auth/code/resend`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResendCodeRequest {
    /// The attempt token.
    pub attempt: String,
}

/// The signed-in person and their session (`GET /session`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    /// The account.
    pub account: AccountInfo,
    /// Seconds of inactivity after which the session ends.
    pub idle_timeout_seconds: u32,
    /// When the session ends without further activity, RFC 3339.
    pub idle_expires_at: Timestamp,
    /// When the session ends at the latest, RFC 3339.
    pub absolute_expires_at: Timestamp,
    /// Whether the person accepted the terms in force.
    pub terms: TermsStatus,
    /// The portals this account may use (empty until the terms are accepted).
    pub portals: Vec<PortalSummary>,
    /// For the organisation's staff: their role and team. Absent for everyone else.
    #[serde(default)]
    pub staff: Option<crate::staff::StaffInfo>,
}

/// Who is signed in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountInfo {
    /// The person's name.
    pub name: String,
    /// Their e-mail address.
    pub email: String,
    /// The last two digits of their verified mobile number, e.g. `•• 78`.
    pub mobile_hint: String,
    /// The language messages are sent in.
    pub language: Language,
}

/// The terms in force and whether this account accepted them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TermsStatus {
    /// The version in force.
    pub current_version: Option<u32>,
    /// The newest version this account accepted.
    pub accepted_version: Option<u32>,
    /// Whether the version in force is accepted (true when no terms exist).
    pub accepted: bool,
}

/// Looks up an activation link (`POST /activation/lookup`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ActivationLookup {
    /// The token from the activation link.
    pub token: String,
}

/// What an activation link is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivationInfo {
    /// The name of the person the account is for.
    pub name: String,
    /// Their e-mail address.
    pub email: String,
    /// The last two digits of the mobile number the code will go to.
    pub mobile_hint: String,
    /// When the link stops working, RFC 3339.
    pub expires_at: Timestamp,
}

/// Sets the password of a new account (`POST /activation`); a code then goes to the
/// mobile number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ActivationRequest {
    /// The token from the activation link.
    pub token: String,
    /// The new password: at least 12 characters, not a common password.
    pub password: String,
}

/// Asks for a password reset link by e-mail (`POST /auth/password-reset`). The answer is
/// the same whether or not the address has an account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    /// The e-mail address.
    pub email: String,
}

/// Sets a new password with the link's token (`POST /auth/password-reset/complete`).
/// Signing in afterwards still takes the SMS code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordResetCompletion {
    /// The token from the e-mail link.
    pub token: String,
    /// The new password.
    pub password: String,
}

/// Changes the mobile number; it counts only after its code is confirmed
/// (`POST /account/mobile`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangeMobileRequest {
    /// The new mobile number, e.g. `06 12345678` or `+31612345678`.
    pub mobile: String,
}

/// A request accepted without further content (`202`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Accepted {
    /// Always true.
    pub accepted: bool,
}
