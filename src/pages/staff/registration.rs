//! `/team/inschrijven` (register a new client) and `/team/client/:client_id/inschrijving`
//! (change a registration): client number, name, date of birth, team, personal
//! counsellor and the start of care. The team list holds the teams the staff member may
//! use (their own; every team for an organisation administrator), the counsellor list
//! the staff of the chosen team. After registering, the client's page opens, where
//! portal access is given. The end of care has its own page.

use kring_api::{ClientRegistration, Day, Page, ProblemCode, RegisteredClient};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::RequireStaff;
use crate::api;
use crate::app::routes;
use crate::components::{focus_soon, ErrorPanel, FormActions, FormError, Skeleton, TextField};
use crate::errors::error_message;
use crate::fetched::Fetched;
use crate::i18n::*;
use crate::local_time::{field_day, today};
use crate::organisation::use_page_title;
use crate::portal_scope::{use_client_id, ClientId};

/// The longest client number (the server's limit).
const NUMBER_MAX: usize = 32;
/// The longest first or family name (the server's limit).
const NAME_MAX: usize = 100;

/// The query the client's page reads to say what just happened.
pub(super) const NOTICE: &str = "melding";
/// [`NOTICE`] after registering.
pub(super) const NOTICE_REGISTERED: &str = "ingeschreven";
/// [`NOTICE`] after changing a registration.
pub(super) const NOTICE_CHANGED: &str = "gewijzigd";

/// Registering a new client.
#[component]
pub fn StaffRegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, staff_registration.title_new));
    view! {
        <RequireStaff>
            <p class="back-link"><a href=routes::STAFF>{tr!(i18n, staff_client.to_caseload)}</a></p>
            <h1>{tr!(i18n, staff_registration.title_new)}</h1>
            <p class="lead">{tr!(i18n, staff_registration.lead_new)}</p>
            <RegistrationForm initial=None />
        </RequireStaff>
    }
}

/// Changing a client's registration.
#[component]
pub fn StaffRegistrationPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, staff_registration.title_edit));
    let id = use_client_id();
    let registration = Fetched::new(move || api::staff::registration(id.get()));
    view! {
        <RequireStaff>
            <p class="back-link"><a href=routes::staff_client(id)>{tr!(i18n, staff_registration.back)}</a></p>
            <h1>{tr!(i18n, staff_registration.title_edit)}</h1>
            {move || match registration.get() {
                None => view! { <Skeleton lines=6 /> }.into_any(),
                Some(Err(error)) if error.code() == Some(ProblemCode::NotFound) => view! {
                    <div class="notice" role="alert">
                        <p>{tr!(i18n, staff_client.not_found_text)}</p>
                    </div>
                }
                .into_any(),
                Some(Err(error)) => view! {
                    <ErrorPanel error=Signal::stored(error) retry=Callback::new(move |()| registration.refetch()) />
                }
                .into_any(),
                Some(Ok(client)) => view! {
                    <p class="lead">{tr!(i18n, staff_registration.lead_edit)}</p>
                    <p class="notice">
                        {tr!(i18n, staff_registration.end_of_care)}" "
                        <a href=routes::staff_relation_end(id)>{tr!(i18n, staff_registration.end_of_care_link)}</a>
                    </p>
                    <RegistrationForm initial=Some(client) />
                }
                .into_any(),
            }}
        </RequireStaff>
    }
}

/// Which field a problem is about, by the id of its input.
fn problem_field(code: ProblemCode) -> Option<&'static str> {
    match code {
        ProblemCode::ClientNumberInvalid | ProblemCode::ClientNumberTaken => {
            Some("registration-number")
        }
        ProblemCode::ClientNameInvalid => Some("registration-first-name"),
        ProblemCode::DateOfBirthInvalid => Some("registration-born"),
        ProblemCode::CareStartInvalid => Some("registration-start"),
        ProblemCode::TeamUnknown | ProblemCode::Forbidden => Some("registration-team"),
        ProblemCode::CounsellorNotInTeam => Some("registration-counsellor"),
        _ => None,
    }
}

/// What is wrong with a text field as typed, if anything: empty or too long.
fn text_problem(value: &str, max: usize) -> Option<bool> {
    let chars = value.trim().chars().count();
    if chars == 0 {
        Some(false)
    } else if chars > max {
        Some(true)
    } else {
        None
    }
}

/// What is wrong with a date field as typed, if anything. `born` is the date of birth
/// for the start of care.
fn date_problem(value: &str, born: Option<Day>, is_birth: bool) -> Option<DateProblem> {
    let Some(day) = field_day(value) else {
        return Some(DateProblem::Wrong);
    };
    let out_of_range = if is_birth {
        Day::new(1900, 1, 1).is_some_and(|earliest| day < earliest) || day > today()
    } else {
        born.is_some_and(|born| day < born)
    };
    out_of_range.then_some(DateProblem::OutOfRange)
}

/// Why a date field is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DateProblem {
    /// Empty or not a date.
    Wrong,
    /// Before 1900 or in the future (birth), before the birth (start of care).
    OutOfRange,
}

/// The form, empty for a new client or filled with the registration to change.
#[component]
fn RegistrationForm(initial: Option<RegisteredClient>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let editing = initial.as_ref().map(|c| c.id);
    let start_text = |day: Option<Day>| day.map(|d| d.to_string()).unwrap_or_default();
    let number = RwSignal::new(
        initial
            .as_ref()
            .map(|c| c.client_number.clone())
            .unwrap_or_default(),
    );
    let first_name = RwSignal::new(
        initial
            .as_ref()
            .map(|c| c.first_name.clone())
            .unwrap_or_default(),
    );
    let family_name = RwSignal::new(
        initial
            .as_ref()
            .map(|c| c.family_name.clone())
            .unwrap_or_default(),
    );
    let born = RwSignal::new(start_text(initial.as_ref().map(|c| c.date_of_birth)));
    let start = RwSignal::new(start_text(initial.as_ref().map(|c| c.care_relation_start)));
    let team = RwSignal::new(initial.as_ref().and_then(|c| c.team_id));
    let counsellor = RwSignal::new(initial.as_ref().and_then(|c| c.personal_counsellor_id));
    let tried = RwSignal::new(false);

    let teams = Fetched::new(api::staff::registration_teams);
    // One team to choose from: it is chosen.
    Effect::new(move || {
        if let Some(Ok(page)) = teams.get() {
            if team.get_untracked().is_none() && page.items.len() == 1 {
                team.set(Some(page.items[0].id));
            }
        }
    });
    let counsellors = Fetched::new(move || {
        let chosen = team.get();
        async move {
            match chosen {
                Some(team) => api::staff::team_counsellors(team).await,
                None => Ok(Page::default()),
            }
        }
    });

    let save = Action::new_local(move |request: &ClientRegistration| {
        let request = request.clone();
        async move {
            let result = match editing {
                Some(id) => api::staff::change_registration(id, request).await,
                None => api::staff::register_client(request).await,
            };
            // A problem with one field: the focus goes there (its error is read out).
            if let Some(field) = result
                .as_ref()
                .err()
                .and_then(|error| error.code())
                .and_then(problem_field)
            {
                focus_soon(field);
            }
            result
        }
    });
    // After saving, the client's page: there portal access is given.
    Effect::new(move || {
        if let Some(Ok(client)) = save.value().get() {
            let notice = if editing.is_some() {
                NOTICE_CHANGED
            } else {
                NOTICE_REGISTERED
            };
            navigate(
                &format!(
                    "{}?{NOTICE}={notice}",
                    routes::staff_client(ClientId(client.id))
                ),
                Default::default(),
            );
        }
    });
    let failure = Memo::new(move |_| match save.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    });
    let server_error = move |field: &'static str| {
        failure
            .get()
            .filter(|e| e.code().and_then(problem_field) == Some(field))
            .map(|e| {
                let locale = i18n.get_locale();
                match e.code() {
                    Some(ProblemCode::Forbidden) => {
                        td_string!(locale, staff_registration.team_forbidden).to_owned()
                    }
                    _ => error_message(&e, locale),
                }
            })
    };
    let text_error = move |value: RwSignal<String>, max: usize| {
        let problem = value.with(|v| text_problem(v, max));
        let locale = i18n.get_locale();
        match problem {
            Some(false) => Some(td_string!(locale, staff_registration.missing).to_owned()),
            Some(true) => Some(fill(
                td_string!(locale, staff_registration.too_long),
                &[("max", &max.to_string())],
            )),
            None => None,
        }
    };
    let number_error = Signal::derive(move || {
        tried
            .get()
            .then(|| text_error(number, NUMBER_MAX))
            .flatten()
            .or_else(|| server_error("registration-number"))
    });
    let first_name_error = Signal::derive(move || {
        tried
            .get()
            .then(|| text_error(first_name, NAME_MAX))
            .flatten()
            .or_else(|| server_error("registration-first-name"))
    });
    let family_name_error = Signal::derive(move || {
        tried
            .get()
            .then(|| text_error(family_name, NAME_MAX))
            .flatten()
    });
    let date_error = move |problem: Option<DateProblem>,
                           out_of_range: fn(Locale) -> &'static str| {
        let locale = i18n.get_locale();
        problem.map(|p| match p {
            DateProblem::Wrong => td_string!(locale, staff_registration.date_wrong).to_owned(),
            DateProblem::OutOfRange => out_of_range(locale).to_owned(),
        })
    };
    let born_error = Signal::derive(move || {
        tried
            .get()
            .then(|| {
                date_error(born.with(|b| date_problem(b, None, true)), |l| {
                    td_string!(l, staff_registration.born_out_of_range)
                })
            })
            .flatten()
            .or_else(|| server_error("registration-born"))
    });
    let start_error = Signal::derive(move || {
        tried
            .get()
            .then(|| {
                let birth = born.with(|b| field_day(b));
                date_error(start.with(|s| date_problem(s, birth, false)), |l| {
                    td_string!(l, staff_registration.start_before_birth)
                })
            })
            .flatten()
            .or_else(|| server_error("registration-start"))
    });
    let team_error = Signal::derive(move || {
        (tried.get() && team.get().is_none())
            .then(|| t_string!(i18n, staff_registration.team_missing).to_owned())
            .or_else(|| server_error("registration-team"))
    });
    let counsellor_error = Signal::derive(move || server_error("registration-counsellor"));
    let form_error = Signal::derive(move || {
        let error = failure.get()?;
        if error.code().and_then(problem_field).is_some() {
            return None;
        }
        Some(error_message(&error, i18n.get_locale()))
    });

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        tried.set(true);
        let checks = [
            ("registration-number", number_error.get_untracked()),
            ("registration-first-name", first_name_error.get_untracked()),
            (
                "registration-family-name",
                family_name_error.get_untracked(),
            ),
            ("registration-born", born_error.get_untracked()),
            ("registration-start", start_error.get_untracked()),
            ("registration-team", team_error.get_untracked()),
        ];
        // Problems the server reported stay until the person sends again.
        save.value().set(None);
        if let Some((field, _)) = checks.iter().find(|(_, error)| error.is_some()) {
            focus_soon(*field);
            return;
        }
        let (Some(date_of_birth), Some(care_relation_start), Some(team_id)) = (
            born.with_untracked(|b| field_day(b)),
            start.with_untracked(|s| field_day(s)),
            team.get_untracked(),
        ) else {
            return;
        };
        save.dispatch(ClientRegistration {
            client_number: number.get_untracked().trim().to_owned(),
            first_name: first_name.get_untracked().trim().to_owned(),
            family_name: family_name.get_untracked().trim().to_owned(),
            date_of_birth,
            team_id,
            personal_counsellor_id: counsellor.get_untracked(),
            care_relation_start,
        });
    };
    let cancel_href = match editing {
        Some(id) => routes::staff_client(ClientId(id)),
        None => routes::STAFF.to_owned(),
    };
    view! {
        <form class="stack registration-form" novalidate=true on:submit=submit>
            <TextField
                id="registration-number"
                label=tr!(i18n, staff_registration.client_number)
                hint=tr!(i18n, staff_registration.client_number_hint)
                value=number
                error=number_error
            />
            <div class="field-row">
                <TextField
                    id="registration-first-name"
                    label=tr!(i18n, staff_registration.first_name)
                    value=first_name
                    autocomplete="off"
                    error=first_name_error
                />
                <TextField
                    id="registration-family-name"
                    label=tr!(i18n, staff_registration.family_name)
                    value=family_name
                    error=family_name_error
                />
            </div>
            <div class="field-row">
                <TextField
                    id="registration-born"
                    label=tr!(i18n, staff_registration.date_of_birth)
                    value=born
                    input_type="date"
                    error=born_error
                />
                <TextField
                    id="registration-start"
                    label=tr!(i18n, staff_registration.care_start)
                    hint=tr!(i18n, staff_registration.care_start_hint)
                    value=start
                    input_type="date"
                    error=start_error
                />
            </div>
            <TeamSelect teams team counsellor error=team_error />
            <CounsellorSelect counsellors team counsellor error=counsellor_error />
            <FormError message=form_error />
            <FormActions
                submit=Signal::derive(move || if editing.is_some() {
                    t_string!(i18n, staff_registration.submit_edit)
                } else {
                    t_string!(i18n, staff_registration.submit_new)
                })
                cancel_href
                cancel=tr!(i18n, staff_registration.cancel)
                pending=save.pending()
            />
        </form>
    }
}

/// The team, from the teams the staff member may use. Choosing another team clears
/// the counsellor (they belong to a team).
#[component]
fn TeamSelect(
    teams: Fetched<Page<kring_api::RegistrationTeam>>,
    team: RwSignal<Option<i64>>,
    counsellor: RwSignal<Option<i64>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let described_by = move || error.get().map(|_| "registration-team-error");
    view! {
        <div class="field">
            <label for="registration-team">{tr!(i18n, staff_registration.team)}</label>
            {move || match teams.get() {
                None => view! { <Skeleton lines=1 /> }.into_any(),
                Some(Err(failed)) => view! {
                    <ErrorPanel error=Signal::stored(failed) retry=Callback::new(move |()| teams.refetch()) />
                }
                .into_any(),
                Some(Ok(page)) if page.items.is_empty() => view! {
                    <p class="notice" id="registration-team">{tr!(i18n, staff_registration.no_teams)}</p>
                }
                .into_any(),
                Some(Ok(page)) => view! {
                    <select
                        id="registration-team"
                        name="team"
                        required=true
                        aria-invalid=move || error.get().map(|_| "true")
                        aria-describedby=described_by
                        prop:value=move || team.get().map(|t| t.to_string()).unwrap_or_default()
                        on:change=move |ev| {
                            team.set(event_target_value(&ev).parse().ok());
                            counsellor.set(None);
                        }
                    >
                        <option value="">{tr!(i18n, staff_registration.team_choose)}</option>
                        {page.items.into_iter().map(|choice| view! {
                            <option value=choice.id.to_string() selected=move || team.get() == Some(choice.id)>
                                {choice.name}
                            </option>
                        }).collect_view()}
                    </select>
                }
                .into_any(),
            }}
            {move || error.get().map(|message| view! {
                <p class="field-error" id="registration-team-error">{message}</p>
            })}
        </div>
    }
}

/// The personal counsellor, from the staff of the chosen team; "nobody yet" is allowed.
#[component]
fn CounsellorSelect(
    counsellors: Fetched<Page<kring_api::TeamCounsellor>>,
    team: RwSignal<Option<i64>>,
    counsellor: RwSignal<Option<i64>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let described_by = move || {
        let mut ids = vec!["registration-counsellor-hint"];
        if error.get().is_some() {
            ids.push("registration-counsellor-error");
        }
        ids.join(" ")
    };
    let options = move || match counsellors.get() {
        Some(Ok(page)) => page.items,
        _ => Vec::new(),
    };
    view! {
        <div class="field">
            <label for="registration-counsellor">{tr!(i18n, staff_registration.counsellor)}</label>
            <p class="field-hint" id="registration-counsellor-hint">{move || if team.get().is_some() {
                t_string!(i18n, staff_registration.counsellor_hint)
            } else {
                t_string!(i18n, staff_registration.counsellor_team_first)
            }}</p>
            <select
                id="registration-counsellor"
                name="counsellor"
                disabled=move || team.get().is_none()
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described_by
                prop:value=move || {
                    // Read the options first: the value is set once they are there.
                    let _ = counsellors.get();
                    counsellor.get().map(|c| c.to_string()).unwrap_or_default()
                }
                on:change=move |ev| counsellor.set(event_target_value(&ev).parse().ok())
            >
                <option value="">{tr!(i18n, staff_registration.counsellor_none)}</option>
                {move || options().into_iter().map(|choice| view! {
                    <option value=choice.id.to_string() selected=move || counsellor.get() == Some(choice.id)>
                        {choice.name}
                    </option>
                }).collect_view()}
            </select>
            {move || error.get().map(|message| view! {
                <p class="field-error" id="registration-counsellor-error">{message}</p>
            })}
        </div>
    }
}
