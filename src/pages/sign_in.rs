//! Signing in: e-mail address and password, then the code from the SMS (R3).

use kring_api::{CodeConfirmation, ProblemCode, SignInRequest};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{self, ApiError};
use crate::app::routes;
use crate::components::{
    empty_challenge, AccessNotice, AccessState, CodeForm, FormError, PasskeyChoice, TextField,
};
use crate::errors::{error_message, problem_reason};
use crate::i18n::*;
use crate::organisation::{use_organisation, use_page_title};
use crate::session::{use_session, SignedOutReason};

/// Where to go after signing in: the `terug` parameter if it is a path of this app.
fn return_path(query: Option<String>) -> String {
    query
        .filter(|p| p.starts_with('/') && !p.starts_with("//"))
        .unwrap_or_else(|| routes::PORTAL.to_owned())
}

/// The sign-in page.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, sign_in.title));
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    let organisation = use_organisation();
    let services = Memo::new(move |_| organisation.loaded().is_some_and(|o| o.sign_in_services));
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());

    // After a lost phone the password alone signs in; the layout then asks for the new
    // number before anything else.
    let start = Action::new_local(move |request: &SignInRequest| {
        let request = request.clone();
        async move {
            match api::sign_in(request).await? {
                kring_api::SignInStep::Code(challenge) => Ok(Some(challenge)),
                kring_api::SignInStep::SecondFactorSetup(info) => {
                    session.set_signed_in(info);
                    Ok(None)
                }
            }
        }
    });
    let confirm = Action::new_local(move |request: &CodeConfirmation| {
        let request = request.clone();
        async move {
            api::confirm_sign_in(request)
                .await
                .map(|info| session.set_signed_in(info))
        }
    });
    // A passkey instead of the code (its code is loaded on first use: `passkey::sign_in`).
    let passkey = Action::new_local(move |attempt: &String| {
        let attempt = attempt.clone();
        async move {
            let locale = i18n.get_locale_untracked();
            let info = match crate::passkey::sign_in(attempt, locale).await {
                Ok(signing_in) => signing_in.await?,
                Err(error) => return Err(error_message(&error, locale)),
            };
            session.set_signed_in(info);
            Ok::<(), String>(())
        }
    });
    // After the code or the passkey is confirmed, go where the person wanted to be.
    Effect::new(move || {
        if matches!(confirm.value().get(), Some(Ok(())))
            || matches!(passkey.value().get(), Some(Ok(())))
        {
            navigate(
                &return_path(query.read_untracked().get("terug")),
                Default::default(),
            );
        }
    });

    let challenge = Memo::new(move |_| match start.value().get() {
        Some(Ok(Some(challenge))) => Some(challenge),
        _ => None,
    });
    let code_sent = Memo::new(move |_| challenge.get().is_none_or(|c| c.code_sent));
    let start_error = Memo::new(move |_| match start.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    });
    let confirm_error = Signal::derive(move || match confirm.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    });
    let reason_text = move || {
        session.signed_out_reason.get().map(|reason| match reason {
            SignedOutReason::Idle => t_string!(i18n, signed_out.idle),
            SignedOutReason::DeclinedTerms => t_string!(i18n, signed_out.declined),
            SignedOutReason::SignedOut => t_string!(i18n, signed_out.manual),
            SignedOutReason::SignedOutEverywhere => t_string!(i18n, signed_out.everywhere),
        })
    };

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        start.dispatch(SignInRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
        });
    };
    let on_code = Callback::new(move |(attempt, code): (String, String)| {
        confirm.dispatch(CodeConfirmation { attempt, code });
    });
    let on_restart = Callback::new(move |()| {
        start.value().set(None);
        confirm.value().set(None);
    });

    view! {
        <Show when=move || session.signed_in()>
            <Redirect path=routes::PORTAL />
        </Show>
        <h1>{tr!(i18n, sign_in.title)}</h1>
        {move || reason_text().map(|text| view! { <p class="notice" role="status">{text}</p> })}
        {move || start_error.get().and_then(|error| access_notice(&error))}
        // Their code is loaded only where the organisation offers sign-in services.
        {move || services.get().then(crate::components::provider_sign_in_part)}
        <Show
            when=move || challenge.get().is_some()
            fallback=move || view! {
                <form class="stack" novalidate=true on:submit=submit>
                    <TextField
                        id="email"
                        label=tr!(i18n, sign_in.email)
                        value=email
                        input_type="email"
                        autocomplete="username"
                    />
                    <TextField
                        id="password"
                        input_type="password"
                        label=tr!(i18n, sign_in.password)
                        value=password
                        autocomplete="current-password"
                    />
                    <FormError message=Signal::derive(move || start_error.get()
                        .filter(|e| access_state(e).is_none())
                        .map(|e| error_message(&e, i18n.get_locale())))
                    />
                    <div class="actions">
                        <button type="submit" class="button" disabled=move || start.pending().get()>
                            {move || if start.pending().get() {
                                t_string!(i18n, sign_in.busy)
                            } else {
                                t_string!(i18n, sign_in.submit)
                            }}
                        </button>
                    </div>
                    <p><a href=routes::FORGOT_PASSWORD>{tr!(i18n, sign_in.forgot)}</a></p>
                    <p class="field-hint">{tr!(i18n, sign_in.no_account)}</p>
                </form>
            }
        >
            // Without a verified number (a passkey set up after a lost phone) no code was
            // sent: the passkey is the one way on.
            <Show
                when=move || code_sent.get()
                fallback=move || view! {
                    <h2 id="code-title">{tr!(i18n, passkeys.sign_in_with)}</h2>
                }
            >
                <CodeForm
                    challenge=Signal::derive(move || challenge.get().unwrap_or_else(empty_challenge))
                    on_code
                    pending=confirm.pending()
                    error=confirm_error
                    on_restart
                    submit_label=tr!(i18n, sign_in.code_submit)
                />
            </Show>
            <Show when=move || challenge.get().is_some_and(|c| c.passkey)>
                <PasskeyChoice
                    code_sent
                    pending=passkey.pending()
                    error=Signal::derive(move || match passkey.value().get() {
                        Some(Err(text)) => Some(text),
                        _ => None,
                    })
                    label=tr!(i18n, passkeys.sign_in_with)
                    on_use=Callback::new(move |()| {
                        if let Some(c) = challenge.get_untracked() {
                            passkey.dispatch(c.attempt);
                        }
                    })
                    on_restart
                />
            </Show>
        </Show>
    }
}

/// The suspended or ended state a sign-in failure tells, if any.
fn access_state(error: &ApiError) -> Option<AccessState> {
    match error.code()? {
        ProblemCode::AccountSuspended | ProblemCode::PortalSuspended => {
            Some(AccessState::Suspended(problem_reason(error)))
        }
        ProblemCode::AccountEnded | ProblemCode::AccessEnded | ProblemCode::PortalEnded => {
            Some(AccessState::Ended)
        }
        _ => None,
    }
}

fn access_notice(error: &ApiError) -> Option<impl IntoView> {
    access_state(error).map(|state| view! { <AccessNotice state /> })
}
