//! The CSV import over HTTP: a check writes nothing, an import creates, a second
//! import of the same file changes nothing and sends nothing, one bad line refuses the
//! whole file, only organisation administrators may import, and files that are too
//! large or not CSV get their own problems.

use axum::body::Body;
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::app::AppOptions;
use crate::test_support::{TestApp, TestResponse};

const CLIENTS: &str = "/api/v1/staff/import/clients";
const STAFF: &str = "/api/v1/staff/import/staff";

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

/// Sends a file as the app does.
async fn send_file(
    app: &TestApp,
    path: &str,
    dry_run: bool,
    file: impl Into<Vec<u8>>,
    cookie: &str,
) -> TestResponse {
    app.send(
        app.app_request(
            Method::POST,
            &format!("{path}?dry_run={dry_run}"),
            Some(cookie),
        )
        .header("content-type", "text/csv; charset=utf-8")
        .body(Body::from(file.into()))
        .unwrap(),
    )
    .await
}

/// Sends a file and expects a report.
async fn import(app: &TestApp, path: &str, dry_run: bool, file: &str, cookie: &str) -> Value {
    let response = send_file(app, path, dry_run, file, cookie).await;
    assert_eq!(
        response.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    response.json()
}

/// Each line's outcome kind, in order.
fn kinds(report: &Value) -> Vec<String> {
    report["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|line| line["outcome"]["kind"].as_str().unwrap().to_owned())
        .collect()
}

async fn team(app: &TestApp, cookie: &str, name: &str) -> i64 {
    let response = app
        .post_json("/api/v1/staff/teams", json!({ "name": name }), Some(cookie))
        .await;
    assert_eq!(response.status, StatusCode::CREATED);
    response.json()["id"].as_i64().unwrap()
}

const STAFF_FILE: &str = "name,e-mail,mobile,role,team,job title\n\
    Anna Jansen,Anna@Zorg.example,06 12345678,care professional,Wijkteam Oost,Persoonlijk begeleider\n\
    Bram de Boer,bram@zorg.example,0612345679,teamleider,wijkteam west,\n";

#[tokio::test]
async fn staff_are_checked_then_invited_once_and_a_bad_line_stops_the_whole_file() {
    let app = crate::test_support::test_app(AppOptions::default(), false).await;
    let (admin_id, admin) = app.create_staff("organisation_admin", None, "adm").await;
    let oost = team(&app, &admin, "Wijkteam Oost").await;
    team(&app, &admin, "Wijkteam West").await;
    let staff_before = count(&app, "SELECT COUNT(*) FROM staff_members").await;
    let mail_before = count(&app, "SELECT COUNT(*) FROM dev_outbox").await;

    // The check says what would happen and changes nothing.
    let check = import(&app, STAFF, true, STAFF_FILE, &admin).await;
    assert_eq!(kinds(&check), ["create", "create"]);
    assert_eq!(check["dry_run"], true);
    assert_eq!(check["imported"], false);
    assert_eq!(check["lines"][0]["line"], 2);
    assert_eq!(check["lines"][0]["key"], "Anna@Zorg.example");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM staff_members").await,
        staff_before
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM dev_outbox").await,
        mail_before
    );

    // The import invites both, as the invitation form does.
    let done = import(&app, STAFF, false, STAFF_FILE, &admin).await;
    assert_eq!(done["imported"], true);
    assert_eq!(
        done["totals"],
        json!({ "create": 2, "change": 0, "unchanged": 0, "refused": 0 })
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM staff_members").await,
        staff_before + 2
    );
    let (role, team_id, title): (String, Option<i64>, String) = sqlx::query_as(
        "SELECT role, team_id, job_title_nl FROM staff_members WHERE email = 'anna@zorg.example'",
    )
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(
        (role.as_str(), team_id, title.as_str()),
        ("care_professional", Some(oost), "Persoonlijk begeleider")
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM accounts WHERE email = 'bram@zorg.example' AND status = 'pending'").await,
        1
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM dev_outbox").await,
        mail_before + 2
    );
    let link = app.latest_link_token("anna@zorg.example").await;
    assert!(!link.is_empty());
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM administration_log WHERE action = 'staff_invited'"
        )
        .await,
        2
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM administration_log WHERE action = 'staff_imported'"
        )
        .await,
        1
    );

    // The same file again: every line unchanged, nothing written, no e-mail.
    let again = import(&app, STAFF, false, STAFF_FILE, &admin).await;
    assert_eq!(kinds(&again), ["unchanged", "unchanged"]);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM dev_outbox").await,
        mail_before + 2
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM administration_log WHERE action LIKE 'staff_%'"
        )
        .await,
        3
    );

    // A changed role is a change of that column only.
    let changed_file = STAFF_FILE.replace("teamleider", "begeleider");
    let changed = import(&app, STAFF, false, &changed_file, &admin).await;
    assert_eq!(
        changed["lines"][1]["outcome"],
        json!({ "kind": "change", "fields": ["role"] })
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM staff_members WHERE email = 'bram@zorg.example' AND role = 'care_professional'").await,
        1
    );

    // One refused line: nothing of the file is imported, and the answer says why.
    let bad = format!(
        "{changed_file}Cor Dekker,cor@zorg.example,0612345670,directeur,Wijkteam Oost,\n\
         Dirk,anna@zorg.example,0612345671,begeleider,Wijkteam Oost,\n\
         Eva,eva@zorg.example,0612,begeleider,Wijkteam Oost,\n\
         Fien,fien@zorg.example,0612345672,begeleider,,\n\
         Gert,staff-adm@test.example,0612345673,begeleider,Wijkteam Oost,\n\
         Hans,hans@zorg.example,0612345674,begeleider,Wijkteam Noord,\n\
         Ilse,ilse@zorg.example,0612345675,beheerder,,\n"
    );
    let refused = import(&app, STAFF, false, &bad, &admin).await;
    assert_eq!(refused["imported"], false);
    assert_eq!(
        kinds(&refused),
        [
            "unchanged",
            "unchanged",
            "refused",
            "refused",
            "refused",
            "refused",
            "refused",
            "refused",
            "create"
        ]
    );
    let problems: Vec<(String, String)> = refused["lines"].as_array().unwrap()[2..8]
        .iter()
        .map(|line| {
            let problem = &line["outcome"]["problem"];
            (
                problem["code"].as_str().unwrap().to_owned(),
                problem["field"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        problems,
        [
            ("role-unknown", "role"),
            ("import-duplicate-line", "email"),
            ("mobile-invalid", "mobile"),
            ("team-required", "team"),
            ("own-account", "role"),
            ("team-unknown", "team"),
        ]
        .map(|(code, field)| (code.to_owned(), field.to_owned()))
    );
    assert_eq!(
        refused["lines"][2]["outcome"]["problem"]["title"],
        "Deze rol bestaat niet"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM staff_members WHERE email = 'ilse@zorg.example'"
        )
        .await,
        0
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM dev_outbox").await,
        mail_before + 2
    );
    let _ = admin_id;
}

#[tokio::test]
async fn clients_from_a_dutch_spreadsheet_are_registered_once_and_a_bad_line_changes_nothing() {
    let app = crate::test_support::test_app(AppOptions::default(), false).await;
    let (_, admin) = app.create_staff("organisation_admin", None, "adm").await;
    let oost = team(&app, &admin, "Wijkteam Oost").await;
    let (counsellor, _) = app
        .create_staff("care_professional", Some(oost), "pb")
        .await;
    // Semicolons, a byte order mark, Dutch column names and days as DD-MM-YYYY.
    let file = "\u{feff}Cliëntnummer;Voornaam;Achternaam;Geboortedatum;Team;Persoonlijk begeleider;Start zorg;Einde zorg\r\n\
        K-100;Anna;de Vries;03-02-1950;Wijkteam Oost;staff-pb@test.example;01-01-2020;\r\n\
        K-101;Bert;Jansen;1960-12-31;wijkteam oost;;2021-06-01;31-12-2025\r\n";
    let clients_before = count(&app, "SELECT COUNT(*) FROM clients").await;
    let log_before = count(&app, "SELECT COUNT(*) FROM access_log").await;

    let check = import(&app, CLIENTS, true, file, &admin).await;
    assert_eq!(kinds(&check), ["create", "create"]);
    assert_eq!(check["kind"], "clients");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM clients").await,
        clients_before
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM access_log").await,
        log_before
    );

    let done = import(&app, CLIENTS, false, file, &admin).await;
    assert_eq!(done["imported"], true);
    let (family, born, team_id, pb): (String, chrono::NaiveDate, Option<i64>, Option<i64>) =
        sqlx::query_as(
            "SELECT family_name, date_of_birth, team_id, personal_counsellor_id FROM clients WHERE client_number = 'K-100'",
        )
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(
        (family.as_str(), born, team_id, pb),
        (
            "de Vries",
            crate::test_support::date("1950-02-03"),
            Some(oost),
            Some(counsellor)
        )
    );
    let end: Option<chrono::NaiveDate> =
        sqlx::query_scalar("SELECT care_relation_end FROM clients WHERE client_number = 'K-101'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(end, Some(crate::test_support::date("2025-12-31")));
    // Two registrations and one end of care in the clients' access logs.
    let log_after = count(&app, "SELECT COUNT(*) FROM access_log").await;
    assert_eq!(log_after, log_before + 3);

    // Again: all unchanged, nothing written.
    let again = import(&app, CLIENTS, false, file, &admin).await;
    assert_eq!(kinds(&again), ["unchanged", "unchanged"]);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM access_log").await,
        log_after
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM administration_log WHERE action = 'clients_imported'"
        )
        .await,
        1
    );

    // A change and bad lines: the check names them, the import writes nothing.
    let bad = "client number,first name,family name,date of birth,team,start of care,end of care\n\
        K-100,Anna,Bakker,1950-02-03,Wijkteam Oost,2020-01-01,\n\
        K-102,Cas,Smit,1970-01-01,Wijkteam Noord,2020-01-01,\n\
        K-103,Dora,Smit,31-02-1970,Wijkteam Oost,2020-01-01,\n\
        K-104,Eef,Smit,1970-01-01,Wijkteam Oost,2020-01-01,2019-01-01\n\
        K-100,Anna,Bakker,1950-02-03,Wijkteam Oost,2020-01-01,\n\
        K-105,,Smit,1970-01-01,Wijkteam Oost,2020-01-01,\n";
    let response = app
        .send(
            app.app_request(
                Method::POST,
                &format!("{CLIENTS}?dry_run=false"),
                Some(&admin),
            )
            .header("content-type", "text/csv")
            .header("accept-language", "en")
            .body(Body::from(bad))
            .unwrap(),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK);
    let refused = response.json();
    assert_eq!(refused["imported"], false);
    assert_eq!(
        refused["lines"][0]["outcome"],
        json!({ "kind": "change", "fields": ["family_name", "personal_counsellor"] })
    );
    let codes: Vec<&str> = refused["lines"].as_array().unwrap()[1..]
        .iter()
        .map(|line| line["outcome"]["problem"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "team-unknown",
            "date-of-birth-invalid",
            "care-end-invalid",
            "import-duplicate-line",
            "client-name-invalid"
        ]
    );
    assert_eq!(
        refused["lines"][1]["outcome"]["problem"]["title"],
        "This team does not exist"
    );
    assert_eq!(
        refused["lines"][5]["outcome"]["problem"]["field"],
        "first_name"
    );
    let family: String =
        sqlx::query_scalar("SELECT family_name FROM clients WHERE client_number = 'K-100'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(family, "de Vries");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM clients").await,
        clients_before + 2
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM access_log").await,
        log_after
    );
}

#[tokio::test]
async fn only_organisation_administrators_import_and_wrong_files_get_clear_problems() {
    let app = crate::test_support::test_app(AppOptions::default(), false).await;
    let (_, admin) = app.create_staff("organisation_admin", None, "adm").await;
    let oost = team(&app, &admin, "Wijkteam Oost").await;
    let (_, carer) = app
        .create_staff("care_professional", Some(oost), "cp")
        .await;
    let (_, lead) = app.create_staff("team_lead", Some(oost), "tl").await;
    for cookie in [&carer, &lead] {
        for path in [CLIENTS, STAFF] {
            send_file(&app, path, true, STAFF_FILE, cookie)
                .await
                .assert_problem(StatusCode::FORBIDDEN, "forbidden");
        }
    }
    let anonymous = app
        .send(
            app.app_request(Method::POST, &format!("{STAFF}?dry_run=true"), None)
                .header("content-type", "text/csv")
                .body(Body::from(STAFF_FILE))
                .unwrap(),
        )
        .await;
    anonymous.assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");

    // Over 2 MiB: refused by its declared length, and while read without one.
    let huge = format!("{STAFF_FILE}{}", "x".repeat(2 * 1024 * 1024));
    let declared = app
        .send(
            app.app_request(Method::POST, &format!("{STAFF}?dry_run=true"), Some(&admin))
                .header("content-type", "text/csv")
                .header("content-length", huge.len())
                .body(Body::from(huge.clone()))
                .unwrap(),
        )
        .await;
    let problem = declared.assert_problem(StatusCode::PAYLOAD_TOO_LARGE, "body-too-large");
    assert!(
        problem["detail"].as_str().unwrap().contains("2 MB"),
        "{problem}"
    );
    let problem = send_file(&app, STAFF, true, huge, &admin)
        .await
        .assert_problem(StatusCode::PAYLOAD_TOO_LARGE, "body-too-large");
    assert!(
        problem["detail"].as_str().unwrap().contains("2 MB"),
        "{problem}"
    );

    // A picture with a CSV name, a file without the columns, an empty file.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    send_file(&app, STAFF, true, png, &admin)
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "import-not-csv");
    let problem = send_file(&app, CLIENTS, true, STAFF_FILE, &admin)
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "import-columns-missing");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("cliëntnummer / client number"),
        "{problem}"
    );
    send_file(&app, STAFF, true, "naam;e-mail;mobiel;rol;team\n", &admin)
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "import-empty");
    // Not sent as CSV, or without saying whether to import.
    let json = app
        .post_json(
            &format!("{STAFF}?dry_run=true"),
            json!({ "file": STAFF_FILE }),
            Some(&admin),
        )
        .await;
    json.assert_problem(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type");
    let no_query = app
        .send(
            app.app_request(Method::POST, STAFF, Some(&admin))
                .header("content-type", "text/csv")
                .body(Body::from(STAFF_FILE))
                .unwrap(),
        )
        .await;
    no_query.assert_problem(StatusCode::BAD_REQUEST, "invalid-parameter");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM staff_members WHERE email LIKE '%zorg.example'"
        )
        .await,
        0
    );
}
