//! The start page: what the portal is and how to get access.

use leptos::prelude::*;

use crate::app::routes;
use crate::components::Loaded;
use crate::i18n::*;
use crate::organisation::{use_organisation, use_page_title};
use crate::session::use_session;

/// Welcome, who the portal is for and how access is given (R1, R2).
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, home.title));
    let organisation = use_organisation();
    let session = use_session();
    let signed_in = move || session.signed_in();
    view! {
        <Loaded resource=organisation.0 skeleton_lines=6 children=move |organisation| {
            let org = organisation.name;
            view! {
                <h1>{t!(i18n, home.welcome, org = org.clone())}</h1>
                <p class="lead">{tr!(i18n, home.intro)}</p>
                <Show
                    when=signed_in
                    fallback=move || view! {
                        <section class="card card-highlight">
                            <h2>{tr!(i18n, home.sign_in_title)}</h2>
                            <p>{tr!(i18n, home.sign_in_text)}</p>
                            <a href=routes::SIGN_IN class="button">{tr!(i18n, nav.sign_in)}</a>
                        </section>
                    }
                >
                    <p><a href=routes::PORTAL class="button">{tr!(i18n, home.to_portal)}</a></p>
                </Show>
                <section class="card">
                    <h2>{tr!(i18n, home.access_title)}</h2>
                    <p>{t!(i18n, home.access_own_request, org = org.clone())}</p>
                    <p>{tr!(i18n, home.access_one_person)}</p>
                    <p>{tr!(i18n, home.access_mail)}</p>
                </section>
                <section class="card">
                    <h2>{tr!(i18n, home.questions_title)}</h2>
                    <p>{tr!(i18n, home.questions_text)}</p>
                    <a href=routes::CONTACT class="button">{tr!(i18n, home.to_contact)}</a>
                </section>
            }
        } />
    }
}
