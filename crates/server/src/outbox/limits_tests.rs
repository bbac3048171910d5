//! The message limits (R26) over HTTP, with the server's real defaults: 5 codes per
//! number per hour, 20 messages per recipient per day.

use axum::http::StatusCode;
use chrono::Duration;
use serde_json::json;

use crate::app::AppOptions;
use crate::clock::Clock;
use crate::settings::MessageLimits;
use crate::test_support::{test_app, TestApp, TEST_PASSWORD};

async fn messages_to(app: &TestApp, recipient: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM dev_outbox WHERE recipient = $1")
        .bind(recipient)
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

async fn ask_code(app: &TestApp, email: &str) -> crate::test_support::TestResponse {
    app.post_json(
        "/api/v1/auth/sign-in",
        json!({ "email": email, "password": TEST_PASSWORD }),
        None,
    )
    .await
}

#[tokio::test]
async fn codes_to_one_number_stop_at_the_limit_and_others_are_unaffected() {
    let app = test_app(AppOptions::default(), true).await;
    assert_eq!(
        app.state.settings.message_limits,
        MessageLimits::default(),
        "this test runs with the real defaults"
    );
    let limits = MessageLimits::default();
    let portal = app.create_portal("grens").await;
    let mut last_attempt = String::new();
    for _ in 0..limits.codes_per_number_per_hour {
        let response = ask_code(&app, &portal.admin_email).await;
        assert_eq!(
            response.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&response.body)
        );
        last_attempt = response.json()["attempt"].as_str().unwrap().to_owned();
        app.advance(Duration::minutes(1));
    }
    assert_eq!(
        messages_to(&app, &portal.admin_mobile).await,
        i64::from(limits.codes_per_number_per_hour)
    );
    // One more is refused, says how long to wait, and sends nothing.
    let refused = ask_code(&app, &portal.admin_email).await;
    let problem = refused.assert_problem(StatusCode::TOO_MANY_REQUESTS, "too-many-messages");
    let wait: i64 = refused.header("retry-after").parse().unwrap();
    // The first code went 5 minutes ago: in 55 minutes it leaves the hour.
    assert_eq!(wait, 55 * 60);
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("3300 seconden"),
        "{problem}"
    );
    // A new code for an attempt under way is refused as well.
    let resend = app
        .post_json(
            "/api/v1/auth/code/resend",
            json!({ "attempt": last_attempt }),
            None,
        )
        .await;
    resend.assert_problem(StatusCode::TOO_MANY_REQUESTS, "too-many-messages");
    assert_eq!(
        messages_to(&app, &portal.admin_mobile).await,
        i64::from(limits.codes_per_number_per_hour)
    );
    // In English too.
    let english = app
        .send(
            app.app_request(axum::http::Method::POST, "/api/v1/auth/sign-in", None)
                .header("accept-language", "en")
                .header("content-type", "application/json")
                .body(axum::body::Body::from(
                    json!({ "email": portal.admin_email, "password": TEST_PASSWORD }).to_string(),
                ))
                .unwrap(),
        )
        .await;
    let english = english.assert_problem(StatusCode::TOO_MANY_REQUESTS, "too-many-messages");
    assert_eq!(english["title"], "Too many messages");

    // Someone else still gets their code.
    let other = ask_code(&app, &portal.contact_email).await;
    assert_eq!(other.status, StatusCode::OK);
    assert_eq!(messages_to(&app, &portal.contact_mobile).await, 1);

    // Once the first code is an hour old, one more fits again.
    app.advance(Duration::minutes(55));
    assert_eq!(
        ask_code(&app, &portal.admin_email).await.status,
        StatusCode::OK
    );
    assert_eq!(
        ask_code(&app, &portal.admin_email).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );

    // The day's limit: within 24 hours at most 20 messages, however they are spread.
    let mut sent = messages_to(&app, &portal.admin_mobile).await;
    while sent < i64::from(limits.messages_per_recipient_per_day) {
        app.advance(Duration::minutes(61));
        for _ in 0..limits.codes_per_number_per_hour {
            if sent == i64::from(limits.messages_per_recipient_per_day) {
                break;
            }
            assert_eq!(
                ask_code(&app, &portal.admin_email).await.status,
                StatusCode::OK
            );
            sent += 1;
        }
    }
    assert_eq!(messages_to(&app, &portal.admin_mobile).await, sent);
    app.advance(Duration::minutes(61));
    ask_code(&app, &portal.admin_email)
        .await
        .assert_problem(StatusCode::TOO_MANY_REQUESTS, "too-many-messages");
    assert_eq!(messages_to(&app, &portal.admin_mobile).await, sent);
}

#[tokio::test]
async fn a_password_reset_over_the_limit_sends_nothing_and_answers_the_same() {
    let app = test_app(AppOptions::default(), true).await;
    let portal = app.create_portal("reset").await;
    for _ in 0..MessageLimits::default().messages_per_recipient_per_day {
        sqlx::query(
            "INSERT INTO dev_outbox (channel, recipient, subject, body, sent_at) VALUES ('email', $1, 'x', 'x', $2)",
        )
        .bind(&portal.admin_email)
        .bind(app.clock.now())
        .execute(&app.state.db)
        .await
        .unwrap();
    }
    let before = messages_to(&app, &portal.admin_email).await;
    let known = app
        .post_json(
            "/api/v1/auth/password-reset",
            json!({ "email": portal.admin_email }),
            None,
        )
        .await;
    let unknown = app
        .post_json(
            "/api/v1/auth/password-reset",
            json!({ "email": "niemand@test.example" }),
            None,
        )
        .await;
    // The same answer as for an address without an account: nothing tells them apart.
    assert_eq!(known.status, StatusCode::ACCEPTED);
    assert_eq!(known.status, unknown.status);
    assert_eq!(known.body, unknown.body);
    assert_eq!(messages_to(&app, &portal.admin_email).await, before);
}
