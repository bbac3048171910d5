//! Terms acceptance and the access lifecycle, tested through HTTP.

use axum::http::StatusCode;
use chrono::Duration;
use serde_json::json;

use crate::app::AppOptions;
use crate::test_support::{date, terms_text, test_app, test_now, TestApp};

async fn app() -> TestApp {
    test_app(AppOptions::default(), true).await
}

fn portal_path(client_id: i64) -> String {
    format!("/api/v1/portals/{client_id}")
}

#[tokio::test]
async fn portal_data_waits_until_the_terms_in_force_are_accepted() {
    let app = app().await;
    let portal = app.create_portal("a").await;
    let cookie = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    let session = app.get_signed_in("/api/v1/session", &cookie).await.json();
    assert_eq!(session["terms"]["current_version"], 1);
    assert_eq!(session["terms"]["accepted"], false);
    assert_eq!(
        session["portals"],
        json!([]),
        "no portal data before the terms"
    );
    app.get_signed_in("/api/v1/portals", &cookie)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "terms-not-accepted");
    app.get_signed_in(&portal_path(portal.client_id), &cookie)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "terms-not-accepted");

    // Only the version in force can be accepted.
    app.post_json("/api/v1/terms/2/acceptance", json!(null), Some(&cookie))
        .await
        .assert_problem(StatusCode::CONFLICT, "terms-version-not-current");
    app.accept_current_terms(&cookie).await;
    let (version, at): (i64, chrono::DateTime<chrono::Utc>) = sqlx::query_as(
        "SELECT t.version, ta.accepted_at FROM terms_acceptances ta JOIN terms_versions t ON t.id = ta.terms_version_id \
         WHERE ta.account_id = $1",
    )
    .bind(portal.admin_account)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!((version, at), (1, test_now()), "who, which version, when");
    let portals = app.get_signed_in("/api/v1/portals", &cookie).await;
    assert_eq!(portals.status, StatusCode::OK);
    assert_eq!(portals.json()[0]["client_id"], portal.client_id);
    assert_eq!(portals.json()[0]["role"], "administrator");
    assert_eq!(portals.json()[0]["rights"]["reports"], true);
}

#[tokio::test]
async fn a_new_terms_version_must_be_accepted_again_at_the_next_request() {
    let app = app().await;
    let portal = app.create_portal("b").await;
    let cookie = app
        .sign_in(&portal.contact_email, &portal.contact_mobile)
        .await;
    app.accept_current_terms(&cookie).await;
    assert_eq!(
        app.get_signed_in(&portal_path(portal.client_id), &cookie)
            .await
            .status,
        StatusCode::OK
    );
    let mut v3 = terms_text("drie");
    v3.in_force_from = date("2026-03-01");
    crate::terms::publish(&app.state.db, app.state.organisation_id, &v3, test_now())
        .await
        .unwrap();
    app.get_signed_in(&portal_path(portal.client_id), &cookie)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "terms-not-accepted");
    let session = app.get_signed_in("/api/v1/session", &cookie).await.json();
    assert_eq!(session["terms"]["current_version"], 3);
    assert_eq!(session["terms"]["accepted_version"], 1);
    app.accept_current_terms(&cookie).await;
    assert_eq!(
        app.get_signed_in(&portal_path(portal.client_id), &cookie)
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn contacts_see_only_their_rights_and_nobody_sees_another_clients_portal() {
    let app = app().await;
    let mine = app.create_portal("c").await;
    let other = app.create_portal("d").await;
    let cookie = app.sign_in(&mine.contact_email, &mine.contact_mobile).await;
    app.accept_current_terms(&cookie).await;
    let portal = app
        .get_signed_in(&portal_path(mine.client_id), &cookie)
        .await
        .json();
    assert_eq!(portal["role"], "contact");
    assert_eq!(portal["relation"], "Zus");
    assert_eq!(
        portal["rights"],
        json!({ "care_plan": false, "reports": false, "photos_view": true, "photos_add": false, "notes_view": false, "notes_add": false })
    );
    let refused = app
        .get_signed_in(&portal_path(other.client_id), &cookie)
        .await;
    refused.assert_problem(StatusCode::NOT_FOUND, "not-found");
    let logged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM access_log WHERE section = 'portal' AND action = 'read' AND outcome = 'refused' AND actor_account_id = $1",
    )
    .bind(mine.contact_account)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(logged, 1);
}

async fn set_relation_end(app: &TestApp, client_id: i64, end: chrono::NaiveDate) {
    sqlx::query("UPDATE clients SET care_relation_end = $1 WHERE id = $2")
        .bind(end)
        .bind(client_id)
        .execute(&app.state.db)
        .await
        .unwrap();
}

#[tokio::test]
async fn access_ends_exactly_grace_days_after_the_care_relation_ends() {
    let app = app().await;
    let portal = app.create_portal("e").await;
    let cookie = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    app.accept_current_terms(&cookie).await;
    let today = test_now().date_naive();
    // Grace is 7 days: ended 6 days ago, access ends tomorrow (one day before the end).
    set_relation_end(&app, portal.client_id, today - Duration::days(6)).await;
    assert_eq!(
        app.get_signed_in(&portal_path(portal.client_id), &cookie)
            .await
            .status,
        StatusCode::OK
    );
    // Ended 7 days ago: the grace period is over today.
    set_relation_end(&app, portal.client_id, today - Duration::days(7)).await;
    app.get_signed_in(&portal_path(portal.client_id), &cookie)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "access-ended");
    // Ended 8 days ago: one day after the grace period.
    set_relation_end(&app, portal.client_id, today - Duration::days(8)).await;
    app.get_signed_in(&portal_path(portal.client_id), &cookie)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "access-ended");
    let session = app.get_signed_in("/api/v1/session", &cookie).await.json();
    assert_eq!(session["portals"][0]["state"], "ended");
    // Signing in again says so too, once the password is right.
    app.post_json(
        "/api/v1/auth/sign-in",
        json!({ "email": portal.admin_email, "password": crate::test_support::TEST_PASSWORD }),
        None,
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN, "access-ended");
}

#[tokio::test]
async fn access_ends_after_the_client_died_plus_the_grace_days() {
    let app = app().await;
    let portal = app.create_portal("f").await;
    let cookie = app
        .sign_in(&portal.contact_email, &portal.contact_mobile)
        .await;
    app.accept_current_terms(&cookie).await;
    sqlx::query("UPDATE clients SET deceased_on = $1 WHERE id = $2")
        .bind(test_now().date_naive() - Duration::days(8))
        .bind(portal.client_id)
        .execute(&app.state.db)
        .await
        .unwrap();
    app.get_signed_in(&portal_path(portal.client_id), &cookie)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "access-ended");
}

#[tokio::test]
async fn the_lifecycle_job_closes_access_records_and_sessions() {
    let app = app().await;
    let ended = app.create_portal("g").await;
    let ongoing = app.create_portal("h").await;
    let ended_cookie = app.sign_in(&ended.admin_email, &ended.admin_mobile).await;
    let ongoing_cookie = app
        .sign_in(&ongoing.admin_email, &ongoing.admin_mobile)
        .await;
    set_relation_end(
        &app,
        ended.client_id,
        test_now().date_naive() - Duration::days(20),
    )
    .await;
    let closed = super::lifecycle::close_ended_access(&app.state.db, test_now())
        .await
        .unwrap();
    assert_eq!(closed, 2, "the administrator's and the contact's access");
    let open: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM portal_access WHERE client_id = $1 AND status = 'active'",
    )
    .bind(ended.client_id)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(open, 0);
    app.assert_signed_out(&ended_cookie).await;
    app.assert_signed_in(&ongoing_cookie).await;
}

#[tokio::test]
async fn the_administrator_can_end_the_portal_after_confirming() {
    let app = app().await;
    let portal = app.create_portal("i").await;
    let admin = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    let contact = app
        .sign_in(&portal.contact_email, &portal.contact_mobile)
        .await;
    app.accept_current_terms(&admin).await;
    app.accept_current_terms(&contact).await;
    let end = format!("/api/v1/portals/{}/end", portal.client_id);
    app.post_json(&end, json!({ "confirm": true }), Some(&contact))
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.post_json(&end, json!({ "confirm": false }), Some(&admin))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "confirmation-required");
    app.post_json(&end, json!({}), Some(&admin))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    let reports_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM clients WHERE id = $1")
        .bind(portal.client_id)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    let response = app
        .post_json(&end, json!({ "confirm": true }), Some(&admin))
        .await;
    assert_eq!(response.status, StatusCode::NO_CONTENT);
    // Everyone's access ended with it; their sessions too, as nothing is left to show.
    for cookie in [&admin, &contact] {
        app.assert_signed_out(cookie).await;
    }
    app.post_json(
        "/api/v1/auth/sign-in",
        json!({ "email": portal.contact_email, "password": crate::test_support::TEST_PASSWORD }),
        None,
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN, "access-ended");
    // Nothing was deleted (R25).
    let reports_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM clients WHERE id = $1")
        .bind(portal.client_id)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(reports_before, reports_after);
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM portal_access WHERE client_id = $1")
        .bind(portal.client_id)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(rows, 2);
}

#[tokio::test]
async fn a_suspended_portal_says_why_until_the_suspension_is_lifted() {
    let app = app().await;
    let portal = app.create_portal("j").await;
    let cookie = app
        .sign_in(&portal.contact_email, &portal.contact_mobile)
        .await;
    app.accept_current_terms(&cookie).await;
    crate::staff::set_portal_suspension(
        &app.state,
        None,
        portal.client_id,
        Some("Onderzoek naar misbruik.".into()),
    )
    .await
    .unwrap();
    let problem = app
        .get_signed_in(&portal_path(portal.client_id), &cookie)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "portal-suspended");
    assert_eq!(problem["reason"], "Onderzoek naar misbruik.");
    let session = app.get_signed_in("/api/v1/session", &cookie).await.json();
    assert_eq!(session["portals"][0]["state"], "suspended");
    assert_eq!(
        session["portals"][0]["state_reason"],
        "Onderzoek naar misbruik."
    );
    crate::staff::set_portal_suspension(&app.state, None, portal.client_id, None)
        .await
        .unwrap();
    assert_eq!(
        app.get_signed_in(&portal_path(portal.client_id), &cookie)
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn one_account_can_use_several_portals() {
    let app = app().await;
    let first = app.create_portal("k").await;
    let second = app.create_portal("l").await;
    sqlx::query(
        "INSERT INTO portal_access (client_id, account_id, role, relation, status, can_view_reports, created_at) \
         VALUES ($1, $2, 'contact', 'Mentor', 'active', TRUE, $3)",
    )
    .bind(second.client_id)
    .bind(first.admin_account)
    .bind(test_now())
    .execute(&app.state.db)
    .await
    .unwrap();
    let cookie = app.sign_in(&first.admin_email, &first.admin_mobile).await;
    app.accept_current_terms(&cookie).await;
    let portals = app.get_signed_in("/api/v1/portals", &cookie).await.json();
    let roles: Vec<(i64, String)> = portals
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["client_id"].as_i64().unwrap(),
                p["role"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(roles.contains(&(first.client_id, "administrator".into())));
    assert!(roles.contains(&(second.client_id, "contact".into())));
}
