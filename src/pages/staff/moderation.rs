//! `/team/moderatie`: moderation (R16). What clients and their circles place is in the
//! portal at once; the care team looks at it here afterwards, newest first. Each note
//! or photo can be left as it is ("looked at"), or removed with a reason its author
//! reads. Team leads and the organisation's administrators can also suspend the
//! author's account for excessive use, and lift that again. `?alle=1` shows everything;
//! without it, only what nobody has looked at yet (filtered here, on `reviewed`).

use std::sync::Arc;

use kring_api::notes::REMOVAL_REASON_MAX_CHARS;
use kring_api::{ModerationItem, ModerationKind, StaffRole};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{use_staff_role_at_least, RequireStaff};
use crate::api::{self, ApiError};
use crate::app::routes;
use crate::components::{
    focus_soon, DossierError, FormError, FormSuccess, LoadMore, ModalDialog, Skeleton, TextArea,
};
use crate::errors::{action_error, error_message};
use crate::i18n::*;
use crate::local_time::date_and_time;
use crate::organisation::{use_organisation, use_page_title};
use crate::paged::{Paged, Phase};
use crate::portal_scope::ClientId;

/// The address of the page with everything, looked at or not.
fn all_href() -> String {
    format!("{}?alle=1", routes::staff_moderation())
}

/// An item as the list holds it.
type Row = Arc<ModerationItem>;

/// A note or a photo: a photo linked to several clients is one photo, shown once per
/// client.
type Thing = (ModerationKind, i64);

/// Unique in the list: the same photo appears once for each client it is linked to.
fn row_key(item: &Row) -> (bool, i64, i64) {
    (item.kind == ModerationKind::Photo, item.id, item.client_id)
}

/// What the page asks the staff member to confirm, with a reason.
#[derive(Clone, Debug, PartialEq)]
enum Confirm {
    /// Remove this note or photo; its author reads the reason.
    Remove(Row),
    /// Suspend this account (id, name) for excessive use; its owner reads the reason.
    Suspend(i64, String),
}

/// What just worked, said above the list (in the language shown).
#[derive(Clone, Debug, PartialEq)]
enum Done {
    /// Looked at and left as it is.
    Reviewed(ModerationKind),
    /// Removed; this author reads the reason.
    Removed(ModerationKind, String),
    /// This person's account was suspended.
    Suspended(String),
    /// This person's account may be used again.
    Lifted(String),
}

impl Done {
    /// What to say, in `locale`.
    fn text(&self, locale: Locale) -> String {
        match self {
            Done::Reviewed(ModerationKind::Note) => {
                td_string!(locale, staff_moderation.reviewed_note).to_owned()
            }
            Done::Reviewed(ModerationKind::Photo) => {
                td_string!(locale, staff_moderation.reviewed_photo).to_owned()
            }
            Done::Removed(ModerationKind::Note, author) => fill(
                td_string!(locale, staff_moderation.removed_note),
                &[("author", author)],
            ),
            Done::Removed(ModerationKind::Photo, author) => fill(
                td_string!(locale, staff_moderation.removed_photo),
                &[("author", author)],
            ),
            Done::Suspended(name) => fill(
                td_string!(locale, staff_moderation.suspended_done),
                &[("name", name)],
            ),
            Done::Lifted(name) => fill(
                td_string!(locale, staff_moderation.lifted_done),
                &[("name", name)],
            ),
        }
    }
}

/// The page's shared state: the list, and what changed since it was loaded.
#[derive(Clone, Copy)]
struct Moderation {
    items: Paged<Row>,
    /// Looked at during this visit (a photo counts for every client it is linked to).
    reviewed_now: RwSignal<Vec<Thing>>,
    /// Looked at during this visit and still shown under "not looked at yet", so the
    /// item does not jump away under the pointer; cleared when the filter is chosen.
    kept: RwSignal<Vec<Thing>>,
    /// Accounts suspended (`true`) or lifted (`false`) during this visit.
    suspensions: RwSignal<Vec<(i64, bool)>>,
    confirming: RwSignal<Option<Confirm>>,
    /// The reason being written in the dialog.
    reason: RwSignal<String>,
    notice: RwSignal<Option<Done>>,
    /// Team leads and organisation administrators may suspend accounts.
    can_suspend: Signal<bool>,
}

impl Moderation {
    /// Whether `item` has been looked at (tracked).
    fn reviewed(self, item: &ModerationItem) -> bool {
        item.reviewed
            || self
                .reviewed_now
                .with(|things| things.contains(&(item.kind, item.id)))
    }

    /// Whether the author of `item` is suspended now (tracked).
    fn suspended(self, item: &ModerationItem) -> bool {
        self.suspensions.with(|changes| {
            changes
                .iter()
                .rev()
                .find(|(account, _)| *account == item.author_account_id)
                .map_or(item.author_suspended, |(_, suspended)| *suspended)
        })
    }

    /// Opens the dialog with an empty reason.
    fn ask(self, confirm: Confirm) {
        self.reason.set(String::new());
        self.notice.set(None);
        self.confirming.set(Some(confirm));
    }
}

/// The moderation page.
#[component]
pub fn ModerationPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, staff_moderation.title));
    view! {
        <RequireStaff>
            <h1>{tr!(i18n, staff_moderation.title)}</h1>
            <p class="lead">{tr!(i18n, staff_moderation.intro)}</p>
            <p><a href=routes::staff_photos()>{tr!(i18n, staff_moderation.to_photos)}</a></p>
            <ModerationList />
        </RequireStaff>
    }
}

/// The filter, the list page by page, and the dialog.
#[component]
fn ModerationList() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let show_all = Memo::new(move |_| query.read().get("alle").is_some_and(|v| v == "1"));
    // One list for both filters: the filter only chooses what of it is shown.
    let items = Paged::new(
        || (),
        |(), cursor| async move { api::staff::moderation(cursor).await },
        |rows: &mut Vec<Row>, items| rows.extend(items.into_iter().map(Arc::new)),
    );
    let state = Moderation {
        items,
        reviewed_now: RwSignal::new(Vec::new()),
        kept: RwSignal::new(Vec::new()),
        suspensions: RwSignal::new(Vec::new()),
        confirming: RwSignal::new(None),
        reason: RwSignal::new(String::new()),
        notice: RwSignal::new(None),
        can_suspend: use_staff_role_at_least(StaffRole::TeamLead),
    };
    let visible = Memo::new(move |_| {
        let all = show_all.get();
        items.with_rows(|rows| {
            rows.iter()
                .filter(|item| {
                    all || !state.reviewed(item)
                        || state.kept.with(|kept| kept.contains(&(item.kind, item.id)))
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let phase = items.phase();
    let nothing_waiting =
        move || visible.with(Vec::is_empty) && items.complete() && !show_all.get();
    let list = move || match phase.get() {
        Phase::Loading | Phase::Failed => match untrack(|| items.error()) {
            Some(error) => {
                view! { <DossierError error retry=Callback::new(move |()| items.retry()) /> }
                    .into_any()
            }
            None => view! { <Skeleton lines=6 /> }.into_any(),
        },
        Phase::Empty => {
            view! { <p class="empty">{tr!(i18n, staff_moderation.none)}</p> }.into_any()
        }
        Phase::Shown => view! {
            <Show when=nothing_waiting>
                <p class="empty">{tr!(i18n, staff_moderation.all_reviewed)}</p>
            </Show>
            <ol class="moderation-list">
                <For
                    each=move || visible.get()
                    key=row_key
                    children=move |item| view! { <ModerationCard item state /> }
                />
            </ol>
            <LoadMore
                more=Callback::new(move |()| items.more())
                retry=Callback::new(move |()| items.retry())
                loading=Signal::derive(move || items.loading())
                complete=Signal::derive(move || items.complete())
                error=Signal::derive(move || items.error())
                label=tr!(i18n, staff_moderation.more)
                end_text=tr!(i18n, staff_moderation.end)
            />
        }
        .into_any(),
    };
    // Choosing a filter shows exactly what it says, without the items kept in view.
    let choose = move |_| state.kept.set(Vec::new());
    view! {
        <nav class="filter-links" aria-label=move || t_string!(i18n, staff_moderation.filter_label)>
            <ul>
                <li>
                    <a
                        href=routes::staff_moderation()
                        aria-current=move || (!show_all.get()).then_some("page")
                        on:click=choose
                    >
                        {tr!(i18n, staff_moderation.filter_open)}
                    </a>
                </li>
                <li>
                    <a
                        href=all_href()
                        aria-current=move || show_all.get().then_some("page")
                        on:click=choose
                    >
                        {tr!(i18n, staff_moderation.filter_all)}
                    </a>
                </li>
            </ul>
        </nav>
        <section aria-labelledby="moderation-list-title">
            <h2 id="moderation-list-title" tabindex="-1">
                {move || if show_all.get() {
                    t_string!(i18n, staff_moderation.list_all)
                } else {
                    t_string!(i18n, staff_moderation.list_open)
                }}
            </h2>
            <FormSuccess message=Signal::derive(move || {
                state.notice.get().map(|done| done.text(i18n.get_locale()))
            }) />
            {list}
        </section>
        <ConfirmDialog state />
    }
}

/// The width of the staff image in `image_path` (`/staff/photos/{id}/{width}`), for
/// the `<img>`'s size before it arrives; the smallest stored width when unknown.
fn image_width(image_path: &str) -> u32 {
    image_path
        .rsplit('/')
        .next()
        .and_then(|width| width.parse::<u32>().ok())
        .filter(|width| *width > 0)
        .unwrap_or(kring_api::photos::PHOTO_WIDTHS[0])
}

/// A photo's image, in a square frame so nothing moves when it arrives (the item does
/// not say the photo's height).
#[component]
fn ModerationPhoto(item: Row) -> impl IntoView {
    let i18n = use_i18n();
    let path = item.image_path.clone().unwrap_or_default();
    let width = image_width(&path);
    let alt = {
        let item = item.clone();
        move || {
            if item.text.trim().is_empty() {
                fill(
                    td_string!(i18n.get_locale(), staff_moderation.photo_alt),
                    &[("author", &item.author_name)],
                )
            } else {
                item.text.clone()
            }
        }
    };
    view! {
        <img
            class="moderation-photo"
            src=api::staff::image_url(&path)
            alt=alt
            width=width
            height=width
            loading="lazy"
            decoding="async"
        />
    }
}

/// One note or photo: who placed it where and when, its text or image, whether it was
/// looked at, and what staff can do with it.
#[component]
fn ModerationCard(item: Row, state: Moderation) -> impl IntoView {
    let i18n = use_i18n();
    let kind = item.kind;
    let id = item.id;
    let heading_id = format!(
        "moderation-{}-{id}-{}",
        if kind == ModerationKind::Photo {
            "photo"
        } else {
            "note"
        },
        item.client_id
    );
    let reviewed = {
        let item = item.clone();
        Memo::new(move |_| state.reviewed(&item))
    };
    let suspended = {
        let item = item.clone();
        Memo::new(move |_| state.suspended(&item))
    };
    let focus_id = heading_id.clone();
    let review = Action::new_local(move |_: &()| {
        let focus_id = focus_id.clone();
        async move {
            match kind {
                ModerationKind::Note => api::staff::review_note(id).await?,
                ModerationKind::Photo => api::staff::review_photo(id).await?,
            }
            state.reviewed_now.update(|things| things.push((kind, id)));
            state.kept.update(|things| things.push((kind, id)));
            state.notice.set(Some(Done::Reviewed(kind)));
            // The button is gone: the keyboard goes on from the item's heading.
            focus_soon(focus_id);
            Ok::<(), ApiError>(())
        }
    });
    let account = item.author_account_id;
    let author = item.author_name.clone();
    let lift = Action::new_local(move |_: &()| {
        let author = author.clone();
        async move {
            api::staff::lift_account_suspension(account).await?;
            state.suspensions.update(|s| s.push((account, false)));
            state.notice.set(Some(Done::Lifted(author)));
            Ok::<(), ApiError>(())
        }
    });
    let review_error = action_error(review);
    let lift_error = action_error(lift);
    let error = Signal::derive(move || review_error.get().or_else(|| lift_error.get()));
    let title = {
        let author = item.author_name.clone();
        move || {
            let locale = i18n.get_locale();
            let template = match kind {
                ModerationKind::Note => td_string!(locale, staff_moderation.kind_note),
                ModerationKind::Photo => td_string!(locale, staff_moderation.kind_photo),
            };
            fill(template, &[("author", &author)])
        }
    };
    let placed_at = item.placed_at.clone();
    let when = {
        let placed_at = placed_at.clone();
        move || {
            date_and_time(
                &placed_at,
                td_string!(i18n.get_locale(), staff_moderation.placed_at),
                i18n.get_locale(),
            )
        }
    };
    let content = match kind {
        ModerationKind::Note => {
            // Plain text only, line breaks kept (`.note-body`): a link is shown, not
            // followed, because it may be the very thing that is wrong with the note.
            view! { <p class="note-body">{item.text.clone()}</p> }.into_any()
        }
        ModerationKind::Photo => {
            let caption = item.text.trim().to_owned();
            view! {
                <ModerationPhoto item=item.clone() />
                {if caption.is_empty() {
                    view! { <p class="meta">{tr!(i18n, staff_moderation.no_caption)}</p> }.into_any()
                } else {
                    view! { <p class="note-body">{caption}</p> }.into_any()
                }}
            }
            .into_any()
        }
    };
    let remove_item = item.clone();
    let suspend_name = item.author_name.clone();
    let labelled_by = heading_id.clone();
    let described = heading_id.clone();
    let described_remove = heading_id.clone();
    let described_suspend = heading_id.clone();
    view! {
        <li class="card moderation-item" aria-labelledby=labelled_by>
            <h3 id=heading_id tabindex="-1">{title}</h3>
            <p class="meta">
                {tr!(i18n, staff_moderation.client)}" "
                <a href=routes::staff_client(ClientId(item.client_id))>{item.client_name.clone()}</a>
                <br />
                <time datetime=placed_at.to_string()>{when}</time>
            </p>
            <p class="moderation-badges">
                {move || if reviewed.get() {
                    view! { <span class="badge status-active">{tr!(i18n, staff_moderation.badge_reviewed)}</span> }.into_any()
                } else {
                    view! { <span class="badge status-invited">{tr!(i18n, staff_moderation.badge_open)}</span> }.into_any()
                }}
                <Show when=move || suspended.get()>
                    " "<span class="badge badge-suspended">{tr!(i18n, staff_moderation.badge_suspended)}</span>
                </Show>
            </p>
            {content}
            <FormError message=error />
            <div class="actions">
                <Show when=move || !reviewed.get()>
                    <button
                        type="button"
                        class="button-secondary"
                        aria-describedby=described.clone()
                        disabled=move || review.pending().get()
                        on:click=move |_| { review.dispatch(()); }
                    >
                        {tr!(i18n, staff_moderation.review)}
                    </button>
                </Show>
                <button
                    type="button"
                    class="button-secondary"
                    aria-describedby=described_remove
                    on:click=move |_| state.ask(Confirm::Remove(remove_item.clone()))
                >
                    {tr!(i18n, staff_moderation.remove)}
                </button>
                <Show when=move || state.can_suspend.get()>
                    // One button for both, so the keyboard focus stays on it when it
                    // changes from one into the other.
                    <button
                        type="button"
                        class="button-secondary"
                        aria-describedby=described_suspend.clone()
                        // Not `disabled`: that would take the keyboard focus away.
                        aria-disabled=move || lift.pending().get().then_some("true")
                        on:click={
                            let name = suspend_name.clone();
                            move |_| {
                                if lift.pending().get_untracked() {
                                    return;
                                }
                                if suspended.get_untracked() {
                                    lift.dispatch(());
                                } else {
                                    state.ask(Confirm::Suspend(account, name.clone()));
                                }
                            }
                        }
                    >
                        {move || if suspended.get() {
                            t_string!(i18n, staff_moderation.lift)
                        } else {
                            t_string!(i18n, staff_moderation.suspend)
                        }}
                    </button>
                </Show>
            </div>
        </li>
    }
}

/// "Remove this note?" or "Suspend this account?", with what follows and a reason the
/// person will read.
#[component]
fn ConfirmDialog(state: Moderation) -> impl IntoView {
    let i18n = use_i18n();
    let organisation = use_organisation();
    let tried = RwSignal::new(false);
    let act = Action::new_local(move |(confirm, reason): &(Confirm, String)| {
        let (confirm, reason) = (confirm.clone(), reason.clone());
        async move {
            let done = match confirm {
                Confirm::Remove(item) => {
                    match item.kind {
                        ModerationKind::Note => api::staff::remove_note(item.id, reason).await?,
                        ModerationKind::Photo => api::staff::remove_photo(item.id, reason).await?,
                    }
                    // Gone for everyone but its author; a photo from every portal.
                    state.items.update_rows(|rows| {
                        rows.retain(|row| !(row.kind == item.kind && row.id == item.id))
                    });
                    focus_soon("moderation-list-title");
                    Done::Removed(item.kind, item.author_name.clone())
                }
                Confirm::Suspend(account, name) => {
                    api::staff::suspend_account(account, reason).await?;
                    state.suspensions.update(|s| s.push((account, true)));
                    Done::Suspended(name)
                }
            };
            state.notice.set(Some(done));
            state.confirming.set(None);
            tried.set(false);
            Ok::<(), ApiError>(())
        }
    });
    let server_error = Signal::derive(move || match act.value().get() {
        Some(Err(e)) => Some(error_message(&e, i18n.get_locale())),
        _ => None,
    });
    let close = move || {
        act.value().set(None);
        tried.set(false);
        state.confirming.set(None);
    };
    let chars = Memo::new(move |_| state.reason.with(|r| r.trim().chars().count()));
    let reason_error = move || {
        if !tried.get() {
            return None;
        }
        let locale = i18n.get_locale();
        let count = chars.get();
        if count == 0 {
            Some(td_string!(locale, staff_moderation.reason_empty).to_owned())
        } else if count > REMOVAL_REASON_MAX_CHARS {
            Some(fill(
                td_string!(locale, staff_moderation.reason_too_long),
                &[("max", &REMOVAL_REASON_MAX_CHARS.to_string())],
            ))
        } else {
            None
        }
    };
    let organisation_name = move || {
        organisation
            .loaded()
            .map(|o| o.name)
            .unwrap_or_else(|| t_string!(i18n, staff_moderation.the_organisation).to_owned())
    };
    // Title, explanation, the name in the reason's hint, and the confirm button.
    let texts = move || {
        let locale = i18n.get_locale();
        match state.confirming.get() {
            Some(Confirm::Remove(item)) => {
                let organisation = organisation_name();
                let values = [
                    ("author", item.author_name.as_str()),
                    ("organisation", organisation.as_str()),
                ];
                let (title, text) = match item.kind {
                    ModerationKind::Note => (
                        td_string!(locale, staff_moderation.remove_note_title),
                        td_string!(locale, staff_moderation.remove_note_text),
                    ),
                    ModerationKind::Photo => (
                        td_string!(locale, staff_moderation.remove_photo_title),
                        td_string!(locale, staff_moderation.remove_photo_text),
                    ),
                };
                (
                    title.to_owned(),
                    fill(text, &values),
                    fill(
                        td_string!(locale, staff_moderation.reason_hint),
                        &[("name", &item.author_name)],
                    ),
                    td_string!(locale, staff_moderation.remove_confirm),
                )
            }
            Some(Confirm::Suspend(_, name)) => (
                fill(
                    td_string!(locale, staff_moderation.suspend_title),
                    &[("name", &name)],
                ),
                fill(
                    td_string!(locale, staff_moderation.suspend_text),
                    &[("name", &name)],
                ),
                fill(
                    td_string!(locale, staff_moderation.reason_hint),
                    &[("name", &name)],
                ),
                td_string!(locale, staff_moderation.suspend_confirm),
            ),
            None => (String::new(), String::new(), String::new(), ""),
        }
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        tried.set(true);
        let reason = state.reason.get_untracked().trim().to_owned();
        let count = reason.chars().count();
        if count == 0 || count > REMOVAL_REASON_MAX_CHARS {
            return;
        }
        if let Some(confirm) = state.confirming.get_untracked() {
            act.dispatch((confirm, reason));
        }
    };
    view! {
        <ModalDialog
            open=Signal::derive(move || state.confirming.get().is_some())
            labelled_by="moderation-confirm-title"
            described_by="moderation-confirm-text"
            on_dismiss=Callback::new(move |()| close())
        >
            <form class="stack" novalidate=true on:submit=submit>
                <h2 id="moderation-confirm-title">{move || texts().0}</h2>
                <p id="moderation-confirm-text">{move || texts().1}</p>
                <TextArea
                    id="moderation-reason"
                    name="reason"
                    rows=3
                    required=true
                    label=tr!(i18n, staff_moderation.reason)
                    hint=move || texts().2
                    value=state.reason
                    max_chars=REMOVAL_REASON_MAX_CHARS
                    counter=tr!(i18n, staff_moderation.counter)
                    error=Signal::derive(reason_error)
                />
                <FormError message=server_error />
                <div class="actions">
                    <button type="button" class="button-secondary" on:click=move |_| close()>
                        {tr!(i18n, staff_moderation.cancel)}
                    </button>
                    <button type="submit" class="button-danger" disabled=move || act.pending().get()>
                        {move || texts().3}
                    </button>
                </div>
            </form>
        </ModalDialog>
    }
}
