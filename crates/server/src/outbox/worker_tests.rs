//! The production outbox and its worker, with a transport that records what it was
//! given and fails when told to.

use std::sync::{Arc, Mutex};

use chrono::Duration;
use kring_api::dev::Channel;

use super::{
    DeliveryError, DeliveryFuture, DurableOutbox, MessageKind, MessageSender, OutgoingMessage,
    QueuedMessage, Round, Transport, Worker, MAX_ATTEMPTS,
};
use crate::app::AppOptions;
use crate::test_support::{test_app, TestApp};

/// What the recording transport does with the next message.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Behaviour {
    Accept,
    FailForNow,
    Refuse,
}

#[derive(Clone)]
struct Recorder {
    behaviour: Arc<Mutex<Behaviour>>,
    delivered: Arc<Mutex<Vec<QueuedMessage>>>,
}

impl Recorder {
    fn new() -> Self {
        Self {
            behaviour: Arc::new(Mutex::new(Behaviour::Accept)),
            delivered: Arc::new(Mutex::new(Vec::new())),
        }
    }

    fn set(&self, behaviour: Behaviour) {
        *self.behaviour.lock().unwrap() = behaviour;
    }

    fn keys(&self) -> Vec<String> {
        self.delivered
            .lock()
            .unwrap()
            .iter()
            .map(|m| m.idempotency_key.clone())
            .collect()
    }

    fn bodies(&self) -> Vec<String> {
        self.delivered
            .lock()
            .unwrap()
            .iter()
            .map(|m| m.body.clone())
            .collect()
    }
}

impl Transport for Recorder {
    fn deliver<'a>(&'a self, message: &'a QueuedMessage) -> DeliveryFuture<'a> {
        Box::pin(async move {
            match *self.behaviour.lock().unwrap() {
                Behaviour::Accept => {
                    self.delivered.lock().unwrap().push(message.clone());
                    Ok(())
                }
                Behaviour::FailForNow => Err(DeliveryError::Transient("connection refused".into())),
                Behaviour::Refuse => Err(DeliveryError::Permanent("550 no such mailbox".into())),
            }
        })
    }
}

fn worker(app: &TestApp, transport: &Recorder) -> Worker {
    Worker::new(
        app.state.db.clone(),
        app.state.clock.clone(),
        Arc::new(transport.clone()),
        Arc::new(transport.clone()),
    )
}

fn outbox(app: &TestApp) -> DurableOutbox {
    DurableOutbox::new(
        app.state.db.clone(),
        app.state.clock.clone(),
        app.state.organisation_id,
    )
}

fn email(to: &str, body: &str) -> OutgoingMessage {
    OutgoingMessage {
        kind: MessageKind::Activation,
        channel: Channel::Email,
        to: to.into(),
        subject: Some("Uw toegang".into()),
        body: body.into(),
    }
}

fn code(to: &str, body: &str) -> OutgoingMessage {
    OutgoingMessage {
        kind: MessageKind::SignInCode,
        channel: Channel::Sms,
        to: to.into(),
        subject: None,
        body: body.into(),
    }
}

#[derive(sqlx::FromRow, Debug)]
struct Row {
    status: String,
    body: Option<String>,
    attempts: i64,
    last_error: Option<String>,
    next_attempt_at: chrono::DateTime<chrono::Utc>,
}

async fn rows(app: &TestApp) -> Vec<Row> {
    sqlx::query_as::<_, Row>(
        "SELECT status, body, attempts, last_error, next_attempt_at FROM outbox_messages ORDER BY id",
    )
    .fetch_all(&app.state.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_queued_message_is_delivered_once_and_its_text_removed() {
    let app = test_app(AppOptions::default(), false).await;
    let transport = Recorder::new();
    outbox(&app)
        .send(email("ans@test.example", "Link https://x/activeren#secret"))
        .await
        .unwrap();
    let round = worker(&app, &transport).run_round().await.unwrap();
    assert_eq!(
        round,
        Round {
            sent: 1,
            ..Round::default()
        }
    );
    assert_eq!(transport.bodies(), ["Link https://x/activeren#secret"]);
    let stored = rows(&app).await;
    assert_eq!(stored[0].status, "sent");
    assert_eq!(stored[0].body, None, "a delivered message keeps no text");
    assert_eq!(stored[0].attempts, 1);

    let again = worker(&app, &transport).run_round().await.unwrap();
    assert_eq!(again, Round::default());
    assert_eq!(transport.keys().len(), 1);
}

#[tokio::test]
async fn a_failing_provider_is_tried_again_later_each_time_waiting_longer() {
    let app = test_app(AppOptions::default(), false).await;
    let transport = Recorder::new();
    transport.set(Behaviour::FailForNow);
    outbox(&app)
        .send(email("ans@test.example", "Tekst"))
        .await
        .unwrap();
    let started = app.state.clock.now();

    let round = worker(&app, &transport).run_round().await.unwrap();
    assert_eq!(round.retried, 1);
    let stored = rows(&app).await;
    assert_eq!(stored[0].status, "waiting");
    assert_eq!(stored[0].body.as_deref(), Some("Tekst"));
    assert_eq!(stored[0].last_error.as_deref(), Some("connection refused"));
    assert_eq!(stored[0].next_attempt_at, started + Duration::seconds(30));

    // Not due yet: nothing happens.
    app.advance(Duration::seconds(29));
    assert_eq!(
        worker(&app, &transport).run_round().await.unwrap(),
        Round::default()
    );

    app.advance(Duration::seconds(1));
    assert_eq!(
        worker(&app, &transport).run_round().await.unwrap().retried,
        1
    );
    let stored = rows(&app).await;
    assert_eq!(stored[0].attempts, 2);
    assert_eq!(
        stored[0].next_attempt_at,
        app.state.clock.now() + Duration::seconds(60),
        "the second wait is twice the first"
    );

    transport.set(Behaviour::Accept);
    app.advance(Duration::seconds(60));
    assert_eq!(worker(&app, &transport).run_round().await.unwrap().sent, 1);
    assert_eq!(transport.bodies(), ["Tekst"]);
    assert_eq!(rows(&app).await[0].status, "sent");
}

#[tokio::test]
async fn a_message_that_keeps_failing_is_given_up_with_its_text_kept_for_a_retry() {
    let app = test_app(AppOptions::default(), false).await;
    let transport = Recorder::new();
    transport.set(Behaviour::FailForNow);
    outbox(&app)
        .send(email("ans@test.example", "Tekst"))
        .await
        .unwrap();
    for _ in 0..MAX_ATTEMPTS {
        worker(&app, &transport).run_round().await.unwrap();
        app.advance(Duration::hours(1));
    }
    let stored = rows(&app).await;
    assert_eq!(stored[0].status, "failed");
    assert_eq!(stored[0].attempts, MAX_ATTEMPTS);
    assert_eq!(stored[0].body.as_deref(), Some("Tekst"));
    assert_eq!(
        worker(&app, &transport).run_round().await.unwrap(),
        Round::default()
    );
}

#[tokio::test]
async fn a_refused_message_fails_at_once() {
    let app = test_app(AppOptions::default(), false).await;
    let transport = Recorder::new();
    transport.set(Behaviour::Refuse);
    outbox(&app)
        .send(email("nobody@test.example", "Tekst"))
        .await
        .unwrap();
    let round = worker(&app, &transport).run_round().await.unwrap();
    assert_eq!(round.failed, 1);
    let stored = rows(&app).await;
    assert_eq!(stored[0].status, "failed");
    assert_eq!(stored[0].attempts, 1);
    assert_eq!(stored[0].last_error.as_deref(), Some("550 no such mailbox"));
}

#[tokio::test]
async fn a_code_that_could_not_go_out_within_its_ten_minutes_is_never_sent() {
    let app = test_app(AppOptions::default(), false).await;
    let transport = Recorder::new();
    transport.set(Behaviour::FailForNow);
    outbox(&app)
        .send(code("+31611111111", "Uw code is 123456"))
        .await
        .unwrap();
    worker(&app, &transport).run_round().await.unwrap();
    transport.set(Behaviour::Accept);
    app.advance(Duration::minutes(10));
    let round = worker(&app, &transport).run_round().await.unwrap();
    assert_eq!(round.expired, 1);
    assert!(transport.keys().is_empty());
    let stored = rows(&app).await;
    assert_eq!(stored[0].status, "expired");
    assert_eq!(stored[0].body, None);
}

#[tokio::test]
async fn ten_messages_waiting_through_a_restart_are_each_sent_exactly_once() {
    let app = test_app(AppOptions::default(), false).await;
    let down = Recorder::new();
    down.set(Behaviour::FailForNow);
    for i in 0..10 {
        outbox(&app)
            .send(email(
                &format!("p{i}@test.example"),
                &format!("Bericht {i}"),
            ))
            .await
            .unwrap();
    }
    // The first server could not reach its provider, then stopped.
    assert_eq!(worker(&app, &down).run_round().await.unwrap().retried, 10);
    drop(down);

    // The next server (a new worker on the same database) sends them all, once.
    let up = Recorder::new();
    app.advance(Duration::seconds(30));
    let restarted = worker(&app, &up);
    assert_eq!(restarted.run_round().await.unwrap().sent, 10);
    app.advance(Duration::hours(2));
    assert_eq!(restarted.run_round().await.unwrap(), Round::default());
    let mut bodies = up.bodies();
    bodies.sort();
    let mut expected: Vec<String> = (0..10).map(|i| format!("Bericht {i}")).collect();
    expected.sort();
    assert_eq!(bodies, expected);
    let mut keys = up.keys();
    keys.dedup();
    assert_eq!(keys.len(), 10, "every message has its own idempotency key");
}

#[tokio::test]
async fn a_claim_holds_while_its_worker_sends_and_is_taken_over_when_it_runs_out() {
    let app = test_app(AppOptions::default(), false).await;
    outbox(&app)
        .send(email("ans@test.example", "Tekst"))
        .await
        .unwrap();
    // A worker claimed the row and then died mid-send.
    sqlx::query("UPDATE outbox_messages SET status = 'sending', claimed_until = $1, attempts = 1")
        .bind(app.state.clock.now() + Duration::minutes(5))
        .execute(&app.state.db)
        .await
        .unwrap();
    let other = Recorder::new();
    assert_eq!(
        worker(&app, &other).run_round().await.unwrap(),
        Round::default()
    );
    app.advance(Duration::minutes(5));
    assert_eq!(worker(&app, &other).run_round().await.unwrap().sent, 1);
    assert_eq!(rows(&app).await[0].attempts, 2);
}
