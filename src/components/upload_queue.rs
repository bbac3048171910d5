//! The queue of chosen photos and their uploads, shared by the client's upload page and
//! the staff photo page: each chosen file is a row with an optional caption (the photo's
//! text alternative) and day taken; "post" sends them [`AT_ONCE`] at a time, each with
//! its own progress bar and "cancel", and a file that fails says why in plain words
//! while the others go on.

use kring_api::photos::{CAPTION_MAX_CHARS, PHOTO_MAX_BYTES};
use kring_api::ProblemCode;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::{File, FileList};

use crate::api::{ApiError, PhotoTarget, PhotoUpload};
use crate::errors::{error_message, problem_text};
use crate::i18n::*;
use crate::local_time::{field_day, today};

/// Photos sent at the same time: two keep the line busy without one large photo
/// holding up the rest.
const AT_ONCE: usize = 2;

/// The types the server takes (it checks the content itself, whatever the name says).
pub const ACCEPTED: &str = "image/jpeg,image/png,image/webp";

/// The largest photo in whole megabytes, as the texts say it.
pub const MAX_MB: usize = PHOTO_MAX_BYTES / (1024 * 1024);

/// Why a photo was not posted.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// Larger than the server takes.
    TooLarge,
    /// Not a JPEG, PNG or WebP photo.
    NotAPhoto,
    /// Too many pixels to re-encode.
    TooManyPixels,
    /// A photo file that cannot be read.
    Unreadable,
    /// The server could not store it (for now).
    Storage,
    /// The caption is longer than allowed.
    CaptionTooLong,
    /// Anything else, as the API said it.
    Other(ApiError),
}

impl Failure {
    fn from_error(error: ApiError) -> Self {
        match error.code() {
            Some(ProblemCode::BodyTooLarge) => Failure::TooLarge,
            Some(ProblemCode::NotAPhoto) => Failure::NotAPhoto,
            Some(ProblemCode::PhotoTooManyPixels) => Failure::TooManyPixels,
            Some(ProblemCode::PhotoUnreadable) => Failure::Unreadable,
            Some(ProblemCode::StorageUnavailable) => Failure::Storage,
            Some(ProblemCode::TextTooLong) => Failure::CaptionTooLong,
            // A proxy in front of the server may refuse a large body without a problem.
            _ if error == ApiError::Status(413) => Failure::TooLarge,
            _ => Failure::Other(error),
        }
    }

    fn text(&self, locale: Locale) -> String {
        let max_mb = MAX_MB.to_string();
        match self {
            Failure::TooLarge => fill(td_string!(locale, upload.too_large), &[("max", &max_mb)]),
            Failure::NotAPhoto => problem_text(ProblemCode::NotAPhoto, locale).to_owned(),
            Failure::TooManyPixels => {
                problem_text(ProblemCode::PhotoTooManyPixels, locale).to_owned()
            }
            Failure::Unreadable => problem_text(ProblemCode::PhotoUnreadable, locale).to_owned(),
            Failure::Storage => problem_text(ProblemCode::StorageUnavailable, locale).to_owned(),
            Failure::CaptionTooLong => caption_too_long(locale),
            Failure::Other(error) => error_message(error, locale),
        }
    }

    /// Whether trying the same file again may work.
    fn worth_retrying(&self) -> bool {
        matches!(self, Failure::Storage | Failure::Other(_))
    }
}

/// Where one chosen photo stands.
#[derive(Clone, Debug, PartialEq)]
pub enum UploadState {
    /// Chosen; the caption and day can still change.
    Ready,
    /// Waiting for a free place (two go at once).
    Waiting,
    /// On its way.
    Sending,
    /// Posted.
    Done,
    /// Not posted, and why.
    Failed(Failure),
    /// Stopped by the person.
    Cancelled,
}

/// A chosen photo: its file name, where it goes once posted, and its state, progress,
/// caption and day taken.
#[derive(Clone)]
pub struct Chosen {
    /// The row's own number, its key in the list.
    pub id: u32,
    name: String,
    /// Set when "post" is pressed; a retry goes to the same place.
    target: RwSignal<Option<PhotoTarget>>,
    /// Where it stands.
    pub state: RwSignal<UploadState>,
    /// Part of the file sent, 0 to 1.
    sent: RwSignal<f64>,
    caption: RwSignal<String>,
    taken_on: RwSignal<String>,
}

impl Chosen {
    fn caption_too_long(&self) -> bool {
        self.caption
            .with_untracked(|c| c.trim().chars().count() > CAPTION_MAX_CHARS)
    }
}

/// "Deze tekst is te lang. Hij mag 300 tekens zijn."
pub fn caption_too_long(locale: Locale) -> String {
    fill(
        td_string!(locale, upload.caption_too_long),
        &[("max", &CAPTION_MAX_CHARS.to_string())],
    )
}

impl Chosen {
    /// The clients it went to, once posted (for staff, who post to several).
    pub fn clients(&self) -> Vec<i64> {
        match self.target.get() {
            Some(PhotoTarget::Clients(clients)) => clients,
            Some(PhotoTarget::Portal(client)) => vec![client],
            None => Vec::new(),
        }
    }
}

/// The chosen photos and their uploads, a queue that sends [`AT_ONCE`] at a time. The
/// client's upload page and the staff photo page share it.
#[derive(Clone, Copy)]
pub struct Uploads {
    /// The chosen photos, in the order chosen.
    pub rows: RwSignal<Vec<Chosen>>,
    /// The files, by row id (a browser object, kept on this thread).
    files: StoredValue<Vec<(u32, File)>, LocalStorage>,
    /// The uploads on their way, by row id, for "cancel".
    running: StoredValue<Vec<(u32, PhotoUpload)>, LocalStorage>,
    next_id: StoredValue<u32>,
    /// The page's owner: rows chosen in an event handler belong to the page.
    owner: StoredValue<Option<Owner>>,
}

impl Default for Uploads {
    fn default() -> Self {
        Self::new()
    }
}

impl Uploads {
    /// No photos chosen yet.
    pub fn new() -> Self {
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
    pub fn add(self, list: FileList) {
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
                target: RwSignal::new(None),
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

    /// Posts every photo that is ready to `target`; `false` (and nothing sent) when a
    /// caption is too long.
    pub fn start_all(self, target: PhotoTarget) -> bool {
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
            row.target.set(Some(target.clone()));
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

    fn send(self, row: Chosen) {
        let file = self.files.with_value(|files| {
            files
                .iter()
                .find(|(id, _)| *id == row.id)
                .map(|(_, file)| file.clone())
        });
        let (Some(file), Some(target)) = (file, row.target.get_untracked()) else {
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
        let caption = row.caption.get_untracked();
        // A date field holds a day or nothing.
        let taken_on = field_day(&row.taken_on.get_untracked());
        spawn_local(async move {
            let sent = row.sent;
            let result = upload
                .send(&target, &file, &caption, taken_on, move |done, total| {
                    if total > 0.0 {
                        let _ = sent.try_set(done / total);
                    }
                })
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

    /// Sends a stopped or failed photo again.
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

    /// How many photos are in each state (tracked: use it in a `Memo`).
    pub fn counts(self) -> Counts {
        self.rows.with(|rows| {
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
    }
}

/// How many photos are in each state.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    /// Chosen, not posted yet.
    pub ready: usize,
    /// Waiting or on their way.
    pub underway: usize,
    /// Posted.
    pub done: usize,
    /// Not posted, with the reason.
    pub failed: usize,
}

impl Counts {
    /// "Geplaatst: 3 van 4. Niet gelukt: 1." once something was posted, else nothing.
    pub fn summary(self, locale: Locale) -> String {
        let total = self.underway + self.done + self.failed;
        if total == 0 {
            return String::new();
        }
        let mut text = fill(
            td_string!(locale, upload.summary),
            &[
                ("done", &self.done.to_string()),
                ("total", &total.to_string()),
            ],
        );
        if self.failed > 0 {
            text.push(' ');
            text.push_str(&fill(
                td_string!(locale, upload.failed_count),
                &[("count", &self.failed.to_string())],
            ));
        }
        text
    }
}

/// The chosen photos as a list, one card per photo (caption and day while it is ready,
/// then progress, what happened, and "cancel", "try again" or "remove"), and below it a
/// live line with how many were posted.
///
/// The page around it holds the heading (`labelled_by`), the "post" button and what
/// comes after posting, because those differ between the client's and the staff page.
#[component]
pub fn UploadQueue(
    /// The queue to show.
    uploads: Uploads,
    /// How many photos are in each state (the page's `Memo` of [`Uploads::counts`]).
    counts: Memo<Counts>,
    /// Whether "post" was pressed: before that, the summary line says nothing.
    posted: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let summary = move || {
        if posted.get() {
            counts.get().summary(i18n.get_locale())
        } else {
            String::new()
        }
    };
    view! {
        <ul class="upload-list">
            <For
                each=move || uploads.rows.get()
                key=|row| row.id
                children=move |row| view! { <UploadRow row uploads /> }
            />
        </ul>
        <p class="upload-summary" role="status">{summary}</p>
    }
}

/// One chosen photo: its name, caption and day while it is ready, then its progress,
/// what happened, and "cancel" or "try again".
#[component]
fn UploadRow(
    /// The photo.
    row: Chosen,
    /// The queue it is in (for "cancel", "try again", "remove").
    uploads: Uploads,
) -> impl IntoView {
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

/// The caption (with its counter) and the day taken of a photo that is ready.
#[component]
fn CaptionFields(
    id: u32,
    caption: RwSignal<String>,
    taken_on: RwSignal<String>,
    name_id: String,
    chars: Memo<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let caption_id = format!("upload-{id}-caption");
    let hint_id = format!("{caption_id}-hint");
    let count_id = format!("{caption_id}-count");
    let error_id = format!("{caption_id}-error");
    let date_id = format!("upload-{id}-date");
    let too_long = move || chars.get() > CAPTION_MAX_CHARS;
    let described_by = {
        let (hint_id, count_id, error_id) = (hint_id.clone(), count_id.clone(), error_id.clone());
        move || {
            let mut ids = format!("{name_id} {hint_id} {count_id}");
            if too_long() {
                ids.push(' ');
                ids.push_str(&error_id);
            }
            ids
        }
    };
    let counter = move || {
        fill(
            td_string!(i18n.get_locale(), upload.counter),
            &[
                ("count", &chars.get().to_string()),
                ("max", &CAPTION_MAX_CHARS.to_string()),
            ],
        )
    };
    view! {
        <div class="field">
            <label for=caption_id.clone()>{tr!(i18n, upload.caption)}</label>
            <p class="field-hint" id=hint_id>{tr!(i18n, upload.caption_hint)}</p>
            <textarea
                id=caption_id
                rows="2"
                aria-invalid=move || too_long().then_some("true")
                aria-describedby=described_by
                prop:value=move || caption.get()
                on:input=move |event| caption.set(event_target_value(&event))
            ></textarea>
            <p id=count_id aria-live="polite" class=move || if too_long() { "counter counter-over" } else { "counter" }>
                {counter}
            </p>
            {move || too_long().then(|| view! {
                <p class="field-error" id=error_id.clone()>{caption_too_long(i18n.get_locale())}</p>
            })}
        </div>
        <div class="field">
            <label for=date_id.clone()>{tr!(i18n, upload.taken_on)}</label>
            <input
                type="date"
                id=date_id
                max=today().to_string()
                prop:value=move || taken_on.get()
                on:input=move |event| taken_on.set(event_target_value(&event))
            />
        </div>
    }
}
