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

/// The second step of signing in or re-authenticating: a one-time code was sent by SMS
/// (confirm it with the attempt token), or, for an account whose only second factor is
/// a passkey, no code was sent and the passkey finishes the attempt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CodeChallenge {
    /// Opaque token of this attempt; the code only works together with it.
    pub attempt: String,
    /// The last two digits of the mobile number the code went to, e.g. `•• 78` (empty
    /// when no code was sent).
    pub mobile_hint: String,
    /// When the code stops working, RFC 3339.
    pub expires_at: Timestamp,
    /// Seconds before another code may be requested.
    pub resend_after_seconds: u32,
    /// The account has a passkey, which may be used instead of the code.
    #[serde(default)]
    pub passkey: bool,
    /// Whether a code was sent. Not for an account without a verified mobile number
    /// (its second factor is a passkey): then only the passkey finishes the attempt,
    /// and asking for another code is refused (`no-mobile-number`).
    #[serde(default = "code_sent_default")]
    pub code_sent: bool,
}

/// Servers from before `code_sent` always sent a code.
fn code_sent_default() -> bool {
    true
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
    /// Staff reset this account's second factor (a lost phone): a new mobile number
    /// must be set up (`POST /account/mobile`) before anything else works.
    #[serde(default)]
    pub second_factor_required: bool,
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

/// What happened to an account's sign-in, as its security log names it. The app shows
/// each kind in plain words; the server stores the same key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum AccountEventKind {
    /// The e-mail address was changed.
    EmailChanged,
    /// The mobile number was changed.
    MobileChanged,
    /// The password was changed while signed in.
    PasswordChanged,
    /// The password was set again through a reset link.
    PasswordReset,
    /// Staff reset the second factor (a lost phone), after checking who the person is.
    SecondFactorReset,
    /// A sign-in provider (OpenID Connect) was linked to the account.
    ProviderLinked,
    /// A sign-in provider link was removed.
    ProviderUnlinked,
    /// A passkey was added.
    PasskeyAdded,
    /// A passkey was removed.
    PasskeyRemoved,
    /// Signing in was paused after too many wrong codes.
    SignInPaused,
    /// A session was ended from account settings.
    SessionEnded,
    /// The account was deleted by its owner.
    AccountDeleted,
}

impl AccountEventKind {
    /// Every kind, in declaration order.
    pub const ALL: [AccountEventKind; 12] = [
        AccountEventKind::EmailChanged,
        AccountEventKind::MobileChanged,
        AccountEventKind::PasswordChanged,
        AccountEventKind::PasswordReset,
        AccountEventKind::SecondFactorReset,
        AccountEventKind::ProviderLinked,
        AccountEventKind::ProviderUnlinked,
        AccountEventKind::PasskeyAdded,
        AccountEventKind::PasskeyRemoved,
        AccountEventKind::SignInPaused,
        AccountEventKind::SessionEnded,
        AccountEventKind::AccountDeleted,
    ];

    /// The key stored in the database and sent in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountEventKind::EmailChanged => "email-changed",
            AccountEventKind::MobileChanged => "mobile-changed",
            AccountEventKind::PasswordChanged => "password-changed",
            AccountEventKind::PasswordReset => "password-reset",
            AccountEventKind::SecondFactorReset => "second-factor-reset",
            AccountEventKind::ProviderLinked => "provider-linked",
            AccountEventKind::ProviderUnlinked => "provider-unlinked",
            AccountEventKind::PasskeyAdded => "passkey-added",
            AccountEventKind::PasskeyRemoved => "passkey-removed",
            AccountEventKind::SignInPaused => "sign-in-paused",
            AccountEventKind::SessionEnded => "session-ended",
            AccountEventKind::AccountDeleted => "account-deleted",
        }
    }

    /// The kind with this key.
    pub fn parse(key: &str) -> Option<AccountEventKind> {
        AccountEventKind::ALL
            .into_iter()
            .find(|k| k.as_str() == key)
    }
}
