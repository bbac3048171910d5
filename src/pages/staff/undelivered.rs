//! `/team/niet-bezorgd`: the messages the portal could not deliver (organisation
//! administrators). Each shows what it was for, to whom, how often it was tried and
//! the provider's reason, never its text (a link or a code); "try again" puts it back
//! in the queue, for instance after a mistyped address was corrected at the provider.

use std::sync::Arc;

use kring_api::dev::Channel;
use kring_api::staff::{MessagePurpose, UndeliveredMessage};
use leptos::prelude::*;

use super::RequireStaff;
use crate::api::{self, ApiError};
use crate::components::{ErrorPanel, FormError, LoadMore, Skeleton};
use crate::errors::action_error;
use crate::i18n::*;
use crate::local_time::date_and_time;
use crate::organisation::use_page_title;
use crate::paged::{Paged, Phase};

/// The list as the page holds it.
type MessageRow = Arc<UndeliveredMessage>;

/// The page.
#[component]
pub fn StaffUndeliveredPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, staff_undelivered.title));
    view! {
        <RequireStaff>
            <h1>{tr!(i18n, staff_undelivered.title)}</h1>
            <p class="lead">{tr!(i18n, staff_undelivered.intro)}</p>
            <Undelivered />
        </RequireStaff>
    }
}

/// The list, newest first, with "more".
#[component]
fn Undelivered() -> impl IntoView {
    let i18n = use_i18n();
    let messages = Paged::new(
        || (),
        move |(), cursor| async move { api::staff::undelivered_messages(cursor).await },
        |rows: &mut Vec<MessageRow>, items| rows.extend(items.into_iter().map(Arc::new)),
    );
    let phase = messages.phase();
    move || {
        match phase.get() {
        Phase::Loading | Phase::Failed => match untrack(|| messages.error()) {
            Some(error) => view! {
                <ErrorPanel error=Signal::stored(error) retry=Callback::new(move |()| messages.retry()) />
            }
            .into_any(),
            None => view! { <Skeleton lines=3 /> }.into_any(),
        },
        Phase::Empty => view! { <p class="empty">{tr!(i18n, staff_undelivered.none)}</p> }.into_any(),
        Phase::Shown => view! {
            <ul class="undelivered-list">
                <For
                    each=move || messages.rows()
                    key=|message| message.id
                    children=move |message| view! { <MessageCard message /> }
                />
            </ul>
            <LoadMore
                more=Callback::new(move |()| messages.more())
                retry=Callback::new(move |()| messages.retry())
                loading=Signal::derive(move || messages.loading())
                complete=Signal::derive(move || messages.complete())
                error=Signal::derive(move || messages.error())
                label=tr!(i18n, staff_undelivered.more)
                end_text=tr!(i18n, staff_undelivered.end)
                automatic=false
            />
        }
        .into_any(),
    }
    }
}

/// One undelivered message, with "try again".
#[component]
fn MessageCard(message: MessageRow) -> impl IntoView {
    let i18n = use_i18n();
    let id = message.id;
    let heading_id = format!("undelivered-{id}");
    let retry = Action::new_local(move |_: &()| async move {
        api::staff::retry_message(id).await?;
        Ok::<(), ApiError>(())
    });
    let queued = Signal::derive(move || matches!(retry.value().get(), Some(Ok(()))));
    let error = action_error(retry);
    let purpose = message.purpose;
    let channel = message.channel;
    let title = move || purpose_text(i18n.get_locale(), purpose);
    let to = {
        let recipient = message.recipient.clone();
        move || {
            let locale = i18n.get_locale();
            let template = match channel {
                Channel::Email => td_string!(locale, staff_undelivered.to_email),
                Channel::Sms => td_string!(locale, staff_undelivered.to_sms),
            };
            fill(template, &[("to", &recipient)])
        }
    };
    let written = message.created_at.clone();
    let when = {
        let written = written.clone();
        move || {
            date_and_time(
                &written,
                td_string!(i18n.get_locale(), staff_undelivered.written_at),
                i18n.get_locale(),
            )
        }
    };
    let attempts = message.attempts;
    let tries = move || {
        let locale = i18n.get_locale();
        if attempts == 1 {
            td_string!(locale, staff_undelivered.tried_once).to_owned()
        } else {
            fill(
                td_string!(locale, staff_undelivered.tried),
                &[("count", &attempts.to_string())],
            )
        }
    };
    let reason = message.reason.clone();
    let labelled_by = heading_id.clone();
    let described = heading_id.clone();
    view! {
        <li class="card undelivered-message" aria-labelledby=labelled_by>
            <h2 id=heading_id>{title}</h2>
            <p class="meta">
                {to}<br />
                <time datetime=written.to_string()>{when}</time><br />
                {tries}
            </p>
            <p>
                <strong>{tr!(i18n, staff_undelivered.reason)}</strong>" "{reason}
            </p>
            <FormError message=error />
            <Show
                when=move || queued.get()
                fallback=move || view! {
                    <div class="actions">
                        <button
                            type="button"
                            class="button-secondary"
                            aria-describedby=described.clone()
                            disabled=move || retry.pending().get()
                            on:click=move |_| { retry.dispatch(()); }
                        >
                            {tr!(i18n, staff_undelivered.retry)}
                        </button>
                    </div>
                }
            >
                <p class="notice" role="status">{tr!(i18n, staff_undelivered.queued)}</p>
            </Show>
        </li>
    }
}

/// What a message was for, in words.
fn purpose_text(locale: Locale, purpose: MessagePurpose) -> &'static str {
    match purpose {
        MessagePurpose::SignInCode => td_string!(locale, staff_undelivered.purpose_sign_in_code),
        MessagePurpose::Activation => td_string!(locale, staff_undelivered.purpose_activation),
        MessagePurpose::AccessGranted => {
            td_string!(locale, staff_undelivered.purpose_access_granted)
        }
        MessagePurpose::AdministrationMoved => {
            td_string!(locale, staff_undelivered.purpose_administration_moved)
        }
        MessagePurpose::PasswordReset => {
            td_string!(locale, staff_undelivered.purpose_password_reset)
        }
        MessagePurpose::Invitation => td_string!(locale, staff_undelivered.purpose_invitation),
        MessagePurpose::OrganisationSetUp => {
            td_string!(locale, staff_undelivered.purpose_organisation_set_up)
        }
        MessagePurpose::StaffInvitation => {
            td_string!(locale, staff_undelivered.purpose_staff_invitation)
        }
        MessagePurpose::SecurityNotice => {
            td_string!(locale, staff_undelivered.purpose_security_notice)
        }
        MessagePurpose::EmailConfirmation => {
            td_string!(locale, staff_undelivered.purpose_email_confirmation)
        }
    }
}
