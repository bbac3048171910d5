//! Helpers for the server's tests: a real database (a SQLite file in a temporary
//! folder, or a fresh database on a PostgreSQL server in the `postgres` build), the
//! real router, and requests sent through it without a socket.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use kring_api::{DocumentSection, LocalizedText};
use tower::ServiceExt;

use crate::app::{self, AppOptions};
use crate::clock::ManualClock;
use crate::db::{self, Pool};
use crate::outbox::DevOutbox;
use crate::state::AppState;
use crate::terms::{self, NewTermsVersion};

/// A running application on a fresh database.
pub struct TestApp {
    /// The router under test.
    pub router: Router,
    /// Its state (database, clock).
    pub state: AppState,
    /// The clock the app reads; move it to test time rules.
    pub clock: ManualClock,
    /// Keeps the temporary folder alive.
    pub _dir: tempfile::TempDir,
    /// The URL another program (the command line) opens the same database with.
    pub database_url: String,
}

/// A response, fully read.
pub struct TestResponse {
    /// Status code.
    pub status: StatusCode,
    /// Headers.
    pub headers: HeaderMap,
    /// Body bytes.
    pub body: Bytes,
}

impl TestResponse {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "body is not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// The body as JSON, if it is JSON.
    pub fn json_opt(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// A header as text ("" when absent).
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// Asserts this is a problem response with `code` and `status`.
    pub fn assert_problem(&self, status: StatusCode, code: &str) -> serde_json::Value {
        assert_eq!(
            self.status,
            status,
            "body: {}",
            String::from_utf8_lossy(&self.body)
        );
        assert_eq!(self.header("content-type"), "application/problem+json");
        let json = self.json();
        assert_eq!(json["code"], code);
        assert_eq!(json["status"], status.as_u16());
        assert_eq!(json["type"], format!("urn:kring:problem:{code}"));
        assert!(json["title"].as_str().is_some_and(|t| !t.is_empty()));
        json
    }
}

/// The origin the test app believes it is served at.
pub const TEST_ORIGIN: &str = "http://portal.test";

/// 2026-03-01 12:00 UTC: a fixed "now" for tests.
pub fn test_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap()
}

/// A date from text.
pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A fresh, migrated database, and a temporary folder (for photos; on SQLite it also
/// holds the database file).
pub async fn fresh_db() -> (Pool, tempfile::TempDir) {
    let (db, dir, _url) = fresh_db_with_url().await;
    (db, dir)
}

/// [`fresh_db`], and the URL a second program (the command line) would open it with.
#[cfg(feature = "sqlite")]
pub async fn fresh_db_with_url() -> (Pool, tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("test.sqlite").display());
    let db = db::connect(&url).await.unwrap();
    (db, dir, url)
}

/// The environment variable naming the PostgreSQL server the tests create their
/// databases on (an administrator's URL, e.g. `postgres://postgres@127.0.0.1:5432/postgres`).
#[cfg(feature = "postgres")]
pub const POSTGRES_URL_ENV: &str = "KRING_TEST_POSTGRES_URL";

/// [`fresh_db`], and the URL a second program (the command line) would open it with.
///
/// Each test gets a database of its own on the server named by [`POSTGRES_URL_ENV`]:
/// tests run in parallel threads (and test binaries in parallel processes), so the
/// name joins this process's id with a counter. They are not dropped afterwards: use a
/// throwaway server, as the xtask does. (Copying one migrated template database
/// instead of migrating each was measured: no faster.)
#[cfg(feature = "postgres")]
pub async fn fresh_db_with_url() -> (Pool, tempfile::TempDir, String) {
    use sqlx::Connection;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let admin_url = std::env::var(POSTGRES_URL_ENV).unwrap_or_else(|_| {
        panic!(
            "the PostgreSQL build's tests need a PostgreSQL server: set {POSTGRES_URL_ENV} to an \
             administrator's URL (postgres://postgres@127.0.0.1:PORT/postgres), or run \
             `cargo xtask test --suite postgres`, which starts a throwaway server for them"
        )
    });
    let name = format!(
        "kring_test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let mut admin = sqlx::PgConnection::connect(&admin_url)
        .await
        .unwrap_or_else(|e| panic!("cannot reach the test PostgreSQL server: {e}"));
    // A leftover from an earlier run whose process had the same id.
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    admin.close().await.unwrap();
    let url = database_url_for(&admin_url, &name);
    let db = db::connect(&url).await.unwrap();
    (db, tempfile::tempdir().unwrap(), url)
}

/// `admin_url` with its database name replaced by `name` (any `?options` kept).
#[cfg(feature = "postgres")]
fn database_url_for(admin_url: &str, name: &str) -> String {
    let (base, query) = match admin_url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (admin_url, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let server = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    }
}

/// Inserts a small organisation ("test-org") and returns its id.
pub async fn insert_organisation(db: &Pool, slug: &str, grace_days: i64) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO organisations (slug, name, short_name, logo_svg, colour_primary, colour_on_primary, \
         colour_accent, emergency_phone, emergency_phone_display, emergency_hours_nl, emergency_hours_en, \
         care_team_phone, care_team_phone_display, care_team_email, care_team_hours_nl, care_team_hours_en, \
         access_grace_days, retention_years, correction_deadline_days, created_at) \
         VALUES ($1, 'Zorg Test', 'Test', '<svg xmlns=\"http://www.w3.org/2000/svg\"/>', '#114477', '#ffffff', \
         '#114477', '+31201234567', '020 123 45 67', 'Altijd', 'Always', '+31201234500', '020 123 45 00', \
         'team@test.example', 'Werkdagen', 'Weekdays', $2, 20, 30, $3) RETURNING id",
    )
    .bind(slug)
    .bind(grace_days)
    .bind(test_now())
    .fetch_one(db)
    .await
    .unwrap()
}

/// Terms text for tests.
pub fn terms_text(marker: &str) -> NewTermsVersion {
    NewTermsVersion {
        in_force_from: date("2025-01-01"),
        change_summary: LocalizedText::new(
            format!("Wijziging {marker}"),
            format!("Change {marker}"),
        ),
        sections: vec![DocumentSection {
            heading: LocalizedText::new("Gebruik", "Use"),
            body: LocalizedText::new(format!("Tekst {marker}"), format!("Text {marker}")),
        }],
    }
}

/// An app for organisation "test-org" with a privacy statement, terms version 1 (in force since 2025-01-01)
/// and version 2 (in force from 2026-06-01, after the test clock's "now").
pub async fn test_app(options: AppOptions, demo_mode: bool) -> TestApp {
    let (db, dir, database_url) = fresh_db_with_url().await;
    let organisation_id = insert_organisation(&db, "test-org", 7).await;
    let _other = insert_organisation(&db, "other-org", 14).await;
    terms::publish(&db, organisation_id, &terms_text("een"), test_now())
        .await
        .unwrap();
    let mut v2 = terms_text("twee");
    v2.in_force_from = date("2026-06-01");
    terms::publish(&db, organisation_id, &v2, test_now())
        .await
        .unwrap();
    sqlx::query("INSERT INTO privacy_statements (organisation_id, updated_on, sections) VALUES ($1, $2, $3)")
        .bind(organisation_id)
        .bind(date("2026-01-01"))
        .bind(r#"[{"heading":{"nl":"Wie","en":"Who"},"body":{"nl":"Wij","en":"We"}}]"#)
        .execute(&db)
        .await
        .unwrap();
    let clock = ManualClock::new(test_now());
    let state = AppState {
        sender: Arc::new(DevOutbox::new(db.clone(), Arc::new(clock.clone()))),
        db,
        organisation_id,
        clock: Arc::new(clock.clone()),
        demo_mode,
        settings: Arc::new(crate::settings::Settings::local(TEST_ORIGIN)),
        passwords: crate::auth::PasswordHasher::new(2).unwrap(),
        access_log_turn: Default::default(),
        photos: crate::photos::PhotoStore::local(&dir.path().join("photos")).unwrap(),
        photo_memory: crate::memory_budget::MemoryBudget::for_photos(),
    };
    TestApp {
        router: app::build(state.clone(), options),
        state,
        clock,
        _dir: dir,
        database_url,
    }
}

impl TestApp {
    /// Sends a request and reads the whole response.
    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        send(&self.router, request).await
    }

    /// GET `path`.
    pub async fn get(&self, path: &str) -> TestResponse {
        self.send(request(Method::GET, path).body(Body::empty()).unwrap())
            .await
    }
}

/// A request builder (no `Accept-Language`: the server's default, Dutch, applies).
pub fn request(method: Method, path: &str) -> axum::http::request::Builder {
    Request::builder().method(method).uri(path)
}

/// Sends a request through any router.
pub async fn send(router: &Router, request: Request<Body>) -> TestResponse {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    TestResponse {
        status,
        headers,
        body,
    }
}

/// The password test accounts use.
pub const TEST_PASSWORD: &str = "zonnebloem op het balkon";

/// A client in the test organisation with a portal administrator and a contact.
pub struct TestPortal {
    /// The client's id.
    pub client_id: i64,
    /// The administrator's e-mail address.
    pub admin_email: String,
    /// The administrator's mobile number.
    pub admin_mobile: String,
    /// The administrator's account id.
    pub admin_account: i64,
    /// The contact's e-mail address.
    pub contact_email: String,
    /// The contact's mobile number.
    pub contact_mobile: String,
    /// The contact's account id.
    pub contact_account: i64,
}

impl TestApp {
    /// A request with the headers the app sends on state-changing requests.
    pub fn app_request(
        &self,
        method: Method,
        path: &str,
        cookie: Option<&str>,
    ) -> axum::http::request::Builder {
        let mut builder = request(method, path)
            .header("origin", TEST_ORIGIN)
            .header("host", "portal.test")
            .header(crate::request_guard::CSRF_HEADER, "1");
        if let Some(cookie) = cookie {
            builder = builder.header("cookie", cookie);
        }
        builder
    }

    /// POST JSON as the app does (CSRF header, own origin), optionally signed in.
    pub async fn post_json(
        &self,
        path: &str,
        body: serde_json::Value,
        cookie: Option<&str>,
    ) -> TestResponse {
        self.send(
            self.app_request(Method::POST, path, cookie)
                .header("content-type", "application/json")
                .body(Body::from(body.to_string()))
                .unwrap(),
        )
        .await
    }

    /// Any method as the app sends it, with a JSON body or none, optionally signed in.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<serde_json::Value>,
        cookie: Option<&str>,
    ) -> TestResponse {
        let builder = self.app_request(method, path, cookie);
        let request = match body {
            Some(body) => builder
                .header("content-type", "application/json")
                .body(Body::from(body.to_string())),
            None => builder.body(Body::empty()),
        };
        self.send(request.unwrap()).await
    }

    /// GET with a session cookie.
    pub async fn get_signed_in(&self, path: &str, cookie: &str) -> TestResponse {
        self.send(
            request(Method::GET, path)
                .header("cookie", cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    /// An active account with a verified mobile number and [`TEST_PASSWORD`].
    pub async fn create_account(&self, email: &str, mobile: &str) -> i64 {
        let hash = crate::auth::passwords::hash_now(TEST_PASSWORD).unwrap();
        sqlx::query_scalar(
            "INSERT INTO accounts (organisation_id, display_name, email, mobile, preferred_language, created_at, \
             password_hash, email_verified_at, mobile_verified_at, status) \
             VALUES ($1, $2, $3, $4, 'nl', $5, $6, $5, $5, 'active') RETURNING id",
        )
        .bind(self.state.organisation_id)
        .bind(format!("Persoon {email}"))
        .bind(email)
        .bind(mobile)
        .bind(test_now())
        .bind(hash)
        .fetch_one(&self.state.db)
        .await
        .unwrap()
    }

    /// A client (care relation since 2024) with an active administrator and an active
    /// contact who may only see photos; neither accepted any terms yet.
    pub async fn create_portal(&self, tag: &str) -> TestPortal {
        let db = &self.state.db;
        let client_id: i64 = sqlx::query_scalar(
            "INSERT INTO clients (organisation_id, client_number, first_name, family_name, date_of_birth, \
             care_relation_start, created_at) VALUES ($1, $2, 'Cliënt', $3, $4, $5, $6) RETURNING id",
        )
        .bind(self.state.organisation_id)
        .bind(format!("T-{tag}"))
        .bind(tag)
        .bind(date("1990-01-01"))
        .bind(date("2024-01-01"))
        .bind(test_now())
        .fetch_one(db)
        .await
        .unwrap();
        let n: i64 = client_id % 1000;
        let admin_email = format!("beheer-{tag}@test.example");
        let admin_mobile = format!("+316100{n:05}");
        let contact_email = format!("familie-{tag}@test.example");
        let contact_mobile = format!("+316200{n:05}");
        let admin_account = self.create_account(&admin_email, &admin_mobile).await;
        let contact_account = self.create_account(&contact_email, &contact_mobile).await;
        sqlx::query(
            "INSERT INTO portal_access (client_id, account_id, role, relation, status, created_at) \
             VALUES ($1, $2, 'administrator', 'client', 'active', $3)",
        )
        .bind(client_id)
        .bind(admin_account)
        .bind(test_now())
        .execute(db)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO portal_access (client_id, account_id, role, relation, status, can_view_photos, created_at) \
             VALUES ($1, $2, 'contact', 'Zus', 'active', TRUE, $3)",
        )
        .bind(client_id)
        .bind(contact_account)
        .bind(test_now())
        .execute(db)
        .await
        .unwrap();
        TestPortal {
            client_id,
            admin_email,
            admin_mobile,
            admin_account,
            contact_email,
            contact_mobile,
            contact_account,
        }
    }

    /// The six-digit code in the newest text message to `mobile`.
    pub async fn latest_code(&self, mobile: &str) -> String {
        let body: String = sqlx::query_scalar(
            "SELECT body FROM dev_outbox WHERE recipient = $1 AND channel = 'sms' ORDER BY id DESC LIMIT 1",
        )
        .bind(mobile)
        .fetch_one(&self.state.db)
        .await
        .unwrap_or_else(|_| panic!("no text message to {mobile}"));
        body.split(|c: char| !c.is_ascii_digit())
            .find(|part| part.len() == 6)
            .unwrap_or_else(|| panic!("no code in {body:?}"))
            .to_owned()
    }

    /// The token in the newest e-mail to `email` (after `#` in its link).
    pub async fn latest_link_token(&self, email: &str) -> String {
        let body: String = sqlx::query_scalar(
            "SELECT body FROM dev_outbox WHERE recipient = $1 AND channel = 'email' ORDER BY id DESC LIMIT 1",
        )
        .bind(email)
        .fetch_one(&self.state.db)
        .await
        .unwrap_or_else(|_| panic!("no e-mail to {email}"));
        body.split('#')
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("no link in {body:?}"))
            .to_owned()
    }

    /// Step 1 of signing in; returns the attempt token.
    pub async fn start_sign_in(&self, email: &str, password: &str) -> String {
        let response = self
            .post_json(
                "/api/v1/auth/sign-in",
                serde_json::json!({ "email": email, "password": password }),
                None,
            )
            .await;
        assert_eq!(
            response.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&response.body)
        );
        response.json()["attempt"].as_str().unwrap().to_owned()
    }

    /// Signs in with password and SMS code; returns the `Cookie` header value.
    pub async fn sign_in(&self, email: &str, mobile: &str) -> String {
        let attempt = self.start_sign_in(email, TEST_PASSWORD).await;
        let code = self.latest_code(mobile).await;
        let response = self
            .post_json(
                "/api/v1/auth/sign-in/code",
                serde_json::json!({ "attempt": attempt, "code": code }),
                None,
            )
            .await;
        assert_eq!(
            response.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&response.body)
        );
        session_cookie(&response)
    }

    /// Accepts the terms in force for a signed-in person.
    pub async fn accept_current_terms(&self, cookie: &str) {
        let session = self.get_signed_in("/api/v1/session", cookie).await.json();
        let version = session["terms"]["current_version"].as_u64().unwrap();
        let response = self
            .post_json(
                &format!("/api/v1/terms/{version}/acceptance"),
                serde_json::json!(null),
                Some(cookie),
            )
            .await;
        assert_eq!(response.status, StatusCode::NO_CONTENT);
    }

    /// Asserts the cookie belongs to a live session (`GET /session` names the account).
    pub async fn assert_signed_in(&self, cookie: &str) {
        let response = self.get_signed_in("/api/v1/session", cookie).await;
        assert_eq!(response.status, StatusCode::OK);
        assert!(
            response.json()["account"]["email"].is_string(),
            "not signed in"
        );
    }

    /// Asserts the cookie no longer opens a session (`GET /session` answers `null`, and
    /// a request that needs a session is refused).
    pub async fn assert_signed_out(&self, cookie: &str) {
        let response = self.get_signed_in("/api/v1/session", cookie).await;
        assert_eq!(response.status, StatusCode::OK);
        assert!(response.json().is_null(), "still signed in");
        self.post_json(
            "/api/v1/session/keep-alive",
            serde_json::json!(null),
            Some(cookie),
        )
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    }

    /// A staff member with a signed-in account; returns the staff member's id and the
    /// session cookie.
    pub async fn create_staff(&self, role: &str, team: Option<i64>, tag: &str) -> (i64, String) {
        let email = format!("staff-{tag}@test.example");
        let staff_id: i64 = sqlx::query_scalar(
            "INSERT INTO staff_members (organisation_id, team_id, name, job_title_nl, job_title_en, role, email, created_at) \
             VALUES ($1, $2, $3, 'Begeleider', 'Carer', $4, $5, $6) RETURNING id",
        )
        .bind(self.state.organisation_id)
        .bind(team)
        .bind(format!("Medewerker {tag}"))
        .bind(role)
        .bind(&email)
        .bind(test_now())
        .fetch_one(&self.state.db)
        .await
        .unwrap();
        let mobile = format!("+3168000{staff_id:04}");
        let account = self.create_account(&email, &mobile).await;
        sqlx::query("UPDATE accounts SET staff_member_id = $1 WHERE id = $2")
            .bind(staff_id)
            .bind(account)
            .execute(&self.state.db)
            .await
            .unwrap();
        (staff_id, self.sign_in(&email, &mobile).await)
    }

    /// Offers the identity providers of a providers file (`file`, as JSON) from now on.
    pub fn offer_identity_providers(&mut self, file: serde_json::Value) {
        let providers = crate::identity_providers::IdentityProviders::parse(
            &file.to_string(),
            std::path::Path::new("test"),
        )
        .unwrap();
        self.state.settings = Arc::new(crate::settings::Settings {
            identity_providers: providers,
            ..(*self.state.settings).clone()
        });
        self.router = app::build(self.state.clone(), AppOptions::default());
    }

    /// Moves the test clock by `by`.
    pub fn advance(&self, by: chrono::Duration) {
        self.clock.advance(by);
    }
}

/// The `Cookie` header value for the session a response set.
pub fn session_cookie(response: &TestResponse) -> String {
    let set_cookie = response.header("set-cookie");
    set_cookie
        .split(';')
        .next()
        .filter(|pair| pair.starts_with("kring-session=") && pair.len() > "kring-session=".len())
        .unwrap_or_else(|| panic!("no session cookie in {set_cookie:?}"))
        .to_owned()
}
