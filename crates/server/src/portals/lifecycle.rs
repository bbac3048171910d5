//! Closing access when care ends (R4) and when the administrator ends the portal (R5).
//!
//! Requests are checked against the dates every time (`access::authorize`); this job
//! also closes the access records and the sessions that have nothing left to show, so
//! the database says what is true even where nobody asks.

use std::time::Duration as StdDuration;

use chrono::{DateTime, NaiveDate, Utc};

use super::access::access_ends_on;
use crate::clock::Clock;
use crate::db::{Db, Pool};
use crate::problem::ApiError;

/// How often the job runs.
pub const INTERVAL: StdDuration = StdDuration::from_secs(15 * 60);

/// Ends the access records of clients whose care ended more than the grace days ago,
/// then the sessions of accounts left without any usable portal. Returns how many
/// access records it closed.
pub async fn close_ended_access(db: &Pool, now: DateTime<Utc>) -> Result<u64, ApiError> {
    let today = now.date_naive();
    let candidates: Vec<(i64, Option<NaiveDate>, Option<NaiveDate>, i64)> = sqlx::query_as(
        "SELECT c.id, c.care_relation_end, c.deceased_on, o.access_grace_days \
         FROM clients c JOIN organisations o ON o.id = c.organisation_id \
         WHERE (c.care_relation_end IS NOT NULL OR c.deceased_on IS NOT NULL) \
         AND EXISTS (SELECT 1 FROM portal_access pa WHERE pa.client_id = c.id AND pa.status IN ('invited', 'active'))",
    )
    .fetch_all(db)
    .await?;
    let mut closed = 0;
    for (client_id, relation_end, deceased_on, grace_days) in candidates {
        if access_ends_on(relation_end, deceased_on, grace_days).is_some_and(|ends| today >= ends) {
            closed += end_portal_access(db, client_id, now).await?;
        }
    }
    end_sessions_without_portal(db, now).await?;
    Ok(closed)
}

/// Marks one client's portal as ended by the administrator (once: a portal already
/// ended keeps its first date).
pub async fn mark_portal_ended(
    tx: &mut sqlx::Transaction<'_, Db>,
    client_id: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE clients SET portal_ended_at = $1 WHERE id = $2 AND portal_ended_at IS NULL",
    )
    .bind(now)
    .bind(client_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Makes an account's invited portal access active (when it activates).
pub async fn activate_invited_access(
    tx: &mut sqlx::Transaction<'_, Db>,
    account_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE portal_access SET status = 'active' WHERE account_id = $1 AND status = 'invited'",
    )
    .bind(account_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Ends every open access record of one client's portal.
pub async fn end_portal_access(
    db: impl sqlx::Executor<'_, Database = crate::db::Db>,
    client_id: i64,
    now: DateTime<Utc>,
) -> Result<u64, ApiError> {
    let result = sqlx::query(
        "UPDATE portal_access SET status = 'ended', ended_at = $1 \
         WHERE client_id = $2 AND status IN ('invited', 'active')",
    )
    .bind(now)
    .bind(client_id)
    .execute(db)
    .await?;
    Ok(result.rows_affected())
}

/// Ends every open access record of one account (the person deleted their account);
/// returns the clients whose access ended, for the access log.
pub async fn end_account_access(
    tx: &mut sqlx::Transaction<'_, Db>,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE portal_access SET status = 'ended', ended_at = $1 \
         WHERE account_id = $2 AND status IN ('invited', 'active') RETURNING client_id",
    )
    .bind(now)
    .bind(account_id)
    .fetch_all(&mut **tx)
    .await
}

/// Ends the sessions of (non-staff) accounts that have no usable portal left.
pub async fn end_sessions_without_portal(
    db: impl sqlx::Executor<'_, Database = crate::db::Db>,
    now: DateTime<Utc>,
) -> Result<u64, ApiError> {
    let result = sqlx::query(
        "UPDATE sessions SET ended_at = $1, ended_reason = 'access_ended' \
         WHERE ended_at IS NULL AND account_id IN (\
           SELECT a.id FROM accounts a WHERE a.staff_member_id IS NULL AND NOT EXISTS (\
             SELECT 1 FROM portal_access pa JOIN clients c ON c.id = pa.client_id \
             WHERE pa.account_id = a.id AND pa.status = 'active' AND c.portal_ended_at IS NULL))",
    )
    .bind(now)
    .execute(db)
    .await?;
    Ok(result.rows_affected())
}

/// Runs the job now and then every [`INTERVAL`] until the server stops.
pub fn spawn(db: Pool, clock: std::sync::Arc<dyn Clock>) {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(INTERVAL);
        loop {
            ticker.tick().await;
            match close_ended_access(&db, clock.now()).await {
                Ok(0) => {}
                Ok(closed) => tracing::info!(closed, "ended access after the care relation ended"),
                Err(error) => tracing::error!(%error, "the access lifecycle job failed"),
            }
        }
    });
}

/// Called when an account is confirmed, in its transaction: the circle invitations it
/// registered with count as accepted. Only registrations still open count (a withdrawn
/// or resent invitation cancelled its registration).
pub async fn activate_accepted_invitations(
    tx: &mut sqlx::Transaction<'_, Db>,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "UPDATE network_invitations SET accepted_at = $1 WHERE accepted_at IS NULL AND withdrawn_at IS NULL \
         AND expires_at > $1 AND access_id IN (SELECT id FROM portal_access WHERE account_id = $2 AND status = 'invited')",
    )
    .bind(now)
    .bind(account_id)
    .execute(&mut **tx)
    .await?;
    // A contact registration whose invitation was not accepted just now (it expired
    // meanwhile) does not open the circle.
    sqlx::query(
        "UPDATE portal_access SET status = 'removed', ended_at = $1 WHERE account_id = $2 AND status = 'invited' \
         AND role = 'contact' AND id NOT IN (SELECT access_id FROM network_invitations \
         WHERE access_id IS NOT NULL AND accepted_at = $1)",
    )
    .bind(now)
    .bind(account_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
