//! `kring-server init`'s work: one organisation with what it needs, once.

use kring_api::Language;

use super::{set_up, NewOrganisation, SetUpError};
use crate::test_support::{fresh_db, test_now};

fn linde() -> NewOrganisation {
    NewOrganisation {
        slug: "de-linde".into(),
        name: "Zorggroep De Linde".into(),
        emergency_phone: "030 123 45 67".into(),
        administrator_name: "Petra Bakker".into(),
        administrator_email: "Petra@DeLinde.example".into(),
        administrator_mobile: "06 12345678".into(),
        language: Language::Nl,
    }
}

async fn count(db: &crate::db::Pool, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(db)
        .await
        .unwrap()
}

#[tokio::test]
async fn init_makes_the_organisation_its_documents_and_its_first_administrator_once() {
    let (db, _dir) = fresh_db().await;
    let made = set_up(&db, &linde(), "https://portaal.example/", test_now())
        .await
        .unwrap();

    let (name, phone, shown, retention): (String, String, String, i64) = sqlx::query_as(
        "SELECT name, emergency_phone, emergency_phone_display, retention_years FROM organisations WHERE id = $1",
    )
    .bind(made.organisation_id)
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(name, "Zorggroep De Linde");
    assert_eq!(
        (phone.as_str(), shown.as_str()),
        ("+31301234567", "030 123 45 67")
    );
    assert_eq!(retention, 20);
    let in_force: chrono::NaiveDate =
        sqlx::query_scalar("SELECT in_force_from FROM terms_versions WHERE organisation_id = $1")
            .bind(made.organisation_id)
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(
        in_force,
        test_now().date_naive(),
        "the starter terms are in force at once"
    );
    assert_eq!(count(&db, "privacy_statements").await, 1);

    let (role, email, status): (String, String, String) = sqlx::query_as(
        "SELECT s.role, a.email, a.status FROM accounts a JOIN staff_members s ON s.id = a.staff_member_id",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(role, "organisation_admin");
    assert_eq!(email, "petra@delinde.example");
    assert_eq!(status, "pending");

    let (kind, recipient, body, state): (String, String, String, String) =
        sqlx::query_as("SELECT kind, recipient, body, status FROM outbox_messages")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(kind, "organisation_set_up");
    assert_eq!(recipient, "petra@delinde.example");
    assert_eq!(state, "waiting");
    assert!(
        body.contains("https://portaal.example/activeren#"),
        "the activation link points at the public address: {body}"
    );

    // A second run changes nothing.
    let again = set_up(&db, &linde(), "https://portaal.example", test_now()).await;
    assert!(matches!(again, Err(SetUpError::Exists(slug)) if slug == "de-linde"));
    assert_eq!(count(&db, "organisations").await, 1);
    assert_eq!(count(&db, "accounts").await, 1);
    assert_eq!(count(&db, "outbox_messages").await, 1);
}

#[tokio::test]
async fn init_refuses_unusable_values_and_makes_nothing() {
    let (db, _dir) = fresh_db().await;
    for broken in [
        NewOrganisation {
            slug: "De Linde".into(),
            ..linde()
        },
        NewOrganisation {
            name: "  ".into(),
            ..linde()
        },
        NewOrganisation {
            emergency_phone: "bel ons".into(),
            ..linde()
        },
        NewOrganisation {
            administrator_email: "petra".into(),
            ..linde()
        },
        NewOrganisation {
            administrator_mobile: "12".into(),
            ..linde()
        },
    ] {
        let result = set_up(&db, &broken, "https://portaal.example", test_now()).await;
        assert!(matches!(result, Err(SetUpError::Invalid(_))), "{broken:?}");
    }
    assert_eq!(count(&db, "organisations").await, 0);
    assert_eq!(count(&db, "outbox_messages").await, 0);
}

/// A failed message of `organisation_id`, as the worker leaves one.
async fn failed_message(app: &crate::test_support::TestApp, organisation_id: i64, to: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO outbox_messages (organisation_id, idempotency_key, channel, kind, recipient, \
         subject, body, status, attempts, next_attempt_at, last_error, created_at) \
         VALUES ($1, $2, 'email', 'activation', $2, 'Uw toegang', 'Link https://x/activeren#geheim', \
         'failed', 10, $3, '550 no such mailbox', $3) RETURNING id",
    )
    .bind(organisation_id)
    .bind(to)
    .bind(test_now())
    .fetch_one(&app.state.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn organisation_administrators_see_undelivered_messages_without_their_text_and_retry_them() {
    use axum::http::{Method, StatusCode};

    let app = crate::test_support::test_app(crate::app::AppOptions::default(), false).await;
    let other_org: i64 =
        sqlx::query_scalar("SELECT id FROM organisations WHERE slug = 'other-org'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    let ours = failed_message(&app, app.state.organisation_id, "weg@test.example").await;
    let theirs = failed_message(&app, other_org, "ander@test.example").await;
    let (_, admin) = app.create_staff("organisation_admin", None, "adm").await;
    let (_, carer) = app.create_staff("care_professional", None, "zorg").await;

    let list = app
        .get_signed_in("/api/v1/staff/messages/undelivered", &admin)
        .await;
    assert_eq!(list.status, StatusCode::OK);
    let page: serde_json::Value = serde_json::from_slice(&list.body).unwrap();
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "only this organisation's: {page}");
    assert_eq!(items[0]["id"], ours);
    assert_eq!(items[0]["purpose"], "activation");
    assert_eq!(items[0]["reason"], "550 no such mailbox");
    assert_eq!(items[0]["attempts"], 10);
    assert!(
        !String::from_utf8_lossy(&list.body).contains("geheim"),
        "the text is never shown"
    );

    let refused = app
        .get_signed_in("/api/v1/staff/messages/undelivered", &carer)
        .await;
    refused.assert_problem(StatusCode::FORBIDDEN, "forbidden");
    let retry = |id: i64, cookie: String| {
        let app = &app;
        async move {
            app.call(
                Method::POST,
                &format!("/api/v1/staff/messages/{id}/retry"),
                None,
                Some(&cookie),
            )
            .await
        }
    };
    retry(ours, carer.clone())
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    retry(theirs, admin.clone())
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");

    assert_eq!(
        retry(ours, admin.clone()).await.status,
        StatusCode::NO_CONTENT
    );
    let (status, attempts): (String, i64) =
        sqlx::query_as("SELECT status, attempts FROM outbox_messages WHERE id = $1")
            .bind(ours)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!((status.as_str(), attempts), ("waiting", 0));
    retry(ours, admin.clone())
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    let page: serde_json::Value = serde_json::from_slice(
        &app.get_signed_in("/api/v1/staff/messages/undelivered", &admin)
            .await
            .body,
    )
    .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 0);
}
