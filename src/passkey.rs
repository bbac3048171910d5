//! Passkeys in the browser: WebAuthn's `navigator.credentials.create` and `.get`. The
//! server's options come as JSON with binary fields in base64url; the browser takes
//! those fields as bytes, and its answer goes back as JSON the same way.
//!
//! None of this is in the first page load: the account page (a chunk of its own) calls
//! [`create`], and the sign-in page calls [`sign_in`], a split point whose code is
//! fetched when someone first signs in with a passkey.

use std::future::Future;
use std::pin::Pin;

use js_sys::{Array, ArrayBuffer, Function, Reflect, Uint8Array, JSON};
use kring_api::{CredentialJson, PasskeySignIn, Reauthenticated, SessionInfo};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::api::{self, ApiError};
use crate::components::SplitLoaderError;
use crate::errors::error_message;
use crate::i18n::*;

/// Why a passkey step did not work.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum PasskeyError {
    /// This browser cannot use passkeys.
    #[error("this browser has no passkeys")]
    Unsupported,
    /// The person stopped, waited too long, or no passkey fitted.
    #[error("no passkey was used")]
    NotUsed,
    /// This device has a passkey for the account already.
    #[error("this device has a passkey for the account already")]
    AlreadyThere,
    /// The server refused, or could not be reached.
    #[error("{0}")]
    Api(ApiError),
}

impl From<ApiError> for PasskeyError {
    fn from(error: ApiError) -> Self {
        PasskeyError::Api(error)
    }
}

impl From<SplitLoaderError> for ApiError {
    fn from(_: SplitLoaderError) -> Self {
        if api::is_offline() {
            ApiError::Offline
        } else {
            ApiError::Network("passkey code".into())
        }
    }
}

/// What a failed passkey step says, in `locale`.
pub fn error_text(error: &PasskeyError, locale: Locale) -> String {
    match error {
        PasskeyError::Unsupported => td_string!(locale, passkeys.unsupported).to_owned(),
        PasskeyError::NotUsed => td_string!(locale, passkeys.not_used).to_owned(),
        PasskeyError::AlreadyThere => td_string!(locale, passkeys.already).to_owned(),
        PasskeyError::Api(error) => error_message(error, locale),
    }
}

/// The answer of [`sign_in`] once its code is loaded: the session, or what to say (in
/// the locale asked for; the texts stay in the loaded code).
pub type SignInFuture = Pin<Box<dyn Future<Output = Result<SessionInfo, String>>>>;

/// Signs in with a passkey for the password step's `attempt`: the server's options, the
/// browser's passkey, the server's check. Its code is loaded on the first call.
#[cfg(kring_split)]
#[leptos::wasm_split::wasm_split(passkey_sign_in, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn sign_in(attempt: String, locale: Locale) -> Result<SignInFuture, ApiError> {
    Ok(Box::pin(async move {
        sign_in_now(attempt)
            .await
            .map_err(|error| error_text(&error, locale))
    }))
}

/// Signs in with a passkey for the password step's `attempt` (unsplit builds: see
/// `lazy_page!`).
#[cfg(not(kring_split))]
pub async fn sign_in(attempt: String, locale: Locale) -> Result<SignInFuture, ApiError> {
    Ok(Box::pin(async move {
        sign_in_now(attempt)
            .await
            .map_err(|error| error_text(&error, locale))
    }))
}

async fn sign_in_now(attempt: String) -> Result<SessionInfo, PasskeyError> {
    let options = api::passkeys::sign_in_passkey_options(attempt.clone()).await?;
    let credential = use_passkey(&options.options).await?;
    Ok(api::passkeys::sign_in_with_passkey(PasskeySignIn {
        attempt,
        credential,
    })
    .await?)
}

/// Confirms it is you with a passkey, for the re-authentication `attempt` (the account
/// page, a chunk of its own, calls it).
pub async fn reauthenticate(attempt: String) -> Result<Reauthenticated, PasskeyError> {
    let options = api::account::reauthentication_passkey_options(attempt.clone()).await?;
    let credential = use_passkey(&options.options).await?;
    Ok(api::account::reauthenticate_with_passkey(PasskeySignIn {
        attempt,
        credential,
    })
    .await?)
}

/// Uses one of the person's passkeys with the server's request options; the browser's
/// answer.
async fn use_passkey(options: &serde_json::Value) -> Result<CredentialJson, PasskeyError> {
    ceremony(
        "get",
        options,
        &[&["challenge"], &["allowCredentials", "*", "id"]],
    )
    .await
}

/// Makes a new passkey with the server's creation options; the browser's answer.
pub async fn create(options: &serde_json::Value) -> Result<CredentialJson, PasskeyError> {
    ceremony(
        "create",
        options,
        &[
            &["challenge"],
            &["user", "id"],
            &["excludeCredentials", "*", "id"],
        ],
    )
    .await
}

/// Calls `navigator.credentials[method]` with `options` (`{ "publicKey": … }`), its
/// binary fields (paths below `publicKey`, `*` for every item of a list) made bytes.
async fn ceremony(
    method: &str,
    options: &serde_json::Value,
    binary: &[&[&str]],
) -> Result<CredentialJson, PasskeyError> {
    let window = web_sys::window().ok_or(PasskeyError::Unsupported)?;
    let supported = Reflect::has(&window, &"PublicKeyCredential".into()).unwrap_or(false);
    let credentials = Reflect::get(&window.navigator(), &"credentials".into())
        .ok()
        .filter(|c| supported && c.is_object())
        .ok_or(PasskeyError::Unsupported)?;
    let options = JSON::parse(&options.to_string()).map_err(|_| PasskeyError::Unsupported)?;
    let public_key = get(&options, "publicKey");
    for path in binary {
        to_bytes(&public_key, path);
    }
    let call = get(&credentials, method)
        .dyn_into::<Function>()
        .map_err(|_| PasskeyError::Unsupported)?;
    let promise = call
        .call1(&credentials, &options)
        .map_err(|_| PasskeyError::NotUsed)?;
    let credential = JsFuture::from(js_sys::Promise::resolve(&promise))
        .await
        .map_err(|error| match get(&error, "name").as_string().as_deref() {
            Some("InvalidStateError") => PasskeyError::AlreadyThere,
            Some("NotSupportedError") | Some("SecurityError") => PasskeyError::Unsupported,
            _ => PasskeyError::NotUsed,
        })?;
    if !credential.is_object() {
        return Err(PasskeyError::NotUsed);
    }
    Ok(answer(&credential))
}

/// A property, or `undefined`.
fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Replaces the base64url text at `path` below `value` by its bytes.
fn to_bytes(value: &JsValue, path: &[&str]) {
    match path {
        [] => {}
        ["*", rest @ ..] => {
            if let Some(items) = value.dyn_ref::<Array>() {
                for item in items.iter() {
                    to_bytes(&item, rest);
                }
            }
        }
        [key] => {
            if let Some(bytes) = get(value, key).as_string().and_then(|t| decode(&t)) {
                let _ = Reflect::set(value, &(*key).into(), &Uint8Array::from(&bytes[..]));
            }
        }
        [key, rest @ ..] => {
            let inner = get(value, key);
            if inner.is_object() {
                to_bytes(&inner, rest);
            }
        }
    }
}

/// The browser's `PublicKeyCredential` as WebAuthn's JSON form.
fn answer(credential: &JsValue) -> CredentialJson {
    let bytes = |value: JsValue| {
        value
            .dyn_ref::<ArrayBuffer>()
            .map(|buffer| serde_json::Value::String(encode(&Uint8Array::new(buffer).to_vec())))
    };
    let response = get(credential, "response");
    let mut fields = serde_json::Map::new();
    for key in [
        "clientDataJSON",
        "attestationObject",
        "authenticatorData",
        "signature",
        "userHandle",
    ] {
        if let Some(value) = bytes(get(&response, key)) {
            fields.insert(key.to_owned(), value);
        }
    }
    let method_result = |target: &JsValue, name: &str| {
        get(target, name)
            .dyn_into::<Function>()
            .ok()
            .and_then(|f| f.call0(target).ok())
    };
    if let Some(transports) = method_result(&response, "getTransports") {
        let list: Vec<serde_json::Value> = Array::from(&transports)
            .iter()
            .filter_map(|t| t.as_string().map(serde_json::Value::String))
            .collect();
        fields.insert("transports".to_owned(), serde_json::Value::Array(list));
    }
    let extensions = method_result(credential, "getClientExtensionResults")
        .and_then(|results| JSON::stringify(&results).ok())
        .and_then(|text| serde_json::from_str(&String::from(text)).ok())
        .unwrap_or_else(|| serde_json::json!({}));
    let mut answer = CredentialJson::new();
    answer.insert(
        "id".to_owned(),
        get(credential, "id").as_string().unwrap_or_default().into(),
    );
    answer.insert(
        "rawId".to_owned(),
        bytes(get(credential, "rawId")).unwrap_or_default(),
    );
    answer.insert(
        "type".to_owned(),
        get(credential, "type")
            .as_string()
            .unwrap_or_default()
            .into(),
    );
    answer.insert("response".to_owned(), fields.into());
    answer.insert("extensions".to_owned(), extensions);
    answer
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            text.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    text
}

/// base64url (padding and the standard alphabet's `+/` tolerated); `None` if it is not.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(text.len() * 3 / 4);
    let (mut n, mut bits) = (0u32, 0u32);
    for c in text.trim_end_matches('=').bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        n = (n << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((n >> bits) as u8);
            n &= (1 << bits) - 1;
        }
    }
    Some(bytes)
}
