//! Registering and changing clients, the caseload's search and paging, and the lists
//! the registration form chooses from, through HTTP.

use std::collections::HashSet;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::app::AppOptions;
use crate::test_support::{date, test_app, test_now, TestApp};

async fn new_team(app: &TestApp, name: &str) -> i64 {
    sqlx::query_scalar("INSERT INTO teams (organisation_id, name) VALUES ($1, $2) RETURNING id")
        .bind(app.state.organisation_id)
        .bind(name)
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

fn body(number: &str, team: i64, counsellor: Option<i64>) -> Value {
    json!({
        "client_number": number,
        "first_name": "Anna",
        "family_name": "de Vries",
        "date_of_birth": "1950-02-03",
        "team_id": team,
        "personal_counsellor_id": counsellor,
        "care_relation_start": "2024-05-01",
    })
}

/// How many clients and access-log entries there are: what a refused request must
/// leave as it was.
async fn footprint(app: &TestApp) -> (i64, i64, String) {
    let clients: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM clients")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    let log: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM access_log WHERE section = 'registration'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    let names: Vec<(i64, String, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT id, client_number, first_name, family_name, team_id FROM clients ORDER BY id",
    )
    .fetch_all(&app.state.db)
    .await
    .unwrap();
    (clients, log, format!("{names:?}"))
}

fn created(response: &crate::test_support::TestResponse) -> Value {
    assert_eq!(
        response.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    response.json()
}

fn ok(response: &crate::test_support::TestResponse) -> Value {
    assert_eq!(
        response.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    response.json()
}

#[tokio::test]
async fn staff_register_clients_in_their_own_team_and_bad_input_changes_nothing() {
    let app = test_app(AppOptions::default(), true).await;
    let team = new_team(&app, "Team Noord").await;
    let other_team = new_team(&app, "Team Zuid").await;
    let (counsellor, carer) = app.create_staff("care_professional", Some(team), "a").await;
    let (other_counsellor, _) = app
        .create_staff("care_professional", Some(other_team), "b")
        .await;
    let (_, admin) = app.create_staff("organisation_admin", None, "c").await;
    for cookie in [&carer, &admin] {
        app.accept_current_terms(cookie).await;
    }
    let path = "/api/v1/staff/clients";

    // Not staff: refused.
    let portal = app.create_portal("x").await;
    let family = app
        .sign_in(&portal.contact_email, &portal.contact_mobile)
        .await;
    let before = footprint(&app).await;
    app.post_json(path, body("K-1", team, None), Some(&family))
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.post_json(path, body("K-1", team, None), None)
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    // Another team than one's own.
    app.post_json(path, body("K-1", other_team, None), Some(&carer))
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    // An organisation administrator: any team, but one of the organisation.
    app.post_json(path, body("K-1", 999_999, None), Some(&admin))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "team-unknown");

    // Every field's rule.
    let cases: Vec<(&str, Value, &str)> = vec![
        ("client_number", json!(""), "client-number-invalid"),
        ("client_number", json!("   "), "client-number-invalid"),
        (
            "client_number",
            json!("9".repeat(33)),
            "client-number-invalid",
        ),
        ("first_name", json!(""), "client-name-invalid"),
        ("family_name", json!("x".repeat(101)), "client-name-invalid"),
        (
            "date_of_birth",
            json!("2026-03-02"),
            "date-of-birth-invalid",
        ),
        (
            "date_of_birth",
            json!("1899-12-31"),
            "date-of-birth-invalid",
        ),
        (
            "care_relation_start",
            json!("1950-02-02"),
            "care-start-invalid",
        ),
        (
            "personal_counsellor_id",
            json!(other_counsellor),
            "counsellor-not-in-team",
        ),
        (
            "personal_counsellor_id",
            json!(999_999),
            "counsellor-not-in-team",
        ),
        ("date_of_birth", json!("03-02-1950"), "invalid-body"),
        ("unknown", json!(1), "invalid-body"),
    ];
    for (field, value, code) in cases {
        let mut request = body("K-1", team, Some(counsellor));
        request[field] = value;
        let response = app.post_json(path, request, Some(&carer)).await;
        assert_eq!(response.json()["code"], code, "{field}");
    }
    assert_eq!(footprint(&app).await, before, "a refusal changed something");

    // Allowed: the registration as given, trimmed, and logged for the new client.
    let mut request = body(" K-1 ", team, Some(counsellor));
    request["first_name"] = json!(" Anna ");
    let registered = created(&app.post_json(path, request, Some(&carer)).await);
    let id = registered["id"].as_i64().unwrap();
    assert_eq!(
        registered,
        json!({ "id": id, "client_number": "K-1", "first_name": "Anna", "family_name": "de Vries",
                "date_of_birth": "1950-02-03", "team_id": team, "personal_counsellor_id": counsellor,
                "care_relation_start": "2024-05-01", "care_relation_end": null })
    );
    let logged: (String, String, String) = sqlx::query_as(
        "SELECT action, actor_role, outcome FROM access_log WHERE client_id = $1 AND section = 'registration'",
    )
    .bind(id)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(logged, ("create".into(), "staff".into(), "allowed".into()));

    // The number is the organisation's: taken, also for another team.
    let before = footprint(&app).await;
    app.post_json(path, body("K-1", other_team, None), Some(&admin))
        .await
        .assert_problem(StatusCode::CONFLICT, "client-number-taken");
    assert_eq!(footprint(&app).await, before);
    // The administrator registers in another team; born today is allowed.
    let mut request = body("K-2", other_team, Some(other_counsellor));
    request["date_of_birth"] = json!("2026-03-01");
    request["care_relation_start"] = json!("2026-03-01");
    created(&app.post_json(path, request, Some(&admin)).await);

    // The new client is in the caseload, and the staff page of the client opens.
    let page = ok(&app
        .get_signed_in("/api/v1/staff/clients?q=anna%20de", &carer)
        .await);
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(page["items"][0]["id"], id);
    assert_eq!(page["items"][0]["team"], "Team Noord");
    let one = ok(&app
        .get_signed_in(&format!("/api/v1/staff/clients/{id}"), &carer)
        .await);
    assert_eq!(one["name"], "Anna de Vries");
    assert_eq!(one["portal"], "no_access");
}

#[tokio::test]
async fn staff_change_a_registration_of_their_own_team_only() {
    let app = test_app(AppOptions::default(), true).await;
    let team = new_team(&app, "Team Noord").await;
    let other_team = new_team(&app, "Team Zuid").await;
    let (counsellor, carer) = app.create_staff("care_professional", Some(team), "a").await;
    let (_, lead) = app.create_staff("team_lead", Some(other_team), "b").await;
    let (_, admin) = app.create_staff("organisation_admin", None, "c").await;
    for cookie in [&carer, &lead, &admin] {
        app.accept_current_terms(cookie).await;
    }
    let id = created(
        &app.post_json(
            "/api/v1/staff/clients",
            body("K-1", team, None),
            Some(&carer),
        )
        .await,
    )["id"]
        .as_i64()
        .unwrap();
    let other = created(
        &app.post_json(
            "/api/v1/staff/clients",
            body("K-2", other_team, None),
            Some(&lead),
        )
        .await,
    );
    assert_eq!(other["team_id"], other_team);
    let path = format!("/api/v1/staff/clients/{id}/registration");

    // Another team's staff: the client does not exist for them, to read or to change.
    app.get_signed_in(&path, &lead)
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    let before = footprint(&app).await;
    app.call(
        Method::PUT,
        &path,
        Some(body("K-9", other_team, None)),
        Some(&lead),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND, "not-found");
    app.call(
        Method::PUT,
        "/api/v1/staff/clients/999999/registration",
        Some(body("K-9", team, None)),
        Some(&admin),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND, "not-found");
    // Moving the client out of one's own team, another client's number, a start of
    // care before birth: refused, nothing changed.
    app.call(
        Method::PUT,
        &path,
        Some(body("K-1", other_team, None)),
        Some(&carer),
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.call(
        Method::PUT,
        &path,
        Some(body("K-2", team, None)),
        Some(&carer),
    )
    .await
    .assert_problem(StatusCode::CONFLICT, "client-number-taken");
    let mut early = body("K-1", team, None);
    early["care_relation_start"] = json!("1940-01-01");
    app.call(Method::PUT, &path, Some(early), Some(&carer))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "care-start-invalid");
    assert_eq!(footprint(&app).await, before);

    // Read (logged) and changed (logged with the fields, not their values).
    let read = ok(&app.get_signed_in(&path, &carer).await);
    assert_eq!(read["client_number"], "K-1");
    let mut change = body("K-1", team, Some(counsellor));
    change["first_name"] = json!("Annie");
    let changed = ok(&app
        .call(Method::PUT, &path, Some(change), Some(&carer))
        .await);
    assert_eq!(changed["first_name"], "Annie");
    assert_eq!(changed["personal_counsellor_id"], counsellor);
    let entries: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT action, detail FROM access_log WHERE client_id = $1 AND section = 'registration' ORDER BY id",
    )
    .bind(id)
    .fetch_all(&app.state.db)
    .await
    .unwrap();
    assert_eq!(
        entries,
        vec![
            ("create".into(), None),
            ("read".into(), None),
            (
                "update".into(),
                Some("changed=first_name,personal_counsellor".into())
            ),
        ]
    );
    // The administrator moves the client to the other team; the counsellor must then
    // be of that team.
    app.call(
        Method::PUT,
        &path,
        Some(body("K-1", other_team, Some(counsellor))),
        Some(&admin),
    )
    .await
    .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "counsellor-not-in-team");
    ok(&app
        .call(
            Method::PUT,
            &path,
            Some(body("K-1", other_team, None)),
            Some(&admin),
        )
        .await);
    app.get_signed_in(&path, &carer)
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");

    // With an end of care recorded (its own endpoint), the start may not come after it.
    ok(&app
        .post_json(
            &format!("/api/v1/staff/clients/{id}/care-relation-end"),
            json!({ "ended_on": "2025-01-31" }),
            Some(&lead),
        )
        .await);
    let mut late = body("K-1", other_team, None);
    late["care_relation_start"] = json!("2025-02-01");
    app.call(Method::PUT, &path, Some(late), Some(&lead))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "care-start-invalid");
    let read = ok(&app.get_signed_in(&path, &lead).await);
    assert_eq!(read["care_relation_end"], "2025-01-31");
    assert_eq!(read["care_relation_start"], "2024-05-01");
}

#[tokio::test]
async fn the_form_lists_the_teams_one_may_use_and_their_staff() {
    let app = test_app(AppOptions::default(), true).await;
    let team = new_team(&app, "Team Noord").await;
    let other_team = new_team(&app, "Team Zuid").await;
    let (counsellor, carer) = app.create_staff("care_professional", Some(team), "a").await;
    let (lead_id, _) = app.create_staff("team_lead", Some(team), "b").await;
    let (_, lead) = app.create_staff("team_lead", Some(other_team), "c").await;
    let (_, admin) = app.create_staff("organisation_admin", None, "d").await;
    let (_, teamless) = app.create_staff("care_professional", None, "e").await;

    let names = |page: Value| -> Vec<(i64, String)> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| {
                (
                    item["id"].as_i64().unwrap(),
                    item["name"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let teams = "/api/v1/staff/registration-teams";
    assert_eq!(
        names(ok(&app.get_signed_in(teams, &carer).await)),
        vec![(team, "Team Noord".to_owned())]
    );
    assert_eq!(
        names(ok(&app.get_signed_in(teams, &admin).await)),
        vec![
            (team, "Team Noord".to_owned()),
            (other_team, "Team Zuid".to_owned())
        ]
    );
    assert!(names(ok(&app.get_signed_in(teams, &teamless).await)).is_empty());
    // Paged like every list.
    let first = ok(&app.get_signed_in(&format!("{teams}?limit=1"), &admin).await);
    let cursor = first["next_cursor"].as_str().unwrap().to_owned();
    let second = ok(&app
        .get_signed_in(&format!("{teams}?limit=1&cursor={cursor}"), &admin)
        .await);
    assert_eq!(names(second), vec![(other_team, "Team Zuid".to_owned())]);

    let counsellors = format!("/api/v1/staff/teams/{team}/counsellors");
    let expected = vec![
        (counsellor, "Medewerker a".to_owned()),
        (lead_id, "Medewerker b".to_owned()),
    ];
    assert_eq!(
        names(ok(&app.get_signed_in(&counsellors, &carer).await)),
        expected
    );
    assert_eq!(
        names(ok(&app.get_signed_in(&counsellors, &admin).await)),
        expected
    );
    app.get_signed_in(&counsellors, &lead)
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    app.get_signed_in("/api/v1/staff/teams/999999/counsellors", &admin)
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    let portal = app.create_portal("x").await;
    let family = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    app.get_signed_in(&counsellors, &family)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}

/// The names the seeded clients get: client `i` is "Naam{i % 97} Familie{i}", number
/// "K-{i}".
fn seeded(i: i64) -> [String; 3] {
    [
        format!("naam{} familie{i}", i % 97),
        format!("familie{i}"),
        format!("k-{i}"),
    ]
}

#[tokio::test]
async fn the_caseload_of_ten_thousand_clients_is_searched_and_paged() {
    let app = test_app(AppOptions::default(), true).await;
    let team = new_team(&app, "Team Groot").await;
    let other_team = new_team(&app, "Team Klein").await;
    // 10,000 clients in the team, seeded in one statement (one transaction), and a few
    // in another team that the team's staff must not find.
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) \
         INSERT INTO clients (organisation_id, team_id, client_number, first_name, family_name, \
         date_of_birth, care_relation_start, created_at) \
         SELECT $1, $2, 'K-' || i, 'Naam' || (i % 97), 'Familie' || i, $3, $4, $5 FROM n",
    )
    .bind(app.state.organisation_id)
    .bind(team)
    .bind(date("1960-01-01"))
    .bind(date("2020-01-01"))
    .bind(test_now())
    .execute(&app.state.db)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO clients (organisation_id, team_id, client_number, first_name, family_name, \
         date_of_birth, care_relation_start, created_at) \
         VALUES ($1, $2, 'A-1', 'Naam1', 'Anders', $3, $4, $5)",
    )
    .bind(app.state.organisation_id)
    .bind(other_team)
    .bind(date("1960-01-01"))
    .bind(date("2020-01-01"))
    .bind(test_now())
    .execute(&app.state.db)
    .await
    .unwrap();
    let (_, carer) = app.create_staff("care_professional", Some(team), "a").await;

    // Walks every page of a search; every client comes once, each page within its size.
    let walk = |q: &'static str, limit: usize| {
        let app = &app;
        let carer = carer.clone();
        async move {
            let mut seen = Vec::new();
            let mut cursor: Option<String> = None;
            loop {
                let mut path = format!("/api/v1/staff/clients?q={q}&limit={limit}");
                if let Some(cursor) = &cursor {
                    path.push_str(&format!("&cursor={cursor}"));
                }
                let page = ok(&app.get_signed_in(&path, &carer).await);
                let items = page["items"].as_array().unwrap();
                assert!(items.len() <= limit);
                seen.extend(items.iter().map(|item| {
                    (
                        item["id"].as_i64().unwrap(),
                        item["name"].as_str().unwrap().to_owned(),
                    )
                }));
                match page["next_cursor"].as_str() {
                    Some(next) => {
                        assert_eq!(items.len(), limit, "a page before the last is full");
                        cursor = Some(next.to_owned());
                    }
                    None => break,
                }
            }
            seen
        }
    };
    for (q, prefix) in [
        ("NAAM1", "naam1"),
        ("k-100", "k-100"),
        ("naam5%20familie5", "naam5 familie5"),
    ] {
        let expected = (1..=10_000)
            .filter(|i| seeded(*i).iter().any(|text| text.starts_with(prefix)))
            .count();
        assert!(expected > 1, "{q}");
        let seen = walk(q, 50).await;
        let ids: HashSet<i64> = seen.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids.len(), seen.len(), "{q}: a client came twice");
        assert_eq!(seen.len(), expected, "{q}");
        assert!(seen.iter().all(|(_, name)| name != "Naam1 Anders"), "{q}");
    }
    // A wildcard is a character, not a pattern.
    assert!(walk("%25", 50).await.is_empty());
    assert!(walk("_", 50).await.is_empty());
    // Without a search, the whole caseload in pages of 200.
    let all = walk("", 200).await;
    assert_eq!(all.len(), 10_000);
    assert_eq!(
        all.iter().map(|(id, _)| *id).collect::<HashSet<_>>().len(),
        10_000
    );

    // A cursor of another list, or a search over its limit: refused.
    app.get_signed_in("/api/v1/staff/clients?cursor=YzE6NDI", &carer)
        .await
        .assert_problem(StatusCode::BAD_REQUEST, "invalid-parameter");
    app.get_signed_in(
        &format!("/api/v1/staff/clients?q={}", "a".repeat(101)),
        &carer,
    )
    .await
    .assert_problem(StatusCode::BAD_REQUEST, "invalid-parameter");
    app.get_signed_in("/api/v1/staff/clients?limit=201", &carer)
        .await
        .assert_problem(StatusCode::BAD_REQUEST, "invalid-parameter");
}
