//! The access log: who did what to which client's portal, when, and how it ended
//! (NEN 7513 style). Entries are only ever added.

use chrono::{DateTime, Utc};

use crate::db::Pool;

/// How an action ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It happened.
    Success,
    /// It was tried and failed (wrong password, wrong code).
    Failure,
    /// It was refused by a rule (no right, throttled, ended access).
    Refused,
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Failure => "failure",
            Outcome::Refused => "refused",
        }
    }
}

/// One entry to record.
#[derive(Clone, Debug)]
pub struct Entry<'a> {
    /// The organisation.
    pub organisation_id: i64,
    /// The account that acted, if known.
    pub actor_account_id: Option<i64>,
    /// The client whose portal it concerns, if any.
    pub client_id: Option<i64>,
    /// What was done, e.g. `sign_in`.
    pub action: &'a str,
    /// What it was done to, e.g. `terms:3`.
    pub object: Option<String>,
    /// How it ended.
    pub outcome: Outcome,
    /// The network address of the request.
    pub address: Option<&'a str>,
}

/// Records an entry. A failure to log is itself logged but does not undo the action.
pub async fn record(db: &Pool, entry: Entry<'_>, now: DateTime<Utc>) {
    tracing::info!(
        action = entry.action,
        outcome = entry.outcome.as_str(),
        account = entry.actor_account_id,
        client = entry.client_id,
        object = entry.object.as_deref().unwrap_or(""),
        address = entry.address.unwrap_or(""),
        "access log"
    );
    let result = sqlx::query(
        "INSERT INTO access_log (organisation_id, actor_account_id, client_id, action, object, outcome, address, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(entry.organisation_id)
    .bind(entry.actor_account_id)
    .bind(entry.client_id)
    .bind(entry.action)
    .bind(entry.object)
    .bind(entry.outcome.as_str())
    .bind(entry.address)
    .bind(now)
    .execute(db)
    .await;
    if let Err(error) = result {
        tracing::error!(%error, "could not write the access log");
    }
}
