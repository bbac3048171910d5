//! Signing in with an OpenID Connect provider (issue 18), as HTTP endpoints: the
//! providers the sign-in page shows, the start of a sign-in or link, the provider's
//! callback, and the account's links.
//!
//! A provider never makes an account and never gives access: access comes from the
//! organisation (R1, R2). A person links the provider's identity (its `sub`) to the
//! account they were given, after signing in the usual way (right after activation, or
//! later in account settings); from then on the provider signs them in, with a whole
//! session: the provider did the strong authentication. Staff without a link are
//! matched once by the e-mail address their organisation's provider says it checked,
//! or linked by an organisation administrator (`administration::identity_links`).
//!
//! The callback is a browser navigation, not a call of the app: it answers a redirect
//! to the app, with the outcome in the address (`/inloggen?fout=<code>`,
//! `/account?fout=<code>`, `/account?gekoppeld=<provider>`), which the page shows in the
//! person's language. A refused callback changes nothing but marking its sign-in used.
//! Codes, `state` and tokens are never logged (the request log writes paths without
//! their query).

mod flow;
mod queries;

use axum::extract::State;
use axum::http::header::{COOKIE, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use kring_api::{
    paths, AccountEventKind, IdentityLink, IdentityProvider as ProviderInfo, LocalizedText,
    ProviderCallback, ProviderPurpose, ProviderRedirect, ProviderStart, SignInGroup, Timestamp,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::access_log::{self, Action, Actor, Entry, Outcome};
use crate::auth::accounts::{self, Account};
use crate::auth::events;
use crate::auth::session::{self, SignedIn};
use crate::identity_providers::IdentityProvider;
use crate::problem::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::request_guard::ClientAddress;
use crate::secrets;
use crate::sign_in_methods::{self, Method};
use crate::state::AppState;

/// How long a started sign-in waits for the provider's callback.
const SIGN_IN_LIFETIME: chrono::Duration = chrono::Duration::minutes(10);

/// The provider sign-in routes, relative to the API base.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(providers))
        .routes(routes!(start))
        .routes(routes!(callback))
        .routes(routes!(links))
        .routes(routes!(unlink))
}

/// The cookie that binds a sign-in to the browser that started it: sent only to the
/// callback's address, and with `SameSite=Lax`, because the provider's redirect is a
/// navigation from another site (the session cookie, `Strict`, is not sent there).
fn browser_cookie(state: &AppState) -> &'static str {
    if state.settings.https {
        "__Secure-kring-provider"
    } else {
        "kring-provider"
    }
}

fn set_browser_cookie(
    state: &AppState,
    value: &str,
    max_age: i64,
) -> Result<HeaderValue, ApiError> {
    let secure = if state.settings.https { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{}={value}; Path={}{}; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}",
        browser_cookie(state),
        paths::API_BASE,
        paths::IDENTITY_PROVIDER_CALLBACK
    ))
    .map_err(|e| ApiError::Internal(format!("provider cookie: {e}")))
}

fn browser_secret_from(headers: &HeaderMap, state: &AppState) -> Option<String> {
    let name = browser_cookie(state);
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

/// The providers people may sign in with (none when the server has none configured).
#[utoipa::path(
    get, path = paths::IDENTITY_PROVIDERS, tag = "auth",
    responses(
        (status = 200, description = "The configured providers, in the configured order; which are allowed for an account is only known after signing in", body = Vec<kring_api::identity_providers::IdentityProvider>),
    ),
)]
async fn providers(State(state): State<AppState>) -> ApiJson<Vec<ProviderInfo>> {
    ApiJson(
        state
            .settings
            .identity_providers
            .all()
            .iter()
            .map(IdentityProvider::info)
            .collect(),
    )
}

/// Start signing in (or linking) at a provider: answers the provider's address for the
/// browser to go to, and sets a cookie that binds the sign-in to this browser.
#[utoipa::path(
    post, path = paths::IDENTITY_PROVIDER_START, tag = "auth",
    params(("provider" = String, Path, description = "The provider's id")),
    request_body = kring_api::identity_providers::ProviderStart,
    responses(
        (status = 200, description = "Go to the provider; the sign-in waits 10 minutes for its callback", body = kring_api::identity_providers::ProviderRedirect),
        (status = 401, description = "A link needs a session (unauthenticated, session-expired)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "For a link: the provider is not allowed for this account's group (sign-in-method-not-allowed), the account is suspended or ended; or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No provider with this id (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 503, description = "The provider cannot be reached (provider-unavailable)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is missing, unknown or of the wrong type (invalid-body)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    ),
    security((), ("session" = [])),
)]
async fn start(
    State(state): State<AppState>,
    ApiPath(provider_id): ApiPath<String>,
    signed_in: Result<SignedIn, ApiError>,
    ApiJson(request): ApiJson<ProviderStart>,
) -> Result<Response, ApiError> {
    let provider = state
        .settings
        .identity_providers
        .get(&provider_id)
        .ok_or(ApiError::NotFound)?;
    let account_id = match request.purpose {
        ProviderPurpose::SignIn => None,
        ProviderPurpose::Link => {
            let signed_in = signed_in?;
            sign_in_methods::check(&state, &signed_in.account, Method::Provider(&provider.id))
                .await?;
            Some(signed_in.account.id)
        }
    };
    let now = state.clock.now();
    let started = flow::start(&state, provider).await?;
    queries::insert_sign_in(
        &state.db,
        &queries::NewSignIn {
            organisation_id: state.organisation_id,
            state_hash: &started.state_hash,
            browser_hash: &secrets::hash_token(&started.browser_secret),
            nonce_hash: &started.nonce_hash,
            provider_id: &provider.id,
            purpose: request.purpose,
            account_id,
            now,
            expires_at: now + SIGN_IN_LIFETIME,
        },
    )
    .await?;
    let mut response = ApiJson(ProviderRedirect {
        authorization_url: started.authorization_url,
    })
    .into_response();
    response.headers_mut().append(
        SET_COOKIE,
        set_browser_cookie(
            &state,
            &started.browser_secret,
            SIGN_IN_LIFETIME.num_seconds(),
        )?,
    );
    Ok(response)
}

/// Where a callback's outcome is shown.
fn app_page(purpose: Option<ProviderPurpose>) -> &'static str {
    match purpose {
        Some(ProviderPurpose::Link) => "/account",
        _ => "/inloggen",
    }
}

fn redirect(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}

/// The provider sends the browser back here. A browser navigation: the answer is a
/// redirect (303) to the app with the outcome, never a problem body.
#[utoipa::path(
    get, path = paths::IDENTITY_PROVIDER_CALLBACK, tag = "auth",
    params(ProviderCallback),
    responses(
        (status = 303, description = "Signed in: to `/portaal` (the portals) with the session cookie. Linked: to `/account?gekoppeld=<provider>`. Refused, with nothing changed: to `/inloggen?fout=<code>` (or `/account?fout=<code>` for a link), where `code` is sign-in-state-invalid (unknown, expired or tampered state, another browser), sign-in-state-used (a replayed callback), provider-sign-in-stopped, provider-answer-invalid (signature, issuer, audience, expiry or nonce), provider-not-linked, provider-linked-elsewhere, sign-in-method-not-allowed, provider-unavailable, account-suspended, account-ended or access-ended"),
    ),
)]
async fn callback(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<ProviderCallback>,
) -> Response {
    let now = state.clock.now();
    let mut purpose = None;
    let outcome = finish(&state, &headers, query, &address, now, &mut purpose).await;
    let mut response = match outcome {
        Ok(Finished::SignedIn(token)) => {
            let mut response = redirect("/portaal");
            session::append_cookie(
                response.headers_mut(),
                session::set_cookie(&state.settings, &token),
            );
            response
        }
        Ok(Finished::Linked(provider_id)) => {
            redirect(&format!("{}?gekoppeld={provider_id}", app_page(purpose)))
        }
        Err(error) => {
            match &error {
                ApiError::Database(_) | ApiError::Internal(_) => {
                    tracing::error!(error = %error, "provider callback failed on the server")
                }
                _ => tracing::info!(error = %error, "provider callback refused"),
            }
            redirect(&format!(
                "{}?fout={}",
                app_page(purpose),
                error.code().as_str()
            ))
        }
    };
    if let Ok(clear) = set_browser_cookie(&state, "", 0) {
        response.headers_mut().append(SET_COOKIE, clear);
    }
    response
}

enum Finished {
    /// A new session's token.
    SignedIn(String),
    /// The provider linked.
    Linked(String),
}

async fn finish(
    state: &AppState,
    headers: &HeaderMap,
    query: ProviderCallback,
    address: &str,
    now: DateTime<Utc>,
    purpose: &mut Option<ProviderPurpose>,
) -> Result<Finished, ApiError> {
    let state_token = query
        .state
        .ok_or(ApiError::SignInStateInvalid("no state"))?;
    let row = queries::sign_in_by_state(
        &state.db,
        state.organisation_id,
        &secrets::hash_token(&state_token),
    )
    .await?
    .ok_or(ApiError::SignInStateInvalid("unknown state"))?;
    *purpose = Some(row.purpose());
    if row.used_at.is_some() {
        return Err(ApiError::SignInStateUsed);
    }
    if row.expires_at <= now {
        return Err(ApiError::SignInStateInvalid("expired"));
    }
    let browser_secret = browser_secret_from(headers, state)
        .filter(|secret| secrets::same_hash(&secrets::hash_token(secret), &row.browser_hash))
        .ok_or(ApiError::SignInStateInvalid("started in another browser"))?;
    if !queries::use_sign_in(&state.db, row.id, now).await? {
        return Err(ApiError::SignInStateUsed);
    }
    if query.error.is_some() {
        return Err(ApiError::ProviderSignInStopped);
    }
    let provider = state
        .settings
        .identity_providers
        .get(&row.provider_id)
        .ok_or(ApiError::SignInStateInvalid(
            "provider no longer configured",
        ))?;
    let code = query
        .code
        .ok_or_else(|| ApiError::ProviderAnswerInvalid("no code".into()))?;
    let identity = flow::finish(state, provider, code, &browser_secret, &row.nonce_hash).await?;
    match row.purpose() {
        ProviderPurpose::Link => {
            let account_id = row
                .account_id
                .ok_or(ApiError::SignInStateInvalid("a link without an account"))?;
            link(state, account_id, provider, &identity.subject, address, now).await?;
            Ok(Finished::Linked(provider.id.clone()))
        }
        ProviderPurpose::SignIn => {
            let account = signed_in_account(state, provider, &identity, now).await;
            let account = match account {
                Ok(account) => account,
                Err(error) => {
                    log(state, None, "sign_in_provider", Outcome::Refused, address).await?;
                    return Err(error);
                }
            };
            if let Err(refused) = usable(state, &account, provider).await {
                log(
                    state,
                    Some(&account),
                    "sign_in_provider",
                    Outcome::Refused,
                    address,
                )
                .await?;
                return Err(refused);
            }
            queries::touch_link(&state.db, account.id, &provider.id, now).await?;
            log(
                state,
                Some(&account),
                "sign_in_provider",
                Outcome::Allowed,
                address,
            )
            .await?;
            // The session cookie is `SameSite=Strict`: coming back from the provider's
            // site, the browser does not send it, so an earlier session cannot be
            // ended here; it ends by its idle time.
            let (token, _) = session::start(&state.db, &state.settings, account.id, now).await?;
            // Where it came from, for the sessions list in account settings.
            let session_id = session::id_by_token(&state.db, &token).await?;
            let user_agent = headers
                .get(axum::http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok());
            session::set_origin(&state.db, session_id, user_agent, address).await?;
            Ok(Finished::SignedIn(token))
        }
    }
}

/// The account the provider's identity signs in to: its link, or for a staff provider
/// the staff account with the e-mail address the provider checked (then linked).
async fn signed_in_account(
    state: &AppState,
    provider: &IdentityProvider,
    identity: &flow::Identity,
    now: DateTime<Utc>,
) -> Result<Account, ApiError> {
    let linked = queries::linked_account(
        &state.db,
        state.organisation_id,
        &provider.id,
        &identity.subject,
    )
    .await?;
    if let Some(account_id) = linked {
        return accounts::by_id(&state.db, state.organisation_id, account_id)
            .await?
            .ok_or(ApiError::ProviderNotLinked);
    }
    let email = identity
        .verified_email
        .as_deref()
        .filter(|_| provider.group == SignInGroup::Staff)
        .ok_or(ApiError::ProviderNotLinked)?;
    let account = accounts::by_email(&state.db, state.organisation_id, &email.to_lowercase())
        .await?
        .filter(|a| a.staff_member_id.is_some() && a.status == "active")
        .ok_or(ApiError::ProviderNotLinked)?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    if queries::subject_owner(&mut tx, &provider.id, &identity.subject)
        .await?
        .is_some()
    {
        return Err(ApiError::ProviderLinkedElsewhere);
    }
    queries::link(&mut tx, account.id, &provider.id, &identity.subject, now).await?;
    events::record(
        &mut *tx,
        account.id,
        AccountEventKind::ProviderLinked,
        None,
        &format!("{} (matched by the e-mail address it checked)", provider.id),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(account)
}

/// The checks of a password sign-in, for a provider: the account usable, a portal
/// left (or staff), the provider of the account's group and allowed for it.
async fn usable(
    state: &AppState,
    account: &Account,
    provider: &IdentityProvider,
) -> Result<(), ApiError> {
    account.check_usable()?;
    if !crate::sign_in::has_portal_left(state, account).await? {
        return Err(ApiError::AccessEnded);
    }
    sign_in_methods::check(state, account, Method::Provider(&provider.id)).await
}

async fn link(
    state: &AppState,
    account_id: i64,
    provider: &IdentityProvider,
    subject: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let account = accounts::by_id(&state.db, state.organisation_id, account_id)
        .await?
        .ok_or(ApiError::SignInStateInvalid("the account is gone"))?;
    account.check_usable()?;
    sign_in_methods::check(state, &account, Method::Provider(&provider.id)).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    link_in(
        &mut tx,
        account.id,
        &provider.id,
        subject,
        None,
        &provider.id,
        now,
    )
    .await?;
    tx.commit().await?;
    log(
        state,
        Some(&account),
        "provider_linked",
        Outcome::Allowed,
        address,
    )
    .await
}

/// Links the provider's `subject` to the account in the caller's transaction (replacing
/// the account's earlier link to that provider) and records it in the account's
/// security log, with `actor` when an organisation administrator linked it.
/// `provider-linked-elsewhere` when the subject belongs to another account.
pub(crate) async fn link_in(
    tx: &mut sqlx::Transaction<'static, crate::db::Db>,
    account_id: i64,
    provider_id: &str,
    subject: &str,
    actor: Option<i64>,
    summary: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    match queries::subject_owner(tx, provider_id, subject).await? {
        Some(owner) if owner != account_id => return Err(ApiError::ProviderLinkedElsewhere),
        _ => {}
    }
    queries::link(tx, account_id, provider_id, subject, now).await?;
    events::record(
        &mut **tx,
        account_id,
        AccountEventKind::ProviderLinked,
        actor,
        summary,
        now,
    )
    .await?;
    Ok(())
}

async fn log(
    state: &AppState,
    account: Option<&Account>,
    detail: &str,
    outcome: Outcome,
    address: &str,
) -> Result<(), ApiError> {
    access_log::append(
        state,
        Entry {
            actor: account.map(Actor::account).unwrap_or_else(Actor::anonymous),
            client_id: None,
            section: "auth",
            item: None,
            action: if detail.starts_with("sign_in") {
                Action::SignIn
            } else {
                Action::Update
            },
            outcome,
            detail: Some(detail),
            address: Some(address),
        },
    )
    .await
}

/// The providers linked to the signed-in account.
#[utoipa::path(
    get, path = paths::ACCOUNT_IDENTITY_LINKS, tag = "account",
    responses(
        (status = 200, description = "The links, oldest first", body = Vec<kring_api::identity_providers::IdentityLink>),
        (status = 401, response = crate::responses::SignedOut),
        (status = 403, description = "The account is suspended (account-suspended) or ended (account-ended)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
async fn links(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<ApiJson<Vec<IdentityLink>>, ApiError> {
    let providers = &state.settings.identity_providers;
    let rows = queries::links_of(&state.db, signed_in.account.id).await?;
    Ok(ApiJson(
        rows.into_iter()
            .map(|row| IdentityLink {
                provider_name: providers
                    .get(&row.provider_id)
                    .map(|p| p.name.clone())
                    .unwrap_or_else(|| {
                        LocalizedText::new(row.provider_id.clone(), row.provider_id.clone())
                    }),
                provider_id: row.provider_id,
                linked_at: Timestamp::from(row.created_at),
                last_used_at: row.last_used_at.map(Timestamp::from),
            })
            .collect(),
    ))
}

/// Remove the link to a provider; signing in with it stops working for this account.
/// Removing a link that is not there changes nothing. Refused when the organisation
/// allows no password for the account's group and this is the account's last linked
/// provider that it does allow: the account could not sign in again.
#[utoipa::path(
    delete, path = paths::ACCOUNT_IDENTITY_LINK, tag = "account",
    params(("provider" = String, Path, description = "The provider's id")),
    responses(
        (status = 204, description = "Removed (or there was none)"),
        (status = 401, response = crate::responses::SignedOut),
        (status = 403, description = "The account is suspended or ended, or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The last sign-in method the organisation allows for this account (last-sign-in-method); nothing changed", body = kring_api::problem::Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
async fn unlink(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    signed_in: SignedIn,
    ApiPath(provider_id): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    let now = state.clock.now();
    let account = &signed_in.account;
    refuse_last_method(&state, account, &provider_id).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let removed = queries::unlink(&mut tx, account.id, &provider_id).await?;
    if removed {
        events::record(
            &mut *tx,
            account.id,
            AccountEventKind::ProviderUnlinked,
            None,
            &provider_id,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    if removed {
        log(
            &state,
            Some(account),
            "provider_unlinked",
            Outcome::Allowed,
            &address,
        )
        .await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Refuses (409 `last-sign-in-method`) to unlink the account's last linked provider
/// that the organisation allows for its group, when the group may not use a password.
/// A link the organisation does not allow (any more) may always go.
async fn refuse_last_method(
    state: &AppState,
    account: &Account,
    provider_id: &str,
) -> Result<(), ApiError> {
    let methods = sign_in_methods::allowed(
        &state.db,
        &state.settings.identity_providers,
        state.organisation_id,
    )
    .await?;
    let group = methods.of(sign_in_methods::group_of(account));
    let allowed = |id: &str| group.providers.iter().any(|p| p == id);
    if group.password || !allowed(provider_id) {
        return Ok(());
    }
    let links = queries::links_of(&state.db, account.id).await?;
    let this_one_linked = links.iter().any(|l| l.provider_id == provider_id);
    let another_allowed = links
        .iter()
        .any(|l| l.provider_id != provider_id && allowed(&l.provider_id));
    if this_one_linked && !another_allowed {
        Err(ApiError::LastSignInMethod)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests;
