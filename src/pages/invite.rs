//! `/portaal/:client_id/kring/uitnodigen`: the administrator invites someone into the
//! circle. No right is ticked beforehand: a contact gets only what is chosen (R7).

use kring_api::{Language, NewInvitation, ProblemCode, Rights};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{self, ApiError};
use crate::app::routes;
use crate::components::{
    focus_soon, FormActions, FormError, RadioGroup, RequireSignIn, RightsChoice, TextField,
};
use crate::errors::error_message;
use crate::i18n::*;
use crate::organisation::use_page_title;
use crate::portal_scope::{use_client_id, use_is_administrator, ClientId};

/// The invite form.
#[component]
pub fn InvitePage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, invite.title));
    let client_id = use_client_id();
    let is_admin = use_is_administrator(client_id);
    view! {
        <RequireSignIn>
            <p class="back-link">
                <a href=move || routes::network(client_id)>{tr!(i18n, invite.back)}</a>
            </p>
            <h1>{tr!(i18n, invite.title)}</h1>
            <Show
                when=move || is_admin.get()
                fallback=move || view! {
                    <div class="notice" role="alert"><p>{tr!(i18n, dossier.no_access)}</p></div>
                }
            >
                <p class="lead">{tr!(i18n, invite.intro)}</p>
                <InviteForm client_id />
            </Show>
        </RequireSignIn>
    }
}

/// Name, address, relation, rights, language; sends the invitation.
#[component]
fn InviteForm(client_id: ClientId) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let relation = RwSignal::new(String::new());
    let rights = RwSignal::new(Rights::default());
    let language = RwSignal::new(api_language(i18n.get_locale_untracked()));
    let allow_other_email = RwSignal::new(false);
    let tried = RwSignal::new(false);
    let invite = Action::new_local(move |invitation: &NewInvitation| {
        let invitation = invitation.clone();
        let client = client_id.get();
        let navigate = navigate.clone();
        async move {
            api::invite(client, invitation).await?;
            navigate(
                &format!("{}?uitgenodigd=1", routes::network(client_id)),
                Default::default(),
            );
            Ok::<(), ApiError>(())
        }
    });
    let failure = Memo::new(move |_| match invite.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    });
    let missing = move |value: RwSignal<String>, text: fn(Locale) -> &'static str| {
        Signal::derive(move || {
            (tried.get() && value.with(|v| v.trim().is_empty()))
                .then(|| text(i18n.get_locale()).to_owned())
        })
    };
    let name_error = missing(name, |l| td_string!(l, invite.name_missing));
    let relation_error = missing(relation, |l| td_string!(l, invite.relation_missing));
    let email_error = Signal::derive(move || {
        if tried.get() && email.with(|v| v.trim().is_empty()) {
            return Some(t_string!(i18n, invite.email_missing).to_owned());
        }
        failure
            .get()
            .filter(|e| e.code() == Some(ProblemCode::EmailInvalid))
            .map(|e| error_message(&e, i18n.get_locale()))
    });
    let form_error = Signal::derive(move || {
        failure
            .get()
            .filter(|e| e.code() != Some(ProblemCode::EmailInvalid))
            .map(|e| error_message(&e, i18n.get_locale()))
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        tried.set(true);
        for (value, id) in [
            (name, "invite-name"),
            (email, "invite-email"),
            (relation, "invite-relation"),
        ] {
            if value.with_untracked(|v| v.trim().is_empty()) {
                focus_soon(id);
                return;
            }
        }
        invite.dispatch(NewInvitation {
            name: name.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            relation: relation.get_untracked().trim().to_owned(),
            rights: rights.get_untracked(),
            language: language.get_untracked(),
            allow_other_email: allow_other_email.get_untracked(),
        });
    };
    view! {
        <form class="stack" novalidate=true on:submit=submit>
            <TextField id="invite-name" label=tr!(i18n, invite.name) value=name autocomplete="off" error=name_error />
            <TextField
                id="invite-email"
                label=tr!(i18n, invite.email)
                hint=tr!(i18n, invite.email_hint)
                value=email
                input_type="email"
                error=email_error
            />
            <TextField
                id="invite-relation"
                label=tr!(i18n, network.relation)
                hint=tr!(i18n, network.relation_hint)
                value=relation
                error=relation_error
            />
            <RightsChoice rights id="invite-rights".to_owned() legend=Signal::derive(move || t_string!(i18n, invite.rights_legend).to_owned()) />
            <RadioGroup
                legend=tr!(i18n, invite.language_legend)
                name="invite-language"
                options=vec![(Language::Nl, "nl"), (Language::En, "en")]
                selected=Signal::derive(move || Some(language.get()))
                on_choose=Callback::new(move |option| language.set(option))
                label=|locale, option| match option {
                    Language::Nl => td_string!(locale, invite.language_nl),
                    Language::En => td_string!(locale, invite.language_en),
                }
            />
            <div class="choice">
                <input
                    type="checkbox"
                    id="invite-other-email"
                    aria-describedby="invite-other-email-text"
                    prop:checked=move || allow_other_email.get()
                    on:change=move |ev| allow_other_email.set(event_target_checked(&ev))
                />
                <label for="invite-other-email">
                    <strong>{tr!(i18n, invite.other_email)}</strong>
                    <span class="choice-text" id="invite-other-email-text">{tr!(i18n, invite.other_email_text)}</span>
                </label>
            </div>
            <FormError message=form_error />
            <FormActions
                submit=tr!(i18n, invite.submit)
                cancel_href=routes::network(client_id)
                cancel=tr!(i18n, network.cancel)
                pending=invite.pending()
            />
        </form>
    }
}
