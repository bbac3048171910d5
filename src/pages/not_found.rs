//! The page for addresses the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::routes;
use crate::i18n::*;
use crate::organisation::use_page_title;

/// "This page does not exist", with a way back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(move || t_string!(i18n, not_found.title).to_owned());
    view! {
        <h1>{t!(i18n, not_found.title)}</h1>
        <p>{t!(i18n, not_found.text)}</p>
        <A href=routes::HOME attr:class="button">{t!(i18n, not_found.home)}</A>
    }
}
