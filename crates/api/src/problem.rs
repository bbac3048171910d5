//! Errors as RFC 9457 problem details (`application/problem+json`).
//!
//! `code` is the stable, machine-readable reason; clients switch on it. `title` and
//! `detail` are the human message in the language the request asked for
//! (`Accept-Language`, Dutch by default). The reference server takes them from the same
//! texts the Kring app shows for each code (`locales/*.json`, `problem.<code>`), so a
//! client may show `detail` as it is; the app shows its own copy of that text, and the
//! server's only where it names a fact of this occurrence (the tries left, the wait).

use serde::{Deserialize, Serialize};

/// The media type of a problem response.
pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// Why a request failed. The kebab-case names are stable: they never change meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ProblemCode {
    /// No such resource, or it is not yours to see.
    NotFound,
    /// The path exists but not with this HTTP method.
    MethodNotAllowed,
    /// The body is not valid JSON.
    MalformedJson,
    /// The body is JSON but not the expected shape (a wrong type, a missing or unknown field).
    InvalidBody,
    /// A path or query parameter is not valid.
    InvalidParameter,
    /// The body is not sent as `application/json`.
    UnsupportedMediaType,
    /// The body is larger than this endpoint accepts.
    BodyTooLarge,
    /// Too many requests; try again later (see `Retry-After`).
    RateLimited,
    /// The server took too long to answer.
    Timeout,
    /// Something went wrong on the server; nothing was changed.
    Internal,
    /// Not signed in, or the session is unknown.
    Unauthenticated,
    /// The session ended after inactivity or its maximum length; sign in again.
    SessionExpired,
    /// A state-changing request without the app's header or from another origin.
    CsrfRejected,
    /// The e-mail address and password do not match an account that can sign in.
    InvalidCredentials,
    /// The code is wrong; the attempt still has tries left.
    CodeInvalid,
    /// The code expired, was used, or had too many wrong tries; start again.
    CodeExpired,
    /// The link is not (or no longer) known.
    LinkInvalid,
    /// The link is past its time limit.
    LinkExpired,
    /// The link was used already; links work once.
    LinkUsed,
    /// The new password has fewer than 12 characters.
    PasswordTooShort,
    /// The new password is too common or too easy to guess.
    PasswordTooCommon,
    /// That is not an e-mail address.
    EmailInvalid,
    /// That is not a mobile number.
    MobileInvalid,
    /// Accept the terms in force first.
    TermsNotAccepted,
    /// The organisation suspended this account; see `reason`.
    AccountSuspended,
    /// This account no longer has access.
    AccountEnded,
    /// The organisation suspended this portal; see `reason`.
    PortalSuspended,
    /// Access to this portal ended (care ended, removed, or left).
    AccessEnded,
    /// The administrator ended this portal.
    PortalEnded,
    /// Signed in, but this is not yours to do.
    Forbidden,
    /// This portal already has an administrator.
    AdministratorExists,
    /// A legal representative needs the recorded basis of representation.
    RepresentationBasisRequired,
    /// This needs an explicit confirmation.
    ConfirmationRequired,
    /// Only the version in force can be accepted.
    TermsVersionNotCurrent,
    /// This invitation is for another e-mail address.
    InvitationOtherEmail,
    /// This person is in the circle already (or has an open invitation).
    AlreadyInCircle,
    /// An account with this e-mail address exists: sign in to accept.
    AccountExists,
    /// The time to edit this note has passed.
    EditWindowClosed,
    /// A text is longer than allowed.
    TextTooLong,
    /// The file is not a JPEG, PNG or WebP image (by its content, whatever its name).
    NotAPhoto,
    /// The image has more pixels than allowed.
    PhotoTooManyPixels,
    /// The image is damaged or cannot be read.
    PhotoUnreadable,
    /// The storage for files is not available now; nothing was stored.
    StorageUnavailable,
    /// The database cannot be reached or is busy for too long; nothing changed. Try
    /// again in a moment.
    DatabaseUnavailable,
    /// The client number is empty or longer than 32 characters.
    ClientNumberInvalid,
    /// Another client of the organisation has this client number.
    ClientNumberTaken,
    /// A first or family name is empty or longer than 100 characters.
    ClientNameInvalid,
    /// The date of birth is in the future or before 1900.
    DateOfBirthInvalid,
    /// The start of care is before the date of birth, or after the recorded end of care.
    CareStartInvalid,
    /// The organisation has no such team.
    TeamUnknown,
    /// The personal counsellor is not a member of staff of the client's team.
    CounsellorNotInTeam,
    /// Another team of the organisation has this name.
    TeamNameTaken,
    /// That is not a phone number that can be called (short numbers such as 112 are not a team's number).
    PhoneInvalid,
    /// Someone in the organisation already uses this e-mail address.
    EmailTaken,
    /// A care professional or team lead belongs to a team: choose one.
    TeamRequired,
    /// An administrator cannot end their own staff account or take away their own administrator role.
    OwnAccount,
    /// This staff member's account was ended; it cannot be changed any more.
    StaffMemberEnded,
    /// A colour is not written as `#rrggbb`.
    ColourInvalid,
    /// Text in the header's text colour on its main colour has a contrast below 4.5 to 1 (WCAG AA).
    ContrastTooLow,
    /// The logo is not a plain SVG image: not XML, not SVG, or with scripts, event handlers, embedded pages or references to other files.
    LogoInvalid,
    /// That is not a phone number.
    /// Portal data is kept at least 15 years after the care ended (the WGBO asks 20).
    RetentionTooShort,
    /// A number of days in the settings is outside what is allowed.
    SettingOutOfRange,
    /// Too many messages (codes, e-mails) went to this number or address lately;
    /// nothing was sent. Try again later (see `Retry-After`).
    TooManyMessages,
    /// The import file is not a CSV text file (UTF-8) that can be read.
    ImportNotCsv,
    /// The import file's first line lacks columns the import needs.
    ImportColumnsMissing,
    /// The import file has more lines than one import takes.
    ImportTooManyLines,
    /// The import file has no lines with data below its column names.
    ImportEmpty,
    /// The same client number or e-mail address is on an earlier line of the file.
    ImportDuplicateLine,
    /// The end of care cannot be read, or lies before the start of care.
    CareEndInvalid,
    /// The role is not one of the staff roles.
    RoleUnknown,
    /// Changing the e-mail address, mobile number or password (or deleting the account)
    /// needs the password and a code again, within the last 5 minutes.
    ReauthenticationRequired,
    /// Staff reset the second factor (a lost phone): a new mobile number must be set up
    /// before anything else.
    SecondFactorRequired,
    /// The passkey could not be checked: it is not one of this account's passkeys, or
    /// its answer is wrong. On signing in this counts as a wrong code.
    PasskeyInvalid,
    /// The passkey step took too long or was already used; start it again.
    PasskeyExpired,
    /// This is the account's last second factor (the verified mobile number and the
    /// passkeys); it cannot be removed.
    LastSecondFactor,
    /// No code can be sent: the account has no verified mobile number (its second
    /// factor is a passkey).
    NoMobileNumber,
    /// The account has as many passkeys as it may have; remove one first.
    TooManyPasskeys,
    /// The organisation does not allow this way of signing in for this account.
    SignInMethodNotAllowed,
    /// The answer from a provider does not belong to a sign-in started in this browser, or came too late.
    SignInStateInvalid,
    /// The answer from a provider was used already; each sign-in works once.
    SignInStateUsed,
    /// The sign-in at the provider was stopped or refused there.
    ProviderSignInStopped,
    /// The provider's answer failed a check (signature, issuer, audience, expiry or nonce).
    ProviderAnswerInvalid,
    /// This identity at the provider is not linked to an account here.
    ProviderNotLinked,
    /// This identity at the provider is linked to another account.
    ProviderLinkedElsewhere,
    /// The provider cannot be reached now; nothing changed.
    ProviderUnavailable,
    /// Unlinking this provider would leave the account no sign-in method the
    /// organisation allows for it.
    LastSignInMethod,
}

impl ProblemCode {
    /// Every code, for documentation and exhaustive tests.
    pub const ALL: [ProblemCode; 86] = [
        ProblemCode::NotFound,
        ProblemCode::MethodNotAllowed,
        ProblemCode::MalformedJson,
        ProblemCode::InvalidBody,
        ProblemCode::InvalidParameter,
        ProblemCode::UnsupportedMediaType,
        ProblemCode::BodyTooLarge,
        ProblemCode::RateLimited,
        ProblemCode::Timeout,
        ProblemCode::Internal,
        ProblemCode::Unauthenticated,
        ProblemCode::SessionExpired,
        ProblemCode::CsrfRejected,
        ProblemCode::InvalidCredentials,
        ProblemCode::CodeInvalid,
        ProblemCode::CodeExpired,
        ProblemCode::LinkInvalid,
        ProblemCode::LinkExpired,
        ProblemCode::LinkUsed,
        ProblemCode::PasswordTooShort,
        ProblemCode::PasswordTooCommon,
        ProblemCode::EmailInvalid,
        ProblemCode::MobileInvalid,
        ProblemCode::TermsNotAccepted,
        ProblemCode::AccountSuspended,
        ProblemCode::AccountEnded,
        ProblemCode::PortalSuspended,
        ProblemCode::AccessEnded,
        ProblemCode::PortalEnded,
        ProblemCode::Forbidden,
        ProblemCode::AdministratorExists,
        ProblemCode::RepresentationBasisRequired,
        ProblemCode::ConfirmationRequired,
        ProblemCode::TermsVersionNotCurrent,
        ProblemCode::InvitationOtherEmail,
        ProblemCode::AlreadyInCircle,
        ProblemCode::AccountExists,
        ProblemCode::EditWindowClosed,
        ProblemCode::TextTooLong,
        ProblemCode::NotAPhoto,
        ProblemCode::PhotoTooManyPixels,
        ProblemCode::PhotoUnreadable,
        ProblemCode::StorageUnavailable,
        ProblemCode::DatabaseUnavailable,
        ProblemCode::ClientNumberInvalid,
        ProblemCode::ClientNumberTaken,
        ProblemCode::ClientNameInvalid,
        ProblemCode::DateOfBirthInvalid,
        ProblemCode::CareStartInvalid,
        ProblemCode::TeamUnknown,
        ProblemCode::CounsellorNotInTeam,
        ProblemCode::TeamNameTaken,
        ProblemCode::PhoneInvalid,
        ProblemCode::EmailTaken,
        ProblemCode::TeamRequired,
        ProblemCode::OwnAccount,
        ProblemCode::StaffMemberEnded,
        ProblemCode::ColourInvalid,
        ProblemCode::ContrastTooLow,
        ProblemCode::LogoInvalid,
        ProblemCode::RetentionTooShort,
        ProblemCode::SettingOutOfRange,
        ProblemCode::TooManyMessages,
        ProblemCode::ImportNotCsv,
        ProblemCode::ImportColumnsMissing,
        ProblemCode::ImportTooManyLines,
        ProblemCode::ImportEmpty,
        ProblemCode::ImportDuplicateLine,
        ProblemCode::CareEndInvalid,
        ProblemCode::RoleUnknown,
        ProblemCode::ReauthenticationRequired,
        ProblemCode::SecondFactorRequired,
        ProblemCode::PasskeyInvalid,
        ProblemCode::PasskeyExpired,
        ProblemCode::LastSecondFactor,
        ProblemCode::NoMobileNumber,
        ProblemCode::TooManyPasskeys,
        ProblemCode::SignInMethodNotAllowed,
        ProblemCode::SignInStateInvalid,
        ProblemCode::SignInStateUsed,
        ProblemCode::ProviderSignInStopped,
        ProblemCode::ProviderAnswerInvalid,
        ProblemCode::ProviderNotLinked,
        ProblemCode::ProviderLinkedElsewhere,
        ProblemCode::ProviderUnavailable,
        ProblemCode::LastSignInMethod,
    ];

    /// The code with this kebab-case name (as [`ProblemCode::as_str`] gives it), if any.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|code| code.as_str() == name)
    }

    /// The kebab-case name, as it appears in `code`.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemCode::NotFound => "not-found",
            ProblemCode::MethodNotAllowed => "method-not-allowed",
            ProblemCode::MalformedJson => "malformed-json",
            ProblemCode::InvalidBody => "invalid-body",
            ProblemCode::InvalidParameter => "invalid-parameter",
            ProblemCode::UnsupportedMediaType => "unsupported-media-type",
            ProblemCode::BodyTooLarge => "body-too-large",
            ProblemCode::RateLimited => "rate-limited",
            ProblemCode::TooManyMessages => "too-many-messages",
            ProblemCode::Timeout => "timeout",
            ProblemCode::Internal => "internal",
            ProblemCode::Unauthenticated => "unauthenticated",
            ProblemCode::SessionExpired => "session-expired",
            ProblemCode::CsrfRejected => "csrf-rejected",
            ProblemCode::InvalidCredentials => "invalid-credentials",
            ProblemCode::CodeInvalid => "code-invalid",
            ProblemCode::CodeExpired => "code-expired",
            ProblemCode::LinkInvalid => "link-invalid",
            ProblemCode::LinkExpired => "link-expired",
            ProblemCode::LinkUsed => "link-used",
            ProblemCode::PasswordTooShort => "password-too-short",
            ProblemCode::PasswordTooCommon => "password-too-common",
            ProblemCode::EmailInvalid => "email-invalid",
            ProblemCode::MobileInvalid => "mobile-invalid",
            ProblemCode::TermsNotAccepted => "terms-not-accepted",
            ProblemCode::AccountSuspended => "account-suspended",
            ProblemCode::AccountEnded => "account-ended",
            ProblemCode::PortalSuspended => "portal-suspended",
            ProblemCode::AccessEnded => "access-ended",
            ProblemCode::PortalEnded => "portal-ended",
            ProblemCode::Forbidden => "forbidden",
            ProblemCode::AdministratorExists => "administrator-exists",
            ProblemCode::RepresentationBasisRequired => "representation-basis-required",
            ProblemCode::ConfirmationRequired => "confirmation-required",
            ProblemCode::TermsVersionNotCurrent => "terms-version-not-current",
            ProblemCode::InvitationOtherEmail => "invitation-other-email",
            ProblemCode::AlreadyInCircle => "already-in-circle",
            ProblemCode::AccountExists => "account-exists",
            ProblemCode::EditWindowClosed => "edit-window-closed",
            ProblemCode::TextTooLong => "text-too-long",
            ProblemCode::NotAPhoto => "not-a-photo",
            ProblemCode::PhotoTooManyPixels => "photo-too-many-pixels",
            ProblemCode::PhotoUnreadable => "photo-unreadable",
            ProblemCode::StorageUnavailable => "storage-unavailable",
            ProblemCode::DatabaseUnavailable => "database-unavailable",
            ProblemCode::ClientNumberInvalid => "client-number-invalid",
            ProblemCode::ClientNumberTaken => "client-number-taken",
            ProblemCode::ClientNameInvalid => "client-name-invalid",
            ProblemCode::DateOfBirthInvalid => "date-of-birth-invalid",
            ProblemCode::CareStartInvalid => "care-start-invalid",
            ProblemCode::TeamUnknown => "team-unknown",
            ProblemCode::CounsellorNotInTeam => "counsellor-not-in-team",
            ProblemCode::TeamNameTaken => "team-name-taken",
            ProblemCode::PhoneInvalid => "phone-invalid",
            ProblemCode::EmailTaken => "email-taken",
            ProblemCode::TeamRequired => "team-required",
            ProblemCode::OwnAccount => "own-account",
            ProblemCode::StaffMemberEnded => "staff-member-ended",
            ProblemCode::ColourInvalid => "colour-invalid",
            ProblemCode::ContrastTooLow => "contrast-too-low",
            ProblemCode::LogoInvalid => "logo-invalid",
            ProblemCode::RetentionTooShort => "retention-too-short",
            ProblemCode::SettingOutOfRange => "setting-out-of-range",
            ProblemCode::ImportNotCsv => "import-not-csv",
            ProblemCode::ImportColumnsMissing => "import-columns-missing",
            ProblemCode::ImportTooManyLines => "import-too-many-lines",
            ProblemCode::ImportEmpty => "import-empty",
            ProblemCode::ImportDuplicateLine => "import-duplicate-line",
            ProblemCode::CareEndInvalid => "care-end-invalid",
            ProblemCode::RoleUnknown => "role-unknown",
            ProblemCode::ReauthenticationRequired => "reauthentication-required",
            ProblemCode::SecondFactorRequired => "second-factor-required",
            ProblemCode::PasskeyInvalid => "passkey-invalid",
            ProblemCode::PasskeyExpired => "passkey-expired",
            ProblemCode::LastSecondFactor => "last-second-factor",
            ProblemCode::NoMobileNumber => "no-mobile-number",
            ProblemCode::TooManyPasskeys => "too-many-passkeys",
            ProblemCode::SignInMethodNotAllowed => "sign-in-method-not-allowed",
            ProblemCode::SignInStateInvalid => "sign-in-state-invalid",
            ProblemCode::SignInStateUsed => "sign-in-state-used",
            ProblemCode::ProviderSignInStopped => "provider-sign-in-stopped",
            ProblemCode::ProviderAnswerInvalid => "provider-answer-invalid",
            ProblemCode::ProviderNotLinked => "provider-not-linked",
            ProblemCode::ProviderLinkedElsewhere => "provider-linked-elsewhere",
            ProblemCode::ProviderUnavailable => "provider-unavailable",
            ProblemCode::LastSignInMethod => "last-sign-in-method",
        }
    }

    /// The problem `type` URI: a URN, stable and not pretending to be a web page.
    pub fn type_uri(self) -> String {
        format!("urn:kring:problem:{}", self.as_str())
    }

    /// The HTTP status that goes with this code.
    pub fn status(self) -> u16 {
        match self {
            ProblemCode::NotFound => 404,
            ProblemCode::MethodNotAllowed => 405,
            ProblemCode::MalformedJson => 400,
            ProblemCode::InvalidBody => 422,
            ProblemCode::InvalidParameter => 400,
            ProblemCode::UnsupportedMediaType => 415,
            ProblemCode::BodyTooLarge => 413,
            ProblemCode::RateLimited | ProblemCode::TooManyMessages => 429,
            ProblemCode::Timeout => 503,
            ProblemCode::Internal => 500,
            ProblemCode::Unauthenticated => 401,
            ProblemCode::SessionExpired => 401,
            ProblemCode::CsrfRejected => 403,
            ProblemCode::InvalidCredentials => 401,
            ProblemCode::CodeInvalid => 400,
            ProblemCode::CodeExpired => 410,
            ProblemCode::LinkInvalid => 404,
            ProblemCode::LinkExpired => 410,
            ProblemCode::LinkUsed => 410,
            ProblemCode::PasswordTooShort => 422,
            ProblemCode::PasswordTooCommon => 422,
            ProblemCode::EmailInvalid => 422,
            ProblemCode::MobileInvalid => 422,
            ProblemCode::TermsNotAccepted => 403,
            ProblemCode::AccountSuspended => 403,
            ProblemCode::AccountEnded => 403,
            ProblemCode::PortalSuspended => 403,
            ProblemCode::AccessEnded => 403,
            ProblemCode::PortalEnded => 403,
            ProblemCode::Forbidden => 403,
            ProblemCode::AdministratorExists => 409,
            ProblemCode::RepresentationBasisRequired => 422,
            ProblemCode::ConfirmationRequired => 422,
            ProblemCode::TermsVersionNotCurrent => 409,
            ProblemCode::InvitationOtherEmail => 403,
            ProblemCode::AlreadyInCircle => 409,
            ProblemCode::AccountExists => 409,
            ProblemCode::EditWindowClosed => 409,
            ProblemCode::TextTooLong => 422,
            ProblemCode::NotAPhoto => 415,
            ProblemCode::PhotoTooManyPixels => 422,
            ProblemCode::PhotoUnreadable => 422,
            ProblemCode::StorageUnavailable => 503,
            ProblemCode::DatabaseUnavailable => 503,
            ProblemCode::ClientNumberInvalid => 422,
            ProblemCode::ClientNumberTaken => 409,
            ProblemCode::ClientNameInvalid => 422,
            ProblemCode::DateOfBirthInvalid => 422,
            ProblemCode::CareStartInvalid => 422,
            ProblemCode::TeamUnknown => 422,
            ProblemCode::CounsellorNotInTeam => 422,
            ProblemCode::TeamNameTaken => 409,
            ProblemCode::PhoneInvalid => 422,
            ProblemCode::EmailTaken => 409,
            ProblemCode::TeamRequired => 422,
            ProblemCode::OwnAccount => 409,
            ProblemCode::StaffMemberEnded => 409,
            ProblemCode::ColourInvalid => 422,
            ProblemCode::ContrastTooLow => 422,
            ProblemCode::LogoInvalid => 422,
            ProblemCode::RetentionTooShort => 422,
            ProblemCode::SettingOutOfRange => 422,
            ProblemCode::ImportNotCsv => 422,
            ProblemCode::ImportColumnsMissing => 422,
            ProblemCode::ImportTooManyLines => 422,
            ProblemCode::ImportEmpty => 422,
            ProblemCode::ImportDuplicateLine => 409,
            ProblemCode::CareEndInvalid => 422,
            ProblemCode::RoleUnknown => 422,
            ProblemCode::ReauthenticationRequired => 403,
            ProblemCode::SecondFactorRequired => 403,
            ProblemCode::PasskeyInvalid => 400,
            ProblemCode::PasskeyExpired => 410,
            ProblemCode::LastSecondFactor => 409,
            ProblemCode::NoMobileNumber => 409,
            ProblemCode::TooManyPasskeys => 409,
            ProblemCode::SignInMethodNotAllowed => 403,
            ProblemCode::SignInStateInvalid => 400,
            ProblemCode::SignInStateUsed => 410,
            ProblemCode::ProviderSignInStopped => 400,
            ProblemCode::ProviderAnswerInvalid => 401,
            ProblemCode::ProviderNotLinked => 403,
            ProblemCode::ProviderLinkedElsewhere => 409,
            ProblemCode::ProviderUnavailable => 503,
            ProblemCode::LastSignInMethod => 409,
        }
    }
}

/// An RFC 9457 problem details body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// `urn:kring:problem:<code>`.
    #[serde(rename = "type")]
    pub type_uri: String,
    /// Short human summary, in the request's language.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// Human explanation of this occurrence, in the request's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The stable machine code.
    pub code: ProblemCode,
    /// The request path this problem is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// For a suspension: the organisation's reason, in its own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialize_as_their_stable_names() {
        for code in ProblemCode::ALL {
            assert_eq!(ProblemCode::from_name(code.as_str()), Some(code));
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            let back: ProblemCode = serde_json::from_str(&json).unwrap();
            assert_eq!(back, code);
            assert!((400..600).contains(&code.status()));
        }
    }

    #[test]
    fn problem_uses_rfc9457_field_names() {
        let problem = Problem {
            type_uri: ProblemCode::NotFound.type_uri(),
            title: "Niet gevonden".into(),
            status: 404,
            detail: None,
            code: ProblemCode::NotFound,
            instance: Some("/api/v1/nope".into()),
            reason: None,
        };
        let value = serde_json::to_value(&problem).unwrap();
        assert_eq!(value["type"], "urn:kring:problem:not-found");
        assert_eq!(value["code"], "not-found");
        assert!(value.get("detail").is_none());
        let back: Problem = serde_json::from_value(value).unwrap();
        assert_eq!(back, problem);
    }
}
