//! The portal a page belongs to: the client id in the address, and what the signed-in
//! person may do there (for showing links; the server checks every request itself).

use kring_api::{PortalRole, PortalSummary};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::session::use_session;

/// The `:client_id` of the current address, if it is a number.
pub fn use_client_id() -> Memo<Option<i64>> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("client_id")
            .and_then(|v| v.parse::<i64>().ok())
    })
}

/// The signed-in person's access to `client_id`, from their session.
pub fn use_portal_access(client_id: Memo<Option<i64>>) -> Memo<Option<PortalSummary>> {
    let session = use_session();
    Memo::new(move |_| {
        let id = client_id.get()?;
        session
            .current()?
            .portals
            .into_iter()
            .find(|p| p.client_id == id)
    })
}

/// Whether the person is the administrator of `client_id`'s portal.
pub fn use_is_administrator(client_id: Memo<Option<i64>>) -> Signal<bool> {
    let access = use_portal_access(client_id);
    Signal::derive(move || {
        access.with(|a| {
            a.as_ref()
                .is_some_and(|a| a.role == PortalRole::Administrator)
        })
    })
}
