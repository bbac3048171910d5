//! Checks on the request itself: where it comes from (client address) and whether a
//! state-changing request really comes from the app (CSRF).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::problem::ApiError;
use crate::state::AppState;

/// The header the app sends on every state-changing request. Other sites cannot send
/// it without a CORS preflight that this server refuses them.
pub const CSRF_HEADER: &str = "x-kring-csrf";

/// The network address a request came from ("unknown" when there is none, as in tests
/// that call the router directly).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(client_address(parts, state.settings.trust_forwarded_for))
    }
}

fn client_address(parts: &Parts, trust_forwarded_for: bool) -> ClientAddress {
    if trust_forwarded_for {
        if let Some(last) = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            return ClientAddress(last.to_owned());
        }
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| ClientAddress(addr.ip().to_string()))
        .unwrap_or_else(|| ClientAddress("unknown".into()))
}

/// Middleware: every request that may change something must carry [`CSRF_HEADER`] and an
/// `Origin` that is this server's own (or an allowed app origin). GET never changes
/// anything, so it passes.
pub async fn require_same_origin(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    if let Err(reason) = check_origin(&request, &state) {
        return ApiError::CsrfRejected(reason).into_response();
    }
    next.run(request).await
}

fn check_origin(request: &Request, state: &AppState) -> Result<(), &'static str> {
    let headers = request.headers();
    if headers.get(CSRF_HEADER).is_none() {
        return Err("the app's header is missing");
    }
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .ok_or("no Origin header")?;
    let scheme = if state.settings.https {
        "https"
    } else {
        "http"
    };
    let own = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(|host| format!("{scheme}://{host}"));
    let public = origin_of(&state.settings.public_url);
    let allowed = own.as_deref() == Some(origin)
        || public == Some(origin)
        || state
            .settings
            .allowed_origins
            .iter()
            .any(|o| o.trim_end_matches('/') == origin);
    if allowed {
        Ok(())
    } else {
        Err("the Origin is another site")
    }
}

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> Option<&str> {
    let after_scheme = url.find("://")? + 3;
    let end = url[after_scheme..]
        .find('/')
        .map(|i| after_scheme + i)
        .unwrap_or(url.len());
    Some(&url[..end])
}

/// Refuses with `unsupported-media-type` unless the request's `Content-Type` is `media`
/// (parameters such as `charset` aside, any capitals): for endpoints that take a file
/// as their whole body.
pub fn require_media_type(headers: &axum::http::HeaderMap, media: &str) -> Result<(), ApiError> {
    let matches = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|value| value.trim().eq_ignore_ascii_case(media));
    if matches {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_of_strips_the_path() {
        assert_eq!(
            origin_of("http://127.0.0.1:8080/"),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(
            origin_of("https://portaal.example.nl"),
            Some("https://portaal.example.nl")
        );
        assert_eq!(origin_of("nonsense"), None);
    }
}
