//! Teams and staff members over HTTP: who may do what, what bad input gets, that it
//! changes nothing, the invitation e-mail and its link, and an ended account's end.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::app::AppOptions;
use crate::test_support::{session_cookie, test_app, TestApp, TestResponse};

const TEAMS: &str = "/api/v1/staff/teams";
const MEMBERS: &str = "/api/v1/staff/members";

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

async fn log_rows(app: &TestApp, action: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM administration_log WHERE action = $1")
        .bind(action)
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

fn body(response: &TestResponse) -> String {
    String::from_utf8_lossy(&response.body).into_owned()
}

async fn create_team(app: &TestApp, cookie: &str, name: &str, phone: Option<&str>) -> Value {
    let response = app
        .post_json(
            TEAMS,
            json!({ "name": name, "emergency_phone": phone }),
            Some(cookie),
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", body(&response));
    response.json()
}

#[tokio::test]
async fn organisation_administrators_create_and_change_teams_and_others_read_their_own() {
    let app = test_app(AppOptions::default(), false).await;
    let (_, admin) = app.create_staff("organisation_admin", None, "adm").await;

    let oost = create_team(&app, &admin, "Wijkteam Oost", Some("020 123 4567")).await;
    assert_eq!(oost["name"], "Wijkteam Oost");
    assert_eq!(oost["emergency_phone"]["phone"], "+31201234567");
    assert_eq!(oost["emergency_phone"]["phone_display"], "020 123 4567");
    assert_eq!(oost["member_count"], 0);
    let west = create_team(&app, &admin, "Wijkteam West", None).await;
    assert!(west["emergency_phone"].is_null(), "falls back: {west}");
    let oost_id = oost["id"].as_i64().unwrap();
    let west_id = west["id"].as_i64().unwrap();
    assert_eq!(log_rows(&app, "team_created").await, 2);

    // Bad input is refused and changes nothing.
    let teams_before = count(&app, "SELECT COUNT(*) FROM teams").await;
    for (details, status, code) in [
        (
            json!({ "name": "wijkteam OOST" }),
            StatusCode::CONFLICT,
            "team-name-taken",
        ),
        (
            json!({ "name": "Team 112", "emergency_phone": "112" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "phone-invalid",
        ),
        (
            json!({ "name": "Team Bel", "emergency_phone": "bel ons" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "phone-invalid",
        ),
        (
            json!({ "name": "  " }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-body",
        ),
        (
            json!({ "name": "x".repeat(101) }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "text-too-long",
        ),
    ] {
        app.post_json(TEAMS, details, Some(&admin))
            .await
            .assert_problem(status, code);
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM teams").await,
        teams_before
    );
    assert_eq!(log_rows(&app, "team_created").await, 2);

    // Rename and give West its own number; then take Oost's away.
    let put = |id: i64, details: Value, cookie: String| {
        let app = &app;
        async move {
            app.call(
                Method::PUT,
                &format!("{TEAMS}/{id}"),
                Some(details),
                Some(&cookie),
            )
            .await
        }
    };
    let changed = put(
        west_id,
        json!({ "name": "Wijkteam West-Zuid", "emergency_phone": "+31 20 765 4321" }),
        admin.clone(),
    )
    .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", body(&changed));
    assert_eq!(changed.json()["name"], "Wijkteam West-Zuid");
    assert_eq!(changed.json()["emergency_phone"]["phone"], "+31207654321");
    let cleared = put(
        oost_id,
        json!({ "name": "Wijkteam Oost", "emergency_phone": "" }),
        admin.clone(),
    )
    .await;
    assert_eq!(cleared.status, StatusCode::OK);
    assert!(cleared.json()["emergency_phone"].is_null());
    put(west_id, json!({ "name": "WIJKTEAM OOST" }), admin.clone())
        .await
        .assert_problem(StatusCode::CONFLICT, "team-name-taken");
    put(
        west_id,
        json!({ "name": "Wijkteam West", "emergency_phone": "0900-1234" }),
        admin.clone(),
    )
    .await
    .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "phone-invalid");
    put(9999, json!({ "name": "Nergens" }), admin.clone())
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    let other_org_team: i64 = sqlx::query_scalar(
        "INSERT INTO teams (organisation_id, name) SELECT id, 'Elders' FROM organisations WHERE slug = 'other-org' RETURNING id",
    )
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    put(
        other_org_team,
        json!({ "name": "Overgenomen" }),
        admin.clone(),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND, "not-found");
    let (name, phone): (String, Option<String>) =
        sqlx::query_as("SELECT name, emergency_phone FROM teams WHERE id = $1")
            .bind(west_id)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(
        (name.as_str(), phone.as_deref()),
        ("Wijkteam West-Zuid", Some("+31207654321")),
        "refused changes changed nothing"
    );
    assert_eq!(log_rows(&app, "team_changed").await, 2);

    // Everyone else reads only their own team and changes nothing.
    let (_, carer) = app
        .create_staff("care_professional", Some(oost_id), "zorg")
        .await;
    let (_, lead) = app.create_staff("team_lead", Some(west_id), "lead").await;
    let all = app.get_signed_in(TEAMS, &admin).await.json();
    let names: Vec<&str> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Wijkteam Oost", "Wijkteam West-Zuid"]);
    assert_eq!(all["items"][0]["member_count"], 1);
    let own = app.get_signed_in(TEAMS, &carer).await;
    assert_eq!(own.status, StatusCode::OK);
    let own = own.json();
    assert_eq!(own["items"].as_array().unwrap().len(), 1);
    assert_eq!(own["items"][0]["id"], oost_id);
    for cookie in [&carer, &lead] {
        app.post_json(TEAMS, json!({ "name": "Eigen team" }), Some(cookie))
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
        put(oost_id, json!({ "name": "Gekaapt" }), cookie.clone())
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM teams WHERE name = 'Gekaapt'").await,
        0
    );

    // Paging: one at a time, then the rest.
    let first = app
        .get_signed_in(&format!("{TEAMS}?limit=1"), &admin)
        .await
        .json();
    assert_eq!(first["items"].as_array().unwrap().len(), 1);
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = app
        .get_signed_in(&format!("{TEAMS}?limit=1&cursor={cursor}"), &admin)
        .await
        .json();
    assert_eq!(second["items"][0]["name"], "Wijkteam West-Zuid");
    assert!(second["next_cursor"].is_null());
}

fn invitation(email: &str, role: &str, team: Option<i64>) -> Value {
    json!({
        "name": "Anna de Boer", "email": email, "mobile": "06 11223344", "role": role,
        "team_id": team, "job_title": { "nl": "Persoonlijk begeleider", "en": "" },
    })
}

#[tokio::test]
async fn an_invited_staff_member_activates_from_the_e_mail_and_works_in_their_team() {
    let app = test_app(AppOptions::default(), false).await;
    let (_, admin) = app.create_staff("organisation_admin", None, "adm").await;
    let team = create_team(&app, &admin, "Team De Wilgen", None).await["id"]
        .as_i64()
        .unwrap();

    let mut english = invitation("Anna@Example.org", "care_professional", Some(team));
    english["language"] = json!("en");
    let invited = app.post_json(MEMBERS, english, Some(&admin)).await;
    assert_eq!(invited.status, StatusCode::CREATED, "{}", body(&invited));
    let anna = invited.json();
    assert_eq!(anna["email"], "anna@example.org");
    assert_eq!(anna["status"], "invited");
    assert_eq!(anna["team"]["name"], "Team De Wilgen");
    assert_eq!(anna["job_title"]["en"], "Persoonlijk begeleider");
    assert_eq!(log_rows(&app, "staff_invited").await, 1);

    let (subject, text): (String, String) = sqlx::query_as(
        "SELECT subject, body FROM dev_outbox WHERE recipient = 'anna@example.org' AND channel = 'email'",
    )
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert!(subject.contains("Your account"), "{subject}");
    assert!(
        subject.contains("Zorg Test"),
        "the organisation's name: {subject}"
    );
    assert!(text.contains("Dear Anna de Boer"), "{text}");
    assert!(text.contains("in Team De Wilgen"), "{text}");
    assert!(text.contains("/activeren#"), "{text}");
    let summaries: Vec<String> = sqlx::query_scalar("SELECT summary FROM administration_log")
        .fetch_all(&app.state.db)
        .await
        .unwrap();
    let token = app.latest_link_token("anna@example.org").await;
    assert!(
        summaries.iter().all(|s| !s.contains(&token)),
        "no secret in the log"
    );

    // The link works: password, then the code on her mobile, and she is signed in.
    let lookup = app
        .post_json("/api/v1/activation/lookup", json!({ "token": token }), None)
        .await;
    assert_eq!(lookup.status, StatusCode::OK, "{}", body(&lookup));
    assert_eq!(lookup.json()["name"], "Anna de Boer");
    let challenge = app
        .post_json(
            "/api/v1/activation",
            json!({ "token": token, "password": "een lang nieuw wachtwoord" }),
            None,
        )
        .await;
    assert_eq!(challenge.status, StatusCode::OK, "{}", body(&challenge));
    let code = app.latest_code("+31611223344").await;
    let activated = app
        .post_json(
            "/api/v1/activation/code",
            json!({ "attempt": challenge.json()["attempt"], "code": code }),
            None,
        )
        .await;
    assert_eq!(activated.status, StatusCode::OK, "{}", body(&activated));
    let cookie = session_cookie(&activated);
    let teams = app.get_signed_in(TEAMS, &cookie).await;
    assert_eq!(teams.status, StatusCode::OK);
    assert_eq!(teams.json()["items"][0]["id"], team);
    let listed = app.get_signed_in(MEMBERS, &admin).await.json();
    let anna_now = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == "anna@example.org")
        .unwrap()
        .clone();
    assert_eq!(anna_now["status"], "active");

    // Dutch by default.
    let dutch = app
        .post_json(
            MEMBERS,
            invitation("bram@example.org", "team_lead", Some(team)),
            Some(&admin),
        )
        .await;
    assert_eq!(dutch.status, StatusCode::CREATED, "{}", body(&dutch));
    let subject: String =
        sqlx::query_scalar("SELECT subject FROM dev_outbox WHERE recipient = 'bram@example.org'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert!(subject.starts_with("Uw account"), "{subject}");
}

#[tokio::test]
async fn invitations_with_bad_details_or_by_others_are_refused_and_make_nothing() {
    let app = test_app(AppOptions::default(), false).await;
    let (_, admin) = app.create_staff("organisation_admin", None, "adm").await;
    let team = create_team(&app, &admin, "Team Rozenhof", None).await["id"]
        .as_i64()
        .unwrap();
    let (_, carer) = app
        .create_staff("care_professional", Some(team), "zorg")
        .await;
    let (_, lead) = app.create_staff("team_lead", Some(team), "lead").await;
    let client_account = app
        .create_account("client@test.example", "+31612000001")
        .await;
    assert!(client_account > 0);
    let staff_before = count(&app, "SELECT COUNT(*) FROM staff_members").await;
    let accounts_before = count(&app, "SELECT COUNT(*) FROM accounts").await;

    let mut bad_mobile = invitation("nieuw@example.org", "care_professional", Some(team));
    bad_mobile["mobile"] = json!("020 1234567");
    let mut no_title = invitation("nieuw@example.org", "care_professional", Some(team));
    no_title["job_title"] = json!({ "nl": " ", "en": "Carer" });
    for (details, status, code) in [
        (
            invitation("geen-adres", "care_professional", Some(team)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "email-invalid",
        ),
        (
            invitation("STAFF-ZORG@test.example", "care_professional", Some(team)),
            StatusCode::CONFLICT,
            "email-taken",
        ),
        (
            invitation("client@test.example", "care_professional", Some(team)),
            StatusCode::CONFLICT,
            "email-taken",
        ),
        (
            invitation("nieuw@example.org", "care_professional", None),
            StatusCode::UNPROCESSABLE_ENTITY,
            "team-required",
        ),
        (
            invitation("nieuw@example.org", "team_lead", None),
            StatusCode::UNPROCESSABLE_ENTITY,
            "team-required",
        ),
        (
            invitation("nieuw@example.org", "care_professional", Some(9999)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-body",
        ),
        (
            bad_mobile,
            StatusCode::UNPROCESSABLE_ENTITY,
            "mobile-invalid",
        ),
        (no_title, StatusCode::UNPROCESSABLE_ENTITY, "invalid-body"),
    ] {
        app.post_json(MEMBERS, details, Some(&admin))
            .await
            .assert_problem(status, code);
    }
    for cookie in [&carer, &lead] {
        app.post_json(
            MEMBERS,
            invitation("nieuw@example.org", "organisation_admin", None),
            Some(cookie),
        )
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM staff_members").await,
        staff_before
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM accounts").await,
        accounts_before
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM dev_outbox WHERE channel = 'email'"
        )
        .await,
        0
    );
    assert_eq!(log_rows(&app, "staff_invited").await, 0);

    // An organisation administrator needs no team.
    let admin_too = app
        .post_json(
            MEMBERS,
            invitation("tweede@example.org", "organisation_admin", None),
            Some(&admin),
        )
        .await;
    assert_eq!(
        admin_too.status,
        StatusCode::CREATED,
        "{}",
        body(&admin_too)
    );
    assert!(admin_too.json()["team"].is_null());
}

#[tokio::test]
async fn administrators_list_and_change_staff_and_team_leads_read_their_team() {
    let app = test_app(AppOptions::default(), false).await;
    let (admin_id, admin) = app.create_staff("organisation_admin", None, "adm").await;
    let a = create_team(&app, &admin, "Team A", None).await["id"]
        .as_i64()
        .unwrap();
    let b = create_team(&app, &admin, "Team B", None).await["id"]
        .as_i64()
        .unwrap();
    let (carer_id, carer) = app.create_staff("care_professional", Some(a), "zorg").await;
    let (_, lead) = app.create_staff("team_lead", Some(b), "lead").await;

    let everyone = app.get_signed_in(MEMBERS, &admin).await.json();
    assert_eq!(everyone["items"].as_array().unwrap().len(), 3);
    let team_a = app
        .get_signed_in(&format!("{MEMBERS}?team_id={a}"), &admin)
        .await
        .json();
    assert_eq!(team_a["items"].as_array().unwrap().len(), 1);
    assert_eq!(team_a["items"][0]["id"], carer_id);
    assert_eq!(team_a["items"][0]["status"], "active");
    // A team lead sees their own team, whatever they ask.
    let leads = app
        .get_signed_in(&format!("{MEMBERS}?team_id={a}"), &lead)
        .await;
    assert_eq!(leads.status, StatusCode::OK);
    let leads = leads.json();
    assert_eq!(leads["items"].as_array().unwrap().len(), 1);
    assert_eq!(leads["items"][0]["team"]["id"], b);
    app.get_signed_in(MEMBERS, &carer)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");

    let put = |id: i64, change: Value, cookie: String| {
        let app = &app;
        async move {
            app.call(
                Method::PUT,
                &format!("{MEMBERS}/{id}"),
                Some(change),
                Some(&cookie),
            )
            .await
        }
    };
    let title = json!({ "nl": "Teamleider", "en": "Team lead" });
    let promoted = put(
        carer_id,
        json!({ "role": "team_lead", "team_id": b, "job_title": title }),
        admin.clone(),
    )
    .await;
    assert_eq!(promoted.status, StatusCode::OK, "{}", body(&promoted));
    assert_eq!(promoted.json()["role"], "team_lead");
    assert_eq!(promoted.json()["team"]["id"], b);
    let summary: String = sqlx::query_scalar(
        "SELECT summary FROM administration_log WHERE action = 'staff_changed' AND staff_member_id = $1",
    )
    .bind(carer_id)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert!(
        summary.contains("role care_professional -> team_lead"),
        "{summary}"
    );

    put(
        carer_id,
        json!({ "role": "care_professional", "team_id": null, "job_title": title }),
        admin.clone(),
    )
    .await
    .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "team-required");
    put(
        carer_id,
        json!({ "role": "care_professional", "team_id": a, "job_title": title }),
        lead.clone(),
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    // An administrator keeps their own role; other changes to themselves are fine.
    put(
        admin_id,
        json!({ "role": "team_lead", "team_id": a, "job_title": title }),
        admin.clone(),
    )
    .await
    .assert_problem(StatusCode::CONFLICT, "own-account");
    let own = put(
        admin_id,
        json!({ "role": "organisation_admin", "team_id": null,
                "job_title": { "nl": "Applicatiebeheerder", "en": "" } }),
        admin.clone(),
    )
    .await;
    assert_eq!(own.status, StatusCode::OK, "{}", body(&own));
    put(
        424242,
        json!({ "role": "team_lead", "team_id": a, "job_title": title }),
        admin.clone(),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND, "not-found");
    let role: String = sqlx::query_scalar("SELECT role FROM staff_members WHERE id = $1")
        .bind(carer_id)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(role, "team_lead", "refused changes changed nothing");
}

#[tokio::test]
async fn an_ended_staff_account_loses_its_sessions_at_once_and_keeps_its_history() {
    let app = test_app(AppOptions::default(), false).await;
    let (admin_id, admin) = app.create_staff("organisation_admin", None, "adm").await;
    let team = create_team(&app, &admin, "Team Het Anker", None).await["id"]
        .as_i64()
        .unwrap();
    let (carer_id, carer) = app
        .create_staff("care_professional", Some(team), "zorg")
        .await;
    let (_, lead) = app.create_staff("team_lead", Some(team), "lead").await;
    // A second device.
    let second = app
        .sign_in("staff-zorg@test.example", &format!("+3168000{carer_id:04}"))
        .await;
    assert_eq!(
        app.get_signed_in(TEAMS, &carer).await.status,
        StatusCode::OK
    );

    let end = |id: i64, cookie: String| {
        let app = &app;
        async move {
            app.call(
                Method::POST,
                &format!("{MEMBERS}/{id}/end"),
                None,
                Some(&cookie),
            )
            .await
        }
    };
    end(carer_id, lead.clone())
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    end(admin_id, admin.clone())
        .await
        .assert_problem(StatusCode::CONFLICT, "own-account");
    app.assert_signed_in(&admin).await;

    let ended = end(carer_id, admin.clone()).await;
    assert_eq!(ended.status, StatusCode::OK, "{}", body(&ended));
    assert_eq!(ended.json()["status"], "ended");
    for cookie in [&carer, &second] {
        app.get_signed_in(TEAMS, cookie)
            .await
            .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
        app.assert_signed_out(cookie).await;
    }
    let refused = app
        .post_json(
            "/api/v1/auth/sign-in",
            json!({ "email": "staff-zorg@test.example", "password": crate::test_support::TEST_PASSWORD }),
            None,
        )
        .await;
    assert!(
        refused.status.is_client_error(),
        "an ended account cannot sign in: {}",
        body(&refused)
    );
    assert_ne!(refused.status, StatusCode::OK);

    // History kept: the row, its account and the log remain.
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT COUNT(*) FROM staff_members WHERE id = {carer_id} AND ended_at IS NOT NULL"
            )
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM accounts WHERE staff_member_id = {carer_id} AND status = 'ended'")
        )
        .await,
        1
    );
    assert_eq!(log_rows(&app, "staff_ended").await, 1);
    end(carer_id, admin.clone())
        .await
        .assert_problem(StatusCode::CONFLICT, "staff-member-ended");
    app.call(
        Method::PUT,
        &format!("{MEMBERS}/{carer_id}"),
        Some(
            json!({ "role": "team_lead", "team_id": team, "job_title": { "nl": "x", "en": "x" } }),
        ),
        Some(&admin),
    )
    .await
    .assert_problem(StatusCode::CONFLICT, "staff-member-ended");
    // The team counts only who is still there.
    let teams = app.get_signed_in(TEAMS, &admin).await.json();
    assert_eq!(teams["items"][0]["member_count"], 1);
    assert_eq!(log_rows(&app, "staff_ended").await, 1);
}
