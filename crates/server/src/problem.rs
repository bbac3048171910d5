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

/// What went wrong in a request, as handlers report it.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The resource does not exist or is not the caller's to see.
    #[error("not found")]
    NotFound,
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
            ApiError::NotFound => ProblemCode::NotFound,
            ApiError::MalformedJson(_) => ProblemCode::MalformedJson,
            ApiError::InvalidBody(_) => ProblemCode::InvalidBody,
            ApiError::InvalidParameter { .. } => ProblemCode::InvalidParameter,
            ApiError::UnsupportedMediaType => ProblemCode::UnsupportedMediaType,
            ApiError::BodyTooLarge { .. } => ProblemCode::BodyTooLarge,
            ApiError::RateLimited { .. } => ProblemCode::RateLimited,
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
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let code = self.code();
        match &self {
            ApiError::Database(_) | ApiError::Internal(_) => {
                tracing::error!(error = %self, "request failed on the server")
            }
            _ => tracing::debug!(error = %self, "request refused"),
        }
        let detail = match self {
            ApiError::InvalidParameter { name, .. } => DetailFacts::Parameter(name),
            ApiError::BodyTooLarge { limit_bytes } => DetailFacts::Limit(limit_bytes),
            ApiError::RateLimited { retry_after_secs } => DetailFacts::RetryAfter(retry_after_secs),
            _ => DetailFacts::None,
        };
        let mut response = StatusCode::from_u16(code.status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            .into_response();
        if let DetailFacts::RetryAfter(secs) = detail {
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(secs));
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
    }
}

/// The human explanation of a problem, with its facts filled in.
pub fn detail(code: ProblemCode, facts: &DetailFacts, language: Language) -> String {
    use Language::{En, Nl};
    use ProblemCode::*;
    match (code, facts, language) {
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
                        DetailFacts::Limit(crate::app::JSON_BODY_LIMIT)
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
    let problem = Problem {
        type_uri: pending.code.type_uri(),
        title: title(pending.code, language).to_owned(),
        status: status.as_u16(),
        detail: Some(detail(pending.code, &pending.detail, language)),
        code: pending.code,
        instance: Some(instance),
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
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(match rejection {
                JsonRejection::JsonSyntaxError(e) => ApiError::MalformedJson(e.body_text()),
                JsonRejection::JsonDataError(e) => ApiError::InvalidBody(e.body_text()),
                JsonRejection::MissingJsonContentType(_) => ApiError::UnsupportedMediaType,
                JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    ApiError::BodyTooLarge {
                        limit_bytes: crate::app::JSON_BODY_LIMIT,
                    }
                }
                other => ApiError::MalformedJson(other.body_text()),
            }),
        }
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

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
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
}
