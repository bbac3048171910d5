//! Passkeys (WebAuthn) as the second factor beside the SMS code (issue 18).
//!
//! The WebAuthn options and the browser's answers travel in WebAuthn's own JSON form
//! (binary fields as base64url without padding, as `PublicKeyCredential.toJSON()`
//! writes them). The contract keeps them as JSON values: their shape is WebAuthn's,
//! checked by the server's WebAuthn library, not restated here.

use serde::{Deserialize, Serialize};

use crate::time::Timestamp;

/// One of the signed-in person's passkeys (`GET /account/passkeys`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeySummary {
    /// The passkey's id (for removing it).
    pub id: i64,
    /// The name the person gave it, e.g. "My phone".
    pub name: String,
    /// When it was added.
    pub created_at: Timestamp,
    /// When it was last used to sign in.
    #[serde(default)]
    pub last_used_at: Option<Timestamp>,
}

/// A browser's `PublicKeyCredential` in WebAuthn's JSON form. Always an object: anything
/// else is refused as a malformed body (422) before the attempt is looked at. Its fields
/// are checked by the server's WebAuthn library, which the app does not carry.
pub type CredentialJson = serde_json::Map<String, serde_json::Value>;

/// The options for the browser's `navigator.credentials.create` (adding a passkey) or
/// `navigator.credentials.get` (signing in): `{ "publicKey": { … } }`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyOptions {
    /// WebAuthn's options, binary fields base64url.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub options: serde_json::Value,
}

/// Adds a passkey with the browser's answer to the options
/// (`POST /account/passkeys`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewPasskey {
    /// A name to recognise it by, 1 to 60 characters.
    pub name: String,
    /// The new credential (`PublicKeyCredential` as JSON).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub credential: CredentialJson,
}

/// Starts signing in with a passkey for an attempt of the password step
/// (`POST /auth/sign-in/passkey/options`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasskeySignInStart {
    /// The attempt token from the password step's [`CodeChallenge`](crate::CodeChallenge).
    pub attempt: String,
}

/// Finishes signing in with a passkey (`POST /auth/sign-in/passkey`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasskeySignIn {
    /// The attempt token.
    pub attempt: String,
    /// The browser's answer (`PublicKeyCredential` as JSON).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub credential: CredentialJson,
}
