//! `/team/verzoeken`: the correction requests of the staff member's clients (R24), soonest
//! due first, open ones only or all (`?alle=1`). Each request can be answered: a status,
//! and an answer the client reads (required to close it as done or declined).

use std::sync::Arc;

use kring_api::{
    CorrectionRequest, CorrectionStatus, CorrectionTarget, CorrectionUpdate, ProblemCode,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::RequireStaff;
use crate::api::{self, ApiError};
use crate::app::routes;
use crate::components::{
    focus_soon, ErrorPanel, FormError, LoadMore, RadioGroup, Skeleton, TextArea,
};
use crate::errors::error_message;
use crate::i18n::*;
use crate::local_time::{day_text, local_date_text};
use crate::organisation::use_page_title;
use crate::paged::{Paged, Phase};
use crate::pages::correction_requests::kind_name;
use crate::portal_scope::ClientId;

/// The longest answer, in characters (the server checks the same).
const ANSWER_MAX_CHARS: usize = 4000;

/// The requests as the list holds them.
type RequestRow = Arc<CorrectionRequest>;

/// The inbox page.
#[component]
pub fn StaffCorrectionsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, staff_corrections.title));
    view! {
        <RequireStaff>
            <h1>{tr!(i18n, staff_corrections.title)}</h1>
            <p class="lead">{tr!(i18n, staff_corrections.intro)}</p>
            <Inbox />
        </RequireStaff>
    }
}

/// The filter (in the address) and the list.
#[component]
fn Inbox() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let all = Memo::new(move |_| query.read().get("alle").is_some_and(|v| v == "1"));
    let requests = Paged::new(
        move || all.get(),
        move |all: bool, cursor| async move { api::staff::correction_requests(!all, cursor).await },
        |rows: &mut Vec<RequestRow>, items| rows.extend(items.into_iter().map(Arc::new)),
    );
    let all_href = format!("{}?alle=1", routes::staff_corrections());
    let phase = requests.phase();
    let list = move || {
        match phase.get() {
            Phase::Loading | Phase::Failed => {
                return match untrack(|| requests.error()) {
                    Some(error) => view! {
                        <ErrorPanel error=Signal::stored(error) retry=Callback::new(move |()| requests.retry()) />
                    }
                    .into_any(),
                    None => view! { <Skeleton lines=4 /> }.into_any(),
                }
            }
            Phase::Empty => {
                return view! {
                    <p class="empty">
                        {move || if all.get() {
                            t_string!(i18n, staff_corrections.none)
                        } else {
                            t_string!(i18n, staff_corrections.none_open)
                        }}
                    </p>
                }
                .into_any()
            }
            Phase::Shown => {}
        }
        view! {
            <ul class="request-list">
                <For
                    each=move || requests.rows()
                    key=|request| request.id
                    children=move |request| view! { <InboxCard request requests /> }
                />
            </ul>
            <LoadMore
                more=Callback::new(move |()| requests.more())
                retry=Callback::new(move |()| requests.retry())
                loading=Signal::derive(move || requests.loading())
                complete=Signal::derive(move || requests.complete())
                error=Signal::derive(move || requests.error())
                label=tr!(i18n, staff_corrections.more)
                end_text=tr!(i18n, staff_corrections.end)
                automatic=false
            />
        }
        .into_any()
    };
    view! {
        <nav class="filter-links" aria-label=move || t_string!(i18n, staff_corrections.filter_label)>
            <ul>
                <li>
                    <a href=routes::staff_corrections() aria-current=move || (!all.get()).then_some("true")>
                        {tr!(i18n, staff_corrections.filter_open)}
                    </a>
                </li>
                <li>
                    <a href=all_href aria-current=move || all.get().then_some("true")>
                        {tr!(i18n, staff_corrections.filter_all)}
                    </a>
                </li>
            </ul>
        </nav>
        <p class="meta">{tr!(i18n, staff_corrections.order)}</p>
        {list}
    }
}

/// A status in words, as the client reads it too.
fn status_name(locale: Locale, status: CorrectionStatus) -> &'static str {
    match status {
        CorrectionStatus::Submitted => td_string!(locale, corrections.status_submitted),
        CorrectionStatus::InProgress => td_string!(locale, corrections.status_in_progress),
        CorrectionStatus::Done => td_string!(locale, corrections.status_done),
        CorrectionStatus::Declined => td_string!(locale, corrections.status_declined),
    }
}

fn status_class(status: CorrectionStatus) -> &'static str {
    match status {
        CorrectionStatus::Submitted => "status status-submitted",
        CorrectionStatus::InProgress => "status status-in-progress",
        CorrectionStatus::Done => "status status-done",
        CorrectionStatus::Declined => "status status-declined",
    }
}

/// What the request is about, with the item's number so staff can find it.
fn target_text(locale: Locale, target: CorrectionTarget) -> String {
    match target {
        CorrectionTarget::Report { id } => fill(
            td_string!(locale, staff_corrections.target_report),
            &[("id", &id.to_string())],
        ),
        CorrectionTarget::Goal { id } => fill(
            td_string!(locale, staff_corrections.target_goal),
            &[("id", &id.to_string())],
        ),
        CorrectionTarget::General => {
            td_string!(locale, staff_corrections.target_general).to_owned()
        }
    }
}

/// Whether closing a request with this status needs an answer (the server asks the same).
fn needs_answer(status: CorrectionStatus) -> bool {
    matches!(status, CorrectionStatus::Done | CorrectionStatus::Declined)
}

/// One request: whose, what and about what, its words, status, dates, overdue, the
/// answer so far, and "answer" that opens the form in the card.
#[component]
fn InboxCard(request: RequestRow, requests: Paged<RequestRow>) -> impl IntoView {
    let i18n = use_i18n();
    let id = request.id;
    let current = RwSignal::new((*request).clone());
    let answering = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let heading_id = format!("request-{id}");
    let labelled_by = heading_id.clone();
    let status_id = format!("request-{id}-saved");
    let open_id = format!("request-{id}-answer");
    let form_id = format!("request-{id}-form");
    let client_name = request.client_name.clone().unwrap_or_default();
    let (kind, target) = (request.kind, request.target);
    let filed = request.filed_at.clone();
    let due = request.due_on;
    let overdue = move || current.with(|r| r.overdue);
    // Where it stands comes first: an overdue request must stand out, in words.
    let state = move || {
        let locale = i18n.get_locale();
        let (status, overdue) = current.with(|r| (r.status, r.overdue));
        view! {
            <p class=status_class(status)><strong>{status_name(locale, status)}</strong></p>
            {overdue.then(|| view! {
                <p class="overdue">
                    <strong>{td_string!(locale, staff_corrections.overdue)}</strong>" "
                    {fill(td_string!(locale, staff_corrections.overdue_text), &[("date", &day_text(due, locale))])}
                </p>
            })}
        }
    };
    let answer_given = move || {
        let locale = i18n.get_locale();
        let (answer, answered_at) = current.with(|r| (r.answer.clone(), r.answered_at.clone()));
        answer.map(|answer| view! {
            <div class="answer">
                <h3>{td_string!(locale, staff_corrections.answer_title)}</h3>
                <p class="request-text">{answer}</p>
                {answered_at.map(|at| view! {
                    <p class="meta">{fill(td_string!(locale, corrections.answered), &[("date", &local_date_text(&at, locale))])}</p>
                })}
            </div>
        })
    };
    let open_form = {
        let form_id = form_id.clone();
        move |_| {
            saved.set(false);
            answering.set(true);
            focus_soon(format!(
                "{form_id}-status-{}",
                status_key(current.get_untracked().status)
            ));
        }
    };
    let client_for_button = client_name.clone();
    view! {
        <li class=move || { if overdue() { "card request card-urgent" } else { "card request" } } aria-labelledby=labelled_by>
            <h2 id=heading_id>
                // The client's name opens their page, to look things up before answering.
                {match request.client_id {
                    Some(client) => view! { <a href=routes::staff_client(ClientId(client))>{client_name.clone()}</a> }.into_any(),
                    None => client_name.clone().into_any(),
                }}
            </h2>
            {state}
            <p class="request-about">
                <strong>{move || kind_name(i18n.get_locale(), kind)}</strong>
                ": "
                {move || target_text(i18n.get_locale(), target)}
            </p>
            <p class="request-text">{request.text.clone()}</p>
            <p class="meta">
                {move || fill(td_string!(i18n.get_locale(), corrections.filed), &[("date", &local_date_text(&filed, i18n.get_locale()))])}
                <br />
                {move || fill(td_string!(i18n.get_locale(), corrections.due), &[("date", &day_text(due, i18n.get_locale()))])}
            </p>
            {answer_given}
            <div id=status_id.clone() class="form-success-slot staff-status" role="status" tabindex="-1">
                {move || saved.get().then(|| view! { <p class="form-success">{tr!(i18n, staff_corrections.saved)}</p> })}
            </div>
            <Show
                when=move || answering.get()
                fallback=move || {
                    let open_form = open_form.clone();
                    let client = client_for_button.clone();
                    view! {
                        <div class="actions">
                            <button type="button" id=open_id.clone() class="button-secondary" on:click=open_form>
                                {tr!(i18n, staff_corrections.answer)}
                                <span class="visually-hidden">{format!(" ({client})")}</span>
                            </button>
                        </div>
                    }
                }
            >
                <AnswerForm
                    id
                    form_id=form_id.clone()
                    current
                    requests
                    answering
                    saved
                    status_id=status_id.clone()
                    open_id=format!("request-{id}-answer")
                />
            </Show>
        </li>
    }
}

fn status_key(status: CorrectionStatus) -> &'static str {
    match status {
        CorrectionStatus::Submitted => "submitted",
        CorrectionStatus::InProgress => "in_progress",
        CorrectionStatus::Done => "done",
        CorrectionStatus::Declined => "declined",
    }
}

/// The status to set and the answer to the client; saves, and the card shows the result.
#[component]
fn AnswerForm(
    id: i64,
    form_id: String,
    current: RwSignal<CorrectionRequest>,
    requests: Paged<RequestRow>,
    answering: RwSignal<bool>,
    saved: RwSignal<bool>,
    status_id: String,
    open_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = RwSignal::new(current.get_untracked().status);
    let answer = RwSignal::new(current.get_untracked().answer.unwrap_or_default());
    let tried = RwSignal::new(false);
    let chars = Memo::new(move |_| answer.with(|a| a.trim().chars().count()));
    let save = Action::new_local(move |update: &CorrectionUpdate| {
        let update = update.clone();
        let status_id = status_id.clone();
        async move {
            let updated = api::staff::update_correction_request(id, update).await?;
            requests.update_rows(|rows| {
                if let Some(row) = rows.iter_mut().find(|r| r.id == id) {
                    *row = Arc::new(updated.clone());
                }
            });
            current.set(updated);
            saved.set(true);
            focus_soon(status_id);
            // Last: closing the form ends this component.
            answering.set(false);
            Ok::<(), ApiError>(())
        }
    });
    let server_error = Signal::derive(move || match save.value().get() {
        Some(Err(error)) => Some(match error.code() {
            Some(ProblemCode::InvalidBody) => {
                t_string!(i18n, staff_corrections.server_invalid).to_owned()
            }
            _ => error_message(&error, i18n.get_locale()),
        }),
        _ => None,
    });
    let answer_error = move || {
        if !tried.get() {
            None
        } else if needs_answer(status.get()) && answer.with(|a| a.trim().is_empty()) {
            Some(t_string!(i18n, staff_corrections.answer_missing))
        } else if chars.get() > ANSWER_MAX_CHARS {
            Some(t_string!(i18n, staff_corrections.answer_too_long))
        } else {
            None
        }
    };
    let answer_id = format!("{form_id}-text");
    let submit = {
        let answer_id = answer_id.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            tried.set(true);
            let chosen = status.get_untracked();
            let text = answer.get_untracked().trim().to_owned();
            if (needs_answer(chosen) && text.is_empty()) || text.chars().count() > ANSWER_MAX_CHARS
            {
                focus_soon(answer_id.clone());
                return;
            }
            save.dispatch(CorrectionUpdate {
                status: chosen,
                answer: (!text.is_empty()).then_some(text),
            });
        }
    };
    let cancel = move |_| {
        answering.set(false);
        focus_soon(open_id.clone());
    };
    view! {
        <form class="stack answer-form" novalidate=true on:submit=submit>
            <RadioGroup
                legend=tr!(i18n, staff_corrections.status_legend)
                name=format!("{form_id}-status")
                options=[
                    CorrectionStatus::Submitted,
                    CorrectionStatus::InProgress,
                    CorrectionStatus::Done,
                    CorrectionStatus::Declined,
                ]
                .into_iter()
                .map(|option| (option, status_key(option)))
                .collect()
                selected=Signal::derive(move || Some(status.get()))
                on_choose=Callback::new(move |option| status.set(option))
                label=status_name
            />
            <TextArea
                id=answer_id
                label=tr!(i18n, staff_corrections.answer_label)
                hint=tr!(i18n, staff_corrections.answer_hint)
                value=answer
                max_chars=ANSWER_MAX_CHARS
                counter=tr!(i18n, staff_corrections.counter)
                error=Signal::derive(move || answer_error().map(str::to_owned))
            />
            <FormError message=server_error />
            <div class="actions">
                <button type="submit" class="button" disabled=move || save.pending().get()>
                    {tr!(i18n, staff_corrections.save)}
                </button>
                <button type="button" class="button-secondary" on:click=cancel>
                    {tr!(i18n, staff_corrections.cancel)}
                </button>
            </div>
        </form>
    }
}
