//! Serving the built app: files from Trunk's `dist`, and `index.html` for app routes.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, VARY};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// The built app, loaded at start-up.
#[derive(Clone, Debug)]
pub struct Spa {
    dir: PathBuf,
    index_html: Bytes,
    /// CSP hash sources of the inline scripts in `index.html`.
    pub inline_script_hashes: Vec<String>,
}

/// Why the app could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error(
    "cannot read the built app's index.html in {dir}: {source} (build it with `cargo xtask run`)"
)]
pub struct SpaError {
    dir: PathBuf,
    source: std::io::Error,
}

impl Spa {
    /// Loads the app from `dir` (which must contain `index.html`).
    pub fn load(dir: &Path) -> Result<Self, SpaError> {
        let index = std::fs::read_to_string(dir.join("index.html")).map_err(|source| SpaError {
            dir: dir.to_owned(),
            source,
        })?;
        Ok(Self {
            dir: dir.to_owned(),
            inline_script_hashes: crate::security::inline_script_hashes(&index),
            index_html: index.into_bytes().into(),
        })
    }

    fn index_response(&self) -> Response {
        (
            [
                (
                    CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                ),
                (CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            ],
            self.index_html.clone(),
        )
            .into_response()
    }
}

/// Whether a file name carries Trunk's content hash (`name-0123456789abcdef.ext`), so
/// that its content never changes under that name.
pub fn is_hashed_asset(file_name: &str) -> bool {
    let stem = file_name.split('.').next().unwrap_or("");
    stem.split(['-', '_']).any(|part| {
        part.len() >= 16
            && part
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    })
}

/// Fallback handler for every non-API path.
pub async fn serve(State(spa): State<Arc<Spa>>, request: Request) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let path = request.uri().path().to_owned();
    let file_name = path.rsplit('/').next().unwrap_or("");
    if path == "/" || path == "/index.html" || !file_name.contains('.') {
        // An app route: the app's router decides what to show (including "not found").
        return spa.index_response();
    }
    let served = ServeDir::new(&spa.dir)
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(request)
        .await;
    let mut response = match served {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    };
    if response.status() == StatusCode::NOT_FOUND {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    }
    let cache = if is_hashed_asset(file_name) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(VARY, HeaderValue::from_static("accept-encoding"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_trunk_hashed_names() {
        assert!(is_hashed_asset("kring-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed_asset("kring-1a2b3c4d5e6f7a8b.js"));
        assert!(is_hashed_asset("main-0123456789abcdef.css"));
        assert!(!is_hashed_asset("manifest.webmanifest"));
        assert!(!is_hashed_asset("icon-192.png"));
        assert!(!is_hashed_asset("index.html"));
    }
}
