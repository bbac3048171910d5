//! Account security over HTTP: every refusal, and the changes that pass.

use axum::http::{Method, StatusCode};
use chrono::Duration;
use serde_json::json;

use crate::app::AppOptions;
use crate::test_support::{session_cookie, test_app, TestApp, TEST_PASSWORD};

async fn app() -> TestApp {
    test_app(AppOptions::default(), true).await
}

/// The bodies of the messages to `recipient`, oldest first.
async fn messages_to(app: &TestApp, recipient: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT body FROM dev_outbox WHERE recipient = $1 ORDER BY id")
        .bind(recipient)
        .fetch_all(&app.state.db)
        .await
        .unwrap()
}

/// The kinds in the account's security log, oldest first.
async fn event_kinds(app: &TestApp, account_id: i64) -> Vec<String> {
    sqlx::query_scalar("SELECT kind FROM account_events WHERE account_id = $1 ORDER BY id")
        .bind(account_id)
        .fetch_all(&app.state.db)
        .await
        .unwrap()
}

/// Proves password and code again for a signed-in person.
pub(crate) async fn reauthenticate(app: &TestApp, cookie: &str, mobile: &str) {
    let challenge = app
        .post_json(
            "/api/v1/account/reauthentication",
            json!({ "password": TEST_PASSWORD }),
            Some(cookie),
        )
        .await;
    assert_eq!(challenge.status, StatusCode::OK);
    let attempt = challenge.json()["attempt"].as_str().unwrap().to_owned();
    let code = app.latest_code(mobile).await;
    let done = app
        .post_json(
            "/api/v1/account/reauthentication/code",
            json!({ "attempt": attempt, "code": code }),
            Some(cookie),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{:?}", done.json());
    assert!(done.json()["valid_until"].is_string());
}

#[tokio::test]
async fn a_mobile_change_needs_a_recent_reauthentication_and_tells_the_old_number() {
    let app = app().await;
    let portal = app.create_portal("reauth").await;
    let cookie = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    // Signing in does not count: the change asks for password and code again.
    app.post_json(
        "/api/v1/account/mobile",
        json!({ "mobile": "06 1111 2222" }),
        Some(&cookie),
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN, "reauthentication-required");
    assert!(messages_to(&app, "+31611112222").await.is_empty());

    // A wrong password does not start a re-authentication.
    app.post_json(
        "/api/v1/account/reauthentication",
        json!({ "password": "niet mijn wachtwoord" }),
        Some(&cookie),
    )
    .await
    .assert_problem(StatusCode::UNAUTHORIZED, "invalid-credentials");
    // A code of a sign-in attempt does not re-authenticate.
    let sign_in_attempt = app.start_sign_in(&portal.admin_email, TEST_PASSWORD).await;
    let sign_in_code = app.latest_code(&portal.admin_mobile).await;
    app.post_json(
        "/api/v1/account/reauthentication/code",
        json!({ "attempt": sign_in_attempt, "code": sign_in_code }),
        Some(&cookie),
    )
    .await
    .assert_problem(StatusCode::GONE, "code-expired");

    reauthenticate(&app, &cookie, &portal.admin_mobile).await;
    let challenge = app
        .post_json(
            "/api/v1/account/mobile",
            json!({ "mobile": "06 1111 2222" }),
            Some(&cookie),
        )
        .await;
    assert_eq!(challenge.status, StatusCode::OK);
    let attempt = challenge.json()["attempt"].as_str().unwrap().to_owned();
    let code = app.latest_code("+31611112222").await;
    let confirmed = app
        .post_json(
            "/api/v1/account/mobile/code",
            json!({ "attempt": attempt, "code": code }),
            Some(&cookie),
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK);
    // The old number and the e-mail address are told, without a code or the new number.
    let to_old = messages_to(&app, &portal.admin_mobile).await;
    let notice = to_old.last().unwrap();
    assert!(notice.contains("gewijzigd"), "{notice}");
    assert!(!notice.contains("2222"));
    assert!(!notice.chars().any(|c| c.is_ascii_digit()), "{notice}");
    let mails = messages_to(&app, &portal.admin_email).await;
    assert!(mails.last().unwrap().contains("mobiele nummer"));
    assert_eq!(
        event_kinds(&app, portal.admin_account).await,
        vec!["mobile-changed"]
    );
    // Five minutes after the re-authentication it no longer counts.
    app.advance(Duration::minutes(5));
    app.post_json(
        "/api/v1/account/mobile",
        json!({ "mobile": "06 3333 4444" }),
        Some(&cookie),
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN, "reauthentication-required");
}

#[tokio::test]
async fn codes_to_new_numbers_are_limited_per_account() {
    let app = app().await;
    let portal = app.create_portal("flood").await;
    let cookie = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    reauthenticate(&app, &cookie, &portal.admin_mobile).await;
    for n in 0..3 {
        let response = app
            .post_json(
                "/api/v1/account/mobile",
                json!({ "mobile": format!("+3165555000{n}") }),
                Some(&cookie),
            )
            .await;
        assert_eq!(response.status, StatusCode::OK, "code {n}");
    }
    let refused = app
        .post_json(
            "/api/v1/account/mobile",
            json!({ "mobile": "+31655550009" }),
            Some(&cookie),
        )
        .await;
    refused.assert_problem(StatusCode::TOO_MANY_REQUESTS, "too-many-messages");
    let wait: u64 = refused.header("retry-after").parse().unwrap();
    assert!((3500..=3600).contains(&wait), "{wait}");
    assert!(messages_to(&app, "+31655550009").await.is_empty());
    // An hour later one more may go (the idle session timed out meanwhile).
    app.advance(Duration::minutes(61));
    let cookie = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    reauthenticate(&app, &cookie, &portal.admin_mobile).await;
    let again = app
        .post_json(
            "/api/v1/account/mobile",
            json!({ "mobile": "+31655550009" }),
            Some(&cookie),
        )
        .await;
    assert_eq!(again.status, StatusCode::OK);
}

#[tokio::test]
async fn a_new_email_address_counts_after_its_link_and_the_old_one_is_told() {
    let app = app().await;
    let portal = app.create_portal("mail").await;
    let cookie = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    app.advance(Duration::minutes(6));
    app.post_json(
        "/api/v1/account/email",
        json!({ "email": "nieuw@test.example" }),
        Some(&cookie),
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN, "reauthentication-required");
    reauthenticate(&app, &cookie, &portal.admin_mobile).await;
    // Someone else's address is refused.
    app.post_json(
        "/api/v1/account/email",
        json!({ "email": portal.contact_email }),
        Some(&cookie),
    )
    .await
    .assert_problem(StatusCode::CONFLICT, "email-taken");
    let accepted = app
        .post_json(
            "/api/v1/account/email",
            json!({ "email": "Nieuw@Test.example" }),
            Some(&cookie),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::ACCEPTED);
    let stored: String = sqlx::query_scalar("SELECT email FROM accounts WHERE id = $1")
        .bind(portal.admin_account)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(stored, portal.admin_email, "not before the link");
    let token = app.latest_link_token("nieuw@test.example").await;
    app.post_json(
        "/api/v1/account/email/confirm",
        json!({ "token": "onzin" }),
        None,
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND, "link-invalid");
    let confirmed = app
        .post_json(
            "/api/v1/account/email/confirm",
            json!({ "token": token }),
            None,
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK);
    app.post_json(
        "/api/v1/account/email/confirm",
        json!({ "token": token }),
        None,
    )
    .await
    .assert_problem(StatusCode::GONE, "link-used");
    let old_mail = messages_to(&app, &portal.admin_email).await;
    let notice = old_mail.last().unwrap();
    assert!(notice.contains("e-mailadres"), "{notice}");
    assert!(!notice.contains("nieuw@test.example"));
    // Signing in now takes the new address.
    app.sign_in("nieuw@test.example", &portal.admin_mobile)
        .await;
    assert_eq!(
        event_kinds(&app, portal.admin_account).await,
        vec!["email-changed"]
    );
}

#[tokio::test]
async fn a_password_change_needs_a_recent_reauthentication_and_ends_other_sessions() {
    let app = app().await;
    let portal = app.create_portal("pw").await;
    let laptop = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    let phone = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    app.advance(Duration::minutes(6));
    app.post_json(
        "/api/v1/account/password",
        json!({ "password": "een heel nieuw wachtwoord" }),
        Some(&phone),
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN, "reauthentication-required");
    reauthenticate(&app, &phone, &portal.admin_mobile).await;
    app.post_json(
        "/api/v1/account/password",
        json!({ "password": "kort" }),
        Some(&phone),
    )
    .await
    .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "password-too-short");
    let changed = app
        .post_json(
            "/api/v1/account/password",
            json!({ "password": "een heel nieuw wachtwoord" }),
            Some(&phone),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK);
    app.assert_signed_in(&phone).await;
    app.assert_signed_out(&laptop).await;
    app.post_json(
        "/api/v1/auth/sign-in",
        json!({ "email": portal.admin_email, "password": TEST_PASSWORD }),
        None,
    )
    .await
    .assert_problem(StatusCode::UNAUTHORIZED, "invalid-credentials");
    assert!(messages_to(&app, &portal.admin_email)
        .await
        .last()
        .unwrap()
        .contains("wachtwoord"));
    assert_eq!(
        event_kinds(&app, portal.admin_account).await,
        vec!["password-changed"]
    );
}

#[tokio::test]
async fn sessions_are_listed_with_their_browser_and_one_can_be_signed_out() {
    let app = app().await;
    let portal = app.create_portal("sess").await;
    let first = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    // A second sign-in from a phone's browser.
    let attempt = app.start_sign_in(&portal.admin_email, TEST_PASSWORD).await;
    let code = app.latest_code(&portal.admin_mobile).await;
    let response = app
        .send(
            app.app_request(Method::POST, "/api/v1/auth/sign-in/code", None)
                .header("content-type", "application/json")
                .header(
                    "user-agent",
                    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
                )
                .body(axum::body::Body::from(
                    json!({ "attempt": attempt, "code": code }).to_string(),
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK);
    let phone = session_cookie(&response);

    let list = app.get_signed_in("/api/v1/account/sessions", &first).await;
    assert_eq!(list.status, StatusCode::OK);
    let items = list.json()["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 2);
    let phone_row = items.iter().find(|s| s["current"] == false).unwrap();
    let own_id = items.iter().find(|s| s["current"] == true).unwrap()["id"]
        .as_i64()
        .unwrap();
    // The own session is signed out with "sign out", not here.
    app.call(
        Method::DELETE,
        &format!("/api/v1/account/sessions/{own_id}"),
        None,
        Some(&first),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND, "not-found");
    assert_eq!(phone_row["browser"], "Chrome");
    assert_eq!(phone_row["device"], "Android");
    let phone_id = phone_row["id"].as_i64().unwrap();
    // Paged like every list.
    let one = app
        .get_signed_in("/api/v1/account/sessions?limit=1", &first)
        .await;
    assert_eq!(one.json()["items"].as_array().unwrap().len(), 1);
    assert!(one.json()["next_cursor"].is_string());

    // Someone else cannot end it.
    let other = app
        .sign_in(&portal.contact_email, &portal.contact_mobile)
        .await;
    app.call(
        Method::DELETE,
        &format!("/api/v1/account/sessions/{phone_id}"),
        None,
        Some(&other),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND, "not-found");
    app.assert_signed_in(&phone).await;

    let ended = app
        .call(
            Method::DELETE,
            &format!("/api/v1/account/sessions/{phone_id}"),
            None,
            Some(&first),
        )
        .await;
    assert_eq!(ended.status, StatusCode::NO_CONTENT);
    app.assert_signed_out(&phone).await;
    app.assert_signed_in(&first).await;
    let events = app.get_signed_in("/api/v1/account/events", &first).await;
    assert_eq!(events.status, StatusCode::OK);
    assert_eq!(events.json()["items"][0]["kind"], "session-ended");
    assert_eq!(events.json()["items"][0]["by_staff"], false);
}

#[test]
fn addresses_are_kept_coarse() {
    use crate::auth::session::coarse_address;
    assert_eq!(coarse_address("192.0.2.77").as_deref(), Some("192.0.2.x"));
    assert_eq!(
        coarse_address("2001:db8:1:2::5").as_deref(),
        Some("2001:db8:1::/48")
    );
    assert_eq!(coarse_address("unknown"), None);
}

/// A team, and a care professional of it signed in.
async fn team_with_carer(app: &TestApp, tag: &str) -> (i64, String) {
    let team: i64 = sqlx::query_scalar(
        "INSERT INTO teams (organisation_id, name) VALUES ($1, $2) RETURNING id",
    )
    .bind(app.state.organisation_id)
    .bind(format!("Team {tag}"))
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    let (_, cookie) = app.create_staff("care_professional", Some(team), tag).await;
    (team, cookie)
}

async fn put_in_team(app: &TestApp, client_id: i64, team: i64) {
    sqlx::query("UPDATE clients SET team_id = $1 WHERE id = $2")
        .bind(team)
        .bind(client_id)
        .execute(&app.state.db)
        .await
        .unwrap();
}

/// Step 1 of signing in, as it answers.
async fn sign_in_step(
    app: &TestApp,
    email: &str,
    password: &str,
) -> crate::test_support::TestResponse {
    app.post_json(
        "/api/v1/auth/sign-in",
        json!({ "email": email, "password": password }),
        None,
    )
    .await
}

#[tokio::test]
async fn a_lost_phone_is_reset_by_the_clients_team_and_the_next_sign_in_sets_up_a_new_number() {
    let app = app().await;
    let portal = app.create_portal("lost").await;
    let (team, carer) = team_with_carer(&app, "lost-a").await;
    let (_, other_carer) = team_with_carer(&app, "lost-b").await;
    put_in_team(&app, portal.client_id, team).await;
    let old_session = app
        .sign_in(&portal.contact_email, &portal.contact_mobile)
        .await;
    let path = format!(
        "/api/v1/staff/clients/{}/second-factor-reset",
        portal.client_id
    );
    let body = json!({ "email": portal.contact_email, "reason": "Telefoon gestolen; gebeld en vragen gesteld." });

    // Not staff, staff of another team, no reason, someone without access: refused.
    app.post_json(&path, body.clone(), Some(&old_session))
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.post_json(&path, body.clone(), Some(&other_carer))
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    app.post_json(
        &path,
        json!({ "email": portal.contact_email, "reason": "  " }),
        Some(&carer),
    )
    .await
    .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    app.post_json(
        &path,
        json!({ "email": "iemand-anders@test.example", "reason": "Telefoon kwijt." }),
        Some(&carer),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND, "not-found");
    app.assert_signed_in(&old_session).await;

    let reset = app.post_json(&path, body, Some(&carer)).await;
    assert_eq!(reset.status, StatusCode::OK, "{:?}", reset.json());
    // Their sessions ended; they are told by e-mail (no code in it); it is logged with
    // who and why.
    app.assert_signed_out(&old_session).await;
    let mail = messages_to(&app, &portal.contact_email).await;
    assert!(mail.last().unwrap().contains("nieuwe mobiele nummer"));
    let (actor, summary): (Option<i64>, String) = sqlx::query_as(
        "SELECT actor_account_id, summary FROM account_events WHERE account_id = $1 AND kind = 'second-factor-reset'",
    )
    .bind(portal.contact_account)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert!(actor.is_some());
    assert!(summary.contains("Telefoon gestolen"));
    let logged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM access_log WHERE client_id = $1 AND detail = 'second_factor_reset'",
    )
    .bind(portal.client_id)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(logged, 1);

    // The next sign-in: the password alone, no code to the lost number.
    let texts_before = messages_to(&app, &portal.contact_mobile).await.len();
    let step = sign_in_step(&app, &portal.contact_email, TEST_PASSWORD).await;
    assert_eq!(step.status, StatusCode::OK);
    assert_eq!(step.json()["second_factor_required"], true);
    assert_eq!(
        messages_to(&app, &portal.contact_mobile).await.len(),
        texts_before
    );
    let cookie = session_cookie(&step);
    // Nothing else works before a new number is set up.
    app.get_signed_in("/api/v1/portals", &cookie)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "second-factor-required");
    app.get_signed_in(
        &format!("/api/v1/portals/{}/photos", portal.client_id),
        &cookie,
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN, "second-factor-required");
    app.post_json(
        "/api/v1/account/password",
        json!({ "password": "een heel nieuw wachtwoord" }),
        Some(&cookie),
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN, "second-factor-required");
    let session = app.get_signed_in("/api/v1/session", &cookie).await;
    assert_eq!(session.json()["second_factor_required"], true);
    // A wrong password still gets nothing.
    sign_in_step(&app, &portal.contact_email, "niet het wachtwoord")
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "invalid-credentials");

    let challenge = app
        .post_json(
            "/api/v1/account/mobile",
            json!({ "mobile": "06 7777 8888" }),
            Some(&cookie),
        )
        .await;
    assert_eq!(challenge.status, StatusCode::OK);
    let attempt = challenge.json()["attempt"].as_str().unwrap().to_owned();
    let code = app.latest_code("+31677778888").await;
    let confirmed = app
        .post_json(
            "/api/v1/account/mobile/code",
            json!({ "attempt": attempt, "code": code }),
            Some(&cookie),
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK);
    assert_eq!(confirmed.json()["second_factor_required"], false);
    app.accept_current_terms(&cookie).await;
    assert_eq!(
        app.get_signed_in("/api/v1/portals", &cookie).await.status,
        StatusCode::OK
    );
    // No notice went to the lost phone; signing in takes the new number's code again.
    assert_eq!(
        messages_to(&app, &portal.contact_mobile).await.len(),
        texts_before
    );
    app.sign_in(&portal.contact_email, "+31677778888").await;
}

#[tokio::test]
async fn after_a_reset_a_forgotten_password_is_set_again_without_the_lost_phone() {
    let app = app().await;
    let portal = app.create_portal("lostpw").await;
    let (team, carer) = team_with_carer(&app, "lostpw").await;
    put_in_team(&app, portal.client_id, team).await;
    let reset = app
        .post_json(
            &format!(
                "/api/v1/staff/clients/{}/second-factor-reset",
                portal.client_id
            ),
            json!({ "email": portal.admin_email, "reason": "Telefoon kwijt, langs geweest met id." }),
            Some(&carer),
        )
        .await;
    assert_eq!(reset.status, StatusCode::OK);
    let asked = app
        .post_json(
            "/api/v1/auth/password-reset",
            json!({ "email": portal.admin_email }),
            None,
        )
        .await;
    assert_eq!(asked.status, StatusCode::ACCEPTED);
    let token = app.latest_link_token(&portal.admin_email).await;
    let done = app
        .post_json(
            "/api/v1/auth/password-reset/complete",
            json!({ "token": token, "password": "weer een nieuw wachtwoord" }),
            None,
        )
        .await;
    assert_eq!(done.status, StatusCode::OK);
    let step = sign_in_step(&app, &portal.admin_email, "weer een nieuw wachtwoord").await;
    assert_eq!(step.status, StatusCode::OK);
    assert_eq!(step.json()["second_factor_required"], true);
}

#[tokio::test]
async fn only_organisation_administrators_reset_a_staff_members_second_factor() {
    let app = app().await;
    let (_, carer) = team_with_carer(&app, "sf-carer").await;
    let (victim_id, victim) = app
        .create_staff("care_professional", None, "sf-victim")
        .await;
    let (admin_id, admin) = app
        .create_staff("organisation_admin", None, "sf-admin")
        .await;
    let path = format!("/api/v1/staff/members/{victim_id}/second-factor-reset");
    let body = json!({ "reason": "Telefoon kwijt; persoonlijk gecontroleerd." });
    app.post_json(&path, body.clone(), Some(&carer))
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.post_json(
        &format!("/api/v1/staff/members/{admin_id}/second-factor-reset"),
        body.clone(),
        Some(&admin),
    )
    .await
    .assert_problem(StatusCode::CONFLICT, "own-account");
    let reset = app.post_json(&path, body, Some(&admin)).await;
    assert_eq!(reset.status, StatusCode::OK);
    app.assert_signed_out(&victim).await;
    let logged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM administration_log WHERE action = 'second_factor_reset' AND staff_member_id = $1",
    )
    .bind(victim_id)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(logged, 1);
    let step = sign_in_step(&app, "staff-sf-victim@test.example", TEST_PASSWORD).await;
    assert_eq!(step.json()["second_factor_required"], true);
    app.get_signed_in("/api/v1/staff/clients", &session_cookie(&step))
        .await
        .assert_problem(StatusCode::FORBIDDEN, "second-factor-required");
}

#[tokio::test]
async fn the_owner_is_told_once_when_wrong_codes_pause_signing_in() {
    let app = app().await;
    let portal = app.create_portal("pause").await;
    let paused_mails = || async {
        messages_to(&app, &portal.admin_email)
            .await
            .iter()
            .filter(|m| m.contains("verkeerde code"))
            .count()
    };
    let mut wrong_codes = 0;
    while wrong_codes < 13 {
        app.advance(Duration::seconds(61));
        let attempt = app.start_sign_in(&portal.admin_email, TEST_PASSWORD).await;
        let code = app.latest_code(&portal.admin_mobile).await;
        let wrong = if code == "000000" { "111111" } else { "000000" };
        for _ in 0..5 {
            let answer = app
                .post_json(
                    "/api/v1/auth/sign-in/code",
                    json!({ "attempt": attempt, "code": wrong }),
                    None,
                )
                .await;
            if answer.status == StatusCode::TOO_MANY_REQUESTS {
                break;
            }
            wrong_codes += 1;
            let expected = usize::from(wrong_codes > 10);
            assert_eq!(paused_mails().await, expected, "after {wrong_codes}");
        }
    }
    let mail = messages_to(&app, &portal.admin_email).await;
    let notice = mail.iter().find(|m| m.contains("verkeerde code")).unwrap();
    assert!(!notice.chars().any(|c| c.is_ascii_digit()), "{notice}");
    assert_eq!(
        event_kinds(&app, portal.admin_account).await,
        vec!["sign-in-paused"]
    );
}

#[tokio::test]
async fn a_deleted_account_ends_access_and_its_address_can_be_given_access_again() {
    let app = app().await;
    let portal = app.create_portal("del").await;
    let (team, carer) = team_with_carer(&app, "del").await;
    put_in_team(&app, portal.client_id, team).await;
    let cookie = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    app.post_json(
        "/api/v1/account/deletion",
        json!({ "confirm": false }),
        Some(&cookie),
    )
    .await
    .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "confirmation-required");
    app.advance(Duration::minutes(6));
    app.post_json(
        "/api/v1/account/deletion",
        json!({ "confirm": true }),
        Some(&cookie),
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN, "reauthentication-required");
    reauthenticate(&app, &cookie, &portal.admin_mobile).await;
    let deleted = app
        .post_json(
            "/api/v1/account/deletion",
            json!({ "confirm": true }),
            Some(&cookie),
        )
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    app.assert_signed_out(&cookie).await;
    sign_in_step(&app, &portal.admin_email, TEST_PASSWORD)
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "invalid-credentials");
    let status: String = sqlx::query_scalar(
        "SELECT status FROM portal_access WHERE client_id = $1 AND account_id = $2",
    )
    .bind(portal.client_id)
    .bind(portal.admin_account)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(status, "ended");
    assert_eq!(
        event_kinds(&app, portal.admin_account).await,
        vec!["account-deleted"]
    );
    // Staff accounts are ended by an administrator instead.
    let staff_deletion = app
        .post_json(
            "/api/v1/account/deletion",
            json!({ "confirm": true }),
            Some(&carer),
        )
        .await;
    staff_deletion.assert_problem(StatusCode::FORBIDDEN, "forbidden");

    // The same address is given access again: the account opens as new.
    let granted = app
        .post_json(
            &format!("/api/v1/staff/clients/{}/administrator", portal.client_id),
            json!({ "name": "Weer Terug", "email": portal.admin_email, "mobile": "06 4444 5555",
                "relation": "client", "language": "nl" }),
            Some(&carer),
        )
        .await;
    assert_eq!(granted.status, StatusCode::CREATED, "{:?}", granted.json());
    let token = app.latest_link_token(&portal.admin_email).await;
    let activated = app
        .post_json(
            "/api/v1/activation",
            json!({ "token": token, "password": "opnieuw begonnen hier" }),
            None,
        )
        .await;
    assert_eq!(activated.status, StatusCode::OK);
    assert_eq!(activated.json()["mobile_hint"], "•• 55");
}

#[tokio::test]
async fn after_a_lost_phone_a_passkey_can_be_the_new_second_factor_and_no_code_goes_anywhere() {
    use crate::passkeys::tests::SoftAuthenticator;
    let app = app().await;
    let portal = app.create_portal("lostpk").await;
    let (team, carer) = team_with_carer(&app, "lostpk").await;
    put_in_team(&app, portal.client_id, team).await;
    let reset = app
        .post_json(
            &format!(
                "/api/v1/staff/clients/{}/second-factor-reset",
                portal.client_id
            ),
            json!({ "email": portal.contact_email, "reason": "Telefoon in het water gevallen; gebeld." }),
            Some(&carer),
        )
        .await;
    assert_eq!(reset.status, StatusCode::OK);
    let texts = || messages_to(&app, &portal.contact_mobile);
    let texts_before = texts().await.len();

    // The password alone opens a session that may make a passkey, and nothing else.
    let step = sign_in_step(&app, &portal.contact_email, TEST_PASSWORD).await;
    assert_eq!(step.json()["second_factor_required"], true);
    let setup = session_cookie(&step);
    let listed = app.get_signed_in("/api/v1/account/passkeys", &setup).await;
    assert_eq!(listed.status, StatusCode::OK);
    assert_eq!(listed.json(), json!([]));
    let options = app
        .post_json(
            "/api/v1/account/passkeys/options",
            json!(null),
            Some(&setup),
        )
        .await;
    assert_eq!(options.status, StatusCode::OK);
    let mut authenticator = SoftAuthenticator::new(41);
    let added = app
        .post_json(
            "/api/v1/account/passkeys",
            json!({ "name": "Nieuwe telefoon", "credential": authenticator.register(&options.json()) }),
            Some(&setup),
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{:?}", added.json());
    // The reset is over: this session may do everything now, and the log says why.
    let session = app.get_signed_in("/api/v1/session", &setup).await;
    assert_eq!(session.json()["second_factor_required"], false);
    let reset_at: Option<chrono::DateTime<chrono::Utc>> =
        sqlx::query_scalar("SELECT second_factor_reset_at FROM accounts WHERE id = $1")
            .bind(portal.contact_account)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert!(reset_at.is_none());
    let summary: String = sqlx::query_scalar(
        "SELECT summary FROM account_events WHERE account_id = $1 AND kind = 'passkey-added'",
    )
    .bind(portal.contact_account)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert!(
        summary.contains("new second factor after a reset"),
        "{summary}"
    );
    // The only second factor cannot be removed.
    let id = added.json()["id"].as_i64().unwrap();
    app.call(
        Method::DELETE,
        &format!("/api/v1/account/passkeys/{id}"),
        None,
        Some(&setup),
    )
    .await
    .assert_problem(StatusCode::CONFLICT, "last-second-factor");

    // Signing in: no code to the number on file (it is not verified), only the passkey.
    let step = sign_in_step(&app, &portal.contact_email, TEST_PASSWORD).await;
    assert_eq!(step.status, StatusCode::OK);
    let challenge = step.json();
    assert_eq!(challenge["code_sent"], false, "{challenge}");
    assert_eq!(challenge["passkey"], true);
    assert_eq!(challenge["mobile_hint"], "");
    let attempt = challenge["attempt"].as_str().unwrap().to_owned();
    assert_eq!(texts().await.len(), texts_before);
    // No code can be asked for, and no typed code finishes the attempt.
    app.post_json(
        "/api/v1/auth/code/resend",
        json!({ "attempt": attempt }),
        None,
    )
    .await
    .assert_problem(StatusCode::CONFLICT, "no-mobile-number");
    app.post_json(
        "/api/v1/auth/sign-in/code",
        json!({ "attempt": attempt, "code": "000000" }),
        None,
    )
    .await
    .assert_problem(StatusCode::BAD_REQUEST, "code-invalid");
    assert_eq!(texts().await.len(), texts_before);
    let options = app
        .post_json(
            "/api/v1/auth/sign-in/passkey/options",
            json!({ "attempt": attempt }),
            None,
        )
        .await;
    assert_eq!(options.status, StatusCode::OK);
    let signed_in = app
        .post_json(
            "/api/v1/auth/sign-in/passkey",
            json!({ "attempt": attempt, "credential": authenticator.assert(&options.json()) }),
            None,
        )
        .await;
    assert_eq!(signed_in.status, StatusCode::OK, "{:?}", signed_in.json());
    let cookie = session_cookie(&signed_in);
    assert_eq!(signed_in.json()["second_factor_required"], false);

    // Re-authenticating: the password, then the passkey (again no code anywhere).
    let change = json!({ "password": "een heel nieuw wachtwoord" });
    app.post_json("/api/v1/account/password", change.clone(), Some(&cookie))
        .await
        .assert_problem(StatusCode::FORBIDDEN, "reauthentication-required");
    let challenge = app
        .post_json(
            "/api/v1/account/reauthentication",
            json!({ "password": TEST_PASSWORD }),
            Some(&cookie),
        )
        .await;
    assert_eq!(challenge.status, StatusCode::OK);
    assert_eq!(challenge.json()["code_sent"], false);
    assert_eq!(challenge.json()["passkey"], true);
    let attempt = challenge.json()["attempt"].as_str().unwrap().to_owned();
    assert_eq!(texts().await.len(), texts_before);
    // Another person's session cannot use this attempt.
    let other = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    app.post_json(
        "/api/v1/account/reauthentication/passkey/options",
        json!({ "attempt": attempt }),
        Some(&other),
    )
    .await
    .assert_problem(StatusCode::GONE, "code-expired");
    // A sign-in attempt is not a re-authentication attempt.
    let sign_in_attempt = sign_in_step(&app, &portal.contact_email, TEST_PASSWORD)
        .await
        .json()["attempt"]
        .as_str()
        .unwrap()
        .to_owned();
    app.post_json(
        "/api/v1/account/reauthentication/passkey/options",
        json!({ "attempt": sign_in_attempt }),
        Some(&cookie),
    )
    .await
    .assert_problem(StatusCode::GONE, "code-expired");
    let options = app
        .post_json(
            "/api/v1/account/reauthentication/passkey/options",
            json!({ "attempt": attempt }),
            Some(&cookie),
        )
        .await;
    assert_eq!(options.status, StatusCode::OK);
    // A wrong passkey counts as a wrong code and proves nothing.
    let mut stranger = SoftAuthenticator::new(42);
    app.post_json(
        "/api/v1/account/reauthentication/passkey",
        json!({ "attempt": attempt, "credential": stranger.assert(&options.json()) }),
        Some(&cookie),
    )
    .await
    .assert_problem(StatusCode::BAD_REQUEST, "passkey-invalid");
    app.post_json("/api/v1/account/password", change.clone(), Some(&cookie))
        .await
        .assert_problem(StatusCode::FORBIDDEN, "reauthentication-required");
    let options = app
        .post_json(
            "/api/v1/account/reauthentication/passkey/options",
            json!({ "attempt": attempt }),
            Some(&cookie),
        )
        .await;
    let done = app
        .post_json(
            "/api/v1/account/reauthentication/passkey",
            json!({ "attempt": attempt, "credential": authenticator.assert(&options.json()) }),
            Some(&cookie),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{:?}", done.json());
    assert!(done.json()["valid_until"].is_string());
    let changed = app
        .post_json("/api/v1/account/password", change, Some(&cookie))
        .await;
    assert!(changed.status.is_success(), "{:?}", changed.json_opt());
    assert_eq!(texts().await.len(), texts_before);
}
