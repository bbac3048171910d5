//! The dev outbox: messages are kept and readable in demo mode only.

use axum::http::StatusCode;
use kring_api::dev::{Channel, OutboxMessage};
use kring_api::{Page, Timestamp};

use super::{MessageKind, OutgoingMessage};
use crate::app::AppOptions;
use crate::test_support::test_app;

fn sms(to: &str, body: &str) -> OutgoingMessage {
    OutgoingMessage {
        kind: MessageKind::SignInCode,
        channel: Channel::Sms,
        to: to.into(),
        subject: None,
        body: body.into(),
    }
}

#[tokio::test]
async fn demo_mode_shows_sent_messages_newest_first_and_filters_by_recipient() {
    let app = test_app(AppOptions::default(), true).await;
    app.state
        .sender
        .send(sms("+31611111111", "Code 111111"))
        .await
        .unwrap();
    app.state
        .sender
        .send(sms("+31622222222", "Code 222222"))
        .await
        .unwrap();
    app.state
        .sender
        .send(OutgoingMessage {
            kind: MessageKind::Activation,
            channel: Channel::Email,
            to: "a@test.example".into(),
            subject: Some("Welkom".into()),
            body: "Link".into(),
        })
        .await
        .unwrap();

    let page: Page<OutboxMessage> =
        serde_json::from_slice(&app.get("/api/v1/dev/outbox").await.body).unwrap();
    assert_eq!(page.items.len(), 3);
    assert_eq!(page.items[0].to, "a@test.example");
    assert_eq!(page.items[0].subject.as_deref(), Some("Welkom"));
    assert_eq!(page.items[2].body, "Code 111111");

    let page: Page<OutboxMessage> =
        serde_json::from_slice(&app.get("/api/v1/dev/outbox?to=%2B31622222222").await.body)
            .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].channel, Channel::Sms);

    let first: Page<OutboxMessage> =
        serde_json::from_slice(&app.get("/api/v1/dev/outbox?limit=2").await.body).unwrap();
    let cursor = first.next_cursor.unwrap();
    let rest: Page<OutboxMessage> = serde_json::from_slice(
        &app.get(&format!(
            "/api/v1/dev/outbox?limit=2&cursor={}",
            cursor.as_str()
        ))
        .await
        .body,
    )
    .unwrap();
    assert_eq!(rest.items.len(), 1);
    assert!(rest.next_cursor.is_none());
}

#[tokio::test]
async fn outbox_does_not_exist_outside_demo_mode() {
    let app = test_app(AppOptions::default(), false).await;
    app.state
        .sender
        .send(sms("+31611111111", "Code 123456"))
        .await
        .unwrap();
    let response = app.get("/api/v1/dev/outbox").await;
    response.assert_problem(StatusCode::NOT_FOUND, "not-found");
    assert!(!String::from_utf8_lossy(&response.body).contains("123456"));
}

#[tokio::test]
async fn the_demo_clock_moves_forward_only_in_demo_mode() {
    let app = test_app(AppOptions::default(), true).await;
    let before = app.state.clock.now();
    let moved = app
        .post_json("/api/v1/dev/clock", serde_json::json!({ "days": 3 }), None)
        .await;
    assert_eq!(moved.status, StatusCode::OK);
    assert_eq!(app.state.clock.now() - before, chrono::Duration::days(3));
    assert_eq!(
        moved.json()["now"],
        Timestamp::from(app.state.clock.now()).as_str()
    );
    for bad in [
        serde_json::json!({ "days": 0 }),
        serde_json::json!({ "days": 3651 }),
        serde_json::json!({ "days": "twee" }),
    ] {
        app.post_json("/api/v1/dev/clock", bad, None)
            .await
            .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    }
    assert_eq!(app.state.clock.now() - before, chrono::Duration::days(3));

    let real = test_app(AppOptions::default(), false).await;
    let before = real.state.clock.now();
    real.post_json("/api/v1/dev/clock", serde_json::json!({ "days": 3 }), None)
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    assert_eq!(real.state.clock.now(), before);
}
