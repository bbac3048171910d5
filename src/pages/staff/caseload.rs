//! `/team`: the staff member's clients (their team's; every team's for the
//! organisation's administrators), each as a card with the portal's state and what waits
//! for the care team, by name, a page at a time. `?zoek=` finds the clients whose name
//! or client number starts with the words (the server searches). Also the pieces the
//! other client pages of the care team share: the portal state in words and one client
//! of the caseload.

use std::sync::Arc;

use kring_api::{CaseloadClient, PortalStatus, ProblemCode, StaffRole};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::{use_staff, use_staff_role_at_least, RequireStaff};
use crate::api::{self, query_string, ApiError};
use crate::app::routes;
use crate::components::{ErrorPanel, LoadMore, Skeleton, SubmittedFilter};
use crate::fetched::Fetched;
use crate::i18n::*;
use crate::local_time::day_text;
use crate::organisation::use_page_title;
use crate::paged::{Paged, Phase};
use crate::portal_scope::{use_client_id, ClientId};

/// The caseload page.
#[component]
pub fn CaseloadPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, staff_caseload.title));
    let staff = use_staff();
    let is_org_admin = use_staff_role_at_least(StaffRole::OrganisationAdmin);
    let query = use_query_map();
    let search = Memo::new(move |_| {
        query
            .read()
            .get("zoek")
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    });
    let team_line = move || {
        let locale = i18n.get_locale();
        staff.with(|s| match s {
            Some(info) if info.role == StaffRole::OrganisationAdmin => {
                td_string!(locale, staff_caseload.all_teams).to_owned()
            }
            Some(info) => match &info.team {
                Some(team) => fill(td_string!(locale, staff_caseload.team), &[("team", team)]),
                None => td_string!(locale, staff_caseload.no_team).to_owned(),
            },
            None => String::new(),
        })
    };
    view! {
        <RequireStaff>
            <h1>{tr!(i18n, staff_caseload.title)}</h1>
            <p class="lead">{team_line}</p>
            <ul class="staff-links">
                <li><a class="button-secondary" href=routes::staff_register()>{tr!(i18n, staff_caseload.register)}</a></li>
                <li><a class="button-secondary" href=routes::staff_photos()>{tr!(i18n, staff_caseload.post_photos)}</a></li>
                <Show when=move || is_org_admin.get()>
                    <li><a class="button-secondary" href=routes::staff_terms()>{tr!(i18n, staff_caseload.publish_terms)}</a></li>
                    <li><a class="button-secondary" href=routes::staff_undelivered()>{tr!(i18n, staff_caseload.undelivered)}</a></li>
                    <li><a class="button-secondary" href=routes::staff_teams()>{tr!(i18n, staff_caseload.teams)}</a></li>
                    <li><a class="button-secondary" href=routes::staff_members()>{tr!(i18n, staff_caseload.members)}</a></li>
                    <li><a class="button-secondary" href=routes::staff_organisation()>{tr!(i18n, staff_caseload.organisation)}</a></li>
                    <li><a class="button-secondary" href=routes::staff_import()>{tr!(i18n, staff_caseload.import)}</a></li>
                </Show>
            </ul>
            <NameFilter search />
            <ClientList search />
        </RequireStaff>
    }
}

/// The name filter; submitting puts the words in the address (`?zoek=`).
#[component]
fn NameFilter(search: Memo<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = SubmittedFilter::read(&ev) else {
            return;
        };
        let query = query_string(&[("zoek", form.text("zoek"))]);
        navigate(
            &format!("{}{query}", routes::STAFF),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    };
    view! {
        <form class="card filter-form" role="search" aria-labelledby="caseload-filter-title" novalidate=true on:submit=submit>
            <h2 id="caseload-filter-title">{tr!(i18n, staff_caseload.filter_title)}</h2>
            <div class="field">
                <label for="caseload-search">{tr!(i18n, staff_caseload.search)}</label>
                <p class="field-hint" id="caseload-search-hint">{tr!(i18n, staff_caseload.search_hint)}</p>
                <input
                    id="caseload-search"
                    name="zoek"
                    type="search"
                    maxlength="100"
                    autocomplete="off"
                    aria-describedby="caseload-search-hint"
                    prop:value=move || search.get().unwrap_or_default()
                />
            </div>
            <div class="actions">
                <button type="submit" class="button">{tr!(i18n, staff_caseload.apply)}</button>
                <Show when=move || search.with(Option::is_some)>
                    <a class="button-link" href=routes::STAFF>{tr!(i18n, staff_caseload.clear)}</a>
                </Show>
            </div>
        </form>
    }
}

/// A client of the list as the page holds it.
type ClientRow = Arc<CaseloadClient>;

/// The clients that match the filter, as cards, a page at a time; the next page loads
/// as the end comes near.
#[component]
fn ClientList(search: Memo<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let clients = Paged::new(
        move || search.get(),
        |search, cursor| api::staff::caseload(search, cursor, None),
        |rows: &mut Vec<ClientRow>, items| rows.extend(items.into_iter().map(Arc::new)),
    );
    let phase = clients.phase();
    let empty_text = move || {
        let locale = i18n.get_locale();
        match search.get() {
            Some(words) => fill(
                td_string!(locale, staff_caseload.none_found),
                &[("words", &words)],
            ),
            None => td_string!(locale, staff_caseload.none).to_owned(),
        }
    };
    move || {
        match phase.get() {
        Phase::Loading | Phase::Failed => match untrack(|| clients.error()) {
            Some(error) => view! {
                <ErrorPanel error=Signal::stored(error) retry=Callback::new(move |()| clients.retry()) />
            }
            .into_any(),
            None => view! { <Skeleton lines=6 /> }.into_any(),
        },
        Phase::Empty => view! { <p class="caseload-count" role="status">{empty_text}</p> }.into_any(),
        Phase::Shown => view! {
            <ul class="caseload-list">
                <For
                    each=move || clients.rows()
                    key=|client| client_key(client)
                    children=move |client| view! { <ClientCard client=(*client).clone() /> }
                />
            </ul>
            <LoadMore
                more=Callback::new(move |()| clients.more())
                retry=Callback::new(move |()| clients.retry())
                loading=Signal::derive(move || clients.loading())
                complete=Signal::derive(move || clients.complete())
                error=Signal::derive(move || clients.error())
                label=tr!(i18n, staff_caseload.more)
                end_text=tr!(i18n, staff_caseload.end)
                automatic=true
            />
        }
        .into_any(),
    }
    }
}

/// Unique, and different whenever what the card shows changes (then it is drawn again).
fn client_key(client: &CaseloadClient) -> String {
    format!(
        "{}-{:?}-{}-{}-{}-{}-{}",
        client.id,
        client.portal,
        client.administrator.as_deref().unwrap_or_default(),
        client
            .access_ends_on
            .map(|day| day.to_string())
            .unwrap_or_default(),
        client.open_correction_requests,
        client.overdue_correction_requests,
        client.waiting_for_moderation
    )
}

/// One client: name (the link to the client), number, team, the portal's state and
/// administrator, and what waits for the care team.
#[component]
fn ClientCard(client: CaseloadClient) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("caseload-client-{}", client.id);
    let labelled_by = heading_id.clone();
    let number = client.client_number.clone();
    let team = client.team.clone();
    let facts_line = move || {
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
    };
    view! {
        <li class="card caseload-client" aria-labelledby=labelled_by>
            <h2 id=heading_id><a href=routes::staff_client(ClientId(client.id))>{client.name.clone()}</a></h2>
            <p class="meta">{facts_line}</p>
            <PortalFacts client=client.clone() />
            <Attention client />
        </li>
    }
}

/// The portal's state in words: "Nog geen toegang", "Uitgenodigd", "Actief", …
pub(super) fn portal_status_name(locale: Locale, status: PortalStatus) -> &'static str {
    match status {
        PortalStatus::NoAccess => td_string!(locale, staff_caseload.status_no_access),
        PortalStatus::Invited => td_string!(locale, staff_caseload.status_invited),
        PortalStatus::Active => td_string!(locale, staff_caseload.status_active),
        PortalStatus::Suspended => td_string!(locale, staff_caseload.status_suspended),
        PortalStatus::Ended => td_string!(locale, staff_caseload.status_ended),
    }
}

/// The portal's state, administrator and end of access, as a short list of facts. The
/// state is a labelled badge: in words, the colour only repeats it.
#[component]
pub(super) fn PortalFacts(client: CaseloadClient) -> impl IntoView {
    let i18n = use_i18n();
    let status = client.portal;
    let class = match status {
        PortalStatus::Active => "badge status-active",
        PortalStatus::Invited => "badge status-invited",
        PortalStatus::Suspended => "badge portal-suspended",
        PortalStatus::NoAccess | PortalStatus::Ended => "badge status-gone",
    };
    let administrator = client.administrator.clone();
    let ends_on = client.access_ends_on;
    let ended = status == PortalStatus::Ended;
    view! {
        <dl class="portal-facts">
            <div>
                <dt>{tr!(i18n, staff_caseload.portal)}</dt>
                <dd><span class=class>{move || portal_status_name(i18n.get_locale(), status)}</span></dd>
            </div>
            <div>
                <dt>{tr!(i18n, staff_caseload.administrator)}</dt>
                <dd>{move || administrator.clone().unwrap_or_else(|| t_string!(i18n, staff_caseload.no_administrator).to_owned())}</dd>
            </div>
            {ends_on.map(|date| view! {
                <div>
                    <dt>{move || if ended {
                        t_string!(i18n, staff_caseload.access_ended_on)
                    } else {
                        t_string!(i18n, staff_caseload.access_ends_on)
                    }}</dt>
                    <dd>{move || day_text(date, i18n.get_locale())}</dd>
                </div>
            })}
        </dl>
    }
}

/// A count in words, with the singular for one.
fn counted(count: u32, one: &str, many: &str) -> String {
    if count == 1 {
        one.to_owned()
    } else {
        fill(many, &[("count", &count.to_string())])
    }
}

/// Open correction requests (overdue ones said in words) and items waiting for
/// moderation; "nothing waiting" when there are none.
#[component]
pub(super) fn Attention(client: CaseloadClient) -> impl IntoView {
    let i18n = use_i18n();
    let open = client.open_correction_requests;
    let overdue = client.overdue_correction_requests;
    let waiting = client.waiting_for_moderation;
    if open == 0 && waiting == 0 {
        return view! { <p class="attention-none">{tr!(i18n, staff_caseload.nothing_waiting)}</p> }
            .into_any();
    }
    view! {
        <ul class="attention">
            {(open > 0).then(|| view! {
                <li>
                    <a href=routes::staff_corrections()>{move || {
                        let locale = i18n.get_locale();
                        counted(
                            open,
                            td_string!(locale, staff_caseload.requests_one),
                            td_string!(locale, staff_caseload.requests),
                        )
                    }}</a>
                    {(overdue > 0).then(|| view! {
                        " "<strong class="overdue">{move || {
                            let locale = i18n.get_locale();
                            counted(
                                overdue,
                                td_string!(locale, staff_caseload.overdue_one),
                                td_string!(locale, staff_caseload.overdue),
                            )
                        }}</strong>
                    })}
                </li>
            })}
            {(waiting > 0).then(|| view! {
                <li>
                    <a href=routes::staff_moderation()>{move || {
                        let locale = i18n.get_locale();
                        counted(
                            waiting,
                            td_string!(locale, staff_caseload.moderation_one),
                            td_string!(locale, staff_caseload.moderation),
                        )
                    }}</a>
                </li>
            })}
        </ul>
    }
    .into_any()
}

/// Where one client of the caseload stands while it loads.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum ClientPhase {
    /// The client is on its way.
    Loading,
    /// The client did not come.
    Failed(ApiError),
    /// Not in this staff member's caseload (or no such client).
    NotFound,
    /// Found.
    Shown,
}

/// The client of the address, as the caseload shows it.
#[derive(Clone, Copy)]
pub(super) struct ClientScope {
    /// The client as fetched, to load again after a change.
    pub caseload: Fetched<CaseloadClient>,
    /// The client, once found (the last one found stays while loading again).
    pub client: Memo<Option<CaseloadClient>>,
    /// Where it stands.
    pub phase: Memo<ClientPhase>,
}

/// Loads the client of the address (`GET /staff/clients/{client_id}`); another team's
/// client, or none, is "not found".
pub(super) fn use_caseload_client() -> ClientScope {
    let id = use_client_id();
    let caseload = Fetched::new(move || api::staff::caseload_client(id.get()));
    let client = Memo::new(
        move |previous: Option<&Option<CaseloadClient>>| match caseload.get() {
            Some(Ok(client)) => Some(client),
            _ => previous.cloned().flatten(),
        },
    );
    let phase = Memo::new(move |_| match caseload.get() {
        None => ClientPhase::Loading,
        Some(Err(error)) if error.code() == Some(ProblemCode::NotFound) => ClientPhase::NotFound,
        Some(Err(error)) => ClientPhase::Failed(error),
        Some(Ok(_)) => ClientPhase::Shown,
    });
    ClientScope {
        caseload,
        client,
        phase,
    }
}

/// Shows `children` with the client once found; a skeleton while loading, a plain "not
/// found" for a client outside the caseload, an error with "try again" otherwise.
#[component]
pub(super) fn ClientLoaded<V, F>(
    /// The client of the address.
    scope: ClientScope,
    /// Renders the page for the client.
    children: F,
) -> impl IntoView
where
    F: Fn(CaseloadClient) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    move || {
        match scope.phase.get() {
        ClientPhase::Loading => view! { <Skeleton lines=6 /> }.into_any(),
        ClientPhase::Failed(error) => view! {
            <h1>{tr!(i18n, staff_client.error_title)}</h1>
            <ErrorPanel error=Signal::stored(error) retry=Callback::new(move |()| scope.caseload.refetch()) />
        }
        .into_any(),
        ClientPhase::NotFound => view! {
            <h1>{tr!(i18n, staff_client.not_found_title)}</h1>
            <div class="notice" role="alert">
                <p>{tr!(i18n, staff_client.not_found_text)}</p>
            </div>
            <p><a class="button" href=routes::STAFF>{tr!(i18n, staff_client.to_caseload)}</a></p>
        }
        .into_any(),
        ClientPhase::Shown => match scope.client.get_untracked() {
            Some(client) => untrack(|| children(client)).into_any(),
            None => view! { <Skeleton lines=6 /> }.into_any(),
        },
    }
    }
}

/// "Back to <client>" above a page about one client.
#[component]
pub(super) fn BackToClient(
    /// The client's id.
    id: i64,
    /// The client's name.
    name: String,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="back-link">
            <a href=routes::staff_client(ClientId(id))>{move || fill(td_string!(i18n.get_locale(), staff_client.back_to), &[("name", &name)])}</a>
        </p>
    }
}
