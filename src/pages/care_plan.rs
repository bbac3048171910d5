//! `/portaal/:client_id/zorgplan`: the client's care plan (R11), per life domain, with
//! earlier versions (`?versie=ID`).

use kring_api::{CarePlan, CarePlanDomain, Goal, GoalStatus, ProblemCode};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::app::routes;
use crate::components::{
    domain_name, DomainIcon, DossierDisclaimer, DossierError, PortalBackLink, RequireSignIn,
    Skeleton,
};
use crate::fetched::Fetched;
use crate::i18n::*;
use crate::local_time::day_text;
use crate::organisation::use_page_title;
use crate::portal_scope::{use_client_id, use_is_administrator, ClientId};

/// The care plan in force, or the version named in `?versie=`.
#[component]
pub fn CarePlanPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, care_plan.title));
    let client_id = use_client_id();
    let query = use_query_map();
    let version = Memo::new(move |_| {
        query
            .read()
            .get("versie")
            .and_then(|v| v.parse::<i64>().ok())
    });
    let plan = Fetched::new(move || {
        let version = version.get();
        async move {
            match version {
                Some(plan) => api::care_plan_version(client_id.get(), plan).await,
                None => api::care_plan(client_id.get()).await,
            }
        }
    });
    let retry = Callback::new(move |()| plan.refetch());
    view! {
        <RequireSignIn>
            <PortalBackLink client_id />
            <h1>{tr!(i18n, care_plan.title)}</h1>
            {move || match plan.get() {
                None => view! { <Skeleton lines=6 /> }.into_any(),
                // No plan yet is not an error: say so, and whom to ask.
                Some(Err(error)) if error.code() == Some(ProblemCode::NotFound) && version.get().is_none() => view! {
                    <p>{tr!(i18n, care_plan.none)}</p>
                    <DossierDisclaimer counsellor=Signal::stored(None) />
                }
                .into_any(),
                Some(Err(error)) => view! { <DossierError error retry /> }.into_any(),
                Some(Ok(plan)) => view! { <PlanView plan client_id /> }.into_any(),
            }}
        </RequireSignIn>
    }
}

/// One plan: its period, the disclaimer, the domains and the list of versions.
#[component]
fn PlanView(plan: CarePlan, client_id: ClientId) -> impl IntoView {
    let i18n = use_i18n();
    let is_admin = use_is_administrator(client_id);
    let start = plan.period_start;
    let end = plan.period_end;
    let period = move || {
        let locale = i18n.get_locale();
        let start = day_text(start, locale);
        match &end {
            Some(end) => fill(
                td_string!(locale, care_plan.period_past),
                &[("start", &start), ("end", &day_text(*end, locale))],
            ),
            None => fill(
                td_string!(locale, care_plan.period_current),
                &[("start", &start)],
            ),
        }
    };
    let current_href = routes::care_plan(client_id);
    let plan_id = plan.id;
    let versions = plan.versions.clone();
    view! {
        <p class="lead">{period}</p>
        {(!plan.current).then(|| view! {
            <div class="notice">
                <p>{tr!(i18n, care_plan.not_current)}</p>
                <p><a href=current_href>{tr!(i18n, care_plan.to_current)}</a></p>
            </div>
        })}
        <DossierDisclaimer counsellor=Signal::stored(plan.counsellor.clone()) />
        {plan.domains.into_iter().map(|domain| view! { <DomainSection domain client_id is_admin /> }).collect_view()}
        {(versions.len() > 1).then(|| view! {
            <section class="card" aria-labelledby="versions-title">
                <h2 id="versions-title">{tr!(i18n, care_plan.versions_title)}</h2>
                <ul class="version-list">
                    {versions.into_iter().map(|v| {
                        let href = format!("{}?versie={}", routes::care_plan(client_id), v.id);
                        let start = v.period_start;
                        let end = v.period_end;
                        let text = move || {
                            let locale = i18n.get_locale();
                            let start = day_text(start, locale);
                            match &end {
                                Some(end) => fill(td_string!(locale, care_plan.version_past), &[("start", &start), ("end", &day_text(*end, locale))]),
                                None => fill(td_string!(locale, care_plan.version_current), &[("start", &start)]),
                            }
                        };
                        let shown = v.id == plan_id;
                        view! {
                            <li>
                                <a href=href aria-current=shown.then_some("page")>{text}</a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}

/// A life domain with its goals.
#[component]
fn DomainSection(
    domain: CarePlanDomain,
    client_id: ClientId,
    is_admin: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("domain-{}", domain.domain.as_str());
    let labelled_by = id.clone();
    let which = domain.domain;
    let goals = domain.goals;
    view! {
        <section class="card domain" aria-labelledby=labelled_by>
            <h2 id=id class="with-icon">
                <DomainIcon domain=which />
                <span>{move || domain_name(i18n.get_locale(), which)}</span>
            </h2>
            {if goals.is_empty() {
                view! { <p class="meta">{tr!(i18n, care_plan.no_goals)}</p> }.into_any()
            } else {
                view! {
                    <ul class="goal-list">
                        {goals.into_iter().map(|goal| view! { <GoalItem goal client_id is_admin /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

/// A goal: the client's words, its status (icon and text), dates and agreed actions.
#[component]
fn GoalItem(goal: Goal, client_id: ClientId, is_admin: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let status = goal.status;
    let start = goal.start_date;
    let evaluation = goal.evaluation_date;
    let goal_id = goal.id;
    let ask_href = move || format!("{}?doel={goal_id}", routes::new_correction(client_id));
    view! {
        <li class="goal">
            <h3>{goal.text}</h3>
            <p class=move || format!("goal-status status-{}", status_class(status))>
                <StatusIcon status />
                <span>{move || status_text(i18n.get_locale(), status)}</span>
            </p>
            <p class="meta">
                {move || fill(td_string!(i18n.get_locale(), care_plan.started), &[("date", &day_text(start, i18n.get_locale()).to_string())])}
                <br />
                {move || fill(td_string!(i18n.get_locale(), care_plan.evaluation), &[("date", &day_text(evaluation, i18n.get_locale()).to_string())])}
            </p>
            {(!goal.actions.is_empty()).then(|| view! {
                <h4>{tr!(i18n, care_plan.actions_title)}</h4>
                <ul class="agreed-actions">
                    {goal.actions.into_iter().map(|action| view! {
                        <li>
                            <p class="action-what">{action.what}</p>
                            <dl class="action-facts">
                                <dt>{tr!(i18n, care_plan.action_who)}</dt>
                                <dd>{action.who}</dd>
                                <dt>{tr!(i18n, care_plan.action_often)}</dt>
                                <dd>{action.how_often}</dd>
                            </dl>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            <Show when=move || is_admin.get()>
                <p><a class="ask-change" href=ask_href>{tr!(i18n, dossier.ask_change)}</a></p>
            </Show>
        </li>
    }
}

fn status_class(status: GoalStatus) -> &'static str {
    match status {
        GoalStatus::Active => "active",
        GoalStatus::Achieved => "achieved",
        GoalStatus::Stopped => "stopped",
    }
}

fn status_text(locale: Locale, status: GoalStatus) -> &'static str {
    match status {
        GoalStatus::Active => td_string!(locale, care_plan.status_active),
        GoalStatus::Achieved => td_string!(locale, care_plan.status_achieved),
        GoalStatus::Stopped => td_string!(locale, care_plan.status_stopped),
    }
}

/// The status's icon: an arrow (working on it), a tick (achieved), a bar (stopped).
#[component]
fn StatusIcon(status: GoalStatus) -> impl IntoView {
    let path = match status {
        GoalStatus::Active => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18ZM8 12h8M13 8.5l3.5 3.5-3.5 3.5",
        GoalStatus::Achieved => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18ZM7.5 12.5l3 3 6-6.5",
        GoalStatus::Stopped => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18ZM8 12h8",
    };
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=path />
        </svg>
    }
}
