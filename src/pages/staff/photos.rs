//! `/team/fotos`: staff post photos of a joint activity and link each to one or more of
//! their team's clients (R18); every chosen client's portal shows them. The clients
//! are chosen first (checkboxes; only portals in use or invited can be chosen), then
//! the photos, as on the client's own upload page: each file a row with an optional
//! caption and day taken, sent two at a time with its own progress bar and "cancel",
//! and a file that fails says why in plain words while the others go on.

use kring_api::photos::PHOTO_MAX_BYTES;
use kring_api::{CaseloadClient, PortalStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use web_sys::{File, FileList};

use super::RequireStaff;
use crate::api::{self, ApiError, PhotoUpload};
use crate::app::routes;
use crate::components::{ErrorPanel, FormError, Skeleton};
use crate::fetched::Fetched;
use crate::i18n::*;
use crate::organisation::use_page_title;
use crate::pages::photo_upload::{
    caption_too_long, CaptionFields, Failure, UploadState, ACCEPTED, AT_ONCE, MAX_MB,
};

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

/// A chosen photo: its file name, the clients it went to, and its state, progress,
/// caption and day taken.
#[derive(Clone)]
struct Chosen {
    id: u32,
    name: String,
    /// The clients chosen when "post" was pressed (a retry goes to the same ones).
    clients: RwSignal<Vec<i64>>,
    state: RwSignal<UploadState>,
    /// Part of the file sent, 0 to 1.
    sent: RwSignal<f64>,
    caption: RwSignal<String>,
    taken_on: RwSignal<String>,
}

impl Chosen {
    /// Whether the caption is longer than the server takes.
    fn caption_too_long(&self) -> bool {
        self.caption
            .with_untracked(|c| c.trim().chars().count() > kring_api::photos::CAPTION_MAX_CHARS)
    }
}

/// The chosen photos and their uploads (as on the client's upload page, with the
/// clients each photo is for).
#[derive(Clone, Copy)]
struct Uploads {
    rows: RwSignal<Vec<Chosen>>,
    /// The files, by row id (a browser object, kept on this thread).
    files: StoredValue<Vec<(u32, File)>, LocalStorage>,
    /// The uploads on their way, by row id, for "cancel".
    running: StoredValue<Vec<(u32, PhotoUpload)>, LocalStorage>,
    next_id: StoredValue<u32>,
    /// The page's owner: rows chosen in an event handler belong to the page.
    owner: StoredValue<Option<Owner>>,
}

impl Uploads {
    /// No photos chosen yet.
    fn new() -> Self {
        Self {
            rows: RwSignal::new(Vec::new()),
            files: StoredValue::new_local(Vec::new()),
            running: StoredValue::new_local(Vec::new()),
            next_id: StoredValue::new(1),
            owner: StoredValue::new(Owner::current()),
        }
    }

    /// Adds the chosen files as rows. A file too large, or of a type that is no photo,
    /// says so at once and is never sent.
    fn add(self, list: FileList) {
        let mut added = Vec::new();
        for index in 0..list.length() {
            let Some(file) = list.get(index) else {
                continue;
            };
            let id = self.next_id.get_value();
            self.next_id.set_value(id + 1);
            let kind = file.type_();
            let state = if file.size() > PHOTO_MAX_BYTES as f64 {
                UploadState::Failed(Failure::TooLarge)
            } else if !kind.is_empty() && !ACCEPTED.split(',').any(|accepted| accepted == kind) {
                UploadState::Failed(Failure::NotAPhoto)
            } else {
                UploadState::Ready
            };
            let make = || Chosen {
                id,
                name: file.name(),
                clients: RwSignal::new(Vec::new()),
                state: RwSignal::new(state),
                sent: RwSignal::new(0.0),
                caption: RwSignal::new(String::new()),
                taken_on: RwSignal::new(String::new()),
            };
            let chosen = match self.owner.get_value() {
                Some(owner) => owner.with(make),
                None => make(),
            };
            added.push(chosen);
            self.files.update_value(|files| files.push((id, file)));
        }
        self.rows.update(|rows| rows.extend(added));
    }

    /// Posts every photo that is ready, for `clients`; `false` (and nothing sent) when
    /// a caption is too long.
    fn start_all(self, clients: &[i64]) -> bool {
        let ready: Vec<Chosen> = self.rows.with_untracked(|rows| {
            rows.iter()
                .filter(|row| row.state.get_untracked() == UploadState::Ready)
                .cloned()
                .collect()
        });
        if ready.iter().any(Chosen::caption_too_long) {
            return false;
        }
        for row in ready {
            row.clients.set(clients.to_vec());
            row.state.set(UploadState::Waiting);
        }
        self.pump();
        true
    }

    /// Starts waiting photos while fewer than [`AT_ONCE`] are on their way.
    fn pump(self) {
        let Some((sending, waiting)) = self.rows.try_with_untracked(|rows| {
            let sending = rows
                .iter()
                .filter(|row| row.state.get_untracked() == UploadState::Sending)
                .count();
            let waiting: Vec<Chosen> = rows
                .iter()
                .filter(|row| row.state.get_untracked() == UploadState::Waiting)
                .cloned()
                .collect();
            (sending, waiting)
        }) else {
            return;
        };
        for row in waiting.into_iter().take(AT_ONCE.saturating_sub(sending)) {
            self.send(row);
        }
    }

    /// Sends one photo to the clients it is for, following its progress.
    fn send(self, row: Chosen) {
        let file = self.files.with_value(|files| {
            files
                .iter()
                .find(|(id, _)| *id == row.id)
                .map(|(_, file)| file.clone())
        });
        let Some(file) = file else {
            row.state
                .set(UploadState::Failed(Failure::Other(ApiError::Status(404))));
            return;
        };
        let upload = match PhotoUpload::new() {
            Ok(upload) => upload,
            Err(error) => {
                row.state.set(UploadState::Failed(Failure::Other(error)));
                return;
            }
        };
        self.running
            .update_value(|running| running.push((row.id, upload.clone())));
        row.state.set(UploadState::Sending);
        row.sent.set(0.0);
        let clients = row.clients.get_untracked();
        let caption = row.caption.get_untracked();
        let taken_on = row.taken_on.get_untracked();
        spawn_local(async move {
            let sent = row.sent;
            let result = upload
                .send_for_clients(
                    &clients,
                    &file,
                    &caption,
                    Some(&taken_on),
                    move |done, total| {
                        if total > 0.0 {
                            let _ = sent.try_set(done / total);
                        }
                    },
                )
                .await;
            let _ = self
                .running
                .try_update_value(|running| running.retain(|(id, _)| *id != row.id));
            // A photo the person stopped says so already.
            if row.state.try_get_untracked() == Some(UploadState::Sending) {
                let state = match result {
                    Ok(_) => {
                        let _ = sent.try_set(1.0);
                        UploadState::Done
                    }
                    Err(error) => UploadState::Failed(Failure::from_error(error)),
                };
                let _ = row.state.try_set(state);
            }
            self.pump();
        });
    }

    /// The row with `id`, if it is still on the list.
    fn find(self, id: u32) -> Option<Chosen> {
        self.rows
            .with_untracked(|rows| rows.iter().find(|row| row.id == id).cloned())
    }

    /// Stops a photo that waits or is on its way.
    fn cancel(self, id: u32) {
        if let Some(row) = self.find(id) {
            row.state.set(UploadState::Cancelled);
        }
        self.running.with_value(|running| {
            for (_, upload) in running.iter().filter(|(row, _)| *row == id) {
                upload.cancel();
            }
        });
        self.pump();
    }

    /// Sends a stopped or failed photo again, to the clients it was meant for.
    fn retry(self, id: u32) {
        if let Some(row) = self.find(id) {
            row.state.set(UploadState::Waiting);
        }
        self.pump();
    }

    /// Takes a photo off the list (never one on its way).
    fn remove(self, id: u32) {
        self.rows.update(|rows| rows.retain(|row| row.id != id));
        self.files
            .update_value(|files| files.retain(|(row, _)| *row != id));
    }
}

/// How many photos are in each state.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Counts {
    ready: usize,
    underway: usize,
    done: usize,
    failed: usize,
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
    let caseload = Fetched::new(api::staff::caseload);
    let clients = Memo::new(move |_| match caseload.get() {
        Some(Ok(caseload)) => caseload.clients,
        _ => Vec::new(),
    });
    let chosen = RwSignal::new(Vec::<i64>::new());
    let uploads = Uploads::new();
    let no_client = RwSignal::new(false);
    let refused = RwSignal::new(false);
    let dragging = RwSignal::new(false);
    let on_pick = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(files) = input.files() {
            uploads.add(files);
        }
        // Emptied, so the same photo can be chosen again.
        input.set_value("");
    };
    let on_drop = move |event: leptos::ev::DragEvent| {
        event.prevent_default();
        dragging.set(false);
        if let Some(files) = event.data_transfer().and_then(|d| d.files()) {
            uploads.add(files);
        }
    };
    let counts = Memo::new(move |_| {
        uploads.rows.with(|rows| {
            let mut counts = Counts::default();
            for row in rows {
                match row.state.get() {
                    UploadState::Ready => counts.ready += 1,
                    UploadState::Waiting | UploadState::Sending => counts.underway += 1,
                    UploadState::Done => counts.done += 1,
                    UploadState::Failed(_) => counts.failed += 1,
                    UploadState::Cancelled => {}
                }
            }
            counts
        })
    });
    // Said once the person has posted: before that, nothing has happened yet.
    let posted = RwSignal::new(false);
    let summary = move || {
        let locale = i18n.get_locale();
        let counts = counts.get();
        let total = counts.underway + counts.done + counts.failed;
        if !posted.get() || total == 0 {
            return String::new();
        }
        let mut text = fill(
            td_string!(locale, upload.summary),
            &[
                ("done", &counts.done.to_string()),
                ("total", &total.to_string()),
            ],
        );
        if counts.failed > 0 {
            text.push(' ');
            text.push_str(&fill(
                td_string!(locale, upload.failed_count),
                &[("count", &counts.failed.to_string())],
            ));
        }
        text
    };
    let limits = move || {
        fill(
            td_string!(i18n.get_locale(), upload.limits),
            &[("max", &MAX_MB.to_string())],
        )
    };
    // The clients that have at least one of the posted photos now, by name.
    let placed_for = Memo::new(move |_| {
        let mut ids: Vec<i64> = uploads.rows.with(|rows| {
            rows.iter()
                .filter(|row| row.state.get() == UploadState::Done)
                .flat_map(|row| row.clients.get())
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
            focus_first_client();
            return;
        }
        no_client.set(false);
        let started = uploads.start_all(&for_clients);
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
        <section
            class=move || if dragging.get() { "card photo-picker dragging" } else { "card photo-picker" }
            aria-labelledby="photo-pick-title"
            on:dragover=move |event: leptos::ev::DragEvent| {
                event.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <h2 id="photo-pick-title">{tr!(i18n, upload.pick_title)}</h2>
            <p class="field-hint" id="photo-pick-limits">{limits}</p>
            <div class="picker-buttons">
                <span class="picker">
                    <input
                        type="file"
                        id="photo-files"
                        class="file-input"
                        accept=ACCEPTED
                        multiple=true
                        aria-describedby="photo-pick-limits"
                        on:change=on_pick
                    />
                    <label for="photo-files" class="button">{tr!(i18n, upload.choose)}</label>
                </span>
                <span class="picker picker-camera">
                    <input
                        type="file"
                        id="photo-camera"
                        class="file-input"
                        accept=ACCEPTED
                        capture="environment"
                        aria-describedby="photo-pick-limits"
                        on:change=on_pick
                    />
                    <label for="photo-camera" class="button-secondary">{tr!(i18n, upload.camera)}</label>
                </span>
            </div>
            <p class="drop-hint">{tr!(i18n, upload.drop)}</p>
        </section>
        <Show when=move || uploads.rows.with(|rows| !rows.is_empty())>
            <section aria-labelledby="upload-list-title">
                <h2 id="upload-list-title">{tr!(i18n, staff_photos.list_title)}</h2>
                <ul class="upload-list">
                    <For
                        each=move || uploads.rows.get()
                        key=|row| row.id
                        children=move |row| view! { <UploadRow row uploads /> }
                    />
                </ul>
                <p class="upload-summary" role="status">{summary}</p>
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
                                <li><a href=routes::staff_client(id)>{name}</a></li>
                            }
                        />
                    </ul>
                </Show>
            </section>
        </Show>
    }
}

/// Puts the keyboard on the first client that can be chosen, when none was.
fn focus_first_client() {
    let first = document()
        .query_selector(".client-choice input:not([disabled])")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(first) = first {
        let _ = first.focus();
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

/// One chosen photo: its name, caption and day while it is ready, then its progress,
/// what happened, and "cancel" or "try again".
#[component]
fn UploadRow(row: Chosen, uploads: Uploads) -> impl IntoView {
    let i18n = use_i18n();
    let id = row.id;
    let state = row.state;
    let sent = row.sent;
    let caption = row.caption;
    let taken_on = row.taken_on;
    let name_id = format!("upload-{id}-name");
    let chars = Memo::new(move |_| caption.with(|c| c.trim().chars().count()));
    let status = move || {
        let locale = i18n.get_locale();
        match state.get() {
            UploadState::Ready => td_string!(locale, upload.state_ready).to_owned(),
            UploadState::Waiting => td_string!(locale, upload.state_waiting).to_owned(),
            UploadState::Sending => fill(
                td_string!(locale, upload.state_sending),
                &[("percent", &format!("{:.0}", sent.get() * 100.0))],
            ),
            UploadState::Done => td_string!(locale, upload.state_done).to_owned(),
            UploadState::Failed(failure) => failure.text(locale),
            UploadState::Cancelled => td_string!(locale, upload.state_cancelled).to_owned(),
        }
    };
    let class = move || match state.get() {
        UploadState::Done => "card upload upload-done",
        UploadState::Failed(_) => "card upload upload-failed",
        _ => "card upload",
    };
    let shows_progress = move || {
        matches!(
            state.get(),
            UploadState::Waiting | UploadState::Sending | UploadState::Done
        )
    };
    let fields = {
        let name_id = name_id.clone();
        move || {
            (state.get() == UploadState::Ready).then(|| {
                view! { <CaptionFields id caption taken_on name_id=name_id.clone() chars /> }
            })
        }
    };
    let buttons = {
        let name_id = name_id.clone();
        move || {
            let described = name_id.clone();
            let (cancel, retry, remove) = match state.get() {
                UploadState::Ready => (false, false, true),
                UploadState::Waiting | UploadState::Sending => (true, false, false),
                UploadState::Done => (false, false, false),
                UploadState::Failed(failure) => (false, failure.worth_retrying(), true),
                UploadState::Cancelled => (false, true, true),
            };
            view! {
                <div class="actions">
                    {cancel.then(|| view! {
                        <button type="button" class="button-secondary" aria-describedby=described.clone() on:click=move |_| uploads.cancel(id)>
                            {tr!(i18n, upload.cancel)}
                        </button>
                    })}
                    {retry.then(|| view! {
                        <button type="button" class="button-secondary" aria-describedby=described.clone() on:click=move |_| uploads.retry(id)>
                            {tr!(i18n, upload.retry)}
                        </button>
                    })}
                    {remove.then(|| view! {
                        <button type="button" class="button-secondary" aria-describedby=described.clone() on:click=move |_| uploads.remove(id)>
                            {tr!(i18n, upload.remove)}
                        </button>
                    })}
                </div>
            }
        }
    };
    let progress_label = name_id.clone();
    let labelled_by = name_id.clone();
    view! {
        <li class=class aria-labelledby=labelled_by>
            <h3 class="upload-name" id=name_id>{row.name.clone()}</h3>
            {fields}
            <Show when=shows_progress>
                <progress
                    max="100"
                    value=move || format!("{:.0}", sent.get() * 100.0)
                    aria-labelledby=progress_label.clone()
                ></progress>
            </Show>
            <p class="upload-status">{status}</p>
            {buttons}
        </li>
    }
}
