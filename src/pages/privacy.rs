//! The organisation's privacy statement.

use leptos::prelude::*;

use crate::fetched::Fetched;

use crate::api;
use crate::components::{DocumentSections, Loaded, SignInMethodsNotice};
use crate::i18n::*;
use crate::local_time::day_text;
use crate::organisation::use_page_title;

/// The privacy statement, readable without signing in.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, privacy.title));
    let statement = Fetched::new(api::privacy_statement);
    view! {
        <h1>{tr!(i18n, privacy.title)}</h1>
        <Loaded resource=statement skeleton_lines=8 children=move |statement| {
            let updated_on = statement.updated_on;
            let years = statement.retention_years;
            view! {
                <p class="meta">{t!(
                    i18n,
                    privacy.updated,
                    date = move || day_text(updated_on, i18n.get_locale())
                )}</p>
                <p>{t!(i18n, privacy.retention, years = move || years)}</p>
                <DocumentSections sections=statement.sections />
                <SignInMethodsNotice />
            }
        } />
    }
}
