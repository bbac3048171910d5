//! The top bar: the organisation's logo and name, and the language switch.

use leptos::prelude::*;
use leptos_router::components::A;

use super::LanguageSwitch;
use crate::i18n::*;
use crate::organisation::use_organisation;

/// The organisation's name and logo (neutral "Kring" until they are known).
#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    let organisation = use_organisation();
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
            <A href="/" attr:class="brand">
                {logo}
                <span class="brand-text">
                    <span class="brand-name">{name}</span>
                    <span class="brand-kind">{t!(i18n, app_kind)}</span>
                </span>
            </A>
            <LanguageSwitch />
        </header>
    }
}
