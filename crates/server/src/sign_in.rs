//! Signing in and what surrounds it, as HTTP endpoints: the two sign-in steps, the
//! session, activation, password reset and changing the mobile number (R3, R26). The
//! identity itself (accounts, codes, links, sessions) is `auth`; these endpoints sit
//! above it and above the portals, whose list the session shows.

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use axum::extract::State;
use axum::http::header::HeaderName;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use kring_api::Timestamp;
use kring_api::{
    paths, Accepted, AccountInfo, ActivationInfo, ActivationLookup, ActivationRequest,
    ChangeMobileRequest, CodeChallenge, CodeConfirmation, PasswordResetCompletion,
    PasswordResetRequest, PortalState, ResendCodeRequest, SessionInfo, SignInRequest, SignInStep,
};

use crate::access_log::{self, Action, Actor, Entry, Outcome};
use crate::auth::accounts::{self, mobile_hint, normalize_email, normalize_mobile, Account};
use crate::auth::codes::{self, AttemptFacts, Purpose};
use crate::auth::links::{self, new_link, LinkRow, RESET_LINK_LIFETIME};
use crate::auth::session::{self, AnyFactor, SignedIn};
use crate::auth::{messages, passwords, throttle};
use crate::portals;
use crate::problem::{ApiError, ApiJson};
use crate::request_guard::ClientAddress;
use crate::state::AppState;

/// The identity routes, relative to the API base.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sign_in))
        .routes(routes!(sign_in_code))
        .routes(routes!(resend_code))
        .routes(routes!(get_session))
        .routes(routes!(keep_alive))
        .routes(routes!(sign_out))
        .routes(routes!(sign_out_everywhere))
        .routes(routes!(activation_info))
        .routes(routes!(activate))
        .routes(routes!(activation_code))
        .routes(routes!(request_password_reset))
        .routes(routes!(complete_password_reset))
        .routes(routes!(change_mobile))
        .routes(routes!(confirm_mobile))
}

/// The session as the app sees it.
pub async fn session_info(state: &AppState, signed_in: &SignedIn) -> Result<SessionInfo, ApiError> {
    let today = state.clock.today();
    let account = &signed_in.account;
    let terms = portals::terms_status(&state.db, state.organisation_id, account.id, today).await?;
    let portals = if terms.accepted {
        portals::list_for_account(&state.db, state.organisation_id, account.id, today).await?
    } else {
        Vec::new()
    };
    Ok(SessionInfo {
        account: AccountInfo {
            name: account.display_name.clone(),
            email: account.email.clone(),
            mobile_hint: mobile_hint(&account.mobile),
            language: account.language(),
        },
        idle_timeout_seconds: state.settings.session_idle.num_seconds() as u32,
        idle_expires_at: Timestamp::from(signed_in.idle_expires_at),
        absolute_expires_at: Timestamp::from(signed_in.absolute_expires_at),
        terms,
        portals,
        staff: match account.staff_member_id {
            Some(staff_id) => crate::staff_members::staff_info(state, staff_id).await?,
            None => None,
        },
        second_factor_required: !account.has_second_factor(),
    })
}

/// Writes a sign-in event to the access log (also for the passkey step).
pub(crate) async fn log(
    state: &AppState,
    account: Option<&Account>,
    detail: &str,
    outcome: Outcome,
    address: &str,
) -> Result<(), ApiError> {
    let action = if detail.starts_with("sign_in") || detail == "activate" {
        Action::SignIn
    } else if detail.starts_with("sign_out") {
        Action::SignOut
    } else if detail == "mobile_changed" {
        Action::Update
    } else {
        Action::Other
    };
    access_log::append(
        state,
        Entry {
            actor: account.map(Actor::account).unwrap_or_else(Actor::anonymous),
            client_id: None,
            section: "auth",
            item: None,
            action,
            outcome,
            detail: Some(detail),
            address: Some(address),
        },
    )
    .await
}

/// Whether the account has any portal that is not ended, or an open invitation to one
/// (staff always may sign in).
pub(crate) async fn has_portal_left(state: &AppState, account: &Account) -> Result<bool, ApiError> {
    if account.staff_member_id.is_some() {
        return Ok(true);
    }
    let portals = portals::list_for_account(
        &state.db,
        state.organisation_id,
        account.id,
        state.clock.today(),
    )
    .await?;
    if portals.iter().any(|p| p.state != PortalState::Ended) {
        return Ok(true);
    }
    // Someone invited into a circle may sign in to accept, also when earlier circles ended.
    Ok(accounts::has_open_invitation(
        &state.db,
        state.organisation_id,
        &account.email,
        state.clock.now(),
    )
    .await?)
}

/// Step 1 of signing in: e-mail address and password. The same answer for unknown addresses as for wrong passwords.
#[utoipa::path(
    post, path = paths::SIGN_IN, tag = "auth",
    request_body = kring_api::auth::SignInRequest,
    responses(
        (status = 200, description = "A code went to the verified mobile number (code_sent), or, for an account whose only second factor is a passkey, the passkey is asked for and no code is sent; or, for an account whose second factor staff reset (a lost phone), a session that can only set up a new number or a passkey (the session cookie is set)", body = kring_api::account::SignInStep),
        (status = 401, description = "The e-mail address or password is wrong (invalid-credentials)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Right password, but the account is suspended, ended, or has no portal left (account-suspended, account-ended, access-ended), the organisation allows only a provider for this account (sign-in-method-not-allowed), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failures (rate-limited), or too many codes to this number lately (too-many-messages): wait (Retry-After)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is missing, unknown or of the wrong type (invalid-body)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    ),
)]
// Step 1: e-mail address and password. The answer for an unknown address is the same
// as for a wrong password, and takes as long.
async fn sign_in(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    ApiJson(request): ApiJson<SignInRequest>,
) -> Result<Response, ApiError> {
    let now = state.clock.now();
    let email = request.email.trim().to_lowercase();
    let email_key = format!("email:{email}");
    let address_key = format!("address:{address}");
    if let Err(refused) = async {
        throttle::check(&state.db, &email_key, now).await?;
        throttle::check(&state.db, &address_key, now).await
    }
    .await
    {
        log(
            &state,
            None,
            "sign_in_throttled",
            Outcome::Refused,
            &address,
        )
        .await?;
        return Err(refused);
    }
    let account = accounts::by_email(&state.db, state.organisation_id, &email).await?;
    let stored = account
        .as_ref()
        .filter(|a| a.can_sign_in())
        .and_then(|a| a.password_hash.clone());
    let matches = state.passwords.verify(request.password, stored).await?;
    let Some(account) = account.filter(|_| matches) else {
        throttle::record_failure(&state.db, &email_key, throttle::PER_EMAIL, now).await?;
        throttle::record_failure(&state.db, &address_key, throttle::PER_ADDRESS, now).await?;
        let known = accounts::by_email(&state.db, state.organisation_id, &email).await?;
        log(
            &state,
            known.as_ref(),
            "sign_in_failed",
            Outcome::Failed,
            &address,
        )
        .await?;
        return Err(ApiError::InvalidCredentials);
    };
    throttle::clear(&state.db, &email_key).await?;
    // The password is right: now it is safe to say why the account cannot be used.
    if let Err(refused) = password_sign_in_allowed(&state, &account).await {
        log(
            &state,
            Some(&account),
            "sign_in",
            Outcome::Refused,
            &address,
        )
        .await?;
        return Err(refused);
    }
    if account.awaits_new_second_factor() {
        // Staff reset the second factor after checking the person outside the portal:
        // the password alone opens a session that can only set up a new number or a
        // passkey.
        log(
            &state,
            Some(&account),
            "sign_in_without_second_factor",
            Outcome::Allowed,
            &address,
        )
        .await?;
        let (info, cookie) = begin_session(&state, &headers, account, &address, now).await?;
        let mut response = ApiJson(SignInStep::SecondFactorSetup(info)).into_response();
        session::append_cookie(response.headers_mut(), cookie);
        return Ok(response);
    }
    // With a passkey the code is still sent at once: the person sees both ways on one
    // screen and needs no extra choice first, and when the passkey is not at hand (or
    // the browser cannot use it) the code is already on its way. Without a verified
    // number (a passkey set up after a lost phone) no code is sent at all.
    let challenge = codes::second_step(&state, &account, Purpose::SignIn, now).await?;
    Ok(ApiJson(SignInStep::Code(challenge)).into_response())
}

/// Whether an account whose password was right may go on to its second factor: usable
/// (not suspended or ended), with a portal left, and the password a method the
/// organisation allows for its group (issue 18). The refusal to answer otherwise.
async fn password_sign_in_allowed(state: &AppState, account: &Account) -> Result<(), ApiError> {
    account.check_usable()?;
    if !has_portal_left(state, account).await? {
        return Err(ApiError::AccessEnded);
    }
    crate::sign_in_methods::check(state, account, crate::sign_in_methods::Method::Password).await
}

/// Starts a session: a new id (any id the browser brought is ended first), where it
/// came from (browser and coarse address, for account settings), and the session as the
/// app sees it with the cookie to set. Signing in does not count as a re-authentication:
/// a change of the sign-in details always asks for password and code again, so a
/// session left open (or a script holding one) changes nothing without them.
async fn begin_session(
    state: &AppState,
    headers: &HeaderMap,
    account: Account,
    address: &str,
    now: DateTime<Utc>,
) -> Result<(SessionInfo, HeaderValue), ApiError> {
    if let Some(old) = session::token_from(headers, &state.settings) {
        session::end_by_token(&state.db, &old, "replaced", now).await?;
    }
    let (token, expires_at) = session::start(&state.db, &state.settings, account.id, now).await?;
    let session_id = session::id_by_token(&state.db, &token).await?;
    let user_agent = headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    session::set_origin(&state.db, session_id, user_agent, address).await?;
    let signed_in = SignedIn {
        session_id,
        account,
        idle_expires_at: (now + state.settings.session_idle).min(expires_at),
        absolute_expires_at: expires_at,
        reauthenticated_at: None,
    };
    let info = session_info(state, &signed_in).await?;
    Ok((info, session::set_cookie(&state.settings, &token)))
}

/// [`begin_session`] after password and code, as the response that sets the cookie.
async fn start_session(
    state: &AppState,
    headers: &HeaderMap,
    account: Account,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Response, ApiError> {
    let (info, cookie) = begin_session(state, headers, account, address, now).await?;
    let mut response = ApiJson(info).into_response();
    session::append_cookie(response.headers_mut(), cookie);
    Ok(response)
}

/// The last step of signing in or activating: the account must still be usable; the
/// event is logged and a new session starts (also after a passkey).
pub(crate) async fn sign_in_as(
    state: &AppState,
    headers: &HeaderMap,
    account_id: i64,
    action: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Response, ApiError> {
    let account = accounts::by_id(&state.db, state.organisation_id, account_id)
        .await?
        .ok_or(ApiError::CodeExpired)?;
    account.check_usable()?;
    log(state, Some(&account), action, Outcome::Allowed, address).await?;
    start_session(state, headers, account, address, now).await
}

/// Step 2: the SMS code. Starts a new session (HttpOnly, SameSite=Strict cookie).
#[utoipa::path(
    post, path = paths::SIGN_IN_CODE, tag = "auth",
    request_body = kring_api::auth::CodeConfirmation,
    responses(
        (status = 200, description = "Signed in; the session cookie is set", body = kring_api::auth::SessionInfo),
        (status = 400, description = "The code is wrong; tries are left (code-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 410, description = "Expired, used, out of tries or unknown attempt (code-expired)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, response = crate::responses::CsrfRejected),
        (status = 422, description = "A field is missing, unknown or of the wrong type (invalid-body)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    ),
)]
// Step 2: the SMS code. A new session starts.
async fn sign_in_code(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    ApiJson(request): ApiJson<CodeConfirmation>,
) -> Result<Response, ApiError> {
    let now = state.clock.now();
    let confirmed = match codes::confirm(
        &state,
        Purpose::SignIn,
        &request.attempt,
        &request.code,
        now,
    )
    .await
    {
        Ok(confirmed) => confirmed,
        Err(error) => {
            log(
                &state,
                None,
                "sign_in_code_failed",
                Outcome::Failed,
                &address,
            )
            .await?;
            return Err(error);
        }
    };
    sign_in_as(
        &state,
        &headers,
        confirmed.account_id,
        "sign_in",
        &address,
        now,
    )
    .await
}

/// A new code for the same attempt, at most once a minute.
#[utoipa::path(
    post, path = paths::CODE_RESEND, tag = "auth",
    request_body = kring_api::auth::ResendCodeRequest,
    responses(
        (status = 200, description = "A new code was sent", body = kring_api::auth::CodeChallenge),
        (status = 410, description = "The attempt can no longer be used (code-expired)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The account has no verified mobile number; its passkey finishes the attempt (no-mobile-number)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too soon (rate-limited), or too many codes to this number lately (too-many-messages): wait (Retry-After)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, response = crate::responses::CsrfRejected),
        (status = 422, description = "A field is missing, unknown or of the wrong type (invalid-body)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    ),
)]
async fn resend_code(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<ResendCodeRequest>,
) -> Result<ApiJson<CodeChallenge>, ApiError> {
    Ok(ApiJson(
        codes::resend(&state, &request.attempt, state.clock.now()).await?,
    ))
}

/// The signed-in person, their session, the terms status and their portals.
#[utoipa::path(
    get, path = paths::SESSION, tag = "auth",
    responses(
        (status = 200, description = "The session, or null when nobody is signed in (no cookie, or the session ended or timed out)", body = Option<kring_api::auth::SessionInfo>),
        (status = 403, description = "The account is suspended (account-suspended, with reason) or ended (account-ended)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    ),
    // Signed out is a state, not an error: without a session the answer is `null`.
    security((), ("session" = [])),
)]
// The session, or `null` when nobody is signed in: being signed out is a normal state,
// not an error (a suspended account still is one).
async fn get_session(
    State(state): State<AppState>,
    signed_in: Result<AnyFactor, ApiError>,
) -> Result<ApiJson<Option<SessionInfo>>, ApiError> {
    match signed_in {
        Ok(AnyFactor(signed_in)) => Ok(ApiJson(Some(session_info(&state, &signed_in).await?))),
        Err(ApiError::Unauthenticated | ApiError::SessionExpired) => Ok(ApiJson(None)),
        Err(other) => Err(other),
    }
}

/// Stay signed in: renews the idle time.
#[utoipa::path(
    post, path = paths::SESSION_KEEP_ALIVE, tag = "auth",
    responses(
        (status = 200, description = "The renewed session", body = kring_api::auth::SessionInfo),
        (status = 401, response = crate::responses::SignedOut),
        (status = 403, description = "The account is suspended (account-suspended, with reason) or ended (account-ended), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
// "Stay signed in": the request itself renews the idle time.
async fn keep_alive(
    State(state): State<AppState>,
    AnyFactor(signed_in): AnyFactor,
) -> Result<ApiJson<SessionInfo>, ApiError> {
    Ok(ApiJson(session_info(&state, &signed_in).await?))
}

/// The response after signing out: no cookie, and the browser clears what it kept.
fn signed_out(state: &AppState) -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    session::append_cookie(
        response.headers_mut(),
        session::clear_cookie(&state.settings),
    );
    response.headers_mut().insert(
        HeaderName::from_static("clear-site-data"),
        HeaderValue::from_static("\"cache\", \"cookies\", \"storage\""),
    );
    response
}

/// Sign out here. Clears the cookie and asks the browser to clear site data.
#[utoipa::path(
    post, path = paths::SIGN_OUT, tag = "auth",
    responses(
        (status = 204, description = "Signed out"),
        (status = 403, response = crate::responses::CsrfRejected),
    ),
    security(("session" = [])),
)]
async fn sign_out(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    signed_in: Result<AnyFactor, ApiError>,
) -> Result<Response, ApiError> {
    // Signing out always works, also with a session that already ended.
    if let Ok(AnyFactor(signed_in)) = signed_in {
        session::end(
            &state.db,
            signed_in.session_id,
            "signed_out",
            state.clock.now(),
        )
        .await?;
        log(
            &state,
            Some(&signed_in.account),
            "sign_out",
            Outcome::Allowed,
            &address,
        )
        .await?;
    }
    Ok(signed_out(&state))
}

/// Sign out on every device.
#[utoipa::path(
    post, path = paths::SIGN_OUT_EVERYWHERE, tag = "auth",
    responses(
        (status = 204, description = "Every session ended"),
        (status = 401, response = crate::responses::SignedOut),
        (status = 403, response = crate::responses::CsrfRejected),
    ),
    security(("session" = [])),
)]
async fn sign_out_everywhere(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    AnyFactor(signed_in): AnyFactor,
) -> Result<Response, ApiError> {
    session::end_all(
        &state.db,
        signed_in.account.id,
        "signed_out_everywhere",
        state.clock.now(),
    )
    .await?;
    log(
        &state,
        Some(&signed_in.account),
        "sign_out_everywhere",
        Outcome::Allowed,
        &address,
    )
    .await?;
    Ok(signed_out(&state))
}

/// A valid, unused, unexpired link of the given purpose: its id and account.
async fn valid_link(
    state: &AppState,
    token: &str,
    purpose: &str,
    now: DateTime<Utc>,
) -> Result<(i64, Account, DateTime<Utc>), ApiError> {
    let row = links::by_token(&state.db, state.organisation_id, token.trim(), purpose).await?;
    let LinkRow {
        id,
        account_id,
        expires_at,
        used_at,
    } = row.ok_or(ApiError::LinkInvalid)?;
    if used_at.is_some() {
        return Err(ApiError::LinkUsed);
    }
    if expires_at <= now {
        return Err(ApiError::LinkExpired);
    }
    let account = accounts::by_id(&state.db, state.organisation_id, account_id)
        .await?
        .ok_or(ApiError::LinkInvalid)?;
    account.check_usable()?;
    Ok((id, account, expires_at))
}

/// What an activation link is for (POST so the token never appears in an address).
#[utoipa::path(
    post, path = paths::ACTIVATION_LOOKUP, tag = "auth", operation_id = "activation_lookup",
    request_body = kring_api::auth::ActivationLookup,
    responses(
        (status = 200, description = "The account the link activates", body = kring_api::auth::ActivationInfo),
        (status = 404, description = "Unknown link (link-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 410, description = "The link expired or was used (link-expired, link-used)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, response = crate::responses::CsrfRejected),
    ),
)]
// What an activation link is for. A POST, so the token never appears in an address
// (and so in no log or history); it changes nothing.
async fn activation_info(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<ActivationLookup>,
) -> Result<ApiJson<ActivationInfo>, ApiError> {
    let (_, account, expires_at) =
        valid_link(&state, &request.token, "activation", state.clock.now()).await?;
    Ok(ApiJson(ActivationInfo {
        name: account.display_name.clone(),
        email: account.email.clone(),
        mobile_hint: mobile_hint(&account.mobile),
        expires_at: Timestamp::from(expires_at),
    }))
}

/// Activation step 1: choose the password; a code goes to the mobile number.
#[utoipa::path(
    post, path = paths::ACTIVATION, tag = "auth",
    request_body = kring_api::auth::ActivationRequest,
    responses(
        (status = 200, description = "A code went to the mobile number", body = kring_api::auth::CodeChallenge),
        (status = 422, description = "The password is too short or too common", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 410, description = "The link expired or was used", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown link (link-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, response = crate::responses::CsrfRejected),
        (status = 429, description = "Too many codes to this number lately (too-many-messages): wait (Retry-After)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    ),
)]
// Activation, step 1: the password. The link stays valid until the code is confirmed.
async fn activate(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<ActivationRequest>,
) -> Result<ApiJson<CodeChallenge>, ApiError> {
    let now = state.clock.now();
    let (link_id, account, _) = valid_link(&state, &request.token, "activation", now).await?;
    passwords::check_policy(&request.password, &account.email)?;
    // R26: refused before the password is stored (`send_new` checks again, under the
    // number's lock).
    crate::outbox::limits::check(
        &state.db,
        state.settings.message_limits,
        kring_api::dev::Channel::Sms,
        &account.mobile,
        now,
    )
    .await?;
    let hash = state.passwords.hash(request.password).await?;
    accounts::set_password_hash(&state.db, account.id, &hash).await?;
    let challenge = codes::send_new(
        &state,
        &account,
        Purpose::Activation,
        &account.mobile,
        AttemptFacts {
            link_id: Some(link_id),
            new_mobile: None,
        },
        now,
    )
    .await?;
    Ok(ApiJson(challenge))
}

/// Activation step 2: the code confirms the mobile number; the account becomes active and a session starts.
#[utoipa::path(
    post, path = paths::ACTIVATION_CODE, tag = "auth",
    request_body = kring_api::auth::CodeConfirmation,
    responses(
        (status = 200, description = "Activated and signed in", body = kring_api::auth::SessionInfo),
        (status = 400, description = "Wrong code (code-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 410, description = "Code or link no longer usable (code-expired, link-used)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, response = crate::responses::CsrfRejected),
    ),
)]
// Activation, step 2: the code proves the mobile number; the link proved the e-mail
// address. The account becomes active, its invited portals too, and a session starts.
async fn activation_code(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    ApiJson(request): ApiJson<CodeConfirmation>,
) -> Result<Response, ApiError> {
    let now = state.clock.now();
    let confirmed = codes::confirm(
        &state,
        Purpose::Activation,
        &request.attempt,
        &request.code,
        now,
    )
    .await?;
    let link_id = confirmed.facts.link_id.ok_or(ApiError::CodeExpired)?;
    if !links::use_unexpired(&state.db, link_id, now).await? {
        return Err(ApiError::LinkUsed);
    }
    accounts::mark_activated(&state.db, confirmed.account_id, now).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::portals::lifecycle::activate_accepted_invitations(&mut tx, confirmed.account_id, now)
        .await?;
    crate::portals::lifecycle::activate_invited_access(&mut tx, confirmed.account_id).await?;
    tx.commit().await?;
    sign_in_as(
        &state,
        &headers,
        confirmed.account_id,
        "activate",
        &address,
        now,
    )
    .await
}

/// Ask for a password reset link by e-mail. The answer is the same whether or not the address has an account.
#[utoipa::path(
    post, path = paths::PASSWORD_RESET, tag = "auth",
    request_body = kring_api::auth::PasswordResetRequest,
    responses(
        (status = 202, description = "If the address has an account, a link was sent", body = kring_api::auth::Accepted),
        (status = 422, description = "Not an e-mail address (email-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests (rate-limited)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, response = crate::responses::CsrfRejected),
    ),
)]
// Sends a reset link if the address has an active account; answers the same either way.
async fn request_password_reset(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(request): ApiJson<PasswordResetRequest>,
) -> Result<(StatusCode, ApiJson<Accepted>), ApiError> {
    let now = state.clock.now();
    let email = normalize_email(&request.email)?;
    let key = format!("reset:{email}");
    throttle::check(&state.db, &key, now).await?;
    // Every request counts, so nobody can flood an inbox with links.
    throttle::record_failure(&state.db, &key, throttle::PER_EMAIL, now).await?;
    let account = accounts::by_email(&state.db, state.organisation_id, &email)
        .await?
        .filter(|a| a.status == "active" && a.can_sign_in());
    // R26: over the message limits nothing is sent, and the answer stays the same:
    // a refusal here would tell that the address has an account. The permit is held
    // until the link is queued.
    let permit = match &account {
        Some(account) => match crate::outbox::limits::reserve(
            &state.db,
            state.settings.message_limits,
            kring_api::dev::Channel::Email,
            &account.email,
            now,
        )
        .await
        {
            Ok(permit) => Some(permit),
            Err(ApiError::TooManyMessages { .. }) => None,
            Err(error) => return Err(error),
        },
        None => None,
    };
    if let (Some(account), Some(_permit)) = (account, permit) {
        let (token, _) = new_link(
            &state,
            account.id,
            "password_reset",
            RESET_LINK_LIFETIME,
            now,
        )
        .await?;
        let link = format!(
            "{}/wachtwoord-herstellen#{token}",
            state.settings.public_url
        );
        let organisation = crate::organisation::name(&state.db, state.organisation_id).await?;
        state
            .sender
            .send(messages::password_reset_email(
                &account.email,
                &account.display_name,
                &link,
                &organisation,
                account.language(),
            ))
            .await
            .map_err(|e| ApiError::Internal(format!("sending the reset link: {e}")))?;
        log(
            &state,
            Some(&account),
            "password_reset_requested",
            Outcome::Allowed,
            &address,
        )
        .await?;
    }
    Ok((StatusCode::ACCEPTED, ApiJson(Accepted { accepted: true })))
}

/// Set a new password with the link's token. Ends every session; signing in still takes the SMS code.
#[utoipa::path(
    post, path = paths::PASSWORD_RESET_COMPLETE, tag = "auth",
    request_body = kring_api::auth::PasswordResetCompletion,
    responses(
        (status = 200, description = "The password was changed", body = kring_api::auth::Accepted),
        (status = 410, description = "The link expired or was used (link-expired, link-used)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown link (link-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The password is too short or too common (password-too-short, password-too-common)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, response = crate::responses::CsrfRejected),
    ),
)]
// Sets the new password and ends every session; signing in again takes the SMS code.
async fn complete_password_reset(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(request): ApiJson<PasswordResetCompletion>,
) -> Result<ApiJson<Accepted>, ApiError> {
    let now = state.clock.now();
    let (link_id, account, _) = valid_link(&state, &request.token, "password_reset", now).await?;
    passwords::check_policy(&request.password, &account.email)?;
    let hash = state.passwords.hash(request.password).await?;
    if !links::use_once(&state.db, link_id, now).await? {
        return Err(ApiError::LinkUsed);
    }
    accounts::set_password_hash(&state.db, account.id, &hash).await?;
    session::end_all(&state.db, account.id, "password_reset", now).await?;
    throttle::clear(&state.db, &format!("email:{}", account.email)).await?;
    crate::auth::events::record(
        &state.db,
        account.id,
        kring_api::AccountEventKind::PasswordReset,
        None,
        "password set through a reset link",
        now,
    )
    .await?;
    log(
        &state,
        Some(&account),
        "password_reset",
        Outcome::Allowed,
        &address,
    )
    .await?;
    Ok(ApiJson(Accepted { accepted: true }))
}

/// Change the mobile number: a code goes to the new number.
#[utoipa::path(
    post, path = paths::ACCOUNT_MOBILE, tag = "account",
    request_body = kring_api::auth::ChangeMobileRequest,
    responses(
        (status = 200, description = "A code went to the new number", body = kring_api::auth::CodeChallenge),
        (status = 422, description = "Not a mobile number (mobile-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
        (status = 403, description = "No password and code within the last 5 minutes (reauthentication-required), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many codes to this number lately, or to new numbers from this account (3 an hour) (too-many-messages): wait (Retry-After)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
// A new mobile number counts only after its code is confirmed. It needs a recent
// re-authentication (or an account whose second factor staff reset: setting up a new
// number is all its session may do), and an account starts at most a few such codes an
// hour, so a session cannot send codes to strangers without end.
async fn change_mobile(
    State(state): State<AppState>,
    AnyFactor(signed_in): AnyFactor,
    ApiJson(request): ApiJson<ChangeMobileRequest>,
) -> Result<ApiJson<CodeChallenge>, ApiError> {
    let now = state.clock.now();
    signed_in.require_recent_reauthentication(now)?;
    let mobile = normalize_mobile(&request.mobile)?;
    codes::check_new_number_limit(&state, signed_in.account.id, now).await?;
    let challenge = codes::send_new(
        &state,
        &signed_in.account,
        Purpose::MobileChange,
        &mobile,
        AttemptFacts {
            link_id: None,
            new_mobile: Some(mobile.clone()),
        },
        state.clock.now(),
    )
    .await?;
    Ok(ApiJson(challenge))
}

/// Confirm the new mobile number with its code.
#[utoipa::path(
    post, path = paths::ACCOUNT_MOBILE_CODE, tag = "account",
    request_body = kring_api::auth::CodeConfirmation,
    responses(
        (status = 200, description = "The number changed", body = kring_api::auth::SessionInfo),
        (status = 400, description = "Wrong code (code-invalid)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 410, description = "Code no longer usable (code-expired)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
        (status = 403, response = crate::responses::CsrfRejected),
    ),
    security(("session" = [])),
)]
async fn confirm_mobile(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    AnyFactor(signed_in): AnyFactor,
    ApiJson(request): ApiJson<CodeConfirmation>,
) -> Result<ApiJson<SessionInfo>, ApiError> {
    let now = state.clock.now();
    let confirmed = codes::confirm(
        &state,
        Purpose::MobileChange,
        &request.attempt,
        &request.code,
        now,
    )
    .await?;
    if confirmed.account_id != signed_in.account.id {
        return Err(ApiError::CodeExpired);
    }
    let mobile = confirmed.facts.new_mobile.ok_or(ApiError::CodeExpired)?;
    accounts::set_verified_mobile(&state.db, signed_in.account.id, &mobile, now).await?;
    crate::auth::events::record(
        &state.db,
        signed_in.account.id,
        kring_api::AccountEventKind::MobileChanged,
        None,
        "new mobile number confirmed with its code",
        now,
    )
    .await?;
    // The old number (unless it was a lost phone) and the e-mail address hear of it.
    let organisation = crate::organisation::name(&state.db, state.organisation_id).await?;
    let old = &signed_in.account;
    if old.has_second_factor() && old.mobile != mobile {
        state
            .sender
            .send(messages::mobile_changed_sms(
                &old.mobile,
                &organisation,
                old.language(),
            ))
            .await
            .map_err(|e| ApiError::Internal(format!("sending the notice: {e}")))?;
    }
    state
        .sender
        .send(messages::sign_in_detail_changed_email(
            &old.email,
            &old.display_name,
            messages::ChangedDetail::Mobile,
            &organisation,
            old.language(),
        ))
        .await
        .map_err(|e| ApiError::Internal(format!("sending the notice: {e}")))?;
    log(
        &state,
        Some(&signed_in.account),
        "mobile_changed",
        Outcome::Allowed,
        &address,
    )
    .await?;
    let mut signed_in = signed_in;
    signed_in.account.mobile = mobile;
    signed_in.account.mobile_verified_at = Some(now);
    signed_in.account.second_factor_reset_at = None;
    Ok(ApiJson(session_info(&state, &signed_in).await?))
}
