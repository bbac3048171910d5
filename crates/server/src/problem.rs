//! Errors as RFC 9457 problem details, in the language the request asked for.
//!
//! Handlers return [`ApiError`]. Its response carries only a [`PendingProblem`]
//! extension; the [`render_problems`] middleware, which knows the request's
//! `Accept-Language`, writes the body. The same middleware turns the bare error responses
//! of axum and tower-http (405 from routing, 413 from the body limit, 408 from the
//! timeout, 500 from a caught panic) into problems, so every API error has one shape.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{request::Parts, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kring_api::problem::PROBLEM_CONTENT_TYPE;
use kring_api::{Language, Problem, ProblemCode};
use serde::de::DeserializeOwned;

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
    /// The file storage failed; logged, never shown.
    #[error("storage: {0}")]
    StorageUnavailable(String),
    /// A text over its limit (the limit in characters).
    #[error("text too long (max {0})")]
    TextTooLong(usize),
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
            ApiError::Database(error) if database_unavailable(error) => {
                ProblemCode::DatabaseUnavailable
            }
            ApiError::Database(_) | ApiError::Internal(_) => ProblemCode::Internal,
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
        let detail = match self {
            ApiError::InvalidParameter { name, .. } => DetailFacts::Parameter(name),
            ApiError::BodyTooLarge { limit_bytes } => DetailFacts::Limit(limit_bytes),
            ApiError::RateLimited { retry_after_secs } => DetailFacts::RetryAfter(retry_after_secs),
            ApiError::CodeInvalid { tries_left } => DetailFacts::TriesLeft(tries_left),
            ApiError::NoSuchEndpoint => DetailFacts::NoSuchEndpoint,
            ApiError::TextTooLong(limit) => DetailFacts::Characters(limit),
            ApiError::AccountSuspended(reason) | ApiError::PortalSuspended(reason) => {
                DetailFacts::Reason(reason)
            }
            _ => DetailFacts::None,
        };
        let mut response = StatusCode::from_u16(code.status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            .into_response();
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

/// The short human title of a problem.
pub fn title(code: ProblemCode, language: Language) -> &'static str {
    use Language::{En, Nl};
    use ProblemCode::*;
    match (code, language) {
        (NotFound, Nl) => "Niet gevonden",
        (NotFound, En) => "Not found",
        (MethodNotAllowed, Nl) => "Dit kan hier niet",
        (MethodNotAllowed, En) => "Not possible here",
        (MalformedJson, Nl) => "De gegevens zijn niet leesbaar",
        (MalformedJson, En) => "The data cannot be read",
        (InvalidBody, Nl) => "De gegevens kloppen niet",
        (InvalidBody, En) => "The data is not right",
        (InvalidParameter, Nl) => "Het adres klopt niet",
        (InvalidParameter, En) => "The address is not right",
        (UnsupportedMediaType, Nl) => "Verkeerd soort gegevens",
        (UnsupportedMediaType, En) => "Wrong kind of data",
        (BodyTooLarge, Nl) => "Te groot",
        (BodyTooLarge, En) => "Too large",
        (RateLimited, Nl) => "Even wachten",
        (RateLimited, En) => "Please wait",
        (Timeout, Nl) => "Dit duurde te lang",
        (Timeout, En) => "This took too long",
        (Internal, Nl) => "Er ging iets mis",
        (Internal, En) => "Something went wrong",
        (Unauthenticated, Nl) => "U bent niet ingelogd",
        (Unauthenticated, En) => "You are not signed in",
        (SessionExpired, Nl) => "U bent uitgelogd",
        (SessionExpired, En) => "You have been signed out",
        (CsrfRejected, Nl) => "Niet toegestaan",
        (CsrfRejected, En) => "Not allowed",
        (InvalidCredentials, Nl) => "Inloggen lukt niet",
        (InvalidCredentials, En) => "Signing in did not work",
        (CodeInvalid, Nl) => "De code klopt niet",
        (CodeInvalid, En) => "The code is not right",
        (CodeExpired, Nl) => "De code werkt niet meer",
        (CodeExpired, En) => "The code no longer works",
        (LinkInvalid, Nl) => "De link werkt niet",
        (LinkInvalid, En) => "The link does not work",
        (LinkExpired, Nl) => "De link is verlopen",
        (LinkExpired, En) => "The link has expired",
        (LinkUsed, Nl) => "De link is al gebruikt",
        (LinkUsed, En) => "The link was used already",
        (PasswordTooShort, Nl) => "Het wachtwoord is te kort",
        (PasswordTooShort, En) => "The password is too short",
        (PasswordTooCommon, Nl) => "Het wachtwoord is te makkelijk",
        (PasswordTooCommon, En) => "The password is too easy",
        (EmailInvalid, Nl) => "Het e-mailadres klopt niet",
        (EmailInvalid, En) => "The e-mail address is not right",
        (MobileInvalid, Nl) => "Het mobiele nummer klopt niet",
        (MobileInvalid, En) => "The mobile number is not right",
        (TermsNotAccepted, Nl) => "Eerst de voorwaarden accepteren",
        (TermsNotAccepted, En) => "Accept the terms first",
        (AccountSuspended, Nl) => "Uw account is geblokkeerd",
        (AccountSuspended, En) => "Your account is suspended",
        (AccountEnded, Nl) => "Uw toegang is beëindigd",
        (AccountEnded, En) => "Your access has ended",
        (PortalSuspended, Nl) => "Dit portaal is geblokkeerd",
        (PortalSuspended, En) => "This portal is suspended",
        (AccessEnded, Nl) => "Uw toegang tot dit portaal is beëindigd",
        (AccessEnded, En) => "Your access to this portal has ended",
        (PortalEnded, Nl) => "Dit portaal is gestopt",
        (PortalEnded, En) => "This portal has been ended",
        (Forbidden, Nl) => "Dit mag u niet doen",
        (Forbidden, En) => "You may not do this",
        (AdministratorExists, Nl) => "Er is al een beheerder",
        (AdministratorExists, En) => "There is an administrator already",
        (RepresentationBasisRequired, Nl) => "Grond van vertegenwoordiging ontbreekt",
        (RepresentationBasisRequired, En) => "Basis of representation missing",
        (ConfirmationRequired, Nl) => "Bevestiging nodig",
        (ConfirmationRequired, En) => "Confirmation needed",
        (TermsVersionNotCurrent, Nl) => "Dit zijn niet de geldende voorwaarden",
        (TermsVersionNotCurrent, En) => "These are not the terms in force",
        (InvitationOtherEmail, Nl) => "Deze uitnodiging is voor een ander e-mailadres",
        (InvitationOtherEmail, En) => "This invitation is for another e-mail address",
        (AlreadyInCircle, Nl) => "Deze persoon hoort al bij de kring",
        (AlreadyInCircle, En) => "This person is in the circle already",
        (AccountExists, Nl) => "Er is al een account met dit e-mailadres",
        (AccountExists, En) => "There is an account with this e-mail address already",
        (EditWindowClosed, Nl) => "Aanpassen kan niet meer",
        (EditWindowClosed, En) => "It can no longer be changed",
        (TextTooLong, Nl) => "De tekst is te lang",
        (TextTooLong, En) => "The text is too long",
        (NotAPhoto, Nl) => "Dit is geen foto",
        (NotAPhoto, En) => "This is not a photo",
        (PhotoTooManyPixels, Nl) => "De foto is te groot",
        (PhotoTooManyPixels, En) => "The photo is too large",
        (PhotoUnreadable, Nl) => "De foto is niet te lezen",
        (PhotoUnreadable, En) => "The photo cannot be read",
        (StorageUnavailable, Nl) => "Opslaan lukt nu niet",
        (StorageUnavailable, En) => "Storing does not work now",
        (DatabaseUnavailable, Nl) => "Het portaal kan even niet bij de gegevens",
        (DatabaseUnavailable, En) => "The portal cannot reach its data just now",
    }
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

/// The human explanation of a problem, with its facts filled in.
pub fn detail(code: ProblemCode, facts: &DetailFacts, language: Language) -> String {
    use Language::{En, Nl};
    use ProblemCode::*;
    match (code, facts, language) {
        (NotFound, DetailFacts::NoSuchEndpoint, Nl) => "Dit adres bestaat niet in de API.".into(),
        (NotFound, DetailFacts::NoSuchEndpoint, En) => {
            "This address does not exist in the API.".into()
        }
        (NotFound, _, Nl) => "Dit bestaat niet, of u mag het niet zien.".into(),
        (NotFound, _, En) => "This does not exist, or you may not see it.".into(),
        (MethodNotAllowed, _, Nl) => "Deze actie is op dit adres niet mogelijk.".into(),
        (MethodNotAllowed, _, En) => "This action is not possible at this address.".into(),
        (MalformedJson, _, Nl) => {
            "De gegevens zijn beschadigd of onvolledig. Er is niets veranderd.".into()
        }
        (MalformedJson, _, En) => "The data is damaged or incomplete. Nothing was changed.".into(),
        (InvalidBody, _, Nl) => {
            "Een veld ontbreekt, is onbekend of heeft een verkeerde waarde. Er is niets veranderd."
                .into()
        }
        (InvalidBody, _, En) => {
            "A field is missing, unknown or has a wrong value. Nothing was changed.".into()
        }
        (InvalidParameter, DetailFacts::Parameter(name), Nl) => {
            format!("De waarde van '{name}' klopt niet.")
        }
        (InvalidParameter, DetailFacts::Parameter(name), En) => {
            format!("The value of '{name}' is not right.")
        }
        (InvalidParameter, _, Nl) => "Een waarde in het adres klopt niet.".into(),
        (InvalidParameter, _, En) => "A value in the address is not right.".into(),
        (UnsupportedMediaType, _, Nl) => {
            "Stuur de gegevens als JSON. Er is niets veranderd.".into()
        }
        (UnsupportedMediaType, _, En) => "Send the data as JSON. Nothing was changed.".into(),
        (BodyTooLarge, DetailFacts::Limit(limit), Nl) => format!(
            "Dit mag hoogstens {} groot zijn. Er is niets veranderd.",
            human_size(*limit)
        ),
        (BodyTooLarge, DetailFacts::Limit(limit), En) => format!(
            "This may be at most {}. Nothing was changed.",
            human_size(*limit)
        ),
        (BodyTooLarge, _, Nl) => "Dit is groter dan toegestaan. Er is niets veranderd.".into(),
        (BodyTooLarge, _, En) => "This is larger than allowed. Nothing was changed.".into(),
        (RateLimited, DetailFacts::RetryAfter(secs), Nl) => {
            format!("U heeft dit te vaak geprobeerd. Probeer het over {secs} seconden opnieuw.")
        }
        (RateLimited, DetailFacts::RetryAfter(secs), En) => {
            format!("You tried this too often. Try again in {secs} seconds.")
        }
        (RateLimited, _, Nl) => "U heeft dit te vaak geprobeerd. Probeer het later opnieuw.".into(),
        (RateLimited, _, En) => "You tried this too often. Try again later.".into(),
        (Timeout, _, Nl) => "Probeer het over een paar minuten opnieuw.".into(),
        (Timeout, _, En) => "Try again in a few minutes.".into(),
        (Internal, _, Nl) => "Er is niets veranderd. Probeer het later opnieuw.".into(),
        (Internal, _, En) => "Nothing was changed. Try again later.".into(),
        (Unauthenticated, _, Nl) => "Log in om verder te gaan.".into(),
        (Unauthenticated, _, En) => "Sign in to continue.".into(),
        (SessionExpired, _, Nl) => {
            "U was een tijd niet actief, of te lang ingelogd. Log opnieuw in.".into()
        }
        (SessionExpired, _, En) => {
            "You were inactive for a while, or signed in too long. Sign in again.".into()
        }
        (CsrfRejected, _, Nl) => {
            "Dit verzoek kwam niet uit het portaal zelf. Er is niets veranderd.".into()
        }
        (CsrfRejected, _, En) => {
            "This request did not come from the portal itself. Nothing was changed.".into()
        }
        (InvalidCredentials, _, Nl) => "Het e-mailadres of het wachtwoord klopt niet.".into(),
        (InvalidCredentials, _, En) => "The e-mail address or the password is not right.".into(),
        (CodeInvalid, DetailFacts::TriesLeft(n), Nl) => {
            format!("Kijk de code in de sms goed na. U kunt het nog {n} keer proberen.")
        }
        (CodeInvalid, DetailFacts::TriesLeft(n), En) => {
            format!("Check the code in the text message. You can try {n} more times.")
        }
        (CodeInvalid, _, Nl) => "Kijk de code in de sms goed na.".into(),
        (CodeInvalid, _, En) => "Check the code in the text message.".into(),
        (CodeExpired, _, Nl) => "Vraag een nieuwe code aan en probeer het opnieuw.".into(),
        (CodeExpired, _, En) => "Ask for a new code and try again.".into(),
        (LinkInvalid, _, Nl) => {
            "Gebruik de link uit de laatste e-mail, of vraag een nieuwe link aan.".into()
        }
        (LinkInvalid, _, En) => {
            "Use the link from the latest e-mail, or ask for a new link.".into()
        }
        (LinkExpired, _, Nl) => "Vraag een nieuwe link aan.".into(),
        (LinkExpired, _, En) => "Ask for a new link.".into(),
        (LinkUsed, _, Nl) => {
            "Een link werkt maar één keer. Log in, of vraag een nieuwe link aan.".into()
        }
        (LinkUsed, _, En) => "A link works only once. Sign in, or ask for a new link.".into(),
        (PasswordTooShort, _, Nl) => {
            "Kies een wachtwoord van minstens 12 tekens. Een zin van een paar woorden is goed."
                .into()
        }
        (PasswordTooShort, _, En) => {
            "Choose a password of at least 12 characters. A sentence of a few words works well."
                .into()
        }
        (PasswordTooCommon, _, Nl) => {
            "Dit wachtwoord is te bekend of te makkelijk te raden. Kies iets anders.".into()
        }
        (PasswordTooCommon, _, En) => {
            "This password is too well known or too easy to guess. Choose something else.".into()
        }
        (EmailInvalid, _, Nl) => "Vul een e-mailadres in zoals naam@voorbeeld.nl.".into(),
        (EmailInvalid, _, En) => "Enter an e-mail address such as name@example.com.".into(),
        (MobileInvalid, _, Nl) => "Vul een mobiel nummer in zoals 06 12345678.".into(),
        (MobileInvalid, _, En) => "Enter a mobile number such as +31 6 12345678.".into(),
        (TermsNotAccepted, _, Nl) => {
            "Lees en accepteer de gebruiksvoorwaarden die nu gelden.".into()
        }
        (TermsNotAccepted, _, En) => "Read and accept the terms of use in force.".into(),
        (AccountSuspended, DetailFacts::Reason(r), Nl) => {
            format!("De organisatie heeft uw account geblokkeerd. Reden: {r}")
        }
        (AccountSuspended, DetailFacts::Reason(r), En) => {
            format!("The organisation suspended your account. Reason: {r}")
        }
        (AccountSuspended, _, Nl) => "De organisatie heeft uw account geblokkeerd.".into(),
        (AccountSuspended, _, En) => "The organisation suspended your account.".into(),
        (AccountEnded, _, Nl) | (AccessEnded, _, Nl) => {
            "Neem contact op met het zorgteam als u vragen heeft.".into()
        }
        (AccountEnded, _, En) | (AccessEnded, _, En) => {
            "Contact the care team if you have questions.".into()
        }
        (PortalSuspended, DetailFacts::Reason(r), Nl) => {
            format!("De organisatie heeft dit portaal geblokkeerd. Reden: {r}")
        }
        (PortalSuspended, DetailFacts::Reason(r), En) => {
            format!("The organisation suspended this portal. Reason: {r}")
        }
        (PortalSuspended, _, Nl) => "De organisatie heeft dit portaal geblokkeerd.".into(),
        (PortalSuspended, _, En) => "The organisation suspended this portal.".into(),
        (PortalEnded, _, Nl) => {
            "De beheerder heeft dit portaal gestopt. De gegevens blijven bewaard in het dossier."
                .into()
        }
        (PortalEnded, _, En) => {
            "The administrator ended this portal. The data stays kept in the dossier.".into()
        }
        (Forbidden, _, Nl) => "U heeft hier geen toestemming voor.".into(),
        (Forbidden, _, En) => "You do not have permission for this.".into(),
        (AdministratorExists, _, Nl) => {
            "Een portaal heeft maar één beheerder. Er is niets veranderd.".into()
        }
        (AdministratorExists, _, En) => {
            "A portal has only one administrator. Nothing was changed.".into()
        }
        (RepresentationBasisRequired, _, Nl) => {
            "Leg vast waaruit blijkt dat deze persoon de cliënt vertegenwoordigt.".into()
        }
        (RepresentationBasisRequired, _, En) => {
            "Record what shows that this person represents the client.".into()
        }
        (ConfirmationRequired, _, Nl) => {
            "Bevestig eerst dat u dit echt wilt. Er is niets veranderd.".into()
        }
        (ConfirmationRequired, _, En) => {
            "First confirm that you really want this. Nothing was changed.".into()
        }
        (TermsVersionNotCurrent, _, Nl) => {
            "Laad de pagina opnieuw en lees de voorwaarden die nu gelden.".into()
        }
        (TermsVersionNotCurrent, _, En) => "Reload the page and read the terms in force.".into(),
        (InvitationOtherEmail, _, Nl) => {
            "Log in met het e-mailadres waar de uitnodiging naartoe ging, of vraag de beheerder om een nieuwe uitnodiging.".into()
        }
        (InvitationOtherEmail, _, En) => {
            "Sign in with the e-mail address the invitation went to, or ask the administrator for a new invitation.".into()
        }
        (AlreadyInCircle, _, Nl) => {
            "Deze persoon hoort al bij de kring of heeft al een uitnodiging. Er is niets veranderd.".into()
        }
        (AlreadyInCircle, _, En) => {
            "This person is in the circle already or has an invitation. Nothing was changed.".into()
        }
        (AccountExists, _, Nl) => "Log in met dat account om de uitnodiging aan te nemen.".into(),
        (AccountExists, _, En) => "Sign in with that account to accept the invitation.".into(),
        (EditWindowClosed, _, Nl) => {
            "Een bericht kunt u tot 15 minuten na het plaatsen aanpassen. U kunt het nog wel intrekken.".into()
        }
        (EditWindowClosed, _, En) => {
            "A note can be changed up to 15 minutes after posting. You can still retract it.".into()
        }
        (TextTooLong, DetailFacts::Characters(limit), Nl) => {
            format!("Gebruik hoogstens {limit} tekens. Er is niets veranderd.")
        }
        (TextTooLong, DetailFacts::Characters(limit), En) => {
            format!("Use at most {limit} characters. Nothing was changed.")
        }
        (TextTooLong, _, Nl) => "Maak de tekst korter. Er is niets veranderd.".into(),
        (TextTooLong, _, En) => "Make the text shorter. Nothing was changed.".into(),
        (NotAPhoto, _, Nl) => {
            "Kies een foto van het type JPEG, PNG of WebP. Er is niets opgeslagen.".into()
        }
        (NotAPhoto, _, En) => "Choose a JPEG, PNG or WebP photo. Nothing was stored.".into(),
        (PhotoTooManyPixels, _, Nl) => {
            "Een foto mag hoogstens 40 megapixel zijn. Er is niets opgeslagen.".into()
        }
        (PhotoTooManyPixels, _, En) => {
            "A photo may have at most 40 megapixels. Nothing was stored.".into()
        }
        (PhotoUnreadable, _, Nl) => {
            "Het bestand is beschadigd of onvolledig. Er is niets opgeslagen.".into()
        }
        (PhotoUnreadable, _, En) => "The file is damaged or incomplete. Nothing was stored.".into(),
        (StorageUnavailable, _, Nl) => {
            "Er is niets opgeslagen. Probeer het later opnieuw.".into()
        }
        (StorageUnavailable, _, En) => "Nothing was stored. Try again later.".into(),
        (DatabaseUnavailable, _, Nl) => {
            "Er is niets veranderd. Probeer het over een minuut opnieuw.".into()
        }
        (DatabaseUnavailable, _, En) => "Nothing changed. Try again in a minute.".into(),
    }
}

/// A byte count as people read it: "64 KB", "10 MB".
fn human_size(bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
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
    fn every_code_has_a_title_and_detail_in_both_languages() {
        for code in ProblemCode::ALL {
            for language in [Language::Nl, Language::En] {
                assert!(!title(code, language).is_empty());
                assert!(!detail(code, &DetailFacts::None, language).is_empty());
            }
            assert_ne!(title(code, Language::Nl), title(code, Language::En));
        }
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(64 * 1024), "64 KB");
        assert_eq!(human_size(10 * 1024 * 1024), "10 MB");
        assert_eq!(human_size(1000), "1 KB");
    }

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
