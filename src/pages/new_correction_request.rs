//! `/portaal/:client_id/verzoeken/nieuw`: the administrator asks for a change (R24),
//! about a report (`?rapportage=ID`), a care-plan goal (`?doel=ID`) or in general.

use kring_api::{CorrectionKind, CorrectionRequest, CorrectionTarget, NewCorrectionRequest};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{self, ApiError};
use crate::app::routes;
use crate::components::{
    domain_name, focus_soon, DossierError, FormActions, FormError, PortalBackLink, RadioGroup,
    RequireSignIn, Skeleton, TextArea,
};
use crate::errors::action_error;
use crate::fetched::Fetched;
use crate::i18n::*;
use crate::local_time::day_text;
use crate::organisation::use_page_title;
use crate::pages::correction_requests::kind_name;
use crate::portal_scope::{use_client_id, use_is_administrator, ClientId};

/// The most a request may say (the server checks the same).
const MAX_CHARS: usize = 2000;

/// What the request is about, as the page shows it before the form.
#[derive(Clone, Debug)]
struct TargetPreview {
    /// A line such as "Gezondheid, 3 maart 2026", for a report.
    heading: Option<(kring_api::LifeDomain, kring_api::Timestamp)>,
    /// The report's text or the goal's words.
    text: String,
}

/// The form to file a request.
#[component]
pub fn NewCorrectionRequestPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, corrections.new_title));
    let client_id = use_client_id();
    let is_admin = use_is_administrator(client_id);
    let query = use_query_map();
    let target = Memo::new(move |_| {
        let query = query.read();
        let id = |name: &str| query.get(name).and_then(|v| v.parse::<i64>().ok());
        match (id("rapportage"), id("doel")) {
            (Some(id), _) => CorrectionTarget::Report { id },
            (None, Some(id)) => CorrectionTarget::Goal { id },
            (None, None) => CorrectionTarget::General,
        }
    });
    let preview = Fetched::new(move || {
        let (client, target) = (client_id.get(), target.get());
        async move {
            match target {
                CorrectionTarget::Report { id } => {
                    let report = api::report(client, id).await?;
                    Ok(Some(TargetPreview {
                        heading: Some((report.category, report.written_at)),
                        text: report.body,
                    }))
                }
                CorrectionTarget::Goal { id } => {
                    let plan = api::care_plan(client).await?;
                    plan.domains
                        .into_iter()
                        .flat_map(|d| d.goals)
                        .find(|g| g.id == id)
                        .map(|g| {
                            Some(TargetPreview {
                                heading: None,
                                text: g.text,
                            })
                        })
                        .ok_or(ApiError::Status(404))
                }
                CorrectionTarget::General => Ok(None),
            }
        }
    });
    let retry = Callback::new(move |()| preview.refetch());
    let body = move || {
        if !is_admin.get() {
            return view! { <div class="notice"><p>{tr!(i18n, dossier.no_access)}</p></div> }
                .into_any();
        }
        match preview.get() {
            None => view! { <Skeleton lines=4 /> }.into_any(),
            // The goal is not in the plan in force: as for any item that is gone.
            Some(Err(ApiError::Status(404))) => view! {
                <div class="notice" role="alert"><p>{tr!(i18n, problem.not_found.detail)}</p></div>
            }
            .into_any(),
            Some(Err(error)) => view! { <DossierError error retry /> }.into_any(),
            Some(Ok(shown)) => view! {
                <TargetBlock target=target.get_untracked() preview=shown />
                <RequestForm client_id target />
            }
            .into_any(),
        }
    };
    view! {
        <RequireSignIn>
            <PortalBackLink client_id />
            <h1>{tr!(i18n, corrections.new_title)}</h1>
            {body}
        </RequireSignIn>
    }
}

/// The item the request is about, quoted.
#[component]
fn TargetBlock(target: CorrectionTarget, preview: Option<TargetPreview>) -> impl IntoView {
    let i18n = use_i18n();
    let intro = move || match target {
        CorrectionTarget::Report { .. } => t_string!(i18n, corrections.about_report),
        CorrectionTarget::Goal { .. } => t_string!(i18n, corrections.about_goal),
        CorrectionTarget::General => t_string!(i18n, corrections.about_general),
    };
    view! {
        <p>{intro}</p>
        {preview.map(|preview| {
            let heading = preview.heading.clone().map(|(domain, written_at)| {
                move || format!(
                    "{}, {}",
                    domain_name(i18n.get_locale(), domain),
                    crate::local_time::local_date_text(&written_at, i18n.get_locale())
                )
            });
            view! {
                <blockquote class="card quoted">
                    {heading.map(|h| view! { <p class="meta">{h}</p> })}
                    <p class="report-body">{preview.text}</p>
                </blockquote>
            }
        })}
    }
}

/// Kind and text; files the request and then says when the answer is due.
#[component]
fn RequestForm(client_id: ClientId, target: Memo<CorrectionTarget>) -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new(None::<CorrectionKind>);
    let text = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    // The text is sent without the spaces around it: that is what counts.
    let chars = Memo::new(move |_| text.with(|t| t.trim().chars().count()));
    let kind_error = move || {
        (tried.get() && kind.get().is_none()).then(|| t_string!(i18n, corrections.kind_missing))
    };
    let text_error = move || {
        if !tried.get() {
            return None;
        }
        if text.with(|t| t.trim().is_empty()) {
            Some(t_string!(i18n, corrections.text_missing))
        } else if chars.get() > MAX_CHARS {
            Some(t_string!(i18n, corrections.text_too_long))
        } else {
            None
        }
    };
    let file = Action::new_local(move |request: &NewCorrectionRequest| {
        let request = request.clone();
        async move { api::file_correction_request(client_id.get(), request).await }
    });
    let error = action_error(file);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        let Some(chosen) = kind.get_untracked() else {
            focus_soon("kind-correct");
            return;
        };
        let words = text.get_untracked();
        if words.trim().is_empty() || words.trim().chars().count() > MAX_CHARS {
            focus_soon("request-text");
            return;
        }
        file.dispatch(NewCorrectionRequest {
            kind: chosen,
            target: target.get_untracked(),
            text: words.trim().to_owned(),
        });
    };
    let list_href = move || routes::correction_requests(client_id);
    move || match file.value().get() {
        Some(Ok(filed)) => {
            view! { <RequestSent filed list_href=Signal::derive(list_href) /> }.into_any()
        }
        _ => view! {
            <form class="stack" on:submit=on_submit novalidate=true>
                <RadioGroup
                    legend=tr!(i18n, corrections.kind_legend)
                    name="kind"
                    options=vec![
                        (CorrectionKind::Correct, "correct"),
                        (CorrectionKind::Add, "add"),
                        (CorrectionKind::Remove, "remove"),
                        (CorrectionKind::Shield, "shield"),
                    ]
                    selected=kind
                    on_choose=Callback::new(move |option| kind.set(Some(option)))
                    label=kind_name
                    explain=kind_text
                    error=Signal::derive(move || kind_error().map(str::to_owned))
                />
                <TextArea
                    id="request-text"
                    name="text"
                    rows=6
                    required=true
                    label=tr!(i18n, corrections.text)
                    hint=tr!(i18n, corrections.text_hint)
                    value=text
                    max_chars=MAX_CHARS
                    counter=tr!(i18n, corrections.counter)
                    error=Signal::derive(move || text_error().map(str::to_owned))
                />
                <FormError message=error />
                <FormActions
                    submit=tr!(i18n, corrections.submit)
                    cancel_href=list_href()
                    cancel=tr!(i18n, corrections.cancel)
                    pending=file.pending()
                />
            </form>
        }
        .into_any(),
    }
}

fn kind_text(locale: Locale, kind: CorrectionKind) -> &'static str {
    match kind {
        CorrectionKind::Correct => td_string!(locale, corrections.kind_correct_text),
        CorrectionKind::Add => td_string!(locale, corrections.kind_add_text),
        CorrectionKind::Remove => td_string!(locale, corrections.kind_remove_text),
        CorrectionKind::Shield => td_string!(locale, corrections.kind_shield_text),
    }
}

/// Filed: when the answer is due, and the way to the list.
#[component]
fn RequestSent(filed: CorrectionRequest, list_href: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let due = filed.due_on;
    view! {
        <div class="card form-success" role="status">
            <p>{move || fill(td_string!(i18n.get_locale(), corrections.sent), &[("date", &day_text(due, i18n.get_locale()).to_string())])}</p>
        </div>
        <p><a href=list_href>{tr!(i18n, corrections.back)}</a></p>
    }
}
