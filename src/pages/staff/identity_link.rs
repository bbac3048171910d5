//! "Link a sign-in service" (issue 18): organisation administrators link a staff
//! member's account to the organisation's identity provider for staff, by the
//! provider's fixed id for the person. Staff whose provider vouches for their e-mail
//! address are matched by it on their first sign-in; this is for the others. Shown only
//! where the server offers a provider for staff.

use kring_api::{IdentityProvider, SignInGroup};
use leptos::prelude::*;

use crate::api;
use crate::components::{FormError, FormSuccess};
use crate::errors::error_message;
use crate::fetched::Fetched;
use crate::i18n::*;

/// The server's identity providers for staff, fetched once for the staff page.
#[derive(Clone, Copy)]
pub struct StaffProviders(Signal<Vec<IdentityProvider>>);

/// Fetches the identity providers for staff and provides them to the staff cards.
pub fn provide_staff_providers() {
    let fetched = Fetched::new(api::identity_providers);
    provide_context(StaffProviders(Signal::derive(move || {
        match fetched.get() {
            Some(Ok(list)) => list
                .into_iter()
                .filter(|p| p.group == SignInGroup::Staff)
                .collect(),
            _ => Vec::new(),
        }
    })));
}

/// For one staff member with an account: the provider (a choice only when there are
/// several) and the provider's id for them.
#[component]
pub fn StaffIdentityLink(staff_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let StaffProviders(providers) = expect_context::<StaffProviders>();
    let chosen = RwSignal::new(None::<String>);
    let provider = Memo::new(move |_| {
        let list = providers.get();
        chosen
            .get()
            .and_then(|id| list.iter().find(|p| p.id == id).cloned())
            .or_else(|| list.first().cloned())
    });
    let subject = RwSignal::new(String::new());
    let missing = RwSignal::new(false);
    let link = Action::new_local(move |(provider, subject): &(String, String)| {
        let (provider, subject) = (provider.clone(), subject.clone());
        async move { api::administration::link_staff_identity(staff_id, &provider, subject).await }
    });
    let error = Signal::derive(move || {
        if missing.get() {
            return Some(t_string!(i18n, staff_members.link_missing).to_owned());
        }
        match link.value().get() {
            Some(Err(e)) => Some(error_message(&e, i18n.get_locale())),
            _ => None,
        }
    });
    let done = Signal::derive(move || match link.value().get() {
        Some(Ok(linked)) => Some(fill(
            t_string!(i18n, staff_members.link_done),
            &[(
                "name",
                linked.provider_name.get(api_language(i18n.get_locale())),
            )],
        )),
        _ => None,
    });
    // The ids are made where used: the parts are mounted again as the list changes.
    let select_id = move || format!("link-provider-{staff_id}");
    let subject_id = move || format!("link-subject-{staff_id}");
    let hint_id = move || format!("link-subject-{staff_id}-hint");
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let text = subject.get_untracked().trim().to_owned();
        missing.set(text.is_empty());
        if let (false, Some(provider)) = (text.is_empty(), provider.get_untracked()) {
            link.dispatch((provider.id, text));
        }
    };
    view! {
        <Show when=move || !providers.get().is_empty()>
            <details class="identity-link">
                <summary>{tr!(i18n, staff_members.link_title)}</summary>
                <p>{tr!(i18n, staff_members.link_text)}</p>
                <form class="stack" novalidate=true on:submit=submit>
                    <Show when=move || { providers.get().len() > 1 }>
                        <div class="field">
                            <label for=select_id()>{tr!(i18n, staff_members.link_provider)}</label>
                            <select
                                id=select_id()
                                on:change=move |event| chosen.set(Some(event_target_value(&event)))
                            >
                                <For
                                    each=move || providers.get()
                                    key=|p| p.id.clone()
                                    children=move |p| {
                                        let id = p.id.clone();
                                        let name = p.name.get(api_language(i18n.get_locale_untracked())).to_owned();
                                        view! {
                                            <option
                                                value=id.clone()
                                                selected=move || provider.get().is_some_and(|c| c.id == id)
                                            >
                                                {name}
                                            </option>
                                        }
                                    }
                                />
                            </select>
                        </div>
                    </Show>
                    <div class="field">
                        <label for=subject_id()>{tr!(i18n, staff_members.link_subject)}</label>
                        <p class="field-hint" id=hint_id()>{tr!(i18n, staff_members.link_subject_hint)}</p>
                        <input
                            id=subject_id()
                            type="text"
                            autocomplete="off"
                            spellcheck="false"
                            maxlength="255"
                            aria-describedby=hint_id()
                            prop:value=move || subject.get()
                            on:input=move |ev| subject.set(event_target_value(&ev))
                        />
                    </div>
                    <FormError message=error />
                    <FormSuccess message=done />
                    <div class="actions">
                        <button type="submit" class="button-secondary" disabled=move || link.pending().get()>
                            {tr!(i18n, staff_members.link_submit)}
                        </button>
                    </div>
                </form>
            </details>
        </Show>
    }
}
