//! Activating an account from the e-mailed link: choose a password, confirm the mobile
//! number with a code; then the terms (R3, R8).

use kring_api::{ActivationInfo, ActivationRequest, CodeConfirmation};
use leptos::prelude::*;

use crate::fetched::Fetched;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::app::routes;
use crate::components::{ActivationLinkOffer, CodeForm, Loaded, ProviderLinkChoice, TextField};
use crate::errors::action_error;
use crate::i18n::*;
use crate::organisation::use_page_title;
use crate::session::use_session;

/// The link's token, from the address after `#` (never sent to any server by the
/// browser, so it stays out of logs).
pub fn token_from_hash() -> Option<String> {
    let hash = window().location().hash().ok()?;
    let token = hash.trim_start_matches('#').trim().to_owned();
    (!token.is_empty()).then_some(token)
}

/// The activation page.
#[component]
pub fn ActivationPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, activation.title));
    view! {
        <h1>{tr!(i18n, activation.title)}</h1>
        {match token_from_hash() {
            Some(token) => view! { <Activation token /> }.into_any(),
            None => view! { <p class="notice" role="alert">{tr!(i18n, activation.missing)}</p> }.into_any(),
        }}
    }
}

#[component]
fn Activation(token: String) -> impl IntoView {
    let info = Fetched::new({
        let token = token.clone();
        move || api::activation_info(token.clone())
    });
    view! {
        <Loaded resource=info children=move |info: ActivationInfo| {
            view! { <ActivationSteps info token=token.clone() /> }
        } />
    }
    .into_any()
}

#[component]
fn ActivationSteps(info: ActivationInfo, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let password = RwSignal::new(String::new());
    let choose = Action::new_local(|request: &ActivationRequest| api::activate(request.clone()));
    let confirm = Action::new_local(move |request: &CodeConfirmation| {
        let request = request.clone();
        async move {
            api::confirm_activation(request)
                .await
                .map(|info| session.set_signed_in(info))
        }
    });
    // Activated: on to the portal, or, for someone who asked, first the offer to link
    // a sign-in service (issue 18).
    let wants_link = RwSignal::new(false);
    let activated = Memo::new(move |_| matches!(confirm.value().get(), Some(Ok(()))));
    Effect::new(move || {
        if activated.get() && !wants_link.get_untracked() {
            navigate(routes::PORTAL, Default::default());
        }
    });
    let challenge = Memo::new(move |_| match choose.value().get() {
        Some(Ok(challenge)) => Some(challenge),
        _ => None,
    });
    let password_error = action_error(choose);
    let confirm_error = Signal::derive(move || match confirm.value().get() {
        Some(Err(e)) => Some(e),
        _ => None,
    });
    let name = info.name.clone();
    let email = info.email.clone();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        choose.dispatch(ActivationRequest {
            token: token.clone(),
            password: password.get_untracked(),
        });
    };
    move || {
        if activated.get() && wants_link.get_untracked() {
            return view! { <ActivationLinkOffer /> }.into_any();
        }
        let (name, email, login, submit) = (
            name.clone(),
            email.clone(),
            info.email.clone(),
            submit.clone(),
        );
        view! {
        <p class="lead">{t!(i18n, activation.welcome, name = name.clone(), email = email.clone())}</p>
        <Show
            when=move || challenge.get().is_some()
            fallback=move || view! {
                <form class="stack" novalidate=true on:submit=submit.clone()>
                    <input type="email" class="visually-hidden" autocomplete="username" value=login.clone() readonly=true tabindex="-1" aria-hidden="true" />
                    <TextField
                        id="new-password"
                        input_type="password"
                        label=tr!(i18n, activation.password)
                        value=password
                        autocomplete="new-password"
                        hint=tr!(i18n, activation.rules)
                        error=password_error
                    />
                    <ProviderLinkChoice checked=wants_link />
                    <div class="actions">
                        <button type="submit" class="button" disabled=move || choose.pending().get()>
                            {tr!(i18n, activation.submit)}
                        </button>
                    </div>
                </form>
            }
        >
            <CodeForm
                challenge=Signal::derive(move || challenge.get().expect("shown with a challenge"))
                on_code=Callback::new(move |(attempt, code)| { confirm.dispatch(CodeConfirmation { attempt, code }); })
                pending=confirm.pending()
                error=confirm_error
                on_restart=Callback::new(move |()| { choose.value().set(None); confirm.value().set(None); })
                submit_label=tr!(i18n, activation.code_submit)
            />
        </Show>
        }
        .into_any()
    }
}
