//! Database access for the retention job.

use chrono::{DateTime, NaiveDate, Utc};

use crate::db::{Db, Pool};

type Tx<'t> = sqlx::Transaction<'t, Db>;

/// A client whose care ended and whose portal data is still there.
#[derive(sqlx::FromRow)]
pub struct Candidate {
    /// The client.
    pub id: i64,
    /// The end of the care relation.
    pub care_relation_end: Option<NaiveDate>,
    /// The day of death.
    pub deceased_on: Option<NaiveDate>,
    /// The organisation's retention years.
    pub retention_years: i64,
}

/// The organisation's clients whose care ended and whose portal data was not removed.
pub async fn candidates(db: &Pool, organisation_id: i64) -> Result<Vec<Candidate>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, c.care_relation_end, c.deceased_on, o.retention_years \
         FROM clients c JOIN organisations o ON o.id = c.organisation_id \
         WHERE c.organisation_id = $1 AND c.portal_data_removed_at IS NULL \
         AND (c.care_relation_end IS NOT NULL OR c.deceased_on IS NOT NULL) ORDER BY c.id",
    )
    .bind(organisation_id)
    .fetch_all(db)
    .await
}

/// Claims a client for removal: true when this transaction set the mark (on
/// PostgreSQL another instance's claim of the same row waits for this transaction and
/// then finds it taken).
pub async fn claim(
    tx: &mut Tx<'_>,
    client_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let claimed = sqlx::query(
        "UPDATE clients SET portal_data_removed_at = $1 WHERE id = $2 AND portal_data_removed_at IS NULL",
    )
    .bind(now)
    .bind(client_id)
    .execute(&mut **tx)
    .await?;
    Ok(claimed.rows_affected() == 1)
}

/// The client's end dates and the organisation's retention years, read under the claim.
pub async fn rule(tx: &mut Tx<'_>, client_id: i64) -> Result<Candidate, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, c.care_relation_end, c.deceased_on, o.retention_years \
         FROM clients c JOIN organisations o ON o.id = c.organisation_id WHERE c.id = $1",
    )
    .bind(client_id)
    .fetch_one(&mut **tx)
    .await
}

/// Writes the organisation-level record of a removal; returns its id.
pub async fn insert_removal(
    tx: &mut Tx<'_>,
    organisation_id: i64,
    now: DateTime<Utc>,
    care_ended_on: NaiveDate,
    retention_years: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO retention_removals (organisation_id, removed_at, care_ended_on, retention_years) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(organisation_id)
    .bind(now)
    .bind(care_ended_on)
    .bind(retention_years)
    .fetch_one(&mut **tx)
    .await
}

/// What went.
pub struct Removed {
    /// Items per kind.
    pub counts: [(&'static str, u64); 10],
    /// How many access-log entries left only their place.
    pub access_log_entries: u64,
    /// The folders of the removed photos' files, to remove after the commit.
    pub photo_object_keys: Vec<String>,
}

async fn delete(tx: &mut Tx<'_>, sql: &str, client_id: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(sql)
        .bind(client_id)
        .execute(&mut **tx)
        .await?
        .rows_affected())
}

/// Removes the client's portal data (see the module's documentation for what and why).
pub async fn remove_portal_data(
    tx: &mut Tx<'_>,
    client_id: i64,
    removal_id: i64,
) -> Result<Removed, sqlx::Error> {
    // Photos of this client alone go with their files; a photo of a joint activity
    // stays for the other clients and only loses this client's link.
    let own_photos: Vec<(i64, String)> = sqlx::query_as(
        "SELECT p.id, p.object_key FROM photos p JOIN photo_clients pc ON pc.photo_id = p.id \
         WHERE pc.client_id = $1 AND NOT EXISTS \
         (SELECT 1 FROM photo_clients o WHERE o.photo_id = p.id AND o.client_id <> $1)",
    )
    .bind(client_id)
    .fetch_all(&mut **tx)
    .await?;
    let links = delete(
        tx,
        "DELETE FROM photo_clients WHERE client_id = $1",
        client_id,
    )
    .await?;
    for (photo_id, _) in &own_photos {
        sqlx::query("DELETE FROM photos WHERE id = $1")
            .bind(photo_id)
            .execute(&mut **tx)
            .await?;
    }
    let photos = own_photos.len() as u64;
    let notes = delete(tx, "DELETE FROM notes WHERE client_id = $1", client_id).await?;
    let corrections = delete(
        tx,
        "DELETE FROM correction_requests WHERE client_id = $1",
        client_id,
    )
    .await?;
    let visits = delete(
        tx,
        "DELETE FROM section_visits WHERE client_id = $1",
        client_id,
    )
    .await?;
    let reports = delete(tx, "DELETE FROM reports WHERE client_id = $1", client_id).await?;
    delete(
        tx,
        "DELETE FROM care_plan_actions WHERE goal_id IN (SELECT g.id FROM care_plan_goals g \
         JOIN care_plan_domains d ON d.id = g.domain_id JOIN care_plans cp ON cp.id = d.care_plan_id \
         WHERE cp.client_id = $1)",
        client_id,
    )
    .await?;
    delete(
        tx,
        "DELETE FROM care_plan_goals WHERE domain_id IN (SELECT d.id FROM care_plan_domains d \
         JOIN care_plans cp ON cp.id = d.care_plan_id WHERE cp.client_id = $1)",
        client_id,
    )
    .await?;
    delete(
        tx,
        "DELETE FROM care_plan_domains WHERE care_plan_id IN (SELECT id FROM care_plans WHERE client_id = $1)",
        client_id,
    )
    .await?;
    let care_plans = delete(tx, "DELETE FROM care_plans WHERE client_id = $1", client_id).await?;
    let invitations = delete(
        tx,
        "DELETE FROM network_invitations WHERE client_id = $1",
        client_id,
    )
    .await?;
    let access = delete(
        tx,
        "DELETE FROM portal_access WHERE client_id = $1",
        client_id,
    )
    .await?;
    // Each entry leaves its place in the chain first; the delete trigger lets only
    // such an entry go.
    sqlx::query(
        "INSERT INTO access_log_removed (id, prev_hash, entry_hash, removal_id) \
         SELECT id, prev_hash, entry_hash, $2 FROM access_log WHERE client_id = $1",
    )
    .bind(client_id)
    .bind(removal_id)
    .execute(&mut **tx)
    .await?;
    let log_entries = delete(tx, "DELETE FROM access_log WHERE client_id = $1", client_id).await?;
    // The log before the chain (migration 0003) was not chained.
    let old_entries = delete(
        tx,
        "DELETE FROM access_log_v1 WHERE client_id = $1",
        client_id,
    )
    .await?;
    Ok(Removed {
        counts: [
            ("notes", notes),
            ("photos", photos),
            ("photo_links", links - photos),
            ("correction_requests", corrections),
            ("reports", reports),
            ("section_visits", visits),
            ("care_plans", care_plans),
            ("invitations", invitations),
            ("access_records", access),
            ("access_log_entries", log_entries + old_entries),
        ],
        access_log_entries: log_entries,
        photo_object_keys: own_photos.into_iter().map(|(_, key)| key).collect(),
    })
}

/// Stores how many items of each kind went.
pub async fn insert_counts(
    tx: &mut Tx<'_>,
    removal_id: i64,
    counts: &[(&'static str, u64)],
) -> Result<(), sqlx::Error> {
    for (kind, items) in counts {
        sqlx::query(
            "INSERT INTO retention_removal_counts (removal_id, kind, items) VALUES ($1, $2, $3)",
        )
        .bind(removal_id)
        .bind(*kind)
        .bind(i64::try_from(*items).unwrap_or(i64::MAX))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
