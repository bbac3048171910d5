//! Notes through HTTP: rights, the edit window, retraction, removal by staff, limits,
//! and user text that always comes back as text.

use axum::http::{Method, StatusCode};
use chrono::Duration;
use serde_json::{json, Value};

use crate::app::AppOptions;
use crate::test_support::{test_app, TestApp, TestPortal};

struct Notes {
    app: TestApp,
    portal: TestPortal,
    admin: String,
    contact: String,
}

async fn notes() -> Notes {
    let app = test_app(AppOptions::default(), true).await;
    let portal = app.create_portal("t").await;
    let admin = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    app.accept_current_terms(&admin).await;
    let contact = app
        .sign_in(&portal.contact_email, &portal.contact_mobile)
        .await;
    app.accept_current_terms(&contact).await;
    let n = Notes {
        app,
        portal,
        admin,
        contact,
    };
    n.set_contact_rights(true, true).await;
    n
}

impl Notes {
    fn url(&self) -> String {
        format!("/api/v1/portals/{}/notes", self.portal.client_id)
    }

    async fn set_contact_rights(&self, view: bool, write: bool) {
        sqlx::query(
            "UPDATE portal_access SET can_view_notes = $1, can_add_notes = $2 WHERE account_id = $3",
        )
        .bind(view)
        .bind(write)
        .bind(self.portal.contact_account)
        .execute(&self.app.state.db)
        .await
        .unwrap();
    }

    async fn write(&self, cookie: &str, body: &str) -> crate::test_support::TestResponse {
        self.app
            .post_json(&self.url(), json!({ "body": body }), Some(cookie))
            .await
    }

    async fn written(&self, cookie: &str, body: &str) -> Value {
        let response = self.write(cookie, body).await;
        assert_eq!(
            response.status,
            StatusCode::CREATED,
            "{}",
            String::from_utf8_lossy(&response.body)
        );
        response.json()
    }

    async fn timeline(&self, cookie: &str) -> Vec<Value> {
        let response = self.app.get_signed_in(&self.url(), cookie).await;
        assert_eq!(response.status, StatusCode::OK);
        response.json()["items"].as_array().unwrap().clone()
    }

    async fn note_count(&self) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM notes")
            .fetch_one(&self.app.state.db)
            .await
            .unwrap()
    }
}

fn bodies(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|n| n["body"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_circle_reads_and_writes_notes_by_their_rights() {
    let n = notes().await;
    let first = n.written(&n.admin, "Fijne dag gehad!\nTot morgen.").await;
    assert_eq!(first["author_relation"], "client");
    assert_eq!(first["mine"], true);
    assert!(first["editable_until"].is_string());
    let reply = n.written(&n.contact, "Wat leuk om te lezen.").await;
    assert_eq!(reply["author_relation"], "Zus");

    // Newest first; line breaks kept.
    let seen = n.timeline(&n.admin).await;
    assert_eq!(
        bodies(&seen),
        ["Wat leuk om te lezen.", "Fijne dag gehad!\nTot morgen."]
    );
    assert_eq!(seen[0]["mine"], false);
    assert!(seen[0]["editable_until"].is_null());

    // Write without read: can post, cannot read the timeline.
    n.set_contact_rights(false, true).await;
    n.app
        .get_signed_in(&n.url(), &n.contact)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    n.written(&n.contact, "Alleen schrijven.").await;
    // Read without write: can read, cannot post.
    n.set_contact_rights(true, false).await;
    assert_eq!(n.timeline(&n.contact).await.len(), 3);
    let before = n.note_count().await;
    n.write(&n.contact, "Mag niet.")
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    assert_eq!(n.note_count().await, before);
    // Another client's administrator: the portal does not exist for them.
    let other = n.app.create_portal("x").await;
    let outsider = n.app.sign_in(&other.admin_email, &other.admin_mobile).await;
    n.app.accept_current_terms(&outsider).await;
    n.app
        .get_signed_in(&n.url(), &outsider)
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
}

#[tokio::test]
async fn html_and_script_in_a_note_come_back_as_the_same_text() {
    let n = notes().await;
    let payload = "<script>alert('x')</script><img src=x onerror=alert(1)> & <b>vet</b>";
    n.written(&n.contact, payload).await;
    let response = n.app.get_signed_in(&n.url(), &n.admin).await;
    assert_eq!(response.header("content-type"), "application/json");
    assert_eq!(response.header("x-content-type-options"), "nosniff");
    let items = response.json()["items"].as_array().unwrap().clone();
    assert_eq!(items[0]["body"], payload, "stored and returned verbatim");
    // Control characters other than line breaks are dropped; CRLF becomes LF.
    let cleaned = n.written(&n.contact, "a\r\nb\u{0007}c").await;
    assert_eq!(cleaned["body"], "a\nbc");
}

#[tokio::test]
async fn notes_have_a_length_limit_and_must_not_be_empty() {
    let n = notes().await;
    n.written(&n.admin, &"é".repeat(1000)).await;
    let problem = n
        .write(&n.admin, &"é".repeat(1001))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "text-too-long");
    assert!(problem["detail"].as_str().unwrap().contains("1000"));
    n.write(&n.admin, "  \n ")
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    n.app
        .post_json(&n.url(), json!({ "body": 5 }), Some(&n.admin))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    assert_eq!(n.note_count().await, 1);
}

#[tokio::test]
async fn authors_edit_for_fifteen_minutes_and_only_their_own_notes() {
    let n = notes().await;
    let note = n.written(&n.contact, "Eerste versie").await;
    let url = format!("{}/{}", n.url(), note["id"]);
    // Someone else's note: as if it does not exist.
    n.app
        .call(
            Method::PATCH,
            &url,
            Some(json!({ "body": "Gekaapt" })),
            Some(&n.admin),
        )
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    n.app.advance(Duration::minutes(14));
    let edited = n
        .app
        .call(
            Method::PATCH,
            &url,
            Some(json!({ "body": "Tweede versie" })),
            Some(&n.contact),
        )
        .await;
    assert_eq!(edited.status, StatusCode::OK);
    let edited = edited.json();
    assert_eq!(edited["body"], "Tweede versie");
    assert!(edited["edited_at"].is_string());
    n.app.advance(Duration::minutes(2));
    n.app
        .call(
            Method::PATCH,
            &url,
            Some(json!({ "body": "Derde versie" })),
            Some(&n.contact),
        )
        .await
        .assert_problem(StatusCode::CONFLICT, "edit-window-closed");
    // (The administrator's session went idle meanwhile; the author's did not.)
    assert_eq!(
        bodies(&n.timeline(&n.contact).await),
        ["Tweede versie"],
        "a late edit changes nothing"
    );
    assert!(n.timeline(&n.contact).await[0]["editable_until"].is_null());
}

#[tokio::test]
async fn a_retracted_note_is_hidden_logged_and_kept() {
    let n = notes().await;
    let note = n.written(&n.contact, "Toch liever niet").await;
    n.written(&n.admin, "Blijft staan").await;
    let url = format!("{}/{}", n.url(), note["id"]);
    n.app
        .call(Method::DELETE, &url, None, Some(&n.admin))
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    let retracted = n
        .app
        .call(Method::DELETE, &url, None, Some(&n.contact))
        .await;
    assert_eq!(retracted.status, StatusCode::NO_CONTENT);
    assert_eq!(bodies(&n.timeline(&n.admin).await), ["Blijft staan"]);
    assert_eq!(bodies(&n.timeline(&n.contact).await), ["Blijft staan"]);
    let (body, retracted_at): (String, Option<chrono::DateTime<chrono::Utc>>) =
        sqlx::query_as("SELECT body, retracted_at FROM notes WHERE id = $1")
            .bind(note["id"].as_i64())
            .fetch_one(&n.app.state.db)
            .await
            .unwrap();
    assert_eq!(body, "Toch liever niet", "kept, not deleted");
    assert!(retracted_at.is_some());
    let logged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM access_log WHERE section = 'notes' AND action = 'remove' AND detail = 'retracted' \
         AND item = $1 AND actor_account_id = $2",
    )
    .bind(format!("note {}", note["id"]))
    .bind(n.portal.contact_account)
    .fetch_one(&n.app.state.db)
    .await
    .unwrap();
    assert_eq!(logged, 1);
    // Retracted once; a second time finds nothing.
    n.app
        .call(Method::DELETE, &url, None, Some(&n.contact))
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
}

#[tokio::test]
async fn the_organisation_removes_a_note_with_a_reason_only_the_author_sees() {
    let n = notes().await;
    let note = n.written(&n.contact, "Iets ongepasts").await;
    let id = note["id"].as_i64().unwrap();
    let removal = format!("/api/v1/staff/notes/{id}/removal");
    // Not staff: refused.
    n.app
        .post_json(&removal, json!({ "reason": "Nee" }), Some(&n.admin))
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    let (_, staff) = n.app.create_staff("organisation_admin", None, "mod").await;
    n.app
        .post_json(&removal, json!({ "reason": " " }), Some(&staff))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    let removed = n
        .app
        .post_json(
            &removal,
            json!({ "reason": "Dit bericht gaat over een andere cliënt." }),
            Some(&staff),
        )
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    // Others see nothing.
    assert!(n.timeline(&n.admin).await.is_empty());
    // The author sees who removed it and why.
    let own = n.timeline(&n.contact).await;
    assert_eq!(own.len(), 1);
    assert_eq!(own[0]["removed"]["by"], "Zorg Test");
    assert_eq!(
        own[0]["removed"]["reason"],
        "Dit bericht gaat over een andere cliënt."
    );
    assert!(own[0]["editable_until"].is_null());
    // Removed notes cannot be edited, nor removed twice.
    n.app
        .call(
            Method::PATCH,
            &format!("{}/{id}", n.url()),
            Some(json!({ "body": "Verbeterd" })),
            Some(&n.contact),
        )
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    n.app
        .post_json(&removal, json!({ "reason": "Nogmaals" }), Some(&staff))
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    let logged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM access_log WHERE section = 'notes' AND detail = 'removed_by_organisation' \
         AND client_id = $1 AND actor_role = 'staff'",
    )
    .bind(n.portal.client_id)
    .fetch_one(&n.app.state.db)
    .await
    .unwrap();
    assert_eq!(logged, 1);
}

#[tokio::test]
async fn the_timeline_pages_with_a_cursor() {
    let n = notes().await;
    for i in 0..5 {
        n.written(&n.admin, &format!("Bericht {i}")).await;
    }
    let first = n
        .app
        .get_signed_in(&format!("{}?limit=2", n.url()), &n.admin)
        .await
        .json();
    assert_eq!(
        bodies(first["items"].as_array().unwrap()),
        ["Bericht 4", "Bericht 3"]
    );
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = n
        .app
        .get_signed_in(&format!("{}?limit=2&cursor={cursor}", n.url()), &n.admin)
        .await
        .json();
    assert_eq!(
        bodies(second["items"].as_array().unwrap()),
        ["Bericht 2", "Bericht 1"]
    );
    n.app
        .get_signed_in(&format!("{}?cursor=nonsense", n.url()), &n.admin)
        .await
        .assert_problem(StatusCode::BAD_REQUEST, "invalid-parameter");
}
