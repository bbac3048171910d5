//! The whole application through HTTP: problem details, limits, security headers,
//! serving the built app, the OpenAPI document.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Method, StatusCode};
use axum::routing::post;
use axum::{middleware, Router};
use serde::Deserialize;

use crate::app::{AppOptions, JSON_BODY_LIMIT};
use crate::problem::{render_problems, ApiJson};
use crate::spa::Spa;
use crate::test_support::{request, send, test_app};

#[tokio::test]
async fn unknown_api_paths_are_problems_in_the_requested_language() {
    let app = test_app(AppOptions::default(), false).await;
    let nl = app
        .get("/api/v1/does-not-exist")
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    assert_eq!(nl["title"], "Niet gevonden");
    assert_eq!(nl["instance"], "/api/v1/does-not-exist");

    let en = app
        .send(
            request(Method::GET, "/api/v1/does-not-exist")
                .header("accept-language", "en-GB,en;q=0.9")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(en.header("content-language"), "en");
    assert_eq!(
        en.assert_problem(StatusCode::NOT_FOUND, "not-found")["title"],
        "Not found"
    );
}

#[tokio::test]
async fn wrong_method_is_a_problem() {
    let app = test_app(AppOptions::default(), false).await;
    let response = app
        .send(
            app.app_request(Method::DELETE, "/api/v1/organisation", None)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    response.assert_problem(StatusCode::METHOD_NOT_ALLOWED, "method-not-allowed");
}

#[tokio::test]
async fn oversized_bodies_are_refused_before_anything_runs() {
    let app = test_app(AppOptions::default(), false).await;
    let body = vec![b'x'; JSON_BODY_LIMIT + 1];
    let response = app
        .send(
            request(Method::POST, "/api/v1/terms")
                .header("content-type", "application/json")
                .header("content-length", body.len())
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    let problem = response.assert_problem(StatusCode::PAYLOAD_TOO_LARGE, "body-too-large");
    assert_eq!(
        problem["detail"],
        "Dit mag hoogstens 64 KB groot zijn. Er is niets veranderd."
    );
}

#[derive(Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
struct Echo {
    name: String,
    count: u32,
}

async fn echo(ApiJson(echo): ApiJson<Echo>) -> ApiJson<Echo> {
    ApiJson(echo)
}

fn echo_router() -> Router {
    Router::new()
        .route("/echo", post(echo))
        .layer(axum::extract::DefaultBodyLimit::max(64))
        .layer(middleware::from_fn(render_problems))
}

async fn post_echo(body: &str, content_type: Option<&str>) -> crate::test_support::TestResponse {
    let mut builder = request(Method::POST, "/echo");
    if let Some(ct) = content_type {
        builder = builder.header("content-type", ct);
    }
    send(
        &echo_router(),
        builder.body(Body::from(body.to_owned())).unwrap(),
    )
    .await
}

#[tokio::test]
async fn json_bodies_must_match_the_contract_exactly() {
    let ok = post_echo(r#"{"name":"Daan","count":2}"#, Some("application/json")).await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.json()["name"], "Daan");

    post_echo(r#"{"name":"Daan","count":"#, Some("application/json"))
        .await
        .assert_problem(StatusCode::BAD_REQUEST, "malformed-json");
    post_echo(r#"{"name":"Daan","count":"two"}"#, Some("application/json"))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    post_echo(
        r#"{"name":"Daan","count":2,"admin":true}"#,
        Some("application/json"),
    )
    .await
    .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    post_echo(r#"{"name":"Daan"}"#, Some("application/json"))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    // serde would read the struct from its fields in order; the contract has objects only.
    post_echo(r#"["Daan",2]"#, Some("application/json"))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    post_echo(r#"{"name":"Daan","count":2}"#, Some("text/plain"))
        .await
        .assert_problem(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type");
    post_echo(r#"{"name":"Daan","count":2}"#, None)
        .await
        .assert_problem(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type");
    let long = format!(r#"{{"name":"{}","count":2}}"#, "a".repeat(100));
    post_echo(&long, Some("application/json"))
        .await
        .assert_problem(StatusCode::PAYLOAD_TOO_LARGE, "body-too-large");
}

#[tokio::test]
async fn api_responses_carry_security_headers_and_no_store() {
    let app = test_app(AppOptions::default(), false).await;
    let response = app.get("/api/v1/organisation").await;
    assert_eq!(response.header("x-content-type-options"), "nosniff");
    assert_eq!(response.header("referrer-policy"), "no-referrer");
    assert_eq!(response.header("cache-control"), "no-store");
    assert!(response
        .header("content-security-policy")
        .contains("frame-ancestors 'none'"));
    assert_eq!(
        response.header("strict-transport-security"),
        "",
        "no HSTS over plain HTTP"
    );

    let https = test_app(
        AppOptions {
            https: true,
            ..AppOptions::default()
        },
        false,
    )
    .await;
    let response = https.get("/api/v1/organisation").await;
    assert!(response
        .header("strict-transport-security")
        .starts_with("max-age="));
}

const INDEX: &str = r#"<!doctype html><html lang="nl"><head><title>Kring</title>
<link rel="modulepreload" href="/kring-0123456789abcdef.js">
<script type="module">
import init from '/kring-0123456789abcdef.js';
await init('/kring-0123456789abcdef_bg.wasm');
</script></head><body><p>Laden…</p></body></html>"#;

fn built_app() -> tempfile::TempDir {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), INDEX).unwrap();
    std::fs::write(
        dist.path().join("kring-0123456789abcdef_bg.wasm"),
        b"\0asm\x01\0\0\0",
    )
    .unwrap();
    std::fs::write(
        dist.path().join("kring-0123456789abcdef.js"),
        "export default 1;",
    )
    .unwrap();
    std::fs::write(
        dist.path().join("kring-0123456789abcdef.js.br"),
        b"brotli-bytes",
    )
    .unwrap();
    std::fs::write(
        dist.path().join("kring-0123456789abcdef.js.gz"),
        b"gzip-bytes",
    )
    .unwrap();
    std::fs::write(dist.path().join("manifest.webmanifest"), "{}").unwrap();
    dist
}

async fn app_with_spa(dist: &tempfile::TempDir) -> crate::test_support::TestApp {
    let spa = Arc::new(Spa::load(dist.path()).unwrap());
    test_app(
        AppOptions {
            spa: Some(spa),
            ..AppOptions::default()
        },
        false,
    )
    .await
}

#[tokio::test]
async fn app_routes_get_index_html_with_a_csp_that_lets_only_the_loader_run() {
    let dist = built_app();
    let app = app_with_spa(&dist).await;
    for path in ["/", "/dossier/rapportages", "/onbekend"] {
        let response = app.get(path).await;
        assert_eq!(response.status, StatusCode::OK, "{path}");
        assert_eq!(response.header("content-type"), "text/html; charset=utf-8");
        assert_eq!(response.header("cache-control"), "no-cache");
        assert_eq!(response.body, INDEX.as_bytes());
        let csp = response.header("content-security-policy");
        let hashes = crate::security::inline_script_hashes(INDEX);
        assert_eq!(hashes.len(), 1);
        assert!(csp.contains(&hashes[0]), "{csp}");
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'"));
        assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert_eq!(response.header("x-frame-options"), "DENY");
    }
}

#[tokio::test]
async fn hashed_assets_are_immutable_with_the_right_types() {
    let dist = built_app();
    let app = app_with_spa(&dist).await;
    let wasm = app.get("/kring-0123456789abcdef_bg.wasm").await;
    assert_eq!(wasm.status, StatusCode::OK);
    assert_eq!(wasm.header("content-type"), "application/wasm");
    assert_eq!(
        wasm.header("cache-control"),
        "public, max-age=31536000, immutable"
    );

    let manifest = app.get("/manifest.webmanifest").await;
    assert_eq!(manifest.status, StatusCode::OK);
    assert_eq!(manifest.header("cache-control"), "no-cache");

    let missing = app.get("/kring-ffffffffffffffff.js").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn precompressed_variants_follow_accept_encoding() {
    let dist = built_app();
    let app = app_with_spa(&dist).await;
    let get = |encoding: &'static str| {
        request(Method::GET, "/kring-0123456789abcdef.js")
            .header("accept-encoding", encoding)
            .body(Body::empty())
            .unwrap()
    };
    let br = app.send(get("gzip, deflate, br")).await;
    assert_eq!(br.header("content-encoding"), "br");
    assert_eq!(br.body.as_ref(), b"brotli-bytes");
    assert!(br.header("content-type").starts_with("text/javascript"));
    let gz = app.send(get("gzip")).await;
    assert_eq!(gz.header("content-encoding"), "gzip");
    assert_eq!(gz.body.as_ref(), b"gzip-bytes");
    let plain = app.send(get("identity")).await;
    assert_eq!(plain.header("content-encoding"), "");
    assert_eq!(plain.body.as_ref(), b"export default 1;");
    assert!(plain
        .header("vary")
        .to_ascii_lowercase()
        .contains("accept-encoding"));
}

#[tokio::test]
async fn the_app_does_not_accept_writes_outside_the_api() {
    let dist = built_app();
    let app = app_with_spa(&dist).await;
    let response = app
        .send(
            request(Method::POST, "/dossier")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(response.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn openapi_document_is_served_and_matches_the_committed_file() {
    let app = test_app(AppOptions::default(), false).await;
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status, StatusCode::OK);
    let served = String::from_utf8(response.body.to_vec()).unwrap();
    let generated = crate::app::openapi_json();
    assert_eq!(served, generated);
    assert!(generated.contains("\"openapi\": \"3.1.0\""));

    let committed_path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../api/openapi.json");
    if std::env::var_os("KRING_UPDATE_OPENAPI").is_some() {
        std::fs::write(&committed_path, generated).unwrap();
    }
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    assert!(
        committed == generated,
        "crates/api/openapi.json is out of date: run `cargo xtask openapi` and commit it"
    );
}

#[test]
fn the_document_says_which_operations_need_a_second_factor() {
    let document: serde_json::Value = serde_json::from_str(crate::app::openapi_json()).unwrap();
    let paths = &document["paths"];
    for path in crate::openapi::WITHOUT_SECOND_FACTOR {
        let item = paths
            .get(path)
            .unwrap_or_else(|| panic!("{path} is not in the document"));
        assert!(
            !item.to_string().contains("second-factor-required"),
            "{path}"
        );
    }
    // With a session of its own kind of 403 (a shared response), and without any 403.
    for (path, method) in [
        ("/api/v1/portals", "get"),
        ("/api/v1/account/password", "post"),
        ("/api/v1/staff/clients", "post"),
    ] {
        let forbidden = &paths[path][method]["responses"]["403"]["description"];
        assert!(
            forbidden
                .as_str()
                .is_some_and(|d| d.contains("second-factor-required")),
            "{method} {path}: {forbidden}"
        );
    }
    // Public operations never answer it.
    assert!(!paths["/api/v1/auth/sign-in"]
        .to_string()
        .contains("second-factor-required"));
}

#[tokio::test]
async fn every_documented_operation_is_routed() {
    let document = crate::app::openapi_document();
    let app = test_app(AppOptions::default(), true).await;
    let mut operations = 0;
    for (path, item) in &document.paths.paths {
        let concrete = path
            .replace("{version}", "1")
            .replace("{client_id}", "1")
            .replace("{account_id}", "1")
            .replace("{plan_id}", "1")
            .replace("{report_id}", "1")
            .replace("{id}", "1")
            .replace("{invitation_id}", "1")
            .replace("{contact_id}", "1")
            .replace("{note_id}", "1")
            .replace("{photo_id}", "1")
            .replace("{width}", "320");
        let methods = [
            (item.get.is_some(), Method::GET),
            (item.post.is_some(), Method::POST),
            (item.delete.is_some(), Method::DELETE),
            (item.put.is_some(), Method::PUT),
            (item.patch.is_some(), Method::PATCH),
        ];
        for method in methods
            .into_iter()
            .filter_map(|(present, m)| present.then_some(m))
        {
            operations += 1;
            let response = app
                .send(
                    app.app_request(method.clone(), &concrete, None)
                        .header("content-type", "application/json")
                        .body(Body::from("{}"))
                        .unwrap(),
                )
                .await;
            assert_ne!(
                response.status,
                StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path}"
            );
            let detail = response
                .json_opt()
                .and_then(|j| j["detail"].as_str().map(str::to_owned))
                .unwrap_or_default();
            assert_ne!(
                detail, "Dit adres bestaat niet in de API.",
                "{method} {path} is not routed"
            );
        }
    }
    assert!(operations >= 73, "only {operations} operations documented");
    // And an address that is no endpoint says so.
    let unknown = app.get("/api/v1/nergens").await.json();
    assert_eq!(unknown["detail"], "Dit adres bestaat niet in de API.");
}

/// The environment variables naming the commands that stop and start the test
/// PostgreSQL server (each a JSON array: program and arguments); `cargo xtask test
/// --suite postgres` sets them for [`a_stopped_postgresql_is_a_503_and_the_server_recovers_by_itself`].
#[cfg(feature = "postgres")]
const PG_STOP_ENV: &str = "KRING_TEST_PG_STOP";
/// See [`PG_STOP_ENV`].
#[cfg(feature = "postgres")]
const PG_START_ENV: &str = "KRING_TEST_PG_START";

/// Runs the command an environment variable names (a JSON array) and asserts it worked.
#[cfg(feature = "postgres")]
fn run_pg_control(env: &str) {
    let json = std::env::var(env).unwrap_or_else(|_| {
        panic!("{env} is not set: run this test with `cargo xtask test --suite postgres`")
    });
    let words: Vec<String> = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("{env} is not a JSON array of words ({e}): {json}"));
    let (program, args) = words.split_first().expect("a program");
    let status = std::process::Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    assert!(status.success(), "{json} failed: {status}");
}

/// PostgreSQL stops (an upgrade, a failover): reads and writes answer 503
/// `database-unavailable` with `Retry-After` and no internals; once it runs again, the
/// same app and pool serve the same requests, without a restart. Ignored in the
/// parallel run because it stops the server every test uses; the `postgres` suite runs
/// it on its own afterwards.
#[cfg(feature = "postgres")]
#[ignore = "stops the shared PostgreSQL server; `cargo xtask test --suite postgres` runs it alone"]
#[tokio::test]
async fn a_stopped_postgresql_is_a_503_and_the_server_recovers_by_itself() {
    let app = test_app(AppOptions::default(), true).await;
    let portal = app.create_portal("f").await;
    let admin = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    app.accept_current_terms(&admin).await;
    let notes = format!("/api/v1/portals/{}/notes", portal.client_id);
    let write = || {
        app.post_json(
            &notes,
            serde_json::json!({ "body": "Komt dit aan?" }),
            Some(&admin),
        )
    };

    run_pg_control(PG_STOP_ENV);
    let read = app.get_signed_in(&notes, &admin).await;
    let written = write().await;
    // Start it again before asserting, so a failed assertion leaves the server running.
    run_pg_control(PG_START_ENV);
    for refused in [&read, &written] {
        let problem =
            refused.assert_problem(StatusCode::SERVICE_UNAVAILABLE, "database-unavailable");
        assert_eq!(refused.header("retry-after"), "30");
        let text = problem.to_string().to_lowercase();
        for internal in [
            "postgres",
            "pool",
            "connect",
            "refused",
            "timed out",
            "sqlx",
        ] {
            assert!(
                !text.contains(internal),
                "no internals ({internal}): {text}"
            );
        }
    }

    let read = app.get_signed_in(&notes, &admin).await;
    assert_eq!(read.status, StatusCode::OK, "reads work again");
    assert_eq!(
        read.json()["items"],
        serde_json::json!([]),
        "nothing was written"
    );
    let written = write().await;
    assert_eq!(written.status, StatusCode::CREATED, "writes work again");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notes")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(count, 1);
}

#[tokio::test]
async fn healthz_answers() {
    let app = test_app(AppOptions::default(), false).await;
    for path in ["/healthz", "/healthz/live", "/healthz/ready"] {
        let response = app.get(path).await;
        assert_eq!(response.status, StatusCode::OK, "{path}");
        assert_eq!(response.body.as_ref(), b"ok", "{path}");
    }
}

/// While another process holds the SQLite write lock every data request answers 503,
/// so readiness says so too (and soon, for a load balancer); liveness stays ok, and
/// readiness is back once the lock is let go.
#[cfg(feature = "sqlite")]
#[tokio::test]
async fn readiness_fails_while_the_database_takes_no_writes() {
    use sqlx::Connection;

    let app = test_app(AppOptions::default(), false).await;
    let file = app._dir.path().join("test.sqlite");
    let mut other = sqlx::SqliteConnection::connect(&format!("sqlite://{}", file.display()))
        .await
        .unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut other)
        .await
        .unwrap();
    let started = std::time::Instant::now();
    for path in ["/healthz/ready", "/healthz"] {
        let response = app.get(path).await;
        assert_eq!(response.status, StatusCode::SERVICE_UNAVAILABLE, "{path}");
        assert_eq!(response.body.as_ref(), b"database unavailable");
    }
    assert!(
        started.elapsed() < std::time::Duration::from_secs(6),
        "answered within the check's time"
    );
    assert_eq!(app.get("/healthz/live").await.status, StatusCode::OK);
    sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
    other.close().await.unwrap();
    assert_eq!(app.get("/healthz/ready").await.status, StatusCode::OK);
}

/// A photo store that does not answer (its folder gone) makes the instance not ready.
#[tokio::test]
async fn readiness_fails_while_the_photo_store_does_not_answer() {
    let app = test_app(AppOptions::default(), false).await;
    std::fs::remove_dir_all(app._dir.path().join("photos")).unwrap();
    let response = app.get("/healthz/ready").await;
    assert_eq!(response.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.body.as_ref(), b"photo store unavailable");
}

/// Another process holds the SQLite database longer than the busy timeout (a backup, a
/// stuck tool): requests answer 503 `database-unavailable` without internals and change
/// nothing; once it lets go, the same request works, without a restart. SQLite only:
/// PostgreSQL has no database-wide write lock (its 503 test stops the server instead).
#[cfg(feature = "sqlite")]
#[tokio::test]
async fn an_unavailable_database_is_a_503_and_the_server_recovers_by_itself() {
    use sqlx::Connection;

    let app = test_app(AppOptions::default(), true).await;
    let portal = app.create_portal("f").await;
    let admin = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    app.accept_current_terms(&admin).await;
    let notes = format!("/api/v1/portals/{}/notes", portal.client_id);
    let count = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM notes")
            .fetch_one(&app.state.db)
            .await
            .unwrap()
    };

    let file = app._dir.path().join("test.sqlite");
    let mut other = sqlx::SqliteConnection::connect(&format!("sqlite://{}", file.display()))
        .await
        .unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut other)
        .await
        .unwrap();
    let refused = app
        .post_json(
            &notes,
            serde_json::json!({ "body": "Komt dit aan?" }),
            Some(&admin),
        )
        .await;
    let problem = refused.assert_problem(StatusCode::SERVICE_UNAVAILABLE, "database-unavailable");
    assert_eq!(refused.header("retry-after"), "30");
    let text = problem.to_string().to_lowercase();
    assert!(
        !text.contains("sqlite") && !text.contains("locked") && !text.contains("busy"),
        "no internals: {text}"
    );
    sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
    other.close().await.unwrap();
    assert_eq!(count().await, 0, "nothing changed");

    let written = app
        .post_json(
            &notes,
            serde_json::json!({ "body": "Komt dit aan?" }),
            Some(&admin),
        )
        .await;
    assert_eq!(written.status, StatusCode::CREATED);
    assert_eq!(count().await, 1);
}
