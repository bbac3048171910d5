//! The footer: the terms in force and the privacy statement, from every page (R9).

use leptos::prelude::*;

use crate::app::routes;
use crate::i18n::*;

/// Links to the terms in force (with their version) and the privacy statement.
#[component]
pub fn SiteFooter(
    /// The terms version in force, once known.
    #[prop(into)]
    terms_version: Signal<Option<u32>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let terms_label = move || match terms_version.get() {
        Some(version) => view! { {t!(i18n, footer.terms_version, version)} }.into_any(),
        None => view! { {tr!(i18n, footer.terms)} }.into_any(),
    };
    view! {
        <footer class="site-footer">
            <nav aria-label=move || t_string!(i18n, footer.label)>
                <ul>
                    <li><a href=routes::TERMS>{terms_label}</a></li>
                    <li><a href=routes::PRIVACY>{tr!(i18n, footer.privacy)}</a></li>
                </ul>
            </nav>
            <p class="made-with">{tr!(i18n, footer.made_with)}</p>
        </footer>
    }
}
