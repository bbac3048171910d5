//! The organisation settings endpoints, tested through HTTP.

use axum::body::Body;
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::app::AppOptions;
use crate::test_support::{test_app, TestApp, TestResponse};

const SETTINGS: &str = "/api/v1/staff/organisation/settings";
const LOGO: &str = "/api/v1/staff/organisation/logo";
const PRIVACY: &str = "/api/v1/staff/organisation/privacy-statement";

/// A test app with a signed-in organisation administrator (terms accepted).
async fn with_admin() -> (TestApp, String) {
    let app = test_app(AppOptions::default(), false).await;
    let (_, cookie) = app.create_staff("organisation_admin", None, "beheer").await;
    app.accept_current_terms(&cookie).await;
    (app, cookie)
}

fn valid_settings() -> Value {
    json!({
        "name": "Zorggroep Nieuw",
        "short_name": "Nieuw",
        "colours": { "primary": "#1F3A5F", "on_primary": "#ffffff", "accent": "#8a3b12" },
        "emergency_phone": "030 765 43 21",
        "emergency_hours": { "nl": "Dag en nacht.", "en": "Day and night." },
        "access_grace_days": 14,
        "retention_years": 20,
        "correction_deadline_days": 28,
    })
}

async fn put_json(app: &TestApp, path: &str, body: Value, cookie: &str) -> TestResponse {
    app.call(Method::PUT, path, Some(body), Some(cookie)).await
}

async fn put_svg(app: &TestApp, svg: &[u8], content_type: &str, cookie: &str) -> TestResponse {
    app.send(
        app.app_request(Method::PUT, LOGO, Some(cookie))
            .header("content-type", content_type)
            .body(Body::from(svg.to_vec()))
            .unwrap(),
    )
    .await
}

/// The organisation settings log: (subject, fields, staff name).
async fn settings_log(app: &TestApp) -> Vec<(String, String, String)> {
    sqlx::query_as("SELECT subject, fields, staff_name FROM organisation_settings_log ORDER BY id")
        .fetch_all(&app.state.db)
        .await
        .unwrap()
}

async fn organisation(app: &TestApp) -> kring_api::Organisation {
    serde_json::from_slice(&app.get("/api/v1/organisation").await.body).unwrap()
}

#[tokio::test]
async fn an_administrator_changes_the_settings_and_the_public_facts_follow() {
    let (app, cookie) = with_admin().await;
    let before = app.get_signed_in(SETTINGS, &cookie).await;
    assert_eq!(before.status, StatusCode::OK);
    assert_eq!(before.json()["emergency_phone"], "020 123 45 67");
    assert_eq!(before.json()["retention_years"], 20);

    let response = put_json(&app, SETTINGS, valid_settings(), &cookie).await;
    assert_eq!(response.status, StatusCode::OK, "{:?}", response.json());
    // Stored as checked: colours in lower case.
    assert_eq!(response.json()["colours"]["primary"], "#1f3a5f");

    let org = organisation(&app).await;
    assert_eq!(org.name, "Zorggroep Nieuw");
    assert_eq!(org.short_name, "Nieuw");
    assert_eq!(org.colours.primary, "#1f3a5f");
    assert_eq!(org.colours.accent, "#8a3b12");
    assert_eq!(org.emergency.phone_display, "030 765 43 21");
    assert_eq!(org.emergency.phone, "+31307654321");
    assert_eq!(org.emergency.hours.en, "Day and night.");
    assert_eq!(org.access_grace_days, 14);
    assert_eq!(org.correction_deadline_days, 28);
    assert_eq!(
        app.get_signed_in(SETTINGS, &cookie).await.json(),
        response.json()
    );

    // One log row naming the fields that changed, not their values.
    let log = settings_log(&app).await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].0, "settings");
    assert_eq!(
        log[0].1,
        "name,short_name,colours.primary,colours.accent,emergency_phone,\
         emergency_hours.nl,emergency_hours.en,access_grace_days,correction_deadline_days"
    );
    assert_eq!(log[0].2, "Medewerker beheer");
    let logged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM access_log WHERE section = 'organisation' AND item = 'settings'",
    )
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(logged, 1);

    // Sending the same again changes nothing and logs nothing.
    let again = put_json(&app, SETTINGS, valid_settings(), &cookie).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(settings_log(&app).await.len(), 1);

    // A number written another way is a change of what is shown.
    let mut other = valid_settings();
    other["emergency_phone"] = json!("+31 30 765 4321");
    assert_eq!(
        put_json(&app, SETTINGS, other, &cookie).await.status,
        StatusCode::OK
    );
    assert_eq!(organisation(&app).await.emergency.phone, "+31307654321");
    assert_eq!(settings_log(&app).await[1].1, "emergency_phone");
}

#[tokio::test]
async fn every_broken_rule_is_a_clear_problem_in_both_languages_and_changes_nothing() {
    let (app, cookie) = with_admin().await;
    let before = app.get_signed_in(SETTINGS, &cookie).await.json();
    let cases: Vec<(&str, Value, StatusCode, &str)> = vec![
        (
            "/colours/primary",
            json!("blue"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "colour-invalid",
        ),
        (
            "/colours/on_primary",
            json!("#fff"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "colour-invalid",
        ),
        (
            "/colours/accent",
            json!("#12345g"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "colour-invalid",
        ),
        // White on a light yellow: about 1.1 to 1.
        (
            "/colours/primary",
            json!("#ffee88"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "contrast-too-low",
        ),
        // #777777 on white is 4.48 to 1: just too low.
        (
            "/colours/primary",
            json!("#777777"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "contrast-too-low",
        ),
        (
            "/emergency_phone",
            json!("bel de wacht"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "phone-invalid",
        ),
        (
            "/emergency_phone",
            json!("112"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "phone-invalid",
        ),
        (
            "/emergency_phone",
            json!("0".repeat(31)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "phone-invalid",
        ),
        (
            "/retention_years",
            json!(14),
            StatusCode::UNPROCESSABLE_ENTITY,
            "retention-too-short",
        ),
        (
            "/retention_years",
            json!(0),
            StatusCode::UNPROCESSABLE_ENTITY,
            "retention-too-short",
        ),
        (
            "/retention_years",
            json!(101),
            StatusCode::UNPROCESSABLE_ENTITY,
            "setting-out-of-range",
        ),
        (
            "/access_grace_days",
            json!(366),
            StatusCode::UNPROCESSABLE_ENTITY,
            "setting-out-of-range",
        ),
        (
            "/correction_deadline_days",
            json!(0),
            StatusCode::UNPROCESSABLE_ENTITY,
            "setting-out-of-range",
        ),
        (
            "/correction_deadline_days",
            json!(31),
            StatusCode::UNPROCESSABLE_ENTITY,
            "setting-out-of-range",
        ),
        (
            "/name",
            json!("   "),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-body",
        ),
        (
            "/name",
            json!("x".repeat(101)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "text-too-long",
        ),
        (
            "/short_name",
            json!("x".repeat(31)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "text-too-long",
        ),
        (
            "/emergency_hours/en",
            json!(""),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-body",
        ),
        // Wrong types and negative numbers are refused when the body is read.
        (
            "/retention_years",
            json!("twintig"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-body",
        ),
        (
            "/access_grace_days",
            json!(-1),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-body",
        ),
        (
            "/colours",
            json!(null),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-body",
        ),
    ];
    for (pointer, value, status, code) in cases {
        let mut body = valid_settings();
        *body.pointer_mut(pointer).unwrap() = value.clone();
        let mut texts = Vec::new();
        for language in ["nl", "en"] {
            let response = app
                .send(
                    app.app_request(Method::PUT, SETTINGS, Some(&cookie))
                        .header("content-type", "application/json")
                        .header("accept-language", language)
                        .body(Body::from(body.to_string()))
                        .unwrap(),
                )
                .await;
            let problem = response.assert_problem(status, code);
            assert_eq!(response.header("content-language"), language);
            texts.push(problem["detail"].as_str().unwrap().to_owned());
        }
        assert_ne!(
            texts[0], texts[1],
            "{pointer} = {value}: one text per language"
        );
    }
    // An unknown field, malformed JSON and JSON that is not an object.
    let mut unknown = valid_settings();
    unknown["sign_in_methods"] = json!(["password"]);
    put_json(&app, SETTINGS, unknown, &cookie)
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    let malformed = app
        .send(
            app.app_request(Method::PUT, SETTINGS, Some(&cookie))
                .header("content-type", "application/json")
                .body(Body::from("{\"name\": \"Zorg"))
                .unwrap(),
        )
        .await;
    malformed.assert_problem(StatusCode::BAD_REQUEST, "malformed-json");
    put_json(&app, SETTINGS, json!([1, 2]), &cookie)
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    // A body over the limit.
    let mut huge = valid_settings();
    huge["name"] = json!("x".repeat(70 * 1024));
    put_json(&app, SETTINGS, huge, &cookie)
        .await
        .assert_problem(StatusCode::PAYLOAD_TOO_LARGE, "body-too-large");

    assert_eq!(app.get_signed_in(SETTINGS, &cookie).await.json(), before);
    assert_eq!(organisation(&app).await.name, "Zorg Test");
    assert!(settings_log(&app).await.is_empty());
}

#[tokio::test]
async fn only_organisation_administrators_may_read_or_change_the_settings() {
    let (app, admin) = with_admin().await;
    let team: i64 = sqlx::query_scalar(
        "INSERT INTO teams (organisation_id, name) VALUES ($1, 'Team A') RETURNING id",
    )
    .bind(app.state.organisation_id)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    for role in ["care_professional", "team_lead"] {
        let (_, cookie) = app.create_staff(role, Some(team), role).await;
        app.accept_current_terms(&cookie).await;
        app.get_signed_in(SETTINGS, &cookie)
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
        put_json(&app, SETTINGS, valid_settings(), &cookie)
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
        put_svg(&app, DEMO_LOGO.as_bytes(), "image/svg+xml", &cookie)
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
        app.call(Method::DELETE, LOGO, None, Some(&cookie))
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
        put_json(&app, PRIVACY, privacy_body(), &cookie)
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    }
    // A client's administrator is not staff at all.
    let portal = app.create_portal("p").await;
    let client = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    app.accept_current_terms(&client).await;
    put_json(&app, SETTINGS, valid_settings(), &client)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    // Signed out.
    app.get(SETTINGS)
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    app.call(Method::PUT, SETTINGS, Some(valid_settings()), None)
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    // Without the app's CSRF header, even the administrator is refused.
    let no_csrf = app
        .send(
            crate::test_support::request(Method::PUT, SETTINGS)
                .header("cookie", &admin)
                .header("content-type", "application/json")
                .body(Body::from(valid_settings().to_string()))
                .unwrap(),
        )
        .await;
    no_csrf.assert_problem(StatusCode::FORBIDDEN, "csrf-rejected");
    assert_eq!(organisation(&app).await.name, "Zorg Test");
    assert!(settings_log(&app).await.is_empty());
}

const DEMO_LOGO: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" role="img" aria-label="Nieuw"><circle cx="24" cy="24" r="20" fill="#1f3a5f"/></svg>"##;

#[tokio::test]
async fn a_logo_is_checked_stored_served_and_removed() {
    let (app, cookie) = with_admin().await;
    let response = put_svg(&app, DEMO_LOGO.as_bytes(), "image/svg+xml", &cookie).await;
    assert_eq!(response.status, StatusCode::NO_CONTENT);
    let served = app.get("/api/v1/organisation/logo.svg").await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.header("content-type"), "image/svg+xml");
    assert!(served.header("content-security-policy").contains("sandbox"));
    assert_eq!(served.body, DEMO_LOGO.as_bytes());
    assert!(organisation(&app).await.logo_url.is_some());

    // What is not a plain SVG image is refused, and the logo stays.
    let script = r#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    let handler = r#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#;
    let external = r#"<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.org/a.png"/></svg>"#;
    let foreign = r#"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>"#;
    for bad in [
        script,
        handler,
        external,
        foreign,
        "<svg",
        "PNG\u{1a}",
        "<html/>",
    ] {
        for language in ["nl", "en"] {
            let response = app
                .send(
                    app.app_request(Method::PUT, LOGO, Some(&cookie))
                        .header("content-type", "image/svg+xml")
                        .header("accept-language", language)
                        .body(Body::from(bad.to_owned()))
                        .unwrap(),
                )
                .await;
            response.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "logo-invalid");
        }
    }
    put_svg(&app, DEMO_LOGO.as_bytes(), "application/json", &cookie)
        .await
        .assert_problem(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type");
    // A huge upload: refused before it is read.
    let huge = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg"><desc>{}</desc></svg>"#,
        "x".repeat(200 * 1024)
    );
    put_svg(&app, huge.as_bytes(), "image/svg+xml", &cookie)
        .await
        .assert_problem(StatusCode::PAYLOAD_TOO_LARGE, "body-too-large");
    assert_eq!(
        app.get("/api/v1/organisation/logo.svg").await.body,
        DEMO_LOGO.as_bytes()
    );

    let removed = app.call(Method::DELETE, LOGO, None, Some(&cookie)).await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    assert_eq!(organisation(&app).await.logo_url, None);
    app.get("/api/v1/organisation/logo.svg")
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    // Removing again changes nothing and is not logged again.
    assert_eq!(
        app.call(Method::DELETE, LOGO, None, Some(&cookie))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let log = settings_log(&app).await;
    assert_eq!(
        log.iter()
            .map(|(s, f, _)| (s.as_str(), f.as_str()))
            .collect::<Vec<_>>(),
        [("logo", "logo"), ("logo", "logo")]
    );
}

fn privacy_body() -> Value {
    json!({ "sections": [
        { "heading": { "nl": "Wie wij zijn", "en": "Who we are" },
          "body": { "nl": "Zorggroep Nieuw verwerkt uw gegevens.", "en": "Zorggroep Nieuw processes your data." } },
        { "heading": { "nl": "Bewaren", "en": "Keeping" },
          "body": { "nl": "Wij bewaren het dossier 20 jaar.", "en": "We keep the record for 20 years." } },
    ]})
}

#[tokio::test]
async fn the_privacy_statement_is_replaced_and_dated_today() {
    let (app, cookie) = with_admin().await;
    let response = put_json(&app, PRIVACY, privacy_body(), &cookie).await;
    assert_eq!(response.status, StatusCode::OK);
    let statement: kring_api::PrivacyStatement =
        serde_json::from_slice(&app.get("/api/v1/privacy-statement").await.body).unwrap();
    assert_eq!(statement.updated_on.to_string(), "2026-03-01");
    assert_eq!(statement.sections.len(), 2);
    assert_eq!(
        statement.sections[1].body.en,
        "We keep the record for 20 years."
    );

    let bad: Vec<(Value, &str)> = vec![
        (json!({ "sections": [] }), "invalid-body"),
        (
            json!({ "sections": [{ "heading": { "nl": "Kop", "en": " " }, "body": { "nl": "a", "en": "b" } }] }),
            "invalid-body",
        ),
        (
            json!({ "sections": [{ "heading": { "nl": "Kop", "en": "Head" }, "body": { "nl": "a".repeat(10_001), "en": "b" } }] }),
            "text-too-long",
        ),
        (
            json!({ "sections": [{ "heading": { "nl": "Kop" }, "body": { "nl": "a", "en": "b" } }] }),
            "invalid-body",
        ),
        (json!({ "sections": "Alles" }), "invalid-body"),
        (
            json!({ "sections": (0..51).map(|_| json!({ "heading": { "nl": "K", "en": "H" }, "body": { "nl": "a", "en": "b" } })).collect::<Vec<_>>() }),
            "invalid-body",
        ),
    ];
    for (body, code) in bad {
        put_json(&app, PRIVACY, body, &cookie)
            .await
            .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, code);
    }
    let unchanged: kring_api::PrivacyStatement =
        serde_json::from_slice(&app.get("/api/v1/privacy-statement").await.body).unwrap();
    assert_eq!(unchanged, statement);
    // Logged by field name only: the text stays out of the log.
    assert_eq!(
        settings_log(&app).await,
        [(
            "privacy_statement".to_owned(),
            "sections".to_owned(),
            "Medewerker beheer".to_owned()
        )]
    );
}
