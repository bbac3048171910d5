//! `/team/client/:client_id/rapportages`: a client's reports as the care team sees them,
//! released to the portal or kept back, newest first; writing one, and releasing one that
//! was kept back. A released report stays released: the client may have read it.

use std::sync::Arc;

use kring_api::{CaseloadClient, LifeDomain, NewReport, PortalStatus, StaffReport};
use leptos::prelude::*;

use super::caseload::{use_caseload_client, BackToClient, ClientLoaded};
use super::RequireStaff;
use crate::api::{self, ApiError};
use crate::components::{
    domain_name, focus_soon, DomainIcon, ErrorPanel, FormError, LoadMore, ModalDialog, RadioGroup,
    Skeleton, TextArea,
};
use crate::errors::action_error;
use crate::i18n::*;
use crate::local_time::date_and_time;
use crate::organisation::use_page_title;
use crate::paged::{Paged, Phase};

/// The longest report, in characters (the server checks the same).
const REPORT_MAX_CHARS: usize = 10_000;

/// The reports as the list holds them.
type ReportRow = Arc<StaffReport>;

/// What the page last told the person, in the status message under the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Announcement {
    /// A report was written; `released` says whether it is in the portal already.
    Written { released: bool },
    /// A kept-back report was released.
    Released,
}

/// The id of the status message that takes focus after writing or releasing.
const STATUS_ID: &str = "staff-report-status";

/// The reports page: the client's name in the heading, the form, then the list.
#[component]
pub fn StaffReportsPage() -> impl IntoView {
    use_page_title(|locale| td_string!(locale, staff_reports.title));
    let scope = use_caseload_client();
    view! {
        <RequireStaff>
            <ClientLoaded scope children=move |client| view! { <ReportsBody client /> } />
        </RequireStaff>
    }
}

/// What a portal's state means for who reads a released report, when it is not the
/// usual "in use".
fn portal_note(locale: Locale, portal: PortalStatus) -> Option<&'static str> {
    match portal {
        PortalStatus::NoAccess => Some(td_string!(locale, staff_reports.portal_none)),
        PortalStatus::Suspended => Some(td_string!(locale, staff_reports.portal_suspended)),
        PortalStatus::Ended => Some(td_string!(locale, staff_reports.portal_ended)),
        PortalStatus::Invited | PortalStatus::Active => None,
    }
}

/// The way back to the client, the heading, who reads released reports, the form, the
/// status message and the list.
#[component]
fn ReportsBody(client: CaseloadClient) -> impl IntoView {
    let i18n = use_i18n();
    let client_id = client.id;
    let name = StoredValue::new(client.name.clone());
    let portal = client.portal;
    let reports = Paged::new(
        move || client_id,
        move |client: i64, cursor| async move { api::staff::reports(client, cursor).await },
        |rows: &mut Vec<ReportRow>, items| rows.extend(items.into_iter().map(Arc::new)),
    );
    let announcement = RwSignal::new(None::<Announcement>);
    let releasing = RwSignal::new(None::<i64>);
    let status = move || {
        let locale = i18n.get_locale();
        announcement.get().map(|a| {
            let text = match a {
                Announcement::Written { released: true } => {
                    td_string!(locale, staff_reports.written_released)
                }
                Announcement::Written { released: false } => {
                    td_string!(locale, staff_reports.written_kept)
                }
                Announcement::Released => td_string!(locale, staff_reports.released_done),
            };
            view! { <p class="form-success">{text}</p> }
        })
    };
    view! {
        <BackToClient id=client_id name=client.name.clone() />
        <h1>{move || fill(td_string!(i18n.get_locale(), staff_reports.heading), &[("name", &name.get_value())])}</h1>
        <p class="lead">
            {move || fill(td_string!(i18n.get_locale(), staff_reports.who_reads), &[("name", &name.get_value())])}
        </p>
        {move || portal_note(i18n.get_locale(), portal).map(|note| view! { <p class="notice">{note}</p> })}
        <ReportEditor client_id reports announcement />
        <div id=STATUS_ID class="form-success-slot staff-status" role="status" tabindex="-1">{status}</div>
        <ReportList reports releasing />
        <ReleaseDialog client_id name reports releasing announcement />
    }
}

/// Which life domain, the text with a counter, and whether it shows in the portal now.
#[component]
fn ReportEditor(
    client_id: i64,
    reports: Paged<ReportRow>,
    announcement: RwSignal<Option<Announcement>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let category = RwSignal::new(None::<LifeDomain>);
    let text = RwSignal::new(String::new());
    let release = RwSignal::new(None::<bool>);
    let tried = RwSignal::new(false);
    // The text is sent without the spaces around it: that is what counts.
    let chars = Memo::new(move |_| text.with(|t| t.trim().chars().count()));
    let write = Action::new_local(move |report: &NewReport| {
        let report = report.clone();
        async move {
            let written = api::staff::write_report(client_id, report).await?;
            let released = written.released;
            reports.update_rows(|rows| rows.insert(0, Arc::new(written)));
            category.set(None);
            text.set(String::new());
            release.set(None);
            tried.set(false);
            announcement.set(Some(Announcement::Written { released }));
            focus_soon(STATUS_ID);
            Ok::<(), ApiError>(())
        }
    });
    let server_error = action_error(write);
    let category_error = move || {
        (tried.get() && category.get().is_none())
            .then(|| t_string!(i18n, staff_reports.category_missing))
    };
    let text_error = move || {
        if !tried.get() {
            None
        } else if text.with(|t| t.trim().is_empty()) {
            Some(t_string!(i18n, staff_reports.text_missing))
        } else if chars.get() > REPORT_MAX_CHARS {
            Some(t_string!(i18n, staff_reports.text_too_long))
        } else {
            None
        }
    };
    let release_error = move || {
        (tried.get() && release.get().is_none())
            .then(|| t_string!(i18n, staff_reports.release_missing))
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        tried.set(true);
        announcement.set(None);
        let Some(chosen) = category.get_untracked() else {
            focus_soon("report-category");
            return;
        };
        let body = text.get_untracked();
        if body.trim().is_empty() || body.trim().chars().count() > REPORT_MAX_CHARS {
            focus_soon("report-text");
            return;
        }
        let Some(now) = release.get_untracked() else {
            focus_soon("report-release-now");
            return;
        };
        write.dispatch(NewReport {
            category: chosen,
            body: body.trim().to_owned(),
            release: now,
        });
    };
    view! {
        <form class="card stack" aria-labelledby="report-new-title" novalidate=true on:submit=submit>
            <h2 id="report-new-title">{tr!(i18n, staff_reports.new_title)}</h2>
            <div class="field">
                <label for="report-category">{tr!(i18n, staff_reports.category)}</label>
                <select
                    id="report-category"
                    name="category"
                    aria-invalid=move || category_error().map(|_| "true")
                    aria-describedby=move || category_error().map(|_| "report-category-error")
                    prop:value=move || category.get().map(LifeDomain::as_str).unwrap_or_default()
                    on:change=move |ev| category.set(LifeDomain::parse(&event_target_value(&ev)))
                >
                    <option value="">{tr!(i18n, staff_reports.category_choose)}</option>
                    {LifeDomain::ALL.into_iter().map(|domain| view! {
                        <option value=domain.as_str()>{move || domain_name(i18n.get_locale(), domain)}</option>
                    }).collect_view()}
                </select>
                {move || category_error().map(|m| view! { <p class="field-error" id="report-category-error">{m}</p> })}
            </div>
            <TextArea
                id="report-text"
                name="body"
                rows=6
                label=tr!(i18n, staff_reports.text)
                hint=tr!(i18n, staff_reports.text_hint)
                value=text
                max_chars=REPORT_MAX_CHARS
                counter=tr!(i18n, staff_reports.counter)
                error=Signal::derive(move || text_error().map(str::to_owned))
            />
            <RadioGroup
                legend=tr!(i18n, staff_reports.release_legend)
                name="report-release"
                options=vec![(true, "now"), (false, "later")]
                selected=release
                on_choose=Callback::new(move |option| release.set(Some(option)))
                label=|locale, now| if now {
                    td_string!(locale, staff_reports.release_now)
                } else {
                    td_string!(locale, staff_reports.release_later)
                }
                explain=|locale, now| if now {
                    td_string!(locale, staff_reports.release_now_text)
                } else {
                    td_string!(locale, staff_reports.release_later_text)
                }
                error=Signal::derive(move || release_error().map(str::to_owned))
            />
            <FormError message=server_error />
            <div class="actions">
                <button type="submit" class="button" disabled=move || write.pending().get()>
                    {tr!(i18n, staff_reports.submit)}
                </button>
            </div>
        </form>
    }
}

/// The reports, newest first, page by page.
#[component]
fn ReportList(reports: Paged<ReportRow>, releasing: RwSignal<Option<i64>>) -> impl IntoView {
    let i18n = use_i18n();
    let phase = reports.phase();
    let list = move || {
        match phase.get() {
            Phase::Loading | Phase::Failed => {
                return match untrack(|| reports.error()) {
                    Some(error) => view! {
                        <ErrorPanel error=Signal::stored(error) retry=Callback::new(move |()| reports.retry()) />
                    }
                    .into_any(),
                    None => view! { <Skeleton lines=4 /> }.into_any(),
                }
            }
            Phase::Empty => {
                return view! { <p class="empty">{tr!(i18n, staff_reports.none)}</p> }.into_any()
            }
            Phase::Shown => {}
        }
        view! {
            <ol class="staff-report-list">
                // Releasing changes the key, so the item is drawn again in its new state.
                <For
                    each=move || reports.rows()
                    key=|report| (report.id, report.released)
                    children=move |report| view! { <ReportItem report releasing /> }
                />
            </ol>
            <LoadMore
                more=Callback::new(move |()| reports.more())
                retry=Callback::new(move |()| reports.retry())
                loading=Signal::derive(move || reports.loading())
                complete=Signal::derive(move || reports.complete())
                error=Signal::derive(move || reports.error())
                label=tr!(i18n, staff_reports.more)
                end_text=tr!(i18n, staff_reports.end)
                automatic=false
            />
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="staff-reports-list-title">
            <h2 id="staff-reports-list-title">{tr!(i18n, staff_reports.list_title)}</h2>
            {list}
        </section>
    }
}

/// One report: its life domain, when and by whom, whether the portal shows it, the text,
/// and for a kept-back one "release to the portal".
#[component]
fn ReportItem(report: ReportRow, releasing: RwSignal<Option<i64>>) -> impl IntoView {
    let i18n = use_i18n();
    let id = report.id;
    let domain = report.category;
    let released = report.released;
    let heading_id = format!("staff-report-{id}");
    let labelled_by = heading_id.clone();
    let written_at = report.written_at.clone();
    let when = {
        let written_at = written_at.clone();
        move || {
            date_and_time(
                &written_at,
                td_string!(i18n.get_locale(), staff_reports.written_at),
                i18n.get_locale(),
            )
        }
    };
    let author = report.author_name.clone();
    let byline = move || {
        fill(
            td_string!(i18n.get_locale(), staff_reports.byline),
            &[("author", &author)],
        )
    };
    let release_context = {
        let when = when.clone();
        move || format!(" ({}, {})", domain_name(i18n.get_locale(), domain), when())
    };
    view! {
        <li class={ if released { "card staff-report" } else { "card staff-report staff-report-held" } } aria-labelledby=labelled_by>
            <h3 id=heading_id class="with-icon">
                <DomainIcon domain />
                <span>{move || domain_name(i18n.get_locale(), domain)}</span>
            </h3>
            <p class="meta"><time datetime=written_at.to_string()>{when.clone()}</time>", "{byline}</p>
            <p class={ if released { "release-state release-state-shown" } else { "release-state release-state-held" } }>
                <strong>{move || if released {
                    t_string!(i18n, staff_reports.state_released)
                } else {
                    t_string!(i18n, staff_reports.state_held)
                }}</strong>
            </p>
            <p class="report-body">{report.body.clone()}</p>
            {(!released).then(|| view! {
                <div class="actions">
                    <button type="button" class="button-secondary" on:click=move |_| releasing.set(Some(id))>
                        {tr!(i18n, staff_reports.release)}
                        <span class="visually-hidden">{release_context}</span>
                    </button>
                </div>
            })}
        </li>
    }
}

/// "Release this report?": once released, the client and their circle can read it, and
/// it cannot be taken back.
#[component]
fn ReleaseDialog(
    client_id: i64,
    name: StoredValue<String>,
    reports: Paged<ReportRow>,
    releasing: RwSignal<Option<i64>>,
    announcement: RwSignal<Option<Announcement>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let release = Action::new_local(move |report_id: &i64| {
        let report_id = *report_id;
        async move {
            let released = api::staff::release_report(client_id, report_id).await?;
            reports.update_rows(|rows| {
                if let Some(row) = rows.iter_mut().find(|r| r.id == report_id) {
                    *row = Arc::new(released);
                }
            });
            releasing.set(None);
            announcement.set(Some(Announcement::Released));
            focus_soon(STATUS_ID);
            Ok::<(), ApiError>(())
        }
    });
    let error = action_error(release);
    let close = move || {
        release.value().set(None);
        releasing.set(None);
    };
    view! {
        <ModalDialog
            open=Signal::derive(move || releasing.get().is_some())
            labelled_by="release-title"
            described_by="release-text"
            on_dismiss=Callback::new(move |()| close())
        >
            <h2 id="release-title">{tr!(i18n, staff_reports.release_title)}</h2>
            <p id="release-text">
                {move || fill(td_string!(i18n.get_locale(), staff_reports.release_text), &[("name", &name.get_value())])}
            </p>
            <FormError message=error />
            <div class="actions">
                <button type="button" class="button-secondary" on:click=move |_| close()>
                    {tr!(i18n, staff_reports.cancel)}
                </button>
                <button
                    type="button"
                    class="button"
                    disabled=move || release.pending().get()
                    on:click=move |_| {
                        if let Some(id) = releasing.get_untracked() {
                            release.dispatch(id);
                        }
                    }
                >
                    {tr!(i18n, staff_reports.release_confirm)}
                </button>
            </div>
        </ModalDialog>
    }
}
