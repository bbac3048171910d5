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
