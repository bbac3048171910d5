//! Errors as RFC 9457 problem details, in the language the request asked for.
//!
//! Handlers return [`ApiError`]. Its response carries only a [`PendingProblem`]
//! extension; the [`render_problems`] middleware, which knows the request's
//! `Accept-Language`, writes the body. The same middleware turns the bare error responses
//! of axum and tower-http (405 from routing, 413 from the body limit, 408 from the
//! timeout, 500 from a caught panic) into problems, so every API error has one shape.
//! The texts come from the app's locale files ([`texts`]), so a code reads the same in
//! the app and in the API.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{request::Parts, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kring_api::problem::PROBLEM_CONTENT_TYPE;
use kring_api::{Language, Problem, ProblemCode};
use serde::de::DeserializeOwned;

mod texts;
pub use texts::{detail, title};

/// The largest JSON body any endpoint accepts (photo uploads have their own limit).
pub const JSON_BODY_LIMIT: usize = 64 * 1024;

/// What went wrong in a request, as handlers report it.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The resource does not exist or is not the caller's to see.
    #[error("not found")]
    NotFound,
    /// No endpoint has this address (the API's fallback).
    #[error("no such endpoint")]
    NoSuchEndpoint,
    /// The body is not valid JSON.
    #[error("malformed JSON: {0}")]
    MalformedJson(String),
    /// The body is JSON of the wrong shape.
    #[error("invalid body: {0}")]
    InvalidBody(String),
    /// A path or query parameter is not valid.
    #[error("invalid parameter `{name}`: {reason}")]
    InvalidParameter {
        /// The parameter's name.
        name: String,
        /// Why it is not valid (for the log).
        reason: String,
    },
    /// The body is not JSON.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// The body is over the endpoint's limit.
    #[error("body over {limit_bytes} bytes")]
    BodyTooLarge {
        /// The limit in bytes.
        limit_bytes: usize,
    },
    /// Too many requests from this caller.
    #[error("rate limited, retry after {retry_after_secs} s")]
    RateLimited {
        /// Seconds until a new request may succeed.
        retry_after_secs: u64,
    },
    /// Too many messages went to this number or address lately (R26); nothing was sent.
    #[error("too many messages to one recipient, retry after {retry_after_secs} s")]
    TooManyMessages {
        /// Seconds until a message to this recipient may be sent again.
        retry_after_secs: u64,
    },
    /// No valid session.
    #[error("not signed in")]
    Unauthenticated,
    /// The session timed out.
    #[error("session expired")]
    SessionExpired,
    /// A state-changing request failed the CSRF checks.
    #[error("CSRF check failed: {0}")]
    CsrfRejected(&'static str),
    /// E-mail address and password do not match an account that can sign in.
    #[error("invalid credentials")]
    InvalidCredentials,
    /// A wrong one-time code; tries are left.
    #[error("wrong code, {tries_left} tries left")]
    CodeInvalid {
        /// How many tries remain for this attempt.
        tries_left: u32,
    },
    /// The code or its attempt can no longer be used.
    #[error("code expired, used or out of tries")]
    CodeExpired,
    /// An unknown link token.
    #[error("unknown link")]
    LinkInvalid,
    /// A link past its time.
    #[error("link expired")]
    LinkExpired,
    /// A link used before.
    #[error("link used")]
    LinkUsed,
    /// A new password that is too short.
    #[error("password too short")]
    PasswordTooShort,
    /// A new password that is too common.
    #[error("password too common")]
    PasswordTooCommon,
    /// Not an e-mail address.
    #[error("invalid e-mail address")]
    EmailInvalid,
    /// Not a mobile number.
    #[error("invalid mobile number")]
    MobileInvalid,
    /// The terms in force are not accepted yet.
    #[error("terms not accepted")]
    TermsNotAccepted,
    /// The account is suspended.
    #[error("account suspended: {0}")]
    AccountSuspended(String),
    /// The account has ended.
    #[error("account ended")]
    AccountEnded,
    /// The portal is suspended.
    #[error("portal suspended: {0}")]
    PortalSuspended(String),
    /// Access to the portal ended.
    #[error("access ended")]
    AccessEnded,
    /// The portal was ended by its administrator.
    #[error("portal ended")]
    PortalEnded,
    /// Not the caller's to do.
    #[error("forbidden")]
    Forbidden,
    /// The portal already has an administrator.
    #[error("administrator exists")]
    AdministratorExists,
    /// A representative without a recorded basis.
    #[error("representation basis required")]
    RepresentationBasisRequired,
    /// A destructive action without its confirmation.
    #[error("confirmation required")]
    ConfirmationRequired,
    /// Accepting a terms version that is not in force.
    #[error("terms version not current")]
    TermsVersionNotCurrent,
    /// Accepting an invitation with an address it was not sent to.
    #[error("invitation for another e-mail address")]
    InvitationOtherEmail,
    /// Inviting someone who is in the circle already, or has an open invitation.
    #[error("already in the circle")]
    AlreadyInCircle,
    /// Creating an account for an address that has one.
    #[error("account exists")]
    AccountExists,
    /// Editing a note after the edit window.
    #[error("edit window closed")]
    EditWindowClosed,
    /// Not a JPEG, PNG or WebP image.
    #[error("not a photo")]
    NotAPhoto,
    /// More pixels than allowed.
    #[error("photo has too many pixels")]
    PhotoTooManyPixels,
    /// A damaged image.
    #[error("photo unreadable: {0}")]
    PhotoUnreadable(String),
    /// The server is too busy for this now (photo work waited too long for memory);
    /// answered as `timeout` (503) with `Retry-After`.
    #[error("busy; try again in {retry_after_secs} s")]
    Busy {
        /// Seconds to wait.
        retry_after_secs: u64,
    },
    /// The file storage failed; logged, never shown.
    #[error("storage: {0}")]
    StorageUnavailable(String),
    /// A text over its limit (the limit in characters).
    #[error("text too long (max {0})")]
    TextTooLong(usize),
    /// The client number is empty or longer than 32 characters.
    #[error("client-number-invalid")]
    ClientNumberInvalid,
    /// Another client of the organisation has this client number.
    #[error("client-number-taken")]
    ClientNumberTaken,
    /// A first or family name is empty or longer than 100 characters.
    #[error("client-name-invalid")]
    ClientNameInvalid,
    /// The date of birth is in the future or before 1900.
    #[error("date-of-birth-invalid")]
    DateOfBirthInvalid,
    /// The start of care is before the date of birth, or after the recorded end of care.
    #[error("care-start-invalid")]
    CareStartInvalid,
    /// The organisation has no such team.
    #[error("team-unknown")]
    TeamUnknown,
    /// The personal counsellor is not a member of staff of the client's team.
    #[error("counsellor-not-in-team")]
    CounsellorNotInTeam,
    /// Another team of the organisation has this name.
    #[error("team name taken")]
    TeamNameTaken,
    /// A phone number that cannot be called (or a short number where a whole one is
    /// needed).
    #[error("invalid phone number")]
    PhoneInvalid,
    /// Someone in the organisation uses this e-mail address already.
    #[error("e-mail address taken")]
    EmailTaken,
    /// A care professional or team lead without a team.
    #[error("team required")]
    TeamRequired,
    /// An administrator ending or demoting their own account.
    #[error("own account")]
    OwnAccount,
    /// Changing a staff member whose account was ended.
    #[error("staff member ended")]
    StaffMemberEnded,
    /// A colour that is not `#rrggbb`.
    #[error("colour invalid: {0}")]
    ColourInvalid(String),
    /// Header colours whose contrast is below WCAG AA.
    #[error("contrast too low")]
    ContrastTooLow,
    /// An uploaded logo that is not a plain SVG image (why, for the log).
    #[error("logo invalid: {0}")]
    LogoInvalid(String),
    /// A retention period below the legal minimum.
    #[error("retention too short")]
    RetentionTooShort,
    /// A number of days outside its bounds (which one, for the log).
    #[error("setting out of range: {0}")]
    SettingOutOfRange(String),
    /// An import file that is not CSV text.
    #[error("import file is not CSV")]
    ImportNotCsv,
    /// An import file whose first line lacks needed columns (their names).
    #[error("import columns missing: {0}")]
    ImportColumnsMissing(String),
    /// An import file with more lines than allowed (the limit).
    #[error("import over {0} lines")]
    ImportTooManyLines(usize),
    /// An import file without lines of data.
    #[error("import file empty")]
    ImportEmpty,
    /// A line whose key is on an earlier line too.
    #[error("duplicate import line")]
    ImportDuplicateLine,
    /// An end of care that cannot be read or lies before the start.
    #[error("care-end-invalid")]
    CareEndInvalid,
    /// Not a staff role.
    #[error("role unknown")]
    RoleUnknown,
    /// A change of sign-in details without a recent re-authentication.
    #[error("reauthentication required")]
    ReauthenticationRequired,
    /// A request from a session whose account must set up a second factor first.
    #[error("second factor required")]
    SecondFactorRequired,
    /// A passkey that is not the account's, or a wrong WebAuthn answer.
    #[error("passkey not accepted")]
    PasskeyInvalid,
    /// No passkey step under way (it expired, or was used).
    #[error("passkey step expired or used")]
    PasskeyExpired,
    /// Removing the account's last second factor.
    #[error("last second factor")]
    LastSecondFactor,
    /// A code asked for an account without a verified mobile number.
    #[error("no verified mobile number")]
    NoMobileNumber,
    /// One passkey more than an account may have.
    #[error("too many passkeys")]
    TooManyPasskeys,
    /// The organisation does not allow this sign-in method for the account's group.
    #[error("sign-in method not allowed")]
    SignInMethodNotAllowed,
    /// A provider's answer that belongs to no sign-in started in this browser (unknown,
    /// expired or tampered `state`, another browser).
    #[error("sign-in state invalid: {0}")]
    SignInStateInvalid(&'static str),
    /// A provider's answer used before (a replayed callback).
    #[error("sign-in state used")]
    SignInStateUsed,
    /// The provider answered with an error (the person stopped, or it refused).
    #[error("sign-in stopped at the provider")]
    ProviderSignInStopped,
    /// The provider's tokens failed a check; the reason is for the log (never a secret).
    #[error("provider answer invalid: {0}")]
    ProviderAnswerInvalid(String),
    /// The provider's subject is linked to no account.
    #[error("provider identity not linked")]
    ProviderNotLinked,
    /// The provider's subject is linked to another account.
    #[error("provider identity linked to another account")]
    ProviderLinkedElsewhere,
    /// Unlinking would leave the account no allowed way to sign in.
    #[error("the last allowed sign-in method")]
    LastSignInMethod,
    /// The provider (discovery, keys or token endpoint) cannot be reached.
    #[error("provider unavailable: {0}")]
    ProviderUnavailable(String),
    /// A database failure; logged, never shown.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// Any other server fault; logged, never shown.
    #[error("internal: {0}")]
    Internal(String),
}

impl ApiError {
    /// The stable code for this error.
    pub fn code(&self) -> ProblemCode {
        match self {
            ApiError::NotFound | ApiError::NoSuchEndpoint => ProblemCode::NotFound,
            ApiError::MalformedJson(_) => ProblemCode::MalformedJson,
            ApiError::InvalidBody(_) => ProblemCode::InvalidBody,
            ApiError::InvalidParameter { .. } => ProblemCode::InvalidParameter,
            ApiError::UnsupportedMediaType => ProblemCode::UnsupportedMediaType,
            ApiError::BodyTooLarge { .. } => ProblemCode::BodyTooLarge,
            ApiError::RateLimited { .. } => ProblemCode::RateLimited,
            ApiError::TooManyMessages { .. } => ProblemCode::TooManyMessages,
            ApiError::Unauthenticated => ProblemCode::Unauthenticated,
            ApiError::SessionExpired => ProblemCode::SessionExpired,
            ApiError::CsrfRejected(_) => ProblemCode::CsrfRejected,
            ApiError::InvalidCredentials => ProblemCode::InvalidCredentials,
            ApiError::CodeInvalid { .. } => ProblemCode::CodeInvalid,
            ApiError::CodeExpired => ProblemCode::CodeExpired,
            ApiError::LinkInvalid => ProblemCode::LinkInvalid,
            ApiError::LinkExpired => ProblemCode::LinkExpired,
            ApiError::LinkUsed => ProblemCode::LinkUsed,
            ApiError::PasswordTooShort => ProblemCode::PasswordTooShort,
            ApiError::PasswordTooCommon => ProblemCode::PasswordTooCommon,
            ApiError::EmailInvalid => ProblemCode::EmailInvalid,
            ApiError::MobileInvalid => ProblemCode::MobileInvalid,
            ApiError::TermsNotAccepted => ProblemCode::TermsNotAccepted,
            ApiError::AccountSuspended(_) => ProblemCode::AccountSuspended,
            ApiError::AccountEnded => ProblemCode::AccountEnded,
            ApiError::PortalSuspended(_) => ProblemCode::PortalSuspended,
            ApiError::AccessEnded => ProblemCode::AccessEnded,
            ApiError::PortalEnded => ProblemCode::PortalEnded,
            ApiError::Forbidden => ProblemCode::Forbidden,
            ApiError::AdministratorExists => ProblemCode::AdministratorExists,
            ApiError::RepresentationBasisRequired => ProblemCode::RepresentationBasisRequired,
            ApiError::ConfirmationRequired => ProblemCode::ConfirmationRequired,
            ApiError::TermsVersionNotCurrent => ProblemCode::TermsVersionNotCurrent,
            ApiError::InvitationOtherEmail => ProblemCode::InvitationOtherEmail,
            ApiError::AlreadyInCircle => ProblemCode::AlreadyInCircle,
            ApiError::AccountExists => ProblemCode::AccountExists,
            ApiError::EditWindowClosed => ProblemCode::EditWindowClosed,
            ApiError::TextTooLong(_) => ProblemCode::TextTooLong,
            ApiError::NotAPhoto => ProblemCode::NotAPhoto,
            ApiError::PhotoTooManyPixels => ProblemCode::PhotoTooManyPixels,
            ApiError::PhotoUnreadable(_) => ProblemCode::PhotoUnreadable,
            ApiError::StorageUnavailable(_) => ProblemCode::StorageUnavailable,
            ApiError::ClientNumberInvalid => ProblemCode::ClientNumberInvalid,
            ApiError::ClientNumberTaken => ProblemCode::ClientNumberTaken,
            ApiError::ClientNameInvalid => ProblemCode::ClientNameInvalid,
            ApiError::DateOfBirthInvalid => ProblemCode::DateOfBirthInvalid,
            ApiError::CareStartInvalid => ProblemCode::CareStartInvalid,
            ApiError::TeamUnknown => ProblemCode::TeamUnknown,
            ApiError::CounsellorNotInTeam => ProblemCode::CounsellorNotInTeam,
            ApiError::TeamNameTaken => ProblemCode::TeamNameTaken,
            ApiError::PhoneInvalid => ProblemCode::PhoneInvalid,
            ApiError::EmailTaken => ProblemCode::EmailTaken,
            ApiError::TeamRequired => ProblemCode::TeamRequired,
            ApiError::OwnAccount => ProblemCode::OwnAccount,
            ApiError::StaffMemberEnded => ProblemCode::StaffMemberEnded,
            ApiError::ColourInvalid(_) => ProblemCode::ColourInvalid,
            ApiError::ContrastTooLow => ProblemCode::ContrastTooLow,
            ApiError::LogoInvalid(_) => ProblemCode::LogoInvalid,
            ApiError::RetentionTooShort => ProblemCode::RetentionTooShort,
            ApiError::SettingOutOfRange(_) => ProblemCode::SettingOutOfRange,
            ApiError::Busy { .. } => ProblemCode::Timeout,
            ApiError::ImportNotCsv => ProblemCode::ImportNotCsv,
            ApiError::ImportColumnsMissing(_) => ProblemCode::ImportColumnsMissing,
            ApiError::ImportTooManyLines(_) => ProblemCode::ImportTooManyLines,
            ApiError::ImportEmpty => ProblemCode::ImportEmpty,
            ApiError::ImportDuplicateLine => ProblemCode::ImportDuplicateLine,
            ApiError::CareEndInvalid => ProblemCode::CareEndInvalid,
            ApiError::RoleUnknown => ProblemCode::RoleUnknown,
            ApiError::ReauthenticationRequired => ProblemCode::ReauthenticationRequired,
            ApiError::SecondFactorRequired => ProblemCode::SecondFactorRequired,
            ApiError::PasskeyInvalid => ProblemCode::PasskeyInvalid,
            ApiError::PasskeyExpired => ProblemCode::PasskeyExpired,
            ApiError::LastSecondFactor => ProblemCode::LastSecondFactor,
            ApiError::NoMobileNumber => ProblemCode::NoMobileNumber,
            ApiError::TooManyPasskeys => ProblemCode::TooManyPasskeys,
            ApiError::SignInMethodNotAllowed => ProblemCode::SignInMethodNotAllowed,
            ApiError::SignInStateInvalid(_) => ProblemCode::SignInStateInvalid,
            ApiError::SignInStateUsed => ProblemCode::SignInStateUsed,
            ApiError::ProviderSignInStopped => ProblemCode::ProviderSignInStopped,
            ApiError::ProviderAnswerInvalid(_) => ProblemCode::ProviderAnswerInvalid,
            ApiError::ProviderNotLinked => ProblemCode::ProviderNotLinked,
            ApiError::LastSignInMethod => ProblemCode::LastSignInMethod,
            ApiError::ProviderLinkedElsewhere => ProblemCode::ProviderLinkedElsewhere,
            ApiError::ProviderUnavailable(_) => ProblemCode::ProviderUnavailable,
            ApiError::Database(error) if database_unavailable(error) => {
                ProblemCode::DatabaseUnavailable
            }
            ApiError::Database(_) | ApiError::Internal(_) => ProblemCode::Internal,
        }
    }

    /// The facts of this occurrence that its human `detail` text names.
    pub fn detail_facts(&self) -> DetailFacts {
        match self {
            ApiError::InvalidParameter { name, .. } => DetailFacts::Parameter(name.clone()),
            ApiError::BodyTooLarge { limit_bytes } => DetailFacts::Limit(*limit_bytes),
            ApiError::RateLimited { retry_after_secs }
            | ApiError::TooManyMessages { retry_after_secs } => {
                DetailFacts::RetryAfter(*retry_after_secs)
            }
            ApiError::CodeInvalid { tries_left } => DetailFacts::TriesLeft(*tries_left),
            ApiError::NoSuchEndpoint => DetailFacts::NoSuchEndpoint,
            ApiError::TextTooLong(limit) => DetailFacts::Characters(*limit),
            ApiError::ImportColumnsMissing(columns) => DetailFacts::Columns(columns.clone()),
            ApiError::ImportTooManyLines(lines) => DetailFacts::Lines(*lines),
            ApiError::AccountSuspended(reason) | ApiError::PortalSuspended(reason) => {
                DetailFacts::Reason(reason.clone())
            }
            _ => DetailFacts::None,
        }
    }
}

/// The part of a problem that does not depend on language; rendered by [`render_problems`].
#[derive(Clone, Debug)]
pub struct PendingProblem {
    /// The stable code.
    pub code: ProblemCode,
    /// Facts the human message mentions.
    pub detail: DetailFacts,
}

/// Facts for the human `detail` text.
#[derive(Clone, Debug, Default)]
pub enum DetailFacts {
    /// No detail beyond the title.
    #[default]
    None,
    /// The name of the parameter that was not valid.
    Parameter(String),
    /// The body limit in bytes.
    Limit(usize),
    /// Seconds to wait.
    RetryAfter(u64),
    /// Tries left for a code.
    TriesLeft(u32),
    /// The organisation's reason (suspensions); also sent as the `reason` member.
    Reason(String),
    /// The address is not an endpoint at all.
    NoSuchEndpoint,
    /// A limit in characters.
    Characters(usize),
    /// The names of missing columns.
    Columns(String),
    /// A limit in lines.
    Lines(usize),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let code = self.code();
        match &self {
            ApiError::Database(_) | ApiError::Internal(_) | ApiError::StorageUnavailable(_) => {
                tracing::error!(error = %self, "request failed on the server")
            }
            _ => tracing::debug!(error = %self, "request refused"),
        }
        let busy_for = match self {
            ApiError::Busy { retry_after_secs } => Some(retry_after_secs),
            _ => None,
        };
        let detail = self.detail_facts();
        let mut response = StatusCode::from_u16(code.status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            .into_response();
        if let Some(secs) = busy_for {
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(secs));
        }
        if let DetailFacts::RetryAfter(secs) = detail {
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(secs));
        } else if code == ProblemCode::DatabaseUnavailable {
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(30u64));
        }
        response
            .extensions_mut()
            .insert(PendingProblem { code, detail });
        response
    }
}

/// The language a request asked for, from `Accept-Language` (Dutch by default).
pub fn request_language(headers: &axum::http::HeaderMap) -> Language {
    headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Language::from_accept_language)
        .unwrap_or_default()
}

/// Whether a database error means "not reachable now" rather than a fault in a query:
/// the pool or connection is gone, the file cannot be opened or read, the disk is full,
/// or another process held a lock longer than the busy timeout. Those answer 503, so a
/// client retries; the server recovers by itself when the database is back.
fn database_unavailable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(database) => {
            database_code_unavailable(database.code().as_deref().unwrap_or(""))
        }
        _ => false,
    }
}

/// SQLite result codes (primary code in the low byte) that mean unavailable: BUSY,
/// LOCKED, READONLY, IOERR, CORRUPT, FULL, CANTOPEN, NOTADB, PERM. Read only in the
/// SQLite build: many SQLSTATEs are numbers too (21000, a subquery with more than one
/// row, has 8 in its low byte), and SQLite's 531 (a constraint) starts like class 53.
#[cfg(feature = "sqlite")]
fn database_code_unavailable(code: &str) -> bool {
    code.parse::<i32>()
        .is_ok_and(|c| matches!(c & 0xff, 3 | 5 | 6 | 8 | 10 | 11 | 13 | 14 | 26))
}

/// PostgreSQL SQLSTATE classes that mean unavailable: 08 (connection), 53 (resources),
/// 57P0x (the server is shutting down or starting).
#[cfg(not(feature = "sqlite"))]
fn database_code_unavailable(code: &str) -> bool {
    code.starts_with("08") || code.starts_with("53") || code.starts_with("57P0")
}

/// Maps a bare error status from axum or tower-http to a problem code.
fn code_for_bare_status(status: StatusCode) -> Option<ProblemCode> {
    Some(match status {
        StatusCode::NOT_FOUND => ProblemCode::NotFound,
        StatusCode::METHOD_NOT_ALLOWED => ProblemCode::MethodNotAllowed,
        StatusCode::PAYLOAD_TOO_LARGE => ProblemCode::BodyTooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ProblemCode::UnsupportedMediaType,
        StatusCode::REQUEST_TIMEOUT | StatusCode::SERVICE_UNAVAILABLE => ProblemCode::Timeout,
        StatusCode::TOO_MANY_REQUESTS => ProblemCode::RateLimited,
        s if s.is_server_error() => ProblemCode::Internal,
        _ => return None,
    })
}

/// Middleware: writes every API error as a problem in the request's language.
pub async fn render_problems(request: Request, next: Next) -> Response {
    let language = request_language(request.headers());
    let instance = request
        .extensions()
        .get::<axum::extract::OriginalUri>()
        .map(|uri| uri.path().to_owned())
        .unwrap_or_else(|| request.uri().path().to_owned());
    let mut response = next.run(request).await;
    let pending = response.extensions_mut().remove::<PendingProblem>();
    let pending = match pending {
        Some(p) => p,
        None => {
            let status = response.status();
            let already_problem = response
                .headers()
                .get(CONTENT_TYPE)
                .is_some_and(|v| v.as_bytes() == PROBLEM_CONTENT_TYPE.as_bytes());
            match code_for_bare_status(status) {
                Some(code)
                    if !already_problem
                        && (status.is_client_error() || status.is_server_error()) =>
                {
                    // A bare 413 comes from the API's body limit layer.
                    let detail = if code == ProblemCode::BodyTooLarge {
                        DetailFacts::Limit(JSON_BODY_LIMIT)
                    } else {
                        DetailFacts::None
                    };
                    PendingProblem { code, detail }
                }
                _ => return response,
            }
        }
    };
    let status = response.status();
    let reason = match &pending.detail {
        DetailFacts::Reason(reason) => Some(reason.clone()),
        _ => None,
    };
    let problem = Problem {
        type_uri: pending.code.type_uri(),
        title: title(pending.code, language).to_owned(),
        status: status.as_u16(),
        detail: Some(detail(pending.code, &pending.detail, language)),
        code: pending.code,
        instance: Some(instance),
        reason,
    };
    let body = serde_json::to_vec(&problem).unwrap_or_default();
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    parts
        .headers
        .insert(CONTENT_TYPE, HeaderValue::from_static(PROBLEM_CONTENT_TYPE));
    parts.headers.insert(
        axum::http::header::CONTENT_LANGUAGE,
        HeaderValue::from_static(language.tag()),
    );
    Response::from_parts(parts, axum::body::Body::from(body))
}

/// A JSON body that must match its type exactly; rejections become problems.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned + serde::Serialize,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<serde_json::Value>::from_request(req, state).await {
            Ok(axum::Json(input)) => {
                let value =
                    T::deserialize(&input).map_err(|e| ApiError::InvalidBody(e.to_string()))?;
                // serde also reads a struct from an array of its fields in order; the
                // contract only has objects, so an array where the type has one is refused.
                let read = serde_json::to_value(&value).unwrap_or_default();
                if array_for_object(&input, &read) {
                    return Err(ApiError::InvalidBody(
                        "an array where an object belongs".into(),
                    ));
                }
                Ok(ApiJson(value))
            }
            Err(rejection) => Err(match rejection {
                JsonRejection::JsonSyntaxError(e) => ApiError::MalformedJson(e.body_text()),
                JsonRejection::JsonDataError(e) => ApiError::InvalidBody(e.body_text()),
                JsonRejection::MissingJsonContentType(_) => ApiError::UnsupportedMediaType,
                JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    ApiError::BodyTooLarge {
                        limit_bytes: JSON_BODY_LIMIT,
                    }
                }
                other => ApiError::MalformedJson(other.body_text()),
            }),
        }
    }
}

/// Whether the sent JSON has an array where the value read from it is an object (a
/// struct read from its fields in order), at any depth.
fn array_for_object(sent: &serde_json::Value, read: &serde_json::Value) -> bool {
    use serde_json::Value::{Array, Object};
    match (sent, read) {
        (Array(_), Object(_)) => true,
        (Array(sent), Array(read)) => sent
            .iter()
            .zip(read)
            .any(|(sent, read)| array_for_object(sent, read)),
        (Object(sent), Object(read)) => read.iter().any(|(key, read)| {
            sent.get(key)
                .is_some_and(|sent| array_for_object(sent, read))
        }),
        _ => false,
    }
}

impl<T: serde::Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// Query parameters; a wrong one becomes an `invalid-parameter` problem.
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Self::from_uri(&parts.uri)
    }
}

impl<T: DeserializeOwned> ApiQuery<T> {
    /// Reads the query of `uri`; a wrong parameter is an `invalid-parameter` problem.
    pub fn from_uri(uri: &axum::http::Uri) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::try_from_uri(uri)
            .map(|q| ApiQuery(q.0))
            .map_err(|e: QueryRejection| ApiError::InvalidParameter {
                name: parameter_name(&e.body_text()),
                reason: e.body_text(),
            })
    }
}

/// Path parameters; a wrong one becomes an `invalid-parameter` problem.
pub struct ApiPath<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| ApiPath(p.0))
            .map_err(|e: PathRejection| ApiError::InvalidParameter {
                name: parameter_name(&e.body_text()),
                reason: e.body_text(),
            })
    }
}

/// Pulls the parameter name out of a serde/axum message such as
/// "Failed to deserialize query string: limit: invalid digit found in string".
fn parameter_name(message: &str) -> String {
    let after_colon = message.split_once(": ").map(|(_, rest)| rest).unwrap_or("");
    let candidate = after_colon.split(':').next().unwrap_or("").trim();
    let candidate = candidate
        .strip_prefix("Cannot parse `")
        .and_then(|c| c.split('`').next())
        .unwrap_or(candidate);
    if !candidate.is_empty()
        && candidate.len() <= 40
        && candidate
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        candidate.to_owned()
    } else {
        "?".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_names_are_extracted_or_hidden() {
        assert_eq!(
            parameter_name(
                "Failed to deserialize query string: limit: invalid digit found in string"
            ),
            "limit"
        );
        assert_eq!(parameter_name("garbage"), "?");
    }

    #[test]
    fn an_array_in_place_of_an_object_is_found_at_any_depth() {
        use serde_json::json;
        let read = json!({"rights": {"notes": true}, "items": [{"a": 1}], "tags": ["x"]});
        assert!(!array_for_object(&read, &read));
        assert!(array_for_object(&json!([{"notes": true}]), &read));
        assert!(array_for_object(
            &json!({"rights": [true], "items": [{"a": 1}], "tags": ["x"]}),
            &read
        ));
        assert!(array_for_object(
            &json!({"rights": {"notes": true}, "items": [[1]], "tags": ["x"]}),
            &read
        ));
        // A field left out (read with its default) is no array.
        assert!(!array_for_object(&json!({"items": [{"a": 1}]}), &read));
    }
}
