//! `/team/client/:client_id/einde-zorg`: recording that the care relation ended, or that
//! the client died (R4). Portal access ends the organisation's grace days after the
//! earlier of the two dates; the page says which day that is before anything is sent.

use kring_api::{CareRelationEnd, CareRelationEnded, CaseloadClient, Day, ProblemCode};
use leptos::prelude::*;

use super::caseload::{use_caseload_client, BackToClient, ClientLoaded};
use super::RequireStaff;
use crate::api::{self, ApiError};
use crate::app::routes;
use crate::components::{focus_soon, FormActions, FormError, ModalDialog};
use crate::errors::error_message;
use crate::i18n::*;
use crate::local_time::{add_days, day_text, field_day};
use crate::organisation::{use_organisation, use_page_title};
use crate::portal_scope::ClientId;

/// The relation-end page.
#[component]
pub fn StaffRelationEndPage() -> impl IntoView {
    use_page_title(|locale| td_string!(locale, staff_relation_end.title));
    let scope = use_caseload_client();
    view! {
        <RequireStaff>
            <ClientLoaded scope children=move |client| view! { <RelationEndView client /> } />
        </RequireStaff>
    }
}

/// The day access ends: the earlier date plus the grace days (the server's rule; its
/// answer is what counts).
fn access_end(ended_on: &str, deceased_on: &str, grace_days: u32) -> Option<Day> {
    let earliest = [ended_on, deceased_on]
        .into_iter()
        .filter_map(field_day)
        .min()?;
    add_days(earliest, i64::from(grace_days))
}

/// What will happen, the two dates, the confirmation, and the answer.
#[component]
fn RelationEndView(client: CaseloadClient) -> impl IntoView {
    let i18n = use_i18n();
    let organisation = use_organisation();
    let grace_days = Memo::new(move |_| organisation.loaded().map(|o| o.access_grace_days));
    let id = client.id;
    let name = client.name.clone();
    let ended_on = RwSignal::new(String::new());
    let deceased_on = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let answer = RwSignal::new(None::<CareRelationEnded>);
    let preview = Memo::new(move |_| {
        let grace = grace_days.get()?;
        ended_on.with(|e| deceased_on.with(|d| access_end(e, d, grace)))
    });
    let nothing = Memo::new(move |_| {
        ended_on.with(|e| e.trim().is_empty()) && deceased_on.with(|d| d.trim().is_empty())
    });
    let wrong = Memo::new(move |_| {
        [ended_on, deceased_on]
            .into_iter()
            .any(|field| field.with(|v| !v.trim().is_empty() && field_day(v).is_none()))
    });
    let dates_error = Signal::derive(move || {
        if !tried.get() {
            return None;
        }
        let locale = i18n.get_locale();
        if nothing.get() {
            Some(td_string!(locale, staff_relation_end.dates_missing).to_owned())
        } else if wrong.get() {
            Some(td_string!(locale, staff_relation_end.date_wrong).to_owned())
        } else {
            None
        }
    });
    let rule = move || {
        let locale = i18n.get_locale();
        match grace_days.get() {
            Some(days) => fill(
                td_string!(locale, staff_relation_end.rule),
                &[("days", &days.to_string())],
            ),
            None => td_string!(locale, staff_relation_end.rule_unknown).to_owned(),
        }
    };
    let current = client.access_ends_on;
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        tried.set(true);
        if nothing.get_untracked() || wrong.get_untracked() {
            focus_soon("relation-end-ended");
            return;
        }
        confirming.set(true);
    };
    let described_by = move || {
        let mut ids = vec!["relation-end-rule"];
        if dates_error.get().is_some() {
            ids.push("relation-end-error");
        }
        ids.join(" ")
    };
    let done_name = name.clone();
    let lead = {
        let name = name.clone();
        move || {
            fill(
                td_string!(i18n.get_locale(), staff_relation_end.lead),
                &[("name", &name)],
            )
        }
    };
    view! {
        <BackToClient id name=name.clone() />
        <h1>{tr!(i18n, staff_relation_end.title)}</h1>
        {move || match answer.get() {
            Some(ended) => view! { <Recorded ended id name=done_name.clone() /> }.into_any(),
            None => view! {
                <p class="lead">{lead.clone()}</p>
                {current.map(|date| view! {
                    <p class="notice">{move || fill(
                        td_string!(i18n.get_locale(), staff_relation_end.current),
                        &[("date", &day_text(date, i18n.get_locale()))],
                    )}</p>
                })}
                <p id="relation-end-rule">{rule}</p>
                <form class="stack" novalidate=true on:submit=submit>
                    <div class="field-row">
                        <div class="field">
                            <label for="relation-end-ended">{tr!(i18n, staff_relation_end.ended_on)}</label>
                            <input
                                id="relation-end-ended"
                                name="ended_on"
                                type="date"
                                aria-invalid=move || dates_error.get().is_some().then_some("true")
                                aria-describedby=described_by
                                bind:value=ended_on
                            />
                        </div>
                        <div class="field">
                            <label for="relation-end-deceased">{tr!(i18n, staff_relation_end.deceased_on)}</label>
                            <p class="field-hint" id="relation-end-deceased-hint">{tr!(i18n, staff_relation_end.deceased_hint)}</p>
                            <input
                                id="relation-end-deceased"
                                name="deceased_on"
                                type="date"
                                aria-invalid=move || dates_error.get().is_some().then_some("true")
                                aria-describedby=move || format!("relation-end-deceased-hint {}", described_by())
                                bind:value=deceased_on
                            />
                        </div>
                    </div>
                    {move || dates_error.get().map(|message| view! {
                        <p class="field-error" id="relation-end-error">{message}</p>
                    })}
                    <p class="relation-end-preview" aria-live="polite">
                        {move || preview.get().map(|date| fill(
                            td_string!(i18n.get_locale(), staff_relation_end.preview),
                            &[("date", &day_text(date, i18n.get_locale()))],
                        ))}
                    </p>
                    <FormActions
                        submit=tr!(i18n, staff_relation_end.submit)
                        cancel_href=routes::staff_client(ClientId(id))
                        cancel=tr!(i18n, staff_relation_end.cancel)
                    />
                </form>
            }
            .into_any(),
        }}
        <ConfirmEnd id name ended_on deceased_on preview confirming answer />
    }
}

/// "End the care relation of …?" with the day access ends; sends it.
#[component]
fn ConfirmEnd(
    id: i64,
    name: String,
    ended_on: RwSignal<String>,
    deceased_on: RwSignal<String>,
    preview: Memo<Option<Day>>,
    confirming: RwSignal<bool>,
    answer: RwSignal<Option<CareRelationEnded>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let record = Action::new_local(move |end: &CareRelationEnd| {
        let end = end.clone();
        async move {
            let ended = api::staff::end_care_relation(id, end).await?;
            confirming.set(false);
            answer.set(Some(ended));
            Ok::<(), ApiError>(())
        }
    });
    let error = Signal::derive(move || match record.value().get() {
        Some(Err(e)) => {
            let locale = i18n.get_locale();
            Some(match e.code() {
                // The server refuses a date before the care relation started.
                Some(ProblemCode::InvalidBody) => {
                    td_string!(locale, staff_relation_end.dates_refused).to_owned()
                }
                _ => error_message(&e, locale),
            })
        }
        _ => None,
    });
    let close = move || {
        record.value().set(None);
        confirming.set(false);
    };
    let text = move || {
        let locale = i18n.get_locale();
        match preview.get() {
            Some(date) => fill(
                td_string!(locale, staff_relation_end.confirm_text),
                &[("date", &day_text(date, locale))],
            ),
            None => td_string!(locale, staff_relation_end.confirm_text_unknown).to_owned(),
        }
    };
    view! {
        <ModalDialog
            open=Signal::derive(move || confirming.get())
            labelled_by="relation-end-confirm-title"
            described_by="relation-end-confirm-text"
            on_dismiss=Callback::new(move |()| close())
        >
            <h2 id="relation-end-confirm-title">{move || fill(
                td_string!(i18n.get_locale(), staff_relation_end.confirm_title),
                &[("name", &name)],
            )}</h2>
            <p id="relation-end-confirm-text">{text}</p>
            <p>{tr!(i18n, staff_relation_end.confirm_final)}</p>
            <FormError message=error />
            <div class="actions">
                <button type="button" class="button-secondary" on:click=move |_| close()>
                    {tr!(i18n, staff_relation_end.cancel)}
                </button>
                <button
                    type="button"
                    class="button-danger"
                    disabled=move || record.pending().get()
                    on:click=move |_| {
                        record.dispatch(CareRelationEnd {
                            ended_on: field_day(&ended_on.get_untracked()),
                            deceased_on: field_day(&deceased_on.get_untracked()),
                        });
                    }
                >
                    {tr!(i18n, staff_relation_end.confirm)}
                </button>
            </div>
        </ModalDialog>
    }
}

/// The server's answer: the day portal access ends, prominently.
#[component]
fn Recorded(ended: CareRelationEnded, id: i64, name: String) -> impl IntoView {
    let i18n = use_i18n();
    let date = ended.access_ends_on;
    let back = move || {
        fill(
            td_string!(i18n.get_locale(), staff_client.back_to),
            &[("name", &name)],
        )
    };
    // The form is gone: the focus goes to the answer, which is read out.
    focus_soon("relation-end-done-title");
    view! {
        <section class="card card-highlight relation-end-done" role="status" aria-labelledby="relation-end-done-title">
            <h2 id="relation-end-done-title" tabindex="-1">{tr!(i18n, staff_relation_end.done_title)}</h2>
            <p class="relation-end-date">
                {tr!(i18n, staff_relation_end.done_date)}" "
                <strong>{move || day_text(date, i18n.get_locale())}</strong>
            </p>
            <p>{move || fill(
                td_string!(i18n.get_locale(), staff_relation_end.done_text),
                &[("days", &ended.grace_days.to_string())],
            )}</p>
            <p><a class="button" href=routes::staff_client(ClientId(id))>{back}</a></p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn adds_grace_days_across_months_and_years() {
        assert_eq!(
            access_end("2025-12-28", "", 7)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2026-01-04")
        );
        assert_eq!(
            access_end("2024-02-27", "", 3)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2024-03-01")
        );
        assert_eq!(
            access_end("2026-05-10", "2026-05-01", 14)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2026-05-15")
        );
        assert_eq!(access_end("", "", 7), None);
        assert_eq!(access_end("2026-02-31", "", 7), None);
    }
}
