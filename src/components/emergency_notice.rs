//! The notice on every page that the portal is not for emergencies (R13).

use kring_api::EmergencyContact;
use leptos::prelude::*;

use crate::i18n::*;

/// "Not for emergencies", with the care team's emergency number as a `tel:` link. Until
/// the number is known (or if it cannot be loaded) it still says to call the care team
/// or 112.
#[component]
pub fn EmergencyNotice(
    /// The organisation's emergency contact, once loaded.
    #[prop(into)]
    emergency: Signal<Option<EmergencyContact>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let body = move || match emergency.get() {
        Some(contact) => {
            let href = format!("tel:{}", contact.phone);
            let locale = i18n.get_locale();
            let hours = contact.hours.get(api_language(locale)).to_owned();
            view! {
                <span>{tr!(i18n, emergency.call_team)}" "</span>
                <a class="emergency-phone" href=href>{contact.phone_display}</a>
                <span class="emergency-hours">" "{hours}" "</span>
                <span>{tr!(i18n, emergency.life)}</span>
            }
            .into_any()
        }
        None => view! { <span>{tr!(i18n, emergency.unknown)}</span> }.into_any(),
    };
    view! {
        <aside class="emergency" aria-label=move || t_string!(i18n, emergency.title)>
            <p>
                <strong>{tr!(i18n, emergency.title)}</strong>" "
                {body}
            </p>
        </aside>
    }
}
