//! The demo data: complete, consistent with the schema's rules, and deterministic.

use crate::config::DemoSize;
use crate::test_support::{fresh_db, test_now};

async fn seeded() -> (crate::db::Pool, tempfile::TempDir) {
    let (db, dir) = fresh_db().await;
    super::seed(
        &db,
        &dir.path().join("photos"),
        DemoSize::Small,
        test_now(),
        "http://portal.test",
    )
    .await
    .unwrap();
    (db, dir)
}

async fn count(db: &crate::db::Pool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db).await.unwrap()
}

#[tokio::test]
async fn small_demo_has_two_organisations_with_full_portals() {
    let (db, dir) = seeded().await;
    assert_eq!(count(&db, "SELECT COUNT(*) FROM organisations").await, 2);
    let grace: Vec<i64> =
        sqlx::query_scalar("SELECT access_grace_days FROM organisations ORDER BY slug")
            .fetch_all(&db)
            .await
            .unwrap();
    assert_eq!(
        grace,
        vec![7, 14],
        "de-linde and het-anker follow the two seeds"
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM terms_versions").await, 4);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM privacy_statements").await,
        2
    );
    assert!(count(&db, "SELECT COUNT(*) FROM reports").await > 1000);
    assert!(count(&db, "SELECT COUNT(DISTINCT author_id) FROM reports").await >= 8);
    assert!(count(&db, "SELECT COUNT(*) FROM care_plan_actions").await > 20);
    assert!(count(&db, "SELECT COUNT(*) FROM notes").await > 10);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM clients WHERE care_relation_end IS NOT NULL"
        )
        .await,
        1
    );
    // Joint activity photos are linked to several clients (R18).
    assert!(
        count(
            &db,
            "SELECT COUNT(*) FROM (SELECT photo_id FROM photo_clients GROUP BY photo_id HAVING COUNT(*) > 1) AS shared"
        )
        .await
            >= 4
    );
    // Every photo row has a decodable file of each size it lists.
    let photos: Vec<(String, String)> = sqlx::query_as("SELECT object_key, sizes FROM photos")
        .fetch_all(&db)
        .await
        .unwrap();
    assert!(photos.len() > 40);
    for (key, sizes) in photos.iter().take(5) {
        assert_eq!(sizes, "320x240,640x480");
        for size in sizes.split(',') {
            let (width, height) = size.split_once('x').unwrap();
            let path = dir
                .path()
                .join("photos")
                .join(key)
                .join(format!("{width}.jpg"));
            let image = image::load_from_memory(&std::fs::read(path).unwrap()).unwrap();
            assert_eq!(image.width().to_string(), width);
            assert_eq!(image.height().to_string(), height);
        }
    }
    // Texts have no placeholders left.
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM reports WHERE body LIKE '%{%'").await,
        0
    );
}

#[tokio::test]
async fn every_portal_has_exactly_one_administrator_and_the_schema_enforces_it() {
    let (db, _dir) = seeded().await;
    let clients_with_portal =
        count(&db, "SELECT COUNT(DISTINCT client_id) FROM portal_access").await;
    let administrators = count(
        &db,
        "SELECT COUNT(*) FROM portal_access WHERE role = 'administrator'",
    )
    .await;
    assert_eq!(clients_with_portal, administrators);
    assert_eq!(administrators, 7);

    // A second current administrator for Daan's portal is refused by the database (R2).
    let (client_id, account_id): (i64, i64) = sqlx::query_as(
        "SELECT client_id, account_id FROM portal_access WHERE role = 'contact' AND status = 'active' \
         AND client_id = (SELECT client_id FROM portal_access pa JOIN accounts a ON a.id = pa.account_id \
         WHERE a.email = 'daan@demo.example') LIMIT 1",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    let second = sqlx::query(
        "UPDATE portal_access SET role = 'administrator', relation = 'client' \
         WHERE client_id = $1 AND account_id = $2",
    )
    .bind(client_id)
    .bind(account_id)
    .execute(&db)
    .await;
    assert!(second.is_err(), "a second administrator was accepted");

    // A representative without a recorded basis is refused too (R6).
    let no_basis = sqlx::query(
        "UPDATE portal_access SET representation_basis = NULL WHERE relation = 'representative'",
    )
    .execute(&db)
    .await;
    assert!(no_basis.is_err());
}

#[tokio::test]
async fn the_same_seed_gives_the_same_demo() {
    let (a, _da) = seeded().await;
    let (b, _db) = seeded().await;
    let query = "SELECT body FROM reports ORDER BY id LIMIT 200";
    let first: Vec<String> = sqlx::query_scalar(query).fetch_all(&a).await.unwrap();
    let second: Vec<String> = sqlx::query_scalar(query).fetch_all(&b).await.unwrap();
    assert_eq!(first, second);
    let keys = "SELECT object_key FROM photos ORDER BY id";
    let first: Vec<String> = sqlx::query_scalar(keys).fetch_all(&a).await.unwrap();
    let second: Vec<String> = sqlx::query_scalar(keys).fetch_all(&b).await.unwrap();
    assert_eq!(first, second);
}

#[test]
fn demo_accounts_are_listed_per_organisation() {
    let accounts = super::accounts("de-linde");
    assert_eq!(accounts.len(), 11);
    assert_eq!(accounts[0].email, "daan@demo.example");
    assert!(super::accounts("het-anker")
        .iter()
        .any(|a| a.email == "els@demo.example"));
    assert!(super::accounts("nope").is_empty());
}

/// What people read in the demo is finished text: no unfilled placeholder, no gap where a
/// name was left out, and every text starts with a capital (issue 19 found
/// `{medewerker}`, "met  ernaast" and notes starting with "je").
#[tokio::test]
async fn demo_texts_have_no_placeholders_or_gaps() {
    let (db, _dir) = seeded().await;
    let prose = [
        "SELECT body FROM reports",
        "SELECT body FROM notes",
        "SELECT removed_reason FROM notes WHERE removed_reason IS NOT NULL",
        "SELECT caption FROM photos",
        "SELECT text FROM care_plan_goals",
        "SELECT what FROM care_plan_actions",
        "SELECT who FROM care_plan_actions",
        "SELECT how_often FROM care_plan_actions",
    ];
    let mut checked = 0;
    for sql in prose {
        let texts: Vec<String> = sqlx::query_scalar(sql).fetch_all(&db).await.unwrap();
        assert!(!texts.is_empty(), "the demo has no rows for {sql}");
        for text in texts {
            assert!(
                !text.contains('{') && !text.contains('}'),
                "unfilled placeholder in {text:?} ({sql})"
            );
            assert!(!text.contains("  "), "double space in {text:?} ({sql})");
            assert!(
                !text.trim_start().starts_with(char::is_lowercase),
                "starts in lower case: {text:?} ({sql})"
            );
            checked += 1;
        }
    }
    assert!(checked > 1000);
}

/// The notes timeline lists by id, newest first, as notes arrive in time order: the demo
/// must insert them so, or a removed note shows above newer ones (issue 19).
#[tokio::test]
async fn demo_notes_are_written_in_time_order() {
    let (db, _dir) = seeded().await;
    let out_of_order = count(
        &db,
        "SELECT COUNT(*) FROM notes a JOIN notes b ON a.client_id = b.client_id \
         AND a.id < b.id AND a.created_at > b.created_at",
    )
    .await;
    assert_eq!(out_of_order, 0);
}
