//! Keeping an account safe, as HTTP endpoints (issue 18): proving password and second
//! factor again while signed in, changing the e-mail address and the password (the
//! mobile number's endpoints are in `sign_in`), the account's security log and its
//! sessions, deleting the account, and a second factor reset by staff after a lost
//! phone. The identity itself is `auth`; these endpoints sit beside `sign_in`.
//!
//! A change of a sign-in detail needs a re-authentication within the last 5 minutes
//! (`reauthentication-required` otherwise), tells the old address (and, for a number,
//! the old number) without any secret, and is recorded in the account's security log.

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use kring_api::dev::Channel;
use kring_api::{
    paths, Accepted, AccountDeletionRequest, AccountEvent, AccountEventKind, AccountEventsQuery,
    ActiveSession, ActiveSessionsQuery, ChangeEmailRequest, ChangePasswordRequest, CodeChallenge,
    CodeConfirmation, EmailChangeConfirmation, Page, PasskeyOptions, PasskeySignIn,
    PasskeySignInStart, Reauthenticated, ReauthenticationRequest, Timestamp,
};

use crate::access_log::{self, Action, Actor, Entry, Outcome};
use crate::auth::accounts::{self, normalize_email, Account};
use crate::auth::codes::{self, Purpose};
use crate::auth::email_changes;
use crate::auth::messages::{self, ChangedDetail};
use crate::auth::session::{self, SignedIn, REAUTHENTICATION_VALID_FOR};
use crate::auth::{events, passwords, throttle};
use crate::outbox::limits;
use crate::paging::{self, PageLimit};
use crate::problem::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::request_guard::ClientAddress;
use crate::state::AppState;

/// The account security routes, relative to the API base.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(reauthenticate))
        .routes(routes!(reauthenticate_code))
        .routes(routes!(reauthentication_passkey_options))
        .routes(routes!(reauthenticate_passkey))
        .routes(routes!(change_email))
        .routes(routes!(confirm_email))
        .routes(routes!(change_password))
        .routes(routes!(account_events))
        .routes(routes!(active_sessions))
        .routes(routes!(end_session))
        .routes(routes!(delete_account))
}

/// The throttle key for wrong passwords while re-authenticating.
fn reauthentication_key(account_id: i64) -> String {
    format!("reauth:account:{account_id}")
}

/// An access-log entry about the account itself (no client's portal).
async fn log(
    state: &AppState,
    account: &Account,
    detail: &str,
    action: Action,
    outcome: Outcome,
    address: &str,
) -> Result<(), ApiError> {
    access_log::append(
        state,
        Entry {
            actor: Actor::account(account),
            client_id: None,
            section: "account",
            item: None,
            action,
            outcome,
            detail: Some(detail),
            address: Some(address),
        },
    )
    .await
}

/// Hands a notice to the outbox.
async fn send(state: &AppState, message: crate::outbox::OutgoingMessage) -> Result<(), ApiError> {
    state
        .sender
        .send(message)
        .await
        .map_err(|e| ApiError::Internal(format!("sending a notice: {e}")))
}

/// Tells the person by e-mail that a sign-in detail changed (to `to`: the old address
/// when the address itself changed).
async fn notify(
    state: &AppState,
    account: &Account,
    to: &str,
    detail: ChangedDetail,
) -> Result<(), ApiError> {
    let organisation = crate::organisation::name(&state.db, state.organisation_id).await?;
    send(
        state,
        messages::sign_in_detail_changed_email(
            to,
            &account.display_name,
            detail,
            &organisation,
            account.language(),
        ),
    )
    .await
}

/// Re-authenticate, step 1: the password. A code goes to the verified mobile number;
/// the account's passkey may be used instead, and is the only way when the account has
/// no verified number (then no code is sent: `code_sent` is false).
#[utoipa::path(
    post, path = paths::ACCOUNT_REAUTHENTICATION, tag = "account",
    request_body = kring_api::account::ReauthenticationRequest,
    responses(
        (status = 200, description = "A code went to the verified mobile number, or (without one) the account's passkey is asked for", body = kring_api::auth::CodeChallenge),
        (status = 401, description = "The password is wrong (invalid-credentials), or not signed in (unauthenticated, session-expired)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "No second factor left: set up a new number first (second-factor-required), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong passwords (rate-limited), or too many codes to this number lately (too-many-messages): wait (Retry-After)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
async fn reauthenticate(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<ReauthenticationRequest>,
) -> Result<ApiJson<CodeChallenge>, ApiError> {
    let now = state.clock.now();
    let account = &signed_in.account;
    let key = reauthentication_key(account.id);
    throttle::check(&state.db, &key, now).await?;
    let matches = state
        .passwords
        .verify(request.password, account.password_hash.clone())
        .await?;
    if !matches {
        throttle::record_failure(&state.db, &key, throttle::PER_EMAIL, now).await?;
        log(
            &state,
            account,
            "reauthentication_failed",
            Action::Other,
            Outcome::Failed,
            &address,
        )
        .await?;
        return Err(ApiError::InvalidCredentials);
    }
    throttle::clear(&state.db, &key).await?;
    let challenge = codes::second_step(&state, account, Purpose::Reauthentication, now).await?;
    Ok(ApiJson(challenge))
}

/// Re-authenticate, step 2: the code. For 5 minutes this session may change the e-mail
/// address, the mobile number and the password, and delete the account.
#[utoipa::path(
    post, path = paths::ACCOUNT_REAUTHENTICATION_CODE, tag = "account",
    request_body = kring_api::auth::CodeConfirmation,
    responses(
        (status = 200, description = "Re-authenticated", body = kring_api::account::Reauthenticated),
        (status = 400, description = "Wrong code (code-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 410, description = "Code no longer usable (code-expired)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong codes for this account lately (rate-limited): wait (Retry-After)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
        (status = 403, description = "No second factor left (second-factor-required), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
async fn reauthenticate_code(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<CodeConfirmation>,
) -> Result<ApiJson<Reauthenticated>, ApiError> {
    let now = state.clock.now();
    let confirmed = codes::confirm(
        &state,
        Purpose::Reauthentication,
        &request.attempt,
        &request.code,
        now,
    )
    .await?;
    reauthenticated(&state, &signed_in, confirmed.account_id, &address, now).await
}

/// The second factor was proved for the attempt of `account_id`: when that is the
/// session's own account, the session may change sign-in details for 5 minutes.
async fn reauthenticated(
    state: &AppState,
    signed_in: &SignedIn,
    account_id: i64,
    address: &str,
    now: DateTime<Utc>,
) -> Result<ApiJson<Reauthenticated>, ApiError> {
    if account_id != signed_in.account.id {
        return Err(ApiError::CodeExpired);
    }
    session::mark_reauthenticated(&state.db, signed_in.session_id, now).await?;
    log(
        state,
        &signed_in.account,
        "reauthenticated",
        Action::Other,
        Outcome::Allowed,
        address,
    )
    .await?;
    Ok(ApiJson(Reauthenticated {
        valid_until: Timestamp::from(now + REAUTHENTICATION_VALID_FOR),
    }))
}

/// Re-authenticate, step 2 with a passkey instead of the code: the options for the browser's `navigator.credentials.get`, for the attempt of step 1. The only way for an account without a verified mobile number.
#[utoipa::path(
    post, path = paths::ACCOUNT_REAUTHENTICATION_PASSKEY_OPTIONS, tag = "account",
    request_body = kring_api::passkeys::PasskeySignInStart,
    responses(
        (status = 200, description = "WebAuthn's request options", body = kring_api::passkeys::PasskeyOptions),
        (status = 400, description = "The account has no passkey (passkey-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 410, description = "Expired, used, out of tries, unknown, or another account's attempt (code-expired)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong codes or passkeys lately (rate-limited): wait (Retry-After)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
        (status = 403, response = crate::responses::CsrfRejected),
    ),
    security(("session" = [])),
)]
async fn reauthentication_passkey_options(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<PasskeySignInStart>,
) -> Result<ApiJson<PasskeyOptions>, ApiError> {
    let now = state.clock.now();
    let attempt =
        codes::open_attempt(&state, Purpose::Reauthentication, &request.attempt, now).await?;
    if attempt.account_id != signed_in.account.id {
        return Err(ApiError::CodeExpired);
    }
    Ok(ApiJson(
        crate::passkeys::request_options(&state, attempt, now).await?,
    ))
}

/// Re-authenticate, step 2 with a passkey: the browser's answer to the options. For 5 minutes this session may change the e-mail address, the mobile number and the password, and delete the account. A wrong answer counts as a wrong code.
#[utoipa::path(
    post, path = paths::ACCOUNT_REAUTHENTICATION_PASSKEY, tag = "account",
    request_body = kring_api::passkeys::PasskeySignIn,
    responses(
        (status = 200, description = "Re-authenticated", body = kring_api::account::Reauthenticated),
        (status = 400, description = "Not one of the account's passkeys, or a wrong answer; tries are left (passkey-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 410, description = "The attempt is expired, used, out of tries or another account's (code-expired), or no passkey options are open for it (passkey-expired)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong codes or passkeys lately (rate-limited): wait (Retry-After)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
        (status = 403, response = crate::responses::CsrfRejected),
    ),
    security(("session" = [])),
)]
async fn reauthenticate_passkey(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<PasskeySignIn>,
) -> Result<ApiJson<Reauthenticated>, ApiError> {
    let now = state.clock.now();
    let checked =
        crate::passkeys::check_passkey(&state, Purpose::Reauthentication, request, now).await;
    let account_id = match checked {
        Ok(account_id) => account_id,
        Err(error) => {
            log(
                &state,
                &signed_in.account,
                "reauthentication_failed",
                Action::Other,
                Outcome::Failed,
                &address,
            )
            .await?;
            return Err(error);
        }
    };
    reauthenticated(&state, &signed_in, account_id, &address, now).await
}

/// Change the e-mail address: a link goes to the new address, and the change counts
/// once it is opened. Needs a re-authentication within the last 5 minutes.
#[utoipa::path(
    post, path = paths::ACCOUNT_EMAIL, tag = "account",
    request_body = kring_api::account::ChangeEmailRequest,
    responses(
        (status = 202, description = "A link went to the new address", body = kring_api::auth::Accepted),
        (status = 409, description = "Another account uses this address (email-taken)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not an e-mail address, or the current one (email-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
        (status = 403, description = "No password and code within the last 5 minutes (reauthentication-required), no second factor left (second-factor-required), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 429, response = crate::responses::TooManyEmails),
    ),
    security(("session" = [])),
)]
async fn change_email(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<ChangeEmailRequest>,
) -> Result<(StatusCode, ApiJson<Accepted>), ApiError> {
    let now = state.clock.now();
    signed_in.require_recent_reauthentication(now)?;
    let account = &signed_in.account;
    let email = normalize_email(&request.email)?;
    if email == account.email {
        return Err(ApiError::EmailInvalid);
    }
    if accounts::email_in_use(&state.db, state.organisation_id, &email, account.id).await? {
        return Err(ApiError::EmailTaken);
    }
    let _permit = limits::reserve(
        &state.db,
        state.settings.message_limits,
        Channel::Email,
        &email,
        now,
    )
    .await?;
    let token = email_changes::start(&state.db, account.id, &email, now).await?;
    let link = format!(
        "{}/e-mailadres-bevestigen#{token}",
        state.settings.public_url
    );
    let organisation = crate::organisation::name(&state.db, state.organisation_id).await?;
    send(
        &state,
        messages::email_confirmation_email(
            &email,
            &account.display_name,
            &link,
            &organisation,
            account.language(),
        ),
    )
    .await?;
    Ok((StatusCode::ACCEPTED, ApiJson(Accepted { accepted: true })))
}

/// Confirm a new e-mail address with the token of the link sent to it. The old address
/// is told. Needs no session: the link may be opened on another device.
#[utoipa::path(
    post, path = paths::ACCOUNT_EMAIL_CONFIRM, tag = "account",
    request_body = kring_api::account::EmailChangeConfirmation,
    responses(
        (status = 200, description = "The e-mail address changed", body = kring_api::auth::Accepted),
        (status = 404, description = "Unknown link (link-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Another account uses this address by now (email-taken)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 410, description = "The link expired or was used (link-expired, link-used)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "The account is suspended or ended (account-suspended, account-ended), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    ),
)]
async fn confirm_email(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(request): ApiJson<EmailChangeConfirmation>,
) -> Result<ApiJson<Accepted>, ApiError> {
    let now = state.clock.now();
    let change = email_changes::by_token(&state.db, request.token.trim())
        .await?
        .ok_or(ApiError::LinkInvalid)?;
    if change.used_at.is_some() {
        return Err(ApiError::LinkUsed);
    }
    if change.expires_at <= now {
        return Err(ApiError::LinkExpired);
    }
    let account = accounts::by_id(&state.db, state.organisation_id, change.account_id)
        .await?
        .ok_or(ApiError::LinkInvalid)?;
    account.check_usable()?;
    if accounts::email_in_use(
        &state.db,
        state.organisation_id,
        &change.new_email,
        account.id,
    )
    .await?
    {
        return Err(ApiError::EmailTaken);
    }
    let mut tx = crate::db::begin_write(&state.db).await?;
    if !email_changes::use_once(&mut *tx, change.id, now).await? {
        return Err(ApiError::LinkUsed);
    }
    accounts::set_verified_email(&mut *tx, account.id, &change.new_email, now).await?;
    events::record(
        &mut *tx,
        account.id,
        AccountEventKind::EmailChanged,
        None,
        "new e-mail address confirmed through its link",
        now,
    )
    .await?;
    tx.commit().await?;
    log(
        &state,
        &account,
        "email_changed",
        Action::Update,
        Outcome::Allowed,
        &address,
    )
    .await?;
    notify(&state, &account, &account.email, ChangedDetail::Email).await?;
    Ok(ApiJson(Accepted { accepted: true }))
}

/// Change the password while signed in. Every other session of the account ends.
/// Needs a re-authentication within the last 5 minutes.
#[utoipa::path(
    post, path = paths::ACCOUNT_PASSWORD, tag = "account",
    request_body = kring_api::account::ChangePasswordRequest,
    responses(
        (status = 200, description = "The password changed", body = kring_api::auth::Accepted),
        (status = 422, description = "The password is too short or too common (password-too-short, password-too-common)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
        (status = 403, description = "No password and code within the last 5 minutes (reauthentication-required), no second factor left (second-factor-required), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
async fn change_password(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<ChangePasswordRequest>,
) -> Result<ApiJson<Accepted>, ApiError> {
    let now = state.clock.now();
    signed_in.require_recent_reauthentication(now)?;
    let account = &signed_in.account;
    passwords::check_policy(&request.password, &account.email)?;
    let hash = state.passwords.hash(request.password).await?;
    accounts::set_password_hash(&state.db, account.id, &hash).await?;
    session::end_all_but(
        &state.db,
        account.id,
        signed_in.session_id,
        "password_changed",
        now,
    )
    .await?;
    events::record(
        &state.db,
        account.id,
        AccountEventKind::PasswordChanged,
        None,
        "password changed while signed in",
        now,
    )
    .await?;
    log(
        &state,
        account,
        "password_changed",
        Action::Update,
        Outcome::Allowed,
        &address,
    )
    .await?;
    notify(&state, account, &account.email, ChangedDetail::Password).await?;
    Ok(ApiJson(Accepted { accepted: true }))
}

/// The account's security log, newest first: changes of the sign-in details, a paused
/// sign-in, a second factor reset by staff, ended sessions.
#[utoipa::path(
    get, path = paths::ACCOUNT_EVENTS, tag = "account",
    params(kring_api::account::AccountEventsQuery),
    responses(
        (status = 200, description = "A page of the account's events", body = kring_api::Page<kring_api::account::AccountEvent>),
        (status = 400, response = crate::responses::InvalidParameter),
        (status = 401, response = crate::responses::SignedOut),
        (status = 403, description = "No second factor left: set up a new number first (second-factor-required)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
async fn account_events(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiQuery(query): ApiQuery<AccountEventsQuery>,
) -> Result<ApiJson<Page<AccountEvent>>, ApiError> {
    let limit = PageLimit::parse(query.limit, AccountEventsQuery::BOUNDS)?.get();
    let before: Option<i64> = paging::position(query.cursor.as_ref())?;
    let rows = events::page(
        &state.db,
        signed_in.account.id,
        before,
        i64::from(limit) + 1,
    )
    .await?;
    let (rows, next_cursor) = paging::take_page(rows, limit, |row| row.id);
    let items = rows
        .into_iter()
        .map(|row| AccountEvent {
            id: row.id,
            kind: row.kind.0,
            by_staff: row
                .actor_account_id
                .is_some_and(|actor| actor != signed_in.account.id),
            occurred_at: Timestamp::from(row.occurred_at),
        })
        .collect();
    Ok(ApiJson(Page { items, next_cursor }))
}

/// The browser and system a User-Agent names, coarsely (no version numbers).
fn browser_and_device(user_agent: &str) -> (Option<String>, Option<String>) {
    let browser = if user_agent.contains("Edg/") {
        Some("Edge")
    } else if user_agent.contains("Firefox/") {
        Some("Firefox")
    } else if user_agent.contains("Chrome/") || user_agent.contains("Chromium/") {
        Some("Chrome")
    } else if user_agent.contains("Safari/") {
        Some("Safari")
    } else {
        None
    };
    let device = if user_agent.contains("iPhone") {
        Some("iPhone")
    } else if user_agent.contains("iPad") {
        Some("iPad")
    } else if user_agent.contains("Android") {
        Some("Android")
    } else if user_agent.contains("Windows") {
        Some("Windows")
    } else if user_agent.contains("Mac OS X") || user_agent.contains("Macintosh") {
        Some("Mac")
    } else if user_agent.contains("CrOS") {
        Some("ChromeOS")
    } else if user_agent.contains("Linux") {
        Some("Linux")
    } else {
        None
    };
    (browser.map(str::to_owned), device.map(str::to_owned))
}

/// The account's sessions that have not ended, newest first: the browser and system,
/// where the sign-in came from (coarse), when it started and was last used.
#[utoipa::path(
    get, path = paths::ACCOUNT_SESSIONS, tag = "account",
    params(kring_api::account::ActiveSessionsQuery),
    responses(
        (status = 200, description = "A page of the account's sessions", body = kring_api::Page<kring_api::account::ActiveSession>),
        (status = 400, response = crate::responses::InvalidParameter),
        (status = 401, response = crate::responses::SignedOut),
        (status = 403, description = "No second factor left: set up a new number first (second-factor-required)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
async fn active_sessions(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiQuery(query): ApiQuery<ActiveSessionsQuery>,
) -> Result<ApiJson<Page<ActiveSession>>, ApiError> {
    let limit = PageLimit::parse(query.limit, ActiveSessionsQuery::BOUNDS)?.get();
    let before: Option<i64> = paging::position(query.cursor.as_ref())?;
    let rows = session::active_for_account(
        &state.db,
        &state.settings,
        signed_in.account.id,
        before,
        i64::from(limit) + 1,
        state.clock.now(),
    )
    .await?;
    let (rows, next_cursor) = paging::take_page(rows, limit, |row| row.id);
    let items = rows
        .into_iter()
        .map(|row| {
            let (browser, device) = row
                .user_agent
                .as_deref()
                .map(browser_and_device)
                .unwrap_or_default();
            ActiveSession {
                id: row.id,
                current: row.id == signed_in.session_id,
                browser,
                device,
                address: row.client_address,
                started_at: Timestamp::from(row.created_at),
                last_used_at: Timestamp::from(row.last_seen_at),
            }
        })
        .collect();
    Ok(ApiJson(Page { items, next_cursor }))
}

/// Sign out one session of the account (another device). Another person's session, and
/// this session itself (sign out instead), are not found.
#[utoipa::path(
    delete, path = paths::ACCOUNT_SESSION, tag = "account",
    params(("session_id" = i64, Path, description = "The session (its id from the list)")),
    responses(
        (status = 204, description = "The session ended"),
        (status = 404, description = "No such session of this account that has not ended, or the request's own session (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
        (status = 403, description = "No second factor left (second-factor-required), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
async fn end_session(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    signed_in: SignedIn,
    ApiPath(session_id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    let now = state.clock.now();
    let account = &signed_in.account;
    if session_id == signed_in.session_id {
        return Err(ApiError::NotFound);
    }
    let mut tx = crate::db::begin_write(&state.db).await?;
    if !session::end_own(&mut *tx, account.id, session_id, "ended_from_settings", now).await? {
        return Err(ApiError::NotFound);
    }
    events::record(
        &mut *tx,
        account.id,
        AccountEventKind::SessionEnded,
        None,
        "a session was signed out from account settings",
        now,
    )
    .await?;
    tx.commit().await?;
    log(
        &state,
        account,
        "session_ended",
        Action::SignOut,
        Outcome::Allowed,
        &address,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Delete one's own account. Access to every portal ends and every session ends; what
/// the person added stays in the dossier as the rules require; the address can be given
/// access again later. Staff accounts are ended by an organisation administrator
/// instead. Needs a re-authentication within the last 5 minutes.
#[utoipa::path(
    post, path = paths::ACCOUNT_DELETION, tag = "account",
    request_body = kring_api::account::AccountDeletionRequest,
    responses(
        (status = 204, description = "The account was deleted; the session cookie is cleared"),
        (status = 422, description = "Not confirmed (confirmation-required)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
        (status = 403, description = "A staff account (forbidden), no password and code within the last 5 minutes (reauthentication-required), no second factor left (second-factor-required), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
async fn delete_account(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<AccountDeletionRequest>,
) -> Result<Response, ApiError> {
    let now = state.clock.now();
    let account = &signed_in.account;
    if account.staff_member_id.is_some() {
        return Err(ApiError::Forbidden);
    }
    if !request.confirm {
        return Err(ApiError::ConfirmationRequired);
    }
    signed_in.require_recent_reauthentication(now)?;
    let ended = delete_logged(&state, account, &address, now).await?;
    tracing::info!(
        account_id = account.id,
        portals = ended,
        "account deleted by its owner"
    );
    notify(
        &state,
        account,
        &account.email,
        ChangedDetail::AccountDeleted,
    )
    .await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    session::append_cookie(
        response.headers_mut(),
        session::clear_cookie(&state.settings),
    );
    Ok(response)
}

/// Deletes the account in one transaction with an access-log entry for each portal
/// whose access ends; returns how many ended.
async fn delete_logged(
    state: &AppState,
    account: &Account,
    address: &str,
    now: DateTime<Utc>,
) -> Result<usize, ApiError> {
    let turn = access_log::turn(state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let clients = crate::portals::lifecycle::end_account_access(&mut tx, account.id, now).await?;
    accounts::mark_deleted(&mut *tx, account.id, now).await?;
    crate::auth::passkeys::delete_all(&mut *tx, account.id).await?;
    session::end_all(&mut *tx, account.id, "account_deleted", now).await?;
    events::record(
        &mut *tx,
        account.id,
        AccountEventKind::AccountDeleted,
        None,
        "account deleted by its owner",
        now,
    )
    .await?;
    for client_id in &clients {
        turn.append_in(
            &mut tx,
            &Entry {
                actor: Actor::account(account),
                client_id: Some(*client_id),
                section: "account",
                item: Some(format!("account:{}", account.id)),
                action: Action::Update,
                outcome: Outcome::Allowed,
                detail: Some("account_deleted"),
                address: Some(address),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(clients.len())
}

#[cfg(test)]
pub(crate) mod tests;
