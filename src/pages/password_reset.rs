//! Forgot password: a link by e-mail, then a new password. Signing in afterwards still
//! takes the SMS code.

use kring_api::PasswordResetCompletion;
use leptos::prelude::*;

use super::activation::token_from_hash;
use crate::api;
use crate::app::routes;
use crate::components::{FormSuccess, TextField};
use crate::errors::action_error;
use crate::i18n::*;
use crate::organisation::use_page_title;

/// Asks for a reset link. The answer never says whether the address has an account.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, forgot.title));
    let email = RwSignal::new(String::new());
    let request = Action::new_local(|email: &String| api::request_password_reset(email.clone()));
    let sent = Signal::derive(move || {
        matches!(request.value().get(), Some(Ok(_)))
            .then(|| t_string!(i18n, forgot.sent).to_owned())
    });
    let error = action_error(request);
    view! {
        <h1>{tr!(i18n, forgot.title)}</h1>
        <p>{tr!(i18n, forgot.intro)}</p>
        <form
            class="stack"
            novalidate=true
            on:submit=move |event| {
                event.prevent_default();
                request.dispatch(email.get_untracked());
            }
        >
            <TextField
                id="email"
                label=tr!(i18n, sign_in.email)
                value=email
                input_type="email"
                autocomplete="email"
                error=error
            />
            <FormSuccess message=sent />
            <div class="actions">
                <button type="submit" class="button" disabled=move || request.pending().get()>
                    {tr!(i18n, forgot.submit)}
                </button>
            </div>
        </form>
        <p><a href=routes::SIGN_IN>{tr!(i18n, reset.to_sign_in)}</a></p>
    }
}

/// Chooses a new password with the e-mailed link.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, reset.title));
    let token = token_from_hash();
    let password = RwSignal::new(String::new());
    let complete = Action::new_local(|request: &PasswordResetCompletion| {
        api::complete_password_reset(request.clone())
    });
    let done = Memo::new(move |_| matches!(complete.value().get(), Some(Ok(_))));
    let error = action_error(complete);
    let has_token = token.is_some();
    view! {
        <h1>{tr!(i18n, reset.title)}</h1>
        <Show when=move || has_token fallback=move || view! { <p class="notice" role="alert">{tr!(i18n, activation.missing)}</p> }>
            <Show
                when=move || done.get()
                fallback={
                    let token = token.clone();
                    move || {
                        let token = token.clone();
                        view! {
                            <form
                                class="stack"
                                novalidate=true
                                on:submit=move |event| {
                                    event.prevent_default();
                                    complete.dispatch(PasswordResetCompletion {
                                        token: token.clone().unwrap_or_default(),
                                        password: password.get_untracked(),
                                    });
                                }
                            >
                                <TextField
                                    id="new-password"
                                    input_type="password"
                                    label=tr!(i18n, reset.password)
                                    value=password
                                    autocomplete="new-password"
                                    hint=tr!(i18n, activation.rules)
                                    error=error
                                />
                                <div class="actions">
                                    <button type="submit" class="button" disabled=move || complete.pending().get()>
                                        {tr!(i18n, reset.submit)}
                                    </button>
                                </div>
                            </form>
                        }
                    }
                }
            >
                <FormSuccess message=Signal::derive(move || Some(t_string!(i18n, reset.done).to_owned())) />
                <a href=routes::SIGN_IN class="button">{tr!(i18n, reset.to_sign_in)}</a>
            </Show>
        </Show>
    }
}
