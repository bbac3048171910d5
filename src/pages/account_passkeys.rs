//! Account settings: the person's passkeys (a name, when made, when last used), making
//! one with this device and removing one. The server refuses to remove the last second
//! factor.

use kring_api::{NewPasskey, PasskeySummary};
use leptos::prelude::*;

use crate::api;
use crate::components::{FormError, FormSuccess, Loaded, TextField};
use crate::errors::error_message;
use crate::fetched::Fetched;
use crate::i18n::*;
use crate::local_time::local_date_text;
use crate::passkey::{self, PasskeyError};

/// The "Passkeys" section of account settings.
#[component]
pub fn PasskeySettings() -> impl IntoView {
    let i18n = use_i18n();
    let list = Fetched::new(api::passkeys::passkeys);
    let name = RwSignal::new(String::new());
    let name_error = RwSignal::new(None::<String>);
    let add = Action::new_local(move |name: &String| {
        let name = name.clone();
        async move {
            let options = api::passkeys::passkey_options().await?;
            let credential = passkey::create(&options.options).await?;
            api::passkeys::add_passkey(NewPasskey { name, credential }).await?;
            list.refetch();
            Ok::<(), PasskeyError>(())
        }
    });
    let remove = Action::new_local(move |passkey_id: &i64| {
        let passkey_id = *passkey_id;
        async move {
            let result = api::passkeys::remove_passkey(passkey_id).await;
            if result.is_ok() {
                list.refetch();
            }
            result
        }
    });
    let done = Signal::derive(move || {
        if matches!(add.value().get(), Some(Ok(()))) {
            Some(t_string!(i18n, passkeys.added).to_owned())
        } else if matches!(remove.value().get(), Some(Ok(()))) {
            Some(t_string!(i18n, passkeys.removed).to_owned())
        } else {
            None
        }
    });
    let add_error = Signal::derive(move || match add.value().get() {
        Some(Err(error)) => Some(passkey::error_text(&error, i18n.get_locale())),
        _ => None,
    });
    let remove_error = Signal::derive(move || match remove.value().get() {
        Some(Err(error)) => Some(error_message(&error, i18n.get_locale())),
        _ => None,
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let text = name.get_untracked().trim().to_owned();
        if text.is_empty() {
            name_error.set(Some(t_string!(i18n, passkeys.name_missing).to_owned()));
            return;
        }
        name_error.set(None);
        remove.value().set(None);
        add.dispatch(text);
    };
    let row = move |item: PasskeySummary| {
        let locale = i18n.get_locale_untracked();
        let created = fill(
            td_string!(locale, passkeys.created),
            &[("date", &local_date_text(&item.created_at, locale))],
        );
        let used = match &item.last_used_at {
            Some(at) => fill(
                td_string!(locale, passkeys.last_used),
                &[("date", &local_date_text(at, locale))],
            ),
            None => td_string!(locale, passkeys.never_used).to_owned(),
        };
        let remove_text = fill(td_string!(locale, passkeys.remove), &[("name", &item.name)]);
        let id = item.id;
        view! {
            <li class="passkey">
                <strong>{item.name}</strong>
                <span>{created}</span>
                <span>{used}</span>
                <button
                    type="button"
                    class="button-link"
                    disabled=move || remove.pending().get()
                    on:click=move |_| {
                        add.value().set(None);
                        remove.dispatch(id);
                    }
                >
                    {remove_text}
                </button>
            </li>
        }
    };
    let show = move |items: Vec<PasskeySummary>| {
        if items.is_empty() {
            view! { <p>{tr!(i18n, passkeys.none)}</p> }.into_any()
        } else {
            view! {
                <ul class="passkey-list">
                    <For each=move || items.clone() key=|item| item.id children=row />
                </ul>
            }
            .into_any()
        }
    };
    view! {
        <section class="card stack" aria-labelledby="passkeys-title">
            <h2 id="passkeys-title">{tr!(i18n, passkeys.title)}</h2>
            <p>{tr!(i18n, passkeys.intro)}</p>
            <FormSuccess message=done />
            <Loaded resource=list skeleton_lines=2 children=show />
            <FormError message=remove_error />
            <form class="stack" novalidate=true on:submit=submit>
                <TextField
                    id="passkey-name"
                    label=tr!(i18n, passkeys.name)
                    value=name
                    hint=tr!(i18n, passkeys.name_hint)
                    error=name_error
                />
                <FormError message=add_error />
                <div class="actions">
                    <button type="submit" class="button" disabled=move || add.pending().get()>
                        {move || if add.pending().get() {
                            t_string!(i18n, passkeys.busy)
                        } else {
                            t_string!(i18n, passkeys.add)
                        }}
                    </button>
                </div>
            </form>
        </section>
    }
}
