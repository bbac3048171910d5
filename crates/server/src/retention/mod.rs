//! Retention (R25): once the organisation's retention years after the end of care have
//! passed, a daily job removes the client's portal data. Nothing goes a day early.
//!
//! What goes, all of it the portal's own or the portal's copy:
//! - what the client and their circle added: notes, photos (a photo linked to other
//!   clients too only loses this client's link; a photo of this client alone goes with
//!   its files), correction requests;
//! - the circle: access records (`portal_access`), invitations, report visits;
//! - reports and care plans. They come from the care record system, which is the
//!   record: the portal only shows a copy of them (DESIGN.md, R11: "information from
//!   the client's own care dossier"; the architecture: jobs "purge data after
//!   retention"). The copy goes with the rest.
//! - the access-log entries about the client (see below).
//!
//! What stays: the client's registration (client number, name, dates), which the
//! organisation's administration owns and the care record system supplies, marked
//! `portal_data_removed_at`; accounts (a person may be in other portals, and the access
//! log of other portals names them); and, per removal, one row in `retention_removals`
//! (when, the end of care and the retention years: the rule) with the number of items
//! of each kind in `retention_removal_counts`. No name, no content, no client id.
//!
//! The access log's entries about the client: NEN 7513 asks to keep the log of a
//! dossier as long as the dossier itself, and no longer than needed; once the dossier
//! is gone the entries about it have no purpose left, and they hold names (who looked,
//! on whose behalf). So they go. The log is a hash chain, though: each entry holds the
//! hash of the one before, and `verify` walks it. Removing entries in the middle would
//! break every later link. So each removed entry leaves its place in
//! `access_log_removed`: its id, the hash before it and its own hash, nothing of its
//! content. `access_log::verify` walks across these places, and checks that the number
//! of places of each removal is the number the removal's own chained log entry states
//! (section `retention`), so a place cannot be added afterwards to hide a deleted entry
//! without breaking the chain. The database only lets an entry go whose place was kept
//! (the delete trigger of migration 0011).
//!
//! Several instances: each client's removal is one transaction that first claims the
//! client (`portal_data_removed_at` set where it was empty). On PostgreSQL a second
//! instance's claim waits for the first to commit and then finds the row taken; SQLite
//! has one writer at a time (`BEGIN IMMEDIATE`). The files of removed photos go after
//! the commit; a file whose removal fails has no row any more, so the orphan sweep
//! takes it.

mod queries;
#[cfg(test)]
mod tests;

use std::time::Duration as StdDuration;

use chrono::{Datelike, Duration, NaiveDate};

use crate::access_log::{self, Action, Actor, Entry, Outcome};
use crate::problem::ApiError;
use crate::state::AppState;

/// How often the job runs: once a day (and at start-up).
pub const INTERVAL: StdDuration = StdDuration::from_secs(24 * 60 * 60);

/// The day care counts as ended for retention: the later of the end of the care
/// relation and the day of death. (Access ends at the earlier one; for removal the
/// later one is the careful choice: nothing goes early.)
pub fn care_ended_on(
    relation_end: Option<NaiveDate>,
    deceased_on: Option<NaiveDate>,
) -> Option<NaiveDate> {
    match (relation_end, deceased_on) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// The first day the portal data may be removed: the day after the retention years
/// have passed since care ended. Care that ended on 29 February counts its years to 1
/// March in a year without that day (so never a day early).
pub fn removal_due_on(care_ended_on: NaiveDate, retention_years: u32) -> Option<NaiveDate> {
    let year = care_ended_on
        .year()
        .checked_add(i32::try_from(retention_years).ok()?)?;
    let anniversary = care_ended_on
        .with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))?;
    anniversary.checked_add_signed(Duration::days(1))
}

/// What one run did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunReport {
    /// Clients whose portal data was removed.
    pub clients: usize,
}

/// Removes the portal data of every client of the server's organisation whose
/// retention ended before today.
pub async fn run_once(state: &AppState) -> Result<RunReport, ApiError> {
    let today = state.clock.today();
    let mut report = RunReport::default();
    for candidate in queries::candidates(&state.db, state.organisation_id).await? {
        let Some(ended) = care_ended_on(candidate.care_relation_end, candidate.deceased_on) else {
            continue;
        };
        let years = u32::try_from(candidate.retention_years).unwrap_or(u32::MAX);
        if removal_due_on(ended, years).is_some_and(|due| today >= due)
            && remove_client(state, candidate.id).await?
        {
            report.clients += 1;
        }
    }
    Ok(report)
}

/// Removes one client's portal data in one transaction, if it is still due and no
/// other instance took it. True when this call removed it.
async fn remove_client(state: &AppState, client_id: i64) -> Result<bool, ApiError> {
    let now = state.clock.now();
    // The turn first, then the transaction (as every writer of the log does).
    let turn = access_log::turn(state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    if !queries::claim(&mut tx, client_id, now).await? {
        tx.rollback().await?;
        return Ok(false);
    }
    // Read again under the claim: an end of care corrected meanwhile counts.
    let rule = queries::rule(&mut tx, client_id).await?;
    let ended = care_ended_on(rule.care_relation_end, rule.deceased_on);
    let years = u32::try_from(rule.retention_years).unwrap_or(u32::MAX);
    let (Some(ended), true) = (
        ended,
        ended
            .and_then(|ended| removal_due_on(ended, years))
            .is_some_and(|due| now.date_naive() >= due),
    ) else {
        tx.rollback().await?;
        return Ok(false);
    };
    let removal_id = queries::insert_removal(
        &mut tx,
        state.organisation_id,
        now,
        ended,
        rule.retention_years,
    )
    .await?;
    let removed = queries::remove_portal_data(&mut tx, client_id, removal_id).await?;
    queries::insert_counts(&mut tx, removal_id, &removed.counts).await?;
    // The removal's own entry states how many places in the log it left, so that the
    // verification can tell these places from a hidden deletion.
    let detail = removed.access_log_entries.to_string();
    turn.append_in(
        &mut tx,
        &Entry {
            actor: Actor::system(),
            client_id: None,
            section: access_log::RETENTION_SECTION,
            item: Some(removal_id.to_string()),
            action: Action::Remove,
            outcome: Outcome::Allowed,
            detail: Some(&detail),
            address: None,
        },
    )
    .await?;
    tx.commit().await?;
    drop(turn);
    for object_key in &removed.photo_object_keys {
        state.photos.delete_prefix(object_key).await;
    }
    tracing::info!(
        removal = removal_id,
        "removed a client's portal data after the retention period"
    );
    Ok(true)
}

/// Runs the job now and then every [`INTERVAL`] until the server stops.
pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(INTERVAL);
        loop {
            ticker.tick().await;
            match run_once(&state).await {
                Ok(RunReport { clients: 0 }) => {}
                Ok(report) => tracing::info!(
                    clients = report.clients,
                    "removed portal data after the retention period"
                ),
                Err(error) => tracing::error!(%error, "the retention job failed"),
            }
        }
    });
}
