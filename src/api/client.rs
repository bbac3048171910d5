//! The HTTP plumbing shared by every endpoint function.

use gloo_net::http::Request;
use serde::de::DeserializeOwned;
use web_sys::RequestCredentials;

use super::ApiError;

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
fn page_language() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .filter(|l| l == "en" || l == "nl")
        .unwrap_or_else(|| "nl".to_owned())
}

fn is_offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// Percent-encodes a query value (cursors are URL-safe already; this is a guard).
pub fn encode(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}

/// GET `path` (relative to the API base) and decode the JSON answer.
pub async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let base = api_base();
    let url = format!("{base}{path}");
    let credentials = if is_cross_origin(&base) {
        RequestCredentials::Include
    } else {
        RequestCredentials::SameOrigin
    };
    let response = Request::get(&url)
        .header("Accept", "application/json")
        .header("Accept-Language", &page_language())
        .credentials(credentials)
        .send()
        .await
        .map_err(|e| {
            if is_offline() {
                ApiError::Offline
            } else {
                ApiError::Network(e.to_string())
            }
        })?;
    if response.ok() {
        return response
            .json::<T>()
            .await
            .map_err(|e| ApiError::Decode(e.to_string()));
    }
    let status = response.status();
    match response.json::<kring_api::Problem>().await {
        Ok(problem) => Err(ApiError::Problem(Box::new(problem))),
        Err(_) => Err(ApiError::Status(status)),
    }
}
