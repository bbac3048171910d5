//! Getting back in after a lost phone (issue 18): a member of staff, having checked who
//! the person is outside the portal, takes the second factor off their account. Every
//! session of the account ends, the reset is logged with who did it and why, and the
//! person is told by e-mail; at the next sign-in the password alone opens a session
//! that can only set up a new number or a passkey.

use chrono::{DateTime, Utc};
use kring_api::AccountEventKind;

use super::accounts::{self, Account};
use super::{events, messages, session, throttle};
use crate::db::Db;
use crate::problem::ApiError;
use crate::state::AppState;

/// A staff member's reason for a reset, checked: 1 to 500 characters after trimming.
pub fn checked_reason(reason: &str) -> Result<String, ApiError> {
    crate::text::bounded_text("reason", reason, 500)
}

/// Resets the account's second factor in the caller's transaction: the number is no
/// longer verified, its passkeys are removed, its sessions end, and the account's security log names the staff
/// member's account and their reason.
pub async fn reset_second_factor(
    tx: &mut sqlx::Transaction<'_, Db>,
    account: &Account,
    actor_account_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    accounts::reset_second_factor(&mut **tx, account.id, now).await?;
    // The lost phone may hold the passkeys too: every second factor goes, so the
    // account's one way back in is the new number or passkey set up at the next sign-in.
    super::passkeys::delete_all(&mut **tx, account.id).await?;
    session::end_all(&mut **tx, account.id, "second_factor_reset", now).await?;
    events::record(
        &mut **tx,
        account.id,
        AccountEventKind::SecondFactorReset,
        Some(actor_account_id),
        &format!("second factor reset by staff: {reason}"),
        now,
    )
    .await?;
    Ok(())
}

/// After the reset committed: a wait for wrong codes (perhaps a thief's) no longer
/// holds, and the person is told by e-mail how to get back in.
pub async fn tell_person(state: &AppState, account: &Account) -> Result<(), ApiError> {
    throttle::clear(&state.db, &throttle::account_codes_key(account.id)).await?;
    let organisation = crate::organisation::name(&state.db, state.organisation_id).await?;
    let link = format!("{}/inloggen", state.settings.public_url);
    state
        .sender
        .send(messages::second_factor_reset_email(
            &account.email,
            &account.display_name,
            &link,
            &organisation,
            account.language(),
        ))
        .await
        .map_err(|e| ApiError::Internal(format!("sending the reset notice: {e}")))
}
