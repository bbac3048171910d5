//! `/portaal/:client_id/rapportages`: the progress reports (R11), newest first and
//! grouped by day, with filters and search in the address
//! (`?categorie=&van=&tot=&zoek=`) and more pages as the person scrolls.

use std::sync::Arc;

use kring_api::{Counsellor, Day, LifeDomain, Report};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{self, query_string, ReportFilter};
use crate::app::routes;
use crate::components::{
    domain_name, use_filter_submit, DomainIcon, DossierDisclaimer, DossierError, LoadMore,
    NewBadge, PeriodFields, PortalBackLink, RequireSignIn, Skeleton,
};
use crate::i18n::*;
use crate::local_time::{day_heading, day_number, field_day, local_moment, LocalMoment};
use crate::organisation::use_page_title;
use crate::paged::{Paged, Phase};
use crate::portal_scope::{use_client_id, use_is_administrator, ClientId};

/// A line of the list: a day's heading, or a report written that day.
#[derive(Clone)]
enum ReportRow {
    Day(Day),
    Report(Arc<Report>, Option<LocalMoment>),
}

impl ReportRow {
    /// Unique in the list: reports by id, days by their date (negative, so they never
    /// meet an id).
    fn key(&self) -> i64 {
        match self {
            ReportRow::Day(day) => -day_number(*day),
            ReportRow::Report(report, _) => report.id,
        }
    }
}

/// Appends a page of reports, with a day heading wherever the day changes.
fn append_reports(rows: &mut Vec<ReportRow>, reports: Vec<Report>) {
    let mut last_day = rows.iter().rev().find_map(|row| match row {
        ReportRow::Day(day) => Some(*day),
        ReportRow::Report(..) => None,
    });
    for report in reports {
        let moment = local_moment(&report.written_at);
        if let Some(day) = moment.map(|m| m.day) {
            if last_day != Some(day) {
                rows.push(ReportRow::Day(day));
                last_day = Some(day);
            }
        }
        rows.push(ReportRow::Report(Arc::new(report), moment));
    }
}

/// The filter in the address.
fn filter_from_query(query: &leptos_router::params::ParamsMap) -> ReportFilter {
    let text = |name: &str| {
        query
            .get(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    ReportFilter {
        category: query.get("categorie").and_then(|c| LifeDomain::parse(&c)),
        from: text("van").and_then(|t| field_day(&t)),
        to: text("tot").and_then(|t| field_day(&t)),
        search: text("zoek"),
    }
}

/// The reports page.
#[component]
pub fn ReportsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, reports.title));
    let client_id = use_client_id();
    let query = use_query_map();
    let filter = Memo::new(move |_| filter_from_query(&query.read()));
    let counsellor = RwSignal::new(None::<Counsellor>);
    let reports = Paged::new(
        move || filter.get(),
        move |filter: ReportFilter, cursor| async move {
            let page = api::reports(client_id.get(), &filter, cursor).await?;
            counsellor.set(page.counsellor);
            Ok(page.page)
        },
        append_reports,
    );
    view! {
        <RequireSignIn>
            <PortalBackLink client_id />
            <h1>{tr!(i18n, reports.title)}</h1>
            <p class="lead">{tr!(i18n, reports.intro)}</p>
            <ReportFilterForm client_id filter />
            <DossierDisclaimer counsellor />
            <ReportList reports client_id filtered=Signal::derive(move || filter.get() != ReportFilter::default()) />
        </RequireSignIn>
    }
}

/// Category, period and words; submitting puts them in the address.
#[component]
fn ReportFilterForm(client_id: ClientId, filter: Memo<ReportFilter>) -> impl IntoView {
    let i18n = use_i18n();
    let period_wrong = RwSignal::new(false);
    let on_submit = use_filter_submit(client_id, period_wrong, |client, form, from, to| {
        let query = query_string(&[
            ("categorie", form.text("categorie")),
            ("van", from.map(|day| day.to_string())),
            ("tot", to.map(|day| day.to_string())),
            ("zoek", form.text("zoek")),
        ]);
        format!("{}{query}", routes::reports(client))
    });
    let category = move || filter.with(|f| f.category.map(LifeDomain::as_str).unwrap_or_default());
    let clear_href = move || routes::reports(client_id);
    view! {
        <form class="card filter-form" role="search" aria-labelledby="filter-title" on:submit=on_submit novalidate=true>
            <h2 id="filter-title">{tr!(i18n, reports.filter_title)}</h2>
            <div class="field">
                <label for="filter-words">{tr!(i18n, reports.search)}</label>
                <p class="field-hint" id="filter-words-hint">{tr!(i18n, reports.search_hint)}</p>
                <input
                    id="filter-words"
                    name="zoek"
                    type="search"
                    maxlength="200"
                    aria-describedby="filter-words-hint"
                    prop:value=move || filter.with(|f| f.search.clone().unwrap_or_default())
                />
            </div>
            <div class="field">
                <label for="filter-category">{tr!(i18n, reports.category)}</label>
                <select id="filter-category" name="categorie" prop:value=category>
                    <option value="">{tr!(i18n, reports.category_all)}</option>
                    {LifeDomain::ALL.into_iter().map(|domain| view! {
                        <option value=domain.as_str() selected=move || category() == domain.as_str()>
                            {move || domain_name(i18n.get_locale(), domain)}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <PeriodFields
                id="filter"
                from=Signal::derive(move || filter.with(|f| f.from))
                to=Signal::derive(move || filter.with(|f| f.to))
                wrong=period_wrong
            />
            <div class="actions">
                <button type="submit" class="button">{tr!(i18n, reports.apply)}</button>
                <Show when=move || filter.get() != ReportFilter::default()>
                    <a class="button-link" href=clear_href>{tr!(i18n, reports.clear)}</a>
                </Show>
            </div>
        </form>
    }
}

/// The list itself: day headings and reports, appended page by page.
#[component]
fn ReportList(
    reports: Paged<ReportRow>,
    client_id: ClientId,
    filtered: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let is_admin = use_is_administrator(client_id);
    let count = Memo::new(move |_| {
        reports.with_rows(|rows| {
            let shown = rows
                .iter()
                .filter(|r| matches!(r, ReportRow::Report(..)))
                .count();
            let new = rows
                .iter()
                .filter(|r| matches!(r, ReportRow::Report(report, _) if report.new))
                .count();
            (shown, new)
        })
    });
    let summary = move || {
        let locale = i18n.get_locale();
        let (shown, new) = count.get();
        let mut text = fill(
            td_string!(locale, reports.shown),
            &[("count", &shown.to_string())],
        );
        if new > 0 {
            text.push_str(". ");
            text.push_str(&fill(
                td_string!(locale, reports.new_count),
                &[("count", &new.to_string())],
            ));
        }
        text
    };
    let phase = reports.phase();
    move || {
        match phase.get() {
            Phase::Loading | Phase::Failed => return match untrack(|| reports.error()) {
                Some(error) => view! { <DossierError error retry=Callback::new(move |()| reports.retry()) /> }.into_any(),
                None => view! { <Skeleton lines=6 /> }.into_any(),
            },
            Phase::Empty => return view! {
                <p class="empty" role="status">
                    {move || if filtered.get() { t_string!(i18n, reports.none_found) } else { t_string!(i18n, reports.none) }}
                </p>
            }
            .into_any(),
            Phase::Shown => {}
        }
        view! {
            <p class="meta" role="status">{summary}</p>
            <div class="report-list">
                <For
                    each=move || reports.rows()
                    key=ReportRow::key
                    children=move |row| match row {
                        ReportRow::Day(day) => view! {
                            <h2 class="day-heading">{move || day_heading(day, i18n.get_locale())}</h2>
                        }
                        .into_any(),
                        ReportRow::Report(report, moment) => view! {
                            <ReportItem report moment client_id is_admin />
                        }
                        .into_any(),
                    }
                />
            </div>
            <LoadMore
                more=Callback::new(move |()| reports.more())
                retry=Callback::new(move |()| reports.retry())
                loading=Signal::derive(move || reports.loading())
                complete=Signal::derive(move || reports.complete())
                error=Signal::derive(move || reports.error())
                label=tr!(i18n, reports.more)
                end_text=tr!(i18n, reports.end)
            />
        }
        .into_any()
    }
}

/// One report: subject, time, author, text; "new" when written since the last visit.
#[component]
fn ReportItem(
    report: Arc<Report>,
    moment: Option<LocalMoment>,
    client_id: ClientId,
    is_admin: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = report.id;
    let heading_id = format!("report-{id}");
    let labelled_by = heading_id.clone();
    let described_by = heading_id.clone();
    let category = report.category;
    let clock = moment.map(|m| m.clock());
    let author = report.author_name.clone();
    let role = report.author_role.clone();
    let byline = move || format!("{author}, {}", role.get(api_language(i18n.get_locale())));
    let ask_href = move || format!("{}?rapportage={id}", routes::new_correction(client_id));
    view! {
        <article class=if report.new { "report report-new" } else { "report" } aria-labelledby=labelled_by>
            <h3 id=heading_id class="with-icon">
                <DomainIcon domain=category />
                <span>{move || domain_name(i18n.get_locale(), category)}</span>
                {clock.map(|clock| {
                    let written_at = report.written_at.clone();
                    view! {
                        <time class="report-time" datetime=written_at.to_string()>
                            {move || fill(td_string!(i18n.get_locale(), reports.time), &[("time", &clock)])}
                        </time>
                    }
                })}
                {report.new.then(|| view! { <NewBadge /> })}
            </h3>
            <p class="meta">{byline}</p>
            <p class="report-body">{report.body.clone()}</p>
            <Show when=move || is_admin.get()>
                <p><a class="ask-change" href=ask_href aria-describedby=described_by.clone()>{tr!(i18n, dossier.ask_change)}</a></p>
            </Show>
        </article>
    }
}
