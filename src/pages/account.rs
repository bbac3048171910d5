//! The signed-in person's account: details, a new mobile number (confirmed by a code),
//! and signing out on every device.

use kring_api::CodeConfirmation;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::app::routes;
use crate::components::{
    empty_challenge, CodeForm, FormError, FormSuccess, IdentityLinks, RequireSignIn, TextField,
};
use crate::errors::action_error;
use crate::i18n::*;
use crate::organisation::use_page_title;
use crate::session::{use_session, SignedOutReason};

/// `/account`.
#[component]
pub fn AccountPage() -> impl IntoView {
    use_page_title(|locale| td_string!(locale, account.title));
    view! {
        <RequireSignIn>
            <AccountDetails />
        </RequireSignIn>
    }
}

#[component]
fn AccountDetails() -> impl IntoView {
    super::account_security::provide_reauthentication();
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let account = Memo::new(move |_| session.current().map(|s| s.account));
    let sign_out_everywhere = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            let result = api::sign_out_everywhere().await;
            if result.is_ok() {
                session
                    .signed_out_reason
                    .set(Some(SignedOutReason::SignedOutEverywhere));
                session.state.set(crate::session::SessionState::SignedOut);
                navigate(routes::SIGN_IN, Default::default());
            }
            result
        }
    });
    let everywhere_error = action_error(sign_out_everywhere);
    view! {
        <h1>{tr!(i18n, account.title)}</h1>
        {move || account.get().map(|a| {
            let hint = a.mobile_hint.clone();
            view! {
                <dl class="facts card">
                    <dt>{tr!(i18n, account.name)}</dt>
                    <dd>{a.name.clone()}</dd>
                    <dt>{tr!(i18n, account.email)}</dt>
                    <dd>{a.email.clone()}</dd>
                    <dt>{tr!(i18n, account.mobile)}</dt>
                    <dd>{t!(i18n, account.mobile_ends, hint = hint.clone())}</dd>
                </dl>
            }
        })}
        <super::account_security::Reauthentication />
        <ChangeMobile />
        <super::account_security::ChangeEmail />
        <super::account_security::ChangePassword />
        <super::account_security::ActiveSessions />
        <super::account_passkeys::PasskeySettings />
        <IdentityLinks />
        <section class="card" aria-labelledby="sessions-title">
            <h2 id="sessions-title">{tr!(i18n, account.sessions_title)}</h2>
            <p>{tr!(i18n, account.sessions_text)}</p>
            <FormError message=everywhere_error />
            <button
                type="button"
                class="button-secondary"
                disabled=move || sign_out_everywhere.pending().get()
                on:click=move |_| { sign_out_everywhere.dispatch(()); }
            >
                {tr!(i18n, account.sign_out_everywhere)}
            </button>
        </section>
        <super::account_security::SecurityLog />
        <Show when=move || session.current().is_some_and(|s| s.staff.is_none())>
            <super::account_security::DeleteAccount />
        </Show>
    }
}

#[component]
fn ChangeMobile() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
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
    let challenge = Memo::new(
        move |_| match (start.value().get(), confirm.value().get()) {
            (_, Some(Ok(()))) => None,
            (Some(Ok(challenge)), _) => Some(challenge),
            _ => None,
        },
    );
    let changed = Signal::derive(move || {
        matches!(confirm.value().get(), Some(Ok(())))
            .then(|| t_string!(i18n, account.mobile_changed).to_owned())
    });
    let start_error = super::account_security::change_error(start);
    let confirm_error = Signal::derive(move || match confirm.value().get() {
        Some(Err(e)) => Some(e),
        _ => None,
    });
    view! {
        <section class="card" aria-labelledby="mobile-title">
            <h2 id="mobile-title">{tr!(i18n, account.change_mobile)}</h2>
            <FormSuccess message=changed />
            <Show
                when=move || challenge.get().is_some()
                fallback=move || view! {
                    <form
                        class="stack"
                        novalidate=true
                        on:submit=move |event| {
                            event.prevent_default();
                            confirm.value().set(None);
                            start.dispatch(mobile.get_untracked());
                        }
                    >
                        <TextField
                            id="new-mobile"
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
        </section>
    }
}
