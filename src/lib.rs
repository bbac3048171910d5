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
pub mod portal_scope;
pub mod session;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Replaces the static app shell in `#app` (painted before the WASM loaded) with the app.
pub fn mount() {
    console_error_panic_hook::set_once();
    let root = document()
        .get_element_by_id("app")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    match root {
        Some(root) => {
            // The shell's placeholder content goes; the live app takes its place.
            root.set_text_content(None);
            leptos::mount::mount_to(root, app::App).forget();
        }
        None => leptos::mount::mount_to_body(app::App),
    }
}
