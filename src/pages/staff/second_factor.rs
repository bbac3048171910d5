//! "Reset second factor (lost phone)" (issue 18): on a client's access page for the
//! people with access to the client's portal, and for organisation administrators on
//! each staff member. A reason is required, and a dialog asks to confirm; the server
//! logs who did it and why, and tells the person by e-mail.

use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{FormError, FormSuccess, ModalDialog};
use crate::errors::error_message;
use crate::i18n::*;

/// The form's state: the fields, whether the dialog is open, the request.
#[component]
fn ResetForm(
    /// Unique prefix for the fields' ids.
    prefix: String,
    /// Whether the e-mail address is asked (for a client's portal).
    with_email: bool,
    /// Sends the reset: (e-mail address, reason).
    send: Callback<(String, String), ()>,
    /// The outcome of the last request.
    #[prop(into)]
    outcome: Signal<Option<Result<(), ApiError>>>,
    /// A request is on its way.
    #[prop(into)]
    pending: Signal<bool>,
    /// Whether the dialog is open.
    open: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let missing = RwSignal::new(false);
    let email_id = format!("{prefix}-email");
    let reason_id = format!("{prefix}-reason");
    let error = Signal::derive(move || {
        if missing.get() {
            return Some(t_string!(i18n, account_security.reset_missing).to_owned());
        }
        match outcome.get() {
            Some(Err(e)) => Some(error_message(&e, i18n.get_locale())),
            _ => None,
        }
    });
    let done = Signal::derive(move || {
        matches!(outcome.get(), Some(Ok(())))
            .then(|| t_string!(i18n, account_security.reset_done).to_owned())
    });
    view! {
        <FormSuccess message=done />
        <form
            class="stack"
            novalidate=true
            on:submit=move |event| {
                event.prevent_default();
                let empty = reason.with_untracked(|r| r.trim().is_empty())
                    || (with_email && email.with_untracked(|e| e.trim().is_empty()));
                missing.set(empty);
                if !empty {
                    open.set(true);
                }
            }
        >
            {with_email.then(|| {
                let email_id = email_id.clone();
                view! {
                    <div class="field">
                        <label for=email_id.clone()>{tr!(i18n, account_security.reset_email)}</label>
                        <input
                            id=email_id
                            type="email"
                            autocomplete="off"
                            prop:value=move || email.get()
                            on:input=move |ev| email.set(event_target_value(&ev))
                        />
                    </div>
                }
            })}
            <div class="field">
                <label for=reason_id.clone()>{tr!(i18n, account_security.reset_reason)}</label>
                <textarea
                    id=reason_id
                    rows="3"
                    maxlength="500"
                    prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))
                ></textarea>
            </div>
            <FormError message=error />
            <div class="actions">
                <button type="submit" class="button-danger">
                    {tr!(i18n, account_security.reset_button)}
                </button>
            </div>
        </form>
        // Mounted only while open: one such dialog exists at a time, so its ids are
        // unique on a page with a form per staff member.
        <Show when=move || open.get()>
        <ModalDialog
            open=Signal::derive(|| true)
            labelled_by="second-factor-dialog-title"
            described_by="second-factor-dialog-text"
            on_dismiss=Callback::new(move |()| open.set(false))
        >
            <div class="stack">
                <h2 id="second-factor-dialog-title">{tr!(i18n, account_security.reset_confirm_title)}</h2>
                <p id="second-factor-dialog-text">{tr!(i18n, account_security.reset_confirm_text)}</p>
                <div class="actions">
                    <button type="button" class="button-secondary" on:click=move |_| open.set(false)>
                        {tr!(i18n, account_security.cancel)}
                    </button>
                    <button
                        type="button"
                        class="button-danger"
                        disabled=move || pending.get()
                        on:click=move |_| send.run((email.get_untracked(), reason.get_untracked()))
                    >
                        {tr!(i18n, account_security.reset_confirm)}
                    </button>
                </div>
            </div>
        </ModalDialog>
        </Show>
    }
}

/// For the people with access to a client's portal, on the client's access page.
#[component]
pub fn PortalSecondFactorReset(client_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let reset = Action::new_local(move |(email, reason): &(String, String)| {
        let (email, reason) = (email.clone(), reason.clone());
        async move {
            let result = api::account::reset_portal_second_factor(client_id, email, reason)
                .await
                .map(|_| ());
            open.set(false);
            result
        }
    });
    view! {
        <section class="card" aria-labelledby="second-factor-reset-title">
            <h2 id="second-factor-reset-title">{tr!(i18n, account_security.reset_title)}</h2>
            <p>{tr!(i18n, account_security.reset_text)}</p>
            <ResetForm
                prefix="portal-reset".to_owned()
                with_email=true
                send=Callback::new(move |request| { reset.dispatch(request); })
                outcome=reset.value()
                pending=reset.pending()
                open
            />
        </section>
    }
}

/// For one staff member, on the staff page (organisation administrators).
#[component]
pub fn StaffSecondFactorReset(staff_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let reset = Action::new_local(move |(_, reason): &(String, String)| {
        let reason = reason.clone();
        async move {
            let result = api::account::reset_staff_second_factor(staff_id, reason)
                .await
                .map(|_| ());
            open.set(false);
            result
        }
    });
    view! {
        <details class="second-factor-reset">
            <summary>{tr!(i18n, account_security.reset_button)}</summary>
            <p>{tr!(i18n, account_security.reset_text)}</p>
            <ResetForm
                prefix=format!("staff-reset-{staff_id}")
                with_email=false
                send=Callback::new(move |request| { reset.dispatch(request); })
                outcome=reset.value()
                pending=reset.pending()
                open
            />
        </details>
    }
}
