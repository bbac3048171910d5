//! The page for addresses the app does not know.

use leptos::prelude::*;

use crate::app::routes;
use crate::i18n::*;
use crate::organisation::use_page_title;

/// "This page does not exist", with a way back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, not_found.title));
    view! {
        <h1>{tr!(i18n, not_found.title)}</h1>
        <p>{tr!(i18n, not_found.text)}</p>
        <a href=routes::HOME class="button">{tr!(i18n, not_found.home)}</a>
    }
}
