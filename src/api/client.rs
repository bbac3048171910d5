//! The HTTP plumbing shared by every endpoint function.

use std::cell::Cell;

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use web_sys::RequestCredentials;

use super::ApiError;

/// The header the server requires on every state-changing request (CSRF).
pub(super) const CSRF_HEADER: &str = "X-Kring-CSRF";

thread_local! {
    /// When the last request reached the server (ms since the epoch): every request
    /// renews the session's idle time, so the idle warning counts from here.
    static LAST_SERVER_CONTACT: Cell<f64> = const { Cell::new(0.0) };
}

/// When the app last reached the server, in ms since the epoch (0 before any request).
pub fn last_server_contact() -> f64 {
    LAST_SERVER_CONTACT.with(Cell::get)
}

/// The API base URL without a trailing slash, from `<meta name="kring-api-base">`;
/// `/api/v1` when the page has none (the reference server's own address).
pub fn api_base() -> String {
    let configured = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("meta[name='kring-api-base']")
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"))
        .map(|c| c.trim().trim_end_matches('/').to_owned())
        .filter(|c| !c.is_empty());
    configured.unwrap_or_else(|| kring_api::paths::API_BASE.to_owned())
}

/// Whether the API lives on another origin than the page (then credentials are sent).
fn is_cross_origin(base: &str) -> bool {
    base.starts_with("http://") || base.starts_with("https://") || base.starts_with("//")
}

/// The language the app currently shows, from `<html lang>`, for `Accept-Language`.
pub(super) fn page_language() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .filter(|l| l == "en" || l == "nl")
        .unwrap_or_else(|| "nl".to_owned())
}

/// Whether the browser says it has no connection.
pub fn is_offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// Percent-encodes a query value (cursors are URL-safe already; this is a guard).
pub fn encode(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}

/// `path` with `query` (one of the contract's query structs) as its query string: the
/// very struct the server reads. Through `serde_json`, which the app carries anyway,
/// rather than a URL-encoding serializer of its own.
pub fn with_query<Q: Serialize>(path: String, query: &Q) -> String {
    let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(query) else {
        return path;
    };
    let values: Vec<(String, Option<String>)> = fields
        .into_iter()
        .map(|(name, value)| {
            let value = match value {
                serde_json::Value::String(text) => Some(text),
                serde_json::Value::Null => None,
                other => Some(other.to_string()),
            };
            (name, value)
        })
        .collect();
    let values: Vec<(&str, Option<String>)> = values
        .iter()
        .map(|(name, value)| (name.as_str(), value.clone()))
        .collect();
    path + &query_string(&values)
}

/// `?name=value&…` of the values that are there (percent-encoded), or nothing. The
/// app's own addresses use it too, for filters in the URL.
pub fn query_string(values: &[(&str, Option<String>)]) -> String {
    let mut query = String::new();
    for (name, value) in values {
        if let Some(value) = value {
            query.push(if query.is_empty() { '?' } else { '&' });
            query.push_str(name);
            query.push('=');
            query.push_str(&encode(value));
        }
    }
    query
}

/// A request to `path` (relative to the API base) with the app's usual headers.
fn prepare(builder: fn(&str) -> RequestBuilder, path: &str) -> RequestBuilder {
    let base = api_base();
    let credentials = if is_cross_origin(&base) {
        RequestCredentials::Include
    } else {
        RequestCredentials::SameOrigin
    };
    builder(&format!("{base}{path}"))
        .header("Accept", "application/json")
        .header("Accept-Language", &page_language())
        .credentials(credentials)
}

fn network_error(error: gloo_net::Error) -> ApiError {
    if is_offline() {
        ApiError::Offline
    } else {
        ApiError::Network(error.to_string())
    }
}

/// The error for a status and the body that came with it: the server's problem, or
/// the bare status when the body is not one.
pub(super) fn problem_or_status(status: u16, body: &str) -> ApiError {
    match serde_json::from_str::<kring_api::Problem>(body) {
        Ok(problem) => ApiError::Problem(Box::new(problem)),
        Err(_) => ApiError::Status(status),
    }
}

/// Turns an error status into the server's problem (or a bare status).
async fn failure(response: Response) -> ApiError {
    let status = response.status();
    match response.json::<kring_api::Problem>().await {
        Ok(problem) => ApiError::Problem(Box::new(problem)),
        Err(_) => ApiError::Status(status),
    }
}

/// Notes that the server answered (the idle warning counts from here).
pub(super) fn reached_server() {
    LAST_SERVER_CONTACT.with(|c| c.set(js_sys::Date::now()));
}

/// The raw body of a successful answer. Non-generic on purpose: the request/response
/// machinery exists once in the WASM, and only the small decoding step is per type.
async fn send(
    request: Result<gloo_net::http::Request, gloo_net::Error>,
) -> Result<String, ApiError> {
    let request = request.map_err(|e| ApiError::Decode(e.to_string()))?;
    let response = request.send().await.map_err(network_error)?;
    reached_server();
    if !response.ok() {
        return Err(failure(response).await);
    }
    response
        .text()
        .await
        .map_err(|e| ApiError::Decode(e.to_string()))
}

fn decode<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|e| ApiError::Decode(e.to_string()))
}

async fn get_text(path: &str) -> Result<String, ApiError> {
    send(prepare(Request::get, path).build()).await
}

async fn post_text(path: &str, body: Option<String>) -> Result<String, ApiError> {
    write_text(Request::post, path, body).await
}

/// A state-changing request (POST, PATCH, DELETE): with the CSRF header, and a JSON
/// body when there is one.
async fn write_text(
    method: fn(&str) -> RequestBuilder,
    path: &str,
    body: Option<String>,
) -> Result<String, ApiError> {
    let builder = prepare(method, path).header(CSRF_HEADER, "1");
    let request = match body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body),
        None => builder.build(),
    };
    send(request).await
}

fn encode_body<B: Serialize>(body: &B) -> Result<String, ApiError> {
    serde_json::to_string(body).map_err(|e| ApiError::Decode(e.to_string()))
}

/// GET `path` and decode the JSON answer.
pub async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(&get_text(path).await?)
}

/// POST a JSON body and decode the JSON answer.
pub async fn post_json<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    let body = encode_body(body)?;
    decode(&post_text(path, Some(body)).await?)
}

/// POST a JSON body and decode the answer as `A`, or else as `B` (an answer of one of
/// two shapes, such as [`kring_api::SignInStep`]).
///
/// Deliberately not `#[serde(untagged)]`'s own decoding: that buffers the answer in
/// serde's `Content` and builds a second decoder of every type inside both shapes,
/// which put about 20 KB more in the first WASM module. Trying the text twice reuses
/// the decoders the app has anyway, with the same outcome (the first shape that fits).
pub async fn post_json_either<Body: Serialize, A: DeserializeOwned, B: DeserializeOwned>(
    path: &str,
    body: &Body,
) -> Result<Result<A, B>, ApiError> {
    let body = encode_body(body)?;
    let text = post_text(path, Some(body)).await?;
    match serde_json::from_str(&text) {
        Ok(first) => Ok(Ok(first)),
        Err(_) => decode(&text).map(Err),
    }
}

/// POST a JSON body; the answer has no content that matters.
pub async fn post_json_no_content<B: Serialize>(path: &str, body: &B) -> Result<(), ApiError> {
    let body = encode_body(body)?;
    post_text(path, Some(body)).await.map(|_| ())
}

/// POST without a body; the answer has no content that matters.
pub async fn post_no_content(path: &str) -> Result<(), ApiError> {
    post_text(path, None).await.map(|_| ())
}

/// POST without a body and decode the JSON answer.
pub async fn post_empty_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(&post_text(path, None).await?)
}

/// POST a file as `text/csv` (its bytes as they are) and decode the JSON answer.
pub async fn post_csv<T: DeserializeOwned>(
    path: &str,
    file: &web_sys::Blob,
) -> Result<T, ApiError> {
    let request = prepare(Request::post, path)
        .header(CSRF_HEADER, "1")
        .header("Content-Type", "text/csv")
        .body(file.clone());
    decode(&send(request).await?)
}

/// PATCH a JSON body and decode the JSON answer.
pub async fn patch_json<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    let body = encode_body(body)?;
    decode(&write_text(Request::patch, path, Some(body)).await?)
}

/// PUT a JSON body and decode the JSON answer.
pub async fn put_json<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    let body = encode_body(body)?;
    decode(&write_text(Request::put, path, Some(body)).await?)
}

/// DELETE; the answer has no content that matters.
pub async fn delete_no_content(path: &str) -> Result<(), ApiError> {
    write_text(Request::delete, path, None).await.map(|_| ())
}

/// PUT an SVG file's text (`image/svg+xml`); the answer has no content that matters.
pub async fn put_svg(path: &str, svg: String) -> Result<(), ApiError> {
    let request = prepare(Request::put, path)
        .header(CSRF_HEADER, "1")
        .header("Content-Type", "image/svg+xml")
        .body(svg);
    send(request).await.map(|_| ())
}
