//! The organisation endpoints, tested through HTTP.

use axum::http::StatusCode;

use crate::app::AppOptions;
use crate::test_support::{date, test_app};

#[tokio::test]
async fn organisation_shows_public_facts_and_terms_in_force() {
    let app = test_app(AppOptions::default(), false).await;
    let response = app.get("/api/v1/organisation").await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.header("cache-control"), "no-store");
    let org: kring_api::Organisation = serde_json::from_slice(&response.body).unwrap();
    assert_eq!(org.slug, "test-org");
    assert_eq!(org.emergency.phone, "+31201234567");
    assert_eq!(org.emergency.phone_display, "020 123 45 67");
    assert_eq!(org.access_grace_days, 7);
    assert_eq!(org.retention_years, 20);
    assert_eq!(org.correction_deadline_days, 30);
    assert_eq!(
        org.logo_url.as_deref(),
        Some("/api/v1/organisation/logo.svg")
    );
    // Version 2 comes into force on 2026-06-01; the clock says 2026-03-01.
    assert_eq!(org.current_terms_version, Some(1));

    app.clock
        .set(date("2026-06-01").and_hms_opt(0, 0, 0).unwrap().and_utc());
    let org: kring_api::Organisation =
        serde_json::from_slice(&app.get("/api/v1/organisation").await.body).unwrap();
    assert_eq!(org.current_terms_version, Some(2));
}

#[tokio::test]
async fn logo_is_svg_and_sandboxed() {
    let app = test_app(AppOptions::default(), false).await;
    let response = app.get("/api/v1/organisation/logo.svg").await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.header("content-type"), "image/svg+xml");
    assert!(response
        .header("content-security-policy")
        .contains("sandbox"));
    assert!(response.body.starts_with(b"<svg"));
}

#[tokio::test]
async fn privacy_statement_is_not_found_until_published() {
    let app = test_app(AppOptions::default(), false).await;
    sqlx::query("DELETE FROM privacy_statements")
        .execute(&app.state.db)
        .await
        .unwrap();
    app.get("/api/v1/privacy-statement")
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    sqlx::query("INSERT INTO privacy_statements (organisation_id, updated_on, sections) VALUES ($1, $2, $3)")
        .bind(app.state.organisation_id)
        .bind(date("2026-01-01"))
        .bind(r#"[{"heading":{"nl":"Wie","en":"Who"},"body":{"nl":"Wij","en":"We"}}]"#)
        .execute(&app.state.db)
        .await
        .unwrap();
    let statement: kring_api::PrivacyStatement =
        serde_json::from_slice(&app.get("/api/v1/privacy-statement").await.body).unwrap();
    assert_eq!(statement.updated_on.to_string(), "2026-01-01");
    assert_eq!(statement.sections[0].heading.en, "Who");
    // The retention period comes from the organisation's setting.
    assert_eq!(statement.retention_years, 20);
    sqlx::query("UPDATE organisations SET retention_years = 25 WHERE id = $1")
        .bind(app.state.organisation_id)
        .execute(&app.state.db)
        .await
        .unwrap();
    let statement: kring_api::PrivacyStatement =
        serde_json::from_slice(&app.get("/api/v1/privacy-statement").await.body).unwrap();
    assert_eq!(statement.retention_years, 25);
}
