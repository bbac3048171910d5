//! Kring: the client portal app (Leptos, compiled to WebAssembly).
//!
//! `app` holds the router, `api` the typed client of the portal API, `pages` one file
//! per route and `components` the reusable pieces.

pub mod api;
pub mod app;
pub mod components;
pub mod errors;
pub mod fetched;
pub mod i18n;
pub mod local_time;
pub mod note_text;
pub mod organisation;
pub mod paged;
pub mod pages;
pub mod passkey;
pub mod portal_scope;
pub mod session;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Mounts the app into `#app`, beside the static app shell (painted before the WASM
/// loaded). The app shows nothing, and the shell stays on screen, until the session and
/// the organisation are known; then [`components::Layout`] swaps them in one step, so
/// nothing on screen moves as the app starts (no layout shift).
pub fn mount() {
    console_error_panic_hook::set_once();
    let root = document()
        .get_element_by_id("app")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    match root {
        Some(root) => leptos::mount::mount_to(root, app::App).forget(),
        None => leptos::mount::mount_to_body(app::App),
    }
}
