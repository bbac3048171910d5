//! The circle through HTTP: inviting, accepting (with and without an account), link
//! expiry, reuse, resend and withdrawal, rights that change under an open session,
//! removing and leaving.

use axum::http::{Method, StatusCode};
use chrono::Duration;
use serde_json::{json, Value};

use crate::app::AppOptions;
use crate::test_support::{session_cookie, test_app, TestApp, TestPortal, TEST_PASSWORD};

struct Circle {
    app: TestApp,
    portal: TestPortal,
    admin: String,
}

async fn circle() -> Circle {
    let app = test_app(AppOptions::default(), true).await;
    let portal = app.create_portal("n").await;
    let admin = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    app.accept_current_terms(&admin).await;
    Circle { app, portal, admin }
}

fn rights(care_plan: bool, reports: bool, notes_view: bool, notes_add: bool) -> Value {
    json!({
        "care_plan": care_plan, "reports": reports, "photos_view": false,
        "photos_add": false, "notes_view": notes_view, "notes_add": notes_add,
    })
}

impl Circle {
    /// Signs the administrator in again (after the test clock moved past the session).
    async fn admin_again(&mut self) {
        self.admin = self
            .app
            .sign_in(&self.portal.admin_email, &self.portal.admin_mobile)
            .await;
    }

    fn base(&self) -> String {
        format!("/api/v1/portals/{}", self.portal.client_id)
    }

    async fn invite(&self, email: &str, rights: Value, allow_other_email: bool) -> Value {
        let response = self
            .app
            .post_json(
                &format!("{}/network/invitations", self.base()),
                json!({
                    "name": "Karin de Boer", "email": email, "relation": "Tante",
                    "rights": rights, "language": "nl", "allow_other_email": allow_other_email,
                }),
                Some(&self.admin),
            )
            .await;
        assert_eq!(
            response.status,
            StatusCode::CREATED,
            "{}",
            String::from_utf8_lossy(&response.body)
        );
        response.json()
    }

    async fn network(&self) -> Value {
        let response = self
            .app
            .get_signed_in(&format!("{}/network", self.base()), &self.admin)
            .await;
        assert_eq!(response.status, StatusCode::OK);
        response.json()
    }

    /// Creates an account through the invitation with the invited address and confirms
    /// the SMS code; returns the new session's cookie.
    async fn register(&self, token: &str, email: &str, mobile: &str) -> String {
        let response = self
            .app
            .post_json(
                "/api/v1/invitations/register",
                json!({
                    "token": token, "name": "Karin de Boer", "email": email, "mobile": mobile,
                    "password": TEST_PASSWORD, "language": "nl",
                }),
                None,
            )
            .await;
        assert_eq!(
            response.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&response.body)
        );
        let next = response.json();
        assert_eq!(next["next"], "code");
        let code = self.app.latest_code(mobile).await;
        let confirmed = self
            .app
            .post_json(
                "/api/v1/activation/code",
                json!({ "attempt": next["attempt"], "code": code }),
                None,
            )
            .await;
        assert_eq!(
            confirmed.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&confirmed.body)
        );
        session_cookie(&confirmed)
    }

    async fn lookup(&self, token: &str) -> crate::test_support::TestResponse {
        self.app
            .post_json(
                "/api/v1/invitations/lookup",
                json!({ "token": token }),
                None,
            )
            .await
    }
}

#[tokio::test]
async fn an_invitee_without_account_joins_with_exactly_the_rights_given() {
    let c = circle().await;
    let invitation = c
        .invite("karin@test.example", rights(true, false, true, true), false)
        .await;
    assert_eq!(invitation["email"], "karin@test.example");
    assert_eq!(invitation["expired"], false);

    // The e-mail carries the link; the token is stored only as a hash.
    let token = c.app.latest_link_token("karin@test.example").await;
    let stored: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM network_invitations WHERE token_hash = $1 OR token_hash = $2",
    )
    .bind(&token)
    .bind(crate::secrets::hash_token(&token))
    .fetch_one(&c.app.state.db)
    .await
    .unwrap();
    assert_eq!(stored, 1);
    let plain: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM network_invitations WHERE token_hash = $1")
            .bind(&token)
            .fetch_one(&c.app.state.db)
            .await
            .unwrap();
    assert_eq!(plain, 0, "the token itself is never stored");

    // The link says whose circle, who invites, and what comes with it.
    let details = c.lookup(&token).await;
    assert_eq!(details.status, StatusCode::OK);
    let details = details.json();
    assert_eq!(details["client_name"], "Cliënt n");
    assert_eq!(
        details["invited_by"],
        format!("Persoon {}", c.portal.admin_email)
    );
    assert_eq!(details["relation"], "Tante");
    assert_eq!(details["rights"], rights(true, false, true, true));

    // Until the code is confirmed, nothing opens.
    let network = c.network().await;
    assert_eq!(network["invitations"].as_array().unwrap().len(), 1);

    let cookie = c
        .register(&token, "karin@test.example", "+31612398765")
        .await;
    c.app.accept_current_terms(&cookie).await;
    let portal = c.app.get_signed_in(&c.base(), &cookie).await.json();
    assert_eq!(portal["role"], "contact");
    assert_eq!(portal["relation"], "Tante");
    assert_eq!(portal["rights"], rights(true, false, true, true));
    let care_plan = c
        .app
        .get_signed_in(&format!("{}/care-plan", c.base()), &cookie)
        .await;
    assert_ne!(care_plan.status, StatusCode::FORBIDDEN);
    c.app
        .get_signed_in(&format!("{}/reports", c.base()), &cookie)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");

    // The circle now lists an active contact and no open invitation.
    let network = c.network().await;
    assert!(network["invitations"].as_array().unwrap().is_empty());
    let karin = network["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|contact| contact["email"] == "karin@test.example")
        .expect("Karin is in the circle")
        .clone();
    assert_eq!(karin["status"], "active");
    assert!(karin["last_active_at"].is_string());

    // The link works once.
    c.lookup(&token)
        .await
        .assert_problem(StatusCode::GONE, "link-used");
}

#[tokio::test]
async fn invitation_links_expire_after_seven_days() {
    let mut c = circle().await;
    c.invite(
        "laat@test.example",
        rights(false, false, true, false),
        false,
    )
    .await;
    let token = c.app.latest_link_token("laat@test.example").await;
    c.app.advance(Duration::days(7) - Duration::minutes(1));
    assert_eq!(c.lookup(&token).await.status, StatusCode::OK);
    c.app.advance(Duration::minutes(2));
    c.lookup(&token)
        .await
        .assert_problem(StatusCode::GONE, "link-expired");
    let register = c
        .app
        .post_json(
            "/api/v1/invitations/register",
            json!({
                "token": token, "name": "Laat", "email": "laat@test.example",
                "mobile": "+31612300001", "password": TEST_PASSWORD, "language": "nl",
            }),
            None,
        )
        .await;
    register.assert_problem(StatusCode::GONE, "link-expired");
    c.admin_again().await;
    let accounts: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE email = 'laat@test.example'")
            .fetch_one(&c.app.state.db)
            .await
            .unwrap();
    assert_eq!(accounts, 0, "an expired link creates nothing");
    assert_eq!(c.network().await["invitations"][0]["expired"], true);
}

#[tokio::test]
async fn resending_kills_the_old_link_and_withdrawing_kills_all() {
    let mut c = circle().await;
    let invitation = c
        .invite(
            "opnieuw@test.example",
            rights(false, false, true, true),
            false,
        )
        .await;
    let id = invitation["id"].as_i64().unwrap();
    let old = c.app.latest_link_token("opnieuw@test.example").await;
    c.app.advance(Duration::days(6));
    c.admin_again().await;
    let resent = c
        .app
        .post_json(
            &format!("{}/network/invitations/{id}/resend", c.base()),
            json!(null),
            Some(&c.admin),
        )
        .await;
    assert_eq!(resent.status, StatusCode::OK);
    let new = c.app.latest_link_token("opnieuw@test.example").await;
    assert_ne!(old, new);
    c.lookup(&old)
        .await
        .assert_problem(StatusCode::NOT_FOUND, "link-invalid");
    // Seven new days from the resend.
    c.app.advance(Duration::days(6));
    c.admin_again().await;
    assert_eq!(c.lookup(&new).await.status, StatusCode::OK);

    // A registration started and then withdrawn never opens the circle.
    let started = c
        .app
        .post_json(
            "/api/v1/invitations/register",
            json!({
                "token": new, "name": "Opnieuw", "email": "opnieuw@test.example",
                "mobile": "+31612300002", "password": TEST_PASSWORD, "language": "nl",
            }),
            None,
        )
        .await;
    assert_eq!(started.status, StatusCode::OK);
    let attempt = started.json()["attempt"].clone();
    let withdrawn = c
        .app
        .call(
            Method::DELETE,
            &format!("{}/network/invitations/{id}", c.base()),
            None,
            Some(&c.admin),
        )
        .await;
    assert_eq!(withdrawn.status, StatusCode::NO_CONTENT);
    c.lookup(&new)
        .await
        .assert_problem(StatusCode::NOT_FOUND, "link-invalid");
    let code = c.app.latest_code("+31612300002").await;
    let confirmed = c
        .app
        .post_json(
            "/api/v1/activation/code",
            json!({ "attempt": attempt, "code": code }),
            None,
        )
        .await;
    confirmed.assert_problem(StatusCode::GONE, "link-used");
    let active: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM portal_access WHERE client_id = $1 AND status = 'active' AND role = 'contact' \
         AND account_id = (SELECT id FROM accounts WHERE email = 'opnieuw@test.example')",
    )
    .bind(c.portal.client_id)
    .fetch_one(&c.app.state.db)
    .await
    .unwrap();
    assert_eq!(active, 0);
    assert!(c.network().await["invitations"]
        .as_array()
        .unwrap()
        .is_empty());
    // Withdrawn once is gone: a second withdrawal finds nothing.
    c.app
        .call(
            Method::DELETE,
            &format!("{}/network/invitations/{id}", c.base()),
            None,
            Some(&c.admin),
        )
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
}

#[tokio::test]
async fn accepting_with_another_address_needs_the_administrators_permission() {
    let c = circle().await;
    // An existing account with another address: a contact in another circle.
    let other = c.app.create_portal("o").await;
    let other_account = other.contact_account;
    let cookie = c
        .app
        .sign_in(&other.contact_email, &other.contact_mobile)
        .await;
    c.invite(
        "uitgenodigd@test.example",
        rights(false, false, true, false),
        false,
    )
    .await;
    let token = c.app.latest_link_token("uitgenodigd@test.example").await;
    c.app
        .post_json(
            "/api/v1/invitations/accept",
            json!({ "token": token }),
            Some(&cookie),
        )
        .await
        .assert_problem(StatusCode::FORBIDDEN, "invitation-other-email");
    // Nor by creating an account with another address.
    c.app
        .post_json(
            "/api/v1/invitations/register",
            json!({
                "token": token, "name": "X", "email": "nog-een@test.example",
                "mobile": "+31612300004", "password": TEST_PASSWORD, "language": "en",
            }),
            None,
        )
        .await
        .assert_problem(StatusCode::FORBIDDEN, "invitation-other-email");
    let rows: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM portal_access WHERE client_id = $1 AND account_id = $2",
    )
    .bind(c.portal.client_id)
    .bind(other_account)
    .fetch_one(&c.app.state.db)
    .await
    .unwrap();
    assert_eq!(rows, 0, "a refused acceptance changes nothing");

    // With permission, the signed-in account accepts.
    c.invite(
        "toegestaan@test.example",
        rights(false, true, false, false),
        true,
    )
    .await;
    let allowed = c.app.latest_link_token("toegestaan@test.example").await;
    let accepted = c
        .app
        .post_json(
            "/api/v1/invitations/accept",
            json!({ "token": allowed }),
            Some(&cookie),
        )
        .await;
    assert_eq!(
        accepted.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&accepted.body)
    );
    assert_eq!(accepted.json()["rights"], rights(false, true, false, false));
    // Accepting again: the link was used.
    c.app
        .post_json(
            "/api/v1/invitations/accept",
            json!({ "token": allowed }),
            Some(&cookie),
        )
        .await
        .assert_problem(StatusCode::GONE, "link-used");
}

#[tokio::test]
async fn registering_with_another_allowed_address_proves_that_address_first() {
    let c = circle().await;
    c.invite("werk@test.example", rights(false, false, true, false), true)
        .await;
    let token = c.app.latest_link_token("werk@test.example").await;
    let response = c
        .app
        .post_json(
            "/api/v1/invitations/register",
            json!({
                "token": token, "name": "Karin", "email": "prive@test.example",
                "mobile": "+31612300005", "language": "en",
            }),
            None,
        )
        .await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(
        response.json(),
        json!({ "next": "email_link", "email": "prive@test.example" })
    );
    // The standard activation (password, then SMS code) finishes it.
    let activation = c.app.latest_link_token("prive@test.example").await;
    let started = c
        .app
        .post_json(
            "/api/v1/activation",
            json!({ "token": activation, "password": TEST_PASSWORD }),
            None,
        )
        .await;
    assert_eq!(started.status, StatusCode::OK);
    let code = c.app.latest_code("+31612300005").await;
    let done = c
        .app
        .post_json(
            "/api/v1/activation/code",
            json!({ "attempt": started.json()["attempt"], "code": code }),
            None,
        )
        .await;
    assert_eq!(done.status, StatusCode::OK);
    let cookie = session_cookie(&done);
    c.app.accept_current_terms(&cookie).await;
    let portal = c.app.get_signed_in(&c.base(), &cookie).await.json();
    assert_eq!(portal["rights"], rights(false, false, true, false));
    c.lookup(&token)
        .await
        .assert_problem(StatusCode::GONE, "link-used");
}

#[tokio::test]
async fn inviting_someone_in_the_circle_or_invited_already_is_refused() {
    let c = circle().await;
    let url = format!("{}/network/invitations", c.base());
    let body = |email: &str| {
        json!({
            "name": "Iemand", "email": email, "relation": "Vriend",
            "rights": rights(false, false, false, false), "language": "nl",
        })
    };
    for email in [
        c.portal.admin_email.as_str(),
        c.portal.contact_email.as_str(),
    ] {
        c.app
            .post_json(&url, body(email), Some(&c.admin))
            .await
            .assert_problem(StatusCode::CONFLICT, "already-in-circle");
    }
    c.invite(
        "dubbel@test.example",
        rights(false, false, false, false),
        false,
    )
    .await;
    c.app
        .post_json(&url, body("DUBBEL@test.example"), Some(&c.admin))
        .await
        .assert_problem(StatusCode::CONFLICT, "already-in-circle");
    // Bad input: a clear problem, nothing stored.
    c.app
        .post_json(&url, body("geen-adres"), Some(&c.admin))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "email-invalid");
    let mut long = body("lang@test.example");
    long["name"] = json!("x".repeat(101));
    let problem = c
        .app
        .post_json(&url, long, Some(&c.admin))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "text-too-long");
    assert!(problem["detail"].as_str().unwrap().contains("100"));
    let mut blank = body("leeg@test.example");
    blank["relation"] = json!("   ");
    c.app
        .post_json(&url, blank, Some(&c.admin))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    assert_eq!(
        c.network().await["invitations"].as_array().unwrap().len(),
        1,
        "only the one good invitation"
    );
    // Someone who has an account cannot create a second one through a link.
    let existing = c
        .app
        .create_account("bestaat@test.example", "+31612300006")
        .await;
    assert!(existing > 0);
    c.invite(
        "bestaat@test.example",
        rights(false, false, true, false),
        false,
    )
    .await;
    let token = c.app.latest_link_token("bestaat@test.example").await;
    c.app
        .post_json(
            "/api/v1/invitations/register",
            json!({
                "token": token, "name": "Bestaat", "email": "bestaat@test.example",
                "mobile": "+31612300006", "password": TEST_PASSWORD, "language": "nl",
            }),
            None,
        )
        .await
        .assert_problem(StatusCode::CONFLICT, "account-exists");
}

#[tokio::test]
async fn rights_changes_apply_to_the_next_request_of_an_open_session() {
    let c = circle().await;
    let contact = c
        .app
        .sign_in(&c.portal.contact_email, &c.portal.contact_mobile)
        .await;
    c.app.accept_current_terms(&contact).await;
    let network = c.network().await;
    let contact_id = network["contacts"][0]["id"].as_i64().unwrap();
    let contact_url = format!("{}/network/contacts/{contact_id}", c.base());
    let reports = format!("{}/reports", c.base());
    c.app
        .get_signed_in(&reports, &contact)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");

    let changed = c
        .app
        .call(
            Method::PATCH,
            &contact_url,
            Some(
                json!({ "rights": rights(false, true, false, false), "relation": "Zus (oudste)" }),
            ),
            Some(&c.admin),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK);
    assert_eq!(changed.json()["relation"], "Zus (oudste)");
    // Same session, very next request.
    assert_eq!(
        c.app.get_signed_in(&reports, &contact).await.status,
        StatusCode::OK
    );
    c.app
        .call(
            Method::PATCH,
            &contact_url,
            Some(json!({ "rights": rights(false, false, false, false) })),
            Some(&c.admin),
        )
        .await;
    c.app
        .get_signed_in(&reports, &contact)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");

    // The administrator's own access is no contact: administration cannot be given away.
    let admin_access: i64 = sqlx::query_scalar(
        "SELECT id FROM portal_access WHERE client_id = $1 AND role = 'administrator'",
    )
    .bind(c.portal.client_id)
    .fetch_one(&c.app.state.db)
    .await
    .unwrap();
    c.app
        .call(
            Method::PATCH,
            &format!("{}/network/contacts/{admin_access}", c.base()),
            Some(json!({ "relation": "Beheerder" })),
            Some(&c.admin),
        )
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    // A contact cannot manage the circle.
    c.app
        .call(
            Method::PATCH,
            &contact_url,
            Some(json!({ "rights": rights(true, true, true, true) })),
            Some(&contact),
        )
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");

    // Removed: the open session's next request is refused.
    let removed = c
        .app
        .call(Method::DELETE, &contact_url, None, Some(&c.admin))
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    c.app
        .get_signed_in(&c.base(), &contact)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "access-ended");
    assert_eq!(c.network().await["contacts"][0]["status"], "removed");

    // Every change is in the client's access log, with the administrator as actor.
    let entries: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM access_log WHERE client_id = $1 AND section = 'network' AND action IN ('update', 'remove') \
         AND outcome = 'allowed' AND actor_role = 'administrator'",
    )
    .bind(c.portal.client_id)
    .fetch_one(&c.app.state.db)
    .await
    .unwrap();
    assert_eq!(entries, 3, "two changes and one removal");
}

#[tokio::test]
async fn a_contact_can_leave_and_the_administrator_cannot() {
    let c = circle().await;
    let contact = c
        .app
        .sign_in(&c.portal.contact_email, &c.portal.contact_mobile)
        .await;
    c.app.accept_current_terms(&contact).await;
    let leave = format!("{}/leave", c.base());
    c.app
        .post_json(&leave, json!({ "confirm": true }), Some(&c.admin))
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    c.app
        .post_json(&leave, json!({ "confirm": false }), Some(&contact))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "confirmation-required");
    let left = c
        .app
        .post_json(&leave, json!({ "confirm": true }), Some(&contact))
        .await;
    assert_eq!(left.status, StatusCode::NO_CONTENT);
    c.app
        .get_signed_in(&c.base(), &contact)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "access-ended");
    assert_eq!(c.network().await["contacts"][0]["status"], "left");

    // With no circle left they cannot sign in; invited again, they can, to accept, and
    // come back with the new invitation's rights only.
    let sign_in = json!({ "email": c.portal.contact_email, "password": TEST_PASSWORD });
    c.app
        .post_json("/api/v1/auth/sign-in", sign_in.clone(), None)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "access-ended");
    c.invite(
        &c.portal.contact_email,
        rights(false, false, true, false),
        false,
    )
    .await;
    let token = c.app.latest_link_token(&c.portal.contact_email).await;
    let contact = c
        .app
        .sign_in(&c.portal.contact_email, &c.portal.contact_mobile)
        .await;
    let back = c
        .app
        .post_json(
            "/api/v1/invitations/accept",
            json!({ "token": token }),
            Some(&contact),
        )
        .await;
    assert_eq!(back.status, StatusCode::OK);
    assert_eq!(back.json()["rights"], rights(false, false, true, false));
}

#[tokio::test]
async fn the_invitation_email_is_in_the_chosen_language() {
    let c = circle().await;
    c.app
        .post_json(
            &format!("{}/network/invitations", c.base()),
            json!({
                "name": "Sam", "email": "sam@test.example", "relation": "Friend",
                "rights": rights(false, false, true, false), "language": "en",
            }),
            Some(&c.admin),
        )
        .await;
    let (subject, body): (String, String) = sqlx::query_as(
        "SELECT subject, body FROM dev_outbox WHERE recipient = 'sam@test.example' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&c.app.state.db)
    .await
    .unwrap();
    assert!(subject.contains("invites you"), "{subject}");
    assert!(body.contains("Dear Sam"), "{body}");
    assert!(body.contains("7 days"), "{body}");
    assert!(body.contains("/uitnodiging#"), "{body}");
}
