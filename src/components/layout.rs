//! The frame around every page.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use super::{
    EmergencyNotice, IdleWarning, MainNav, OfflineBanner, SiteFooter, SiteHeader, TermsModal,
};
use crate::i18n::*;
use crate::organisation::use_organisation;

/// Header, emergency notice, navigation (bottom bar on phones, side bar from tablet
/// width), the page, and the footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let organisation = use_organisation();
    let emergency = Signal::derive(move || organisation.loaded().map(|o| o.emergency));
    let terms_version =
        Signal::derive(move || organisation.loaded().and_then(|o| o.current_terms_version));
    // After moving to another page, focus goes to the page's content, so keyboard and
    // screen reader users start reading there (not on the first load: nothing moved).
    let pathname = use_location().pathname;
    Effect::new(move |previous: Option<String>| {
        let current = pathname.get();
        if previous.is_some_and(|p| p != current) {
            focus_content();
        }
        current
    });
    let skip_to_content = move |event: leptos::ev::MouseEvent| {
        // The router would treat "#content" as a navigation; just move focus instead.
        event.prevent_default();
        focus_content();
    };
    view! {
        <div class="app">
            <a class="skip-link" href="#content" on:click=skip_to_content>{tr!(i18n, skip_to_content)}</a>
            <SiteHeader />
            <EmergencyNotice emergency />
            <OfflineBanner />
            <div class="frame">
                <MainNav />
                <main id="content" class="page" tabindex="-1">
                    {children()}
                </main>
            </div>
            <SiteFooter terms_version />
            <TermsModal />
            <IdleWarning />
        </div>
    }
}

/// Moves keyboard focus to the page's main content.
fn focus_content() {
    if let Some(main) = document()
        .get_element_by_id("content")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
    }
}
