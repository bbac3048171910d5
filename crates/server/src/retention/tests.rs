//! The retention job with the clock moved: a client whose care ended 20 years and a day
//! ago loses every row and file of the portal; one whose care ended a day short of 20
//! years keeps everything; the removal is recorded without names; the access log still
//! verifies; a second run changes nothing.

use std::io::Cursor;

use axum::body::Body;
use axum::http::{Method, StatusCode};
use chrono::{TimeZone, Utc};
use serde_json::json;

use super::{care_ended_on, removal_due_on, run_once, RunReport};
use crate::access_log::{verify, Verification};
use crate::app::AppOptions;
use crate::test_support::{date, test_app, TestApp, TestPortal};

const BOUNDARY: &str = "kringbewaartermijn";

/// A small PNG upload form.
fn png_form() -> Vec<u8> {
    let image = image::RgbImage::from_pixel(40, 30, image::Rgb([30, 120, 200]));
    let mut png = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\
         Content-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(&png);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Fills a portal as its administrator would (a note, a photo, a correction request,
/// an invitation, a read of the reports), plus a report and a care plan from staff.
/// Returns the uploaded photo's id.
async fn fill(app: &TestApp, portal: &TestPortal, staff_id: i64) -> i64 {
    let admin = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    app.accept_current_terms(&admin).await;
    let base = format!("/api/v1/portals/{}", portal.client_id);
    let note = app
        .post_json(
            &format!("{base}/notes"),
            json!({ "body": "Fijne dag gehad." }),
            Some(&admin),
        )
        .await;
    assert_eq!(
        note.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&note.body)
    );
    let form = png_form();
    let photo = app
        .send(
            app.app_request(Method::POST, &format!("{base}/photos"), Some(&admin))
                .header(
                    "content-type",
                    format!("multipart/form-data; boundary={BOUNDARY}"),
                )
                .header("content-length", form.len())
                .body(Body::from(form))
                .unwrap(),
        )
        .await;
    assert_eq!(
        photo.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&photo.body)
    );
    let correction = app
        .post_json(
            &format!("{base}/correction-requests"),
            json!({ "kind": "correct", "target": { "type": "general" }, "text": "Mijn adres klopt niet." }),
            Some(&admin),
        )
        .await;
    assert_eq!(
        correction.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&correction.body)
    );
    let rights = json!({
        "care_plan": false, "reports": false, "photos_view": true,
        "photos_add": false, "notes_view": false, "notes_add": false,
    });
    let invitation = app
        .post_json(
            &format!("{base}/network/invitations"),
            json!({
                "name": "Karin de Boer", "email": format!("karin-{}@test.example", portal.client_id),
                "relation": "Tante", "rights": rights, "language": "nl", "allow_other_email": false,
            }),
            Some(&admin),
        )
        .await;
    assert_eq!(
        invitation.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&invitation.body)
    );
    let db = &app.state.db;
    sqlx::query(
        "INSERT INTO reports (client_id, author_id, written_at, category, body) VALUES ($1, $2, $3, 'health', 'Goed geslapen.')",
    )
    .bind(portal.client_id)
    .bind(staff_id)
    .bind(app.clock_now())
    .execute(db)
    .await
    .unwrap();
    let reports = app.get_signed_in(&format!("{base}/reports"), &admin).await;
    assert_eq!(reports.status, StatusCode::OK);
    let plan: i64 = sqlx::query_scalar(
        "INSERT INTO care_plans (client_id, period_start, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(portal.client_id)
    .bind(date("2026-01-01"))
    .bind(app.clock_now())
    .fetch_one(db)
    .await
    .unwrap();
    let domain: i64 = sqlx::query_scalar(
        "INSERT INTO care_plan_domains (care_plan_id, domain, position) VALUES ($1, 'living', 1) RETURNING id",
    )
    .bind(plan)
    .fetch_one(db)
    .await
    .unwrap();
    let goal: i64 = sqlx::query_scalar(
        "INSERT INTO care_plan_goals (domain_id, text, status, start_date, evaluation_date, position) \
         VALUES ($1, 'Zelf koken', 'active', $2, $2, 1) RETURNING id",
    )
    .bind(domain)
    .bind(date("2026-01-01"))
    .fetch_one(db)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO care_plan_actions (goal_id, what, who, how_often, position) VALUES ($1, 'Oefenen', 'Begeleider', 'Wekelijks', 1)",
    )
    .bind(goal)
    .execute(db)
    .await
    .unwrap();
    photo.json()["id"].as_i64().unwrap()
}

/// How many rows of the client's portal data each table holds.
async fn portal_rows(app: &TestApp, client_id: i64) -> Vec<(&'static str, i64)> {
    let mut rows = Vec::new();
    for (table, sql) in [
        ("notes", "SELECT COUNT(*) FROM notes WHERE client_id = $1"),
        ("photo_clients", "SELECT COUNT(*) FROM photo_clients WHERE client_id = $1"),
        ("correction_requests", "SELECT COUNT(*) FROM correction_requests WHERE client_id = $1"),
        ("network_invitations", "SELECT COUNT(*) FROM network_invitations WHERE client_id = $1"),
        ("reports", "SELECT COUNT(*) FROM reports WHERE client_id = $1"),
        ("section_visits", "SELECT COUNT(*) FROM section_visits WHERE client_id = $1"),
        ("care_plans", "SELECT COUNT(*) FROM care_plans WHERE client_id = $1"),
        (
            "care_plan_actions",
            "SELECT COUNT(*) FROM care_plan_actions a JOIN care_plan_goals g ON g.id = a.goal_id \
             JOIN care_plan_domains d ON d.id = g.domain_id JOIN care_plans p ON p.id = d.care_plan_id \
             WHERE p.client_id = $1",
        ),
        ("portal_access", "SELECT COUNT(*) FROM portal_access WHERE client_id = $1"),
        ("access_log", "SELECT COUNT(*) FROM access_log WHERE client_id = $1"),
    ] {
        let count: i64 = sqlx::query_scalar(sql)
            .bind(client_id)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
        rows.push((table, count));
    }
    rows
}

async fn photo_folder(app: &TestApp, photo_id: i64) -> std::path::PathBuf {
    let key: String = sqlx::query_scalar("SELECT object_key FROM photos WHERE id = $1")
        .bind(photo_id)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    app._dir.path().join("photos").join(key)
}

fn files_in(folder: &std::path::Path) -> usize {
    std::fs::read_dir(folder).map(|d| d.count()).unwrap_or(0)
}

impl TestApp {
    fn clock_now(&self) -> chrono::DateTime<Utc> {
        use crate::clock::Clock;
        self.clock.now()
    }
}

#[tokio::test]
async fn portal_data_goes_a_day_after_the_retention_years_and_not_a_day_earlier() {
    let app = test_app(AppOptions::default(), true).await;
    let (staff_id, _) = app.create_staff("care_professional", None, "ret").await;
    let old = app.create_portal("oud").await;
    let young = app.create_portal("jong").await;
    let old_photo = fill(&app, &old, staff_id).await;
    let young_photo = fill(&app, &young, staff_id).await;
    // A photo of a joint activity: the old client's upload, linked to the young one too.
    let (shared_photo, _) = {
        let admin = app.sign_in(&old.admin_email, &old.admin_mobile).await;
        let form = png_form();
        let response = app
            .send(
                app.app_request(
                    Method::POST,
                    &format!("/api/v1/portals/{}/photos", old.client_id),
                    Some(&admin),
                )
                .header(
                    "content-type",
                    format!("multipart/form-data; boundary={BOUNDARY}"),
                )
                .header("content-length", form.len())
                .body(Body::from(form))
                .unwrap(),
            )
            .await;
        assert_eq!(response.status, StatusCode::CREATED);
        (response.json()["id"].as_i64().unwrap(), admin)
    };
    sqlx::query("INSERT INTO photo_clients (photo_id, client_id) VALUES ($1, $2)")
        .bind(shared_photo)
        .bind(young.client_id)
        .execute(&app.state.db)
        .await
        .unwrap();
    let old_folder = photo_folder(&app, old_photo).await;
    let young_folder = photo_folder(&app, young_photo).await;
    let shared_folder = photo_folder(&app, shared_photo).await;
    assert!(
        files_in(&old_folder) > 0 && files_in(&young_folder) > 0 && files_in(&shared_folder) > 0
    );
    let young_before = portal_rows(&app, young.client_id).await;
    assert!(
        portal_rows(&app, old.client_id)
            .await
            .iter()
            .all(|(_, n)| *n > 0),
        "every kind of portal data is there to remove: {:?}",
        portal_rows(&app, old.client_id).await
    );

    // Care ended today for the old client and in two days for the young one; then 20
    // years and a day pass: 20 years and a day after the one, a day short of 20 years
    // after the other (the day after its 20th anniversary is still two days away).
    for (client, ended) in [
        (old.client_id, "2026-03-01"),
        (young.client_id, "2026-03-03"),
    ] {
        sqlx::query("UPDATE clients SET care_relation_end = $1 WHERE id = $2")
            .bind(date(ended))
            .bind(client)
            .execute(&app.state.db)
            .await
            .unwrap();
    }
    // Just before: nothing goes on the anniversary itself.
    app.clock
        .set(Utc.with_ymd_and_hms(2046, 3, 1, 23, 59, 0).unwrap());
    assert_eq!(
        run_once(&app.state).await.unwrap(),
        RunReport { clients: 0 }
    );
    app.clock
        .set(Utc.with_ymd_and_hms(2046, 3, 2, 3, 0, 0).unwrap());
    let head_before: i64 = sqlx::query_scalar("SELECT last_id FROM access_log_head WHERE id = 1")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(
        run_once(&app.state).await.unwrap(),
        RunReport { clients: 1 }
    );

    // The old client's portal data is gone, rows and files; the young one's is intact.
    let old_after = portal_rows(&app, old.client_id).await;
    assert!(old_after.iter().all(|(_, n)| *n == 0), "{old_after:?}");
    assert_eq!(portal_rows(&app, young.client_id).await, young_before);
    let old_photo_rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM photos WHERE id = $1")
        .bind(old_photo)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(old_photo_rows, 0);
    assert!(
        !old_folder.exists(),
        "the old client's photo files are gone"
    );
    assert!(
        files_in(&young_folder) > 0,
        "the young client's photo files stay"
    );
    assert!(
        files_in(&shared_folder) > 0,
        "a photo of the other client too stays"
    );
    let shared_links: Vec<i64> =
        sqlx::query_scalar("SELECT client_id FROM photo_clients WHERE photo_id = $1")
            .bind(shared_photo)
            .fetch_all(&app.state.db)
            .await
            .unwrap();
    assert_eq!(shared_links, vec![young.client_id]);
    // The registration stays, marked.
    let marked: Option<chrono::DateTime<Utc>> =
        sqlx::query_scalar("SELECT portal_data_removed_at FROM clients WHERE id = $1")
            .bind(old.client_id)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert!(marked.is_some());

    // The record of the removal: when, by which rule, how many of which kind.
    let removals: Vec<(i64, chrono::NaiveDate, i64)> = sqlx::query_as(
        "SELECT id, care_ended_on, retention_years FROM retention_removals WHERE organisation_id = $1",
    )
    .bind(app.state.organisation_id)
    .fetch_all(&app.state.db)
    .await
    .unwrap();
    assert_eq!(removals.len(), 1);
    let (removal_id, ended, years) = removals[0];
    assert_eq!((ended, years), (date("2026-03-01"), 20));
    let counts: Vec<(String, i64)> = sqlx::query_as(
        "SELECT kind, items FROM retention_removal_counts WHERE removal_id = $1 ORDER BY kind",
    )
    .bind(removal_id)
    .fetch_all(&app.state.db)
    .await
    .unwrap();
    let count = |kind: &str| counts.iter().find(|(k, _)| k == kind).map(|(_, n)| *n);
    assert_eq!(count("notes"), Some(1));
    assert_eq!(count("photos"), Some(1));
    assert_eq!(count("photo_links"), Some(1));
    assert_eq!(count("correction_requests"), Some(1));
    assert_eq!(count("reports"), Some(1));
    assert_eq!(count("care_plans"), Some(1));
    assert_eq!(count("invitations"), Some(1));
    assert_eq!(
        count("access_records"),
        Some(2),
        "administrator and contact"
    );
    assert!(count("access_log_entries").is_some_and(|n| n > 0));

    // The access log still verifies, across the places the removed entries left, and
    // the removal itself is in it.
    let head_after: i64 = sqlx::query_scalar("SELECT last_id FROM access_log_head WHERE id = 1")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(head_after, head_before + 1);
    assert_eq!(
        verify(&app.state.db).await.unwrap(),
        Verification::Intact {
            entries: head_after
        }
    );
    // A second run changes nothing.
    assert_eq!(
        run_once(&app.state).await.unwrap(),
        RunReport { clients: 0 }
    );
    let removals_again: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM retention_removals")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(removals_again, 1);
    assert_eq!(portal_rows(&app, young.client_id).await, young_before);

    // The young client's 20th anniversary, to its last minute: nothing of theirs goes.
    app.clock
        .set(Utc.with_ymd_and_hms(2046, 3, 3, 23, 59, 0).unwrap());
    assert_eq!(
        run_once(&app.state).await.unwrap(),
        RunReport { clients: 0 }
    );
    assert_eq!(portal_rows(&app, young.client_id).await, young_before);
    assert!(files_in(&young_folder) > 0 && files_in(&shared_folder) > 0);

    // The day after it, the young client's turn comes.
    app.clock
        .set(Utc.with_ymd_and_hms(2046, 3, 4, 3, 0, 0).unwrap());
    assert_eq!(
        run_once(&app.state).await.unwrap(),
        RunReport { clients: 1 }
    );
    assert!(
        !shared_folder.exists(),
        "the last client's link took the shared photo along"
    );
    assert!(
        !young_folder.exists(),
        "the young client's photo files went"
    );
    let young_after = portal_rows(&app, young.client_id).await;
    assert!(young_after.iter().all(|(_, n)| *n == 0), "{young_after:?}");
    assert!(matches!(
        verify(&app.state.db).await.unwrap(),
        Verification::Intact { .. }
    ));

    // A place added afterwards (to hide an entry deleted around the application) is
    // one more than its removal's entry states: the verification finds it.
    sqlx::query("INSERT INTO access_log_removed (id, prev_hash, entry_hash, removal_id) VALUES ($1, $2, $3, $4)")
        .bind(head_after + 1000)
        .bind("x")
        .bind("y")
        .bind(removal_id)
        .execute(&app.state.db)
        .await
        .unwrap();
    assert!(matches!(
        verify(&app.state.db).await.unwrap(),
        Verification::Broken { .. }
    ));
}

#[test]
fn the_retention_years_count_from_the_later_end_and_removal_waits_a_day() {
    assert_eq!(care_ended_on(None, None), None);
    assert_eq!(
        care_ended_on(Some(date("2020-05-01")), Some(date("2020-04-01"))),
        Some(date("2020-05-01"))
    );
    assert_eq!(
        removal_due_on(date("2026-03-01"), 20),
        Some(date("2046-03-02"))
    );
    // 29 February: the years run to 1 March of a year without it.
    assert_eq!(
        removal_due_on(date("2024-02-29"), 1),
        Some(date("2025-03-02"))
    );
    assert_eq!(
        removal_due_on(date("2024-02-29"), 4),
        Some(date("2028-03-01"))
    );
}
