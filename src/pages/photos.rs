//! `/portaal/:client_id/fotos`: the gallery (R18–R20). Photos of daily life grouped by
//! month, newest first, in square thumbnails that load as they come near the screen,
//! page by page as the person scrolls; a full-screen viewer with previous and next
//! (buttons, arrow keys, swiping) and, where allowed, "remove from this portal".
//! Photos may show other people: the page says so and offers no download or share,
//! and the browser's menu and dragging are off on the photos.

use std::sync::Arc;

use kring_api::{Page, Photo};
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::app::routes;
use crate::components::{
    focus_first_soon, DossierError, FormError, FormSuccess, LoadMore, ModalDialog, NewBadge,
    PortalBackLink, RequireSignIn, Skeleton,
};
use crate::errors::action_error;
use crate::i18n::*;
use crate::local_time::{day_text, local_date_text, local_moment, month_text};
use crate::organisation::use_page_title;
use crate::paged::{Paged, Phase};
use crate::portal_scope::{use_client_id, use_portal_access, ClientId};

/// How wide a thumbnail is on screen, so the browser takes the smallest size in
/// `srcset` that is sharp enough: three columns on a phone, four from 30em, five in the
/// wide layout (see `.photo-grid` in the style sheet).
const THUMB_SIZES: &str =
    "(min-width: 64em) 8.5rem, (min-width: 48em) 7.5rem, (min-width: 30em) 24vw, 32vw";

/// A horizontal move longer than this (CSS pixels) is a swipe to the next photo.
const SWIPE_PX: f64 = 50.0;

/// A month: the year and 1 to 12.
type Month = (u16, u8);

/// A cell of the gallery's grid: a month's heading, a photo, or (only for its uploader)
/// a photo the organisation removed, with the reason and no image.
#[derive(Clone)]
enum GalleryRow {
    Month(Month),
    Photo(Arc<Photo>),
    Removed(Arc<Photo>),
}

impl GalleryRow {
    /// Unique in the gallery: photos by id, months by their number (negative, so
    /// they never meet an id).
    fn key(&self) -> i64 {
        match self {
            GalleryRow::Month((year, month)) => -(i64::from(*year) * 100 + i64::from(*month)),
            GalleryRow::Photo(photo) | GalleryRow::Removed(photo) => photo.id,
        }
    }
}

/// The month a photo belongs to: of the day it was taken, else of the day it was
/// placed (as this device's calendar has it).
fn photo_month(photo: &Photo) -> Option<Month> {
    match &photo.taken_on {
        Some(day) => Some((day.year(), day.month())),
        None => local_moment(&photo.posted_at).map(|m| (m.day.year(), m.day.month())),
    }
}

/// Appends a page of photos, with a month's heading wherever the month changes.
fn append_photos(rows: &mut Vec<GalleryRow>, photos: Vec<Photo>) {
    let mut last = rows.iter().rev().find_map(|row| match row {
        GalleryRow::Month(month) => Some(*month),
        GalleryRow::Photo(_) | GalleryRow::Removed(_) => None,
    });
    for photo in photos {
        if let Some(month) = photo_month(&photo) {
            // The server's order never returns to a month; if it did, the photo would
            // join the month's first heading rather than repeat it.
            let seen = |rows: &Vec<GalleryRow>| {
                rows.iter()
                    .any(|row| matches!(row, GalleryRow::Month(m) if *m == month))
            };
            if last != Some(month) && !seen(rows) {
                rows.push(GalleryRow::Month(month));
            }
            last = Some(month);
        }
        rows.push(if photo.removed.is_some() {
            GalleryRow::Removed(Arc::new(photo))
        } else {
            GalleryRow::Photo(Arc::new(photo))
        });
    }
}

/// Takes a photo out of the gallery, and the heading of a month left without photos.
fn remove_photo_row(rows: &mut Vec<GalleryRow>, photo_id: i64) {
    rows.retain(|row| !matches!(row, GalleryRow::Photo(p) if p.id == photo_id));
    let empty_months: Vec<i64> = rows
        .iter()
        .enumerate()
        .filter(|(i, row)| {
            matches!(row, GalleryRow::Month(_))
                && !matches!(
                    rows.get(i + 1),
                    Some(GalleryRow::Photo(_) | GalleryRow::Removed(_))
                )
        })
        .map(|(_, row)| row.key())
        .collect();
    rows.retain(|row| !empty_months.contains(&row.key()));
}

/// The photo `step` places after (or, negative, before) `photo_id`, among those loaded.
fn neighbour(photos: Paged<GalleryRow>, photo_id: i64, step: isize) -> Option<i64> {
    untrack(|| {
        photos.with_rows(|rows| {
            let ids: Vec<i64> = rows
                .iter()
                .filter_map(|row| match row {
                    GalleryRow::Photo(p) => Some(p.id),
                    GalleryRow::Month(_) | GalleryRow::Removed(_) => None,
                })
                .collect();
            let at = ids.iter().position(|id| *id == photo_id)?;
            ids.get(at.checked_add_signed(step)?).copied()
        })
    })
}

/// "juni 2024", "June 2024".
fn month_heading(locale: Locale, (year, month): Month) -> String {
    month_text(year, month, locale)
}

/// The day a photo was taken, else the day it was placed, as people write it.
fn photo_day(locale: Locale, photo: &Photo) -> String {
    match &photo.taken_on {
        Some(day) => day_text(*day, locale),
        None => local_date_text(&photo.posted_at, locale),
    }
}

/// The caption, which is the photo's text alternative; "Foto van 3 juni 2024" when
/// the photo has none.
fn photo_text(locale: Locale, photo: &Photo) -> String {
    if photo.caption.trim().is_empty() {
        fill(
            td_string!(locale, photos.alt_fallback),
            &[("date", &photo_day(locale, photo))],
        )
    } else {
        photo.caption.clone()
    }
}

/// Puts the keyboard focus on the thumbnail of `photo_id`, once the dialogs have closed
/// (the browser would otherwise put it back where the dialog was opened from).
fn focus_thumbnail(photo_id: Option<i64>) {
    if let Some(id) = photo_id {
        focus_first_soon(format!(".photo-thumb[data-photo='{id}']"));
    }
}

/// Photos are not for taking away: no menu to save or share them.
fn no_menu(event: leptos::ev::MouseEvent) {
    event.prevent_default();
}

/// Photos are not for taking away: no dragging them out of the page.
fn no_drag(event: leptos::ev::DragEvent) {
    event.prevent_default();
}

/// The gallery page.
#[component]
pub fn PhotosPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, photos.title));
    let client_id = use_client_id();
    let access = use_portal_access(client_id);
    // (view, add): only a change of these draws the page again, not a refreshed session.
    let rights = Memo::new(move |_| {
        access.with(|a| {
            a.as_ref().map_or((false, false), |a| {
                (a.rights.photos_view, a.rights.photos_add)
            })
        })
    });
    let can_view = Memo::new(move |_| rights.get().0);
    // The photos load only for someone who may see them, and again when that changes.
    let photos = Paged::new(
        move || (client_id.get(), can_view.get()),
        move |(client, can_view): (i64, bool), cursor| async move {
            if !can_view {
                return Ok(Page::default());
            }
            api::photos(client, cursor).await
        },
        append_photos,
    );
    let add_href = move || routes::photo_upload(client_id);
    let body = move || {
        let (view, add) = rights.get();
        let add_link = add.then(|| {
            view! { <div class="actions"><a class="button" href=add_href>{tr!(i18n, photos.add)}</a></div> }
        });
        match (view, add) {
            (false, false) => view! {
                <div class="notice" role="alert"><p>{tr!(i18n, dossier.no_access)}</p></div>
            }
            .into_any(),
            (false, true) => view! {
                <p class="notice">{tr!(i18n, photos.only_add)}</p>
                {add_link}
            }
            .into_any(),
            (true, _) => view! {
                <p class="notice">{tr!(i18n, photos.notice)}</p>
                {add_link}
                <Gallery photos client_id />
            }
            .into_any(),
        }
    };
    view! {
        <RequireSignIn>
            <PortalBackLink client_id />
            <h1>{tr!(i18n, photos.title)}</h1>
            <p class="lead">{tr!(i18n, photos.intro)}</p>
            {body}
        </RequireSignIn>
    }
}

/// The grid of months and thumbnails, the viewer, and removing a photo.
#[component]
fn Gallery(photos: Paged<GalleryRow>, client_id: ClientId) -> impl IntoView {
    let i18n = use_i18n();
    // The photo the viewer shows.
    let viewing = RwSignal::new(None::<i64>);
    let removing = RwSignal::new(false);
    let removed = RwSignal::new(false);
    let phase = photos.phase();
    let grid = move || {
        match phase.get() {
            Phase::Loading | Phase::Failed => {
                return match untrack(|| photos.error()) {
                    Some(error) => view! {
                        <DossierError error retry=Callback::new(move |()| photos.retry()) />
                    }
                    .into_any(),
                    None => view! { <Skeleton lines=6 /> }.into_any(),
                }
            }
            Phase::Empty => {
                return view! { <p class="empty">{tr!(i18n, photos.none)}</p> }.into_any()
            }
            Phase::Shown => {}
        }
        view! {
            <div class="photo-grid">
                <For
                    each=move || photos.rows()
                    key=GalleryRow::key
                    children=move |row| match row {
                        GalleryRow::Month(month) => view! {
                            <h2 class="month-heading">{move || month_heading(i18n.get_locale(), month)}</h2>
                        }
                        .into_any(),
                        GalleryRow::Photo(photo) => view! { <Thumbnail photo viewing /> }.into_any(),
                        GalleryRow::Removed(photo) => view! { <RemovedPhoto photo /> }.into_any(),
                    }
                />
            </div>
            <LoadMore
                more=Callback::new(move |()| photos.more())
                retry=Callback::new(move |()| photos.retry())
                loading=Signal::derive(move || photos.loading())
                complete=Signal::derive(move || photos.complete())
                error=Signal::derive(move || photos.error())
                label=tr!(i18n, photos.more)
                end_text=tr!(i18n, photos.end)
            />
        }
        .into_any()
    };
    view! {
        <FormSuccess message=Signal::derive(move || removed.get().then(|| t_string!(i18n, photos.removed).to_owned())) />
        {grid}
        <Viewer photos viewing removing />
        <RemoveDialog photos client_id viewing removing removed />
    }
}

/// One photo in the grid: a button that opens the viewer. The cell is square and the
/// image has its size, so nothing moves when it arrives; it is fetched only when it
/// comes near the screen, in the smallest size that is sharp enough.
#[component]
fn Thumbnail(photo: Arc<Photo>, viewing: RwSignal<Option<i64>>) -> impl IntoView {
    let i18n = use_i18n();
    let id = photo.id;
    let new = photo.new;
    let smallest = photo.sizes.first();
    let (width, height) = smallest.map_or((photo.width, photo.height), |s| (s.width, s.height));
    let src = smallest.map(api::photo_image_url);
    let srcset = api::photo_srcset(&photo.sizes);
    let alt = move || photo_text(i18n.get_locale(), &photo);
    // `loading` comes before the sources: a lazy image must know it is lazy before
    // its address is set.
    view! {
        <button
            type="button"
            class="photo-thumb"
            data-photo=id.to_string()
            on:click=move |_| viewing.set(Some(id))
        >
            <img
                loading="lazy"
                decoding="async"
                sizes=THUMB_SIZES
                srcset=srcset
                src=src
                width=width
                height=height
                alt=alt
                draggable="false"
                on:contextmenu=no_menu
                on:dragstart=no_drag
            />
            {new.then(|| view! { <NewBadge /> })}
        </button>
    }
}

/// A photo of the viewer's that the organisation removed: what it was, by whom it was
/// removed and why (R16). There is no image any more.
#[component]
fn RemovedPhoto(photo: Arc<Photo>) -> impl IntoView {
    let i18n = use_i18n();
    let (by, reason) = photo
        .removed
        .as_ref()
        .map(|r| (r.by.clone(), r.reason.clone()))
        .unwrap_or_default();
    let text = {
        let photo = photo.clone();
        move || photo_text(i18n.get_locale(), &photo)
    };
    view! {
        <div class="photo-removed" data-photo=photo.id.to_string()>
            <p><strong>{text}</strong></p>
            <p>{move || fill(td_string!(i18n.get_locale(), photos.removed_by), &[("by", &by), ("reason", &reason)])}</p>
        </div>
    }
}

/// The viewer: the photo large, its caption, who placed it and when; previous and next
/// by buttons, arrow keys and swiping; Escape closes and the focus goes back to the
/// photo's thumbnail. "Foto 3 van 40" is said politely at every step.
#[component]
fn Viewer(
    photos: Paged<GalleryRow>,
    viewing: RwSignal<Option<i64>>,
    removing: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = Memo::new(move |_| {
        let id = viewing.get()?;
        photos.with_rows(|rows| {
            rows.iter().find_map(|row| match row {
                GalleryRow::Photo(p) if p.id == id => Some(p.clone()),
                _ => None,
            })
        })
    });
    // (place, count) among the loaded photos, from 1.
    let position = Memo::new(move |_| {
        let id = viewing.get()?;
        photos.with_rows(|rows| {
            let mut count = 0;
            let mut place = None;
            for row in rows {
                if let GalleryRow::Photo(p) = row {
                    count += 1;
                    if p.id == id {
                        place = Some(count);
                    }
                }
            }
            place.map(|place| (place, count))
        })
    });
    let go = move |step: isize| {
        let Some(id) = viewing.get_untracked() else {
            return;
        };
        if let Some(next) = neighbour(photos, id, step) {
            viewing.set(Some(next));
        }
        // Near the end of what is loaded: fetch the next page ahead.
        if let Some((place, count)) = position.get_untracked() {
            if place + 3 >= count {
                photos.more();
            }
        }
    };
    let close = move || {
        let shown = viewing.get_untracked();
        viewing.set(None);
        focus_thumbnail(shown);
    };
    let at_start = move || position.get().is_none_or(|(place, _)| place <= 1);
    let at_end = move || {
        position
            .get()
            .is_none_or(|(place, count)| place >= count && photos.complete())
    };
    let position_text = move || {
        let locale = i18n.get_locale();
        position.get().map(|(place, count)| {
            let text = if photos.complete() {
                td_string!(locale, photos.position)
            } else {
                td_string!(locale, photos.position_more)
            };
            fill(
                text,
                &[("n", &place.to_string()), ("total", &count.to_string())],
            )
        })
    };
    let posted_line = move || {
        let locale = i18n.get_locale();
        current.get().map(|photo| {
            fill(
                td_string!(locale, photos.posted),
                &[
                    ("name", &photo.posted_by),
                    ("date", &local_date_text(&photo.posted_at, locale)),
                ],
            )
        })
    };
    let taken_line = move || {
        let locale = i18n.get_locale();
        current.get().and_then(|photo| {
            photo.taken_on.as_ref().map(|day| {
                fill(
                    td_string!(locale, photos.taken),
                    &[("date", &day_text(*day, locale))],
                )
            })
        })
    };
    // Where a pointer went down: (pointer, x, y).
    let pressed = StoredValue::new(None::<(i32, f64, f64)>);
    // On the window: after a tap or a swipe on the photo the focus may be on no
    // button, and the arrow keys must still work (not while "remove?" is asked).
    let keys = window_event_listener(leptos::ev::keydown, move |event| {
        if viewing.get_untracked().is_none() || removing.get_untracked() {
            return;
        }
        let step = match event.key().as_str() {
            "ArrowLeft" => -1,
            "ArrowRight" => 1,
            _ => return,
        };
        event.prevent_default();
        go(step);
    });
    on_cleanup(move || keys.remove());
    let on_pointerdown = move |event: leptos::ev::PointerEvent| {
        pressed.set_value(Some((
            event.pointer_id(),
            f64::from(event.client_x()),
            f64::from(event.client_y()),
        )));
    };
    let on_pointerup = move |event: leptos::ev::PointerEvent| {
        let Some((pointer, x, y)) = pressed.get_value() else {
            return;
        };
        pressed.set_value(None);
        let dx = f64::from(event.client_x()) - x;
        let dy = f64::from(event.client_y()) - y;
        if pointer == event.pointer_id() && dx.abs() > SWIPE_PX && dx.abs() > dy.abs() {
            // A swipe to the left brings the next photo, as turning a page.
            go(if dx < 0.0 { 1 } else { -1 });
        }
    };
    view! {
        <ModalDialog
            open=Signal::derive(move || viewing.get().is_some())
            labelled_by="viewer-title"
            described_by="viewer-meta"
            on_dismiss=Callback::new(move |()| close())
            class="modal-viewer"
        >
            <div class="viewer">
                <div class="viewer-bar">
                    <p class="viewer-position" aria-live="polite" aria-atomic="true">{position_text}</p>
                    <button type="button" class="viewer-button" on:click=move |_| close()>
                        {tr!(i18n, photos.close)}
                    </button>
                </div>
                <div
                    class="viewer-stage"
                    on:pointerdown=on_pointerdown
                    on:pointerup=on_pointerup
                    on:pointercancel=move |_| pressed.set_value(None)
                >
                    {move || current.get().map(|photo| view! { <ViewerImage photo /> })}
                </div>
                <div class="viewer-text">
                    <h2 id="viewer-title">{move || current.get().map(|p| photo_text(i18n.get_locale(), &p))}</h2>
                    <p class="viewer-meta" id="viewer-meta">
                        {posted_line}
                        {move || taken_line().map(|line| view! { " "{line} })}
                    </p>
                    <p class="viewer-hint">{tr!(i18n, photos.swipe_hint)}</p>
                </div>
                <div class="viewer-nav">
                    // Never `disabled`: a button that is disabled under the focus would
                    // drop the focus out of the dialog.
                    <button
                        type="button"
                        class="viewer-button"
                        aria-disabled=move || at_start().then_some("true")
                        on:click=move |_| go(-1)
                    >
                        {tr!(i18n, photos.previous)}
                    </button>
                    <button
                        type="button"
                        class="viewer-button"
                        aria-disabled=move || at_end().then_some("true")
                        on:click=move |_| go(1)
                    >
                        {tr!(i18n, photos.next)}
                    </button>
                </div>
                <Show when=move || current.with(|p| p.as_ref().is_some_and(|p| p.can_remove))>
                    <p class="viewer-remove">
                        <button type="button" class="button-danger" on:click=move |_| removing.set(true)>
                            {tr!(i18n, photos.remove)}
                        </button>
                    </p>
                </Show>
            </div>
        </ModalDialog>
    }
}

/// The photo in the viewer, in the size the screen needs (up to the largest).
#[component]
fn ViewerImage(photo: Arc<Photo>) -> impl IntoView {
    let i18n = use_i18n();
    let src = photo.sizes.last().map(api::photo_image_url);
    let srcset = api::photo_srcset(&photo.sizes);
    let (width, height) = (photo.width, photo.height);
    let alt = move || photo_text(i18n.get_locale(), &photo);
    view! {
        <img
            class="viewer-image"
            decoding="async"
            sizes="100vw"
            srcset=srcset
            src=src
            width=width
            height=height
            alt=alt
            draggable="false"
            on:contextmenu=no_menu
            on:dragstart=no_drag
        />
    }
}

/// "Remove from this portal?", with what that means: gone here only, and kept by the
/// organisation as long as the law requires.
#[component]
fn RemoveDialog(
    photos: Paged<GalleryRow>,
    client_id: ClientId,
    viewing: RwSignal<Option<i64>>,
    removing: RwSignal<bool>,
    removed: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let remove = Action::new_local(move |photo_id: &i64| {
        let photo_id = *photo_id;
        let client = client_id.get();
        async move {
            api::remove_photo(client, photo_id).await?;
            // The focus goes to the photo that takes its place in the grid.
            let next = neighbour(photos, photo_id, 1).or_else(|| neighbour(photos, photo_id, -1));
            photos.update_rows(|rows| remove_photo_row(rows, photo_id));
            removing.set(false);
            viewing.set(None);
            removed.set(true);
            focus_thumbnail(next);
            Ok::<(), ApiError>(())
        }
    });
    let error = action_error(remove);
    let close = move || {
        remove.value().set(None);
        removing.set(false);
    };
    view! {
        <ModalDialog
            open=removing
            labelled_by="photo-remove-title"
            described_by="photo-remove-text"
            on_dismiss=Callback::new(move |()| close())
        >
            <h2 id="photo-remove-title">{tr!(i18n, photos.remove_title)}</h2>
            <p id="photo-remove-text">{tr!(i18n, photos.remove_text)}</p>
            <FormError message=error />
            <div class="actions">
                <button type="button" class="button-secondary" on:click=move |_| close()>
                    {tr!(i18n, photos.cancel)}
                </button>
                <button
                    type="button"
                    class="button-danger"
                    disabled=move || remove.pending().get()
                    on:click=move |_| {
                        if let Some(id) = viewing.get_untracked() {
                            remove.dispatch(id);
                        }
                    }
                >
                    {tr!(i18n, photos.remove_confirm)}
                </button>
            </div>
        </ModalDialog>
    }
}
