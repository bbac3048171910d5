//! `/uitnodiging#TOKEN`: someone invited into a client's circle sees whose circle it
//! is, who invited them and exactly what they may, and accepts: signed in with one
//! click, or by signing in first, or by creating an account (R2, R7).
//!
//! The token is kept in this tab's session storage and taken out of the address at
//! once, so it survives the detour through the sign-in page without ever being in a
//! query string (or the browser's history).

use kring_api::{
    CodeConfirmation, InvitationDetails, InvitationRegistration, Language, ProblemCode,
    RegistrationNext,
};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{self, ApiError};
use crate::app::routes;
use crate::components::{CodeForm, FormError, RadioGroup, RightsExplained, Skeleton, TextField};
use crate::errors::error_message;
use crate::i18n::*;
use crate::local_time::local_date_text;
use crate::organisation::use_page_title;
use crate::pages::activation::token_from_hash;
use crate::portal_scope::ClientId;
use crate::session::{use_session, SessionState};

/// Where this tab keeps the invitation's token while the person signs in.
const TOKEN_STORAGE_KEY: &str = "kring.invitation";

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

/// The token: from the link (then kept, and taken out of the address), or the one
/// kept earlier in this tab.
fn take_token() -> Option<String> {
    match token_from_hash() {
        Some(token) => {
            if let Some(storage) = session_storage() {
                let _ = storage.set_item(TOKEN_STORAGE_KEY, &token);
            }
            if let Ok(history) = window().history() {
                let _ = history.replace_state_with_url(
                    &wasm_bindgen::JsValue::NULL,
                    "",
                    Some(routes::INVITATION),
                );
            }
            Some(token)
        }
        None => session_storage()?
            .get_item(TOKEN_STORAGE_KEY)
            .ok()
            .flatten()
            .filter(|t| !t.is_empty()),
    }
}

/// Forgets the token once the invitation is accepted or the link no longer works.
fn forget_token() {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(TOKEN_STORAGE_KEY);
    }
}

/// The invitation page.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, invitation.title));
    view! {
        <h1>{tr!(i18n, invitation.title)}</h1>
        {match take_token() {
            Some(token) => view! { <InvitationLookup token /> }.into_any(),
            None => view! { <p class="notice" role="alert">{tr!(i18n, activation.missing)}</p> }.into_any(),
        }}
    }
}

/// Asks the server what the link is for.
#[component]
fn InvitationLookup(token: String) -> impl IntoView {
    let details = crate::fetched::Fetched::new({
        let token = token.clone();
        move || api::invitation_details(token.clone())
    });
    move || match details.get() {
        None => view! { <Skeleton lines=6 /> }.into_any(),
        Some(Err(error)) => {
            view! { <LinkProblem error retry=Callback::new(move |()| details.refetch()) /> }
                .into_any()
        }
        Some(Ok(details)) => view! { <InvitationView details token=token.clone() /> }.into_any(),
    }
}

/// A link that does not (or no longer) work, in plain words.
#[component]
fn LinkProblem(error: ApiError, retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let link_problem = matches!(
        error.code(),
        Some(ProblemCode::LinkInvalid | ProblemCode::LinkExpired | ProblemCode::LinkUsed)
    );
    if !link_problem {
        return view! { <crate::components::ErrorPanel error=Signal::stored(error) retry /> }
            .into_any();
    }
    forget_token();
    let used = error.code() == Some(ProblemCode::LinkUsed);
    view! {
        <div class="notice" role="alert">
            <p><strong>{move || error_message(&error, i18n.get_locale())}</strong></p>
            <p>{move || if used { t_string!(i18n, invitation.used_next) } else { t_string!(i18n, invitation.ask_again) }}</p>
        </div>
        <p><a href=routes::SIGN_IN>{tr!(i18n, invitation.to_sign_in)}</a></p>
    }
    .into_any()
}

/// Whose circle, invited by whom, as what, with which rights; then the way to accept.
#[component]
fn InvitationView(details: InvitationDetails, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // Only a change of kind matters here (a refreshed session must not reset the form).
    let signed_in = Memo::new(move |_| {
        session.state.with(|s| match s {
            SessionState::Loading => None,
            SessionState::SignedIn(_) => Some(true),
            _ => Some(false),
        })
    });
    let inviter = details.invited_by.clone();
    let intro = {
        let (inviter, client) = (details.invited_by.clone(), details.client_name.clone());
        move || {
            fill(
                td_string!(i18n.get_locale(), invitation.intro),
                &[("inviter", &inviter), ("client", &client)],
            )
        }
    };
    let addressed = {
        let (name, email) = (details.name.clone(), details.email.clone());
        move || {
            fill(
                td_string!(i18n.get_locale(), invitation.addressed),
                &[("name", &name), ("email", &email)],
            )
        }
    };
    let relation = {
        let relation = details.relation.clone();
        move || {
            fill(
                td_string!(i18n.get_locale(), invitation.relation),
                &[("relation", &relation)],
            )
        }
    };
    let expires = {
        let at = details.expires_at.clone();
        move || {
            let locale = i18n.get_locale();
            fill(
                td_string!(locale, invitation.expires),
                &[("date", &local_date_text(&at, locale))],
            )
        }
    };
    let can_change = {
        let inviter = inviter.clone();
        move || {
            fill(
                td_string!(i18n.get_locale(), invitation.can_change),
                &[("inviter", &inviter)],
            )
        }
    };
    let step = {
        let details = details.clone();
        move || match signed_in.get() {
            None => view! { <Skeleton lines=3 /> }.into_any(),
            Some(true) => {
                view! { <AcceptInvitation details=details.clone() token=token.clone() /> }
                    .into_any()
            }
            Some(false) => {
                view! { <SignedOutChoice details=details.clone() token=token.clone() /> }.into_any()
            }
        }
    };
    view! {
        <p class="lead">{intro}</p>
        <section class="card" aria-labelledby="invitation-what">
            <h2 id="invitation-what">{tr!(i18n, invitation.what_title)}</h2>
            <p>{addressed}</p>
            <p>{relation}</p>
            <h3>{tr!(i18n, invitation.rights_title)}</h3>
            <RightsExplained rights=details.rights none=Signal::derive(move || t_string!(i18n, invitation.rights_none).to_owned()) />
            <p>{can_change}</p>
            <p class="meta">{expires}</p>
        </section>
        {step}
    }
}

/// Signed in: one button; then the new portal (the session lists it first).
#[component]
fn AcceptInvitation(details: InvitationDetails, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let accept = Action::new_local(move |_: &()| {
        let token = token.clone();
        let navigate = navigate.clone();
        async move {
            let portal = api::accept_invitation(token).await?;
            forget_token();
            session.reload().await;
            navigate(
                &routes::portal(ClientId(portal.client_id)),
                Default::default(),
            );
            Ok::<(), ApiError>(())
        }
    });
    let invited_email = details.email.clone();
    let inviter = details.invited_by.clone();
    let error = Signal::derive(move || match accept.value().get() {
        Some(Err(error)) => Some(match error.code() {
            Some(ProblemCode::InvitationOtherEmail) => fill(
                td_string!(i18n.get_locale(), invitation.other_email_signed_in),
                &[("email", &invited_email), ("inviter", &inviter)],
            ),
            Some(ProblemCode::AlreadyInCircle) => {
                t_string!(i18n, invitation.already_member).to_owned()
            }
            _ => error_message(&error, i18n.get_locale()),
        }),
        _ => None,
    });
    let account = move || {
        session
            .current()
            .map(|s| s.account.email)
            .unwrap_or_default()
    };
    view! {
        <section class="card card-highlight" aria-labelledby="accept-title">
            <h2 id="accept-title">{tr!(i18n, invitation.accept_title)}</h2>
            <p>{move || fill(td_string!(i18n.get_locale(), invitation.signed_in_as), &[("email", &account())])}</p>
            <FormError message=error />
            <div class="actions">
                <button type="button" class="button" disabled=move || accept.pending().get() on:click=move |_| { accept.dispatch(()); }>
                    {tr!(i18n, invitation.accept)}
                </button>
            </div>
        </section>
    }
}

/// Not signed in: sign in (and come back here), or create an account.
#[component]
fn SignedOutChoice(details: InvitationDetails, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let registering = RwSignal::new(false);
    let sign_in_href = format!(
        "{}?terug={}",
        routes::SIGN_IN,
        js_sys::encode_uri_component(routes::INVITATION)
    );
    view! {
        <Show
            when=move || registering.get()
            fallback=move || view! {
                <h2>{tr!(i18n, invitation.choose_title)}</h2>
                <ul class="link-cards choice-cards">
                    <li class="card">
                        <h3>{tr!(i18n, invitation.have_account_title)}</h3>
                        <p>{tr!(i18n, invitation.have_account_text)}</p>
                        <a class="button" href=sign_in_href.clone()>{tr!(i18n, invitation.sign_in)}</a>
                    </li>
                    <li class="card">
                        <h3>{tr!(i18n, invitation.new_account_title)}</h3>
                        <p>{tr!(i18n, invitation.new_account_text)}</p>
                        <button type="button" class="button-secondary" on:click=move |_| registering.set(true)>
                            {tr!(i18n, invitation.create_account)}
                        </button>
                    </li>
                </ul>
            }
        >
            <Registration details=details.clone() token=token.clone() />
        </Show>
    }
}

/// ASCII case and spaces do not make another address.
fn same_address(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// Creating an account with the invitation: with the invited address a code by SMS
/// follows (the link proved the address); with another one, a link goes there first.
#[component]
fn Registration(details: InvitationDetails, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let name = RwSignal::new(details.name.clone());
    let email = RwSignal::new(details.email.clone());
    let mobile = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let language = RwSignal::new(api_language(i18n.get_locale_untracked()));
    let invited_email = details.email.clone();
    let other_allowed = details.allow_other_email;
    let invited_address = {
        let invited_email = invited_email.clone();
        Memo::new(move |_| email.with(|e| same_address(e, &invited_email)))
    };
    let register = Action::new_local(|registration: &InvitationRegistration| {
        api::register_with_invitation(registration.clone())
    });
    let confirm = Action::new_local(move |request: &CodeConfirmation| {
        let request = request.clone();
        let navigate = navigate.clone();
        async move {
            let info = api::confirm_activation(request).await?;
            forget_token();
            session.set_signed_in(info);
            navigate(routes::PORTAL, Default::default());
            Ok::<(), ApiError>(())
        }
    });
    let failure = Memo::new(move |_| match register.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    });
    let field_error = move |codes: &'static [ProblemCode]| {
        Signal::derive(move || {
            failure
                .get()
                .filter(|e| e.code().is_some_and(|c| codes.contains(&c)))
                .map(|e| error_message(&e, i18n.get_locale()))
        })
    };
    let email_error = field_error(&[ProblemCode::EmailInvalid]);
    let mobile_error = field_error(&[ProblemCode::MobileInvalid]);
    let password_error = field_error(&[
        ProblemCode::PasswordTooShort,
        ProblemCode::PasswordTooCommon,
    ]);
    let form_error = {
        let invited_email = invited_email.clone();
        Signal::derive(move || {
            let error = failure.get()?;
            match error.code() {
                Some(
                    ProblemCode::EmailInvalid
                    | ProblemCode::MobileInvalid
                    | ProblemCode::PasswordTooShort
                    | ProblemCode::PasswordTooCommon
                    | ProblemCode::AccountExists,
                ) => None,
                Some(ProblemCode::InvitationOtherEmail) => Some(fill(
                    td_string!(i18n.get_locale(), invitation.other_email_register),
                    &[("email", &invited_email)],
                )),
                // Without a password the server names the missing field.
                Some(ProblemCode::InvalidBody) if invited_address.get_untracked() => {
                    Some(t_string!(i18n, invitation.password_missing).to_owned())
                }
                _ => Some(error_message(&error, i18n.get_locale())),
            }
        })
    };
    let account_exists = Memo::new(move |_| {
        failure.with(|f| f.as_ref().and_then(ApiError::code) == Some(ProblemCode::AccountExists))
    });
    let next = Memo::new(move |_| match register.value().get() {
        Some(Ok(next)) => Some(next),
        _ => None,
    });
    let confirm_error = Signal::derive(move || match confirm.value().get() {
        Some(Err(e)) => Some(e),
        _ => None,
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let with_password = invited_address.get_untracked();
        register.dispatch(InvitationRegistration {
            token: token.clone(),
            name: name.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            mobile: mobile.get_untracked().trim().to_owned(),
            password: with_password.then(|| password.get_untracked()),
            language: language.get_untracked(),
        });
    };
    let sign_in_href = format!(
        "{}?terug={}",
        routes::SIGN_IN,
        js_sys::encode_uri_component(routes::INVITATION)
    );
    let form = move || {
        let submit = submit.clone();
        let sign_in_href = sign_in_href.clone();
        view! {
            <h2>{tr!(i18n, invitation.register_title)}</h2>
            <form class="stack" novalidate=true on:submit=submit>
                <TextField id="register-name" label=tr!(i18n, invitation.name) value=name autocomplete="name" />
                {if other_allowed {
                    view! {
                        <TextField
                            id="register-email"
                            label=tr!(i18n, sign_in.email)
                            hint=tr!(i18n, invitation.email_other_hint)
                            value=email
                            input_type="email"
                            autocomplete="username"
                            error=email_error
                        />
                    }
                    .into_any()
                } else {
                    view! {
                        <div class="field">
                            <label for="register-email">{tr!(i18n, sign_in.email)}</label>
                            <p class="field-hint" id="register-email-hint">{tr!(i18n, invitation.email_fixed_hint)}</p>
                            <input
                                id="register-email"
                                type="email"
                                autocomplete="username"
                                readonly=true
                                aria-describedby="register-email-hint"
                                prop:value=move || email.get()
                            />
                        </div>
                    }
                    .into_any()
                }}
                <TextField
                    id="register-mobile"
                    label=tr!(i18n, invitation.mobile)
                    hint=tr!(i18n, invitation.mobile_hint)
                    value=mobile
                    input_type="tel"
                    autocomplete="tel"
                    error=mobile_error
                />
                <Show
                    when=move || invited_address.get()
                    fallback=move || view! { <p class="field-hint">{tr!(i18n, invitation.password_later)}</p> }
                >
                    <TextField
                        id="register-password"
                        input_type="password"
                        label=tr!(i18n, activation.password)
                        value=password
                        autocomplete="new-password"
                        hint=tr!(i18n, activation.rules)
                        error=password_error
                    />
                </Show>
                <RadioGroup
                    legend=tr!(i18n, invitation.language_legend)
                    name="register-language"
                    options=vec![(Language::Nl, "nl"), (Language::En, "en")]
                    selected=Signal::derive(move || Some(language.get()))
                    on_choose=Callback::new(move |option| language.set(option))
                    label=|locale, option| match option {
                        Language::Nl => td_string!(locale, invite.language_nl),
                        Language::En => td_string!(locale, invite.language_en),
                    }
                />
                <Show when=move || account_exists.get()>
                    <div class="notice" role="alert">
                        <p>{tr!(i18n, problem.account_exists.detail)}</p>
                        <p><a href=sign_in_href.clone()>{tr!(i18n, invitation.sign_in)}</a></p>
                    </div>
                </Show>
                <FormError message=form_error />
                <div class="actions">
                    <button type="submit" class="button" disabled=move || register.pending().get()>
                        {tr!(i18n, invitation.submit)}
                    </button>
                </div>
            </form>
        }
    };
    move || {
        match next.get() {
        None => form().into_any(),
        Some(RegistrationNext::Code(challenge)) => view! {
            <CodeForm
                challenge=Signal::stored(challenge)
                on_code=Callback::new(move |(attempt, code)| { confirm.dispatch(CodeConfirmation { attempt, code }); })
                pending=confirm.pending()
                error=confirm_error
                on_restart=Callback::new(move |()| { register.value().set(None); confirm.value().set(None); })
                submit_label=tr!(i18n, invitation.code_submit)
            />
        }
        .into_any(),
        Some(RegistrationNext::EmailLink { email }) => view! {
            <div class="card form-success" role="status">
                <p>{move || fill(td_string!(i18n.get_locale(), invitation.link_sent), &[("email", &email)])}</p>
            </div>
        }
        .into_any(),
    }
    }
}
