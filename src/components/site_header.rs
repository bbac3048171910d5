//! The top bar: the organisation's logo and name, and the language switch.

use leptos::prelude::*;

use leptos_router::hooks::use_navigate;

use super::LanguageSwitch;
use crate::app::routes;
use crate::i18n::*;
use crate::organisation::use_organisation;
use crate::session::{use_session, SignedOutReason};

/// The organisation's name and logo (neutral "Kring" until they are known).
#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    let organisation = use_organisation();
    let session = use_session();
    let navigate = use_navigate();
    let sign_out = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            session.sign_out(SignedOutReason::SignedOut).await;
            navigate(routes::SIGN_IN, Default::default());
        }
    });
    let name = move || {
        organisation
            .loaded()
            .map(|o| o.name)
            .unwrap_or_else(|| t_string!(i18n, app_name).to_owned())
    };
    let logo = move || {
        organisation.loaded().and_then(|o| o.logo_url).map(|url| {
            // The name is written next to the logo, so the image itself is decorative.
            view! { <img class="logo" src=url alt="" width="40" height="40" /> }
        })
    };
    view! {
        <header class="site-header">
            <a href="/" class="brand">
                {logo}
                <span class="brand-text">
                    <span class="brand-name">{name}</span>
                    <span class="brand-kind">{tr!(i18n, app_kind)}</span>
                </span>
            </a>
            <div class="header-actions">
                <LanguageSwitch />
                <Show when=move || session.signed_in()>
                    <button
                        type="button"
                        class="header-button"
                        disabled=move || sign_out.pending().get()
                        on:click=move |_| { sign_out.dispatch(()); }
                    >
                        {tr!(i18n, nav.sign_out)}
                    </button>
                </Show>
            </div>
        </header>
    }
}
