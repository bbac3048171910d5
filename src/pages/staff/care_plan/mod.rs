//! `/team/client/:client_id/zorgplan`: a new version of a client's care plan. It starts
//! from the plan in force (or, without one, from one empty life domain); staff add and
//! remove life domains, goals and agreed actions, and choose the new version's first day.
//! The plan in force until then ends the day before and stays readable as an earlier
//! version.

use kring_api::{CarePlan, CaseloadClient, Day, GoalStatus, LifeDomain, NewCarePlan, ProblemCode};
use leptos::prelude::*;

pub mod draft;

use draft::{
    date_problem, domain_problem, evaluation_problem, text_problem, ActionDraft, DomainDraft,
    Draft, GoalDraft, Problem, GOAL_MAX_CHARS, SHORT_MAX_CHARS,
};

use super::caseload::{use_caseload_client, BackToClient, ClientLoaded};
use super::RequireStaff;
use crate::api::{self, ApiError};
use crate::app::routes;
use crate::components::{
    domain_name, focus_first_soon, focus_soon, FormActions, FormError, Loaded,
};
use crate::errors::error_message;
use crate::fetched::Fetched;
use crate::i18n::*;
use crate::local_time::{add_days, day_text, field_day, today};
use crate::organisation::use_page_title;
use crate::portal_scope::ClientId;

/// The care plan editor page.
#[component]
pub fn StaffCarePlanPage() -> impl IntoView {
    use_page_title(|locale| td_string!(locale, staff_care_plan.title));
    let scope = use_caseload_client();
    view! {
        <RequireStaff>
            <ClientLoaded scope children=move |client| view! { <CarePlanForClient client /> } />
        </RequireStaff>
    }
}

/// What the editor starts from: the client, and the plan in force if there is one.
#[derive(Clone, Debug)]
struct Start {
    client: CaseloadClient,
    plan: Option<CarePlan>,
}

/// The way back to the client; loads the plan in force, then shows the editor.
#[component]
fn CarePlanForClient(client: CaseloadClient) -> impl IntoView {
    let id = client.id;
    let name = client.name.clone();
    let plan = Fetched::new(move || async move {
        match api::staff::care_plan(id).await {
            Ok(plan) => Ok(Some(plan)),
            // No plan yet: the first version starts empty.
            Err(error) if is_not_found(&error) => Ok(None),
            Err(error) => Err(error),
        }
    });
    let client = StoredValue::new(client);
    let show = move |plan: Option<CarePlan>| {
        let client = client.get_value();
        view! { <Editor start=Start { client, plan } /> }
    };
    view! {
        <BackToClient id name />
        <Loaded resource=plan skeleton_lines=8 children=show />
    }
}

/// Whether the server said "not found" (a problem body or a bare 404).
fn is_not_found(error: &ApiError) -> bool {
    error.code() == Some(ProblemCode::NotFound) || matches!(error, ApiError::Status(404))
}

/// What is wrong, in the person's language (`latest_start`: the newest version's first day).
fn problem_message(problem: Problem, locale: Locale, latest_start: Option<Day>) -> String {
    match problem {
        Problem::TextMissing => td_string!(locale, staff_care_plan.text_missing).to_owned(),
        Problem::TextTooLong(max) => fill(
            td_string!(locale, staff_care_plan.text_too_long),
            &[("max", &max.to_string())],
        ),
        Problem::DateMissing => td_string!(locale, staff_care_plan.date_missing).to_owned(),
        Problem::EvaluationBeforeStart => {
            td_string!(locale, staff_care_plan.evaluation_before_start).to_owned()
        }
        Problem::PeriodTooEarly => fill(
            td_string!(locale, staff_care_plan.period_too_early),
            &[(
                "date",
                &latest_start
                    .map(|d| day_text(d, locale))
                    .unwrap_or_default(),
            )],
        ),
        Problem::DomainTwice => td_string!(locale, staff_care_plan.domain_twice).to_owned(),
        Problem::DomainWithoutGoals => {
            td_string!(locale, staff_care_plan.domain_without_goals).to_owned()
        }
    }
}

/// A field's error text while the person has tried to save and the field is wrong.
fn shown_error(
    draft: Draft,
    problem: impl Fn() -> Option<Problem> + Send + Sync + 'static,
) -> Signal<Option<String>> {
    let i18n = use_i18n();
    let latest = draft.latest_start;
    Signal::derive(move || {
        if !draft.tried.get() {
            return None;
        }
        problem().map(|p| problem_message(p, i18n.get_locale(), latest))
    })
}

/// The editor: first day, the domains with their goals and actions, and "save".
#[component]
fn Editor(start: Start) -> impl IntoView {
    let i18n = use_i18n();
    let client = start.client;
    let client_id = client.id;
    let name = StoredValue::new(client.name.clone());
    let current_start = start.plan.as_ref().map(|p| p.period_start);
    let Some(owner) = Owner::current() else {
        return ().into_any();
    };
    let draft = Draft::new(start.plan.as_ref(), today(), owner);

    let save = Action::new_local(move |plan: &NewCarePlan| {
        let plan = plan.clone();
        async move {
            let saved = api::staff::new_care_plan(client_id, plan).await?;
            focus_soon("care-plan-saved");
            Ok::<CarePlan, ApiError>(saved)
        }
    });
    let server_error = Signal::derive(move || match save.value().get() {
        Some(Err(error)) => Some(save_error(&error, i18n.get_locale())),
        _ => None,
    });
    let check_error = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        draft.tried.set(true);
        if untrack(|| draft.has_problems()) {
            check_error.set(true);
            focus_first_soon("#care-plan-form [aria-invalid='true']");
            return;
        }
        check_error.set(false);
        // Without problems every date field holds a day.
        if let Some(plan) = draft.to_new_plan() {
            save.dispatch(plan);
        }
    };
    let form_error = Signal::derive(move || {
        if check_error.get() && draft.tried.get() && draft.has_problems() {
            Some(t_string!(i18n, staff_care_plan.check_fields).to_owned())
        } else {
            server_error.get()
        }
    });
    let period_error = shown_error(draft, move || draft.period_problem());
    let period_help = move || {
        let locale = i18n.get_locale();
        let chosen = draft.period_start.get();
        let day_before = field_day(&chosen)
            .and_then(|day| add_days(day, -1))
            .map(|d| day_text(d, locale))
            .unwrap_or_else(|| td_string!(locale, staff_care_plan.the_day_before).to_owned());
        match &current_start {
            Some(current) => fill(
                td_string!(locale, staff_care_plan.period_hint),
                &[
                    ("current", &day_text(*current, locale)),
                    ("end", &day_before),
                ],
            ),
            None => td_string!(locale, staff_care_plan.period_hint_first).to_owned(),
        }
    };
    let min_start = draft.earliest_start().map(|day| day.to_string());
    let has_plan = start.plan.is_some();
    let add_domain = move |_| {
        let domain = draft.domain(draft.unused_domain(), vec![draft.empty_goal()]);
        let key = domain.key;
        draft.domains.update(|d| d.push(domain));
        focus_soon(format!("domain-{key}-which"));
    };
    // Only saving changes the page from the form to the confirmation; a refusal leaves
    // the form (and where focus is in it) as it is.
    let saved = Memo::new(move |_| match save.value().get() {
        Some(Ok(plan)) => Some(plan),
        _ => None,
    });
    let editor = move || {
        if let Some(plan) = saved.get() {
            return view! { <Saved plan name client_id /> }.into_any();
        }
        let period_help = period_help;
        let min_start = min_start.clone();
        view! {
            <p class="lead">
                {move || if has_plan {
                    t_string!(i18n, staff_care_plan.intro)
                } else {
                    t_string!(i18n, staff_care_plan.intro_first)
                }}
            </p>
            <form id="care-plan-form" class="stack care-plan-editor" novalidate=true on:submit=submit>
                <div class="field">
                    <label for="plan-start">{tr!(i18n, staff_care_plan.period_start)}</label>
                    <p class="field-hint" id="plan-start-hint">{period_help}</p>
                    <input
                        id="plan-start"
                        type="date"
                        required=true
                        min=min_start
                        aria-invalid=move || period_error.get().map(|_| "true")
                        aria-describedby=move || {
                            if period_error.get().is_some() {
                                "plan-start-hint plan-start-error"
                            } else {
                                "plan-start-hint"
                            }
                        }
                        prop:value=move || draft.period_start.get()
                        on:input=move |ev| draft.period_start.set(event_target_value(&ev))
                    />
                    {move || period_error.get().map(|m| view! { <p class="field-error" id="plan-start-error">{m}</p> })}
                </div>
                <For
                    each=move || draft.domains.get()
                    key=|domain| domain.key
                    children=move |domain| view! { <DomainEditor draft domain /> }
                />
                {move || (draft.tried.get() && draft.domains.with(Vec::is_empty)).then(|| view! {
                    <p class="field-error" id="plan-domains-error">{tr!(i18n, staff_care_plan.no_domains)}</p>
                })}
                <div class="actions">
                    <button type="button" id="plan-add-domain" class="button-secondary" on:click=add_domain>
                        {tr!(i18n, staff_care_plan.add_domain)}
                    </button>
                </div>
                <FormError message=form_error />
                <FormActions
                    submit=tr!(i18n, staff_care_plan.submit)
                    cancel_href=routes::staff_client(ClientId(client_id))
                    cancel=tr!(i18n, staff_care_plan.cancel)
                    pending=save.pending()
                />
            </form>
        }
        .into_any()
    };
    view! {
        <h1>{move || fill(td_string!(i18n.get_locale(), staff_care_plan.heading), &[("name", &name.get_value())])}</h1>
        {editor}
    }
    .into_any()
}

/// The server's refusal in plain words.
fn save_error(error: &ApiError, locale: Locale) -> String {
    match error.code() {
        Some(ProblemCode::InvalidBody) => {
            td_string!(locale, staff_care_plan.server_invalid).to_owned()
        }
        Some(ProblemCode::TextTooLong) => {
            td_string!(locale, staff_care_plan.server_too_long).to_owned()
        }
        _ => error_message(error, locale),
    }
}

/// The life domain's name, for labels.
fn domain_label(locale: Locale, domain: DomainDraft) -> &'static str {
    domain_name(locale, domain.domain.get())
}

/// One life domain: which one, its goals, "add a goal" and "remove this domain".
#[component]
fn DomainEditor(draft: Draft, domain: DomainDraft) -> impl IntoView {
    let i18n = use_i18n();
    let key = domain.key;
    let number = Memo::new(move |_| {
        draft
            .domains
            .with(|all| all.iter().position(|d| d.key == key).map_or(0, |p| p + 1))
    });
    let select_id = format!("domain-{key}-which");
    let error_id = format!("domain-{key}-error");
    let error = shown_error(draft, move || domain_problem(draft, domain));
    let legend = move || {
        fill(
            td_string!(i18n.get_locale(), staff_care_plan.domain_legend),
            &[
                ("n", &number.get().to_string()),
                ("domain", domain_label(i18n.get_locale(), domain)),
            ],
        )
    };
    let add_goal_id = format!("domain-{key}-add-goal");
    let add_goal = move |_| {
        let goal = draft.empty_goal();
        let goal_key = goal.key;
        domain.goals.update(|g| g.push(goal));
        focus_soon(format!("goal-{goal_key}-text"));
    };
    let remove = move |_| {
        draft.domains.update(|d| d.retain(|d| d.key != key));
        focus_soon("plan-add-domain");
    };
    let described_by = {
        let error_id = error_id.clone();
        move || error.get().map(|_| error_id.clone())
    };
    view! {
        <fieldset class="plan-group plan-domain">
            <legend>{legend}</legend>
            <div class="field">
                <label for=select_id.clone()>{tr!(i18n, staff_care_plan.domain_which)}</label>
                <select
                    id=select_id
                    aria-invalid=move || error.get().map(|_| "true")
                    aria-describedby=described_by
                    prop:value=move || domain.domain.get().as_str()
                    on:change=move |ev| {
                        if let Some(chosen) = LifeDomain::parse(&event_target_value(&ev)) {
                            domain.domain.set(chosen);
                        }
                    }
                >
                    {LifeDomain::ALL.into_iter().map(|option| view! {
                        <option value=option.as_str() selected=move || domain.domain.get() == option>
                            {move || domain_name(i18n.get_locale(), option)}
                        </option>
                    }).collect_view()}
                </select>
                {move || error.get().map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })}
            </div>
            <For
                each=move || domain.goals.get()
                key=|goal| goal.key
                children=move |goal| view! { <GoalEditor draft domain goal /> }
            />
            <div class="actions">
                <button type="button" id=add_goal_id class="button-secondary" on:click=add_goal>
                    {tr!(i18n, staff_care_plan.add_goal)}
                    <span class="visually-hidden">
                        {move || fill(td_string!(i18n.get_locale(), staff_care_plan.add_goal_context), &[("domain", domain_label(i18n.get_locale(), domain))])}
                    </span>
                </button>
                <button type="button" class="button-link" on:click=remove>
                    {tr!(i18n, staff_care_plan.remove_domain)}
                    <span class="visually-hidden">
                        {move || fill(td_string!(i18n.get_locale(), staff_care_plan.remove_domain_context), &[("domain", domain_label(i18n.get_locale(), domain))])}
                    </span>
                </button>
            </div>
        </fieldset>
    }
}

/// A labelled text input or text area with its error, for the editor's many fields.
#[component]
fn DraftField(
    id: String,
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(default = false)] multiline: bool,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described_by = {
        let error_id = error_id.clone();
        move || error.get().map(|_| error_id.clone())
    };
    let input = if multiline {
        view! {
            <textarea
                id=id.clone()
                rows="2"
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                type="text"
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {input}
            {move || error.get().map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })}
        </div>
    }
}

/// A labelled date input with its error.
#[component]
fn DateField(
    id: String,
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described_by = {
        let error_id = error_id.clone();
        move || error.get().map(|_| error_id.clone())
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="date"
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {move || error.get().map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })}
        </div>
    }
}

fn status_text(locale: Locale, status: GoalStatus) -> &'static str {
    match status {
        GoalStatus::Active => td_string!(locale, care_plan.status_active),
        GoalStatus::Achieved => td_string!(locale, care_plan.status_achieved),
        GoalStatus::Stopped => td_string!(locale, care_plan.status_stopped),
    }
}

fn status_key(status: GoalStatus) -> &'static str {
    match status {
        GoalStatus::Active => "active",
        GoalStatus::Achieved => "achieved",
        GoalStatus::Stopped => "stopped",
    }
}

/// One goal: its words, status and dates, its agreed actions, "add an action" and
/// "remove this goal". The legend says "Goal 2 in Living".
#[component]
fn GoalEditor(draft: Draft, domain: DomainDraft, goal: GoalDraft) -> impl IntoView {
    let i18n = use_i18n();
    let key = goal.key;
    let number = Memo::new(move |_| {
        domain
            .goals
            .with(|all| all.iter().position(|g| g.key == key).map_or(0, |p| p + 1))
    });
    // "Doel 2 in Wonen": the legend, and the context of this goal's buttons.
    let goal_name = move || {
        fill(
            td_string!(i18n.get_locale(), staff_care_plan.goal_legend),
            &[
                ("n", &number.get().to_string()),
                ("domain", domain_label(i18n.get_locale(), domain)),
            ],
        )
    };
    let text_error = shown_error(draft, move || {
        text_problem(&goal.text.get(), GOAL_MAX_CHARS)
    });
    let start_error = shown_error(draft, move || date_problem(&goal.start.get()));
    let evaluation_error = shown_error(draft, move || evaluation_problem(goal));
    let status_id = format!("goal-{key}-status");
    let add_action_id = format!("goal-{key}-add-action");
    let add_action = move |_| {
        let action = draft.action("", "", "");
        let action_key = action.key;
        goal.actions.update(|a| a.push(action));
        focus_soon(format!("action-{action_key}-what"));
    };
    let remove = move |_| {
        domain.goals.update(|g| g.retain(|g| g.key != key));
        focus_soon(format!("domain-{}-add-goal", domain.key));
    };
    view! {
        <fieldset class="plan-group plan-goal">
            <legend>{goal_name}</legend>
            <DraftField
                id=format!("goal-{key}-text")
                label=tr!(i18n, staff_care_plan.goal_text)
                value=goal.text
                error=text_error
                multiline=true
            />
            <div class="field">
                <label for=status_id.clone()>{tr!(i18n, staff_care_plan.goal_status)}</label>
                <select
                    id=status_id
                    prop:value=move || status_key(goal.status.get())
                    on:change=move |ev| {
                        let chosen = match event_target_value(&ev).as_str() {
                            "achieved" => GoalStatus::Achieved,
                            "stopped" => GoalStatus::Stopped,
                            _ => GoalStatus::Active,
                        };
                        goal.status.set(chosen);
                    }
                >
                    {[GoalStatus::Active, GoalStatus::Achieved, GoalStatus::Stopped].into_iter().map(|option| view! {
                        <option value=status_key(option) selected=move || goal.status.get() == option>
                            {move || status_text(i18n.get_locale(), option)}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field-row">
                <DateField id=format!("goal-{key}-start") label=tr!(i18n, staff_care_plan.goal_start) value=goal.start error=start_error />
                <DateField id=format!("goal-{key}-evaluation") label=tr!(i18n, staff_care_plan.goal_evaluation) value=goal.evaluation error=evaluation_error />
            </div>
            <For
                each=move || goal.actions.get()
                key=|action| action.key
                children=move |action| view! { <ActionEditor draft goal action goal_name=Signal::derive(goal_name) /> }
            />
            <div class="actions">
                <button type="button" id=add_action_id class="button-secondary" on:click=add_action>
                    {tr!(i18n, staff_care_plan.add_action)}
                    <span class="visually-hidden">
                        {move || fill(td_string!(i18n.get_locale(), staff_care_plan.add_action_context), &[("goal", &goal_name())])}
                    </span>
                </button>
                <button type="button" class="button-link" on:click=remove>
                    {tr!(i18n, staff_care_plan.remove_goal)}
                    <span class="visually-hidden">{move || format!(" ({})", goal_name())}</span>
                </button>
            </div>
        </fieldset>
    }
}

/// One agreed action: what, who, how often, and "remove this action".
#[component]
fn ActionEditor(
    draft: Draft,
    goal: GoalDraft,
    action: ActionDraft,
    goal_name: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = action.key;
    let number = Memo::new(move |_| {
        goal.actions
            .with(|all| all.iter().position(|a| a.key == key).map_or(0, |p| p + 1))
    });
    let action_name = move || {
        fill(
            td_string!(i18n.get_locale(), staff_care_plan.action_legend),
            &[("n", &number.get().to_string()), ("goal", &goal_name.get())],
        )
    };
    let what_error = shown_error(draft, move || {
        text_problem(&action.what.get(), GOAL_MAX_CHARS)
    });
    let who_error = shown_error(draft, move || {
        text_problem(&action.who.get(), SHORT_MAX_CHARS)
    });
    let often_error = shown_error(draft, move || {
        text_problem(&action.how_often.get(), SHORT_MAX_CHARS)
    });
    let remove = move |_| {
        goal.actions.update(|a| a.retain(|a| a.key != key));
        focus_soon(format!("goal-{}-add-action", goal.key));
    };
    view! {
        <fieldset class="plan-group plan-action">
            <legend>{action_name}</legend>
            <DraftField id=format!("action-{key}-what") label=tr!(i18n, staff_care_plan.action_what) value=action.what error=what_error multiline=true />
            <div class="field-row">
                <DraftField id=format!("action-{key}-who") label=tr!(i18n, staff_care_plan.action_who) value=action.who error=who_error />
                <DraftField id=format!("action-{key}-often") label=tr!(i18n, staff_care_plan.action_often) value=action.how_often error=often_error />
            </div>
            <div class="actions">
                <button type="button" class="button-link" on:click=remove>
                    {tr!(i18n, staff_care_plan.remove_action)}
                    <span class="visually-hidden">{move || format!(" ({})", action_name())}</span>
                </button>
            </div>
        </fieldset>
    }
}

/// Saved: the new plan's period, who sees it, and the way back to the client.
#[component]
fn Saved(plan: CarePlan, name: StoredValue<String>, client_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let start = plan.period_start;
    // The version before this one, now ended the day before it starts.
    let previous_end = plan
        .versions
        .iter()
        .filter(|v| v.id != plan.id)
        .filter_map(|v| v.period_end)
        .max();
    view! {
        <div id="care-plan-saved" class="card form-success" role="status" tabindex="-1">
            <p>{move || fill(td_string!(i18n.get_locale(), staff_care_plan.saved), &[("start", &day_text(start, i18n.get_locale()))])}</p>
            {previous_end.map(|end| view! {
                <p>{move || fill(td_string!(i18n.get_locale(), staff_care_plan.saved_previous), &[("end", &day_text(end, i18n.get_locale()))])}</p>
            })}
            <p>{move || fill(td_string!(i18n.get_locale(), staff_care_plan.saved_who), &[("name", &name.get_value())])}</p>
        </div>
        <p>
            <a class="button" href=routes::staff_client(ClientId(client_id))>
                {move || fill(td_string!(i18n.get_locale(), staff_care_plan.to_client), &[("name", &name.get_value())])}
            </a>
        </p>
    }
}
