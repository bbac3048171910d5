//! Errors as RFC 9457 problem details (`application/problem+json`).
//!
//! `code` is the stable, machine-readable reason; clients switch on it and show their
//! own text. `title` and `detail` are the server's human message in the language the
//! request asked for (`Accept-Language`, Dutch by default).

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
}

impl ProblemCode {
    /// Every code, for documentation and exhaustive tests.
    pub const ALL: [ProblemCode; 10] = [
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
    ];

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
            ProblemCode::Timeout => "timeout",
            ProblemCode::Internal => "internal",
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
            ProblemCode::RateLimited => 429,
            ProblemCode::Timeout => 503,
            ProblemCode::Internal => 500,
        }
    }
}

/// An RFC 9457 problem details body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialize_as_their_stable_names() {
        for code in ProblemCode::ALL {
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
        };
        let value = serde_json::to_value(&problem).unwrap();
        assert_eq!(value["type"], "urn:kring:problem:not-found");
        assert_eq!(value["code"], "not-found");
        assert!(value.get("detail").is_none());
        let back: Problem = serde_json::from_value(value).unwrap();
        assert_eq!(back, problem);
    }
}
