//! `/portaal/:client_id/verzoeken`: the client's requests to correct, add, remove or
//! shield dossier data (R24), with their status, due date and the organisation's answer.

use std::sync::Arc;

use kring_api::{CorrectionKind, CorrectionRequest, CorrectionStatus, CorrectionTarget};
use leptos::prelude::*;

use crate::api;
use crate::app::routes;
use crate::components::{DossierError, LoadMore, PortalBackLink, RequireSignIn, Skeleton};
use crate::i18n::*;
use crate::local_time::{day_text, local_date_text};
use crate::organisation::use_page_title;
use crate::paged::{Paged, Phase};
use crate::portal_scope::{use_client_id, use_is_administrator, ClientId};

/// The list of requests, newest first.
#[component]
pub fn CorrectionRequestsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, corrections.title));
    let client_id = use_client_id();
    let is_admin = use_is_administrator(client_id);
    let requests = Paged::new(
        move || client_id,
        move |client: ClientId, cursor| async move {
            api::correction_requests(client.get(), cursor).await
        },
        |rows: &mut Vec<Arc<CorrectionRequest>>, items| {
            rows.extend(items.into_iter().map(Arc::new))
        },
    );
    let new_href = move || routes::new_correction(client_id);
    let phase = requests.phase();
    let list = move || {
        match phase.get() {
            Phase::Loading | Phase::Failed => return match untrack(|| requests.error()) {
                Some(error) => {
                    view! { <DossierError error retry=Callback::new(move |()| requests.retry()) /> }
                        .into_any()
                }
                None => view! { <Skeleton lines=4 /> }.into_any(),
            },
            Phase::Empty => {
                return view! { <p class="empty">{tr!(i18n, corrections.none)}</p> }.into_any()
            }
            Phase::Shown => {}
        }
        view! {
            <ul class="request-list">
                <For
                    each=move || requests.rows()
                    key=|request| request.id
                    children=move |request| view! { <RequestCard request /> }
                />
            </ul>
            <LoadMore
                more=Callback::new(move |()| requests.more())
                retry=Callback::new(move |()| requests.retry())
                loading=Signal::derive(move || requests.loading())
                complete=Signal::derive(move || requests.complete())
                error=Signal::derive(move || requests.error())
                label=tr!(i18n, corrections.more)
                automatic=false
            />
        }
        .into_any()
    };
    view! {
        <RequireSignIn>
            <PortalBackLink client_id />
            <h1>{tr!(i18n, corrections.title)}</h1>
            <p class="lead">{tr!(i18n, corrections.intro)}</p>
            <p>{tr!(i18n, corrections.unchanged)}</p>
            <Show when=move || is_admin.get()>
                <p><a class="button" href=new_href>{tr!(i18n, corrections.new)}</a></p>
            </Show>
            {list}
        </RequireSignIn>
    }
}

/// The kind of request as a short word.
pub fn kind_name(locale: Locale, kind: CorrectionKind) -> &'static str {
    match kind {
        CorrectionKind::Correct => td_string!(locale, corrections.kind_correct),
        CorrectionKind::Add => td_string!(locale, corrections.kind_add),
        CorrectionKind::Remove => td_string!(locale, corrections.kind_remove),
        CorrectionKind::Shield => td_string!(locale, corrections.kind_shield),
    }
}

fn status_name(locale: Locale, status: CorrectionStatus) -> &'static str {
    match status {
        CorrectionStatus::Submitted => td_string!(locale, corrections.status_submitted),
        CorrectionStatus::InProgress => td_string!(locale, corrections.status_in_progress),
        CorrectionStatus::Done => td_string!(locale, corrections.status_done),
        CorrectionStatus::Declined => td_string!(locale, corrections.status_declined),
    }
}

fn target_name(locale: Locale, target: CorrectionTarget) -> &'static str {
    match target {
        CorrectionTarget::Report { .. } => td_string!(locale, corrections.target_report),
        CorrectionTarget::Goal { .. } => td_string!(locale, corrections.target_goal),
        CorrectionTarget::General => td_string!(locale, corrections.target_general),
    }
}

/// One request: what, about what, its words, where it stands, and the answer.
#[component]
fn RequestCard(request: Arc<CorrectionRequest>) -> impl IntoView {
    let i18n = use_i18n();
    let (kind, target, status) = (request.kind, request.target, request.status);
    let filed = request.filed_at.clone();
    let due = request.due_on;
    let answered = request.answered_at.clone();
    let status_class = match status {
        CorrectionStatus::Submitted => "status status-submitted",
        CorrectionStatus::InProgress => "status status-in-progress",
        CorrectionStatus::Done => "status status-done",
        CorrectionStatus::Declined => "status status-declined",
    };
    view! {
        <li class=if request.overdue { "card request card-urgent" } else { "card request" }>
            <h2>{move || format!("{}: {}", kind_name(i18n.get_locale(), kind), target_name(i18n.get_locale(), target))}</h2>
            <p class=status_class><strong>{move || status_name(i18n.get_locale(), status)}</strong></p>
            <p class="request-text">{request.text.clone()}</p>
            <p class="meta">
                {move || fill(td_string!(i18n.get_locale(), corrections.filed), &[("date", &local_date_text(&filed, i18n.get_locale()).to_string())])}
                <br />
                {move || fill(td_string!(i18n.get_locale(), corrections.due), &[("date", &day_text(due, i18n.get_locale()).to_string())])}
            </p>
            {request.overdue.then(|| view! { <p class="overdue"><strong>{tr!(i18n, corrections.overdue)}</strong></p> })}
            {request.answer.clone().map(|answer| view! {
                <div class="answer">
                    <h3>{tr!(i18n, corrections.answer_title)}</h3>
                    <p class="request-text">{answer}</p>
                    {answered.clone().map(|at| view! {
                        <p class="meta">{move || fill(td_string!(i18n.get_locale(), corrections.answered), &[("date", &local_date_text(&at, i18n.get_locale()).to_string())])}</p>
                    })}
                </div>
            })}
        </li>
    }
}
