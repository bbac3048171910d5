//! The signed-in person's portals: the switcher, and one portal's overview (role,
//! rights, state), where the administrator can also end the portal (R5, R7).

use kring_api::{PortalRole, PortalState, PortalSummary, Rights};
use leptos::prelude::*;

use crate::fetched::Fetched;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::app::routes;
use crate::components::{
    AccessNotice, AccessState, ErrorPanel, FormError, Loaded, ModalDialog, RequireSignIn,
};
use crate::errors::{action_error, problem_reason};
use crate::i18n::*;
use crate::organisation::use_page_title;
use crate::portal_scope::{use_client_id, use_portal_access, ClientId};
use crate::session::use_session;

/// `/portaal`: the person's portals. With one usable portal, that portal at once.
#[component]
pub fn PortalsPage() -> impl IntoView {
    use_page_title(|locale| td_string!(locale, portal.title));
    view! {
        <RequireSignIn>
            <PortalList />
        </RequireSignIn>
    }
}

/// The person's portals: the one usable portal at once, else a list to choose from.
#[component]
fn PortalList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let portals = Memo::new(move |_| session.current().map(|s| s.portals).unwrap_or_default());
    let is_staff = Memo::new(move |_| session.current().is_some_and(|s| s.staff.is_some()));
    move || {
        // Staff start at their clients (also right after signing in).
        if is_staff.get() {
            return view! { <Redirect path=routes::STAFF /> }.into_any();
        }
        let portals = portals.get();
        let usable: Vec<&PortalSummary> = portals
            .iter()
            .filter(|p| p.state != PortalState::Ended)
            .collect();
        match (usable.as_slice(), portals.is_empty()) {
            ([only], _) => view! { <PortalOverview portal=(*only).clone() show_switch=false /> }.into_any(),
            ([], false) => view! { <AccessNotice state=AccessState::Ended level=1 /> }.into_any(),
            ([], true) => view! {
                <h1>{tr!(i18n, portal.title)}</h1>
                <p>{tr!(i18n, portal.none)}</p>
            }
            .into_any(),
            _ => view! {
                <h1>{tr!(i18n, portal.choose)}</h1>
                <ul class="portal-list">
                    <For
                        each=move || portals.clone()
                        key=|p| p.client_id
                        children=move |p| {
                            let href = routes::portal(ClientId(p.client_id));
                            let state = p.state;
                            let name = p.client_name.clone();
                            view! {
                                <li class="card">
                                    <h2><a href=href>{t!(i18n, portal.of, name = name.clone())}</a></h2>
                                    <p>{role_line(i18n, &p)}</p>
                                    {state_line(i18n, state)}
                                </li>
                            }
                        }
                    />
                </ul>
            }
            .into_any(),
        }
    }
}

fn role_line(i18n: leptos_i18n::I18nContext<Locale>, portal: &PortalSummary) -> impl IntoView {
    // ASCII lower case: the relation names are plain words, and Unicode case tables
    // would cost the app kilobytes.
    let relation = portal.relation.to_ascii_lowercase();
    match portal.role {
        PortalRole::Administrator => {
            view! { <span>{tr!(i18n, portal.role_admin)}</span> }.into_any()
        }
        PortalRole::Contact => {
            view! { <span>{t!(i18n, portal.role_contact, relation = relation.clone())}</span> }
                .into_any()
        }
    }
}

fn state_line(i18n: leptos_i18n::I18nContext<Locale>, state: PortalState) -> Option<impl IntoView> {
    match state {
        PortalState::Active => None,
        PortalState::Suspended => {
            Some(view! { <p class="badge-line">{tr!(i18n, portal.state_suspended)}</p> }.into_any())
        }
        PortalState::Ended => {
            Some(view! { <p class="badge-line">{tr!(i18n, portal.state_ended)}</p> }.into_any())
        }
    }
}

/// `/portaal/:client_id`: one portal, as the server allows it now.
#[component]
pub fn PortalPage() -> impl IntoView {
    use_page_title(|locale| td_string!(locale, portal.title));
    let client_id = use_client_id();
    let portal = Fetched::new(move || api::portal(client_id.get()));
    view! {
        <RequireSignIn>
            {move || match portal.get() {
                Some(Err(error)) => match error.code() {
                    Some(kring_api::ProblemCode::PortalSuspended) => view! {
                        <AccessNotice state=AccessState::Suspended(problem_reason(&error)) level=1 />
                    }.into_any(),
                    Some(kring_api::ProblemCode::AccessEnded | kring_api::ProblemCode::PortalEnded) => view! {
                        <AccessNotice state=AccessState::Ended level=1 />
                    }.into_any(),
                    _ => view! {
                        <ErrorPanel error=Signal::derive(move || error.clone()) retry=Callback::new(move |()| portal.refetch()) />
                    }.into_any(),
                },
                _ => view! {
                    <Loaded resource=portal children=move |p: PortalSummary| view! { <PortalOverview portal=p show_switch=true /> } />
                }.into_any(),
            }}
        </RequireSignIn>
    }
}

/// One portal: whose it is, the person's role, their rights; for the administrator
/// also "end this portal", for a contact "leave this circle". Rights and state follow
/// the session, so a change by the administrator shows at the next refresh.
#[component]
fn PortalOverview(portal: PortalSummary, show_switch: bool) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let client_id = ClientId(portal.client_id);
    let access = use_portal_access(client_id);
    let fetched_rights = portal.rights;
    let fetched_state = portal.state;
    let rights =
        Memo::new(move |_| access.with(|a| a.as_ref().map(|a| a.rights).unwrap_or(fetched_rights)));
    let live_state =
        Memo::new(move |_| access.with(|a| a.as_ref().map(|a| a.state).unwrap_or(fetched_state)));
    let several = move || {
        session
            .current()
            .map(|s| s.portals.len() > 1)
            .unwrap_or(false)
    };
    let is_admin = portal.role == PortalRole::Administrator;
    let reason = portal.state_reason.clone();
    let client_name = portal.client_name.clone();
    view! {
        <h1>{t!(i18n, portal.of, name = portal.client_name.clone())}</h1>
        <p class="lead">{role_line(i18n, &portal)}</p>
        {move || match live_state.get() {
            PortalState::Suspended => Some(view! { <AccessNotice state=AccessState::Suspended(reason.clone()) /> }.into_any()),
            PortalState::Ended => Some(view! { <AccessNotice state=AccessState::Ended /> }.into_any()),
            PortalState::Active => None,
        }}
        {move || (live_state.get() == PortalState::Active).then(|| view! { <DossierLinks client_id rights=rights.get() is_admin /> })}
        <section class="card" aria-labelledby="rights-title">
            <h2 id="rights-title">{tr!(i18n, portal.rights_title)}</h2>
            {move || view! { <RightsList rights=rights.get() /> }}
        </section>
        <Show when=move || show_switch && several()>
            <p><a href=routes::PORTAL>{tr!(i18n, portal.choose)}</a></p>
        </Show>
        {move || (live_state.get() == PortalState::Active).then(|| if is_admin {
            view! { <EndPortal client_id /> }.into_any()
        } else {
            view! { <LeaveCircle client_id client_name=client_name.clone() /> }.into_any()
        })}
    }
}

/// The parts of the dossier this person may open.
#[component]
fn DossierLinks(client_id: ClientId, rights: Rights, is_admin: bool) -> impl IntoView {
    let i18n = use_i18n();
    let links = [
        (rights.care_plan, routes::care_plan(client_id), "care_plan"),
        (rights.reports, routes::reports(client_id), "reports"),
        (rights.photos_view, routes::photos(client_id), "photos"),
        (
            rights.photos_add,
            routes::photo_upload(client_id),
            "photo_add",
        ),
        (
            rights.notes_view || rights.notes_add,
            routes::notes(client_id),
            "notes",
        ),
        (is_admin, routes::network(client_id), "network"),
        (is_admin, routes::correction_requests(client_id), "requests"),
        (is_admin, routes::access_log(client_id), "access_log"),
    ];
    let shown: Vec<_> = links.into_iter().filter(|(allowed, ..)| *allowed).collect();
    // What arrived since the last visit to each list; without it the cards stay as they
    // are (the counts are a help, not the content).
    let counts = (rights.reports || rights.photos_view || rights.notes_view)
        .then(|| Fetched::new(move || api::new_counts(client_id.0)));
    let new_count = move |key: &str| {
        let counts = counts?.get()?.ok()?;
        match key {
            "reports" => counts.reports,
            "photos" => counts.photos,
            "notes" => counts.notes,
            _ => None,
        }
        .filter(|n| *n > 0)
    };
    (!shown.is_empty()).then(|| {
        view! {
            <nav class="dossier-links" aria-labelledby="dossier-title">
                <h2 id="dossier-title">{tr!(i18n, dossier.sections_title)}</h2>
                <ul class="link-cards">
                    {shown.into_iter().map(|(_, href, key)| view! {
                        <li>
                            <a class="link-card" href=href>
                                <strong>{move || match key {
                                    "care_plan" => t_string!(i18n, dossier.section_care_plan),
                                    "reports" => t_string!(i18n, dossier.section_reports),
                                    "photos" => t_string!(i18n, dossier.section_photos),
                                    "photo_add" => t_string!(i18n, dossier.section_photo_add),
                                    "notes" => t_string!(i18n, dossier.section_notes),
                                    "network" => t_string!(i18n, dossier.section_network),
                                    "requests" => t_string!(i18n, dossier.section_requests),
                                    _ => t_string!(i18n, dossier.section_access_log),
                                }}</strong>
                                <span>{move || match key {
                                    "care_plan" => t_string!(i18n, dossier.section_care_plan_text),
                                    "reports" => t_string!(i18n, dossier.section_reports_text),
                                    "photos" => t_string!(i18n, dossier.section_photos_text),
                                    "photo_add" => t_string!(i18n, dossier.section_photo_add_text),
                                    "notes" => t_string!(i18n, dossier.section_notes_text),
                                    "network" => t_string!(i18n, dossier.section_network_text),
                                    "requests" => t_string!(i18n, dossier.section_requests_text),
                                    _ => t_string!(i18n, dossier.section_access_log_text),
                                }}</span>
                                {move || new_count(key).map(|count| view! {
                                    <span class="badge badge-new">{move || new_count_text(i18n.get_locale(), count)}</span>
                                })}
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            </nav>
        }
    })
}

/// "3 nieuwe": how many items arrived in a section since the last visit.
fn new_count_text(locale: Locale, count: u32) -> String {
    if count == 1 {
        td_string!(locale, dossier.new_count_one).to_owned()
    } else {
        fill(
            td_string!(locale, dossier.new_count),
            &[("count", &count.to_string())],
        )
    }
}

/// The rights as a plain list; nothing granted says so.
#[component]
fn RightsList(rights: Rights) -> impl IntoView {
    let i18n = use_i18n();
    let granted: Vec<&'static str> = [
        (rights.care_plan, "care_plan"),
        (rights.reports, "reports"),
        (rights.photos_view, "photos_view"),
        (rights.photos_add, "photos_add"),
        (rights.notes_view, "notes_view"),
        (rights.notes_add, "notes_add"),
    ]
    .into_iter()
    .filter_map(|(has, key)| has.then_some(key))
    .collect();
    if granted.is_empty() {
        return view! { <p>{tr!(i18n, portal.rights_none)}</p> }.into_any();
    }
    view! {
        <ul class="rights">
            {granted.into_iter().map(|key| view! {
                <li>{move || match key {
                    "care_plan" => t_string!(i18n, portal.right_care_plan),
                    "reports" => t_string!(i18n, portal.right_reports),
                    "photos_view" => t_string!(i18n, portal.right_photos_view),
                    "photos_add" => t_string!(i18n, portal.right_photos_add),
                    "notes_view" => t_string!(i18n, portal.right_notes_view),
                    _ => t_string!(i18n, portal.right_notes_add),
                }}</li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The administrator ends the portal, after a confirmation that names the consequence.
#[component]
fn EndPortal(client_id: ClientId) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let end = Action::new_local(move |_: &()| async move {
        let result = api::end_portal(client_id.get()).await;
        if result.is_ok() {
            session.refresh();
        }
        result
    });
    Effect::new(move || {
        if matches!(end.value().get(), Some(Ok(()))) {
            confirming.set(false);
            navigate(routes::PORTAL, Default::default());
        }
    });
    let error = action_error(end);
    view! {
        <section class="card card-danger" aria-labelledby="end-title">
            <h2 id="end-title">{tr!(i18n, portal.end_title)}</h2>
            <p>{tr!(i18n, portal.end_text)}</p>
            <button type="button" class="button-danger" on:click=move |_| confirming.set(true)>
                {tr!(i18n, portal.end_button)}
            </button>
        </section>
        <ModalDialog
            open=confirming
            labelled_by="end-confirm-title"
            described_by="end-confirm-text"
            on_dismiss=Callback::new(move |()| confirming.set(false))
        >
            <h2 id="end-confirm-title">{tr!(i18n, portal.end_confirm_title)}</h2>
            <p id="end-confirm-text">{tr!(i18n, portal.end_confirm_text)}</p>
            <FormError message=error />
            <div class="actions">
                <button type="button" class="button-secondary" on:click=move |_| confirming.set(false)>
                    {tr!(i18n, portal.cancel)}
                </button>
                <button
                    type="button"
                    class="button-danger"
                    disabled=move || end.pending().get()
                    on:click=move |_| { end.dispatch(()); }
                >
                    {tr!(i18n, portal.end_confirm)}
                </button>
            </div>
        </ModalDialog>
    }
}

/// A contact leaves the circle themselves, after a confirmation that names the
/// consequence; then the session no longer lists this portal.
#[component]
fn LeaveCircle(client_id: ClientId, client_name: String) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let leaving = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            api::leave_circle(client_id.get()).await?;
            confirming.set(false);
            session.reload().await;
            navigate(routes::PORTAL, Default::default());
            Ok::<(), api::ApiError>(())
        }
    });
    let error = action_error(leaving);
    let consequence = move || {
        fill(
            td_string!(i18n.get_locale(), leave.confirm_text),
            &[("name", &client_name)],
        )
    };
    view! {
        <section class="card" aria-labelledby="leave-title">
            <h2 id="leave-title">{tr!(i18n, leave.title)}</h2>
            <p>{tr!(i18n, leave.text)}</p>
            <button type="button" class="button-secondary" on:click=move |_| confirming.set(true)>
                {tr!(i18n, leave.button)}
            </button>
        </section>
        <ModalDialog
            open=confirming
            labelled_by="leave-confirm-title"
            described_by="leave-confirm-text"
            on_dismiss=Callback::new(move |()| confirming.set(false))
        >
            <h2 id="leave-confirm-title">{tr!(i18n, leave.confirm_title)}</h2>
            <p id="leave-confirm-text">{consequence}</p>
            <FormError message=error />
            <div class="actions">
                <button type="button" class="button-secondary" on:click=move |_| confirming.set(false)>
                    {tr!(i18n, portal.cancel)}
                </button>
                <button
                    type="button"
                    class="button-danger"
                    disabled=move || leaving.pending().get()
                    on:click=move |_| { leaving.dispatch(()); }
                >
                    {tr!(i18n, leave.confirm)}
                </button>
            </div>
        </ModalDialog>
    }
}
