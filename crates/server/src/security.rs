//! Security headers on every response.

use axum::extract::{Request, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY,
    STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};

/// The header values, computed once at start-up.
#[derive(Clone, Debug)]
pub struct SecurityHeaders {
    /// CSP for the app's HTML page.
    pub app_csp: HeaderValue,
    /// CSP for everything else (JSON, images, scripts): nothing may run or be framed.
    pub resource_csp: HeaderValue,
    /// Send HSTS (only when the public address is HTTPS).
    pub hsts: bool,
}

impl SecurityHeaders {
    /// Builds the headers; `inline_script_hashes` are the CSP hash sources of the
    /// inline scripts in `index.html` (Trunk's module loader).
    pub fn new(inline_script_hashes: &[String], connect_origins: &[String], hsts: bool) -> Self {
        let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
        for hash in inline_script_hashes {
            script_src.push(' ');
            script_src.push_str(hash);
        }
        let mut connect_src = String::from("'self'");
        for origin in connect_origins {
            connect_src.push(' ');
            connect_src.push_str(origin);
        }
        let app_csp = format!(
            "default-src 'self'; script-src {script_src}; style-src 'self'; img-src 'self' data: blob:; \
             font-src 'self'; connect-src {connect_src}; manifest-src 'self'; worker-src 'self'; \
             object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        );
        Self {
            app_csp: HeaderValue::from_str(&app_csp).expect("CSP is ASCII"),
            resource_csp: HeaderValue::from_static(
                "default-src 'none'; frame-ancestors 'none'; sandbox",
            ),
            hsts,
        }
    }
}

/// The CSP hash sources (`'sha256-…'`) of every inline `<script>` in an HTML page.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    use base64::Engine;
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body_start = tag_end + 1;
        let Some(close) = after[body_start..].find("</script>") else {
            break;
        };
        let body = &after[body_start..body_start + close];
        if !tag.contains(" src=") && !body.trim().is_empty() {
            let digest = Sha256::digest(body.as_bytes());
            hashes.push(format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        rest = &after[body_start + close + "</script>".len()..];
    }
    hashes
}

/// Middleware: adds the security headers to every response.
pub async fn add_security_headers(
    State(headers): State<std::sync::Arc<SecurityHeaders>>,
    request: Request,
    next: Next,
) -> Response {
    let is_api = request.uri().path().starts_with(kring_api::paths::API_BASE);
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    let h = response.headers_mut();
    let csp = if is_html {
        headers.app_csp.clone()
    } else {
        headers.resource_csp.clone()
    };
    h.insert(CONTENT_SECURITY_POLICY, csp);
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(
            "camera=(self), geolocation=(), microphone=(), payment=(), usb=()",
        ),
    );
    if headers.hsts {
        h.insert(
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    if is_api {
        // Medical data: never stored by the browser or any cache in between. (Photo
        // images say `private, no-store` themselves.)
        if !h.contains_key(CACHE_CONTROL) {
            h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html = r#"<html><head><script src="/a.js"></script>
<script type="module">
import init from '/x.js';
</script></head><body><script>  </script></body></html>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        let expected = {
            use base64::Engine;
            let d = Sha256::digest("\nimport init from '/x.js';\n".as_bytes());
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(d)
            )
        };
        assert_eq!(hashes[0], expected);
    }

    #[test]
    fn app_csp_allows_wasm_but_no_unsafe_script() {
        let h = SecurityHeaders::new(&["'sha256-abc'".into()], &[], false);
        let csp = h.app_csp.to_str().unwrap();
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(csp.contains("'sha256-abc'"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("'unsafe-inline'"));
        assert!(!csp.contains("'unsafe-eval'"));
    }
}
