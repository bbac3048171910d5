//! `/portaal/:client_id/inzage`: who looked at or changed what in the portal (R23), one
//! line per person per day with the details behind it; period and person in the address
//! (`?van=&tot=&persoon=`).

use std::sync::Arc;

use kring_api::{AccessLogEntry, AccessRole, Day};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{self, query_string, AccessLogFilter};
use crate::app::routes;
use crate::components::{
    use_filter_submit, DossierError, LoadMore, PeriodFields, PortalBackLink, RequireSignIn,
    Skeleton,
};
use crate::i18n::*;
use crate::local_time::{day_heading, day_number, field_day, local_moment, LocalMoment};
use crate::organisation::use_page_title;
use crate::paged::{Paged, Phase};
use crate::portal_scope::{use_client_id, ClientId};

/// Everything one person did on one day.
struct Visit {
    /// The newest entry's id: the visit's key.
    key: i64,
    person_id: Option<i64>,
    person_name: String,
    role: AccessRole,
    /// The relation (circle) or job title (staff), when the log knows it.
    relation: Option<String>,
    job_title: Option<kring_api::LocalizedText>,
    /// Newest first; grows when the next page continues the same day.
    entries: ArcRwSignal<Vec<(Arc<AccessLogEntry>, Option<LocalMoment>)>>,
}

/// A line of the list: a day's heading, or a person's visit that day.
#[derive(Clone)]
enum LogRow {
    Day(Day),
    Visit(Arc<Visit>),
}

impl LogRow {
    fn key(&self) -> i64 {
        match self {
            LogRow::Day(day) => -day_number(*day),
            LogRow::Visit(visit) => visit.key,
        }
    }
}

/// An entry whose time cannot be read still gets a day (it should never happen).
const UNKNOWN_DAY: Day = Day::EPOCH;

/// Adds a page of entries: each joins its person's visit of that day, or starts one.
fn append_entries(rows: &mut Vec<LogRow>, entries: Vec<AccessLogEntry>) {
    for entry in entries {
        let moment = local_moment(&entry.occurred_at);
        let day = moment.map(|m| m.day).unwrap_or(UNKNOWN_DAY);
        // The rows of the newest day so far, back to its heading.
        let mut same_day = None;
        let mut current_day = None;
        for row in rows.iter().rev() {
            match row {
                LogRow::Day(d) => {
                    current_day = Some(*d);
                    break;
                }
                LogRow::Visit(visit)
                    if same_day.is_none()
                        && visit.person_id == entry.person_id
                        && visit.person_name == entry.person_name
                        && visit.role == entry.role =>
                {
                    same_day = Some(visit.clone());
                }
                LogRow::Visit(_) => {}
            }
        }
        if current_day == Some(day) {
            if let Some(visit) = same_day {
                visit
                    .entries
                    .update(|list| list.push((Arc::new(entry), moment)));
                continue;
            }
        } else {
            rows.push(LogRow::Day(day));
        }
        rows.push(LogRow::Visit(Arc::new(Visit {
            key: entry.id,
            person_id: entry.person_id,
            person_name: entry.person_name.clone(),
            role: entry.role,
            relation: entry.relation.clone(),
            job_title: entry.job_title.clone(),
            entries: ArcRwSignal::new(vec![(Arc::new(entry), moment)]),
        })));
    }
}

fn filter_from_query(query: &leptos_router::params::ParamsMap) -> AccessLogFilter {
    let text = |name: &str| {
        query
            .get(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    AccessLogFilter {
        person: query.get("persoon").and_then(|p| p.parse().ok()),
        from: text("van").and_then(|t| field_day(&t)),
        to: text("tot").and_then(|t| field_day(&t)),
    }
}

/// The address of this page with `filter`.
fn href(client_id: ClientId, filter: &AccessLogFilter) -> String {
    let query = query_string(&[
        ("van", filter.from.map(|day| day.to_string())),
        ("tot", filter.to.map(|day| day.to_string())),
        ("persoon", filter.person.map(|p| p.to_string())),
    ]);
    format!("{}{query}", routes::access_log(client_id))
}

/// The access log page (the administrator's).
#[component]
pub fn AccessLogPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, access_log.title));
    let client_id = use_client_id();
    let query = use_query_map();
    let filter = Memo::new(move |_| filter_from_query(&query.read()));
    let log = Paged::new(
        move || filter.get(),
        move |filter: AccessLogFilter, cursor| async move {
            api::access_log(client_id.get(), &filter, cursor).await
        },
        append_entries,
    );
    let person_notice = move || {
        filter.get().person.map(|_| {
            let name = log.with_rows(|rows| {
                rows.iter().find_map(|row| match row {
                    LogRow::Visit(visit) => Some(visit.person_name.clone()),
                    LogRow::Day(_) => None,
                })
            });
            let everyone = move || href(client_id, &AccessLogFilter { person: None, ..filter.get() });
            view! {
                <div class="notice">
                    {name.map(|name| view! {
                        <p>{move || fill(td_string!(i18n.get_locale(), access_log.person_filter), &[("name", &name)])}</p>
                    })}
                    <p><a href=everyone>{tr!(i18n, access_log.everyone)}</a></p>
                </div>
            }
        })
    };
    let phase = log.phase();
    let list = move || {
        match phase.get() {
            Phase::Loading | Phase::Failed => {
                return match untrack(|| log.error()) {
                    Some(error) => {
                        view! { <DossierError error retry=Callback::new(move |()| log.retry()) /> }
                            .into_any()
                    }
                    None => view! { <Skeleton lines=6 /> }.into_any(),
                }
            }
            Phase::Empty => {
                return view! { <p class="empty" role="status">{tr!(i18n, access_log.none)}</p> }
                    .into_any()
            }
            Phase::Shown => {}
        }
        view! {
            <div class="access-log">
                <For
                    each=move || log.rows()
                    key=LogRow::key
                    children=move |row| match row {
                        LogRow::Day(day) => view! {
                            <h2 class="day-heading">{move || day_heading(day, i18n.get_locale())}</h2>
                        }
                        .into_any(),
                        LogRow::Visit(visit) => view! { <VisitItem visit client_id filter /> }.into_any(),
                    }
                />
            </div>
            <LoadMore
                more=Callback::new(move |()| log.more())
                retry=Callback::new(move |()| log.retry())
                loading=Signal::derive(move || log.loading())
                complete=Signal::derive(move || log.complete())
                error=Signal::derive(move || log.error())
                label=tr!(i18n, access_log.more)
                end_text=tr!(i18n, access_log.end)
            />
        }
        .into_any()
    };
    view! {
        <RequireSignIn>
            <PortalBackLink client_id />
            <h1>{tr!(i18n, access_log.title)}</h1>
            <p class="lead">{tr!(i18n, access_log.intro)}</p>
            <PeriodForm client_id filter />
            {person_notice}
            {list}
        </RequireSignIn>
    }
}

/// The period; submitting puts it in the address (the person filter stays).
#[component]
fn PeriodForm(client_id: ClientId, filter: Memo<AccessLogFilter>) -> impl IntoView {
    let i18n = use_i18n();
    let period_wrong = RwSignal::new(false);
    let on_submit = use_filter_submit(client_id, period_wrong, move |client, _, from, to| {
        let person = filter.with_untracked(|f| f.person);
        href(client, &AccessLogFilter { person, from, to })
    });
    view! {
        <form class="card filter-form" aria-labelledby="period-title" on:submit=on_submit novalidate=true>
            <h2 id="period-title">{tr!(i18n, access_log.filter_title)}</h2>
            <PeriodFields
                id="period"
                from=Signal::derive(move || filter.with(|f| f.from))
                to=Signal::derive(move || filter.with(|f| f.to))
                wrong=period_wrong
            />
            <div class="actions">
                <button type="submit" class="button">{tr!(i18n, access_log.apply)}</button>
            </div>
        </form>
    }
}

fn role_name(locale: Locale, role: AccessRole) -> &'static str {
    match role {
        AccessRole::Administrator => td_string!(locale, access_log.role_administrator),
        AccessRole::Representative => td_string!(locale, access_log.role_representative),
        AccessRole::Contact => td_string!(locale, access_log.role_contact),
        AccessRole::Staff => td_string!(locale, access_log.role_staff),
        AccessRole::User => td_string!(locale, access_log.role_user),
        AccessRole::Anonymous => td_string!(locale, access_log.role_anonymous),
        AccessRole::System => td_string!(locale, access_log.role_system),
    }
}

/// "het zorgplan bekeken" / "looked at the care plan".
fn what_happened(locale: Locale, entry: &AccessLogEntry) -> String {
    let section = match entry.section.as_str() {
        "portal" => td_string!(locale, access_log.section_portal),
        "care_plan" => td_string!(locale, access_log.section_care_plan),
        "reports" => td_string!(locale, access_log.section_reports),
        "report" => td_string!(locale, access_log.section_report),
        "correction_requests" => td_string!(locale, access_log.section_correction_requests),
        "access_log" => td_string!(locale, access_log.section_access_log),
        "terms" => td_string!(locale, access_log.section_terms),
        "staff" => td_string!(locale, access_log.section_staff),
        "network" => td_string!(locale, access_log.section_network),
        "notes" => td_string!(locale, access_log.section_notes),
        "registration" => td_string!(locale, access_log.section_registration),
        _ => td_string!(locale, access_log.section_other),
    };
    let action = match entry.action.as_str() {
        "read" => td_string!(locale, access_log.action_read),
        "search" => td_string!(locale, access_log.action_search),
        "create" => td_string!(locale, access_log.action_create),
        "update" => td_string!(locale, access_log.action_update),
        "remove" => td_string!(locale, access_log.action_remove),
        "export" => td_string!(locale, access_log.action_export),
        _ => td_string!(locale, access_log.action_other),
    };
    // Dutch puts the verb last, English first.
    match locale {
        Locale::nl => format!("{section} {action}"),
        Locale::en => format!("{action} {section}"),
    }
}

/// One person's day: who, how often, what in short; the details on request.
#[component]
fn VisitItem(
    visit: Arc<Visit>,
    client_id: ClientId,
    filter: Memo<AccessLogFilter>,
) -> impl IntoView {
    let i18n = use_i18n();
    let entries = visit.entries.clone();
    let role = visit.role;
    let name = visit.person_name.clone();
    let relation = visit.relation.clone();
    let job_title = visit.job_title.clone();
    let summary = {
        let entries = entries.clone();
        move || {
            let locale = i18n.get_locale();
            entries.with(|list| {
                let mut phrases: Vec<String> = Vec::new();
                for (entry, _) in list.iter().filter(|(e, _)| e.allowed) {
                    let phrase = what_happened(locale, entry);
                    if !phrases.contains(&phrase) {
                        phrases.push(phrase);
                    }
                }
                let refused = list.iter().filter(|(e, _)| !e.allowed).count();
                let mut text = fill(
                    td_string!(locale, access_log.times),
                    &[("count", &list.len().to_string())],
                );
                if !phrases.is_empty() {
                    text.push_str(": ");
                    text.push_str(&phrases.join(", "));
                }
                if refused > 0 {
                    text.push_str(". ");
                    text.push_str(&fill(
                        td_string!(locale, access_log.refused_count),
                        &[("count", &refused.to_string())],
                    ));
                }
                text
            })
        }
    };
    let any_refused = {
        let entries = entries.clone();
        move || entries.with(|list| list.iter().any(|(e, _)| !e.allowed))
    };
    let only_person = visit.person_id.filter(|_| filter.with_untracked(|f| f.person.is_none())).map(|person| {
        let name = name.clone();
        let href = move || href(client_id, &AccessLogFilter { person: Some(person), ..filter.get() });
        view! {
            <p><a href=href>{move || fill(td_string!(i18n.get_locale(), access_log.only_person), &[("name", &name)])}</a></p>
        }
    });
    view! {
        <article class=move || if any_refused() { "card visit card-urgent" } else { "card visit" }>
            <h3>{move || {
                let locale = i18n.get_locale();
                // "Anna Visser (Oma)", "Bas Bosman (Persoonlijk begeleider)", else the role.
                let capacity = match (&relation, &job_title) {
                    (Some(relation), _) => relation.clone(),
                    (None, Some(title)) => title.get(api_language(locale)).to_owned(),
                    (None, None) => role_name(locale, role).to_owned(),
                };
                format!("{name} ({capacity})")
            }}</h3>
            <p>{summary}</p>
            <details>
                <summary>{tr!(i18n, access_log.details)}</summary>
                <ul class="visit-entries">
                    <For
                        each=move || entries.get()
                        key=|(entry, _)| entry.id
                        children=move |(entry, moment)| {
                            let clock = moment.map(|m| m.clock()).unwrap_or_default();
                            let allowed = entry.allowed;
                            let item = entry.item.clone().filter(|_| entry.section == "report");
                            view! {
                                <li>
                                    <span class="visit-time">{clock}</span>
                                    " "
                                    <span>{move || what_happened(i18n.get_locale(), &entry)}</span>
                                    {item.map(|item| view! { <span class="meta">{format!(" (#{item})")}</span> })}
                                    {(!allowed).then(|| view! { " " <strong class="refused">{tr!(i18n, access_log.refused)}</strong> })}
                                </li>
                            }
                        }
                    />
                </ul>
            </details>
            {only_person}
        </article>
    }
}
