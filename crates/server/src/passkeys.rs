//! Passkeys as the second factor, as HTTP endpoints (issue 18): a signed-in person
//! adds, lists and removes their passkeys; after the password step a passkey can take
//! the place of the SMS code. The stored passkeys and ceremonies are `auth::passkeys`;
//! the session starts as after a code (`sign_in::sign_in_as`).
//!
//! A session opened with the password alone after a lost phone may add a passkey (and
//! see its list): that passkey is then the account's new second factor, instead of a
//! new number. Re-authenticating with a passkey uses [`request_options`] and
//! [`check_passkey`] from `account_security`.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kring_api::{
    paths, AccountEventKind, NewPasskey, PasskeyOptions, PasskeySignIn, PasskeySignInStart,
    PasskeySummary, Timestamp,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use webauthn_rs::prelude::{
    PasskeyAuthentication, PasskeyRegistration, PublicKeyCredential, RegisterPublicKeyCredential,
    Webauthn,
};

use crate::access_log::Outcome;
use crate::auth::codes::{self, OpenAttempt, Purpose};
use crate::auth::passkeys::{self as stored, PasskeyRow};
use crate::auth::session::{AnyFactor, SignedIn};
use crate::auth::{accounts, events};
use crate::problem::{ApiError, ApiJson, ApiPath};
use crate::request_guard::ClientAddress;
use crate::state::AppState;

/// The passkey routes, relative to the API base.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_passkeys, add_passkey))
        .routes(routes!(passkey_options))
        .routes(routes!(remove_passkey))
        .routes(routes!(sign_in_passkey_options))
        .routes(routes!(sign_in_passkey))
}

async fn relying_party(state: &AppState) -> Result<Webauthn, ApiError> {
    let organisation = crate::organisation::name(&state.db, state.organisation_id).await?;
    stored::relying_party(&state.settings, &organisation)
}

fn summary(row: PasskeyRow) -> PasskeySummary {
    PasskeySummary {
        id: row.id,
        name: row.name,
        created_at: Timestamp::from(row.created_at),
        last_used_at: row.last_used_at.map(Timestamp::from),
    }
}

/// The signed-in person's passkeys, oldest first (at most 10, so one answer). Also for a session that must set up a new second factor.
#[utoipa::path(
    get, path = paths::ACCOUNT_PASSKEYS, tag = "account",
    responses(
        (status = 200, description = "The passkeys", body = Vec<kring_api::passkeys::PasskeySummary>),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn list_passkeys(
    State(state): State<AppState>,
    AnyFactor(signed_in): AnyFactor,
) -> Result<ApiJson<Vec<PasskeySummary>>, ApiError> {
    let rows = stored::list(&state.db, signed_in.account.id).await?;
    Ok(ApiJson(rows.into_iter().map(summary).collect()))
}

/// Starts adding a passkey: the options for the browser's `navigator.credentials.create`. The challenge is kept on the server for this session, for 5 minutes, once. Also for a session that must set up a new second factor (after a lost phone).
#[utoipa::path(
    post, path = paths::ACCOUNT_PASSKEY_OPTIONS, tag = "account",
    responses(
        (status = 200, description = "WebAuthn's creation options", body = kring_api::passkeys::PasskeyOptions),
        (status = 409, description = "The account has 10 passkeys already (too-many-passkeys)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
        (status = 403, response = crate::responses::CsrfRejected),
    ),
    security(("session" = [])),
)]
async fn passkey_options(
    State(state): State<AppState>,
    AnyFactor(signed_in): AnyFactor,
) -> Result<ApiJson<PasskeyOptions>, ApiError> {
    let account = &signed_in.account;
    let existing = stored::list(&state.db, account.id).await?;
    if existing.len() as i64 >= stored::MAX_PER_ACCOUNT {
        return Err(ApiError::TooManyPasskeys);
    }
    // The person's own authenticators are excluded, so one is not added twice.
    let exclude = existing
        .iter()
        .map(|row| row.passkey().map(|p| p.cred_id().clone()))
        .collect::<Result<Vec<_>, _>>()?;
    let (options, registration) = relying_party(&state)
        .await?
        .start_passkey_registration(
            stored::user_handle(account.id),
            &account.email,
            &account.display_name,
            Some(exclude),
        )
        .map_err(|e| ApiError::Internal(format!("passkey options: {e}")))?;
    stored::store_ceremony(
        &state.db,
        account.id,
        &stored::registration_key(signed_in.session_id),
        &registration,
        state.clock.now(),
    )
    .await?;
    Ok(ApiJson(PasskeyOptions {
        options: to_json(&options)?,
    }))
}

/// Adds the passkey the browser made for the options of this session. Recorded in the account's security log. After a lost phone it is the account's new second factor: the session may then do everything, and signing in asks for this passkey (no code is sent while the account has no verified number).
#[utoipa::path(
    post, path = paths::ACCOUNT_PASSKEYS, tag = "account",
    request_body = kring_api::passkeys::NewPasskey,
    responses(
        (status = 201, description = "Added", body = kring_api::passkeys::PasskeySummary),
        (status = 400, description = "The browser's answer does not fit the options, or this passkey is added already (passkey-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 410, description = "No options asked in this session, or they expired or were used (passkey-expired)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The account has 10 passkeys already (too-many-passkeys)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The name is empty or longer than 60 characters (invalid-body, text-too-long)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
        (status = 403, response = crate::responses::CsrfRejected),
    ),
    security(("session" = [])),
)]
async fn add_passkey(
    State(state): State<AppState>,
    AnyFactor(signed_in): AnyFactor,
    ApiJson(request): ApiJson<NewPasskey>,
) -> Result<(StatusCode, ApiJson<PasskeySummary>), ApiError> {
    let now = state.clock.now();
    let account = &signed_in.account;
    let name = crate::text::bounded_text("name", &request.name, stored::NAME_MAX_CHARS)?;
    let (_, registration): (_, PasskeyRegistration) = stored::take_ceremony(
        &state.db,
        &stored::registration_key(signed_in.session_id),
        now,
    )
    .await?;
    let credential: RegisterPublicKeyCredential =
        serde_json::from_value(serde_json::Value::Object(request.credential))
            .map_err(|_| ApiError::PasskeyInvalid)?;
    let passkey = relying_party(&state)
        .await?
        .finish_passkey_registration(&credential, &registration)
        .map_err(|_| ApiError::PasskeyInvalid)?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    if stored::count(&mut *tx, account.id).await? >= stored::MAX_PER_ACCOUNT {
        return Err(ApiError::TooManyPasskeys);
    }
    let id = stored::insert(&mut *tx, account.id, &name, &passkey, now)
        .await?
        .ok_or(ApiError::PasskeyInvalid)?;
    let after_reset = account.awaits_new_second_factor();
    if after_reset {
        accounts::end_second_factor_reset(&mut *tx, account.id).await?;
    }
    events::record(
        &mut *tx,
        account.id,
        AccountEventKind::PasskeyAdded,
        None,
        &if after_reset {
            format!("passkey \"{name}\" added as the new second factor after a reset")
        } else {
            format!("passkey \"{name}\" added")
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(PasskeySummary {
            id,
            name,
            created_at: Timestamp::from(now),
            last_used_at: None,
        }),
    ))
}

/// Removes one of the signed-in person's passkeys. Refused when it is their last second factor (no verified mobile number and no other passkey). Recorded in the account's security log.
#[utoipa::path(
    delete, path = paths::ACCOUNT_PASSKEY, tag = "account",
    params(("passkey_id" = i64, Path, description = "The passkey")),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, description = "Not one of the person's passkeys (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "It is the last second factor (last-second-factor)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
        (status = 403, response = crate::responses::CsrfRejected),
    ),
    security(("session" = [])),
)]
async fn remove_passkey(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiPath(passkey_id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    let now = state.clock.now();
    let account_id = signed_in.account.id;
    // Counted and removed in one write transaction, so two removals at once cannot
    // both leave the other as the last one and remove it.
    let mut tx = crate::db::begin_write(&state.db).await?;
    let passkeys = stored::count(&mut *tx, account_id).await?;
    // Removed first, so an unknown passkey is `not-found`; a refusal after it drops
    // the transaction, which undoes the removal.
    let name = stored::delete(&mut *tx, account_id, passkey_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if signed_in.account.mobile_verified_at.is_none() && passkeys <= 1 {
        return Err(ApiError::LastSecondFactor);
    }
    events::record(
        &mut *tx,
        account_id,
        AccountEventKind::PasskeyRemoved,
        None,
        &format!("passkey \"{name}\" removed"),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Signing in, step 2 with a passkey instead of the SMS code: the options for the browser's `navigator.credentials.get`, for the account's passkeys. The challenge is kept on the server for this attempt, for 5 minutes, once; asking again replaces it.
#[utoipa::path(
    post, path = paths::SIGN_IN_PASSKEY_OPTIONS, tag = "auth",
    request_body = kring_api::passkeys::PasskeySignInStart,
    responses(
        (status = 200, description = "WebAuthn's request options", body = kring_api::passkeys::PasskeyOptions),
        (status = 400, description = "The account has no passkey (passkey-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 410, description = "Expired, used, out of tries or unknown attempt (code-expired)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong codes or passkeys lately (rate-limited): wait (Retry-After)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, response = crate::responses::CsrfRejected),
        (status = 422, description = "A field is missing, unknown or of the wrong type (invalid-body)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    ),
)]
async fn sign_in_passkey_options(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<PasskeySignInStart>,
) -> Result<ApiJson<PasskeyOptions>, ApiError> {
    let now = state.clock.now();
    let attempt = codes::open_attempt(&state, Purpose::SignIn, &request.attempt, now).await?;
    Ok(ApiJson(request_options(&state, attempt, now).await?))
}

/// The options for the browser's `navigator.credentials.get` for an open attempt (signing
/// in or re-authenticating), for the account's passkeys; the challenge is kept for the
/// attempt, for 5 minutes, once (asking again replaces it). `passkey-invalid` when the
/// account has none.
pub(crate) async fn request_options(
    state: &AppState,
    attempt: OpenAttempt,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<PasskeyOptions, ApiError> {
    let passkeys = stored::list(&state.db, attempt.account_id)
        .await?
        .iter()
        .map(PasskeyRow::passkey)
        .collect::<Result<Vec<_>, _>>()?;
    if passkeys.is_empty() {
        return Err(ApiError::PasskeyInvalid);
    }
    let (options, authentication) = relying_party(state)
        .await?
        .start_passkey_authentication(&passkeys)
        .map_err(|e| ApiError::Internal(format!("passkey options: {e}")))?;
    stored::store_ceremony(
        &state.db,
        attempt.account_id,
        &stored::sign_in_key(attempt.id),
        &authentication,
        now,
    )
    .await?;
    Ok(PasskeyOptions {
        options: to_json(&options)?,
    })
}

/// Signing in, step 2 with a passkey: the browser's answer to this attempt's options. Starts a new session, as the code does. A passkey that is not the account's, or a wrong answer, counts as a wrong code.
#[utoipa::path(
    post, path = paths::SIGN_IN_PASSKEY, tag = "auth",
    request_body = kring_api::passkeys::PasskeySignIn,
    responses(
        (status = 200, description = "Signed in; the session cookie is set", body = kring_api::auth::SessionInfo),
        (status = 400, description = "Not one of the account's passkeys, or a wrong answer; tries are left (passkey-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 410, description = "The attempt is expired, used or out of tries (code-expired), or no passkey options are open for it: expired or used (passkey-expired)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong codes or passkeys lately (rate-limited): wait (Retry-After)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, response = crate::responses::CsrfRejected),
        (status = 422, description = "A field is missing, unknown or of the wrong type (invalid-body)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    ),
)]
async fn sign_in_passkey(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    ApiJson(request): ApiJson<PasskeySignIn>,
) -> Result<Response, ApiError> {
    let now = state.clock.now();
    match check_passkey(&state, Purpose::SignIn, request, now).await {
        Ok(account_id) => {
            crate::sign_in::sign_in_as(
                &state,
                &headers,
                account_id,
                "sign_in_passkey",
                &address,
                now,
            )
            .await
        }
        Err(error) => {
            crate::sign_in::log(
                &state,
                None,
                "sign_in_passkey_failed",
                Outcome::Failed,
                &address,
            )
            .await?;
            Err(error)
        }
    }
}

/// Checks the browser's answer for the attempt of `purpose`; the account it proves. The
/// attempt is used up on success; a wrong answer counts as a wrong code.
pub(crate) async fn check_passkey(
    state: &AppState,
    purpose: Purpose,
    request: PasskeySignIn,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<i64, ApiError> {
    let attempt = codes::open_attempt(state, purpose, &request.attempt, now).await?;
    let (_, authentication): (_, PasskeyAuthentication) =
        stored::take_ceremony(&state.db, &stored::sign_in_key(attempt.id), now).await?;
    let rows = stored::list(&state.db, attempt.account_id).await?;
    let credential = serde_json::from_value::<PublicKeyCredential>(serde_json::Value::Object(
        request.credential,
    ))
    .ok();
    let result = match credential {
        Some(credential) => relying_party(state)
            .await?
            .finish_passkey_authentication(&credential, &authentication)
            .ok(),
        None => None,
    };
    // webauthn-rs only accepts a credential the options allowed (this account's).
    let matched = match &result {
        Some(result) => rows
            .iter()
            .map(|row| row.passkey().map(|passkey| (row.id, passkey)))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .find(|(_, passkey)| passkey.cred_id() == result.cred_id()),
        None => None,
    };
    let (Some(result), Some((passkey_id, mut passkey))) = (result, matched) else {
        return Err(codes::count_wrong(state, attempt, ApiError::PasskeyInvalid, now).await?);
    };
    codes::use_up(state, attempt, now).await?;
    passkey.update_credential(&result);
    stored::mark_used(&state.db, passkey_id, &passkey, now).await?;
    Ok(attempt.account_id)
}

fn to_json<T: serde::Serialize>(options: &T) -> Result<serde_json::Value, ApiError> {
    serde_json::to_value(options).map_err(|e| ApiError::Internal(format!("passkey options: {e}")))
}

#[cfg(test)]
#[path = "passkeys_tests.rs"]
pub(crate) mod tests;
