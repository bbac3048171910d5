//! The message limits (R26) over HTTP, with the server's real defaults: 5 codes per
//! number per hour, 20 messages per recipient per day.

use axum::http::{Method, StatusCode};
use chrono::Duration;
use serde_json::{json, Value};

use crate::app::AppOptions;
use crate::clock::Clock;
use crate::settings::MessageLimits;
use crate::test_support::{send, test_app, TestApp, TestResponse, TEST_PASSWORD};

async fn messages_to(app: &TestApp, recipient: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM dev_outbox WHERE recipient = $1")
        .bind(recipient)
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

async fn ask_code(app: &TestApp, email: &str) -> TestResponse {
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
    // A wrong password at the limit still answers as a wrong password: the limit is
    // only checked once the password is right, so it tells nothing about the address.
    app.post_json(
        "/api/v1/auth/sign-in",
        json!({ "email": portal.admin_email, "password": "niet het goede wachtwoord" }),
        None,
    )
    .await
    .assert_problem(StatusCode::UNAUTHORIZED, "invalid-credentials");
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
            app.app_request(Method::POST, "/api/v1/auth/sign-in", None)
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

/// Puts `n` messages to `recipient` in the outbox, sent now, as earlier requests would
/// have.
async fn fill_outbox(app: &TestApp, channel: &str, recipient: &str, n: u32) {
    for _ in 0..n {
        sqlx::query(
            "INSERT INTO dev_outbox (channel, recipient, subject, body, sent_at) VALUES ($1, $2, 'x', 'x', $3)",
        )
        .bind(channel)
        .bind(recipient)
        .bind(app.clock.now())
        .execute(&app.state.db)
        .await
        .unwrap();
    }
}

async fn reset(app: &TestApp, email: &str) -> TestResponse {
    app.post_json(
        "/api/v1/auth/password-reset",
        json!({ "email": email }),
        None,
    )
    .await
}

#[tokio::test]
async fn an_anonymous_reset_flood_stops_at_the_day_limit_and_tells_nothing() {
    let app = test_app(AppOptions::default(), true).await;
    let portal = app.create_portal("vloed").await;
    let unknown = "niemand-vloed@test.example";
    let day_limit = i64::from(MessageLimits::default().messages_per_recipient_per_day);
    assert_eq!(messages_to(&app, &portal.admin_email).await, 0);
    // Someone outside asks again and again, for an address with an account and for one
    // without, waiting out the throttle each time (16 minutes: its longest wait is 15).
    for round in 0..30 {
        let known = reset(&app, &portal.admin_email).await;
        let other = reset(&app, unknown).await;
        assert_eq!(known.status, StatusCode::ACCEPTED, "round {round}");
        assert_eq!(
            (known.status, &known.body, known.headers.get("retry-after")),
            (other.status, &other.body, other.headers.get("retry-after")),
            "round {round}: the answers must not tell the addresses apart"
        );
        app.advance(Duration::minutes(16));
    }
    // 30 requests in 8 hours: only the day's limit reached the inbox.
    assert_eq!(messages_to(&app, &portal.admin_email).await, day_limit);
    assert_eq!(messages_to(&app, unknown).await, 0);
    // Once the first link is a day old, one more goes.
    app.advance(Duration::hours(16));
    assert_eq!(
        reset(&app, &portal.admin_email).await.status,
        StatusCode::ACCEPTED
    );
    assert_eq!(messages_to(&app, &portal.admin_email).await, day_limit + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simultaneous_requests_cannot_pass_the_limit_together() {
    let app = test_app(AppOptions::default(), true).await;
    let portal = app.create_portal("samen").await;
    let day_limit = MessageLimits::default().messages_per_recipient_per_day;
    // One message left today; then eight reset requests at the same moment.
    fill_outbox(&app, "email", &portal.admin_email, day_limit - 1).await;
    let mut running = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let request = app
            .app_request(Method::POST, "/api/v1/auth/password-reset", None)
            .header("content-type", "application/json")
            .body(axum::body::Body::from(
                json!({ "email": portal.admin_email }).to_string(),
            ))
            .unwrap();
        let router = app.router.clone();
        running.spawn(async move { send(&router, request).await });
    }
    while let Some(response) = running.join_next().await {
        let response = response.unwrap();
        if response.status != StatusCode::ACCEPTED {
            // The throttle may refuse some; that tells nothing either (it counts every
            // request for an address, with or without an account).
            response.assert_problem(StatusCode::TOO_MANY_REQUESTS, "rate-limited");
        }
    }
    assert_eq!(
        messages_to(&app, &portal.admin_email).await,
        i64::from(day_limit)
    );
}

#[tokio::test]
async fn an_invitation_link_cannot_flood_a_number_with_codes() {
    let app = test_app(AppOptions::default(), true).await;
    let portal = app.create_portal("uitnodiging").await;
    let admin = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    app.accept_current_terms(&admin).await;
    let invited = "karin-vloed@test.example";
    let invitation = app
        .post_json(
            &format!("/api/v1/portals/{}/network/invitations", portal.client_id),
            json!({
                "name": "Karin de Boer", "email": invited, "relation": "Tante",
                "rights": {
                    "care_plan": false, "reports": false, "photos_view": true,
                    "photos_add": false, "notes_view": false, "notes_add": false,
                },
                "language": "nl", "allow_other_email": false,
            }),
            Some(&admin),
        )
        .await;
    assert_eq!(invitation.status, StatusCode::CREATED);
    let token = app.latest_link_token(invited).await;
    // Whoever holds the link registers again and again with someone else's number.
    let victim = "+31612345678";
    let hour_limit = MessageLimits::default().codes_per_number_per_hour;
    let register = || {
        app.post_json(
            "/api/v1/invitations/register",
            json!({
                "token": token, "name": "Karin de Boer", "email": invited, "mobile": "06 12345678",
                "password": TEST_PASSWORD, "language": "nl",
            }),
            None,
        )
    };
    for _ in 0..hour_limit {
        let response = register().await;
        assert_eq!(
            response.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&response.body)
        );
        app.advance(Duration::minutes(1));
    }
    assert_eq!(messages_to(&app, victim).await, i64::from(hour_limit));
    for _ in 0..3 {
        register()
            .await
            .assert_problem(StatusCode::TOO_MANY_REQUESTS, "too-many-messages");
    }
    assert_eq!(messages_to(&app, victim).await, i64::from(hour_limit));
}

fn too_many(response: &TestResponse) -> Value {
    response.assert_problem(StatusCode::TOO_MANY_REQUESTS, "too-many-messages")
}

#[tokio::test]
async fn staff_and_administrators_cannot_flood_an_address_either() {
    let app = test_app(AppOptions::default(), true).await;
    let day_limit = MessageLimits::default().messages_per_recipient_per_day;
    let count = |sql: &'static str| {
        let db = app.state.db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };

    // A client's administrator inviting someone to the circle, and sending it again.
    let portal = app.create_portal("kring").await;
    let admin = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    app.accept_current_terms(&admin).await;
    let invitations = format!("/api/v1/portals/{}/network/invitations", portal.client_id);
    let invite = |email: &'static str| {
        app.post_json(
            &invitations,
            json!({
                "name": "Karin de Boer", "email": email, "relation": "Tante",
                "rights": {
                    "care_plan": false, "reports": false, "photos_view": true,
                    "photos_add": false, "notes_view": false, "notes_add": false,
                },
                "language": "nl", "allow_other_email": false,
            }),
            Some(&admin),
        )
    };
    fill_outbox(&app, "email", "vol@test.example", day_limit).await;
    too_many(&invite("vol@test.example").await);
    assert_eq!(
        count("SELECT COUNT(*) FROM network_invitations WHERE email = 'vol@test.example'").await,
        0,
        "nothing stored"
    );
    let open = invite("bijna@test.example").await;
    assert_eq!(open.status, StatusCode::CREATED);
    let id = open.json()["id"].as_i64().unwrap();
    fill_outbox(&app, "email", "bijna@test.example", day_limit - 1).await;
    too_many(
        &app.post_json(
            &format!("{invitations}/{id}/resend"),
            json!(null),
            Some(&admin),
        )
        .await,
    );
    assert_eq!(
        messages_to(&app, "bijna@test.example").await,
        i64::from(day_limit)
    );

    // An organisation administrator inviting a staff member.
    let (_, org_admin) = app.create_staff("organisation_admin", None, "org").await;
    fill_outbox(&app, "email", "collega@test.example", day_limit).await;
    too_many(
        &app.post_json(
            "/api/v1/staff/members",
            json!({
                "name": "Anna de Boer", "email": "collega@test.example", "mobile": "06 11223344",
                "role": "organisation_admin", "team_id": null,
                "job_title": { "nl": "Beheerder", "en": "" },
            }),
            Some(&org_admin),
        )
        .await,
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM staff_members WHERE email = 'collega@test.example'").await,
        0,
        "nothing stored"
    );

    // A care professional giving a client of their team the portal.
    let team: i64 = sqlx::query_scalar(
        "INSERT INTO teams (organisation_id, name) VALUES ($1, 'Team') RETURNING id",
    )
    .bind(app.state.organisation_id)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    let (_, carer) = app
        .create_staff("care_professional", Some(team), "zorg")
        .await;
    let client: i64 = sqlx::query_scalar(
        "INSERT INTO clients (organisation_id, team_id, client_number, first_name, family_name, date_of_birth, \
         care_relation_start, created_at) VALUES ($1, $2, 'L-1', 'Sanne', 'Bos', '1980-05-05', '2024-01-01', $3) RETURNING id",
    )
    .bind(app.state.organisation_id)
    .bind(team)
    .bind(app.clock.now())
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    fill_outbox(&app, "email", "sanne@test.example", day_limit).await;
    too_many(
        &app.post_json(
            &format!("/api/v1/staff/clients/{client}/administrator"),
            json!({
                "name": "Sanne Bos", "email": "sanne@test.example", "mobile": "06 12121212",
                "relation": "client", "representation_basis": null, "language": "nl",
            }),
            Some(&carer),
        )
        .await,
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM accounts WHERE email = 'sanne@test.example'").await,
        0,
        "nothing stored"
    );
    assert_eq!(
        messages_to(&app, "sanne@test.example").await,
        i64::from(day_limit)
    );
}
