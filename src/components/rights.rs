//! The six rights a contact can have in a circle, each with a plain explanation: as a
//! list (what someone may) and as checkboxes (what the administrator chooses).

use kring_api::Rights;
use leptos::prelude::*;

use crate::i18n::*;

/// One of the rights in [`Rights`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Right {
    /// Read the care plan.
    CarePlan,
    /// Read the reports.
    Reports,
    /// See photos.
    PhotosView,
    /// Add photos.
    PhotosAdd,
    /// Read notes.
    NotesView,
    /// Write notes.
    NotesAdd,
}

impl Right {
    /// Every right, in the order the app shows them.
    pub const ALL: [Right; 6] = [
        Right::CarePlan,
        Right::Reports,
        Right::PhotosView,
        Right::PhotosAdd,
        Right::NotesView,
        Right::NotesAdd,
    ];

    /// Whether `rights` holds this right.
    pub fn held(self, rights: &Rights) -> bool {
        match self {
            Right::CarePlan => rights.care_plan,
            Right::Reports => rights.reports,
            Right::PhotosView => rights.photos_view,
            Right::PhotosAdd => rights.photos_add,
            Right::NotesView => rights.notes_view,
            Right::NotesAdd => rights.notes_add,
        }
    }

    /// Gives or takes this right in `rights`.
    pub fn set(self, rights: &mut Rights, on: bool) {
        let field = match self {
            Right::CarePlan => &mut rights.care_plan,
            Right::Reports => &mut rights.reports,
            Right::PhotosView => &mut rights.photos_view,
            Right::PhotosAdd => &mut rights.photos_add,
            Right::NotesView => &mut rights.notes_view,
            Right::NotesAdd => &mut rights.notes_add,
        };
        *field = on;
    }

    /// A short name for element ids.
    pub fn key(self) -> &'static str {
        match self {
            Right::CarePlan => "care-plan",
            Right::Reports => "reports",
            Right::PhotosView => "photos-view",
            Right::PhotosAdd => "photos-add",
            Right::NotesView => "notes-view",
            Right::NotesAdd => "notes-add",
        }
    }

    /// The right in a few words ("Het zorgplan lezen").
    pub fn name(self, locale: Locale) -> &'static str {
        match self {
            Right::CarePlan => td_string!(locale, portal.right_care_plan),
            Right::Reports => td_string!(locale, portal.right_reports),
            Right::PhotosView => td_string!(locale, portal.right_photos_view),
            Right::PhotosAdd => td_string!(locale, portal.right_photos_add),
            Right::NotesView => td_string!(locale, portal.right_notes_view),
            Right::NotesAdd => td_string!(locale, portal.right_notes_add),
        }
    }

    /// What the right means, in one plain sentence.
    pub fn explanation(self, locale: Locale) -> &'static str {
        match self {
            Right::CarePlan => td_string!(locale, rights.care_plan_text),
            Right::Reports => td_string!(locale, rights.reports_text),
            Right::PhotosView => td_string!(locale, rights.photos_view_text),
            Right::PhotosAdd => td_string!(locale, rights.photos_add_text),
            Right::NotesView => td_string!(locale, rights.notes_view_text),
            Right::NotesAdd => td_string!(locale, rights.notes_add_text),
        }
    }
}

/// The rights held, each with its explanation; `none` when there are none.
#[component]
pub fn RightsExplained(
    /// The rights to show.
    rights: Rights,
    /// Said when no right is held.
    #[prop(into)]
    none: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let held: Vec<Right> = Right::ALL.into_iter().filter(|r| r.held(&rights)).collect();
    if held.is_empty() {
        return view! { <p class="rights-none">{none}</p> }.into_any();
    }
    view! {
        <ul class="rights-explained">
            {held.into_iter().map(|right| view! {
                <li>
                    <strong>{move || right.name(i18n.get_locale())}</strong>
                    <span>{move || right.explanation(i18n.get_locale())}</span>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// Six checkboxes, each with its explanation. Nothing is ticked unless chosen (R7).
#[component]
pub fn RightsChoice(
    /// The rights as chosen so far.
    rights: RwSignal<Rights>,
    /// Prefix of the checkboxes' ids (unique on the page).
    id: String,
    /// The question above the boxes.
    #[prop(into)]
    legend: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}-hint");
    let described_by = hint_id.clone();
    view! {
        <fieldset class="choice-group" aria-describedby=described_by>
            <legend>{legend}</legend>
            <p class="field-hint" id=hint_id>{tr!(i18n, rights.choose_hint)}</p>
            {Right::ALL.into_iter().map(|right| {
                let box_id = format!("{id}-{}", right.key());
                let text_id = format!("{box_id}-text");
                view! {
                    <div class="choice">
                        <input
                            type="checkbox"
                            id=box_id.clone()
                            aria-describedby=text_id.clone()
                            prop:checked=move || rights.with(|r| right.held(r))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                rights.update(|r| right.set(r, on));
                            }
                        />
                        <label for=box_id>
                            <strong>{move || right.name(i18n.get_locale())}</strong>
                            <span class="choice-text" id=text_id>{move || right.explanation(i18n.get_locale())}</span>
                        </label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}
