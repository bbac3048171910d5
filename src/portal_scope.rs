//! The client a page belongs to: the client id in the address, read once by the shell
//! of the routes below `/portaal/:client_id` and `/team/client/:client_id`, and what the
//! signed-in person may do in that client's portal (for showing links; the server checks
//! every request itself).

use std::fmt;

use kring_api::{PortalRole, PortalSummary};
use leptos::context::Provider;
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_params_map;

use crate::app::routes;
use crate::pages::NotFoundPage;
use crate::session::use_session;

/// The id of the client a page is about, as the address names it.
///
/// [`ClientShell`] parses it once and gives it to the pages below it through context
/// (read with [`use_client_id`]), not as a prop: those pages are loaded lazily by
/// `lazy_page!`, whose chunk functions take no arguments, and context reaches them
/// without a prop threaded through every route. It is a plain `Copy` value, not a signal:
/// the shell builds its page anew when the id in the address changes, so within one
/// page it never changes, and no page has to handle a missing or malformed id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClientId(pub i64);

impl ClientId {
    /// The id as the API takes it.
    pub fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for ClientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The client of the page, as [`ClientShell`] provides it.
///
/// Only for pages routed below a [`ClientShell`]: there the id is always present, so its
/// absence is a routing mistake in the app, not something a user can cause.
pub fn use_client_id() -> ClientId {
    expect_context::<ClientId>()
}

/// The shell of the pages about one client (`/portaal/:client_id/…` and
/// `/team/client/:client_id/…`): reads the client id from the address once and shows
/// the page below it with that [`ClientId`]; an id that is not a number is an address
/// the app does not know, so the shell shows the not-found page in place of the page.
#[component]
pub fn ClientShell() -> impl IntoView {
    let params = use_params_map();
    let client_id = Memo::new(move |_| {
        params
            .read()
            .get(routes::CLIENT_ID)
            .and_then(|v| v.parse::<i64>().ok())
            .map(ClientId)
    });
    // Runs again only when the id changes (another client): the page is then built anew
    // under a new owner that holds the new id.
    move || match client_id.get() {
        Some(id) => view! { <Provider value=id><Outlet /></Provider> }.into_any(),
        None => view! { <NotFoundPage /> }.into_any(),
    }
}

/// The signed-in person's access to `client`, from their session.
pub fn use_portal_access(client: ClientId) -> Memo<Option<PortalSummary>> {
    let session = use_session();
    Memo::new(move |_| {
        session
            .current()?
            .portals
            .into_iter()
            .find(|p| p.client_id == client.get())
    })
}

/// Whether the person is the administrator of `client`'s portal.
pub fn use_is_administrator(client: ClientId) -> Signal<bool> {
    let access = use_portal_access(client);
    Signal::derive(move || {
        access.with(|a| {
            a.as_ref()
                .is_some_and(|a| a.role == PortalRole::Administrator)
        })
    })
}
