//! `/team/teams`: the organisation's teams and each team's own emergency number (R13,
//! R28). Organisation administrators add teams and change their name and number; other
//! staff see their own team. A team without its own number shows the organisation's.

use std::sync::Arc;

use kring_api::administration::{Team, TeamDetails};
use kring_api::{ProblemCode, StaffRole};
use leptos::prelude::*;

use super::{use_staff_role_at_least, RequireStaff};
use crate::api::{self, ApiError};
use crate::components::{focus_soon, ErrorPanel, FormError, LoadMore, Skeleton, TextField};
use crate::errors::error_message;
use crate::i18n::*;
use crate::organisation::{use_organisation, use_page_title};
use crate::paged::{Paged, Phase};

/// A team as the page holds it.
type TeamRow = Arc<Team>;

/// The page.
#[component]
pub fn StaffTeamsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, staff_teams.title));
    let is_admin = use_staff_role_at_least(StaffRole::OrganisationAdmin);
    let teams = Paged::new(
        || (),
        move |(), cursor| async move { api::administration::teams(cursor).await },
        |rows: &mut Vec<TeamRow>, items| rows.extend(items.into_iter().map(Arc::new)),
    );
    view! {
        <RequireStaff>
            <h1>{tr!(i18n, staff_teams.title)}</h1>
            <p class="lead">{move || if is_admin.get() {
                t_string!(i18n, staff_teams.intro_admin)
            } else {
                t_string!(i18n, staff_teams.intro_other)
            }}</p>
            <Show when=move || is_admin.get()>
                <NewTeam teams />
            </Show>
            <TeamList teams is_admin />
        </RequireStaff>
    }
}

/// The fields of a team's form and how they are checked; shared by "new" and "change".
#[derive(Clone, Copy)]
struct TeamFields {
    name: RwSignal<String>,
    phone: RwSignal<String>,
    tried: RwSignal<bool>,
}

impl TeamFields {
    fn new(team: Option<&Team>) -> Self {
        Self {
            name: RwSignal::new(team.map(|t| t.name.clone()).unwrap_or_default()),
            phone: RwSignal::new(
                team.and_then(|t| t.emergency_phone.as_ref())
                    .map(|p| p.phone_display.clone())
                    .unwrap_or_default(),
            ),
            tried: RwSignal::new(false),
        }
    }

    /// The request, or `None` (and the focus on the name) when the name is empty.
    fn details(&self, name_id: &'static str) -> Option<TeamDetails> {
        self.tried.set(true);
        let name = self.name.get_untracked().trim().to_owned();
        if name.is_empty() {
            focus_soon(name_id);
            return None;
        }
        let phone = self.phone.get_untracked().trim().to_owned();
        Some(TeamDetails {
            name,
            emergency_phone: (!phone.is_empty()).then_some(phone),
        })
    }
}

/// The form's fields with their errors: a server error about the name or the number is
/// shown at that field, anything else above the buttons.
#[component]
fn TeamFormFields(
    fields: TeamFields,
    failure: Memo<Option<ApiError>>,
    name_id: &'static str,
    phone_id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let server = move |code: ProblemCode| {
        failure
            .get()
            .filter(|e| e.code() == Some(code))
            .map(|e| error_message(&e, i18n.get_locale()))
    };
    let name_error = Signal::derive(move || {
        if fields.tried.get() && fields.name.with(|n| n.trim().is_empty()) {
            return Some(t_string!(i18n, staff_teams.name_missing).to_owned());
        }
        server(ProblemCode::TeamNameTaken).or_else(|| server(ProblemCode::TextTooLong))
    });
    let phone_error = Signal::derive(move || server(ProblemCode::PhoneInvalid));
    view! {
        <TextField id=name_id label=tr!(i18n, staff_teams.name) value=fields.name error=name_error />
        <TextField
            id=phone_id
            label=tr!(i18n, staff_teams.phone)
            hint=tr!(i18n, staff_teams.phone_hint)
            value=fields.phone
            input_type="tel"
            autocomplete="off"
            error=phone_error
            optional=true
        />
    }
}

/// The codes [`TeamFormFields`] shows at a field.
const FIELD_CODES: [ProblemCode; 3] = [
    ProblemCode::TeamNameTaken,
    ProblemCode::TextTooLong,
    ProblemCode::PhoneInvalid,
];

/// An error that belongs to no field, in words.
fn form_error(failure: Memo<Option<ApiError>>) -> Signal<Option<String>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        let error = failure.get()?;
        if error.code().is_some_and(|c| FIELD_CODES.contains(&c)) {
            return None;
        }
        Some(error_message(&error, i18n.get_locale()))
    })
}

/// "Add a team": name and number; the new team joins the list.
#[component]
fn NewTeam(teams: Paged<TeamRow>) -> impl IntoView {
    let i18n = use_i18n();
    let fields = TeamFields::new(None);
    let added = RwSignal::new(None::<String>);
    let create = Action::new_local(move |details: &TeamDetails| {
        let details = details.clone();
        async move {
            let team = api::administration::create_team(details).await?;
            added.set(Some(team.name.clone()));
            teams.update_rows(|rows| {
                rows.push(Arc::new(team));
                rows.sort_by(|a, b| a.name.cmp(&b.name));
            });
            fields.name.set(String::new());
            fields.phone.set(String::new());
            fields.tried.set(false);
            Ok::<(), ApiError>(())
        }
    });
    let failure = Memo::new(move |_| match create.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    });
    let done = Signal::derive(move || {
        let name = added.get()?;
        matches!(create.value().get(), Some(Ok(())))
            .then(|| fill(t_string!(i18n, staff_teams.added), &[("name", &name)]))
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if let Some(details) = fields.details("team-new-name") {
            create.dispatch(details);
        }
    };
    view! {
        <section class="card" aria-labelledby="team-new-title">
            <h2 id="team-new-title">{tr!(i18n, staff_teams.new_title)}</h2>
            <form class="stack" novalidate=true on:submit=submit>
                <TeamFormFields fields failure name_id="team-new-name" phone_id="team-new-phone" />
                <FormError message=form_error(failure) />
                <div class="actions">
                    <button type="submit" class="button" disabled=move || create.pending().get()>
                        {tr!(i18n, staff_teams.add)}
                    </button>
                </div>
                <crate::components::FormSuccess message=done />
            </form>
        </section>
    }
}

/// The teams, by name, with "more".
#[component]
fn TeamList(teams: Paged<TeamRow>, is_admin: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let phase = teams.phase();
    // One team's form is open at a time, so its fields have one set of ids.
    let editing = RwSignal::new(None::<i64>);
    move || {
        match phase.get() {
        Phase::Loading | Phase::Failed => match untrack(|| teams.error()) {
            Some(error) => view! {
                <ErrorPanel error=Signal::stored(error) retry=Callback::new(move |()| teams.retry()) />
            }
            .into_any(),
            None => view! { <Skeleton lines=3 /> }.into_any(),
        },
        Phase::Empty => view! { <p class="empty">{tr!(i18n, staff_teams.none)}</p> }.into_any(),
        Phase::Shown => view! {
            <h2>{tr!(i18n, staff_teams.list_title)}</h2>
            <ul class="team-list stack">
                <For
                    each=move || teams.rows()
                    key=|team| (team.id, team.name.clone(), team.emergency_phone.clone())
                    children=move |team| view! { <TeamCard team teams is_admin editing /> }
                />
            </ul>
            <LoadMore
                more=Callback::new(move |()| teams.more())
                retry=Callback::new(move |()| teams.retry())
                loading=Signal::derive(move || teams.loading())
                complete=Signal::derive(move || teams.complete())
                error=Signal::derive(move || teams.error())
                label=tr!(i18n, staff_teams.more)
                end_text=tr!(i18n, staff_teams.end)
                automatic=false
            />
        }
        .into_any(),
    }
    }
}

/// One team: its name, its number (or the organisation's), its members; for
/// organisation administrators "change", which turns the card into its form.
#[component]
fn TeamCard(
    team: TeamRow,
    teams: Paged<TeamRow>,
    is_admin: Signal<bool>,
    editing: RwSignal<Option<i64>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let organisation = use_organisation();
    let id = team.id;
    let heading_id = format!("team-{id}");
    let phone_line = {
        let team = team.clone();
        move || {
            let locale = i18n.get_locale();
            match &team.emergency_phone {
                Some(phone) => fill(
                    td_string!(locale, staff_teams.own_phone),
                    &[("phone", &phone.phone_display)],
                ),
                None => {
                    let fallback = organisation
                        .loaded()
                        .map(|o| o.emergency.phone_display)
                        .unwrap_or_default();
                    fill(
                        td_string!(locale, staff_teams.organisation_phone),
                        &[("phone", &fallback)],
                    )
                }
            }
        }
    };
    let count = team.member_count;
    let members = move || {
        let locale = i18n.get_locale();
        if count == 1 {
            td_string!(locale, staff_teams.one_member).to_owned()
        } else {
            fill(
                td_string!(locale, staff_teams.members),
                &[("count", &count.to_string())],
            )
        }
    };
    let name = team.name.clone();
    let labelled_by = heading_id.clone();
    let described = heading_id.clone();
    let editing_team = team.clone();
    view! {
        <li class="card team-card" aria-labelledby=labelled_by>
            <h3 id=heading_id tabindex="-1">{name}</h3>
            <Show
                when=move || editing.get() == Some(id)
                fallback=move || {
                    let described = described.clone();
                    view! {
                        <p class="meta">{phone_line.clone()}<br />{members}</p>
                        <Show when=move || is_admin.get()>
                            <div class="actions">
                                <button
                                    type="button"
                                    class="button-secondary"
                                    aria-describedby=described.clone()
                                    on:click=move |_| {
                                        editing.set(Some(id));
                                        focus_soon(EDIT_NAME);
                                    }
                                >
                                    {tr!(i18n, staff_teams.change)}
                                </button>
                            </div>
                        </Show>
                    }
                }
            >
                <EditTeam team=editing_team.clone() teams editing />
            </Show>
        </li>
    }
}

/// The ids of the fields of the open change form.
const EDIT_NAME: &str = "team-edit-name";
const EDIT_PHONE: &str = "team-edit-phone";

/// A team's change form, in its card.
#[component]
fn EditTeam(team: TeamRow, teams: Paged<TeamRow>, editing: RwSignal<Option<i64>>) -> impl IntoView {
    let i18n = use_i18n();
    let id = team.id;
    let fields = TeamFields::new(Some(&team));
    let save = Action::new_local(move |details: &TeamDetails| {
        let details = details.clone();
        async move {
            let changed = Arc::new(api::administration::update_team(id, details).await?);
            editing.set(None);
            teams.update_rows(|rows| {
                for row in rows.iter_mut().filter(|row| row.id == id) {
                    *row = changed.clone();
                }
            });
            // The card is drawn anew with the change: the focus goes to its heading.
            focus_soon(format!("team-{id}"));
            Ok::<(), ApiError>(())
        }
    });
    let failure = Memo::new(move |_| match save.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if let Some(details) = fields.details(EDIT_NAME) {
            save.dispatch(details);
        }
    };
    view! {
        <form class="stack" novalidate=true on:submit=submit>
            <TeamFormFields fields failure name_id=EDIT_NAME phone_id=EDIT_PHONE />
            <FormError message=form_error(failure) />
            <div class="actions">
                <button type="submit" class="button" disabled=move || save.pending().get()>
                    {tr!(i18n, staff_teams.save)}
                </button>
                <button type="button" class="button-link" on:click=move |_| {
                    editing.set(None);
                    focus_soon(format!("team-{id}"));
                }>
                    {tr!(i18n, staff_teams.cancel)}
                </button>
            </div>
        </form>
    }
}
