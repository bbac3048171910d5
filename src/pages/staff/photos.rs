//! `/team/fotos`: staff post photos of a joint activity and link each to one or more of
//! their team's clients (R18); every chosen client's portal shows them. The clients
//! are chosen first (checkboxes; only portals in use or invited can be chosen), then
//! the photos, as on the client's own upload page: each file a row with an optional
//! caption and day taken, sent two at a time with its own progress bar and "cancel",
//! and a file that fails says why in plain words while the others go on.

use kring_api::{CaseloadClient, PortalStatus};
use leptos::prelude::*;

use super::RequireStaff;
use crate::api::{self, PhotoTarget};
use crate::app::routes;
use crate::components::{
    caption_too_long, focus_first_soon, ErrorPanel, FormError, PhotoPicker, Skeleton, UploadQueue,
    UploadState, Uploads,
};
use crate::fetched::Fetched;
use crate::i18n::*;
use crate::organisation::use_page_title;
use crate::portal_scope::ClientId;

/// Whether photos can be linked to a client with this portal: one in use, or one whose
/// administrator was invited (they see the photos once they activate it).
fn can_choose(portal: PortalStatus) -> bool {
    matches!(portal, PortalStatus::Active | PortalStatus::Invited)
}

/// The portal's state in words, next to the client's name.
fn portal_text(locale: Locale, portal: PortalStatus) -> &'static str {
    match portal {
        PortalStatus::Active => td_string!(locale, staff_photos.portal_active),
        PortalStatus::Invited => td_string!(locale, staff_photos.portal_invited),
        PortalStatus::NoAccess => td_string!(locale, staff_photos.portal_no_access),
        PortalStatus::Suspended => td_string!(locale, staff_photos.portal_suspended),
        PortalStatus::Ended => td_string!(locale, staff_photos.portal_ended),
    }
}

/// The staff photo page.
#[component]
pub fn StaffPhotosPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, staff_photos.title));
    view! {
        <RequireStaff>
            <h1>{tr!(i18n, staff_photos.title)}</h1>
            <p class="lead">{tr!(i18n, staff_photos.intro)}</p>
            <p class="notice">{tr!(i18n, staff_photos.consent)}</p>
            <StaffPhotoForm />
        </RequireStaff>
    }
}

/// Choosing the clients and the photos, and posting them.
#[component]
fn StaffPhotoForm() -> impl IntoView {
    let i18n = use_i18n();
    // The first page of the caseload at its largest size: a team's clients fit in it;
    // an organisation administrator with more clients picks from the first of them.
    let caseload = Fetched::new(|| {
        api::staff::caseload(None, None, Some(kring_api::CaseloadQuery::BOUNDS.max))
    });
    let clients = Memo::new(move |_| match caseload.get() {
        Some(Ok(page)) => page.items,
        _ => Vec::new(),
    });
    let chosen = RwSignal::new(Vec::<i64>::new());
    let uploads = Uploads::new();
    let no_client = RwSignal::new(false);
    let refused = RwSignal::new(false);
    let counts = Memo::new(move |_| uploads.counts());
    // Said once the person has posted: before that, nothing has happened yet.
    let posted = RwSignal::new(false);
    // The clients that have at least one of the posted photos now, by name.
    let placed_for = Memo::new(move |_| {
        let mut ids: Vec<i64> = uploads.rows.with(|rows| {
            rows.iter()
                .filter(|row| row.state.get() == UploadState::Done)
                .flat_map(|row| row.clients())
                .collect()
        });
        ids.sort_unstable();
        ids.dedup();
        clients.with(|clients| {
            clients
                .iter()
                .filter(|client| ids.contains(&client.id))
                .map(|client| (client.id, client.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let post = move |_| {
        let for_clients = chosen.get_untracked();
        if for_clients.is_empty() {
            no_client.set(true);
            refused.set(false);
            focus_first_soon(".client-choice input:not([disabled])");
            return;
        }
        no_client.set(false);
        let started = uploads.start_all(PhotoTarget::Clients(for_clients));
        refused.set(!started);
        if started {
            posted.set(true);
        }
    };
    view! {
        <section class="card" aria-labelledby="staff-photo-clients-title">
            <h2 id="staff-photo-clients-title">{tr!(i18n, staff_photos.clients_title)}</h2>
            {move || match caseload.get() {
                None => view! { <Skeleton lines=4 /> }.into_any(),
                Some(Err(error)) => view! {
                    <ErrorPanel error=Signal::stored(error) retry=Callback::new(move |()| caseload.refetch()) />
                }
                .into_any(),
                Some(Ok(_)) if clients.with(Vec::is_empty) => {
                    view! { <p class="empty">{tr!(i18n, staff_photos.no_clients)}</p> }.into_any()
                }
                Some(Ok(_)) => view! { <ClientChoice clients chosen no_client /> }.into_any(),
            }}
        </section>
        <PhotoPicker uploads />
        <Show when=move || uploads.rows.with(|rows| !rows.is_empty())>
            <section aria-labelledby="upload-list-title">
                <h2 id="upload-list-title">{tr!(i18n, staff_photos.list_title)}</h2>
                <UploadQueue uploads counts posted=posted.into() />
                <FormError message=Signal::derive(move || {
                    let locale = i18n.get_locale();
                    if no_client.get() {
                        Some(td_string!(locale, staff_photos.clients_missing).to_owned())
                    } else {
                        refused.get().then(|| caption_too_long(locale))
                    }
                }) />
                <Show when=move || { counts.get().ready > 0 }>
                    <div class="actions">
                        <button type="button" class="button" on:click=post>
                            {tr!(i18n, upload.submit)}
                        </button>
                    </div>
                </Show>
                <Show when=move || { let c = counts.get(); c.underway == 0 && c.done > 0 }>
                    <h3 class="placed-for-title">{tr!(i18n, staff_photos.placed_for)}</h3>
                    <ul class="placed-for">
                        <For
                            each=move || placed_for.get()
                            key=|(id, _)| *id
                            children=|(id, name)| view! {
                                <li><a href=routes::staff_client(ClientId(id))>{name}</a></li>
                            }
                        />
                    </ul>
                </Show>
            </section>
        </Show>
    }
}

/// The team's clients as checkboxes, each with its portal's state; only portals in use
/// or invited can be chosen.
#[component]
fn ClientChoice(
    clients: Memo<Vec<CaseloadClient>>,
    chosen: RwSignal<Vec<i64>>,
    no_client: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let described_by = move || {
        if no_client.get() {
            "staff-photo-clients-hint staff-photo-clients-error"
        } else {
            "staff-photo-clients-hint"
        }
    };
    view! {
        <fieldset class="choice-group client-choice" aria-describedby=described_by>
            <legend>{tr!(i18n, staff_photos.clients_legend)}</legend>
            <p class="field-hint" id="staff-photo-clients-hint">{tr!(i18n, staff_photos.clients_hint)}</p>
            {move || no_client.get().then(|| view! {
                <p class="field-error" id="staff-photo-clients-error">{tr!(i18n, staff_photos.clients_missing)}</p>
            })}
            <For
                each=move || clients.get()
                key=|client| client.id
                children=move |client| {
                    let id = client.id;
                    let input_id = format!("staff-photo-client-{id}");
                    let state_id = format!("{input_id}-state");
                    let portal = client.portal;
                    let enabled = can_choose(portal);
                    view! {
                        <div class="choice">
                            <input
                                type="checkbox"
                                id=input_id.clone()
                                name="client_id"
                                value=id.to_string()
                                disabled=!enabled
                                aria-describedby=state_id.clone()
                                prop:checked=move || chosen.with(|c| c.contains(&id))
                                on:change=move |event| {
                                    let on = event_target_checked(&event);
                                    chosen.update(|c| {
                                        c.retain(|other| *other != id);
                                        if on {
                                            c.push(id);
                                        }
                                    });
                                    if on {
                                        no_client.set(false);
                                    }
                                }
                            />
                            <label for=input_id>
                                <span>{client.name.clone()}</span>
                                <span class="choice-text" id=state_id>
                                    {move || portal_text(i18n.get_locale(), portal)}
                                </span>
                            </label>
                        </div>
                    }
                }
            />
        </fieldset>
    }
}
