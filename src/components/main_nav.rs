//! The main navigation.

use leptos::prelude::*;
use leptos_router::components::A;

use super::icons::{ContactIcon, HomeIcon, TermsIcon};
use crate::app::routes;
use crate::i18n::*;

/// The main menu: a bar at the bottom on phones, a column on the left from tablet width.
/// The link of the page shown has `aria-current="page"`.
#[component]
pub fn MainNav() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="main-nav" aria-label=move || t_string!(i18n, nav.label)>
            <ul>
                <li>
                    <A href=routes::HOME exact=true>
                        <HomeIcon />
                        <span>{t!(i18n, nav.home)}</span>
                    </A>
                </li>
                <li>
                    <A href=routes::CONTACT>
                        <ContactIcon />
                        <span>{t!(i18n, nav.contact)}</span>
                    </A>
                </li>
                <li>
                    <A href=routes::TERMS>
                        <TermsIcon />
                        <span>{t!(i18n, nav.terms)}</span>
                    </A>
                </li>
            </ul>
        </nav>
    }
}
