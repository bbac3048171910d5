//! `/team/voorwaarden`: the organisation's administrators publish a new terms version
//! (R8, R9). The editor starts from the text in force; a preview shows the version in
//! both languages as readers will see it; publishing asks for confirmation. Everyone
//! accepts the new version again once it is in force.

use kring_api::{
    DocumentSection, LocalizedText, ProblemCode, PublishTermsRequest, StaffRole, TermsDocument,
    TermsVersionSummary,
};
use leptos::prelude::*;

use super::{use_staff_role_at_least, RequireStaff};
use crate::api::{self, ApiError};
use crate::app::routes;
use crate::components::{
    focus_soon, DocumentSections, ErrorPanel, FormActions, FormError, ModalDialog, Skeleton,
};
use crate::errors::error_message;
use crate::fetched::Fetched;
use crate::i18n::*;
use crate::local_time::{day_text, today};
use crate::organisation::use_page_title;

pub mod draft;

use draft::{DateProblem, Draft, SectionDraft};

/// The terms page for staff.
#[component]
pub fn StaffTermsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, staff_terms.title));
    let is_org_admin = use_staff_role_at_least(StaffRole::OrganisationAdmin);
    view! {
        <RequireStaff>
            <p class="back-link"><a href=routes::STAFF>{tr!(i18n, staff_client.to_caseload)}</a></p>
            <h1>{tr!(i18n, staff_terms.title)}</h1>
            <Show
                when=move || is_org_admin.get()
                fallback=move || view! {
                    <div class="notice" role="alert"><p>{tr!(i18n, staff_terms.only_admins)}</p></div>
                }
            >
                <TermsLoader />
            </Show>
        </RequireStaff>
    }
}

/// Loads the terms in force, to start the new version from.
#[component]
fn TermsLoader() -> impl IntoView {
    let current = Fetched::new(api::current_terms);
    move || {
        match current.get() {
        None => view! { <Skeleton lines=8 /> }.into_any(),
        Some(Ok(terms)) => untrack(|| view! { <TermsPublisher current=Some(terms) /> }).into_any(),
        // No terms yet: the first version starts empty.
        Some(Err(error)) if error.code() == Some(ProblemCode::NotFound) => {
            untrack(|| view! { <TermsPublisher current=None /> }).into_any()
        }
        Some(Err(error)) => view! {
            <ErrorPanel error=Signal::stored(error) retry=Callback::new(move |()| current.refetch()) />
        }
        .into_any(),
    }
    }
}

/// Where the publisher stands.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    /// Editing.
    Edit,
    /// Looking at the version as readers will see it.
    Preview(PublishTermsRequest),
    /// Published.
    Published(TermsVersionSummary),
}

/// Edit, preview, publish.
#[component]
fn TermsPublisher(current: Option<TermsDocument>) -> impl IntoView {
    let i18n = use_i18n();
    let draft = Draft::new(current.as_ref());
    let step = RwSignal::new(Step::Edit);
    let confirming = RwSignal::new(false);
    let current_version = current.as_ref().map(|t| t.version);
    // Only a change of step redraws the page (typing does not).
    let phase = Memo::new(move |_| match step.get() {
        Step::Edit => 0,
        Step::Preview(_) => 1,
        Step::Published(_) => 2,
    });
    let intro = move || {
        let locale = i18n.get_locale();
        match current_version {
            Some(version) => fill(
                td_string!(locale, staff_terms.intro),
                &[("version", &version.to_string())],
            ),
            None => td_string!(locale, staff_terms.intro_first).to_owned(),
        }
    };
    view! {
        {move || match phase.get() {
            0 => view! {
                <p class="lead">{intro}</p>
                <TermsEditor draft step />
            }
            .into_any(),
            1 => match step.get_untracked() {
                Step::Preview(request) => view! { <TermsPreview request step confirming /> }.into_any(),
                _ => ().into_any(),
            },
            _ => match step.get_untracked() {
                Step::Published(summary) => view! { <Published summary /> }.into_any(),
                _ => ().into_any(),
            },
        }}
        <PublishDialog step confirming />
    }
}

/// A labelled input or text area whose id is made at run time, with its hint and error
/// tied to it; `content_lang` is the language of what is typed.
#[component]
fn DraftField(
    /// The field's id.
    id: String,
    /// The label.
    #[prop(into)]
    label: Signal<&'static str>,
    /// A hint under the label.
    #[prop(optional, into)]
    hint: Option<Signal<&'static str>>,
    /// The value.
    value: RwSignal<String>,
    /// `nl` or `en`: the language of the text typed here.
    content_lang: &'static str,
    /// Rows of a text area; 0 for a one-line input.
    #[prop(default = 0)]
    rows: u32,
    /// The error, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || error.get().is_some().then_some("true");
    let control = if rows > 0 {
        view! {
            <textarea
                id=id.clone()
                lang=content_lang
                rows=rows.to_string()
                required=true
                aria-invalid=invalid
                aria-describedby=described_by
                bind:value=value
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                type="text"
                lang=content_lang
                autocomplete="off"
                required=true
                aria-invalid=invalid
                aria-describedby=described_by
                bind:value=value
            />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id>{hint}</p> })}
            {control}
            {move || error.get().map(|message| view! {
                <p class="field-error" id=error_id.clone()>{message}</p>
            })}
        </div>
    }
}

/// "Fill this in" once the person tried to go on and `value` is empty.
fn required(
    draft: Draft,
    value: RwSignal<String>,
    text: fn(Locale) -> &'static str,
) -> Signal<Option<String>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        (draft.tried.get() && value.with(|v| v.trim().is_empty()))
            .then(|| text(i18n.get_locale()).to_owned())
    })
}

/// The date, what changed, and the sections.
#[component]
fn TermsEditor(draft: Draft, step: RwSignal<Step>) -> impl IntoView {
    let i18n = use_i18n();
    let date_error = Signal::derive(move || {
        if !draft.tried.get() {
            return None;
        }
        draft.date_problem().map(|problem| {
            let locale = i18n.get_locale();
            match problem {
                DateProblem::Missing => td_string!(locale, staff_terms.in_force_missing),
                DateProblem::Past => td_string!(locale, staff_terms.in_force_past),
            }
            .to_owned()
        })
    });
    let date_described_by = move || {
        if date_error.get().is_some() {
            "terms-in-force-hint terms-in-force-error"
        } else {
            "terms-in-force-hint"
        }
    };
    let preview = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        draft.tried.set(true);
        if let Some(first) = untrack(|| draft.invalid_fields()).first() {
            focus_soon(first);
            return;
        }
        if let Some(request) = draft.request() {
            step.set(Step::Preview(request));
        }
        focus_soon("terms-preview-title");
    };
    let incomplete = Memo::new(move |_| draft.tried.get() && !draft.invalid_fields().is_empty());
    view! {
        <form class="stack terms-editor" novalidate=true on:submit=preview>
            <div class="field">
                <label for="terms-in-force">{tr!(i18n, staff_terms.in_force)}</label>
                <p class="field-hint" id="terms-in-force-hint">{tr!(i18n, staff_terms.in_force_hint)}</p>
                <input
                    id="terms-in-force"
                    type="date"
                    min=today().to_string()
                    required=true
                    aria-invalid=move || date_error.get().is_some().then_some("true")
                    aria-describedby=date_described_by
                    bind:value=draft.in_force_from
                />
                {move || date_error.get().map(|message| view! {
                    <p class="field-error" id="terms-in-force-error">{message}</p>
                })}
            </div>
            <fieldset class="terms-group">
                <legend>{tr!(i18n, staff_terms.summary_legend)}</legend>
                <p class="field-hint">{tr!(i18n, staff_terms.summary_hint)}</p>
                <DraftField
                    id="terms-summary-nl".to_owned()
                    label=tr!(i18n, staff_terms.summary_nl)
                    value=draft.summary_nl
                    content_lang="nl"
                    rows=3
                    error=required(draft, draft.summary_nl, |l| td_string!(l, staff_terms.summary_missing))
                />
                <DraftField
                    id="terms-summary-en".to_owned()
                    label=tr!(i18n, staff_terms.summary_en)
                    value=draft.summary_en
                    content_lang="en"
                    rows=3
                    error=required(draft, draft.summary_en, |l| td_string!(l, staff_terms.summary_missing))
                />
            </fieldset>
            <h2>{tr!(i18n, staff_terms.sections_title)}</h2>
            <p>{tr!(i18n, staff_terms.sections_hint)}</p>
            <SectionsEditor draft />
            <FormError message=Signal::derive(move || incomplete.get().then(|| t_string!(i18n, staff_terms.incomplete).to_owned())) />
            <FormActions
                submit=tr!(i18n, staff_terms.preview)
                cancel_href=routes::STAFF.to_owned()
                cancel=tr!(i18n, staff_terms.cancel)
            />
        </form>
    }
}

/// The sections of a document being written, each with its four texts and its move and
/// remove buttons, then "undo" for a removal and "add a section". Shared by the terms
/// and the privacy statement editors.
#[component]
pub fn SectionsEditor(draft: Draft) -> impl IntoView {
    let i18n = use_i18n();
    let add = move |_| {
        let section = draft.add_section();
        let count = draft.sections.with_untracked(Vec::len);
        draft.announcement.set(fill(
            td_string!(i18n.get_locale_untracked(), staff_terms.added),
            &[("number", &count.to_string())],
        ));
        let id = section.field_id("heading-nl");
        focus_soon(id);
    };
    let undo = move |_| {
        let Some((index, section)) = draft.undo_removal() else {
            return;
        };
        draft.announcement.set(fill(
            td_string!(i18n.get_locale_untracked(), staff_terms.restored),
            &[("number", &(index + 1).to_string())],
        ));
        let id = section.field_id("heading-nl");
        focus_soon(id);
    };
    view! {
        <ol class="terms-sections">
            <For
                each=move || draft.sections.get()
                key=|section| section.key
                children=move |section| view! { <SectionEditor section draft /> }
            />
        </ol>
        <p class="visually-hidden" role="status">{move || draft.announcement.get()}</p>
        <Show when=move || draft.removed.with(Option::is_some)>
            <div class="notice terms-removed">
                <p>{move || {
                    let number = draft.removed.with(|r| r.as_ref().map(|(i, _)| i + 1)).unwrap_or(1);
                    fill(td_string!(i18n.get_locale(), staff_terms.removed), &[("number", &number.to_string())])
                }}</p>
                <button type="button" id="terms-undo" class="button-secondary" on:click=undo>
                    {tr!(i18n, staff_terms.undo)}
                </button>
            </div>
        </Show>
        <p>
            <button type="button" class="button-secondary" on:click=add>{tr!(i18n, staff_terms.add)}</button>
        </p>
    }
}

/// Moves the section with `key` one place up (`-1`) or down (`1`), keeping the focus
/// on a move button of that section and saying where it went.
fn move_section(draft: Draft, key: u64, delta: isize, locale: Locale) {
    let Some(to) = draft.move_section(key, delta) else {
        return;
    };
    let count = draft.sections.with_untracked(Vec::len);
    draft.announcement.set(fill(
        td_string!(locale, staff_terms.moved),
        &[("number", &(to + 1).to_string())],
    ));
    // At the top "up" no longer works (and at the bottom "down"): then the other one
    // takes the focus.
    let button = match (delta < 0, to == 0, to + 1 == count) {
        (true, true, _) => "down",
        (false, _, true) => "up",
        (true, _, _) => "up",
        (false, _, _) => "down",
    };
    let id = format!("terms-section-{key}-{button}");
    focus_soon(id);
}

/// One section: its number, the four texts, and the buttons to move or remove it.
#[component]
fn SectionEditor(section: SectionDraft, draft: Draft) -> impl IntoView {
    let i18n = use_i18n();
    let key = section.key;
    let position = Memo::new(move |_| {
        draft
            .sections
            .with(|list| list.iter().position(|s| s.key == key))
            .unwrap_or(0)
    });
    let count = Memo::new(move |_| draft.sections.with(Vec::len));
    let number = move || (position.get() + 1).to_string();
    let legend = move || {
        fill(
            td_string!(i18n.get_locale(), staff_terms.section),
            &[("number", &number())],
        )
    };
    let hidden_number = move || {
        fill(
            td_string!(i18n.get_locale(), staff_terms.of_section),
            &[("number", &number())],
        )
    };
    let remove = move |_| {
        if draft.remove_section(key).is_none() {
            return;
        }
        draft.announcement.set(String::new());
        focus_soon("terms-undo");
    };
    // Named: a `>` or `<` inside the view's attributes would end the tag.
    let at_bottom = move || position.get() + 1 >= count.get();
    let only_one = move || count.get() <= 1;
    let error =
        |value: RwSignal<String>, text: fn(Locale) -> &'static str| required(draft, value, text);
    view! {
        <li class="card terms-section-edit">
            <fieldset class="terms-group">
                <legend>{legend}</legend>
                <DraftField
                    id=section.field_id("heading-nl")
                    label=tr!(i18n, staff_terms.heading_nl)
                    value=section.heading_nl
                    content_lang="nl"
                    error=error(section.heading_nl, |l| td_string!(l, staff_terms.heading_missing))
                />
                <DraftField
                    id=section.field_id("heading-en")
                    label=tr!(i18n, staff_terms.heading_en)
                    value=section.heading_en
                    content_lang="en"
                    error=error(section.heading_en, |l| td_string!(l, staff_terms.heading_missing))
                />
                <DraftField
                    id=section.field_id("body-nl")
                    label=tr!(i18n, staff_terms.body_nl)
                    hint=tr!(i18n, staff_terms.body_hint)
                    value=section.body_nl
                    content_lang="nl"
                    rows=8
                    error=error(section.body_nl, |l| td_string!(l, staff_terms.body_missing))
                />
                <DraftField
                    id=section.field_id("body-en")
                    label=tr!(i18n, staff_terms.body_en)
                    hint=tr!(i18n, staff_terms.body_hint)
                    value=section.body_en
                    content_lang="en"
                    rows=8
                    error=error(section.body_en, |l| td_string!(l, staff_terms.body_missing))
                />
                <div class="actions">
                    <button
                        type="button"
                        id=format!("terms-section-{key}-up")
                        class="button-secondary"
                        disabled=move || position.get() == 0
                        on:click=move |_| move_section(draft, key, -1, i18n.get_locale_untracked())
                    >
                        {tr!(i18n, staff_terms.move_up)}<span class="visually-hidden">" "{hidden_number}</span>
                    </button>
                    <button
                        type="button"
                        id=format!("terms-section-{key}-down")
                        class="button-secondary"
                        disabled=at_bottom
                        on:click=move |_| move_section(draft, key, 1, i18n.get_locale_untracked())
                    >
                        {tr!(i18n, staff_terms.move_down)}<span class="visually-hidden">" "{hidden_number}</span>
                    </button>
                    <button
                        type="button"
                        class="button-secondary"
                        disabled=only_one
                        on:click=remove
                    >
                        {tr!(i18n, staff_terms.remove)}<span class="visually-hidden">" "{hidden_number}</span>
                    </button>
                </div>
            </fieldset>
        </li>
    }
}

/// The version as readers will see it, in Dutch and in English, then "publish".
#[component]
fn TermsPreview(
    request: PublishTermsRequest,
    step: RwSignal<Step>,
    confirming: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let back = move |_| {
        step.set(Step::Edit);
        focus_soon("terms-in-force");
    };
    view! {
        <p class="lead">{tr!(i18n, staff_terms.preview_intro)}</p>
        <div class="terms-preview-grid">
            <PreviewLanguage request=request.clone() locale=Locale::nl first=true />
            <PreviewLanguage request locale=Locale::en first=false />
        </div>
        <div class="actions">
            <button type="button" class="button" on:click=move |_| confirming.set(true)>
                {tr!(i18n, staff_terms.publish)}
            </button>
            <button type="button" class="button-secondary" on:click=back>
                {tr!(i18n, staff_terms.back_to_edit)}
            </button>
        </div>
    }
}

/// The version in one language: the date, what changed, and the sections.
#[component]
fn PreviewLanguage(request: PublishTermsRequest, locale: Locale, first: bool) -> impl IntoView {
    let i18n = use_i18n();
    let language = api_language(locale);
    // The shared document view shows the text of the language the app is in; each
    // preview pins its own language by giving both translations the same text.
    let pin = |text: &LocalizedText| {
        let text = text.get(language).to_owned();
        LocalizedText::new(text.clone(), text)
    };
    let sections: Vec<DocumentSection> = request
        .sections
        .iter()
        .map(|s| DocumentSection {
            heading: pin(&s.heading),
            body: pin(&s.body),
        })
        .collect();
    let changes: Vec<String> = request
        .change_summary
        .get(language)
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect();
    let title_id = if first {
        "terms-preview-title"
    } else {
        "terms-preview-title-en"
    };
    let in_force = fill(
        td_string!(locale, staff_terms.preview_in_force),
        &[("date", &day_text(request.in_force_from, locale))],
    );
    view! {
        <section class="card terms-preview" aria-labelledby=title_id>
            <h2 id=title_id tabindex="-1">{move || match locale {
                Locale::nl => t_string!(i18n, staff_terms.preview_nl),
                Locale::en => t_string!(i18n, staff_terms.preview_en),
            }}</h2>
            <div lang=locale.as_str()>
                <p class="meta">{in_force}</p>
                <section class="changes-preview">
                    <h3>{td_string!(locale, staff_terms.preview_changes)}</h3>
                    <ul>
                        {changes.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                    </ul>
                </section>
                <DocumentSections sections heading_level=3 />
            </div>
        </section>
    }
}

/// "Publish this version?"; on success the page says which version it became.
#[component]
fn PublishDialog(step: RwSignal<Step>, confirming: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let publish = Action::new_local(move |request: &PublishTermsRequest| {
        let request = request.clone();
        async move {
            let summary = api::staff::publish_terms(request).await?;
            confirming.set(false);
            step.set(Step::Published(summary));
            focus_soon("terms-done-title");
            Ok::<(), ApiError>(())
        }
    });
    let error = Signal::derive(move || match publish.value().get() {
        Some(Err(e)) => {
            let locale = i18n.get_locale();
            Some(match e.code() {
                Some(ProblemCode::InvalidBody) => {
                    td_string!(locale, staff_terms.refused).to_owned()
                }
                _ => error_message(&e, locale),
            })
        }
        _ => None,
    });
    let close = move || {
        publish.value().set(None);
        confirming.set(false);
    };
    let text = move || {
        let locale = i18n.get_locale();
        step.with(|s| match s {
            Step::Preview(request) => fill(
                td_string!(locale, staff_terms.confirm_text),
                &[("date", &day_text(request.in_force_from, locale))],
            ),
            _ => String::new(),
        })
    };
    view! {
        <ModalDialog
            open=Signal::derive(move || confirming.get())
            labelled_by="terms-confirm-title"
            described_by="terms-confirm-text"
            on_dismiss=Callback::new(move |()| close())
        >
            <h2 id="terms-confirm-title">{tr!(i18n, staff_terms.confirm_title)}</h2>
            <p id="terms-confirm-text">{text}</p>
            <p>{tr!(i18n, staff_terms.confirm_final)}</p>
            <FormError message=error />
            <div class="actions">
                <button type="button" class="button-secondary" on:click=move |_| close()>
                    {tr!(i18n, staff_terms.cancel)}
                </button>
                <button
                    type="button"
                    class="button"
                    disabled=move || publish.pending().get()
                    on:click=move |_| {
                        if let Step::Preview(request) = step.get_untracked() {
                            publish.dispatch(request);
                        }
                    }
                >
                    {tr!(i18n, staff_terms.confirm)}
                </button>
            </div>
        </ModalDialog>
    }
}

/// The new version's number, from when it counts, and the link to it.
#[component]
fn Published(summary: TermsVersionSummary) -> impl IntoView {
    let i18n = use_i18n();
    let version = summary.version;
    let from = summary.in_force_from;
    view! {
        <section class="card card-highlight" role="status" aria-labelledby="terms-done-title">
            <h2 id="terms-done-title" tabindex="-1">{move || fill(
                td_string!(i18n.get_locale(), staff_terms.done_title),
                &[("version", &version.to_string())],
            )}</h2>
            <p>{move || fill(
                td_string!(i18n.get_locale(), staff_terms.done_text),
                &[("date", &day_text(from, i18n.get_locale()))],
            )}</p>
            <p class="actions">
                <a class="button" href=routes::terms_version(version)>{move || fill(
                    td_string!(i18n.get_locale(), staff_terms.view_version),
                    &[("version", &version.to_string())],
                )}</a>
                <a class="button-link" href=routes::STAFF>{tr!(i18n, staff_client.to_caseload)}</a>
            </p>
        </section>
    }
}
