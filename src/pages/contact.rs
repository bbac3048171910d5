//! Contact: what to do in an emergency, and how to reach the care team (R12, R13).

use leptos::prelude::*;

use crate::components::Loaded;
use crate::i18n::*;
use crate::organisation::{use_organisation, use_page_title};

/// The emergency number in large print, and the care team's phone, e-mail and hours.
#[component]
pub fn ContactPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, contact.title));
    let organisation = use_organisation();
    view! {
        <h1>{tr!(i18n, contact.title)}</h1>
        <Loaded resource=organisation.0 children=move |organisation| {
            let emergency = organisation.emergency;
            let team = organisation.care_team;
            let emergency_href = format!("tel:{}", emergency.phone);
            let team_href = format!("tel:{}", team.phone);
            let mail_href = format!("mailto:{}", team.email);
            let emergency_hours = emergency.hours.clone();
            let team_hours = team.hours.clone();
            view! {
                <section class="card card-urgent">
                    <h2>{tr!(i18n, contact.emergency_title)}</h2>
                    <p>{tr!(i18n, contact.emergency_text)}</p>
                    <a class="button button-call" href=emergency_href>
                        {tr!(i18n, contact.emergency_call)}": "{emergency.phone_display}
                    </a>
                    <p>{move || emergency_hours.get(api_language(i18n.get_locale())).to_owned()}</p>
                    <p><strong>{tr!(i18n, contact.emergency_life)}</strong></p>
                </section>
                <section class="card">
                    <h2>{tr!(i18n, contact.team_title)}</h2>
                    <p>{tr!(i18n, contact.team_text)}</p>
                    <dl class="facts">
                        <dt>{tr!(i18n, contact.phone)}</dt>
                        <dd><a href=team_href>{team.phone_display}</a></dd>
                        <dt>{tr!(i18n, contact.email)}</dt>
                        <dd><a href=mail_href>{team.email}</a></dd>
                        <dt>{tr!(i18n, contact.hours)}</dt>
                        <dd>{move || team_hours.get(api_language(i18n.get_locale())).to_owned()}</dd>
                    </dl>
                </section>
            }
        } />
    }
}
