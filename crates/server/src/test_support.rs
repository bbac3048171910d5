//! Helpers for the server's tests: a real SQLite database in a temporary folder, the
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

/// 2026-03-01 12:00 UTC: a fixed "now" for tests.
pub fn test_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap()
}

/// A date from text.
pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A fresh, migrated database in a temporary folder.
pub async fn fresh_db() -> (Pool, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("test.sqlite").display());
    let db = db::connect(&url).await.unwrap();
    (db, dir)
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
    let (db, dir) = fresh_db().await;
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
    };
    TestApp {
        router: app::build(state.clone(), options),
        state,
        clock,
        _dir: dir,
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
