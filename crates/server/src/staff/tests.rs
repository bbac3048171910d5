//! Staff actions through HTTP: who may do what.

use axum::http::StatusCode;
use serde_json::json;

use crate::app::AppOptions;
use crate::test_support::{test_app, test_now, TestApp};

async fn staff_cookie(app: &TestApp, role: &str, team: Option<i64>, tag: &str) -> String {
    app.create_staff(role, team, tag).await.1
}

async fn new_team(app: &TestApp) -> i64 {
    sqlx::query_scalar("INSERT INTO teams (organisation_id, name) VALUES ($1, 'Team') RETURNING id")
        .bind(app.state.organisation_id)
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

async fn client_without_portal(app: &TestApp, team: i64) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO clients (organisation_id, team_id, client_number, first_name, family_name, date_of_birth, \
         care_relation_start, created_at) VALUES ($1, $2, 'S-1', 'Sanne', 'Bos', '1980-05-05', '2024-01-01', $3) RETURNING id",
    )
    .bind(app.state.organisation_id)
    .bind(team)
    .bind(test_now())
    .fetch_one(&app.state.db)
    .await
    .unwrap()
}

fn grant_body(relation: &str, basis: Option<&str>) -> serde_json::Value {
    json!({
        "name": "Sanne Bos",
        "email": "sanne@test.example",
        "mobile": "06 12121212",
        "relation": relation,
        "representation_basis": basis,
        "language": "nl",
    })
}

#[tokio::test]
async fn staff_give_portal_access_to_exactly_one_administrator() {
    let app = test_app(AppOptions::default(), true).await;
    let team = new_team(&app).await;
    let other_team = new_team(&app).await;
    let client = client_without_portal(&app, team).await;
    let path = format!("/api/v1/staff/clients/{client}/administrator");

    // Not staff: refused. Staff of another team: the client does not exist for them.
    let portal = app.create_portal("x").await;
    let family = app
        .sign_in(&portal.contact_email, &portal.contact_mobile)
        .await;
    app.post_json(&path, grant_body("client", None), Some(&family))
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    let outsider = staff_cookie(&app, "care_professional", Some(other_team), "a").await;
    app.post_json(&path, grant_body("client", None), Some(&outsider))
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");

    let carer = staff_cookie(&app, "care_professional", Some(team), "b").await;
    app.post_json(&path, grant_body("representative", None), Some(&carer))
        .await
        .assert_problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "representation-basis-required",
        );
    let mut bad_mobile = grant_body("client", None);
    bad_mobile["mobile"] = json!("geen nummer");
    app.post_json(&path, bad_mobile, Some(&carer))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "mobile-invalid");

    let granted = app
        .post_json(
            &path,
            grant_body("representative", Some("Mentorschap, rechtbank 2024")),
            Some(&carer),
        )
        .await;
    assert_eq!(
        granted.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&granted.body)
    );
    assert_eq!(granted.json()["email"], "sanne@test.example");
    let token = app.latest_link_token("sanne@test.example").await;
    assert!(token.len() >= 43);
    let (relation, basis, status): (String, Option<String>, String) = sqlx::query_as(
        "SELECT relation, representation_basis, status FROM portal_access WHERE client_id = $1 AND role = 'administrator'",
    )
    .bind(client)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(relation, "representative");
    assert_eq!(basis.as_deref(), Some("Mentorschap, rechtbank 2024"));
    assert_eq!(status, "invited");
    let logged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM access_log WHERE detail = 'grant_access' AND client_id = $1",
    )
    .bind(client)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(logged, 1);

    // A second administrator is refused (R2), whoever it would be.
    let mut someone_else = grant_body("client", None);
    someone_else["email"] = json!("ander@test.example");
    app.post_json(&path, someone_else, Some(&carer))
        .await
        .assert_problem(StatusCode::CONFLICT, "administrator-exists");
}

#[tokio::test]
async fn only_leads_suspend_and_only_organisation_administrators_publish_terms() {
    let app = test_app(AppOptions::default(), true).await;
    let team = new_team(&app).await;
    let portal = app.create_portal("y").await;
    let family = app
        .sign_in(&portal.contact_email, &portal.contact_mobile)
        .await;
    let carer = staff_cookie(&app, "care_professional", Some(team), "c").await;
    let lead = staff_cookie(&app, "team_lead", Some(team), "d").await;
    let admin = staff_cookie(&app, "organisation_admin", None, "e").await;

    let suspend = format!(
        "/api/v1/staff/accounts/{}/suspension",
        portal.contact_account
    );
    app.post_json(
        &suspend,
        json!({ "reason": "Te veel berichten." }),
        Some(&carer),
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.post_json(&suspend, json!({ "reason": "  " }), Some(&lead))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    let done = app
        .post_json(
            &suspend,
            json!({ "reason": "Te veel berichten." }),
            Some(&lead),
        )
        .await;
    assert_eq!(done.status, StatusCode::NO_CONTENT);
    app.assert_signed_out(&family).await;
    let lift = app
        .send(
            app.app_request(axum::http::Method::DELETE, &suspend, Some(&lead))
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(lift.status, StatusCode::NO_CONTENT);
    app.sign_in(&portal.contact_email, &portal.contact_mobile)
        .await;

    let terms = json!({
        "in_force_from": "2026-03-01",
        "change_summary": { "nl": "Nieuw artikel.", "en": "New article." },
        "sections": [{ "heading": { "nl": "Kop", "en": "Heading" }, "body": { "nl": "Tekst.", "en": "Text." } }],
    });
    app.post_json("/api/v1/staff/terms", terms.clone(), Some(&lead))
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    let published = app
        .post_json("/api/v1/staff/terms", terms, Some(&admin))
        .await;
    assert_eq!(published.status, StatusCode::CREATED);
    assert_eq!(published.json()["version"], 3);
    assert_eq!(published.json()["in_force"], true);
    let bad = json!({ "in_force_from": "morgen", "change_summary": { "nl": "", "en": "" }, "sections": [] });
    app.post_json("/api/v1/staff/terms", bad, Some(&admin))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    // The day before today (the test clock's 1 March): refused, and nothing published.
    let past = json!({
        "in_force_from": "2026-02-28",
        "change_summary": { "nl": "Terug in de tijd.", "en": "Back in time." },
        "sections": [{ "heading": { "nl": "Kop", "en": "Heading" }, "body": { "nl": "Tekst.", "en": "Text." } }],
    });
    app.post_json("/api/v1/staff/terms", past, Some(&admin))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    let versions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM terms_versions")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(versions, 3);
}

#[tokio::test]
async fn the_caseload_is_the_own_teams_clients_with_what_needs_attention() {
    let app = test_app(AppOptions::default(), true).await;
    let team = new_team(&app).await;
    let other_team = new_team(&app).await;
    let client = client_without_portal(&app, team).await;
    let theirs: i64 = sqlx::query_scalar(
        "INSERT INTO clients (organisation_id, team_id, client_number, first_name, family_name, date_of_birth, \
         care_relation_start, created_at) VALUES ($1, $2, 'S-2', 'Bram', 'Smit', '1970-01-01', '2024-01-01', $3) RETURNING id",
    )
    .bind(app.state.organisation_id)
    .bind(other_team)
    .bind(test_now())
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    let carer = staff_cookie(&app, "care_professional", Some(team), "c").await;
    let lead = staff_cookie(&app, "team_lead", Some(other_team), "l").await;
    let admin = staff_cookie(&app, "organisation_admin", None, "o").await;
    let names = |caseload: &serde_json::Value| -> Vec<String> {
        caseload["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let mine = app
        .get_signed_in("/api/v1/staff/clients", &carer)
        .await
        .json();
    assert_eq!(names(&mine), ["Sanne Bos"]);
    assert_eq!(mine["items"][0]["portal"], "no_access");
    assert_eq!(mine["items"][0]["open_correction_requests"], 0);
    let leads = app
        .get_signed_in("/api/v1/staff/clients", &lead)
        .await
        .json();
    assert_eq!(
        names(&leads),
        ["Bram Smit"],
        "a team lead sees their own team"
    );
    let all = app
        .get_signed_in("/api/v1/staff/clients", &admin)
        .await
        .json();
    assert!(names(&all).contains(&"Sanne Bos".to_owned()));
    assert!(names(&all).contains(&"Bram Smit".to_owned()));

    // Access given: invited; the care relation ended: the day access ends.
    app.post_json(
        &format!("/api/v1/staff/clients/{client}/administrator"),
        grant_body("client", None),
        Some(&carer),
    )
    .await;
    sqlx::query("UPDATE clients SET care_relation_end = '2026-02-27' WHERE id = $1")
        .bind(client)
        .execute(&app.state.db)
        .await
        .unwrap();
    let mine = app
        .get_signed_in("/api/v1/staff/clients", &carer)
        .await
        .json();
    assert_eq!(mine["items"][0]["portal"], "invited");
    assert_eq!(mine["items"][0]["administrator"], "Sanne Bos");
    assert_eq!(mine["items"][0]["access_ends_on"], "2026-03-06");
    // Another team's client: as if it did not exist.
    app.post_json(
        &format!("/api/v1/staff/clients/{theirs}/portal-suspension"),
        json!({ "reason": "Te veel berichten." }),
        Some(&lead),
    )
    .await;
    app.post_json(
        &format!("/api/v1/staff/clients/{client}/portal-suspension"),
        json!({ "reason": "Te veel berichten." }),
        Some(&lead),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND, "not-found");
    // Family and anonymous people have no caseload.
    app.get("/api/v1/staff/clients")
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
}

#[tokio::test]
async fn staff_write_reports_that_appear_in_the_portal_when_released() {
    let app = test_app(AppOptions::default(), true).await;
    let team = new_team(&app).await;
    let other_team = new_team(&app).await;
    let portal = app.create_portal("r").await;
    sqlx::query("UPDATE clients SET team_id = $1 WHERE id = $2")
        .bind(team)
        .bind(portal.client_id)
        .execute(&app.state.db)
        .await
        .unwrap();
    let carer = staff_cookie(&app, "care_professional", Some(team), "w").await;
    let outsider = staff_cookie(&app, "care_professional", Some(other_team), "x").await;
    let admin = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    app.accept_current_terms(&admin).await;
    let reports = format!("/api/v1/staff/clients/{}/reports", portal.client_id);
    let portal_reports = format!("/api/v1/portals/{}/reports", portal.client_id);
    let visible = |page: serde_json::Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["body"].as_str().unwrap().to_owned())
            .collect()
    };

    let now = app
        .post_json(
            &reports,
            json!({ "category": "living", "body": "Samen de kamer opgeruimd.", "release": true }),
            Some(&carer),
        )
        .await;
    assert_eq!(now.status, StatusCode::CREATED);
    assert_eq!(now.json()["released"], true);
    let later = app
        .post_json(
            &reports,
            json!({ "category": "health", "body": "Nog te bespreken met de arts.", "release": false }),
            Some(&carer),
        )
        .await
        .json();
    assert_eq!(later["released"], false);
    assert_eq!(
        visible(app.get_signed_in(&portal_reports, &admin).await.json()),
        ["Samen de kamer opgeruimd."]
    );
    let released = app
        .call(
            axum::http::Method::PATCH,
            &format!("{reports}/{}", later["id"]),
            Some(json!({ "released": true })),
            Some(&carer),
        )
        .await;
    assert_eq!(released.status, StatusCode::OK);
    assert_eq!(
        visible(app.get_signed_in(&portal_reports, &admin).await.json()).len(),
        2,
        "released reports appear at the next request"
    );
    // Another team: as if the client did not exist; bad input: nothing stored.
    app.post_json(
        &reports,
        json!({ "category": "living", "body": "Mag niet.", "release": true }),
        Some(&outsider),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND, "not-found");
    app.post_json(
        &reports,
        json!({ "category": "living", "body": "  ", "release": true }),
        Some(&carer),
    )
    .await
    .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    app.post_json(
        &reports,
        json!({ "category": "tuin", "body": "Onbekend domein.", "release": true }),
        Some(&carer),
    )
    .await
    .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reports WHERE client_id = $1")
        .bind(portal.client_id)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(count, 2);
    // Staff read them all, released or not; the read is in the client's log too.
    let listed = app.get_signed_in(&reports, &carer).await;
    assert_eq!(listed.status, StatusCode::OK);
    let listed = listed.json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 2);
    assert_eq!(listed["items"][0]["body"], "Nog te bespreken met de arts.");
    app.get_signed_in(&reports, &outsider)
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    let reads: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM access_log WHERE client_id = $1 AND section = 'reports' AND actor_role = 'staff' \
         AND action = 'read'",
    )
    .bind(portal.client_id)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(reads, 1);
    // Each write is in the client's access log, by a staff member.
    let logged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM access_log WHERE client_id = $1 AND section = 'reports' AND actor_role = 'staff' \
         AND action IN ('create', 'update')",
    )
    .bind(portal.client_id)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(logged, 3);
}

#[tokio::test]
async fn ending_the_care_relation_or_a_death_sets_the_day_access_ends() {
    let app = test_app(AppOptions::default(), true).await;
    let team = new_team(&app).await;
    let portal = app.create_portal("e").await;
    sqlx::query("UPDATE clients SET team_id = $1 WHERE id = $2")
        .bind(team)
        .bind(portal.client_id)
        .execute(&app.state.db)
        .await
        .unwrap();
    let carer = staff_cookie(&app, "care_professional", Some(team), "e").await;
    let path = format!(
        "/api/v1/staff/clients/{}/care-relation-end",
        portal.client_id
    );
    // The test organisation's grace is 7 days; "today" is 2026-03-01.
    let ended = app
        .post_json(&path, json!({ "ended_on": "2026-03-05" }), Some(&carer))
        .await;
    assert_eq!(ended.status, StatusCode::OK);
    assert_eq!(
        ended.json(),
        json!({ "access_ends_on": "2026-03-12", "grace_days": 7 })
    );
    // A death before that: the earlier date counts.
    let died = app
        .post_json(&path, json!({ "deceased_on": "2026-03-02" }), Some(&carer))
        .await
        .json();
    assert_eq!(died["access_ends_on"], "2026-03-09");
    for bad in [
        json!({}),
        json!({ "ended_on": "gisteren" }),
        json!({ "ended_on": "2020-01-01" }),
    ] {
        app.post_json(&path, bad, Some(&carer))
            .await
            .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    }
    // Until that day the administrator still has access; from that day on not.
    app.advance(chrono::Duration::days(7) + chrono::Duration::minutes(11 * 60 + 55));
    let admin = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    app.accept_current_terms(&admin).await;
    let portal_url = format!("/api/v1/portals/{}", portal.client_id);
    assert_eq!(
        app.get_signed_in(&portal_url, &admin).await.status,
        StatusCode::OK
    );
    // Five minutes before midnight it works; ten minutes later the same session is refused.
    app.advance(chrono::Duration::minutes(10));
    app.get_signed_in(&portal_url, &admin)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "access-ended");
}

#[tokio::test]
async fn a_change_of_administrator_leaves_exactly_one_and_tells_both() {
    let app = test_app(AppOptions::default(), true).await;
    let team = new_team(&app).await;
    let portal = app.create_portal("c").await;
    sqlx::query("UPDATE clients SET team_id = $1 WHERE id = $2")
        .bind(team)
        .bind(portal.client_id)
        .execute(&app.state.db)
        .await
        .unwrap();
    let carer = staff_cookie(&app, "care_professional", Some(team), "c").await;
    let old_admin = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    app.accept_current_terms(&old_admin).await;
    let path = format!("/api/v1/staff/clients/{}/administrator", portal.client_id);
    let administrators = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM portal_access WHERE client_id = $1 AND role = 'administrator' \
             AND status IN ('invited', 'active')",
        )
        .bind(portal.client_id)
        .fetch_one(&app.state.db)
        .await
        .unwrap()
    };
    // Giving access again is refused; changing it is a separate, deliberate step.
    app.post_json(&path, grant_body("client", None), Some(&carer))
        .await
        .assert_problem(StatusCode::CONFLICT, "administrator-exists");
    // The same person again is no change.
    let mut same = grant_body("client", None);
    same["email"] = json!(portal.admin_email);
    app.call(axum::http::Method::PUT, &path, Some(same), Some(&carer))
        .await
        .assert_problem(StatusCode::CONFLICT, "administrator-exists");
    // A representative without a basis: refused, nothing changes.
    app.call(
        axum::http::Method::PUT,
        &path,
        Some(grant_body("representative", None)),
        Some(&carer),
    )
    .await
    .assert_problem(
        StatusCode::UNPROCESSABLE_ENTITY,
        "representation-basis-required",
    );
    assert_eq!(administrators().await, 1);
    assert_eq!(
        app.get_signed_in(&format!("/api/v1/portals/{}", portal.client_id), &old_admin)
            .await
            .status,
        StatusCode::OK
    );

    let changed = app
        .call(
            axum::http::Method::PUT,
            &path,
            Some(grant_body(
                "representative",
                Some("Mentorschap, rechtbank 2026"),
            )),
            Some(&carer),
        )
        .await;
    assert_eq!(
        changed.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&changed.body)
    );
    assert_eq!(administrators().await, 1, "exactly one administrator");
    let (email, relation): (String, String) = sqlx::query_as(
        "SELECT a.email, pa.relation FROM portal_access pa JOIN accounts a ON a.id = pa.account_id \
         WHERE pa.client_id = $1 AND pa.role = 'administrator' AND pa.status IN ('invited', 'active')",
    )
    .bind(portal.client_id)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(
        (email.as_str(), relation.as_str()),
        ("sanne@test.example", "representative")
    );
    // The previous administrator's open session is refused at its next request.
    app.get_signed_in(&format!("/api/v1/portals/{}", portal.client_id), &old_admin)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "access-ended");
    // Both were told.
    assert!(app.latest_link_token("sanne@test.example").await.len() >= 43);
    let notice: String = sqlx::query_scalar(
        "SELECT body FROM dev_outbox WHERE recipient = $1 AND channel = 'email' ORDER BY id DESC LIMIT 1",
    )
    .bind(&portal.admin_email)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert!(notice.contains("Sanne Bos"), "{notice}");
    assert!(notice.contains("geen beheerder meer"), "{notice}");
    let logged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM access_log WHERE client_id = $1 AND detail = 'change_administrator'",
    )
    .bind(portal.client_id)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(logged, 1);
}

#[tokio::test]
async fn staff_moderate_what_clients_and_their_circles_placed() {
    let app = test_app(AppOptions::default(), true).await;
    let team = new_team(&app).await;
    let other_team = new_team(&app).await;
    let portal = app.create_portal("m").await;
    sqlx::query("UPDATE clients SET team_id = $1 WHERE id = $2")
        .bind(team)
        .bind(portal.client_id)
        .execute(&app.state.db)
        .await
        .unwrap();
    let carer = staff_cookie(&app, "care_professional", Some(team), "m").await;
    let outsider = staff_cookie(&app, "care_professional", Some(other_team), "n").await;
    let admin = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    app.accept_current_terms(&admin).await;
    let note = app
        .post_json(
            &format!("/api/v1/portals/{}/notes", portal.client_id),
            json!({ "body": "Fijne verjaardag gehad!" }),
            Some(&admin),
        )
        .await
        .json();
    // A photo the contact placed, stored as the upload pipeline stores it.
    let mut jpeg = Vec::new();
    image::RgbImage::from_pixel(32, 24, image::Rgb([10, 120, 200]))
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    app.state
        .photos
        .put("moderatie/32.jpg", jpeg)
        .await
        .unwrap();
    let photo_id: i64 = sqlx::query_scalar(
        "INSERT INTO photos (organisation_id, uploaded_by_account, caption, created_at, object_key, content_type, \
         width, height, sizes, sort_day) VALUES ($1, $2, 'Taart', $3, 'moderatie', 'image/jpeg', 32, 24, '32x24', '2026-03-01') \
         RETURNING id",
    )
    .bind(app.state.organisation_id)
    .bind(portal.contact_account)
    .bind(test_now())
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    sqlx::query("INSERT INTO photo_clients (photo_id, client_id) VALUES ($1, $2)")
        .bind(photo_id)
        .bind(portal.client_id)
        .execute(&app.state.db)
        .await
        .unwrap();

    let waiting =
        |caseload: serde_json::Value| caseload["items"][0]["waiting_for_moderation"].clone();
    assert_eq!(
        waiting(
            app.get_signed_in("/api/v1/staff/clients", &carer)
                .await
                .json()
        ),
        2
    );
    let page = app
        .get_signed_in("/api/v1/staff/moderation", &carer)
        .await
        .json();
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let kinds: Vec<&str> = items.iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"note") && kinds.contains(&"photo"));
    let photo = items.iter().find(|i| i["kind"] == "photo").unwrap();
    assert_eq!(photo["text"], "Taart");
    assert_eq!(photo["reviewed"], false);
    // Staff can reach the uploader's account, to suspend it for excessive use.
    assert_eq!(photo["author_account_id"], portal.contact_account);
    assert_eq!(photo["author_suspended"], false);
    let image = app
        .get_signed_in(
            &format!("/api/v1{}", photo["image_path"].as_str().unwrap()),
            &carer,
        )
        .await;
    assert_eq!(image.status, StatusCode::OK);
    assert_eq!(image.header("cache-control"), "private, no-store");
    // Another team sees nothing and can do nothing.
    let theirs = app
        .get_signed_in("/api/v1/staff/moderation", &outsider)
        .await
        .json();
    assert!(theirs["items"].as_array().unwrap().is_empty());
    app.post_json(
        &format!("/api/v1/staff/notes/{}/review", note["id"]),
        json!(null),
        Some(&outsider),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND, "not-found");
    app.get_signed_in(
        &format!("/api/v1{}", photo["image_path"].as_str().unwrap()),
        &outsider,
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND, "not-found");
    // Looked at and left: no longer waiting.
    let reviewed = app
        .post_json(
            &format!("/api/v1/staff/notes/{}/review", note["id"]),
            json!(null),
            Some(&carer),
        )
        .await;
    assert_eq!(reviewed.status, StatusCode::NO_CONTENT);
    assert_eq!(
        waiting(
            app.get_signed_in("/api/v1/staff/clients", &carer)
                .await
                .json()
        ),
        1
    );
    // Every staff look is in the client's access log, so the client sees it (R23).
    let reads: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM access_log WHERE client_id = $1 AND actor_role = 'staff' \
         AND ((section = 'moderation' AND action = 'read') OR (section = 'photos' AND action = 'read') \
         OR (section = 'notes' AND detail = 'reviewed'))",
    )
    .bind(portal.client_id)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(reads, 3);
}

fn plan_body(start: &str, goal: &str) -> serde_json::Value {
    json!({
        "period_start": start,
        "domains": [{
            "domain": "living",
            "goals": [{
                "text": goal, "status": "active", "start_date": start, "evaluation_date": "2026-12-01",
                "actions": [{ "what": "Samen boodschappen doen", "who": "Begeleider", "how_often": "Elke week" }],
            }],
        }],
    })
}

#[tokio::test]
async fn staff_maintain_the_care_plan_in_versions_the_portal_shows() {
    let app = test_app(AppOptions::default(), true).await;
    let team = new_team(&app).await;
    let other_team = new_team(&app).await;
    let portal = app.create_portal("p").await;
    sqlx::query("UPDATE clients SET team_id = $1 WHERE id = $2")
        .bind(team)
        .bind(portal.client_id)
        .execute(&app.state.db)
        .await
        .unwrap();
    let carer = staff_cookie(&app, "care_professional", Some(team), "p").await;
    let outsider = staff_cookie(&app, "care_professional", Some(other_team), "q").await;
    let admin = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    app.accept_current_terms(&admin).await;
    let plans = format!("/api/v1/staff/clients/{}/care-plans", portal.client_id);
    let portal_plan = format!("/api/v1/portals/{}/care-plan", portal.client_id);

    let first = app
        .post_json(
            &plans,
            plan_body("2026-01-01", "Ik kook zelf"),
            Some(&carer),
        )
        .await;
    assert_eq!(
        first.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&first.body)
    );
    let seen = app.get_signed_in(&portal_plan, &admin).await.json();
    assert_eq!(seen["domains"][0]["goals"][0]["text"], "Ik kook zelf");
    assert_eq!(
        seen["domains"][0]["goals"][0]["actions"][0]["what"],
        "Samen boodschappen doen"
    );

    let second = app
        .post_json(
            &plans,
            plan_body("2026-03-01", "Ik woon zelfstandig"),
            Some(&carer),
        )
        .await;
    assert_eq!(second.status, StatusCode::CREATED);
    let seen = app.get_signed_in(&portal_plan, &admin).await.json();
    assert_eq!(
        seen["domains"][0]["goals"][0]["text"],
        "Ik woon zelfstandig"
    );
    assert_eq!(seen["current"], true);
    let versions = seen["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    let earlier = versions
        .iter()
        .find(|v| v["period_start"] == "2026-01-01")
        .unwrap();
    assert_eq!(
        earlier["period_end"], "2026-02-28",
        "the earlier plan ends the day before"
    );

    // Bad plans change nothing.
    let mut backwards = plan_body("2026-04-01", "Later");
    backwards["domains"][0]["goals"][0]["evaluation_date"] = json!("2026-03-01");
    for bad in [
        plan_body("2026-02-01", "Te vroeg"),
        backwards,
        json!({ "period_start": "2026-05-01", "domains": [] }),
        plan_body("morgen", "Geen datum"),
    ] {
        app.post_json(&plans, bad, Some(&carer))
            .await
            .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    }
    app.post_json(
        &plans,
        plan_body("2026-06-01", "Niet jouw team"),
        Some(&outsider),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND, "not-found");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM care_plans WHERE client_id = $1")
        .bind(portal.client_id)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(count, 2);
    let logged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM access_log WHERE client_id = $1 AND section = 'care_plan' AND action = 'create' \
         AND actor_role = 'staff'",
    )
    .bind(portal.client_id)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(logged, 2);

    // Staff read the plan in force to start the next version from; that read is in the
    // client's access log, and another team's member gets nothing.
    let plan_path = format!("/api/v1/staff/clients/{}/care-plan", portal.client_id);
    let read = app.get_signed_in(&plan_path, &carer).await.json();
    assert_eq!(read["period_start"], "2026-03-01");
    assert_eq!(
        read["domains"][0]["goals"][0]["text"],
        "Ik woon zelfstandig"
    );
    app.get_signed_in(&plan_path, &outsider)
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    app.get_signed_in(&plan_path, &admin)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    let reads: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM access_log WHERE client_id = $1 AND section = 'care_plan' AND action = 'read' \
         AND actor_role = 'staff'",
    )
    .bind(portal.client_id)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(reads, 1);
}

#[tokio::test]
async fn the_session_tells_staff_their_role_and_team_and_nobody_else() {
    let app = test_app(AppOptions::default(), true).await;
    let team = new_team(&app).await;
    let lead = staff_cookie(&app, "team_lead", Some(team), "l").await;
    let session = app.get_signed_in("/api/v1/session", &lead).await.json();
    assert_eq!(session["staff"]["role"], "team_lead");
    assert_eq!(session["staff"]["team"], "Team");
    let admin = staff_cookie(&app, "organisation_admin", None, "a").await;
    let session = app.get_signed_in("/api/v1/session", &admin).await.json();
    assert_eq!(session["staff"]["role"], "organisation_admin");
    assert!(session["staff"]["team"].is_null());
    let portal = app.create_portal("s").await;
    let family = app
        .sign_in(&portal.contact_email, &portal.contact_mobile)
        .await;
    let session = app.get_signed_in("/api/v1/session", &family).await.json();
    assert!(session["staff"].is_null());
}

#[tokio::test]
async fn staff_see_a_clients_reports_newest_written_first_across_pages() {
    let app = test_app(AppOptions::default(), true).await;
    let team = new_team(&app).await;
    let portal = app.create_portal("order").await;
    sqlx::query("UPDATE clients SET team_id = $1 WHERE id = $2")
        .bind(team)
        .bind(portal.client_id)
        .execute(&app.state.db)
        .await
        .unwrap();
    let carer = staff_cookie(&app, "care_professional", Some(team), "order").await;
    let author: i64 = sqlx::query_scalar("SELECT id FROM staff_members ORDER BY id LIMIT 1")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    // Inserted in another order than written (as an import or back-dating does).
    for (day, body) in [
        ("2026-04-28T10:00:00Z", "april"),
        ("2025-11-23T10:00:00Z", "november"),
        ("2025-04-06T10:00:00Z", "april-2025"),
        ("2025-12-30T10:00:00Z", "december"),
        ("2026-09-17T10:00:00Z", "september"),
        ("2025-12-30T10:00:00Z", "december-same-time"),
    ] {
        sqlx::query(
            "INSERT INTO reports (client_id, author_id, written_at, category, body, released_to_portal, shielded) \
             VALUES ($1, $2, $3, 'living', $4, TRUE, FALSE)",
        )
        .bind(portal.client_id)
        .bind(author)
        .bind(day.parse::<chrono::DateTime<chrono::Utc>>().unwrap())
        .bind(body)
        .execute(&app.state.db)
        .await
        .unwrap();
    }
    let mut seen = Vec::new();
    let mut path = format!("/api/v1/staff/clients/{}/reports?limit=2", portal.client_id);
    loop {
        let page = app.get_signed_in(&path, &carer).await;
        assert_eq!(page.status, StatusCode::OK, "{:?}", page.json_opt());
        let page = page.json();
        for report in page["items"].as_array().unwrap() {
            seen.push(report["body"].as_str().unwrap().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(cursor) => {
                path = format!(
                    "/api/v1/staff/clients/{}/reports?limit=2&cursor={cursor}",
                    portal.client_id
                )
            }
            None => break,
        }
    }
    // Same time: the later row first; no report twice or missing across pages.
    assert_eq!(
        seen,
        [
            "september",
            "april",
            "december-same-time",
            "december",
            "november",
            "april-2025"
        ]
    );
}
