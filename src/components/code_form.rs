//! The second step wherever a code by SMS confirms something: signing in, activating an
//! account, changing the mobile number.

use kring_api::CodeChallenge;
use leptos::prelude::*;

use super::form::{FormError, FormSuccess, TextField};
use crate::api::{self, ApiError};
use crate::errors::{action_error, error_message};
use crate::i18n::*;

/// A challenge with nothing in it, for the moments a code form is not shown.
pub fn empty_challenge() -> CodeChallenge {
    CodeChallenge {
        attempt: String::new(),
        mobile_hint: String::new(),
        expires_at: kring_api::Timestamp::epoch(),
        resend_after_seconds: 0,
        passkey: false,
        code_sent: true,
    }
}

/// "Enter the code we sent to the number ending in 78", with a resend button. Calls
/// `on_code` with the six digits; `error` is the last failure of that call.
#[component]
pub fn CodeForm(
    /// The challenge from the server.
    #[prop(into)]
    challenge: Signal<CodeChallenge>,
    /// Submits a code for the challenge's attempt.
    on_code: Callback<(String, String)>,
    /// Whether that submission is under way.
    #[prop(into)]
    pending: Signal<bool>,
    /// Its last failure.
    #[prop(into)]
    error: Signal<Option<ApiError>>,
    /// Starts over (back to the first step).
    on_restart: Callback<()>,
    /// The submit button's text.
    #[prop(into)]
    submit_label: Signal<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let code = RwSignal::new(String::new());
    let resend = Action::new_local(|attempt: &String| api::resend_code(attempt.clone()));
    let resent = Signal::derive(move || {
        matches!(resend.value().get(), Some(Ok(_)))
            .then(|| t_string!(i18n, sign_in.resent).to_owned())
    });
    let resend_error = action_error(resend);
    let code_error =
        Signal::derive(move || error.get().map(|e| error_message(&e, i18n.get_locale())));
    let expired = Signal::derive(move || {
        error
            .get()
            .and_then(|e| e.code())
            .is_some_and(|c| c == kring_api::ProblemCode::CodeExpired)
    });
    let hint = move || challenge.get().mobile_hint;
    view! {
        <form
            class="stack"
            novalidate=true
            on:submit=move |event| {
                event.prevent_default();
                let digits: String = code.get_untracked().chars().filter(char::is_ascii_digit).collect();
                on_code.run((challenge.get_untracked().attempt, digits));
            }
        >
            <h2 id="code-title">{tr!(i18n, sign_in.code_title)}</h2>
            <p>{t!(i18n, sign_in.code_sent, hint)}</p>
            <TextField
                id="code"
                label=tr!(i18n, sign_in.code)
                value=code
                autocomplete="one-time-code"
                inputmode="numeric"
                error=code_error
            />
            <div class="actions">
                <button type="submit" class="button" disabled=move || pending.get()>
                    {submit_label}
                </button>
            </div>
        </form>
        <div class="stack secondary-actions">
            <FormSuccess message=resent />
            <FormError message=resend_error />
            <Show
                when=move || expired.get()
                fallback=move || view! {
                    <button
                        type="button"
                        class="button-link"
                        disabled=move || resend.pending().get()
                        on:click=move |_| { resend.dispatch(challenge.get_untracked().attempt); }
                    >
                        {tr!(i18n, sign_in.resend)}
                    </button>
                }
            >
                <button type="button" class="button-secondary" on:click=move |_| on_restart.run(())>
                    {tr!(i18n, sign_in.start_again)}
                </button>
            </Show>
        </div>
    }
}

/// The passkey beside the code (or instead of it, when `code_sent` is false: then the
/// passkey is the main button and "start again" is here, as the code form is not shown).
#[component]
pub fn PasskeyChoice(
    /// Whether a code was sent too.
    #[prop(into)]
    code_sent: Signal<bool>,
    /// Whether the passkey step is under way.
    #[prop(into)]
    pending: Signal<bool>,
    /// What went wrong with it, in the person's language.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The button's text.
    #[prop(into)]
    label: Signal<&'static str>,
    /// Uses the passkey.
    on_use: Callback<()>,
    /// Starts over (back to the first step).
    on_restart: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="stack secondary-actions">
            <p>{move || if code_sent.get() {
                t_string!(i18n, passkeys.or)
            } else {
                t_string!(i18n, passkeys.only)
            }}</p>
            <FormError message=error />
            <button
                type="button"
                class=move || if code_sent.get() { "button-secondary" } else { "button" }
                disabled=move || pending.get()
                on:click=move |_| on_use.run(())
            >
                {move || if pending.get() { t_string!(i18n, passkeys.busy) } else { label.get() }}
            </button>
            <Show when=move || !code_sent.get()>
                <button type="button" class="button-link" on:click=move |_| on_restart.run(())>
                    {tr!(i18n, sign_in.start_again)}
                </button>
            </Show>
        </div>
    }
}
