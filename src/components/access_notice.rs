//! What happened when access is suspended or ended, and whom to contact (R5, R10).

use leptos::prelude::*;

use crate::i18n::*;
use crate::organisation::use_organisation;

/// Which state to explain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccessState {
    /// Suspended by the organisation, with its reason.
    Suspended(Option<String>),
    /// Access ended.
    Ended,
}

/// A plain explanation of a suspension or an ended access, with the care team's number.
#[component]
pub fn AccessNotice(
    /// The state to explain.
    state: AccessState,
    /// The heading level: an `h1` on its own page, `h2` inside another.
    #[prop(default = 2)]
    level: u8,
) -> impl IntoView {
    let i18n = use_i18n();
    let organisation = use_organisation();
    let is_ended = matches!(state, AccessState::Ended);
    let (title, reason) = match state {
        // The headings are the problem titles of the account's codes (one text per code).
        AccessState::Suspended(reason) => (tr!(i18n, problem.account_suspended.title), reason),
        AccessState::Ended => (tr!(i18n, problem.account_ended.title), None),
    };
    let heading = move || match level {
        1 => view! { <h1>{title}</h1> }.into_any(),
        _ => view! { <h2>{title}</h2> }.into_any(),
    };
    let phone = move || {
        organisation.loaded().map(|o| {
            let href = format!("tel:{}", o.care_team.phone);
            view! { " " <a href=href>{o.care_team.phone_display}</a> }
        })
    };
    view! {
        <section class="card card-notice access-notice">
            {heading}
            {reason.map(|reason| view! { <p>{t!(i18n, access.reason, reason = reason.clone())}</p> })}
            {is_ended.then(|| view! { <p>{tr!(i18n, access.ended_text)}</p> })}
            <p>{tr!(i18n, access.contact)}{phone}</p>
        </section>
    }
}
