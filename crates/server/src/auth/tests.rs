//! Signing in, codes, sessions, activation, password reset and request checks, tested
//! through HTTP against a real database.

use axum::body::Body;
use axum::http::{Method, StatusCode};
use chrono::Duration;
use serde_json::json;

use crate::app::AppOptions;
use crate::test_support::{session_cookie, test_app, TestApp, TEST_PASSWORD};

async fn app() -> TestApp {
    test_app(AppOptions::default(), true).await
}

async fn confirm_code(
    app: &TestApp,
    attempt: &str,
    code: &str,
) -> crate::test_support::TestResponse {
    app.post_json(
        "/api/v1/auth/sign-in/code",
        json!({ "attempt": attempt, "code": code }),
        None,
    )
    .await
}

/// A code that is not `code`.
fn wrong_code(code: &str) -> &'static str {
    if code == "000000" {
        "111111"
    } else {
        "000000"
    }
}

#[tokio::test]
async fn sign_in_takes_a_password_then_an_sms_code_and_sets_a_strict_cookie() {
    let app = app().await;
    let portal = app.create_portal("a").await;
    let response = app
        .post_json(
            "/api/v1/auth/sign-in",
            json!({ "email": "  BEHEER-a@test.example ", "password": TEST_PASSWORD }),
            None,
        )
        .await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(
        response.header("set-cookie").is_empty(),
        "no session before the code"
    );
    let challenge = response.json();
    assert_eq!(
        challenge["mobile_hint"],
        format!(
            "•• {}",
            &portal.admin_mobile[portal.admin_mobile.len() - 2..]
        )
    );
    assert_eq!(challenge["resend_after_seconds"], 60);
    let attempt = challenge["attempt"].as_str().unwrap();

    let code = app.latest_code(&portal.admin_mobile).await;
    let response = confirm_code(&app, attempt, &code).await;
    assert_eq!(response.status, StatusCode::OK);
    let set_cookie = response.header("set-cookie");
    assert!(set_cookie.starts_with("kring-session="));
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200"] {
        assert!(set_cookie.contains(attribute), "{set_cookie}");
    }
    assert!(
        !set_cookie.contains("Secure"),
        "plain HTTP in local development"
    );
    let token = session_cookie(&response)["kring-session=".len()..].to_owned();
    assert!(token.len() >= 43, "at least 256 bits");
    let session = response.json();
    assert_eq!(session["account"]["email"], "beheer-a@test.example");
    assert_eq!(session["idle_timeout_seconds"], 900);

    let cookie = session_cookie(&response);
    app.assert_signed_in(&cookie).await;
    // The database holds a hash, never the token.
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE token_hash = $1")
        .bind(&token)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn https_cookies_are_secure_and_host_prefixed() {
    let mut app = app().await;
    let mut settings = (*app.state.settings).clone();
    settings.https = true;
    app.state.settings = std::sync::Arc::new(settings);
    app.router = crate::app::build(app.state.clone(), AppOptions::default());
    let portal = app.create_portal("h").await;
    let attempt = app.start_sign_in(&portal.admin_email, TEST_PASSWORD).await;
    let code = app.latest_code(&portal.admin_mobile).await;
    let response = app
        .send(
            app.app_request(Method::POST, "/api/v1/auth/sign-in/code", None)
                .header("origin", "https://portal.test")
                .header("content-type", "application/json")
                .body(Body::from(
                    json!({ "attempt": attempt, "code": code }).to_string(),
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(
        response.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    let set_cookie = response.header("set-cookie");
    assert!(
        set_cookie.starts_with("__Host-kring-session="),
        "{set_cookie}"
    );
    assert!(set_cookie.contains("; Secure"));
}

#[tokio::test]
async fn unknown_addresses_and_wrong_passwords_get_the_same_answer() {
    let app = app().await;
    let portal = app.create_portal("b").await;
    let unknown = app
        .post_json(
            "/api/v1/auth/sign-in",
            json!({ "email": "niemand@test.example", "password": TEST_PASSWORD }),
            None,
        )
        .await;
    let wrong = app
        .post_json(
            "/api/v1/auth/sign-in",
            json!({ "email": portal.admin_email, "password": "niet het wachtwoord" }),
            None,
        )
        .await;
    let a = unknown.assert_problem(StatusCode::UNAUTHORIZED, "invalid-credentials");
    let b = wrong.assert_problem(StatusCode::UNAUTHORIZED, "invalid-credentials");
    assert_eq!(a, b);
    let sent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM dev_outbox WHERE channel = 'sms'")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(sent, 0, "no code is sent without the right password");
}

#[tokio::test]
async fn a_wrong_code_costs_a_try_and_five_wrong_tries_end_the_attempt() {
    let app = app().await;
    let portal = app.create_portal("c").await;
    let attempt = app.start_sign_in(&portal.admin_email, TEST_PASSWORD).await;
    let code = app.latest_code(&portal.admin_mobile).await;
    let wrong = wrong_code(&code);
    let first = confirm_code(&app, &attempt, wrong).await;
    let problem = first.assert_problem(StatusCode::BAD_REQUEST, "code-invalid");
    assert!(problem["detail"].as_str().unwrap().contains("4 keer"));
    for _ in 0..3 {
        confirm_code(&app, &attempt, wrong)
            .await
            .assert_problem(StatusCode::BAD_REQUEST, "code-invalid");
    }
    confirm_code(&app, &attempt, wrong)
        .await
        .assert_problem(StatusCode::GONE, "code-expired");
    // Now even the right code no longer works for this attempt.
    confirm_code(&app, &attempt, &code)
        .await
        .assert_problem(StatusCode::GONE, "code-expired");
}

#[tokio::test]
async fn wrong_codes_count_per_account_across_attempts_and_then_make_it_wait() {
    let app = app().await;
    let portal = app.create_portal("g").await;
    // Two attempts' worth of wrong codes are free: each new attempt has its own tries.
    let mut wrong_so_far = 0;
    for _ in 0..2 {
        app.advance(Duration::seconds(61));
        let attempt = app.start_sign_in(&portal.admin_email, TEST_PASSWORD).await;
        let code = app.latest_code(&portal.admin_mobile).await;
        let wrong = wrong_code(&code);
        for _ in 0..5 {
            let answer = confirm_code(&app, &attempt, wrong).await;
            assert_ne!(answer.status, StatusCode::OK);
            assert_ne!(
                answer.status,
                StatusCode::TOO_MANY_REQUESTS,
                "within the free failures"
            );
            wrong_so_far += 1;
        }
    }
    assert_eq!(wrong_so_far, 10);
    // The third attempt: its first wrong code makes the account wait, and while it
    // waits even the right code of this attempt is not checked.
    app.advance(Duration::seconds(61));
    let attempt = app.start_sign_in(&portal.admin_email, TEST_PASSWORD).await;
    let code = app.latest_code(&portal.admin_mobile).await;
    let wrong = wrong_code(&code);
    confirm_code(&app, &attempt, wrong)
        .await
        .assert_problem(StatusCode::BAD_REQUEST, "code-invalid");
    let waiting = confirm_code(&app, &attempt, &code).await;
    waiting.assert_problem(StatusCode::TOO_MANY_REQUESTS, "rate-limited");
    assert!(waiting.header("retry-after").parse::<i64>().unwrap() >= 1);
    // Each further wrong code doubles the wait.
    app.advance(Duration::seconds(2));
    confirm_code(&app, &attempt, wrong)
        .await
        .assert_problem(StatusCode::BAD_REQUEST, "code-invalid");
    let longer = confirm_code(&app, &attempt, &code).await;
    longer.assert_problem(StatusCode::TOO_MANY_REQUESTS, "rate-limited");
    assert!(longer.header("retry-after").parse::<i64>().unwrap() >= 2);
    // After the wait the right code works, and clears the count.
    app.advance(Duration::seconds(3));
    assert_eq!(
        confirm_code(&app, &attempt, &code).await.status,
        StatusCode::OK
    );
    app.advance(Duration::seconds(61));
    let attempt = app.start_sign_in(&portal.admin_email, TEST_PASSWORD).await;
    let code = app.latest_code(&portal.admin_mobile).await;
    let wrong = wrong_code(&code);
    confirm_code(&app, &attempt, wrong)
        .await
        .assert_problem(StatusCode::BAD_REQUEST, "code-invalid");
    assert_eq!(
        confirm_code(&app, &attempt, &code).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_code_works_once_and_only_for_ten_minutes() {
    let app = app().await;
    let portal = app.create_portal("d").await;
    let attempt = app.start_sign_in(&portal.admin_email, TEST_PASSWORD).await;
    let code = app.latest_code(&portal.admin_mobile).await;
    assert_eq!(
        confirm_code(&app, &attempt, &code).await.status,
        StatusCode::OK
    );
    confirm_code(&app, &attempt, &code)
        .await
        .assert_problem(StatusCode::GONE, "code-expired");

    let attempt = app.start_sign_in(&portal.admin_email, TEST_PASSWORD).await;
    let code = app.latest_code(&portal.admin_mobile).await;
    app.advance(Duration::minutes(10));
    confirm_code(&app, &attempt, &code)
        .await
        .assert_problem(StatusCode::GONE, "code-expired");
}

#[tokio::test]
async fn a_code_is_bound_to_the_attempt_it_was_sent_for() {
    let app = app().await;
    let portal = app.create_portal("e").await;
    let first = app.start_sign_in(&portal.admin_email, TEST_PASSWORD).await;
    let first_code = app.latest_code(&portal.admin_mobile).await;
    let second = app.start_sign_in(&portal.admin_email, TEST_PASSWORD).await;
    let second_code = app.latest_code(&portal.admin_mobile).await;
    if first_code != second_code {
        confirm_code(&app, &second, &first_code)
            .await
            .assert_problem(StatusCode::BAD_REQUEST, "code-invalid");
    }
    assert_eq!(
        confirm_code(&app, &first, &first_code).await.status,
        StatusCode::OK
    );
    // Someone else's attempt token with a right code of one's own: unknown attempt.
    confirm_code(&app, "not-an-attempt", &second_code)
        .await
        .assert_problem(StatusCode::GONE, "code-expired");
}

#[tokio::test]
async fn a_new_code_waits_a_minute_and_replaces_the_old_one() {
    let app = app().await;
    let portal = app.create_portal("f").await;
    let attempt = app.start_sign_in(&portal.admin_email, TEST_PASSWORD).await;
    let old_code = app.latest_code(&portal.admin_mobile).await;
    let too_soon = app
        .post_json(
            "/api/v1/auth/code/resend",
            json!({ "attempt": attempt }),
            None,
        )
        .await;
    too_soon.assert_problem(StatusCode::TOO_MANY_REQUESTS, "rate-limited");
    let retry_after: i64 = too_soon.header("retry-after").parse().unwrap();
    assert!((1..=60).contains(&retry_after));

    app.advance(Duration::seconds(61));
    let resent = app
        .post_json(
            "/api/v1/auth/code/resend",
            json!({ "attempt": attempt }),
            None,
        )
        .await;
    assert_eq!(resent.status, StatusCode::OK);
    let new_code = app.latest_code(&portal.admin_mobile).await;
    if new_code != old_code {
        confirm_code(&app, &attempt, &old_code)
            .await
            .assert_problem(StatusCode::BAD_REQUEST, "code-invalid");
    }
    assert_eq!(
        confirm_code(&app, &attempt, &new_code).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn signing_in_gives_a_new_session_id_and_kills_the_old_one() {
    let app = app().await;
    let portal = app.create_portal("g").await;
    let old = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    // Signing in again while carrying the old cookie (a planted or earlier id).
    let attempt = app.start_sign_in(&portal.admin_email, TEST_PASSWORD).await;
    let code = app.latest_code(&portal.admin_mobile).await;
    let response = app
        .post_json(
            "/api/v1/auth/sign-in/code",
            json!({ "attempt": attempt, "code": code }),
            Some(&old),
        )
        .await;
    let new = session_cookie(&response);
    assert_ne!(new, old);
    app.assert_signed_out(&old).await;
    app.assert_signed_in(&new).await;
}

#[tokio::test]
async fn sessions_end_after_15_idle_minutes() {
    let app = app().await;
    let portal = app.create_portal("i").await;
    let cookie = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    // Activity keeps it alive.
    for _ in 0..4 {
        app.advance(Duration::minutes(14));
        app.assert_signed_in(&cookie).await;
    }
    app.advance(Duration::minutes(15));
    app.post_json("/api/v1/session/keep-alive", json!(null), Some(&cookie))
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "session-expired");
    // Once expired, it stays dead.
    app.assert_signed_out(&cookie).await;
}

#[tokio::test]
async fn sessions_end_after_12_hours_whatever_the_activity() {
    let app = app().await;
    let portal = app.create_portal("j").await;
    let cookie = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    for _ in 0..71 {
        app.advance(Duration::minutes(10));
        let response = app
            .post_json("/api/v1/session/keep-alive", json!(null), Some(&cookie))
            .await;
        assert_eq!(response.status, StatusCode::OK);
    }
    app.advance(Duration::minutes(10)); // 12 hours after signing in
    app.post_json("/api/v1/session/keep-alive", json!(null), Some(&cookie))
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "session-expired");
}

#[tokio::test]
async fn signing_out_ends_the_session_and_clears_site_data() {
    let app = app().await;
    let portal = app.create_portal("k").await;
    let phone = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    let laptop = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    let response = app
        .post_json("/api/v1/session/sign-out", json!(null), Some(&phone))
        .await;
    assert_eq!(response.status, StatusCode::NO_CONTENT);
    assert!(response.header("set-cookie").contains("Max-Age=0"));
    assert!(response.header("clear-site-data").contains("\"storage\""));
    app.assert_signed_out(&phone).await;
    app.assert_signed_in(&laptop).await;

    let other_laptop = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    let response = app
        .post_json(
            "/api/v1/session/sign-out-everywhere",
            json!(null),
            Some(&laptop),
        )
        .await;
    assert_eq!(response.status, StatusCode::NO_CONTENT);
    for cookie in [&laptop, &other_laptop] {
        app.assert_signed_out(cookie).await;
    }
}

#[tokio::test]
async fn state_changing_requests_need_the_app_header_and_the_own_origin() {
    let app = app().await;
    let body = json!({ "email": "x@test.example", "password": "whatever it is" }).to_string();
    let send = |builder: axum::http::request::Builder| {
        builder
            .header("content-type", "application/json")
            .body(Body::from(body.clone()))
            .unwrap()
    };
    let no_header = crate::test_support::request(Method::POST, "/api/v1/auth/sign-in")
        .header("origin", crate::test_support::TEST_ORIGIN)
        .header("host", "portal.test");
    app.send(send(no_header))
        .await
        .assert_problem(StatusCode::FORBIDDEN, "csrf-rejected");
    let foreign = crate::test_support::request(Method::POST, "/api/v1/auth/sign-in")
        .header("origin", "https://evil.example")
        .header("host", "portal.test")
        .header(crate::request_guard::CSRF_HEADER, "1");
    app.send(send(foreign))
        .await
        .assert_problem(StatusCode::FORBIDDEN, "csrf-rejected");
    let no_origin = crate::test_support::request(Method::POST, "/api/v1/auth/sign-in")
        .header("host", "portal.test")
        .header(crate::request_guard::CSRF_HEADER, "1");
    app.send(send(no_origin))
        .await
        .assert_problem(StatusCode::FORBIDDEN, "csrf-rejected");
    // GET needs neither.
    assert_eq!(app.get("/api/v1/organisation").await.status, StatusCode::OK);
}

#[tokio::test]
async fn repeated_wrong_passwords_slow_down_but_never_lock_out_the_owner() {
    let app = app().await;
    let portal = app.create_portal("l").await;
    let wrong = json!({ "email": portal.admin_email, "password": "fout fout fout" });
    for _ in 0..6 {
        app.post_json("/api/v1/auth/sign-in", wrong.clone(), None)
            .await
            .assert_problem(StatusCode::UNAUTHORIZED, "invalid-credentials");
    }
    // The sixth failure asked for a wait; even the right password must wait now.
    let right = json!({ "email": portal.admin_email, "password": TEST_PASSWORD });
    let throttled = app
        .post_json("/api/v1/auth/sign-in", right.clone(), None)
        .await;
    throttled.assert_problem(StatusCode::TOO_MANY_REQUESTS, "rate-limited");
    assert!(!throttled.header("retry-after").is_empty());
    let failures: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM access_log WHERE detail = 'sign_in_failed' AND outcome = 'failed' AND actor_account_id = $1",
    )
    .bind(portal.admin_account)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(failures, 6, "every failure is logged");
    let throttled_logged: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM access_log WHERE detail = 'sign_in_throttled' AND outcome = 'refused'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(throttled_logged, 1);

    // After the wait the owner gets in, and the count starts again.
    app.advance(Duration::seconds(2));
    let ok = app.post_json("/api/v1/auth/sign-in", right, None).await;
    assert_eq!(ok.status, StatusCode::OK);
    // Unknown addresses are slowed down exactly the same (nothing to learn from 429s).
    let unknown = json!({ "email": "niemand@test.example", "password": "fout fout fout" });
    for _ in 0..6 {
        app.post_json("/api/v1/auth/sign-in", unknown.clone(), None)
            .await;
    }
    app.post_json("/api/v1/auth/sign-in", unknown, None)
        .await
        .assert_problem(StatusCode::TOO_MANY_REQUESTS, "rate-limited");
}

#[tokio::test]
async fn suspended_accounts_learn_why_and_cannot_use_a_session() {
    let app = app().await;
    let portal = app.create_portal("m").await;
    let cookie = app
        .sign_in(&portal.contact_email, &portal.contact_mobile)
        .await;
    crate::staff::set_account_suspension(
        &app.state,
        None,
        portal.contact_account,
        Some("Te veel berichten.".into()),
    )
    .await
    .unwrap();
    app.assert_signed_out(&cookie).await;
    let problem = app
        .post_json(
            "/api/v1/auth/sign-in",
            json!({ "email": portal.contact_email, "password": TEST_PASSWORD }),
            None,
        )
        .await
        .assert_problem(StatusCode::FORBIDDEN, "account-suspended");
    assert_eq!(problem["reason"], "Te veel berichten.");
    assert!(problem["detail"]
        .as_str()
        .unwrap()
        .contains("Te veel berichten."));
    // A wrong password does not reveal the suspension.
    app.post_json(
        "/api/v1/auth/sign-in",
        json!({ "email": portal.contact_email, "password": "fout fout fout" }),
        None,
    )
    .await
    .assert_problem(StatusCode::UNAUTHORIZED, "invalid-credentials");

    crate::staff::set_account_suspension(&app.state, None, portal.contact_account, None)
        .await
        .unwrap();
    app.sign_in(&portal.contact_email, &portal.contact_mobile)
        .await;
}

#[tokio::test]
async fn activation_sets_a_password_confirms_the_mobile_and_starts_a_session() {
    let app = app().await;
    let client: i64 = app.create_portal("n").await.client_id;
    sqlx::query(
        "UPDATE portal_access SET status = 'ended' WHERE client_id = $1 AND role = 'administrator'",
    )
    .bind(client)
    .execute(&app.state.db)
    .await
    .unwrap();
    crate::staff::grant_administrator(
        &app.state,
        None,
        client,
        kring_api::GrantAccessRequest {
            name: "Nieuwe Beheerder".into(),
            email: "nieuw@test.example".into(),
            mobile: "06 55 44 33 22".into(),
            relation: kring_api::AdministratorRelation::Client,
            representation_basis: None,
            language: kring_api::Language::Nl,
        },
    )
    .await
    .unwrap();
    let token = app.latest_link_token("nieuw@test.example").await;
    let info = app
        .post_json("/api/v1/activation/lookup", json!({ "token": token }), None)
        .await;
    assert_eq!(info.status, StatusCode::OK);
    assert_eq!(info.json()["email"], "nieuw@test.example");
    assert_eq!(info.json()["mobile_hint"], "•• 22");

    for (password, code) in [
        ("kort", "password-too-short"),
        ("wachtwoord12345", "password-too-common"),
        ("Welkom2026!!", "password-too-common"),
    ] {
        app.post_json(
            "/api/v1/activation",
            json!({ "token": token, "password": password }),
            None,
        )
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, code);
    }
    let challenge = app
        .post_json(
            "/api/v1/activation",
            json!({ "token": token, "password": "mijn fiets is blauw 🚲" }),
            None,
        )
        .await;
    assert_eq!(challenge.status, StatusCode::OK);
    let attempt = challenge.json()["attempt"].as_str().unwrap().to_owned();
    let code = app.latest_code("+31655443322").await;
    let session = app
        .post_json(
            "/api/v1/activation/code",
            json!({ "attempt": attempt, "code": code }),
            None,
        )
        .await;
    assert_eq!(
        session.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&session.body)
    );
    let cookie = session_cookie(&session);
    let info = session.json();
    assert_eq!(info["terms"]["accepted"], false, "the terms come next");
    let (status, access): (String, String) = sqlx::query_as(
        "SELECT a.status, pa.status FROM accounts a JOIN portal_access pa ON pa.account_id = a.id WHERE a.email = 'nieuw@test.example'",
    )
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!((status.as_str(), access.as_str()), ("active", "active"));

    // The link works once.
    app.post_json("/api/v1/activation/lookup", json!({ "token": token }), None)
        .await
        .assert_problem(StatusCode::GONE, "link-used");
    // And the new account signs in like any other.
    app.post_json("/api/v1/session/sign-out", json!(null), Some(&cookie))
        .await;
    let attempt = app
        .start_sign_in("nieuw@test.example", "mijn fiets is blauw 🚲")
        .await;
    assert!(!attempt.is_empty());
}

#[tokio::test]
async fn activation_links_expire_after_72_hours_and_unknown_ones_are_refused() {
    let app = app().await;
    let client = app.create_portal("o").await.client_id;
    sqlx::query("UPDATE portal_access SET status = 'ended' WHERE client_id = $1")
        .bind(client)
        .execute(&app.state.db)
        .await
        .unwrap();
    crate::staff::grant_administrator(
        &app.state,
        None,
        client,
        kring_api::GrantAccessRequest {
            name: "Laat".into(),
            email: "laat@test.example".into(),
            mobile: "+31611112222".into(),
            relation: kring_api::AdministratorRelation::Client,
            representation_basis: None,
            language: kring_api::Language::En,
        },
    )
    .await
    .unwrap();
    let token = app.latest_link_token("laat@test.example").await;
    app.advance(Duration::hours(71));
    assert_eq!(
        app.post_json("/api/v1/activation/lookup", json!({ "token": token }), None)
            .await
            .status,
        StatusCode::OK
    );
    app.advance(Duration::hours(1));
    app.post_json("/api/v1/activation/lookup", json!({ "token": token }), None)
        .await
        .assert_problem(StatusCode::GONE, "link-expired");
    app.post_json(
        "/api/v1/activation",
        json!({ "token": token, "password": "mijn fiets is blauw" }),
        None,
    )
    .await
    .assert_problem(StatusCode::GONE, "link-expired");
    app.post_json(
        "/api/v1/activation/lookup",
        json!({ "token": "verzonnen" }),
        None,
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND, "link-invalid");
}

#[tokio::test]
async fn password_reset_uses_a_link_and_still_needs_the_sms_code() {
    let app = app().await;
    let portal = app.create_portal("p").await;
    let cookie = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    let unknown = app
        .post_json(
            "/api/v1/auth/password-reset",
            json!({ "email": "niemand@test.example" }),
            None,
        )
        .await;
    let known = app
        .post_json(
            "/api/v1/auth/password-reset",
            json!({ "email": portal.admin_email }),
            None,
        )
        .await;
    assert_eq!(unknown.status, StatusCode::ACCEPTED);
    assert_eq!(known.status, StatusCode::ACCEPTED);
    assert_eq!(unknown.body, known.body);
    let mails: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM dev_outbox WHERE channel = 'email'")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(mails, 1, "only the known address gets a link");
    let token = app.latest_link_token(&portal.admin_email).await;
    app.post_json(
        "/api/v1/auth/password-reset/complete",
        json!({ "token": token, "password": "kort" }),
        None,
    )
    .await
    .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "password-too-short");
    let done = app
        .post_json(
            "/api/v1/auth/password-reset/complete",
            json!({ "token": token, "password": "drie katten op de bank" }),
            None,
        )
        .await;
    assert_eq!(done.status, StatusCode::OK);
    assert!(
        done.header("set-cookie").is_empty(),
        "a reset never signs in by itself"
    );
    app.assert_signed_out(&cookie).await;
    app.post_json(
        "/api/v1/auth/password-reset/complete",
        json!({ "token": token, "password": "nog een ander wachtwoord" }),
        None,
    )
    .await
    .assert_problem(StatusCode::GONE, "link-used");
    app.post_json(
        "/api/v1/auth/sign-in",
        json!({ "email": portal.admin_email, "password": TEST_PASSWORD }),
        None,
    )
    .await
    .assert_problem(StatusCode::UNAUTHORIZED, "invalid-credentials");
    let response = app
        .post_json(
            "/api/v1/auth/sign-in",
            json!({ "email": portal.admin_email, "password": "drie katten op de bank" }),
            None,
        )
        .await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(
        response.json()["attempt"].is_string(),
        "the second step still follows"
    );
}

#[tokio::test]
async fn a_new_mobile_number_counts_only_after_its_code() {
    let app = app().await;
    let portal = app.create_portal("q").await;
    let cookie = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    // A new number needs the password and a code again first.
    let again = app
        .post_json(
            "/api/v1/account/reauthentication",
            json!({ "password": TEST_PASSWORD }),
            Some(&cookie),
        )
        .await;
    let attempt = again.json()["attempt"].as_str().unwrap().to_owned();
    let code = app.latest_code(&portal.admin_mobile).await;
    let proved = app
        .post_json(
            "/api/v1/account/reauthentication/code",
            json!({ "attempt": attempt, "code": code }),
            Some(&cookie),
        )
        .await;
    assert_eq!(proved.status, StatusCode::OK);
    app.post_json(
        "/api/v1/account/mobile",
        json!({ "mobile": "020 123 4567" }),
        Some(&cookie),
    )
    .await
    .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "mobile-invalid");
    let challenge = app
        .post_json(
            "/api/v1/account/mobile",
            json!({ "mobile": "06 9876 5432" }),
            Some(&cookie),
        )
        .await;
    assert_eq!(challenge.status, StatusCode::OK);
    assert_eq!(challenge.json()["mobile_hint"], "•• 32");
    let attempt = challenge.json()["attempt"].as_str().unwrap().to_owned();
    let unchanged: String = sqlx::query_scalar("SELECT mobile FROM accounts WHERE id = $1")
        .bind(portal.admin_account)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(unchanged, portal.admin_mobile);
    let code = app.latest_code("+31698765432").await;
    let confirmed = app
        .post_json(
            "/api/v1/account/mobile/code",
            json!({ "attempt": attempt, "code": code }),
            Some(&cookie),
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK);
    // The next sign-in code goes to the new number.
    app.sign_in(&portal.admin_email, "+31698765432").await;
}
