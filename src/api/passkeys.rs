//! Passkeys: the signed-in person's list, adding and removing, and signing in with one
//! instead of the SMS code. One `async fn` per endpoint; the browser's part is
//! `crate::passkey`.

use kring_api::{
    paths, NewPasskey, PasskeyOptions, PasskeySignIn, PasskeySignInStart, PasskeySummary,
    SessionInfo,
};

use super::{client, ApiError};

/// The signed-in person's passkeys (`GET /account/passkeys`).
pub async fn passkeys() -> Result<Vec<PasskeySummary>, ApiError> {
    client::get_json(paths::ACCOUNT_PASSKEYS).await
}

/// The options for making a passkey (`POST /account/passkeys/options`).
pub async fn passkey_options() -> Result<PasskeyOptions, ApiError> {
    client::post_empty_json(paths::ACCOUNT_PASSKEY_OPTIONS).await
}

/// Adds the passkey the browser made (`POST /account/passkeys`).
pub async fn add_passkey(request: NewPasskey) -> Result<PasskeySummary, ApiError> {
    client::post_json(paths::ACCOUNT_PASSKEYS, &request).await
}

/// Removes a passkey (`DELETE /account/passkeys/{passkey_id}`).
pub async fn remove_passkey(passkey_id: i64) -> Result<(), ApiError> {
    client::delete_no_content(&paths::fill(paths::ACCOUNT_PASSKEY, &[passkey_id])).await
}

/// The options for signing in with a passkey (`POST /auth/sign-in/passkey/options`).
pub async fn sign_in_passkey_options(attempt: String) -> Result<PasskeyOptions, ApiError> {
    client::post_json(
        paths::SIGN_IN_PASSKEY_OPTIONS,
        &PasskeySignInStart { attempt },
    )
    .await
}

/// Signs in with the browser's answer (`POST /auth/sign-in/passkey`).
pub async fn sign_in_with_passkey(request: PasskeySignIn) -> Result<SessionInfo, ApiError> {
    client::post_json(paths::SIGN_IN_PASSKEY, &request).await
}
