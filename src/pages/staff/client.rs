//! `/team/client/:client_id`: one client of the caseload: the portal's state, its
//! administrator and the end of access, and what the care team can do from here. Team
//! leads and the organisation's administrators also suspend the portal (with a reason
//! the people in it read) or lift the suspension.

use kring_api::{CaseloadClient, PortalStatus, StaffRole};
use leptos::prelude::*;

use super::caseload::{use_caseload_client, Attention, ClientLoaded, ClientScope, PortalFacts};
use super::registration::{NOTICE, NOTICE_CHANGED, NOTICE_REGISTERED};
use super::{use_staff_role_at_least, RequireStaff};
use crate::api::{self, ApiError};
use crate::app::routes;
use crate::components::{focus_soon, FormError, FormSuccess, ModalDialog, TextArea};
use crate::errors::error_message;
use crate::i18n::*;
use crate::organisation::use_page_title;
use crate::portal_scope::ClientId;
use leptos_router::hooks::use_query_map;

/// The most characters a suspension reason may have (the server's limit).
const REASON_MAX: usize = 500;

/// The client page.
#[component]
pub fn StaffClientPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, staff_client.title));
    let scope = use_caseload_client();
    view! {
        <RequireStaff>
            <p class="back-link"><a href=routes::STAFF>{tr!(i18n, staff_client.to_caseload)}</a></p>
            <ClientLoaded scope children=move |client| view! { <ClientView client scope /> } />
        </RequireStaff>
    }
}

/// What a suspension dialog is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Suspension {
    /// Suspend the portal (with a reason).
    Suspend,
    /// Lift the suspension.
    Lift,
}

/// The client: name, portal, what to do.
#[component]
fn ClientView(client: CaseloadClient, scope: ClientScope) -> impl IntoView {
    let i18n = use_i18n();
    let id = client.id;
    let name = client.name.clone();
    let can_suspend = use_staff_role_at_least(StaffRole::TeamLead);
    let status = Memo::new(move |_| {
        scope
            .client
            .with(|c| c.as_ref().map(|c| c.portal))
            .unwrap_or(client.portal)
    });
    let confirming = RwSignal::new(None::<Suspension>);
    let done = RwSignal::new(None::<Suspension>);
    let facts_line = {
        let number = client.client_number.clone();
        let team = client.team.clone();
        move || {
            let locale = i18n.get_locale();
            let mut line = fill(
                td_string!(locale, staff_caseload.client_number),
                &[("number", &number)],
            );
            if let Some(team) = &team {
                line.push_str(" · ");
                line.push_str(team);
            }
            line
        }
    };
    // The facts follow the caseload when it loads again (after a suspension).
    let facts = move || {
        scope.client.get().map(|client| {
            view! {
                <PortalFacts client=client.clone() />
                <Attention client />
            }
        })
    };
    let done_text = Signal::derive(move || {
        done.get().map(|d| match d {
            Suspension::Suspend => t_string!(i18n, staff_client.suspended_done).to_owned(),
            Suspension::Lift => t_string!(i18n, staff_client.lifted_done).to_owned(),
        })
    });
    let gives_access =
        Memo::new(move |_| matches!(status.get(), PortalStatus::NoAccess | PortalStatus::Ended));
    // Arriving from the registration form (`?melding=`): what was just saved.
    let query = use_query_map();
    let saved_text = Signal::derive(move || {
        let locale = i18n.get_locale();
        query.with(|q| match q.get(NOTICE).as_deref() {
            Some(NOTICE_REGISTERED) => {
                Some(td_string!(locale, staff_client.registered_notice).to_owned())
            }
            Some(NOTICE_CHANGED) => {
                Some(td_string!(locale, staff_client.changed_notice).to_owned())
            }
            _ => None,
        })
    });
    view! {
        <h1>{name.clone()}</h1>
        <p class="meta">{facts_line}</p>
        <FormSuccess message=saved_text />
        <FormSuccess message=done_text />
        <section class="card" aria-labelledby="client-portal-title">
            <h2 id="client-portal-title">{tr!(i18n, staff_client.portal_title)}</h2>
            {facts}
            <Show when=move || status.get() == PortalStatus::Suspended>
                <p class="notice">{tr!(i18n, staff_client.suspended_notice)}</p>
            </Show>
        </section>
        <section aria-labelledby="client-actions-title">
            <h2 id="client-actions-title">{tr!(i18n, staff_client.actions_title)}</h2>
            <ul class="link-cards">
                <li>
                    <a class="link-card" href=routes::staff_access(ClientId(id))>
                        <strong>{move || if gives_access.get() {
                            t_string!(i18n, staff_client.give_access)
                        } else {
                            t_string!(i18n, staff_client.change_administrator)
                        }}</strong>
                        <span>{move || if gives_access.get() {
                            t_string!(i18n, staff_client.give_access_text)
                        } else {
                            t_string!(i18n, staff_client.change_administrator_text)
                        }}</span>
                    </a>
                </li>
                <li>
                    <a class="link-card" href=routes::staff_reports(ClientId(id))>
                        <strong>{tr!(i18n, staff_client.reports)}</strong>
                        <span>{tr!(i18n, staff_client.reports_text)}</span>
                    </a>
                </li>
                <li>
                    <a class="link-card" href=routes::staff_care_plan(ClientId(id))>
                        <strong>{tr!(i18n, staff_client.care_plan)}</strong>
                        <span>{tr!(i18n, staff_client.care_plan_text)}</span>
                    </a>
                </li>
                <li>
                    <a class="link-card" href=routes::staff_registration(ClientId(id))>
                        <strong>{tr!(i18n, staff_client.registration)}</strong>
                        <span>{tr!(i18n, staff_client.registration_text)}</span>
                    </a>
                </li>
                <li>
                    <a class="link-card" href=routes::staff_relation_end(ClientId(id))>
                        <strong>{tr!(i18n, staff_client.relation_end)}</strong>
                        <span>{tr!(i18n, staff_client.relation_end_text)}</span>
                    </a>
                </li>
            </ul>
        </section>
        <Show when=move || can_suspend.get()>
            <section class="card" aria-labelledby="client-suspension-title">
                <h2 id="client-suspension-title" tabindex="-1">{tr!(i18n, staff_client.suspension_title)}</h2>
                {move || match status.get() {
                    PortalStatus::Suspended => view! {
                        <p>{tr!(i18n, staff_client.lift_intro)}</p>
                        <button type="button" class="button-secondary" on:click=move |_| {
                            done.set(None);
                            confirming.set(Some(Suspension::Lift));
                        }>
                            {tr!(i18n, staff_client.lift)}
                        </button>
                    }
                    .into_any(),
                    PortalStatus::Active | PortalStatus::Invited => view! {
                        <p>{tr!(i18n, staff_client.suspend_intro)}</p>
                        <button type="button" class="button-secondary" on:click=move |_| {
                            done.set(None);
                            confirming.set(Some(Suspension::Suspend));
                        }>
                            {tr!(i18n, staff_client.suspend)}
                        </button>
                    }
                    .into_any(),
                    PortalStatus::NoAccess | PortalStatus::Ended => {
                        view! { <p>{tr!(i18n, staff_client.nothing_to_suspend)}</p> }.into_any()
                    }
                }}
            </section>
        </Show>
        <SuspensionDialog id name scope confirming done />
    }
}

/// "Suspend this portal?" with the reason, or "Lift the suspension?"; on success the
/// caseload loads again and the page says what happened.
#[component]
fn SuspensionDialog(
    id: i64,
    name: String,
    scope: ClientScope,
    confirming: RwSignal<Option<Suspension>>,
    done: RwSignal<Option<Suspension>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let act = Action::new_local(move |request: &(Suspension, String)| {
        let (kind, reason_text) = request.clone();
        async move {
            match kind {
                Suspension::Suspend => api::staff::suspend_portal(id, reason_text).await?,
                Suspension::Lift => api::staff::lift_portal_suspension(id).await?,
            }
            confirming.set(None);
            done.set(Some(kind));
            reason.set(String::new());
            tried.set(false);
            scope.caseload.refetch();
            // The button that opened the dialog changes with the state: the focus goes
            // to the heading of its section, which stays; after the dialog has closed,
            // since closing gives the focus back to that button.
            focus_soon("client-suspension-title");
            Ok::<(), ApiError>(())
        }
    });
    let error = Signal::derive(move || match act.value().get() {
        Some(Err(e)) => Some(error_message(&e, i18n.get_locale())),
        _ => None,
    });
    let length = Memo::new(move |_| reason.with(|r| r.trim().chars().count()));
    let reason_error = Signal::derive(move || {
        if !tried.get() {
            return None;
        }
        let length = length.get();
        if length == 0 {
            Some(t_string!(i18n, staff_client.reason_missing).to_owned())
        } else if length > REASON_MAX {
            Some(t_string!(i18n, staff_client.reason_too_long).to_owned())
        } else {
            None
        }
    });
    let close = move || {
        act.value().set(None);
        tried.set(false);
        confirming.set(None);
    };
    let is_suspend = Memo::new(move |_| confirming.get() == Some(Suspension::Suspend));
    let title = {
        let name = name.clone();
        move || {
            let locale = i18n.get_locale();
            let text = if is_suspend.get() {
                td_string!(locale, staff_client.suspend_title)
            } else {
                td_string!(locale, staff_client.lift_title)
            };
            fill(text, &[("name", &name)])
        }
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(kind) = confirming.get_untracked() else {
            return;
        };
        if kind == Suspension::Suspend {
            tried.set(true);
            if reason_error.get_untracked().is_some() {
                focus_soon("suspension-reason");
                return;
            }
        }
        act.dispatch((kind, reason.get_untracked().trim().to_owned()));
    };
    let confirm_class = move || {
        if is_suspend.get() {
            "button-danger"
        } else {
            "button"
        }
    };
    view! {
        <ModalDialog
            open=Signal::derive(move || confirming.get().is_some())
            labelled_by="suspension-title"
            described_by="suspension-text"
            on_dismiss=Callback::new(move |()| close())
        >
            <form class="stack" novalidate=true on:submit=submit>
                <h2 id="suspension-title">{title}</h2>
                <p id="suspension-text">{move || if is_suspend.get() {
                    t_string!(i18n, staff_client.suspend_text)
                } else {
                    t_string!(i18n, staff_client.lift_text)
                }}</p>
                <Show when=move || is_suspend.get()>
                    <TextArea
                        id="suspension-reason"
                        name="reason"
                        required=true
                        label=tr!(i18n, staff_client.reason)
                        hint=tr!(i18n, staff_client.reason_hint)
                        value=reason
                        max_chars=REASON_MAX
                        counter=tr!(i18n, staff_client.reason_counter)
                        error=reason_error
                    />
                </Show>
                <FormError message=error />
                <div class="actions">
                    <button type="button" class="button-secondary" on:click=move |_| close()>
                        {tr!(i18n, staff_client.cancel)}
                    </button>
                    <button
                        type="submit"
                        class=confirm_class
                        disabled=move || act.pending().get()
                    >
                        {move || if is_suspend.get() {
                            t_string!(i18n, staff_client.suspend_confirm)
                        } else {
                            t_string!(i18n, staff_client.lift_confirm)
                        }}
                    </button>
                </div>
            </form>
        </ModalDialog>
    }
}
