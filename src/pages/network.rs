//! `/portaal/:client_id/kring`: the administrator's circle (R2, R7, R22): who is in
//! it or invited, what each may see and do, and changing, sending again, withdrawing
//! or removing. `?uitgenodigd=1` says an invitation was just sent.

use kring_api::{ContactChange, ContactStatus, Invitation, Network, NetworkContact, Rights};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{self, ApiError};
use crate::app::routes;
use crate::components::{
    DossierError, FormError, FormSuccess, ModalDialog, PortalBackLink, RequireSignIn, RightsChoice,
    RightsExplained, Skeleton, TextField,
};
use crate::errors::{action_error, error_message};
use crate::fetched::Fetched;
use crate::i18n::*;
use crate::local_time::local_date_text;
use crate::organisation::use_page_title;
use crate::portal_scope::{use_client_id, use_is_administrator, ClientId};

/// A card in the list: an open invitation or a contact.
#[derive(Clone, Debug, PartialEq)]
enum Member {
    Invited(Invitation),
    Contact(NetworkContact),
}

impl Member {
    /// Unique, and different whenever what the card shows changes (then it is drawn
    /// again; unchanged cards stay as they are).
    fn key(&self) -> String {
        let bits = |r: &Rights| {
            crate::components::Right::ALL
                .iter()
                .map(|right| if right.held(r) { '1' } else { '0' })
                .collect::<String>()
        };
        match self {
            Member::Invited(i) => format!("i{}-{}-{}", i.id, i.sent_at, i.expired),
            Member::Contact(c) => format!(
                "c{}-{:?}-{}-{}-{}",
                c.id,
                c.status,
                bits(&c.rights),
                c.relation,
                c.last_active_at
                    .as_ref()
                    .map(|at| at.as_str())
                    .unwrap_or_default()
            ),
        }
    }
}

/// Invitations first (newest first), then the contacts (active first, then by name).
fn members(network: &Network) -> Vec<Member> {
    network
        .invitations
        .iter()
        .cloned()
        .map(Member::Invited)
        .chain(network.contacts.iter().cloned().map(Member::Contact))
        .collect()
}

/// What the page asks the person to confirm.
#[derive(Clone, Debug, PartialEq)]
enum Confirm {
    /// Withdraw the invitation with this id, for this name.
    Withdraw(i64, String),
    /// Remove the contact with this id, with this name.
    Remove(i64, String),
}

/// Where the list stands; only a change of phase redraws the frame.
#[derive(Clone, Debug, PartialEq)]
enum ListPhase {
    Loading,
    Failed(ApiError),
    Empty,
    Shown,
}

/// What just worked, said at the top of the page (in the language shown).
#[derive(Clone, Debug, PartialEq)]
enum Done {
    /// A new link went to this address.
    Resent(String),
    /// This person's rights or relation changed.
    Saved(String),
    /// This person's invitation was withdrawn.
    Withdrawn(String),
    /// This person was removed from the circle.
    Removed(String),
}

impl Done {
    fn text(&self, locale: Locale) -> String {
        match self {
            Done::Resent(email) => fill(td_string!(locale, network.resent), &[("email", email)]),
            Done::Saved(name) => fill(td_string!(locale, network.saved), &[("name", name)]),
            Done::Withdrawn(name) => fill(td_string!(locale, network.withdrawn), &[("name", name)]),
            Done::Removed(name) => {
                fill(td_string!(locale, network.removed_done), &[("name", name)])
            }
        }
    }
}

/// The shared state of the page's cards.
#[derive(Clone, Copy)]
struct Circle {
    client_id: ClientId,
    network: Fetched<Network>,
    /// The last thing that worked, said at the top.
    notice: RwSignal<Option<Done>>,
    /// The contact whose rights are being changed (one at a time).
    editing: RwSignal<Option<i64>>,
    confirming: RwSignal<Option<Confirm>>,
}

/// The network page.
#[component]
pub fn NetworkPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, network.title));
    let client_id = use_client_id();
    let is_admin = use_is_administrator(client_id);
    let query = use_query_map();
    let network = Fetched::new(move || {
        let client = client_id.get();
        async move { api::network(client).await }
    });
    let just_invited = Memo::new(move |_| query.read().get("uitgenodigd").is_some());
    let circle = Circle {
        client_id,
        network,
        notice: RwSignal::new(None),
        editing: RwSignal::new(None),
        confirming: RwSignal::new(None),
    };
    let rows = Memo::new(move |_| match network.get() {
        Some(Ok(network)) => members(&network),
        _ => Vec::new(),
    });
    let phase = Memo::new(move |_| match network.get() {
        None => ListPhase::Loading,
        Some(Err(error)) => ListPhase::Failed(error),
        Some(Ok(_)) if rows.with(Vec::is_empty) => ListPhase::Empty,
        Some(Ok(_)) => ListPhase::Shown,
    });
    let invite_href = move || routes::invite(client_id);
    let list = move || {
        match phase.get() {
        ListPhase::Loading => view! { <Skeleton lines=6 /> }.into_any(),
        ListPhase::Failed(error) => {
            view! { <DossierError error retry=Callback::new(move |()| network.refetch()) /> }
                .into_any()
        }
        ListPhase::Empty => view! { <p class="empty">{tr!(i18n, network.none)}</p> }.into_any(),
        ListPhase::Shown => view! {
            <ul class="member-list">
                <For
                    each=move || rows.get()
                    key=Member::key
                    children=move |member| match member {
                        Member::Invited(invitation) => view! { <InvitationCard invitation circle /> }.into_any(),
                        Member::Contact(contact) => view! { <ContactCard contact circle /> }.into_any(),
                    }
                />
            </ul>
        }
        .into_any(),
    }
    };
    view! {
        <RequireSignIn>
            <PortalBackLink client_id />
            <h1>{tr!(i18n, network.title)}</h1>
            <p class="lead">{tr!(i18n, network.intro)}</p>
            <FormSuccess message=Signal::derive(move || {
                circle.notice.get().map(|done| done.text(i18n.get_locale())).or_else(|| just_invited.get().then(|| t_string!(i18n, network.invited_done).to_owned()))
            }) />
            <Show when=move || is_admin.get()>
                <p><a class="button" href=invite_href>{tr!(i18n, network.invite)}</a></p>
            </Show>
            {list}
            <ConfirmDialog circle />
        </RequireSignIn>
    }
}

fn status_name(locale: Locale, status: ContactStatus) -> &'static str {
    match status {
        ContactStatus::Invited => td_string!(locale, network.status_invited),
        ContactStatus::Active => td_string!(locale, network.status_active),
        ContactStatus::Left => td_string!(locale, network.status_left),
        ContactStatus::Removed => td_string!(locale, network.status_removed),
    }
}

/// The status in words, in a badge.
#[component]
fn StatusBadge(status: ContactStatus) -> impl IntoView {
    let i18n = use_i18n();
    let class = match status {
        ContactStatus::Invited => "badge status-invited",
        ContactStatus::Active => "badge status-active",
        ContactStatus::Left | ContactStatus::Removed => "badge status-gone",
    };
    view! {
        <p class="member-status">
            <span class="visually-hidden">{tr!(i18n, network.status)}" "</span>
            <span class=class>{move || status_name(i18n.get_locale(), status)}</span>
        </p>
    }
}

/// The rights with their explanations, under a small heading.
#[component]
fn MemberRights(rights: Rights) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h3 class="member-rights-title">{tr!(i18n, network.rights_title)}</h3>
        <RightsExplained rights none=Signal::derive(move || t_string!(i18n, network.rights_none).to_owned()) />
    }
}

/// An open invitation: to whom, until when, "send again" and "withdraw".
#[component]
fn InvitationCard(invitation: Invitation, circle: Circle) -> impl IntoView {
    let i18n = use_i18n();
    let id = invitation.id;
    let name = invitation.name.clone();
    let email = invitation.email.clone();
    let resend = Action::new_local(move |_: &()| {
        let client = circle.client_id.get();
        async move {
            let sent = api::resend_invitation(client, id).await?;
            circle.notice.set(Some(Done::Resent(sent.email)));
            circle.network.refetch();
            Ok::<(), ApiError>(())
        }
    });
    let resend_error = action_error(resend);
    let sent_line = {
        let (sent_at, email) = (invitation.sent_at.clone(), email.clone());
        move || {
            let locale = i18n.get_locale();
            fill(
                td_string!(locale, network.invited_on),
                &[
                    ("date", &local_date_text(&sent_at, locale)),
                    ("email", &email),
                ],
            )
        }
    };
    let expiry_line = {
        let expires_at = invitation.expires_at.clone();
        let expired = invitation.expired;
        move || {
            let locale = i18n.get_locale();
            if expired {
                td_string!(locale, network.expired).to_owned()
            } else {
                fill(
                    td_string!(locale, network.expires),
                    &[("date", &local_date_text(&expires_at, locale))],
                )
            }
        }
    };
    let heading_id = format!("invitation-{id}");
    let labelled_by = heading_id.clone();
    let withdraw_name = name.clone();
    view! {
        <li class=if invitation.expired { "card member member-expired" } else { "card member" } aria-labelledby=labelled_by>
            <h2 id=heading_id>{name}</h2>
            <p class="member-relation">{invitation.relation.clone()}</p>
            <StatusBadge status=ContactStatus::Invited />
            <p class="meta">{sent_line}</p>
            <p class=if invitation.expired { "member-expiry overdue" } else { "member-expiry" }>{expiry_line}</p>
            <MemberRights rights=invitation.rights />
            <FormError message=resend_error />
            <div class="actions">
                <button type="button" class="button-secondary" disabled=move || resend.pending().get() on:click=move |_| { resend.dispatch(()); }>
                    {tr!(i18n, network.resend)}
                </button>
                <button
                    type="button"
                    class="button-secondary"
                    on:click=move |_| circle.confirming.set(Some(Confirm::Withdraw(id, withdraw_name.clone())))
                >
                    {tr!(i18n, network.withdraw)}
                </button>
            </div>
        </li>
    }
}

/// A contact: relation, status, rights, last active; when active also "change rights"
/// and "remove from the circle".
#[component]
fn ContactCard(contact: NetworkContact, circle: Circle) -> impl IntoView {
    let i18n = use_i18n();
    let id = contact.id;
    let active = contact.status == ContactStatus::Active;
    let last_active = {
        let last = contact.last_active_at.clone();
        move || {
            let locale = i18n.get_locale();
            match &last {
                Some(at) => fill(
                    td_string!(locale, network.last_active),
                    &[("date", &local_date_text(at, locale))],
                ),
                None => td_string!(locale, network.never_active).to_owned(),
            }
        }
    };
    let since = {
        let since = contact.since.clone();
        move || {
            let locale = i18n.get_locale();
            fill(
                td_string!(locale, network.since),
                &[("date", &local_date_text(&since, locale))],
            )
        }
    };
    let heading_id = format!("contact-{id}");
    let labelled_by = heading_id.clone();
    let editing = Memo::new(move |_| circle.editing.get() == Some(id));
    let remove_name = contact.name.clone();
    let edit_contact = contact.clone();
    view! {
        <li class=if active { "card member" } else { "card member member-gone" } aria-labelledby=labelled_by>
            <h2 id=heading_id>{contact.name.clone()}</h2>
            <p class="member-relation">{contact.relation.clone()}</p>
            <StatusBadge status=contact.status />
            <p class="meta">{contact.email.clone()}<br />{since}<br />{last_active}</p>
            {move || if editing.get() {
                view! { <ContactEdit contact=edit_contact.clone() circle /> }.into_any()
            } else {
                let remove_name = remove_name.clone();
                view! {
                    <MemberRights rights=contact.rights />
                    {active.then(|| view! {
                        <div class="actions">
                            <button type="button" class="button-secondary" on:click=move |_| {
                                circle.notice.set(None);
                                circle.editing.set(Some(id));
                            }>
                                {tr!(i18n, network.change)}
                            </button>
                            <button
                                type="button"
                                class="button-secondary"
                                on:click=move |_| circle.confirming.set(Some(Confirm::Remove(id, remove_name.clone())))
                            >
                                {tr!(i18n, network.remove)}
                            </button>
                        </div>
                    })}
                }
                .into_any()
            }}
        </li>
    }
}

/// Changing a contact's relation and rights; takes effect on their next request.
#[component]
fn ContactEdit(contact: NetworkContact, circle: Circle) -> impl IntoView {
    let i18n = use_i18n();
    let id = contact.id;
    let name = contact.name.clone();
    let relation = RwSignal::new(contact.relation.clone());
    let rights = RwSignal::new(contact.rights);
    let tried = RwSignal::new(false);
    let save = Action::new_local(move |change: &ContactChange| {
        let change = change.clone();
        let client = circle.client_id.get();
        let name = contact.name.clone();
        async move {
            api::change_contact(client, id, change).await?;
            circle.notice.set(Some(Done::Saved(name)));
            circle.editing.set(None);
            circle.network.refetch();
            Ok::<(), ApiError>(())
        }
    });
    let error = action_error(save);
    let relation_error = Signal::derive(move || {
        (tried.get() && relation.with(|r| r.trim().is_empty()))
            .then(|| t_string!(i18n, network.relation_missing).to_owned())
    });
    let legend = {
        let name = name.clone();
        Signal::derive(move || {
            fill(
                td_string!(i18n.get_locale(), network.change_title),
                &[("name", &name)],
            )
        })
    };
    view! {
        <form
            class="stack member-edit"
            novalidate=true
            on:submit=move |event| {
                event.prevent_default();
                tried.set(true);
                let relation = relation.get_untracked();
                if relation.trim().is_empty() {
                    return;
                }
                save.dispatch(ContactChange {
                    rights: Some(rights.get_untracked()),
                    relation: Some(relation.trim().to_owned()),
                });
            }
        >
            <TextField
                id="contact-relation"
                label=tr!(i18n, network.relation)
                hint=tr!(i18n, network.relation_hint)
                value=relation
                error=relation_error
            />
            <RightsChoice rights id="contact-rights".to_owned() legend />
            <FormError message=error />
            <div class="actions">
                <button type="submit" class="button" disabled=move || save.pending().get()>
                    {tr!(i18n, network.save)}
                </button>
                <button type="button" class="button-secondary" on:click=move |_| circle.editing.set(None)>
                    {tr!(i18n, network.cancel)}
                </button>
            </div>
        </form>
    }
}

/// "Withdraw this invitation?" or "Remove this person?", with the consequence.
#[component]
fn ConfirmDialog(circle: Circle) -> impl IntoView {
    let i18n = use_i18n();
    let act = Action::new_local(move |confirm: &Confirm| {
        let confirm = confirm.clone();
        let client = circle.client_id.get();
        async move {
            let done = match confirm {
                Confirm::Withdraw(id, name) => {
                    api::withdraw_invitation(client, id).await?;
                    Done::Withdrawn(name)
                }
                Confirm::Remove(id, name) => {
                    api::remove_contact(client, id).await?;
                    Done::Removed(name)
                }
            };
            circle.notice.set(Some(done));
            circle.confirming.set(None);
            circle.network.refetch();
            Ok::<(), ApiError>(())
        }
    });
    let error = Signal::derive(move || match act.value().get() {
        Some(Err(e)) => Some(error_message(&e, i18n.get_locale())),
        _ => None,
    });
    let close = move || {
        act.value().set(None);
        circle.confirming.set(None);
    };
    let texts = move || {
        let locale = i18n.get_locale();
        match circle.confirming.get() {
            Some(Confirm::Withdraw(_, name)) => (
                fill(
                    td_string!(locale, network.withdraw_title),
                    &[("name", &name)],
                ),
                fill(
                    td_string!(locale, network.withdraw_text),
                    &[("name", &name)],
                ),
                td_string!(locale, network.withdraw_confirm),
            ),
            Some(Confirm::Remove(_, name)) => (
                fill(td_string!(locale, network.remove_title), &[("name", &name)]),
                fill(td_string!(locale, network.remove_text), &[("name", &name)]),
                td_string!(locale, network.remove_confirm),
            ),
            None => (String::new(), String::new(), ""),
        }
    };
    view! {
        <ModalDialog
            open=Signal::derive(move || circle.confirming.get().is_some())
            labelled_by="member-confirm-title"
            described_by="member-confirm-text"
            on_dismiss=Callback::new(move |()| close())
        >
            <h2 id="member-confirm-title">{move || texts().0}</h2>
            <p id="member-confirm-text">{move || texts().1}</p>
            <FormError message=error />
            <div class="actions">
                <button type="button" class="button-secondary" on:click=move |_| close()>
                    {tr!(i18n, network.cancel)}
                </button>
                <button
                    type="button"
                    class="button-danger"
                    disabled=move || act.pending().get()
                    on:click=move |_| {
                        if let Some(confirm) = circle.confirming.get_untracked() {
                            act.dispatch(confirm);
                        }
                    }
                >
                    {move || texts().2}
                </button>
            </div>
        </ModalDialog>
    }
}
