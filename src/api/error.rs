//! What can go wrong talking to the API, typed so the app can explain it.

use kring_api::{Problem, ProblemCode};

/// A failed API call.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The browser is offline.
    #[error("offline")]
    Offline,
    /// The request did not reach the server, or no answer came back.
    #[error("network: {0}")]
    Network(String),
    /// The server answered with a problem (RFC 9457).
    #[error("{}: {}", .0.code.as_str(), .0.title)]
    Problem(Box<Problem>),
    /// The server answered with an error status but no problem body.
    #[error("HTTP {0}")]
    Status(u16),
    /// The answer was not what the contract promises.
    #[error("unexpected answer: {0}")]
    Decode(String),
}

impl ApiError {
    /// The problem code, when the server sent one.
    pub fn code(&self) -> Option<ProblemCode> {
        match self {
            ApiError::Problem(problem) => Some(problem.code),
            _ => None,
        }
    }
}
