//! Two minutes before the session would end for inactivity, ask whether the person is
//! still there; at the end, sign out and say why.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::modal_dialog::ModalDialog;
use crate::api;
use crate::i18n::*;
use crate::session::{use_session, SignedOutReason};

/// How long before the end the warning shows.
const WARNING_MS: f64 = 120_000.0;

/// The idle warning; active only while someone is signed in.
#[component]
pub fn IdleWarning() -> impl IntoView {
    let session = use_session();
    view! {
        <Show when=move || session.signed_in()>
            <IdleCountdown />
        </Show>
    }
}

#[component]
fn IdleCountdown() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let now = RwSignal::new(js_sys::Date::now());
    if let Ok(handle) = set_interval_with_handle(
        move || now.set(js_sys::Date::now()),
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let idle_ms = move || {
        session
            .current()
            .map(|s| f64::from(s.idle_timeout_seconds) * 1000.0)
            .unwrap_or(900_000.0)
    };
    // Every request to the server renews its idle time, so count from the last one.
    let remaining_ms = Memo::new(move |_| api::last_server_contact() + idle_ms() - now.get());
    let warning = Memo::new(move |_| remaining_ms.get() <= WARNING_MS);
    // Only while the warning shows does the countdown text follow the clock.
    let seconds = move || {
        if warning.get() {
            (remaining_ms.get() / 1000.0).ceil().max(0.0) as u64
        } else {
            0
        }
    };
    let stay = Action::new_local(move |_: &()| async move {
        match api::keep_alive().await {
            Ok(info) => session.set_signed_in(info),
            Err(_) => session.refresh(),
        }
    });
    let sign_out = Action::new_local(move |reason: &SignedOutReason| {
        let reason = *reason;
        let navigate = navigate.clone();
        async move {
            session.sign_out(reason).await;
            navigate(crate::app::routes::SIGN_IN, Default::default());
        }
    });
    Effect::new(move || {
        if remaining_ms.get() <= 0.0 && !sign_out.pending().get_untracked() {
            sign_out.dispatch(SignedOutReason::Idle);
        }
    });
    view! {
        <ModalDialog
            open=warning
            labelled_by="idle-title"
            described_by="idle-text"
            on_dismiss=Callback::new(move |()| { stay.dispatch(()); })
        >
            <h2 id="idle-title">{tr!(i18n, idle.title)}</h2>
            <p id="idle-text" aria-live="off">{t!(i18n, idle.text, seconds)}</p>
            <div class="actions">
                <button type="button" class="button" on:click=move |_| { stay.dispatch(()); }>
                    {tr!(i18n, idle.stay)}
                </button>
                <button
                    type="button"
                    class="button-secondary"
                    on:click=move |_| { sign_out.dispatch(SignedOutReason::SignedOut); }
                >
                    {tr!(i18n, idle.leave)}
                </button>
            </div>
        </ModalDialog>
    }
}
