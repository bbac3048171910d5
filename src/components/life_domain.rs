//! A life domain shown by its icon and its name (never by the icon alone).

use kring_api::LifeDomain;
use leptos::prelude::*;

use crate::i18n::*;

/// The domain's name in the person's language.
pub fn domain_name(locale: Locale, domain: LifeDomain) -> &'static str {
    match domain {
        LifeDomain::Living => td_string!(locale, domain.living),
        LifeDomain::Health => td_string!(locale, domain.health),
        LifeDomain::DaytimeActivities => td_string!(locale, domain.daytime_activities),
        LifeDomain::Finances => td_string!(locale, domain.finances),
        LifeDomain::SocialContacts => td_string!(locale, domain.social_contacts),
        LifeDomain::SelfCare => td_string!(locale, domain.self_care),
    }
}

/// The domain's icon (decorative: its name is always next to it).
#[component]
pub fn DomainIcon(
    /// Which domain.
    domain: LifeDomain,
) -> impl IntoView {
    let path = match domain {
        LifeDomain::Living => "M3 11.5 12 4l9 7.5M5.5 10v10h13V10M10 20v-5h4v5",
        LifeDomain::Health => {
            "M12 20s-7.5-4.6-7.5-10.2A4.2 4.2 0 0 1 12 7.3a4.2 4.2 0 0 1 7.5 2.5C19.5 15.4 12 20 12 20Z"
        }
        LifeDomain::DaytimeActivities => {
            "M12 8.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7ZM12 2.5v2.5M12 19v2.5M2.5 12H5M19 12h2.5M5.3 5.3l1.8 1.8M16.9 16.9l1.8 1.8M5.3 18.7l1.8-1.8M16.9 7.1l1.8-1.8"
        }
        LifeDomain::Finances => {
            "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18ZM14.5 9.2A2.6 2.6 0 0 0 12 7.8c-1.5 0-2.5.8-2.5 1.9s1 1.6 2.5 2 2.5.8 2.5 2-1 2-2.5 2a2.6 2.6 0 0 1-2.5-1.4M12 6v1.8M12 16.2V18"
        }
        LifeDomain::SocialContacts => {
            "M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM3 20a6 6 0 0 1 12 0M16 11a2.5 2.5 0 1 0 0-5M17.5 14.5A5 5 0 0 1 21 19.5"
        }
        LifeDomain::SelfCare => "M8.5 4 3.5 7l2 4 2-1v10h9V10l2 1 2-4-5-3a3.5 3.5 0 0 1-7 0Z",
    };
    view! {
        <svg class="icon domain-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=path />
        </svg>
    }
}
