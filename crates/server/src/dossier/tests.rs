//! The dossier through HTTP: who may read what, what never leaves the server, what the
//! access log records, and correction requests with their due dates.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, StatusCode};
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use crate::access_log::{self, Verification};
use crate::app::AppOptions;
use crate::test_support::{date, request, test_app, test_now, TestApp, TestPortal};

/// A client with a two-version care plan and reports (visible, shielded, not released),
/// and a second client with a report of their own.
struct Dossier {
    app: TestApp,
    portal: TestPortal,
    admin: String,
    counsellor_id: i64,
    plan_id: i64,
    old_plan_id: i64,
    goal_id: i64,
    visible_report: i64,
    shielded_report: i64,
    unreleased_report: i64,
    other: TestPortal,
    other_admin: String,
    other_report: i64,
    other_plan_id: i64,
}

pub(crate) async fn staff_member(app: &TestApp, name: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO staff_members (organisation_id, name, job_title_nl, job_title_en, role, email, created_at) \
         VALUES ($1, $2, 'Persoonlijk begeleider', 'Personal counsellor', 'care_professional', 'pb@test.example', $3) \
         RETURNING id",
    )
    .bind(app.state.organisation_id)
    .bind(name)
    .bind(test_now())
    .fetch_one(&app.state.db)
    .await
    .unwrap()
}

/// A plan with one domain ("living"), one goal and one agreed action; returns (plan, goal).
pub(crate) async fn care_plan(
    app: &TestApp,
    client_id: i64,
    start: &str,
    end: Option<&str>,
    goal: &str,
) -> (i64, i64) {
    let db = &app.state.db;
    let plan: i64 = sqlx::query_scalar(
        "INSERT INTO care_plans (client_id, period_start, period_end, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(client_id)
    .bind(date(start))
    .bind(end.map(date))
    .bind(test_now())
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
    let goal_id: i64 = sqlx::query_scalar(
        "INSERT INTO care_plan_goals (domain_id, text, status, start_date, evaluation_date, position) \
         VALUES ($1, $2, 'active', $3, '2026-09-01', 1) RETURNING id",
    )
    .bind(domain)
    .bind(goal)
    .bind(date(start))
    .fetch_one(db)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO care_plan_actions (goal_id, what, who, how_often, position) \
         VALUES ($1, 'Samen boodschappen doen', 'Begeleider', 'Elke week', 1)",
    )
    .bind(goal_id)
    .execute(db)
    .await
    .unwrap();
    (plan, goal_id)
}

/// How the organisation set a report for the portal.
#[derive(Clone, Copy)]
pub(crate) enum Shown {
    Visible,
    Shielded,
    Unreleased,
}

pub(crate) async fn report(
    app: &TestApp,
    client_id: i64,
    author: i64,
    at: DateTime<Utc>,
    category: &str,
    body: &str,
    shown: Shown,
) -> i64 {
    let (released, shielded) = match shown {
        Shown::Visible => (true, false),
        Shown::Shielded => (true, true),
        Shown::Unreleased => (false, false),
    };
    sqlx::query_scalar(
        "INSERT INTO reports (client_id, author_id, written_at, category, body, released_to_portal, shielded) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(client_id)
    .bind(author)
    .bind(at)
    .bind(category)
    .bind(body)
    .bind(released)
    .bind(shielded)
    .fetch_one(&app.state.db)
    .await
    .unwrap()
}

async fn signed_in_with_terms(app: &TestApp, email: &str, mobile: &str) -> String {
    let cookie = app.sign_in(email, mobile).await;
    app.accept_current_terms(&cookie).await;
    cookie
}

async fn set_rights(
    app: &TestApp,
    client_id: i64,
    account_id: i64,
    care_plan: bool,
    reports: bool,
) {
    sqlx::query(
        "UPDATE portal_access SET can_view_care_plan = $1, can_view_reports = $2 WHERE client_id = $3 AND account_id = $4",
    )
    .bind(care_plan)
    .bind(reports)
    .bind(client_id)
    .bind(account_id)
    .execute(&app.state.db)
    .await
    .unwrap();
}

async fn dossier() -> Dossier {
    let app = test_app(AppOptions::default(), true).await;
    let portal = app.create_portal("d").await;
    let other = app.create_portal("o").await;
    let counsellor_id = staff_member(&app, "J. Bakker").await;
    sqlx::query("UPDATE clients SET personal_counsellor_id = $1 WHERE id = $2")
        .bind(counsellor_id)
        .bind(portal.client_id)
        .execute(&app.state.db)
        .await
        .unwrap();
    let (old_plan_id, _) = care_plan(
        &app,
        portal.client_id,
        "2024-01-01",
        Some("2025-06-30"),
        "Ik woon op mezelf",
    )
    .await;
    let (plan_id, goal_id) = care_plan(
        &app,
        portal.client_id,
        "2025-07-01",
        None,
        "Ik kook twee keer per week zelf",
    )
    .await;
    let (other_plan_id, _) =
        care_plan(&app, other.client_id, "2025-01-01", None, "Ander doel").await;
    let day = test_now() - Duration::days(3);
    let visible_report = report(
        &app,
        portal.client_id,
        counsellor_id,
        day,
        "living",
        "Vandaag samen de kamer opgeruimd.",
        Shown::Visible,
    )
    .await;
    let shielded_report = report(
        &app,
        portal.client_id,
        counsellor_id,
        day + Duration::hours(1),
        "health",
        "Afgeschermd geheimwoord over medicatie.",
        Shown::Shielded,
    )
    .await;
    let unreleased_report = report(
        &app,
        portal.client_id,
        counsellor_id,
        day + Duration::hours(2),
        "health",
        "Nietvrijgegeven notitie over medicatie.",
        Shown::Unreleased,
    )
    .await;
    let other_report = report(
        &app,
        other.client_id,
        counsellor_id,
        day,
        "living",
        "Verslag van een andere cliënt.",
        Shown::Visible,
    )
    .await;
    let admin = signed_in_with_terms(&app, &portal.admin_email, &portal.admin_mobile).await;
    let other_admin = signed_in_with_terms(&app, &other.admin_email, &other.admin_mobile).await;
    Dossier {
        app,
        portal,
        admin,
        counsellor_id,
        plan_id,
        old_plan_id,
        goal_id,
        visible_report,
        shielded_report,
        unreleased_report,
        other,
        other_admin,
        other_report,
        other_plan_id,
    }
}

impl Dossier {
    /// Signs the administrator in again (after the test clock moved past the session).
    async fn admin_again(&self) -> String {
        self.app
            .sign_in(&self.portal.admin_email, &self.portal.admin_mobile)
            .await
    }
}

fn base(client_id: i64) -> String {
    format!("/api/v1/portals/{client_id}")
}

/// Every dossier endpoint for a client: (method, path, whether it is an item, which
/// right opens it: "care_plan", "reports" or "administrator").
fn endpoints(d: &Dossier) -> Vec<(Method, String, bool, &'static str)> {
    let b = base(d.portal.client_id);
    vec![
        (Method::GET, format!("{b}/care-plan"), false, "care_plan"),
        (
            Method::GET,
            format!("{b}/care-plans/{}", d.old_plan_id),
            true,
            "care_plan",
        ),
        (Method::GET, format!("{b}/reports"), false, "reports"),
        (
            Method::GET,
            format!("{b}/reports?q=kamer"),
            false,
            "reports",
        ),
        (
            Method::GET,
            format!("{b}/reports/{}", d.visible_report),
            true,
            "reports",
        ),
        (
            Method::GET,
            format!("{b}/correction-requests"),
            false,
            "administrator",
        ),
        (
            Method::POST,
            format!("{b}/correction-requests"),
            false,
            "administrator",
        ),
        (
            Method::GET,
            format!("{b}/access-log"),
            false,
            "administrator",
        ),
    ]
}

fn correction_body() -> Value {
    json!({ "kind": "correct", "target": { "type": "general" }, "text": "Mijn adres klopt niet." })
}

async fn call(
    app: &TestApp,
    method: &Method,
    path: &str,
    cookie: Option<&str>,
) -> crate::test_support::TestResponse {
    if *method == Method::POST {
        app.post_json(path, correction_body(), cookie).await
    } else {
        let mut builder = request(Method::GET, path);
        if let Some(cookie) = cookie {
            builder = builder.header("cookie", cookie);
        }
        app.send(builder.body(Body::empty()).unwrap()).await
    }
}

async fn correction_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM correction_requests")
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

/// A refusal says nothing about the data: no items, counts, or report text.
fn assert_reveals_nothing(response: &crate::test_support::TestResponse) {
    let body = String::from_utf8_lossy(&response.body);
    for secret in ["kamer", "medicatie", "items", "next_cursor", "boodschappen"] {
        assert!(
            !body.contains(secret),
            "a refusal leaked {secret:?}: {body}"
        );
    }
}

#[tokio::test]
async fn every_dossier_endpoint_follows_the_rights_of_every_role() {
    let d = dossier().await;
    let app = &d.app;
    let contact = &d.portal;

    // The administrator may do everything.
    for (method, path, _, _) in endpoints(&d) {
        let response = call(app, &method, &path, Some(&d.admin)).await;
        let expected = if method == Method::POST {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        };
        assert_eq!(
            response.status,
            expected,
            "{method} {path}: {}",
            String::from_utf8_lossy(&response.body)
        );
    }

    // A contact gets exactly what their rights open: a section without the right is
    // 403, an item without it 404; the administrator's sections stay closed.
    let contact_cookie =
        signed_in_with_terms(app, &contact.contact_email, &contact.contact_mobile).await;
    for (care_plan_right, reports_right) in
        [(false, false), (true, false), (false, true), (true, true)]
    {
        set_rights(
            app,
            contact.client_id,
            contact.contact_account,
            care_plan_right,
            reports_right,
        )
        .await;
        for (method, path, item, needs) in endpoints(&d) {
            let before = correction_count(app).await;
            let response = call(app, &method, &path, Some(&contact_cookie)).await;
            let allowed = match needs {
                "care_plan" => care_plan_right,
                "reports" => reports_right,
                _ => false,
            };
            let label = format!(
                "{method} {path} with care plan {care_plan_right}, reports {reports_right}"
            );
            if allowed {
                assert_eq!(response.status, StatusCode::OK, "{label}");
            } else if item {
                response.assert_problem(StatusCode::NOT_FOUND, "not-found");
                assert_reveals_nothing(&response);
            } else {
                response.assert_problem(StatusCode::FORBIDDEN, "forbidden");
                assert_reveals_nothing(&response);
            }
            assert_eq!(
                correction_count(app).await,
                before,
                "{label} changed nothing"
            );
        }
    }

    // Another client's administrator: this client does not exist for them.
    for (method, path, _, _) in endpoints(&d) {
        let response = call(app, &method, &path, Some(&d.other_admin)).await;
        response.assert_problem(StatusCode::NOT_FOUND, "not-found");
        assert_reveals_nothing(&response);
    }

    // Without signing in: nothing.
    for (method, path, _, _) in endpoints(&d) {
        let response = call(app, &method, &path, None).await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED, "{method} {path}");
        assert_reveals_nothing(&response);
    }

    // Care ended longer ago than the grace period: access has ended, for everyone.
    sqlx::query("UPDATE clients SET care_relation_end = $1 WHERE id = $2")
        .bind(date("2026-02-01"))
        .bind(contact.client_id)
        .execute(&app.state.db)
        .await
        .unwrap();
    for cookie in [&d.admin, &contact_cookie] {
        for (method, path, _, _) in endpoints(&d) {
            let response = call(app, &method, &path, Some(cookie)).await;
            response.assert_problem(StatusCode::FORBIDDEN, "access-ended");
            assert_reveals_nothing(&response);
        }
    }
    assert_eq!(
        correction_count(app).await,
        1,
        "only the administrator's first request was filed"
    );
}

#[tokio::test]
async fn ids_of_another_client_behave_as_if_they_do_not_exist() {
    let d = dossier().await;
    let b = base(d.portal.client_id);
    for path in [
        format!("{b}/reports/{}", d.other_report),
        format!("{b}/care-plans/{}", d.other_plan_id),
        format!("{b}/reports/999999"),
        format!("{b}/care-plans/999999"),
    ] {
        d.app
            .get_signed_in(&path, &d.admin)
            .await
            .assert_problem(StatusCode::NOT_FOUND, "not-found");
    }
    for target in [
        json!({ "type": "report", "id": d.other_report }),
        json!({ "type": "goal", "id": 999999 }),
    ] {
        let response = d
            .app
            .post_json(
                &format!("{b}/correction-requests"),
                json!({ "kind": "remove", "target": target, "text": "Weg ermee." }),
                Some(&d.admin),
            )
            .await;
        response.assert_problem(StatusCode::NOT_FOUND, "not-found");
    }
    assert_eq!(correction_count(&d.app).await, 0);
    // The other client's own administrator still reads their report.
    let own = d
        .app
        .get_signed_in(
            &format!("{}/reports/{}", base(d.other.client_id), d.other_report),
            &d.other_admin,
        )
        .await;
    assert_eq!(own.status, StatusCode::OK);
}

#[tokio::test]
async fn the_care_plan_shows_domains_goals_actions_versions_and_the_counsellor() {
    let d = dossier().await;
    let b = base(d.portal.client_id);
    let plan = d
        .app
        .get_signed_in(&format!("{b}/care-plan"), &d.admin)
        .await;
    assert_eq!(plan.status, StatusCode::OK);
    let plan = plan.json();
    assert_eq!(plan["id"], d.plan_id);
    assert_eq!(plan["current"], true);
    assert_eq!(plan["period_start"], "2025-07-01");
    assert_eq!(plan["domains"][0]["domain"], "living");
    let goal = &plan["domains"][0]["goals"][0];
    assert_eq!(goal["id"], d.goal_id);
    assert_eq!(goal["text"], "Ik kook twee keer per week zelf");
    assert_eq!(goal["status"], "active");
    assert_eq!(goal["evaluation_date"], "2026-09-01");
    assert_eq!(goal["actions"][0]["how_often"], "Elke week");
    assert_eq!(plan["counsellor"]["name"], "J. Bakker");
    assert_eq!(plan["counsellor"]["job_title"]["en"], "Personal counsellor");
    let versions: Vec<i64> = plan["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_i64().unwrap())
        .collect();
    assert_eq!(versions, vec![d.plan_id, d.old_plan_id], "newest first");

    let old = d
        .app
        .get_signed_in(&format!("{b}/care-plans/{}", d.old_plan_id), &d.admin)
        .await
        .json();
    assert_eq!(old["current"], false);
    assert_eq!(old["period_end"], "2025-06-30");
    assert_eq!(old["domains"][0]["goals"][0]["text"], "Ik woon op mezelf");

    // A malformed id is a clear error, not a crash.
    d.app
        .get_signed_in(&format!("{b}/care-plans/twee"), &d.admin)
        .await
        .assert_problem(StatusCode::BAD_REQUEST, "invalid-parameter");
}

fn report_ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn shielded_and_unreleased_reports_never_leave_the_server() {
    let d = dossier().await;
    let b = base(d.portal.client_id);
    let list = d
        .app
        .get_signed_in(&format!("{b}/reports"), &d.admin)
        .await
        .json();
    assert_eq!(report_ids(&list), vec![d.visible_report]);
    for hidden in [d.shielded_report, d.unreleased_report] {
        d.app
            .get_signed_in(&format!("{b}/reports/{hidden}"), &d.admin)
            .await
            .assert_problem(StatusCode::NOT_FOUND, "not-found");
        let response = d
            .app
            .post_json(
                &format!("{b}/correction-requests"),
                json!({ "kind": "shield", "target": { "type": "report", "id": hidden }, "text": "Graag afschermen." }),
                Some(&d.admin),
            )
            .await;
        response.assert_problem(StatusCode::NOT_FOUND, "not-found");
    }
    // Searching for words only hidden reports contain finds nothing, and the answer
    // looks exactly like a search for a word that occurs nowhere.
    let nowhere = d
        .app
        .get_signed_in(&format!("{b}/reports?q=zzzonbekend"), &d.admin)
        .await
        .json();
    for word in ["geheimwoord", "nietvrijgegeven", "medicatie"] {
        let found = d
            .app
            .get_signed_in(&format!("{b}/reports?q={word}"), &d.admin)
            .await;
        assert_eq!(found.status, StatusCode::OK);
        assert_eq!(found.json(), nowhere, "search for {word}");
    }
    // Within a category that only has hidden reports: nothing either.
    let health = d
        .app
        .get_signed_in(&format!("{b}/reports?category=health"), &d.admin)
        .await
        .json();
    assert_eq!(report_ids(&health), Vec::<i64>::new());
}

#[tokio::test]
async fn reports_filter_by_category_and_period_search_and_page_with_a_cursor() {
    let d = dossier().await;
    let app = &d.app;
    let b = base(d.portal.client_id);
    let start = test_now() - Duration::days(40);
    let mut made = vec![d.visible_report];
    for i in 0..25 {
        let category = if i % 2 == 0 {
            "daytime_activities"
        } else {
            "finances"
        };
        let body = if i == 7 {
            "Bij de fietsenmaker gewerkt, heel trots."
        } else {
            "Een gewone dag."
        };
        // Two reports share each moment: the cursor must still keep them apart.
        let at = start + Duration::days(i / 2);
        made.push(
            report(
                app,
                d.portal.client_id,
                d.counsellor_id,
                at,
                category,
                body,
                Shown::Visible,
            )
            .await,
        );
    }

    // Paging: every visible report exactly once, newest first.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("{b}/reports?limit=10&cursor={c}"),
            None => format!("{b}/reports?limit=10"),
        };
        let page = app.get_signed_in(&path, &d.admin).await.json();
        seen.extend(report_ids(&page));
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    let mut expected = made.clone();
    expected.sort_unstable();
    let mut sorted = seen.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, expected, "each report once");
    assert_eq!(seen.len(), 26);
    assert_eq!(seen[0], d.visible_report, "newest first");

    // Category.
    let work = app
        .get_signed_in(
            &format!("{b}/reports?category=daytime_activities&limit=100"),
            &d.admin,
        )
        .await
        .json();
    assert_eq!(report_ids(&work).len(), 13);
    assert!(work["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["category"] == "daytime_activities"));

    // Period: from and to are whole days, both included.
    let from = (start + Duration::days(2)).date_naive();
    let to = (start + Duration::days(3)).date_naive();
    let period = app
        .get_signed_in(&format!("{b}/reports?from={from}&to={to}"), &d.admin)
        .await
        .json();
    assert_eq!(report_ids(&period).len(), 4);

    // Search: prefixes, any case, diacritics ignored.
    for q in ["fietsenmaker", "FIETS", "fiets%20trots", "tróts"] {
        let found = app
            .get_signed_in(&format!("{b}/reports?q={q}"), &d.admin)
            .await
            .json();
        assert_eq!(report_ids(&found), vec![made[8]], "search {q}");
    }
    // Search together with a category that does not match: nothing.
    let none = app
        .get_signed_in(
            &format!("{b}/reports?q=fietsenmaker&category=daytime_activities"),
            &d.admin,
        )
        .await
        .json();
    assert!(report_ids(&none).is_empty());
    // Search syntax is not passed on: quotes and operators are just words.
    let odd = app
        .get_signed_in(&format!("{b}/reports?q=%22fiets%22%20OR%20*"), &d.admin)
        .await;
    assert_eq!(odd.status, StatusCode::OK);

    // Bad parameters: a clear error in Dutch.
    for bad in [
        "category=sport",
        "from=gisteren",
        "to=2026-13-01",
        "to=",
        "cursor=abc",
        // base64url of "c1:5" (a position in a list by id) and of "r1:…:3" (the
        // report cursor before cursors had one codec).
        "cursor=YzE6NQ",
        "cursor=cjE6MTcwMDAwMDAwMDAwMDAwMDoz",
        "limit=0",
        "limit=5000",
        "sort=asc",
    ] {
        let response = app
            .get_signed_in(&format!("{b}/reports?{bad}"), &d.admin)
            .await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(response.json()["title"]
            .as_str()
            .is_some_and(|t| !t.is_empty()));
    }
}

#[tokio::test]
async fn reports_written_since_the_last_visit_are_marked_new() {
    let d = dossier().await;
    let app = &d.app;
    let path = format!("{}/reports", base(d.portal.client_id));
    let first = app.get_signed_in(&path, &d.admin).await.json();
    assert_eq!(
        first["items"][0]["new"], false,
        "nothing is new on a first visit"
    );

    app.advance(Duration::hours(2));
    let fresh = report(
        app,
        d.portal.client_id,
        d.counsellor_id,
        app.state.clock.now(),
        "living",
        "Nieuw verslag.",
        Shown::Visible,
    )
    .await;
    app.advance(Duration::hours(1));
    let admin = d.admin_again().await;
    let second = app.get_signed_in(&path, &admin).await.json();
    assert_eq!(second["items"][0]["id"], fresh);
    assert_eq!(second["items"][0]["new"], true);
    assert_eq!(second["items"][1]["new"], false);
    assert_eq!(second["counsellor"]["name"], "J. Bakker");

    // Coming back within the same visit keeps the marks; the next visit clears them.
    app.advance(Duration::minutes(10));
    let again = app.get_signed_in(&path, &admin).await.json();
    assert_eq!(again["items"][0]["new"], true);
    app.advance(Duration::hours(3));
    let admin = d.admin_again().await;
    let later = app.get_signed_in(&path, &admin).await.json();
    assert_eq!(later["items"][0]["new"], false);
}

async fn log_rows(
    app: &TestApp,
    client_id: i64,
) -> Vec<(Option<i64>, String, String, String, Option<String>, String)> {
    sqlx::query_as(
        "SELECT actor_account_id, actor_role, section, action, item, outcome FROM access_log \
         WHERE client_id = $1 ORDER BY id",
    )
    .bind(client_id)
    .fetch_all(&app.state.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn reads_searches_and_refusals_are_logged_with_who_what_and_where_from() {
    let d = dossier().await;
    let app = &d.app;
    let client = d.portal.client_id;
    let b = base(client);
    let from_address = |path: &str, cookie: &str| {
        let mut req = request(Method::GET, path)
            .header("cookie", cookie)
            .body(Body::empty())
            .unwrap();
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([192, 0, 2, 7], 40000))));
        req
    };
    app.send(from_address(&format!("{b}/care-plan"), &d.admin))
        .await;
    app.send(from_address(&format!("{b}/reports"), &d.admin))
        .await;
    app.send(from_address(&format!("{b}/reports?q=kamer"), &d.admin))
        .await;
    app.send(from_address(
        &format!("{b}/reports/{}", d.visible_report),
        &d.admin,
    ))
    .await;
    let contact =
        signed_in_with_terms(app, &d.portal.contact_email, &d.portal.contact_mobile).await;
    app.send(from_address(&format!("{b}/reports"), &contact))
        .await;
    app.send(from_address(
        &format!("{b}/reports/{}", d.visible_report),
        &contact,
    ))
    .await;
    app.send(from_address(&format!("{b}/reports"), &d.other_admin))
        .await;

    let admin = Some(d.portal.admin_account);
    let rows = log_rows(app, client).await;
    let dossier_rows: Vec<_> = rows.iter().filter(|r| r.2 != "portal").cloned().collect();
    let item = |id: i64| Some(id.to_string());
    assert_eq!(
        dossier_rows,
        vec![
            (
                admin,
                "administrator".into(),
                "care_plan".into(),
                "read".into(),
                None,
                "allowed".into()
            ),
            (
                admin,
                "administrator".into(),
                "reports".into(),
                "read".into(),
                None,
                "allowed".into()
            ),
            (
                admin,
                "administrator".into(),
                "reports".into(),
                "search".into(),
                None,
                "allowed".into()
            ),
            (
                admin,
                "administrator".into(),
                "report".into(),
                "read".into(),
                item(d.visible_report),
                "allowed".into()
            ),
            (
                Some(d.portal.contact_account),
                "contact".into(),
                "reports".into(),
                "read".into(),
                None,
                "refused".into()
            ),
            (
                Some(d.portal.contact_account),
                "contact".into(),
                "report".into(),
                "read".into(),
                item(d.visible_report),
                "refused".into()
            ),
        ]
    );
    // The other client's administrator is logged too, but not under this client: to
    // them it does not exist.
    let outsider: Vec<(Option<i64>, String, String)> = sqlx::query_as(
        "SELECT client_id, item, outcome FROM access_log WHERE actor_account_id = $1 AND section = 'reports'",
    )
    .bind(d.other.admin_account)
    .fetch_all(&app.state.db)
    .await
    .unwrap();
    assert_eq!(
        outsider,
        vec![(None, format!("client {client}"), "refused".to_owned())]
    );

    // The address is stored only as a salted hash; time in UTC; the name at the time.
    let (address_hash, occurred_at, name): (Option<String>, String, String) = sqlx::query_as(
        "SELECT address_hash, occurred_at, actor_name FROM access_log WHERE client_id = $1 AND section = 'care_plan'",
    )
    .bind(client)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    let address_hash = address_hash.unwrap();
    assert_eq!(address_hash.len(), 64);
    assert!(!address_hash.contains("192.0.2.7"));
    let all: String = sqlx::query_scalar(
        "SELECT group_concat(COALESCE(address_hash, '') || COALESCE(detail, '') || COALESCE(item, '') || actor_name, ' ') \
         FROM access_log",
    )
        .fetch_one(&app.state.db)
        .await
        .unwrap_or_default();
    assert!(!all.contains("192.0.2.7"));
    assert_eq!(occurred_at, "2026-03-01T12:00:00.000000Z");
    assert_eq!(name, format!("Persoon {}", d.portal.admin_email));
}

#[tokio::test]
async fn the_administrator_sees_who_looked_and_contacts_do_not() {
    let d = dossier().await;
    let app = &d.app;
    let b = base(d.portal.client_id);
    let contact =
        signed_in_with_terms(app, &d.portal.contact_email, &d.portal.contact_mobile).await;
    set_rights(
        app,
        d.portal.client_id,
        d.portal.contact_account,
        false,
        true,
    )
    .await;
    app.get_signed_in(&format!("{b}/reports"), &contact).await;
    app.advance(Duration::days(2));
    let admin = d.admin_again().await;
    app.get_signed_in(&format!("{b}/care-plan"), &admin).await;

    let log = app.get_signed_in(&format!("{b}/access-log"), &admin).await;
    assert_eq!(log.status, StatusCode::OK);
    let log = log.json();
    let items = log["items"].as_array().unwrap();
    assert!(items.len() >= 2);
    // Newest first: this very look at the log, then the read of the care plan.
    assert_eq!(items[0]["section"], "access_log");
    assert_eq!(items[1]["section"], "care_plan");
    assert_eq!(items[1]["role"], "administrator");
    assert_eq!(items[1]["person_id"], d.portal.admin_account);
    assert_eq!(items[1]["allowed"], true);
    let contact_entry = items
        .iter()
        .find(|e| e["person_id"] == d.portal.contact_account && e["section"] == "reports")
        .unwrap();
    assert_eq!(contact_entry["role"], "contact");
    assert_eq!(
        contact_entry["person_name"],
        format!("Persoon {}", d.portal.contact_email)
    );
    // Readable: the contact's relation; the administrator has none to show.
    assert_eq!(contact_entry["relation"], "Zus");
    assert!(items[1].get("relation").is_none(), "{}", items[1]);

    // Filter by person and by period.
    let only_contact = app
        .get_signed_in(
            &format!("{b}/access-log?person={}", d.portal.contact_account),
            &admin,
        )
        .await
        .json();
    assert!(only_contact["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["person_id"] == d.portal.contact_account));
    assert!(!only_contact["items"].as_array().unwrap().is_empty());
    let first_day = app
        .get_signed_in(
            &format!("{b}/access-log?from=2026-03-01&to=2026-03-01"),
            &admin,
        )
        .await
        .json();
    assert!(first_day["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["occurred_at"].as_str().unwrap().starts_with("2026-03-01")));
    assert!(first_day["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["person_id"] == d.portal.contact_account));
    let later = app
        .get_signed_in(&format!("{b}/access-log?from=2026-03-02"), &admin)
        .await
        .json();
    assert!(later["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["person_id"] == d.portal.admin_account));

    // A period's ends are days: anything else, an empty one too, is refused.
    for bad in ["from=", "to=2026-02-30", "from=morgen"] {
        let response = app
            .get_signed_in(&format!("{b}/access-log?{bad}"), &admin)
            .await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{bad}");
    }

    // Paging walks the whole log once.
    let all = app
        .get_signed_in(&format!("{b}/access-log?limit=200"), &admin)
        .await
        .json();
    let total = all["items"].as_array().unwrap().len();
    let mut count = 0;
    let mut path = format!("{b}/access-log?limit=2");
    loop {
        let page = app.get_signed_in(&path, &admin).await.json();
        count += page["items"].as_array().unwrap().len();
        match page["next_cursor"].as_str() {
            Some(next) => path = format!("{b}/access-log?limit=2&cursor={next}"),
            None => break,
        }
    }
    // Each page read is itself logged, after the page was taken.
    assert!(count >= total, "{count} >= {total}");

    // A contact, even one with every right, does not see the log.
    set_rights(
        app,
        d.portal.client_id,
        d.portal.contact_account,
        true,
        true,
    )
    .await;
    let contact = app
        .sign_in(&d.portal.contact_email, &d.portal.contact_mobile)
        .await;
    app.get_signed_in(&format!("{b}/access-log"), &contact)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}

#[tokio::test]
async fn the_access_log_cannot_be_changed_and_tampering_is_detected() {
    let d = dossier().await;
    let app = &d.app;
    let db = &app.state.db;
    app.get_signed_in(&format!("{}/care-plan", base(d.portal.client_id)), &d.admin)
        .await;
    let Verification::Intact { entries } = access_log::verify(db).await.unwrap() else {
        panic!("a fresh log is intact");
    };
    assert!(entries >= 3, "{entries}");

    // The database itself refuses changes and removals.
    let update = sqlx::query("UPDATE access_log SET outcome = 'refused' WHERE id = 2")
        .execute(db)
        .await;
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = sqlx::query("DELETE FROM access_log WHERE id = 2")
        .execute(db)
        .await;
    assert!(delete.unwrap_err().to_string().contains("append-only"));

    // Someone with direct access to the file drops the guard and edits an entry: the
    // chain shows exactly where.
    drop_append_only_guard(db, "update").await;
    sqlx::query("UPDATE access_log SET actor_name = 'Iemand anders' WHERE id = 2")
        .execute(db)
        .await
        .unwrap();
    let broken = access_log::verify(db).await.unwrap();
    assert!(
        matches!(broken, Verification::Broken { id: 2, .. }),
        "{broken:?}"
    );

    // The command line says so too, and fails.
    let url = app.database_url.clone();
    let cli = <crate::config::Cli as clap::Parser>::try_parse_from([
        "kring-server",
        "--database-url",
        url.as_str(),
        "--organisation",
        "test-org",
        "verify-access-log",
    ])
    .unwrap();
    let result = crate::cli::run(cli.command.unwrap(), cli.serve).await;
    assert!(
        matches!(
            result,
            Err(crate::cli::CliError::AccessLogAltered { id: 2, .. })
        ),
        "{result:?}"
    );
}

/// Drops the trigger that refuses `operation` ("update" or "delete") on the access log,
/// as someone with direct access to the database could. SQLite has a trigger per
/// operation; PostgreSQL one trigger for both.
async fn drop_append_only_guard(db: &crate::db::Pool, operation: &str) {
    let statement = if cfg!(feature = "postgres") {
        "DROP TRIGGER access_log_append_only ON access_log".to_owned()
    } else {
        format!("DROP TRIGGER access_log_append_only_{operation}")
    };
    sqlx::query(&statement).execute(db).await.unwrap();
}

#[tokio::test]
async fn removing_the_newest_entries_is_detected() {
    let d = dossier().await;
    let db = &d.app.state.db;
    d.app
        .get_signed_in(&format!("{}/care-plan", base(d.portal.client_id)), &d.admin)
        .await;
    drop_append_only_guard(db, "delete").await;
    sqlx::query("DELETE FROM access_log WHERE id = (SELECT MAX(id) FROM access_log)")
        .execute(db)
        .await
        .unwrap();
    let result = access_log::verify(db).await.unwrap();
    assert!(matches!(result, Verification::Broken { .. }), "{result:?}");
}

#[tokio::test]
async fn correction_requests_are_filed_listed_with_due_dates_and_answered_by_staff() {
    let d = dossier().await;
    let app = &d.app;
    let b = base(d.portal.client_id);
    let path = format!("{b}/correction-requests");
    let report_before: String = sqlx::query_scalar("SELECT body FROM reports WHERE id = $1")
        .bind(d.visible_report)
        .fetch_one(&app.state.db)
        .await
        .unwrap();

    let filed = app
        .post_json(
            &path,
            json!({ "kind": "correct", "target": { "type": "report", "id": d.visible_report }, "text": "  Het was de woonkamer, niet mijn kamer.  " }),
            Some(&d.admin),
        )
        .await;
    assert_eq!(
        filed.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&filed.body)
    );
    let filed = filed.json();
    assert_eq!(filed["status"], "submitted");
    assert_eq!(filed["text"], "Het was de woonkamer, niet mijn kamer.");
    assert_eq!(filed["due_on"], "2026-03-31", "filed + 30 days");
    assert_eq!(filed["overdue"], false);
    assert_eq!(
        filed["target"],
        json!({ "type": "report", "id": d.visible_report })
    );
    let goal_request = app
        .post_json(&path, json!({ "kind": "add", "target": { "type": "goal", "id": d.goal_id }, "text": "Ook: zelf de was doen." }), Some(&d.admin))
        .await;
    assert_eq!(goal_request.status, StatusCode::CREATED);

    // Bad input changes nothing and says why, in Dutch.
    for bad in [
        json!({ "kind": "rewrite", "target": { "type": "general" }, "text": "x" }),
        json!({ "kind": "correct", "target": { "type": "general" }, "text": "   " }),
        json!({ "kind": "correct", "target": { "type": "general" }, "text": "x".repeat(2001) }),
        json!({ "kind": "correct", "target": { "type": "report" }, "text": "x" }),
        json!({ "kind": "correct", "target": { "type": "general" }, "text": "x", "extra": 1 }),
        json!("nee"),
    ] {
        let response = app.post_json(&path, bad.clone(), Some(&d.admin)).await;
        let problem = response.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
        assert_eq!(problem["title"], "De gegevens kloppen niet", "{bad}");
    }
    assert_eq!(correction_count(app).await, 2);

    // Filing never touches the report itself.
    let report_after: String = sqlx::query_scalar("SELECT body FROM reports WHERE id = $1")
        .bind(d.visible_report)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(report_after, report_before);

    // The list, newest first; after the due date an open request is overdue.
    app.advance(Duration::days(31));
    let admin = d.admin_again().await;
    let list = app.get_signed_in(&path, &admin).await.json();
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
    assert_eq!(list["items"][0]["target"]["type"], "goal");
    assert_eq!(list["items"][1]["overdue"], true);

    // Staff see it (overdue flagged), and must answer to close it.
    let (_, staff) = app.create_staff("organisation_admin", None, "lead").await;
    let staff_list = app
        .get_signed_in("/api/v1/staff/correction-requests?open=true", &staff)
        .await;
    assert_eq!(staff_list.status, StatusCode::OK);
    let staff_list = staff_list.json();
    assert_eq!(staff_list["items"][0]["overdue"], true);
    assert_eq!(staff_list["items"][0]["client_name"], "Cliënt d");
    assert_eq!(staff_list["items"][0]["client_id"], d.portal.client_id);
    // Reading the inbox is a staff read of that client's data, in their access log.
    let logged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM access_log WHERE client_id = $1 AND section = 'correction_requests' \
         AND action = 'read' AND actor_role = 'staff'",
    )
    .bind(d.portal.client_id)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(logged, 1);
    let id = filed["id"].as_i64().unwrap();
    let update_path = format!("/api/v1/staff/correction-requests/{id}");
    let patch = |body: Value, cookie: String| {
        let app = &d.app;
        let path = update_path.clone();
        async move {
            app.send(
                app.app_request(Method::PATCH, &path, Some(&cookie))
                    .header("content-type", "application/json")
                    .body(Body::from(body.to_string()))
                    .unwrap(),
            )
            .await
        }
    };
    patch(json!({ "status": "done" }), staff.clone())
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    // Family cannot answer their own request.
    let denied = patch(
        json!({ "status": "done", "answer": "Zelf gedaan" }),
        admin.clone(),
    )
    .await;
    assert!(
        matches!(denied.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "{}",
        denied.status
    );
    let in_progress = patch(json!({ "status": "in_progress" }), staff.clone()).await;
    assert_eq!(in_progress.status, StatusCode::OK);
    let done = patch(
        json!({ "status": "done", "answer": "Aangepast: het was de woonkamer." }),
        staff.clone(),
    )
    .await;
    assert_eq!(done.status, StatusCode::OK);
    assert_eq!(
        done.json()["overdue"],
        false,
        "a handled request is not overdue"
    );

    let seen = app.get_signed_in(&path, &admin).await.json();
    let answered = seen["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap();
    assert_eq!(answered["status"], "done");
    assert_eq!(answered["answer"], "Aangepast: het was de woonkamer.");
    let open_now = app
        .get_signed_in("/api/v1/staff/correction-requests?open=true", &staff)
        .await
        .json();
    assert!(open_now["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["id"] != id));

    // The answer did not change the report either, and both changes are in the log.
    let report_final: String = sqlx::query_scalar("SELECT body FROM reports WHERE id = $1")
        .bind(d.visible_report)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(report_final, report_before);
    let changes: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT action, outcome, detail FROM access_log WHERE section = 'correction_requests' AND action IN ('create', 'update') ORDER BY id",
    )
    .fetch_all(&app.state.db)
    .await
    .unwrap();
    assert_eq!(
        changes,
        vec![
            ("create".into(), "allowed".into(), Some("correct".into())),
            ("create".into(), "allowed".into(), Some("add".into())),
            (
                "update".into(),
                "allowed".into(),
                Some("in_progress".into())
            ),
            ("update".into(), "allowed".into(), Some("done".into())),
        ]
    );
}

/// Reads at the same time through the router each write their access-log entry: all
/// succeed and the chain stays intact with exactly one entry per read. (The lock
/// conflict itself is provoked more reliably by the next test.)
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_reads_all_succeed_and_each_is_logged() {
    let d = dossier().await;
    let app = &d.app;
    let db = &app.state.db;
    let Verification::Intact { entries: before } = access_log::verify(db).await.unwrap() else {
        panic!("a fresh log is intact");
    };
    let b = base(d.portal.client_id);
    let paths: Vec<String> = (0..48)
        .map(|i| match i % 3 {
            0 => format!("{b}/reports?limit=5"),
            1 => format!("{b}/care-plan"),
            _ => format!("{b}/reports?q=dag"),
        })
        .collect();
    let mut reads = tokio::task::JoinSet::new();
    for path in paths {
        let router = app.router.clone();
        let cookie = d.admin.clone();
        reads.spawn(async move {
            let request = crate::test_support::request(axum::http::Method::GET, &path)
                .header("cookie", cookie)
                .body(axum::body::Body::empty())
                .unwrap();
            crate::test_support::send(&router, request)
                .await
                .status
                .as_u16()
        });
    }
    let statuses: Vec<u16> = reads.join_all().await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    let Verification::Intact { entries: after } = access_log::verify(db).await.unwrap() else {
        panic!("the log stays intact under concurrent appends");
    };
    assert_eq!(after - before, 48);
}

/// Appends while other connections keep writing: an append that read the log's head in
/// a deferred transaction and then wrote used to fail with "database is locked"
/// (SQLITE_BUSY_SNAPSHOT) whenever another write landed in between.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn appends_succeed_while_other_writes_land() {
    let d = dossier().await;
    let state = d.app.state.clone();
    let db = state.db.clone();
    let writer = tokio::spawn(async move {
        for i in 0..3000 {
            sqlx::query("UPDATE sessions SET last_seen_at = last_seen_at WHERE id = $1")
                .bind(i % 3)
                .execute(&db)
                .await
                .unwrap();
        }
    });
    let mut failures = Vec::new();
    for _ in 0..600 {
        let result = access_log::append(
            &state,
            access_log::Entry {
                actor: access_log::Actor::system(),
                client_id: None,
                section: "reports",
                item: None,
                action: access_log::Action::Read,
                outcome: access_log::Outcome::Allowed,
                detail: None,
                address: None,
            },
        )
        .await;
        if let Err(e) = result {
            failures.push(e.to_string());
        }
    }
    writer.await.unwrap();
    assert!(
        failures.is_empty(),
        "{} failed: {:?}",
        failures.len(),
        failures.first()
    );
    assert!(matches!(
        access_log::verify(&d.app.state.db).await.unwrap(),
        Verification::Intact { .. }
    ));
}
