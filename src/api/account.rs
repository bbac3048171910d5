//! The account security endpoints (issue 18): re-authentication, changing the e-mail
//! address and password, the security log, sessions, deleting the account, and staff
//! resetting a lost phone's second factor.

use kring_api::{
    paths, Accepted, AccountDeletionRequest, AccountEvent, AccountEventsQuery, ActiveSession,
    ActiveSessionsQuery, ChangeEmailRequest, ChangePasswordRequest, CodeChallenge,
    CodeConfirmation, Cursor, EmailChangeConfirmation, Page, PasskeyOptions, PasskeySignIn,
    PasskeySignInStart, PortalSecondFactorReset, Reauthenticated, ReauthenticationRequest,
    SecondFactorResetRequest,
};

use super::client;
use super::ApiError;

/// Re-authenticate, step 1: the password (`POST /account/reauthentication`).
pub async fn reauthenticate(password: String) -> Result<CodeChallenge, ApiError> {
    client::post_json(
        paths::ACCOUNT_REAUTHENTICATION,
        &ReauthenticationRequest { password },
    )
    .await
}

/// Re-authenticate, step 2: the code (`POST /account/reauthentication/code`).
pub async fn confirm_reauthentication(
    request: CodeConfirmation,
) -> Result<Reauthenticated, ApiError> {
    client::post_json(paths::ACCOUNT_REAUTHENTICATION_CODE, &request).await
}

/// Re-authenticate, step 2 with a passkey: its options
/// (`POST /account/reauthentication/passkey/options`).
pub async fn reauthentication_passkey_options(attempt: String) -> Result<PasskeyOptions, ApiError> {
    client::post_json(
        paths::ACCOUNT_REAUTHENTICATION_PASSKEY_OPTIONS,
        &PasskeySignInStart { attempt },
    )
    .await
}

/// Re-authenticate, step 2 with a passkey: the browser's answer
/// (`POST /account/reauthentication/passkey`).
pub async fn reauthenticate_with_passkey(
    request: PasskeySignIn,
) -> Result<Reauthenticated, ApiError> {
    client::post_json(paths::ACCOUNT_REAUTHENTICATION_PASSKEY, &request).await
}

/// A new e-mail address; a link goes to it (`POST /account/email`).
pub async fn change_email(email: String) -> Result<Accepted, ApiError> {
    client::post_json(paths::ACCOUNT_EMAIL, &ChangeEmailRequest { email }).await
}

/// Confirms a new e-mail address with its link's token (`POST /account/email/confirm`).
pub async fn confirm_email(token: String) -> Result<Accepted, ApiError> {
    client::post_json(
        paths::ACCOUNT_EMAIL_CONFIRM,
        &EmailChangeConfirmation { token },
    )
    .await
}

/// A new password while signed in (`POST /account/password`).
pub async fn change_password(password: String) -> Result<Accepted, ApiError> {
    client::post_json(paths::ACCOUNT_PASSWORD, &ChangePasswordRequest { password }).await
}

/// A page of the account's security log (`GET /account/events`).
pub async fn account_events(cursor: Option<Cursor>) -> Result<Page<AccountEvent>, ApiError> {
    let query = AccountEventsQuery::after(cursor);
    client::get_json(&client::with_query(
        paths::ACCOUNT_EVENTS.to_owned(),
        &query,
    ))
    .await
}

/// A page of the account's sessions (`GET /account/sessions`).
pub async fn account_sessions(cursor: Option<Cursor>) -> Result<Page<ActiveSession>, ApiError> {
    let query = ActiveSessionsQuery::after(cursor);
    client::get_json(&client::with_query(
        paths::ACCOUNT_SESSIONS.to_owned(),
        &query,
    ))
    .await
}

/// Signs one session out (`DELETE /account/sessions/{session_id}`).
pub async fn end_session(session_id: i64) -> Result<(), ApiError> {
    client::delete_no_content(&paths::fill(paths::ACCOUNT_SESSION, &[session_id])).await
}

/// Deletes one's own account (`POST /account/deletion`).
pub async fn delete_account() -> Result<(), ApiError> {
    client::post_json_no_content(
        paths::ACCOUNT_DELETION,
        &AccountDeletionRequest { confirm: true },
    )
    .await
}

/// Staff: resets the second factor of someone with access to a client's portal
/// (`POST /staff/clients/{client_id}/second-factor-reset`).
pub async fn reset_portal_second_factor(
    client_id: i64,
    email: String,
    reason: String,
) -> Result<Accepted, ApiError> {
    client::post_json(
        &paths::fill(paths::STAFF_CLIENT_SECOND_FACTOR_RESET, &[client_id]),
        &PortalSecondFactorReset { email, reason },
    )
    .await
}

/// Organisation administrators: reset a staff member's second factor
/// (`POST /staff/members/{staff_id}/second-factor-reset`).
pub async fn reset_staff_second_factor(
    staff_id: i64,
    reason: String,
) -> Result<Accepted, ApiError> {
    client::post_json(
        &paths::fill(paths::STAFF_MEMBER_SECOND_FACTOR_RESET, &[staff_id]),
        &SecondFactorResetRequest { reason },
    )
    .await
}
