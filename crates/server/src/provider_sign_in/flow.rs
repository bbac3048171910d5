//! The OpenID Connect protocol, with the `openidconnect` crate: the authorisation
//! address (code flow with PKCE, `state` and `nonce`) and, at the callback, the code
//! exchanged for tokens and the ID token checked (signature from the provider's key
//! set, issuer, audience, expiry, nonce).
//!
//! Nothing secret is stored as it is: `state`, `nonce` and the browser's cookie are
//! stored hashed, and the PKCE verifier is derived from the cookie, which only the
//! browser that started the sign-in sends back. So a callback replayed from another
//! browser, or a code stolen on its way, cannot be exchanged.

use std::sync::Arc;

use kring_api::{paths, SignInGroup};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreIdToken, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClaimsVerificationError, CsrfToken, Nonce, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, RequestTokenError, Scope, SignatureVerificationError,
    TokenResponse,
};

use crate::identity_providers::{allowed_address, error_chain, IdentityProvider};
use crate::problem::ApiError;
use crate::secrets;
use crate::state::AppState;

/// A new sign-in's secrets and the address to send the browser to.
pub struct Started {
    /// The provider's authorisation address with this sign-in's parameters.
    pub authorization_url: String,
    /// The browser's cookie value (the PKCE verifier is derived from it).
    pub browser_secret: String,
    /// SHA-256 of `state`.
    pub state_hash: String,
    /// SHA-256 of `nonce`.
    pub nonce_hash: String,
}

/// What the provider says about the person, once every check passed.
pub struct Identity {
    /// The provider's stable id of the person.
    pub subject: String,
    /// Their e-mail address, when the provider says it checked it (`email_verified`).
    pub verified_email: Option<String>,
}

/// Where the provider sends the browser back.
fn redirect_url(state: &AppState) -> Result<RedirectUrl, ApiError> {
    RedirectUrl::new(format!(
        "{}{}{}",
        state.settings.public_url,
        paths::API_BASE,
        paths::IDENTITY_PROVIDER_CALLBACK
    ))
    .map_err(|e| ApiError::Internal(format!("redirect address: {e}")))
}

/// The PKCE verifier of a sign-in: derived from the browser's cookie (43 characters of
/// URL-safe base64, as RFC 7636 asks), so it is never stored.
fn pkce_verifier(browser_secret: &str) -> PkceCodeVerifier {
    PkceCodeVerifier::new(secrets::derived_token(&format!(
        "kring-pkce:{browser_secret}"
    )))
}

async fn metadata(
    state: &AppState,
    provider: &IdentityProvider,
    refresh: bool,
) -> Result<Arc<CoreProviderMetadata>, ApiError> {
    let metadata = state
        .settings
        .identity_providers
        .discovered(provider, refresh)
        .await
        .map_err(ApiError::ProviderUnavailable)?;
    if !allowed_address(metadata.authorization_endpoint().url()) {
        return Err(ApiError::ProviderUnavailable(format!(
            "{}: the authorisation endpoint is not an https:// address",
            provider.id
        )));
    }
    Ok(metadata)
}

/// Starts a sign-in at the provider.
pub async fn start(state: &AppState, provider: &IdentityProvider) -> Result<Started, ApiError> {
    let metadata = metadata(state, provider, false).await?;
    let client = CoreClient::from_provider_metadata(
        (*metadata).clone(),
        provider.client_id.clone(),
        Some(provider.client_secret.clone()),
    )
    .set_redirect_uri(redirect_url(state)?);
    let browser_secret = secrets::new_token()?;
    let state_token = secrets::new_token()?;
    let nonce = secrets::new_token()?;
    let (state_hash, nonce_hash) = (
        secrets::hash_token(&state_token),
        secrets::hash_token(&nonce),
    );
    let challenge = PkceCodeChallenge::from_code_verifier_sha256(&pkce_verifier(&browser_secret));
    let mut request = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            move || CsrfToken::new(state_token),
            move || Nonce::new(nonce),
        )
        .set_pkce_challenge(challenge);
    // Staff are matched by their e-mail address when they have no link yet.
    if provider.group == SignInGroup::Staff {
        request = request.add_scope(Scope::new("email".into()));
    }
    let (url, _, _) = request.url();
    Ok(Started {
        authorization_url: url.to_string(),
        browser_secret,
        state_hash,
        nonce_hash,
    })
}

/// Checks the ID token against `metadata`'s keys.
fn verify(
    client_metadata: &CoreProviderMetadata,
    provider: &IdentityProvider,
    id_token: &CoreIdToken,
    nonce_hash: &str,
) -> Result<Identity, ClaimsVerificationError> {
    let client = CoreClient::from_provider_metadata(
        client_metadata.clone(),
        provider.client_id.clone(),
        Some(provider.client_secret.clone()),
    );
    let expected = nonce_hash.to_owned();
    let claims =
        id_token.claims(
            &client.id_token_verifier(),
            move |nonce: Option<&Nonce>| match nonce {
                Some(nonce)
                    if secrets::same_hash(&secrets::hash_token(nonce.secret()), &expected) =>
                {
                    Ok(())
                }
                _ => Err("the nonce is not this sign-in's".to_owned()),
            },
        )?;
    Ok(Identity {
        subject: claims.subject().as_str().to_owned(),
        verified_email: claims
            .email()
            .filter(|_| claims.email_verified() == Some(true))
            .map(|email| email.as_str().to_owned()),
    })
}

/// Exchanges the code for the tokens and checks the ID token. An ID token signed with
/// a key the cached key set lacks makes the key set fetched again, once (the provider
/// rotated its keys).
pub async fn finish(
    state: &AppState,
    provider: &IdentityProvider,
    code: String,
    browser_secret: &str,
    nonce_hash: &str,
) -> Result<Identity, ApiError> {
    let metadata = metadata(state, provider, false).await?;
    let client = CoreClient::from_provider_metadata(
        (*metadata).clone(),
        provider.client_id.clone(),
        Some(provider.client_secret.clone()),
    )
    .set_redirect_uri(redirect_url(state)?);
    let tokens = client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(|e| ApiError::ProviderUnavailable(format!("{}: {e}", provider.id)))?
        .set_pkce_verifier(pkce_verifier(browser_secret))
        .request_async(state.settings.identity_providers.http())
        .await
        .map_err(|e| match e {
            RequestTokenError::Request(e) => ApiError::ProviderUnavailable(format!(
                "{}: token: {}",
                provider.id,
                error_chain(&e)
            )),
            // The answer's text could hold tokens: only its kind is logged.
            RequestTokenError::Parse(_, _) => {
                ApiError::ProviderAnswerInvalid(format!("{}: unreadable token answer", provider.id))
            }
            other => ApiError::ProviderAnswerInvalid(format!("{}: token: {other}", provider.id)),
        })?;
    let id_token = tokens
        .id_token()
        .ok_or_else(|| ApiError::ProviderAnswerInvalid(format!("{}: no ID token", provider.id)))?;
    let checked = match verify(&metadata, provider, id_token, nonce_hash) {
        Err(ClaimsVerificationError::SignatureVerification(
            SignatureVerificationError::NoMatchingKey,
        )) => {
            let fresh = self::metadata(state, provider, true).await?;
            verify(&fresh, provider, id_token, nonce_hash)
        }
        other => other,
    };
    checked.map_err(|e| ApiError::ProviderAnswerInvalid(format!("{}: ID token: {e}", provider.id)))
}
