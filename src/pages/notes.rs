//! `/portaal/:client_id/berichten`: short notes from the client and their circle
//! (R15–R17), newest first, and writing one. What the person sees follows their rights
//! in the session: without "notes (view)" only the editor, without "notes (write)"
//! only the timeline.

use std::sync::Arc;

use kring_api::notes::NOTE_MAX_CHARS;
use kring_api::{Note, Page};
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::app::routes;
use crate::components::{
    DossierError, FormError, FormSuccess, LoadMore, ModalDialog, NewBadge, PortalBackLink,
    RequireSignIn, Skeleton,
};
use crate::errors::action_error;
use crate::i18n::*;
use crate::local_time::{date_and_time, in_future, local_moment};
use crate::note_text::{split_links, Segment};
use crate::organisation::use_page_title;
use crate::paged::{Paged, Phase};
use crate::portal_scope::{use_client_id, use_portal_access, ClientId};

/// The notes as the list holds them.
type NoteRow = Arc<Note>;

/// The notes page.
#[component]
pub fn NotesPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, notes.title));
    let client_id = use_client_id();
    let access = use_portal_access(client_id);
    let can_view =
        Memo::new(move |_| access.with(|a| a.as_ref().is_some_and(|a| a.rights.notes_view)));
    let can_add =
        Memo::new(move |_| access.with(|a| a.as_ref().is_some_and(|a| a.rights.notes_add)));
    // The timeline loads only for someone who may read it, and again when that changes.
    let notes = Paged::new(
        move || (client_id.get(), can_view.get()),
        move |(client, can_view): (i64, bool), cursor| async move {
            if !can_view {
                return Ok(Page::default());
            }
            api::notes(client, cursor).await
        },
        |rows: &mut Vec<NoteRow>, items| rows.extend(items.into_iter().map(Arc::new)),
    );
    let retracting = RwSignal::new(None::<i64>);
    let retracted = RwSignal::new(false);
    let body = move || {
        if !can_view.get() && !can_add.get() {
            return view! { <div class="notice" role="alert"><p>{tr!(i18n, dossier.no_access)}</p></div> }.into_any();
        }
        view! {
            <Show when=move || can_add.get()>
                <NoteEditor client_id notes />
            </Show>
            <FormSuccess message=Signal::derive(move || retracted.get().then(|| t_string!(i18n, notes.retracted).to_owned())) />
            <Show
                when=move || can_view.get()
                fallback=move || view! { <p class="notice">{tr!(i18n, notes.only_write)}</p> }
            >
                <Timeline notes client_id retracting />
            </Show>
        }
        .into_any()
    };
    view! {
        <RequireSignIn>
            <PortalBackLink client_id />
            <h1>{tr!(i18n, notes.title)}</h1>
            <p class="lead">{tr!(i18n, notes.intro)}</p>
            {body}
            <RetractDialog client_id notes retracting retracted />
        </RequireSignIn>
    }
}

/// A text area with a counter, the house rules, and "post".
#[component]
fn NoteEditor(client_id: ClientId, notes: Paged<NoteRow>) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let posted = RwSignal::new(false);
    let chars = Memo::new(move |_| text.with(|t| t.chars().count()));
    let post = Action::new_local(move |body: &String| {
        let body = body.clone();
        let client = client_id.get();
        async move {
            let note = api::write_note(client, body).await?;
            notes.update_rows(|rows| rows.insert(0, Arc::new(note)));
            text.set(String::new());
            tried.set(false);
            posted.set(true);
            Ok::<(), ApiError>(())
        }
    });
    let server_error = action_error(post);
    let error = move || {
        if !tried.get() {
            return None;
        }
        if text.with(|t| t.trim().is_empty()) {
            Some(t_string!(i18n, notes.empty).to_owned())
        } else if chars.get() > NOTE_MAX_CHARS {
            Some(too_long(i18n.get_locale()))
        } else {
            None
        }
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        tried.set(true);
        posted.set(false);
        let body = text.get_untracked();
        if body.trim().is_empty() || body.chars().count() > NOTE_MAX_CHARS {
            return;
        }
        post.dispatch(body);
    };
    view! {
        <form class="card note-editor" aria-labelledby="note-new-title" novalidate=true on:submit=submit>
            <h2 id="note-new-title">{tr!(i18n, notes.new_title)}</h2>
            <div class="field">
                <label for="note-text">{tr!(i18n, notes.text)}</label>
                <textarea
                    id="note-text"
                    name="body"
                    rows="4"
                    aria-invalid=move || error().map(|_| "true")
                    aria-describedby=move || {
                        let mut ids = String::from("note-text-count note-rules");
                        if error().is_some() {
                            ids.push_str(" note-text-error");
                        }
                        ids
                    }
                    prop:value=move || text.get()
                    on:input=move |ev| {
                        posted.set(false);
                        text.set(event_target_value(&ev));
                    }
                ></textarea>
                <p
                    id="note-text-count"
                    aria-live="polite"
                    class=move || { if chars.get() > NOTE_MAX_CHARS { "counter counter-over" } else { "counter" } }
                >
                    {move || counter(i18n.get_locale(), chars.get())}
                </p>
                {move || error().map(|m| view! { <p class="field-error" id="note-text-error">{m}</p> })}
            </div>
            <div class="note-rules" id="note-rules">
                <p>{tr!(i18n, notes.rules)}</p>
                <p>
                    {tr!(i18n, notes.not_emergency)}" "
                    <a href=routes::CONTACT>{tr!(i18n, notes.emergency_link)}</a>
                </p>
            </div>
            <FormError message=server_error />
            <FormSuccess message=Signal::derive(move || posted.get().then(|| t_string!(i18n, notes.posted).to_owned())) />
            <div class="actions">
                <button type="submit" class="button" disabled=move || post.pending().get()>
                    {tr!(i18n, notes.submit)}
                </button>
            </div>
        </form>
    }
}

/// "120 van de 1000 tekens".
fn counter(locale: Locale, count: usize) -> String {
    fill(
        td_string!(locale, notes.counter),
        &[
            ("count", &count.to_string()),
            ("max", &NOTE_MAX_CHARS.to_string()),
        ],
    )
}

fn too_long(locale: Locale) -> String {
    fill(
        td_string!(locale, notes.too_long),
        &[("max", &NOTE_MAX_CHARS.to_string())],
    )
}

/// The notes, newest first, page by page.
#[component]
fn Timeline(
    notes: Paged<NoteRow>,
    client_id: ClientId,
    retracting: RwSignal<Option<i64>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let phase = notes.phase();
    let list = move || {
        match phase.get() {
            Phase::Loading | Phase::Failed => return match untrack(|| notes.error()) {
                Some(error) => {
                    view! { <DossierError error retry=Callback::new(move |()| notes.retry()) /> }
                        .into_any()
                }
                None => view! { <Skeleton lines=4 /> }.into_any(),
            },
            Phase::Empty => {
                return view! { <p class="empty">{tr!(i18n, notes.none)}</p> }.into_any()
            }
            Phase::Shown => {}
        }
        view! {
            <ol class="note-list">
                <For
                    each=move || notes.rows()
                    key=|note| note.id
                    children=move |note| view! { <NoteItem note client_id retracting /> }
                />
            </ol>
            <LoadMore
                more=Callback::new(move |()| notes.more())
                retry=Callback::new(move |()| notes.retry())
                loading=Signal::derive(move || notes.loading())
                complete=Signal::derive(move || notes.complete())
                error=Signal::derive(move || notes.error())
                label=tr!(i18n, notes.more)
                end_text=tr!(i18n, notes.end)
            />
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="notes-list-title">
            <h2 id="notes-list-title">{tr!(i18n, notes.list_title)}</h2>
            {list}
        </section>
    }
}

/// "cliënt", "vertegenwoordiger", or the relation the administrator wrote ("Oma").
fn relation_name(locale: Locale, relation: &str) -> String {
    match relation {
        "client" => td_string!(locale, notes.relation_client).to_owned(),
        "representative" => td_string!(locale, notes.relation_representative).to_owned(),
        other => other.to_owned(),
    }
}

/// The text with its web addresses as links. Every piece is a text node: the note can
/// never add markup (`<script>` stays the characters `<script>`).
fn note_body(body: &str) -> impl IntoView {
    let i18n = use_i18n();
    split_links(body)
        .into_iter()
        .map(|segment| match segment {
            Segment::Text(text) => text.into_any(),
            Segment::Link(address) => {
                let href = address.clone();
                view! {
                <a href=href rel="noopener noreferrer nofollow" target="_blank">
                    {address}
                    <span class="visually-hidden">" "{tr!(i18n, notes.new_tab)}</span>
                </a>
                }
                .into_any()
            }
        })
        .collect_view()
}

/// Whether an RFC 3339 time is still to come on this device's clock.
/// One note: who, when, the text; for its author also "change" (for a short while) and
/// "take back", or the organisation's reason when it removed the note.
#[component]
fn NoteItem(
    note: NoteRow,
    client_id: ClientId,
    retracting: RwSignal<Option<i64>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = note.id;
    let current = RwSignal::new((*note).clone());
    let editing = RwSignal::new(false);
    let heading_id = format!("note-{id}");
    let labelled_by = heading_id.clone();
    let byline = move || {
        current.with(|n| {
            let relation = relation_name(i18n.get_locale(), &n.author_relation);
            if relation.is_empty() {
                n.author_name.clone()
            } else {
                format!("{}, {relation}", n.author_name)
            }
        })
    };
    let created_at = note.created_at.clone();
    let when = {
        let created_at = created_at.clone();
        move || {
            let locale = i18n.get_locale();
            let mut text = date_and_time(&created_at, td_string!(locale, notes.written_at), locale);
            if current.with(|n| n.edited_at.is_some()) {
                text.push_str(" · ");
                text.push_str(td_string!(locale, notes.edited));
            }
            text
        }
    };
    let content = move || {
        let note = current.get();
        if let Some(removal) = note.removed {
            return view! {
                <p class="note-removed">
                    {move || fill(td_string!(i18n.get_locale(), notes.removed), &[("by", &removal.by), ("reason", &removal.reason)])}
                </p>
            }
            .into_any();
        }
        if editing.get() {
            return view! { <NoteEdit note=note.clone() client_id current editing /> }.into_any();
        }
        let editable = note.editable_until.as_ref().is_some_and(in_future);
        let until = note.editable_until.clone();
        view! {
            <p class="note-body">{note_body(&note.body)}</p>
            {note.mine.then(|| view! {
                {editable.then(|| {
                    let until = until.clone();
                    view! {
                        <p class="meta">
                            {move || fill(td_string!(i18n.get_locale(), notes.edit_until), &[("time", &until.as_ref().and_then(local_moment).map(|m| m.clock()).unwrap_or_default())])}
                        </p>
                    }
                })}
                <div class="actions">
                    {editable.then(|| view! {
                        <button type="button" class="button-secondary" on:click=move |_| editing.set(true)>
                            {tr!(i18n, notes.edit)}
                        </button>
                    })}
                    <button type="button" class="button-secondary" on:click=move |_| retracting.set(Some(id))>
                        {tr!(i18n, notes.retract)}
                    </button>
                </div>
            })}
        }
        .into_any()
    };
    view! {
        <li class="card note" aria-labelledby=labelled_by>
            <h3 id=heading_id class="note-author">{byline}{note.new.then(|| view! { " " <NewBadge /> })}</h3>
            <p class="meta"><time datetime=created_at.to_string()>{when}</time></p>
            {content}
        </li>
    }
}

/// Changing one's own note in place, within the edit window.
#[component]
fn NoteEdit(
    note: Note,
    client_id: ClientId,
    current: RwSignal<Note>,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = note.id;
    let text = RwSignal::new(note.body.clone());
    let chars = Memo::new(move |_| text.with(|t| t.chars().count()));
    let save = Action::new_local(move |body: &String| {
        let body = body.clone();
        let client = client_id.get();
        async move {
            let changed = api::edit_note(client, id, body).await?;
            current.set(changed);
            editing.set(false);
            Ok::<(), ApiError>(())
        }
    });
    let error = action_error(save);
    let text_id = format!("note-edit-{id}");
    let count_id = format!("{text_id}-count");
    let described_by = count_id.clone();
    view! {
        <form
            class="stack"
            novalidate=true
            on:submit=move |event| {
                event.prevent_default();
                let body = text.get_untracked();
                if !body.trim().is_empty() && body.chars().count() <= NOTE_MAX_CHARS {
                    save.dispatch(body);
                }
            }
        >
            <div class="field">
                <label for=text_id.clone()>{tr!(i18n, notes.edit_label)}</label>
                <textarea
                    id=text_id
                    rows="4"
                    aria-describedby=described_by
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
                <p
                    id=count_id
                    aria-live="polite"
                    class=move || { if chars.get() > NOTE_MAX_CHARS { "counter counter-over" } else { "counter" } }
                >
                    {move || counter(i18n.get_locale(), chars.get())}
                </p>
            </div>
            <FormError message=error />
            <div class="actions">
                <button type="submit" class="button" disabled=move || save.pending().get()>
                    {tr!(i18n, notes.save)}
                </button>
                <button type="button" class="button-secondary" on:click=move |_| editing.set(false)>
                    {tr!(i18n, notes.cancel)}
                </button>
            </div>
        </form>
    }
}

/// "Take this note back?", for the author.
#[component]
fn RetractDialog(
    client_id: ClientId,
    notes: Paged<NoteRow>,
    retracting: RwSignal<Option<i64>>,
    retracted: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let retract = Action::new_local(move |note_id: &i64| {
        let note_id = *note_id;
        let client = client_id.get();
        async move {
            api::retract_note(client, note_id).await?;
            notes.update_rows(|rows| rows.retain(|n| n.id != note_id));
            retracting.set(None);
            retracted.set(true);
            Ok::<(), ApiError>(())
        }
    });
    let error = action_error(retract);
    let close = move || {
        retract.value().set(None);
        retracting.set(None);
    };
    view! {
        <ModalDialog
            open=Signal::derive(move || retracting.get().is_some())
            labelled_by="retract-title"
            described_by="retract-text"
            on_dismiss=Callback::new(move |()| close())
        >
            <h2 id="retract-title">{tr!(i18n, notes.retract_title)}</h2>
            <p id="retract-text">{tr!(i18n, notes.retract_text)}</p>
            <FormError message=error />
            <div class="actions">
                <button type="button" class="button-secondary" on:click=move |_| close()>
                    {tr!(i18n, notes.cancel)}
                </button>
                <button
                    type="button"
                    class="button-danger"
                    disabled=move || retract.pending().get()
                    on:click=move |_| {
                        if let Some(id) = retracting.get_untracked() {
                            retract.dispatch(id);
                        }
                    }
                >
                    {tr!(i18n, notes.retract_confirm)}
                </button>
            </div>
        </ModalDialog>
    }
}
