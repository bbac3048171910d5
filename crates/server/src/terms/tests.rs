//! The terms endpoints, tested through HTTP.

use axum::http::StatusCode;
use kring_api::{Page, TermsDocument, TermsVersionSummary};

use crate::app::AppOptions;
use crate::test_support::{date, terms_text, test_app, test_now};

#[tokio::test]
async fn current_terms_are_the_newest_version_in_force() {
    let app = test_app(AppOptions::default(), false).await;
    let current: TermsDocument =
        serde_json::from_slice(&app.get("/api/v1/terms/current").await.body).unwrap();
    assert_eq!(current.version, 1);
    assert!(current.in_force);
    assert_eq!(current.sections[0].body.nl, "Tekst een");

    app.clock
        .set(date("2026-06-02").and_hms_opt(8, 0, 0).unwrap().and_utc());
    let current: TermsDocument =
        serde_json::from_slice(&app.get("/api/v1/terms/current").await.body).unwrap();
    assert_eq!(current.version, 2);
    assert_eq!(current.change_summary.en, "Change twee");
}

#[tokio::test]
async fn earlier_and_future_versions_are_readable_by_number() {
    let app = test_app(AppOptions::default(), false).await;
    let v2: TermsDocument = serde_json::from_slice(&app.get("/api/v1/terms/2").await.body).unwrap();
    assert_eq!(v2.version, 2);
    assert!(!v2.in_force, "version 2 is not in force before 2026-06-01");
    app.get("/api/v1/terms/3")
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    let problem = app
        .get("/api/v1/terms/abc")
        .await
        .assert_problem(StatusCode::BAD_REQUEST, "invalid-parameter");
    assert_eq!(problem["instance"], "/api/v1/terms/abc");
}

#[tokio::test]
async fn terms_list_pages_newest_first_with_a_cursor() {
    let app = test_app(AppOptions::default(), false).await;
    crate::terms::publish(
        &app.state.db,
        app.state.organisation_id,
        &terms_text("drie"),
        test_now(),
    )
    .await
    .unwrap();
    let first: Page<TermsVersionSummary> =
        serde_json::from_slice(&app.get("/api/v1/terms?limit=2").await.body).unwrap();
    assert_eq!(
        first.items.iter().map(|t| t.version).collect::<Vec<_>>(),
        vec![3, 2]
    );
    let cursor = first.next_cursor.expect("a second page");
    let second: Page<TermsVersionSummary> = serde_json::from_slice(
        &app.get(&format!("/api/v1/terms?limit=2&cursor={}", cursor.as_str()))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(
        second.items.iter().map(|t| t.version).collect::<Vec<_>>(),
        vec![1]
    );
    assert!(second.next_cursor.is_none());
    // Version 3 is in force from 2025-01-01 too, so it is the one in force now.
    assert!(first.items[0].in_force && !first.items[1].in_force);
}

#[tokio::test]
async fn bad_paging_parameters_are_refused_clearly() {
    let app = test_app(AppOptions::default(), false).await;
    for path in [
        "/api/v1/terms?limit=0",
        "/api/v1/terms?limit=51",
        "/api/v1/terms?limit=ten",
        "/api/v1/terms?cursor=garbage",
        // base64url of "k1:2": the format before cursors had one codec.
        "/api/v1/terms?cursor=azE6Mg",
        // base64url of "c1:2024-05-01:3": a gallery position, not a version.
        "/api/v1/terms?cursor=YzE6MjAyNC0wNS0wMToz",
        // base64url of "c1:-1": no version number.
        "/api/v1/terms?cursor=YzE6LTE",
        "/api/v1/terms?unknown=1",
    ] {
        app.get(path)
            .await
            .assert_problem(StatusCode::BAD_REQUEST, "invalid-parameter");
    }
}

#[tokio::test]
async fn terms_belong_to_the_served_organisation_only() {
    let app = test_app(AppOptions::default(), false).await;
    let other: i64 = sqlx::query_scalar("SELECT id FROM organisations WHERE slug = 'other-org'")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    crate::terms::publish(&app.state.db, other, &terms_text("ander"), test_now())
        .await
        .unwrap();
    let page: Page<TermsVersionSummary> =
        serde_json::from_slice(&app.get("/api/v1/terms").await.body).unwrap();
    assert_eq!(page.items.len(), 2);
    assert!(page
        .items
        .iter()
        .all(|t| !t.change_summary.nl.contains("ander")));
}
