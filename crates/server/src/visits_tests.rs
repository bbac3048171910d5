//! "New since your last visit" through HTTP: photos and notes of others marked new in
//! the lists, one's own never, the portal home's counts per section (only the sections
//! the rights allow, never another client's), and a visit to a list clearing its count.

use axum::http::StatusCode;
use chrono::Duration;
use serde_json::{json, Value};

use crate::app::AppOptions;
use crate::dossier::tests::{report, staff_member, Shown};
use crate::test_support::{date, test_app, TestApp, TestPortal};

struct Home {
    app: TestApp,
    portal: TestPortal,
}

async fn home() -> Home {
    let app = test_app(AppOptions::default(), true).await;
    let portal = app.create_portal("v").await;
    let home = Home { app, portal };
    home.set_contact_rights("TRUE", "TRUE", "FALSE").await;
    home
}

impl Home {
    fn url(&self, tail: &str) -> String {
        format!("/api/v1/portals/{}{tail}", self.portal.client_id)
    }

    /// Gives the contact the rights to see photos, read notes and read reports (and to
    /// add photos and notes along with seeing them).
    async fn set_contact_rights(&self, photos: &str, notes: &str, reports: &str) {
        sqlx::query(&format!(
            "UPDATE portal_access SET can_view_photos = {photos}, can_add_photos = {photos}, \
             can_view_notes = {notes}, can_add_notes = {notes}, can_view_reports = {reports} \
             WHERE account_id = $1"
        ))
        .bind(self.portal.contact_account)
        .execute(&self.app.state.db)
        .await
        .unwrap();
    }

    /// Signs the administrator (the client) in, again after the clock moved on.
    async fn admin(&self) -> String {
        let cookie = self
            .app
            .sign_in(&self.portal.admin_email, &self.portal.admin_mobile)
            .await;
        self.app.accept_current_terms(&cookie).await;
        cookie
    }

    async fn contact(&self) -> String {
        let cookie = self
            .app
            .sign_in(&self.portal.contact_email, &self.portal.contact_mobile)
            .await;
        self.app.accept_current_terms(&cookie).await;
        cookie
    }

    async fn list(&self, tail: &str, cookie: &str) -> Vec<Value> {
        let response = self.app.get_signed_in(&self.url(tail), cookie).await;
        assert_eq!(response.status, StatusCode::OK, "{tail}");
        response.json()["items"].as_array().unwrap().clone()
    }

    async fn counts(&self, cookie: &str) -> Value {
        let response = self
            .app
            .get_signed_in(&self.url("/new-counts"), cookie)
            .await;
        assert_eq!(response.status, StatusCode::OK);
        response.json()
    }

    async fn note(&self, cookie: &str, body: &str) -> i64 {
        let response = self
            .app
            .post_json(&self.url("/notes"), json!({ "body": body }), Some(cookie))
            .await;
        assert_eq!(response.status, StatusCode::CREATED);
        response.json()["id"].as_i64().unwrap()
    }

    /// A photo in the client's gallery placed now by an account or a staff member.
    async fn photo(&self, account: Option<i64>, staff: Option<i64>, key: &str) -> i64 {
        let db = &self.app.state.db;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO photos (organisation_id, uploaded_by_account, uploaded_by_staff, caption, \
             created_at, object_key, content_type, width, height, sort_day) \
             VALUES ($1, $2, $3, '', $4, $5, 'image/jpeg', 60, 40, $6) RETURNING id",
        )
        .bind(self.app.state.organisation_id)
        .bind(account)
        .bind(staff)
        .bind(self.app.state.clock.now())
        .bind(key)
        .bind(date("2024-05-01"))
        .fetch_one(db)
        .await
        .unwrap();
        sqlx::query("INSERT INTO photo_clients (photo_id, client_id) VALUES ($1, $2)")
            .bind(id)
            .bind(self.portal.client_id)
            .execute(db)
            .await
            .unwrap();
        id
    }
}

/// Whether the item with `id` is marked new in `items`.
fn marked(items: &[Value], id: i64) -> bool {
    let item = items
        .iter()
        .find(|item| item["id"] == id)
        .unwrap_or_else(|| panic!("{id} is in the list"));
    item["new"].as_bool().unwrap()
}

#[tokio::test]
async fn photos_and_notes_of_others_since_the_previous_visit_are_new_and_ones_own_are_not() {
    let h = home().await;
    let app = &h.app;
    let admin = h.admin().await;
    let old_note = h.note(&admin, "Van voor het bezoek.").await;
    let old_photo = h.photo(Some(h.portal.contact_account), None, "oud").await;

    // The first visit marks nothing; the home counts nothing before it either.
    assert!(!marked(&h.list("/notes", &admin).await, old_note));
    assert!(!marked(&h.list("/photos", &admin).await, old_photo));
    assert_eq!(
        h.counts(&admin).await,
        json!({ "reports": 0, "photos": 0, "notes": 0 })
    );

    app.advance(Duration::hours(2));
    let contact = h.contact().await;
    let admin = h.admin().await;
    let theirs = h.note(&contact, "Wat een mooie dag.").await;
    let mine = h.note(&admin, "Dank u wel.").await;
    let their_photo = h.photo(Some(h.portal.contact_account), None, "zus").await;
    let my_photo = h.photo(Some(h.portal.admin_account), None, "eigen").await;
    let staff = staff_member(app, "J. Bakker").await;
    let team_photo = h.photo(None, Some(staff), "team").await;

    // Reading the counts marks nothing as seen.
    let counts = json!({ "reports": 0, "photos": 2, "notes": 1 });
    assert_eq!(h.counts(&admin).await, counts);
    assert_eq!(h.counts(&admin).await, counts);

    let notes = h.list("/notes", &admin).await;
    assert!(marked(&notes, theirs));
    assert!(!marked(&notes, mine), "one's own note is never new");
    assert!(!marked(&notes, old_note));
    let photos = h.list("/photos", &admin).await;
    assert!(marked(&photos, their_photo));
    assert!(marked(&photos, team_photo));
    assert!(!marked(&photos, my_photo), "one's own photo is never new");
    assert!(!marked(&photos, old_photo));

    // Opening the lists cleared their counts; the marks stay during the visit.
    assert_eq!(
        h.counts(&admin).await,
        json!({ "reports": 0, "photos": 0, "notes": 0 })
    );
    app.advance(Duration::minutes(10));
    assert!(marked(&h.list("/notes", &admin).await, theirs));

    // Something that arrives during the visit is new when the list is read again.
    app.advance(Duration::minutes(1));
    let later = h.note(&contact, "Nog iets.").await;
    assert_eq!(h.counts(&admin).await["notes"], 1);
    let notes = h.list("/notes", &admin).await;
    assert!(marked(&notes, later));
    assert_eq!(h.counts(&admin).await["notes"], 0);

    // The next visit clears the marks.
    app.advance(Duration::hours(3));
    let admin = h.admin().await;
    let notes = h.list("/notes", &admin).await;
    assert!(!marked(&notes, theirs));
    assert!(!marked(&notes, later));
}

#[tokio::test]
async fn the_counts_cover_the_sections_the_rights_allow_and_only_ones_own_portals() {
    let h = home().await;
    let app = &h.app;
    let admin = h.admin().await;
    let counsellor = staff_member(app, "J. Bakker").await;

    // Reports: only those released to the portal and not shielded count.
    h.list("/reports", &admin).await;
    app.advance(Duration::hours(1));
    let now = app.state.clock.now();
    let client = h.portal.client_id;
    report(
        app,
        client,
        counsellor,
        now,
        "living",
        "Zichtbaar.",
        Shown::Visible,
    )
    .await;
    report(
        app,
        client,
        counsellor,
        now,
        "living",
        "Nog niet.",
        Shown::Unreleased,
    )
    .await;
    report(
        app,
        client,
        counsellor,
        now,
        "living",
        "Afgeschermd.",
        Shown::Shielded,
    )
    .await;
    let admin = h.admin().await;
    assert_eq!(h.counts(&admin).await["reports"], 1);
    let contact = h.contact().await;

    // The contact sees photos and notes but not reports: the reports are absent.
    let counts = h.counts(&contact).await;
    assert_eq!(counts, json!({ "photos": 0, "notes": 0 }));

    // Only photos: only the photos count.
    h.set_contact_rights("TRUE", "FALSE", "FALSE").await;
    assert_eq!(h.counts(&contact).await, json!({ "photos": 0 }));

    // None of the three (here: only the care plan): refused.
    h.set_contact_rights("FALSE", "FALSE", "FALSE").await;
    sqlx::query("UPDATE portal_access SET can_view_care_plan = TRUE WHERE account_id = $1")
        .bind(h.portal.contact_account)
        .execute(&app.state.db)
        .await
        .unwrap();
    app.get_signed_in(&h.url("/new-counts"), &contact)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");

    // Another client's portal: as if it did not exist.
    let other = app.create_portal("w").await;
    app.get_signed_in(
        &format!("/api/v1/portals/{}/new-counts", other.client_id),
        &admin,
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND, "not-found");

    // Signed out: 401.
    let response = app
        .get(&format!("/api/v1/portals/{client}/new-counts"))
        .await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
}
