//! The account page's security parts (issue 18): confirming "it is me" again (password,
//! then a code or a passkey) when a change asks for it, a new e-mail address and password, the
//! sessions with sign-out per device, the security log, and deleting the account.

use kring_api::{AccountEvent, AccountEventKind, ActiveSession, CodeConfirmation, ProblemCode};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{self, ApiError};
use crate::app::routes;
use crate::components::{
    empty_challenge, CodeForm, ErrorPanel, FormError, FormSuccess, LoadMore, ModalDialog,
    PasskeyChoice, Skeleton, TextField,
};
use crate::errors::{action_error, error_message};
use crate::i18n::*;
use crate::local_time::date_and_time;
use crate::paged::{Paged, Phase};
use crate::session::{use_session, SessionState};

/// Whether a change on the page was refused for want of a recent re-authentication:
/// the confirmation form then shows (shared by the page's forms).
#[derive(Clone, Copy)]
pub struct ReauthenticationAsked(pub RwSignal<bool>);

/// Provides [`ReauthenticationAsked`] for the account page.
pub fn provide_reauthentication() {
    provide_context(ReauthenticationAsked(RwSignal::new(false)));
}

/// Marks the confirmation as asked when `error` is `reauthentication-required`.
fn ask_when_required(asked: Option<ReauthenticationAsked>, error: &ApiError) {
    if error.code() == Some(ProblemCode::ReauthenticationRequired) {
        if let Some(ReauthenticationAsked(asked)) = asked {
            asked.set(true);
        }
    }
}

/// "Confirm it is you": the password, then the code sent to the mobile number or one of
/// the person's passkeys (the only way without a verified number). Shown when a change
/// asked for it; afterwards changes work for 5 minutes.
#[component]
pub fn Reauthentication() -> impl IntoView {
    let i18n = use_i18n();
    let ReauthenticationAsked(asked) = expect_context::<ReauthenticationAsked>();
    let password = RwSignal::new(String::new());
    let start =
        Action::new_local(|password: &String| api::account::reauthenticate(password.clone()));
    let confirm = Action::new_local(move |request: &CodeConfirmation| {
        let request = request.clone();
        async move {
            let result = api::account::confirm_reauthentication(request).await;
            if result.is_ok() {
                asked.set(false);
            }
            result.map(|_| ())
        }
    });
    let passkey = Action::new_local(move |attempt: &String| {
        let attempt = attempt.clone();
        async move {
            let result = crate::passkey::reauthenticate(attempt).await;
            if result.is_ok() {
                asked.set(false);
            }
            result.map(|_| ())
        }
    });
    let challenge = Memo::new(move |_| match start.value().get() {
        Some(Ok(challenge)) => Some(challenge),
        _ => None,
    });
    let code_sent = Memo::new(move |_| challenge.get().is_none_or(|c| c.code_sent));
    let start_error = action_error(start);
    let confirm_error = Signal::derive(move || match confirm.value().get() {
        Some(Err(e)) => Some(e),
        _ => None,
    });
    let passkey_error = Signal::derive(move || match passkey.value().get() {
        Some(Err(error)) => Some(crate::passkey::error_text(&error, i18n.get_locale())),
        _ => None,
    });
    let restart = Callback::new(move |()| {
        start.value().set(None);
        confirm.value().set(None);
        passkey.value().set(None);
    });
    let done = Signal::derive(move || {
        (matches!(confirm.value().get(), Some(Ok(())))
            || matches!(passkey.value().get(), Some(Ok(()))))
        .then(|| t_string!(i18n, account_security.reauthenticated).to_owned())
    });
    view! {
        <FormSuccess message=done />
        <Show when=move || asked.get()>
            <section class="card" aria-labelledby="reauth-title">
                <h2 id="reauth-title">{tr!(i18n, account_security.reauth_title)}</h2>
                <p>{tr!(i18n, account_security.reauth_text)}</p>
                <Show
                    when=move || challenge.get().is_some()
                    fallback=move || view! {
                        <form
                            class="stack"
                            novalidate=true
                            on:submit=move |event| {
                                event.prevent_default();
                                start.dispatch(password.get_untracked());
                            }
                        >
                            <TextField
                                id="reauth-password"
                                label=tr!(i18n, account_security.password)
                                value=password
                                input_type="password"
                                autocomplete="current-password"
                                error=start_error
                            />
                            <div class="actions">
                                <button type="submit" class="button" disabled=move || start.pending().get()>
                                    {tr!(i18n, account_security.reauth_next)}
                                </button>
                            </div>
                        </form>
                    }
                >
                    <Show when=move || code_sent.get()>
                        <CodeForm
                            challenge=Signal::derive(move || challenge.get().unwrap_or_else(empty_challenge))
                            on_code=Callback::new(move |(attempt, code)| { confirm.dispatch(CodeConfirmation { attempt, code }); })
                            pending=confirm.pending()
                            error=confirm_error
                            on_restart=restart
                            submit_label=tr!(i18n, account_security.reauth_confirm)
                        />
                    </Show>
                    <Show when=move || challenge.get().is_some_and(|c| c.passkey)>
                        <PasskeyChoice
                            code_sent
                            pending=passkey.pending()
                            error=passkey_error
                            label=tr!(i18n, passkeys.confirm_with)
                            on_use=Callback::new(move |()| {
                                if let Some(c) = challenge.get_untracked() {
                                    passkey.dispatch(c.attempt);
                                }
                            })
                            on_restart=restart
                        />
                    </Show>
                </Show>
            </section>
        </Show>
    }
}

/// The error of an action as text, marking the re-authentication as asked when that was why.
pub fn change_error<I: 'static, T: Clone + Send + Sync + 'static>(
    action: Action<I, Result<T, ApiError>>,
) -> Signal<Option<String>> {
    let i18n = use_i18n();
    // Read where the form is made: the page provides it.
    let asked = use_context::<ReauthenticationAsked>();
    Signal::derive(move || match action.value().get() {
        Some(Err(error)) => {
            untrack(|| ask_when_required(asked, &error));
            Some(error_message(&error, i18n.get_locale()))
        }
        _ => None,
    })
}

/// A new e-mail address: a link goes to it, and it counts once opened.
#[component]
pub fn ChangeEmail() -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let change = Action::new_local(|email: &String| api::account::change_email(email.clone()));
    let error = change_error(change);
    let sent = Signal::derive(move || {
        matches!(change.value().get(), Some(Ok(_)))
            .then(|| t_string!(i18n, account_security.email_sent).to_owned())
    });
    view! {
        <section class="card" aria-labelledby="email-title">
            <h2 id="email-title">{tr!(i18n, account_security.email_title)}</h2>
            <FormSuccess message=sent />
            <form
                class="stack"
                novalidate=true
                on:submit=move |event| {
                    event.prevent_default();
                    change.dispatch(email.get_untracked());
                }
            >
                <TextField
                    id="new-email"
                    label=tr!(i18n, account_security.new_email)
                    value=email
                    input_type="email"
                    autocomplete="email"
                    hint=tr!(i18n, account_security.new_email_hint)
                    error=error
                />
                <div class="actions">
                    <button type="submit" class="button" disabled=move || change.pending().get()>
                        {tr!(i18n, account_security.email_submit)}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// A new password; other devices are signed out.
#[component]
pub fn ChangePassword() -> impl IntoView {
    let i18n = use_i18n();
    let password = RwSignal::new(String::new());
    let change =
        Action::new_local(|password: &String| api::account::change_password(password.clone()));
    let error = change_error(change);
    let changed = Signal::derive(move || {
        matches!(change.value().get(), Some(Ok(_)))
            .then(|| t_string!(i18n, account_security.password_changed).to_owned())
    });
    view! {
        <section class="card" aria-labelledby="password-title">
            <h2 id="password-title">{tr!(i18n, account_security.password_title)}</h2>
            <FormSuccess message=changed />
            <form
                class="stack"
                novalidate=true
                on:submit=move |event| {
                    event.prevent_default();
                    change.dispatch(password.get_untracked());
                    password.set(String::new());
                }
            >
                <TextField
                    id="new-password"
                    label=tr!(i18n, account_security.new_password)
                    value=password
                    input_type="password"
                    autocomplete="new-password"
                    hint=tr!(i18n, account_security.new_password_hint)
                    error=error
                />
                <div class="actions">
                    <button type="submit" class="button" disabled=move || change.pending().get()>
                        {tr!(i18n, account_security.password_submit)}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// The sessions that have not ended, each with "sign out" (except this one).
#[component]
pub fn ActiveSessions() -> impl IntoView {
    let i18n = use_i18n();
    let version = RwSignal::new(0_u32);
    let sessions = Paged::new(
        move || version.get(),
        move |_, cursor| async move { api::account::account_sessions(cursor).await },
        |rows: &mut Vec<ActiveSession>, items| rows.extend(items),
    );
    let end = Action::new_local(move |id: &i64| {
        let id = *id;
        async move {
            let result = api::account::end_session(id).await;
            if result.is_ok() {
                version.update(|v| *v += 1);
            }
            result
        }
    });
    let end_error = action_error(end);
    let phase = sessions.phase();
    view! {
        <section class="card" aria-labelledby="active-sessions-title">
            <h2 id="active-sessions-title">{tr!(i18n, account_security.sessions_title)}</h2>
            <FormError message=end_error />
            {move || match phase.get() {
                Phase::Loading | Phase::Failed => match untrack(|| sessions.error()) {
                    Some(error) => view! {
                        <ErrorPanel error=Signal::stored(error) retry=Callback::new(move |()| sessions.retry()) />
                    }.into_any(),
                    None => view! { <Skeleton lines=2 /> }.into_any(),
                },
                Phase::Empty => view! { <p class="empty">{tr!(i18n, account_security.sessions_none)}</p> }.into_any(),
                Phase::Shown => view! {
                    <ul class="stack session-list">
                        <For
                            each=move || sessions.rows()
                            key=|s| s.id
                            children=move |s| view! { <SessionItem session=s end /> }
                        />
                    </ul>
                    <LoadMore
                        more=Callback::new(move |()| sessions.more())
                        retry=Callback::new(move |()| sessions.retry())
                        loading=Signal::derive(move || sessions.loading())
                        complete=Signal::derive(move || sessions.complete())
                        error=Signal::derive(move || sessions.error())
                        label=tr!(i18n, account_security.more)
                        end_text=tr!(i18n, account_security.end_of_list)
                        automatic=false
                    />
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn SessionItem(session: ActiveSession, end: Action<i64, Result<(), ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    let id = session.id;
    let what = {
        let browser = session.browser.clone();
        let device = session.device.clone();
        move || match (&browser, &device) {
            (Some(b), Some(d)) => format!("{b}, {d}"),
            (Some(x), None) | (None, Some(x)) => x.clone(),
            (None, None) => t_string!(i18n, account_security.unknown_device).to_owned(),
        }
    };
    let last_used = session.last_used_at.clone();
    let when = move || {
        date_and_time(
            &last_used,
            td_string!(i18n.get_locale(), account_security.last_used),
            i18n.get_locale(),
        )
    };
    let address = session.address.clone();
    let current = session.current;
    view! {
        <li class="session-item">
            <p>
                <strong>{what}</strong>
                {current.then(|| view! { " " <span class="badge">{tr!(i18n, account_security.this_device)}</span> })}
            </p>
            <p class="field-hint">
                {when}
                {address.map(|a| view! { " · " {move || t_string!(i18n, account_security.from_address).to_owned()} " " {a.clone()} })}
            </p>
            {(!current).then(|| view! {
                <button
                    type="button"
                    class="button-secondary"
                    disabled=move || end.pending().get()
                    on:click=move |_| { end.dispatch(id); }
                >
                    {tr!(i18n, account_security.sign_out_session)}
                </button>
            })}
        </li>
    }
}

/// What an event kind means, in words.
fn event_text(locale: Locale, kind: AccountEventKind) -> &'static str {
    match kind {
        AccountEventKind::EmailChanged => td_string!(locale, account_security.event_email_changed),
        AccountEventKind::MobileChanged => {
            td_string!(locale, account_security.event_mobile_changed)
        }
        AccountEventKind::PasswordChanged => {
            td_string!(locale, account_security.event_password_changed)
        }
        AccountEventKind::PasswordReset => {
            td_string!(locale, account_security.event_password_reset)
        }
        AccountEventKind::SecondFactorReset => {
            td_string!(locale, account_security.event_second_factor_reset)
        }
        AccountEventKind::ProviderLinked => {
            td_string!(locale, account_security.event_provider_linked)
        }
        AccountEventKind::ProviderUnlinked => {
            td_string!(locale, account_security.event_provider_unlinked)
        }
        AccountEventKind::PasskeyAdded => td_string!(locale, account_security.event_passkey_added),
        AccountEventKind::PasskeyRemoved => {
            td_string!(locale, account_security.event_passkey_removed)
        }
        AccountEventKind::SignInPaused => td_string!(locale, account_security.event_sign_in_paused),
        AccountEventKind::SessionEnded => td_string!(locale, account_security.event_session_ended),
        AccountEventKind::AccountDeleted => {
            td_string!(locale, account_security.event_account_deleted)
        }
    }
}

/// The account's security log, newest first.
#[component]
pub fn SecurityLog() -> impl IntoView {
    let i18n = use_i18n();
    let events = Paged::new(
        || (),
        move |(), cursor| async move { api::account::account_events(cursor).await },
        |rows: &mut Vec<AccountEvent>, items| rows.extend(items),
    );
    let phase = events.phase();
    view! {
        <section class="card" aria-labelledby="security-log-title">
            <h2 id="security-log-title">{tr!(i18n, account_security.log_title)}</h2>
            <p>{tr!(i18n, account_security.log_text)}</p>
            {move || match phase.get() {
                Phase::Loading | Phase::Failed => match untrack(|| events.error()) {
                    Some(error) => view! {
                        <ErrorPanel error=Signal::stored(error) retry=Callback::new(move |()| events.retry()) />
                    }.into_any(),
                    None => view! { <Skeleton lines=2 /> }.into_any(),
                },
                Phase::Empty => view! { <p class="empty">{tr!(i18n, account_security.log_none)}</p> }.into_any(),
                Phase::Shown => view! {
                    <ul class="stack security-log">
                        <For
                            each=move || events.rows()
                            key=|e| e.id
                            children=move |e| {
                                let at = e.occurred_at.clone();
                                let kind = e.kind;
                                let by_staff = e.by_staff;
                                view! {
                                    <li>
                                        <strong>{move || event_text(i18n.get_locale(), kind)}</strong>
                                        {by_staff.then(|| view! { " " {move || t_string!(i18n, account_security.by_staff).to_owned()} })}
                                        <br />
                                        <span class="field-hint">{move || date_and_time(&at, td_string!(i18n.get_locale(), account_security.at), i18n.get_locale())}</span>
                                    </li>
                                }
                            }
                        />
                    </ul>
                    <LoadMore
                        more=Callback::new(move |()| events.more())
                        retry=Callback::new(move |()| events.retry())
                        loading=Signal::derive(move || events.loading())
                        complete=Signal::derive(move || events.complete())
                        error=Signal::derive(move || events.error())
                        label=tr!(i18n, account_security.more)
                        end_text=tr!(i18n, account_security.end_of_list)
                        automatic=false
                    />
                }.into_any(),
            }}
        </section>
    }
}

/// Deleting one's own account, after a confirmation dialog (not for staff).
#[component]
pub fn DeleteAccount() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let open = RwSignal::new(false);
    let delete = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            let result = api::account::delete_account().await;
            if result.is_ok() {
                session.state.set(SessionState::SignedOut);
                navigate(routes::SIGN_IN, Default::default());
            } else {
                open.set(false);
            }
            result
        }
    });
    let error = change_error(delete);
    view! {
        <section class="card" aria-labelledby="delete-title">
            <h2 id="delete-title">{tr!(i18n, account_security.delete_title)}</h2>
            <p>{tr!(i18n, account_security.delete_text)}</p>
            <FormError message=error />
            <button type="button" class="button-danger" on:click=move |_| open.set(true)>
                {tr!(i18n, account_security.delete_button)}
            </button>
            <ModalDialog
                open=Signal::from(open)
                labelled_by="delete-dialog-title"
                described_by="delete-dialog-text"
                on_dismiss=Callback::new(move |()| open.set(false))
            >
                <h2 id="delete-dialog-title">{tr!(i18n, account_security.delete_confirm_title)}</h2>
                <p id="delete-dialog-text">{tr!(i18n, account_security.delete_confirm_text)}</p>
                <div class="actions">
                    <button
                        type="button"
                        class="button-danger"
                        disabled=move || delete.pending().get()
                        on:click=move |_| { delete.dispatch(()); }
                    >
                        {tr!(i18n, account_security.delete_confirm)}
                    </button>
                    <button type="button" class="button-secondary" on:click=move |_| open.set(false)>
                        {tr!(i18n, account_security.cancel)}
                    </button>
                </div>
            </ModalDialog>
        </section>
    }
}

/// `/e-mailadres-bevestigen#token`: confirms a new e-mail address with the link sent to
/// it (also when signed out, or on another device).
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    crate::organisation::use_page_title(|locale| {
        td_string!(locale, account_security.confirm_email_title)
    });
    let token = super::activation::token_from_hash();
    let has_token = token.is_some();
    let confirm = Action::new_local(|token: &String| api::account::confirm_email(token.clone()));
    if let Some(token) = token {
        confirm.dispatch(token);
    }
    let error = action_error(confirm);
    let done = Memo::new(move |_| matches!(confirm.value().get(), Some(Ok(_))));
    view! {
        <h1>{tr!(i18n, account_security.confirm_email_title)}</h1>
        <Show when=move || has_token fallback=move || view! { <p class="notice" role="alert">{tr!(i18n, activation.missing)}</p> }>
            <FormError message=error />
            <Show
                when=move || done.get()
                fallback=move || view! {
                    <Show when=move || confirm.pending().get()>
                        <p>{tr!(i18n, account_security.confirm_email_busy)}</p>
                    </Show>
                }
            >
                <p class="notice" role="status">{tr!(i18n, account_security.confirm_email_done)}</p>
                <p><a href=routes::ACCOUNT>{tr!(i18n, account_security.confirm_email_to_account)}</a></p>
            </Show>
        </Show>
    }
}
