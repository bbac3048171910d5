//! The frame around every page.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use super::{
    EmergencyNotice, IdleWarning, MainNav, OfflineBanner, SecondFactorSetup, SiteFooter,
    SiteHeader, TermsModal,
};
use crate::i18n::*;
use crate::organisation::use_organisation;
use crate::session::{use_session, SessionState};

/// The longest the static shell stays when the session or the organisation is slow to
/// come (the app then shows what it has).
const SHELL_TIMEOUT_MS: u64 = 4000;

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
    // The frame appears once the session and the organisation are known (or failed,
    // or after SHELL_TIMEOUT_MS at the latest), so the header's sign-out button, the
    // emergency number and the menu are in place from its first frame instead of
    // pushing the page down as they arrive (no layout shift). Until then the static
    // shell of index.html stays on screen; it goes in the same step as the frame comes.
    let session = use_session();
    let waited_long = RwSignal::new(false);
    set_timeout(
        move || waited_long.set(true),
        std::time::Duration::from_millis(SHELL_TIMEOUT_MS),
    );
    let ready = Memo::new(move |_| {
        waited_long.get()
            || (!matches!(session.state.get(), SessionState::Loading)
                && organisation.0.get().is_some())
    });
    let content = StoredValue::new_local(Some(children));
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
        <Show when=move || ready.get()>
            {remove_shell()}
            <div class="app">
                <a class="skip-link" href="#content" on:click=skip_to_content>{tr!(i18n, skip_to_content)}</a>
                <SiteHeader />
                <EmergencyNotice emergency />
                <OfflineBanner />
                <div class="frame">
                    <MainNav />
                    <main id="content" class="page" tabindex="-1">
                        {content.try_update_value(Option::take).flatten().map(|children| children())}
                    </main>
                </div>
                <SiteFooter terms_version />
                <TermsModal />
                <SecondFactorSetup />
                <IdleWarning />
            </div>
        </Show>
    }
}

/// Removes the static shell of index.html (once, when the app's frame comes).
fn remove_shell() {
    if let Some(shell) = document().get_element_by_id("app-shell") {
        shell.remove();
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
