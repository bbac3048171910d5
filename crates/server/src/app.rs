//! The HTTP application: the API under `/api/v1`, `/healthz`, and the built app.

use std::net::SocketAddr;
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{middleware, Router};
use kring_api::paths;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::problem::{render_problems, ApiError};
use crate::security::{add_security_headers, SecurityHeaders};
use crate::spa::Spa;
use crate::state::AppState;

pub use crate::problem::JSON_BODY_LIMIT;

/// How long one request may take before the server gives up on it.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Optional parts of the application.
#[derive(Clone, Default)]
pub struct AppOptions {
    /// The built app to serve beside the API.
    pub spa: Option<Arc<Spa>>,
    /// Origins of apps elsewhere that may call the API with credentials.
    pub cors_origins: Vec<String>,
    /// The public address is HTTPS.
    pub https: bool,
}

/// The API routes with JSON bodies, relative to the API base.
fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(crate::organisation::routes())
        .merge(crate::terms::routes())
        .merge(crate::dev::routes())
        .merge(crate::sign_in::routes())
        .merge(crate::account_security::routes())
        .merge(crate::passkeys::routes())
        .merge(crate::provider_sign_in::routes())
        .merge(crate::portals::routes())
        .merge(crate::staff::routes())
        .merge(crate::administration::routes())
        .merge(crate::organisation_settings::routes())
        .merge(crate::dossier::routes())
        .merge(crate::dossier::staff_routes())
        .merge(crate::network::routes())
        .merge(crate::notes::routes())
        .merge(crate::notes::staff_routes())
        .merge(crate::photos::routes())
        .routes(routes!(serve_openapi))
}

/// Every documented route, relative to the API base: what the OpenAPI document
/// describes.
fn documented_routes() -> OpenApiRouter<AppState> {
    api_routes()
        .merge(crate::photos::upload_routes())
        .merge(crate::import::routes())
}

/// The OpenAPI document of this server's API.
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    crate::openapi::document_of(documented_routes())
}

/// The document as pretty JSON with a final newline (as committed in
/// `crates/api/openapi.json`), made once.
pub fn openapi_json() -> &'static str {
    static JSON: LazyLock<String> = LazyLock::new(|| {
        let mut json = openapi_document()
            .to_pretty_json()
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        json.push('\n');
        json
    });
    &JSON
}

/// Builds the whole application.
pub fn build(state: AppState, options: AppOptions) -> Router {
    let readiness = Readiness {
        db: state.db.clone(),
        photos: state.photos.clone(),
    };
    let (json_routes, _) = api_routes().split_for_parts();
    let (upload_routes, _) = crate::photos::upload_routes().split_for_parts();
    let (import_routes, _) = crate::import::routes().split_for_parts();
    let api = json_routes
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(JSON_BODY_LIMIT))
        // Uploads have their own, larger limit (checked while reading the form).
        .merge(upload_routes)
        // Import files too (read up to their limit by the handler).
        .merge(import_routes)
        .fallback(|| async { ApiError::NoSuchEndpoint })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::request_guard::require_same_origin,
        ))
        .layer(CatchPanicLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(middleware::from_fn(refuse_declared_oversize))
        .layer(middleware::from_fn(render_problems))
        .with_state(state);

    let mut app = Router::new()
        .nest(paths::API_BASE, api)
        .route("/healthz/live", get(|| async { "ok" }))
        .route("/healthz/ready", get(ready).with_state(readiness.clone()))
        .route("/healthz", get(ready).with_state(readiness));
    app = match &options.spa {
        Some(spa) => app.fallback_service(
            Router::new()
                .fallback(crate::spa::serve)
                .with_state(spa.clone()),
        ),
        None => app.fallback(|| async { (StatusCode::NOT_FOUND, "Not found") }),
    };

    let script_hashes = options
        .spa
        .as_ref()
        .map(|spa| spa.inline_script_hashes.clone())
        .unwrap_or_default();
    let security = Arc::new(SecurityHeaders::new(&script_hashes, &[], options.https));
    let mut app = app
        .layer(middleware::from_fn_with_state(
            security,
            add_security_headers,
        ))
        // The request's span names the path without its query: a provider's callback
        // carries a code and a `state` there, which never go into a log line.
        .layer(TraceLayer::new_for_http().make_span_with(
            |request: &axum::http::Request<axum::body::Body>| {
                tracing::debug_span!(
                    "request",
                    method = %request.method(),
                    path = %request.uri().path(),
                )
            },
        ));
    if !options.cors_origins.is_empty() {
        app = app.layer(cors(&options.cors_origins));
    }
    app
}

/// Refuses a body whose declared length is over the route's limit before anything else
/// runs (not even the same-origin check reads it). Bodies without a declared length are
/// bounded while they are read.
async fn refuse_declared_oversize(
    request: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    let is_upload = request.method() == Method::POST && request.uri().path().ends_with("/photos");
    let is_import = request.method() == Method::POST
        && (request.uri().path().ends_with(paths::STAFF_IMPORT_CLIENTS)
            || request.uri().path().ends_with(paths::STAFF_IMPORT_STAFF));
    let (limit, stated) = if is_upload {
        (
            crate::photos::UPLOAD_BODY_LIMIT,
            kring_api::photos::PHOTO_MAX_BYTES,
        )
    } else if is_import {
        (
            kring_api::import::IMPORT_MAX_BYTES,
            kring_api::import::IMPORT_MAX_BYTES,
        )
    } else {
        (JSON_BODY_LIMIT, JSON_BODY_LIMIT)
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return ApiError::BodyTooLarge {
            limit_bytes: stated,
        }
        .into_response();
    }
    next.run(request).await
}

/// CORS for an app served from another origin: credentials allowed, only listed origins.
fn cors(origins: &[String]) -> CorsLayer {
    let origins: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o.trim()).ok())
        .collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_credentials(true)
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        .allow_headers([
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::ACCEPT_LANGUAGE,
            header::HeaderName::from_static("x-kring-csrf"),
        ])
        .max_age(Duration::from_secs(600))
}

/// What readiness checks: the database and the photo store.
#[derive(Clone)]
struct Readiness {
    db: crate::db::Pool,
    photos: crate::photo_store::PhotoStore,
}

/// How long readiness waits for the database's write lock: less than a balancer's
/// usual check timeout, and less than the busy timeout requests wait.
const READY_WITHIN: Duration = Duration::from_secs(2);

/// Readiness (`/healthz/ready`, and `/healthz` as before): "ok" only when the database
/// can be read and written and the photo store answers, so a load balancer takes an
/// instance out whose data requests would answer 503. (`/healthz/live` only says the
/// process answers.)
async fn ready(axum::extract::State(check): axum::extract::State<Readiness>) -> impl IntoResponse {
    let database = tokio::time::timeout(READY_WITHIN, crate::db::takes_writes(&check.db)).await;
    match database {
        Ok(Ok(())) => {}
        Ok(Err(error)) => {
            tracing::error!(%error, "readiness: the database takes no writes");
            return (StatusCode::SERVICE_UNAVAILABLE, "database unavailable");
        }
        Err(_) => {
            tracing::error!("readiness: the database's write lock is held elsewhere");
            return (StatusCode::SERVICE_UNAVAILABLE, "database unavailable");
        }
    }
    if let Err(error) = check.photos.answers().await {
        tracing::error!(%error, "readiness: the photo store does not answer");
        return (StatusCode::SERVICE_UNAVAILABLE, "photo store unavailable");
    }
    (StatusCode::OK, "ok")
}

/// This document.
#[utoipa::path(
    get, path = paths::OPENAPI, tag = "meta", operation_id = "get_openapi",
    responses((status = 200, description = "The OpenAPI 3.1 document of this API", content_type = "application/json"))
)]
async fn serve_openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], openapi_json())
}

/// Serves on a bound listener until Ctrl-C or SIGTERM, finishing open requests. Each
/// request knows its peer address (for rate limits and the access log).
pub async fn serve(listener: tokio::net::TcpListener, app: Router) -> std::io::Result<()> {
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing open requests");
}
