//! After staff reset the second factor (a lost phone), the password alone signs in, and
//! nothing works before a new second factor is set up (issue 18): a modal over every
//! page, like the terms, with the new number, then the code sent to it; or, instead, a
//! passkey made on this device.

use kring_api::{CodeConfirmation, NewPasskey};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::code_form::{empty_challenge, CodeForm};
use super::form::{FormError, TextField};
use super::modal_dialog::ModalDialog;
use crate::api;
use crate::errors::action_error;
use crate::i18n::*;
use crate::session::{use_session, SignedOutReason};

/// Shown over every page while the signed-in account has no second factor.
#[component]
pub fn SecondFactorSetup() -> impl IntoView {
    let session = use_session();
    let required = Memo::new(move |_| session.current().is_some_and(|s| s.second_factor_required));
    view! {
        <Show when=move || required.get()>
            {set_up_number()}
        </Show>
    }
}

crate::lazy_part!(set_up_number, second_factor_setup_part, SetUpNumber);

/// The modal that sets up the new number or a passkey (its own chunk: rarely needed).
#[component]
fn SetUpNumber() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let mobile = RwSignal::new(String::new());
    let start = Action::new_local(|mobile: &String| api::change_mobile(mobile.clone()));
    let confirm = Action::new_local(move |request: &CodeConfirmation| {
        let request = request.clone();
        async move {
            api::confirm_mobile(request)
                .await
                .map(|info| session.set_signed_in(info))
        }
    });
    // A passkey instead of a number: made, added, and then the session (which may now do
    // everything) read again, which closes the modal.
    let passkey = Action::new_local(move |_: &()| async move {
        let locale = i18n.get_locale_untracked();
        let today = js_sys::Date::new_0().to_iso_string().as_string();
        let date = today
            .and_then(|text| kring_api::Timestamp::parse(&text).ok())
            .map(|at| crate::local_time::local_date_text(&at, locale))
            .unwrap_or_default();
        let name = fill(
            td_string!(locale, passkeys.default_name),
            &[("date", &date)],
        );
        let options = api::passkeys::passkey_options().await?;
        let credential = crate::passkey::create(&options.options).await?;
        api::passkeys::add_passkey(NewPasskey { name, credential }).await?;
        if let Some(info) = api::session().await? {
            session.set_signed_in(info);
        }
        Ok::<(), crate::passkey::PasskeyError>(())
    });
    let passkey_error = Signal::derive(move || match passkey.value().get() {
        Some(Err(error)) => Some(crate::passkey::error_text(&error, i18n.get_locale())),
        _ => None,
    });
    let sign_out = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            session.sign_out(SignedOutReason::SignedOut).await;
            navigate(crate::app::routes::SIGN_IN, Default::default());
        }
    });
    let challenge = Memo::new(move |_| match start.value().get() {
        Some(Ok(challenge)) => Some(challenge),
        _ => None,
    });
    let start_error = action_error(start);
    let confirm_error = Signal::derive(move || match confirm.value().get() {
        Some(Err(e)) => Some(e),
        _ => None,
    });
    view! {
        <ModalDialog open=Signal::derive(|| true) labelled_by="setup-title" described_by="setup-text">
            <h2 id="setup-title">{tr!(i18n, account_security.setup_title)}</h2>
            <p id="setup-text">{tr!(i18n, account_security.setup_text)}</p>
            <Show
                when=move || challenge.get().is_some()
                fallback=move || view! {
                    <form
                        class="stack"
                        novalidate=true
                        on:submit=move |event| {
                            event.prevent_default();
                            start.dispatch(mobile.get_untracked());
                        }
                    >
                        <TextField
                            id="setup-mobile"
                            label=tr!(i18n, account.new_mobile)
                            value=mobile
                            input_type="tel"
                            autocomplete="tel"
                            hint=tr!(i18n, account.new_mobile_hint)
                            error=start_error
                        />
                        <div class="actions">
                            <button type="submit" class="button" disabled=move || start.pending().get()>
                                {tr!(i18n, account.send_code)}
                            </button>
                        </div>
                    </form>
                    <section class="stack" aria-labelledby="setup-passkey-title">
                        <h3 id="setup-passkey-title">{tr!(i18n, account_security.setup_passkey_title)}</h3>
                        <p>{tr!(i18n, account_security.setup_passkey_text)}</p>
                        <FormError message=passkey_error />
                        <div class="actions">
                            <button
                                type="button"
                                class="button-secondary"
                                disabled=move || passkey.pending().get()
                                on:click=move |_| { passkey.dispatch(()); }
                            >
                                {move || if passkey.pending().get() {
                                    t_string!(i18n, passkeys.busy)
                                } else {
                                    t_string!(i18n, passkeys.add)
                                }}
                            </button>
                        </div>
                    </section>
                }
            >
                <CodeForm
                    challenge=Signal::derive(move || challenge.get().unwrap_or_else(empty_challenge))
                    on_code=Callback::new(move |(attempt, code)| { confirm.dispatch(CodeConfirmation { attempt, code }); })
                    pending=confirm.pending()
                    error=confirm_error
                    on_restart=Callback::new(move |()| { start.value().set(None); confirm.value().set(None); })
                    submit_label=tr!(i18n, account.confirm_code)
                />
            </Show>
            <div class="actions">
                <button
                    type="button"
                    class="button-secondary"
                    disabled=move || sign_out.pending().get()
                    on:click=move |_| { sign_out.dispatch(()); }
                >
                    {tr!(i18n, account_security.setup_sign_out)}
                </button>
            </div>
        </ModalDialog>
    }
}
