//! `/team/medewerkers`: the organisation's staff with the state of their account (R28).
//! Organisation administrators invite staff (an activation e-mail goes out), change
//! their role, team and job title, and end an account (after a confirmation: the person
//! can no longer sign in, at once). Team leads see their own team. `?team=` shows one
//! team.

use std::sync::Arc;

use kring_api::administration::{
    NewStaffMember, StaffAccountStatus, StaffMemberChange, StaffMemberSummary, Team,
};
use kring_api::{Language, LocalizedText, ProblemCode, StaffRole};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::{use_staff_role_at_least, RequireStaff};
use crate::api::{self, query_string, ApiError};
use crate::app::routes;
use crate::components::{
    focus_soon, ErrorPanel, FormError, FormSuccess, LoadMore, ModalDialog, RadioGroup, Skeleton,
    TextField,
};
use crate::errors::error_message;
use crate::fetched::Fetched;
use crate::i18n::*;
use crate::organisation::use_page_title;
use crate::paged::{Paged, Phase};

/// A staff member as the page holds them.
type MemberRow = Arc<StaffMemberSummary>;

/// Every team, for the team choices (a page at a time until the last).
async fn all_teams() -> Result<Vec<Team>, ApiError> {
    let mut teams = Vec::new();
    let mut cursor = None;
    loop {
        let page = api::administration::teams(cursor).await?;
        teams.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(teams),
        }
    }
}

/// A role in words.
fn role_text(locale: Locale, role: StaffRole) -> &'static str {
    match role {
        StaffRole::CareProfessional => td_string!(locale, staff_members.role_care_professional),
        StaffRole::TeamLead => td_string!(locale, staff_members.role_team_lead),
        StaffRole::OrganisationAdmin => td_string!(locale, staff_members.role_organisation_admin),
    }
}

/// What a role may do, in a line.
fn role_explained(locale: Locale, role: StaffRole) -> &'static str {
    match role {
        StaffRole::CareProfessional => {
            td_string!(locale, staff_members.role_care_professional_text)
        }
        StaffRole::TeamLead => td_string!(locale, staff_members.role_team_lead_text),
        StaffRole::OrganisationAdmin => {
            td_string!(locale, staff_members.role_organisation_admin_text)
        }
    }
}

/// An account's state in words.
fn status_text(locale: Locale, status: StaffAccountStatus) -> &'static str {
    match status {
        StaffAccountStatus::NoAccount => td_string!(locale, staff_members.status_no_account),
        StaffAccountStatus::Invited => td_string!(locale, staff_members.status_invited),
        StaffAccountStatus::Active => td_string!(locale, staff_members.status_active),
        StaffAccountStatus::Suspended => td_string!(locale, staff_members.status_suspended),
        StaffAccountStatus::Ended => td_string!(locale, staff_members.status_ended),
    }
}

const ROLES: [(StaffRole, &str); 3] = [
    (StaffRole::CareProfessional, "care-professional"),
    (StaffRole::TeamLead, "team-lead"),
    (StaffRole::OrganisationAdmin, "organisation-admin"),
];

/// The page.
#[component]
pub fn StaffMembersPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, staff_members.title));
    let is_admin = use_staff_role_at_least(StaffRole::OrganisationAdmin);
    let may_read = use_staff_role_at_least(StaffRole::TeamLead);
    view! {
        <RequireStaff>
            <h1>{tr!(i18n, staff_members.title)}</h1>
            <Show
                when=move || may_read.get()
                fallback=move || view! { <p>{tr!(i18n, staff_members.leads_only)}</p> }
            >
                <p class="lead">{move || if is_admin.get() {
                    t_string!(i18n, staff_members.intro_admin)
                } else {
                    t_string!(i18n, staff_members.intro_lead)
                }}</p>
                <MembersView is_admin />
            </Show>
        </RequireStaff>
    }
}

/// The invitation form (administrators), the team filter and the list.
#[component]
fn MembersView(is_admin: Signal<bool>) -> impl IntoView {
    let query = use_query_map();
    let team_filter =
        Memo::new(move |_| query.read().get("team").and_then(|t| t.parse::<i64>().ok()));
    let teams = Fetched::new(all_teams);
    let team_list = Signal::derive(move || match teams.get() {
        Some(Ok(teams)) => teams,
        _ => Vec::new(),
    });
    let members = Paged::new(
        move || team_filter.get(),
        move |team, cursor| async move { api::administration::staff_members(team, cursor).await },
        |rows: &mut Vec<MemberRow>, items| rows.extend(items.into_iter().map(Arc::new)),
    );
    let ending = RwSignal::new(None::<MemberRow>);
    super::identity_link::provide_staff_providers();
    view! {
        <Show when=move || is_admin.get()>
            <InviteForm teams=team_list members />
            <TeamFilter teams=team_list selected=team_filter />
        </Show>
        <MemberList members teams=team_list is_admin ending />
        <EndDialog ending members />
    }
}

/// A team choice as a `<select>` with its label, hint and error.
#[component]
fn TeamSelect(
    id: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    teams: Signal<Vec<Team>>,
    value: RwSignal<Option<i64>>,
    #[prop(into)] hint: Signal<&'static str>,
    #[prop(optional, into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || match error.get() {
            Some(_) => format!("{hint_id} {error_id}"),
            None => hint_id.clone(),
        }
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <p class="field-hint" id=hint_id>{hint}</p>
            <select
                id=id
                name=id
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                on:change=move |event| value.set(event_target_value(&event).parse::<i64>().ok())
            >
                <option value="" selected=move || value.get().is_none()>{tr!(i18n, staff_members.no_team)}</option>
                <For
                    each=move || teams.get()
                    key=|team| team.id
                    children=move |team| {
                        let id = team.id;
                        view! {
                            <option value=id.to_string() selected=move || value.get() == Some(id)>{team.name}</option>
                        }
                    }
                />
            </select>
            {move || error.get().map(|message| view! {
                <p class="field-error" id=error_id.clone()>{message}</p>
            })}
        </div>
    }
}

/// Shows one team's staff, or everyone (`?team=`).
#[component]
fn TeamFilter(teams: Signal<Vec<Team>>, selected: Memo<Option<i64>>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let choose = move |event: leptos::ev::Event| {
        let team = event_target_value(&event);
        let query = query_string(&[("team", (!team.is_empty()).then_some(team))]);
        navigate(
            &format!("{}{query}", routes::staff_members()),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    };
    view! {
        <div class="card filter-form" role="search">
            <div class="field">
                <label for="members-team-filter">{tr!(i18n, staff_members.filter)}</label>
                <select id="members-team-filter" on:change=choose>
                    <option value="" selected=move || selected.get().is_none()>{tr!(i18n, staff_members.all_teams)}</option>
                    <For
                        each=move || teams.get()
                        key=|team| team.id
                        children=move |team| {
                            let id = team.id;
                            view! {
                                <option value=id.to_string() selected=move || selected.get() == Some(id)>{team.name}</option>
                            }
                        }
                    />
                </select>
            </div>
        </div>
    }
}

/// Role, team and job title: the fields an invitation and a change share.
#[derive(Clone, Copy)]
struct RoleFields {
    role: RwSignal<Option<StaffRole>>,
    team: RwSignal<Option<i64>>,
    title_nl: RwSignal<String>,
    title_en: RwSignal<String>,
}

impl RoleFields {
    fn new(member: Option<&StaffMemberSummary>) -> Self {
        Self {
            role: RwSignal::new(member.map(|m| m.role)),
            team: RwSignal::new(member.and_then(|m| m.team.as_ref().map(|t| t.id))),
            title_nl: RwSignal::new(member.map(|m| m.job_title.nl.clone()).unwrap_or_default()),
            title_en: RwSignal::new(member.map(|m| m.job_title.en.clone()).unwrap_or_default()),
        }
    }

    fn job_title(&self) -> LocalizedText {
        LocalizedText::new(
            self.title_nl.get_untracked().trim(),
            self.title_en.get_untracked().trim(),
        )
    }

    /// Whether the chosen role needs a team and has none.
    fn team_missing(&self) -> bool {
        self.role.get_untracked() != Some(StaffRole::OrganisationAdmin)
            && self.team.get_untracked().is_none()
    }
}

/// The role choice, the team and the job title, with their errors. `prefix` starts
/// every id.
#[component]
fn RoleFieldsView(
    prefix: &'static str,
    fields: RoleFields,
    teams: Signal<Vec<Team>>,
    tried: RwSignal<bool>,
    failure: Memo<Option<ApiError>>,
    team_id: &'static str,
    title_nl_id: &'static str,
    title_en_id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let role_error = Signal::derive(move || {
        (tried.get() && fields.role.get().is_none())
            .then(|| t_string!(i18n, staff_members.role_missing).to_owned())
    });
    let team_error = Signal::derive(move || {
        let missing = tried.get()
            && fields
                .role
                .get()
                .is_some_and(|r| r != StaffRole::OrganisationAdmin)
            && fields.team.get().is_none();
        let server = failure
            .get()
            .is_some_and(|e| e.code() == Some(ProblemCode::TeamRequired));
        (missing || server).then(|| t_string!(i18n, problem.team_required.detail).to_owned())
    });
    let title_error = Signal::derive(move || {
        (tried.get() && fields.title_nl.with(|t| t.trim().is_empty()))
            .then(|| t_string!(i18n, staff_members.job_title_missing).to_owned())
    });
    view! {
        <RadioGroup
            legend=tr!(i18n, staff_members.role)
            name=format!("{prefix}-role")
            options=ROLES.to_vec()
            selected=fields.role
            on_choose=Callback::new(move |role| fields.role.set(Some(role)))
            label=role_text
            explain=role_explained
            error=role_error
        />
        <TeamSelect
            id=team_id
            label=tr!(i18n, staff_members.team)
            hint=tr!(i18n, staff_members.team_hint)
            teams
            value=fields.team
            error=team_error
        />
        <TextField
            id=title_nl_id
            label=tr!(i18n, staff_members.job_title_nl)
            hint=tr!(i18n, staff_members.job_title_hint)
            value=fields.title_nl
            error=title_error
        />
        <TextField
            id=title_en_id
            label=tr!(i18n, staff_members.job_title_en)
            value=fields.title_en
            optional=true
        />
    }
}

/// The first field a role form shows with an error, to focus.
fn first_role_problem(
    fields: &RoleFields,
    prefix: &str,
    team_id: &'static str,
    title_id: &'static str,
) -> Option<String> {
    if fields.role.get_untracked().is_none() {
        return Some(format!("{prefix}-role-{}", ROLES[0].1));
    }
    if fields.team_missing() {
        return Some(team_id.to_owned());
    }
    if fields.title_nl.with_untracked(|t| t.trim().is_empty()) {
        return Some(title_id.to_owned());
    }
    None
}

/// "Invite a staff member": name, e-mail, mobile, role, team, job title, language.
#[component]
fn InviteForm(teams: Signal<Vec<Team>>, members: Paged<MemberRow>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let mobile = RwSignal::new(String::new());
    let fields = RoleFields::new(None);
    let language = RwSignal::new(Language::Nl);
    let tried = RwSignal::new(false);
    let invited = RwSignal::new(None::<String>);
    let invite = Action::new_local(move |new: &NewStaffMember| {
        let new = new.clone();
        async move {
            let member = api::administration::invite_staff_member(new).await?;
            invited.set(Some(member.email.clone()));
            members.update_rows(|rows| {
                rows.push(Arc::new(member));
                rows.sort_by(|a, b| a.name.cmp(&b.name));
            });
            for value in [name, email, mobile, fields.title_nl, fields.title_en] {
                value.set(String::new());
            }
            fields.role.set(None);
            fields.team.set(None);
            tried.set(false);
            Ok::<(), ApiError>(())
        }
    });
    let failure = Memo::new(move |_| match invite.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    });
    let server = move |code: ProblemCode| {
        failure
            .get()
            .filter(|e| e.code() == Some(code))
            .map(|e| error_message(&e, i18n.get_locale()))
    };
    let missing = move |value: RwSignal<String>, text: fn(Locale) -> &'static str| {
        Signal::derive(move || {
            (tried.get() && value.with(|v| v.trim().is_empty()))
                .then(|| text(i18n.get_locale()).to_owned())
        })
    };
    let name_error = missing(name, |l| td_string!(l, staff_members.name_missing));
    let email_missing = missing(email, |l| td_string!(l, staff_members.email_missing));
    let email_error = Signal::derive(move || {
        email_missing
            .get()
            .or_else(|| server(ProblemCode::EmailInvalid))
            .or_else(|| server(ProblemCode::EmailTaken))
    });
    let mobile_missing = missing(mobile, |l| td_string!(l, staff_members.mobile_missing));
    let mobile_error = Signal::derive(move || {
        mobile_missing
            .get()
            .or_else(|| server(ProblemCode::MobileInvalid))
    });
    let field_codes = [
        ProblemCode::EmailInvalid,
        ProblemCode::EmailTaken,
        ProblemCode::MobileInvalid,
        ProblemCode::TeamRequired,
    ];
    let form_error = Signal::derive(move || {
        let error = failure.get()?;
        if error.code().is_some_and(|c| field_codes.contains(&c)) {
            return None;
        }
        Some(error_message(&error, i18n.get_locale()))
    });
    let done = Signal::derive(move || {
        let email = invited.get()?;
        matches!(invite.value().get(), Some(Ok(())))
            .then(|| fill(t_string!(i18n, staff_members.invited), &[("email", &email)]))
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        tried.set(true);
        for (value, field) in [
            (name, "invite-name"),
            (email, "invite-email"),
            (mobile, "invite-mobile"),
        ] {
            if value.with_untracked(|v| v.trim().is_empty()) {
                focus_soon(field);
                return;
            }
        }
        if let Some(field) = first_role_problem(&fields, "invite", "invite-team", "invite-title-nl")
        {
            focus_soon(field);
            return;
        }
        let Some(role) = fields.role.get_untracked() else {
            return;
        };
        invite.dispatch(NewStaffMember {
            name: name.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            mobile: mobile.get_untracked().trim().to_owned(),
            role,
            team_id: fields.team.get_untracked(),
            job_title: fields.job_title(),
            language: language.get_untracked(),
        });
    };
    view! {
        <section class="card" aria-labelledby="invite-title">
            <h2 id="invite-title">{tr!(i18n, staff_members.invite_title)}</h2>
            <p>{tr!(i18n, staff_members.invite_text)}</p>
            <form class="stack" novalidate=true on:submit=submit>
                <TextField id="invite-name" label=tr!(i18n, staff_members.name) value=name autocomplete="off" error=name_error />
                <TextField
                    id="invite-email"
                    label=tr!(i18n, staff_members.email)
                    hint=tr!(i18n, staff_members.email_hint)
                    value=email
                    input_type="email"
                    error=email_error
                />
                <TextField
                    id="invite-mobile"
                    label=tr!(i18n, staff_members.mobile)
                    hint=tr!(i18n, staff_members.mobile_hint)
                    value=mobile
                    input_type="tel"
                    error=mobile_error
                />
                <RoleFieldsView
                    prefix="invite"
                    fields
                    teams
                    tried
                    failure
                    team_id="invite-team"
                    title_nl_id="invite-title-nl"
                    title_en_id="invite-title-en"
                />
                <RadioGroup
                    legend=tr!(i18n, staff_members.language)
                    name="invite-language"
                    options=vec![(Language::Nl, "nl"), (Language::En, "en")]
                    selected=Signal::derive(move || Some(language.get()))
                    on_choose=Callback::new(move |option| language.set(option))
                    label=|locale, option| match option {
                        Language::Nl => td_string!(locale, staff_members.language_nl),
                        Language::En => td_string!(locale, staff_members.language_en),
                    }
                />
                <FormError message=form_error />
                <div class="actions">
                    <button type="submit" class="button" disabled=move || invite.pending().get()>
                        {tr!(i18n, staff_members.invite)}
                    </button>
                </div>
                <FormSuccess message=done />
            </form>
        </section>
    }
}

/// The staff, by name, with "more".
#[component]
fn MemberList(
    members: Paged<MemberRow>,
    teams: Signal<Vec<Team>>,
    is_admin: Signal<bool>,
    ending: RwSignal<Option<MemberRow>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let phase = members.phase();
    // One change form is open at a time, so its fields have one set of ids.
    let editing = RwSignal::new(None::<i64>);
    move || {
        match phase.get() {
        Phase::Loading | Phase::Failed => match untrack(|| members.error()) {
            Some(error) => view! {
                <ErrorPanel error=Signal::stored(error) retry=Callback::new(move |()| members.retry()) />
            }
            .into_any(),
            None => view! { <Skeleton lines=3 /> }.into_any(),
        },
        Phase::Empty => view! { <p class="empty">{tr!(i18n, staff_members.none)}</p> }.into_any(),
        Phase::Shown => view! {
            <h2>{tr!(i18n, staff_members.list_title)}</h2>
            <ul class="staff-member-list stack">
                <For
                    each=move || members.rows()
                    key=|m| (m.id, m.role as u8, m.status, m.team.as_ref().map(|t| t.id), m.job_title.nl.clone(), m.job_title.en.clone())
                    children=move |member| view! { <MemberCard member members teams is_admin editing ending /> }
                />
            </ul>
            <LoadMore
                more=Callback::new(move |()| members.more())
                retry=Callback::new(move |()| members.retry())
                loading=Signal::derive(move || members.loading())
                complete=Signal::derive(move || members.complete())
                error=Signal::derive(move || members.error())
                label=tr!(i18n, staff_members.more)
                end_text=tr!(i18n, staff_members.end)
                automatic=false
            />
        }
        .into_any(),
    }
    }
}

/// One staff member: role, team, job title, account; for administrators "change" and
/// "end account".
#[component]
fn MemberCard(
    member: MemberRow,
    members: Paged<MemberRow>,
    teams: Signal<Vec<Team>>,
    is_admin: Signal<bool>,
    editing: RwSignal<Option<i64>>,
    ending: RwSignal<Option<MemberRow>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = member.id;
    let heading_id = format!("member-{id}");
    let ended = member.status == StaffAccountStatus::Ended;
    let role = member.role;
    let status = member.status;
    let team = member.team.as_ref().map(|t| t.name.clone());
    let title = member.job_title.clone();
    let facts = move || {
        let locale = i18n.get_locale();
        let team = team
            .clone()
            .unwrap_or_else(|| td_string!(locale, staff_members.no_team).to_owned());
        fill(
            td_string!(locale, staff_members.facts),
            &[
                ("role", role_text(locale, role)),
                ("team", &team),
                ("title", title.get(api_language(locale))),
            ],
        )
    };
    let status_line = move || {
        fill(
            t_string!(i18n, staff_members.status),
            &[("status", status_text(i18n.get_locale(), status))],
        )
    };
    let labelled_by = heading_id.clone();
    let described = StoredValue::new(heading_id.clone());
    let this_member = StoredValue::new(member.clone());
    view! {
        <li class="card staff-member" aria-labelledby=labelled_by>
            <h3 id=heading_id tabindex="-1">{member.name.clone()}</h3>
            <p class="meta">
                {member.email.clone()}<br />
                {facts}<br />
                <strong class=if ended { "account-status account-ended" } else { "account-status" }>{status_line}</strong>
            </p>
            <Show when=move || is_admin.get() && !ended>
                <Show
                    when=move || editing.get() == Some(id)
                    fallback=move || {
                            view! {
                                <div class="actions">
                                    <button
                                        type="button"
                                        class="button-secondary"
                                        aria-describedby=described.get_value()
                                        on:click=move |_| {
                                            editing.set(Some(id));
                                            focus_soon(format!("change-role-{}", ROLES[0].1));
                                        }
                                    >
                                        {tr!(i18n, staff_members.change)}
                                    </button>
                                    <button
                                        type="button"
                                        class="button-danger"
                                        aria-describedby=described.get_value()
                                        on:click=move |_| ending.set(Some(this_member.get_value()))
                                    >
                                        {tr!(i18n, staff_members.end_account)}
                                    </button>
                                </div>
                            }
                    }
                >
                    <ChangeForm member=this_member.get_value() members teams editing />
                </Show>
                <Show when=move || status == StaffAccountStatus::Active>
                    <super::second_factor::StaffSecondFactorReset staff_id=id />
                    <super::identity_link::StaffIdentityLink staff_id=id />
                </Show>
            </Show>
        </li>
    }
}

/// A staff member's change form, in their card.
#[component]
fn ChangeForm(
    member: MemberRow,
    members: Paged<MemberRow>,
    teams: Signal<Vec<Team>>,
    editing: RwSignal<Option<i64>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = member.id;
    let fields = RoleFields::new(Some(&member));
    let tried = RwSignal::new(false);
    let save = Action::new_local(move |change: &StaffMemberChange| {
        let change = change.clone();
        async move {
            let changed = Arc::new(api::administration::change_staff_member(id, change).await?);
            editing.set(None);
            replace_row(members, changed);
            focus_soon(format!("member-{id}"));
            Ok::<(), ApiError>(())
        }
    });
    let failure = Memo::new(move |_| match save.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    });
    let form_error = Signal::derive(move || {
        let error = failure.get()?;
        (error.code() != Some(ProblemCode::TeamRequired))
            .then(|| error_message(&error, i18n.get_locale()))
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        tried.set(true);
        if let Some(field) = first_role_problem(&fields, "change", "change-team", "change-title-nl")
        {
            focus_soon(field);
            return;
        }
        let Some(role) = fields.role.get_untracked() else {
            return;
        };
        save.dispatch(StaffMemberChange {
            role,
            team_id: fields.team.get_untracked(),
            job_title: fields.job_title(),
        });
    };
    view! {
        <form class="stack" novalidate=true on:submit=submit>
            <RoleFieldsView
                prefix="change"
                fields
                teams
                tried
                failure
                team_id="change-team"
                title_nl_id="change-title-nl"
                title_en_id="change-title-en"
            />
            <FormError message=form_error />
            <div class="actions">
                <button type="submit" class="button" disabled=move || save.pending().get()>
                    {tr!(i18n, staff_members.save)}
                </button>
                <button type="button" class="button-link" on:click=move |_| {
                    editing.set(None);
                    focus_soon(format!("member-{id}"));
                }>
                    {tr!(i18n, staff_members.cancel)}
                </button>
            </div>
        </form>
    }
}

/// Puts a staff member's new state in the list.
fn replace_row(members: Paged<MemberRow>, changed: MemberRow) {
    members.update_rows(|rows| {
        for row in rows.iter_mut().filter(|row| row.id == changed.id) {
            *row = changed.clone();
        }
    });
}

/// "End this account?": what happens, then end or keep.
#[component]
fn EndDialog(ending: RwSignal<Option<MemberRow>>, members: Paged<MemberRow>) -> impl IntoView {
    let i18n = use_i18n();
    let end = Action::new_local(move |id: &i64| {
        let id = *id;
        async move {
            let ended = Arc::new(api::administration::end_staff_member(id).await?);
            ending.set(None);
            replace_row(members, ended);
            focus_soon(format!("member-{id}"));
            Ok::<(), ApiError>(())
        }
    });
    let error = Signal::derive(move || match end.value().get() {
        Some(Err(e)) => Some(error_message(&e, i18n.get_locale())),
        _ => None,
    });
    let close = move || {
        end.value().set(None);
        ending.set(None);
    };
    let title = move || {
        let name = ending.with(|m| m.as_ref().map(|m| m.name.clone()).unwrap_or_default());
        fill(t_string!(i18n, staff_members.end_title), &[("name", &name)])
    };
    let confirm = move |_| {
        if let Some(member) = ending.get_untracked() {
            end.dispatch(member.id);
        }
    };
    view! {
        <ModalDialog
            open=Signal::derive(move || ending.with(Option::is_some))
            labelled_by="end-title"
            described_by="end-text"
            on_dismiss=Callback::new(move |()| close())
        >
            <div class="stack">
                <h2 id="end-title">{title}</h2>
                <p id="end-text">{tr!(i18n, staff_members.end_text)}</p>
                <FormError message=error />
                <div class="actions">
                    <button type="button" class="button-secondary" on:click=move |_| close()>
                        {tr!(i18n, staff_members.keep)}
                    </button>
                    <button
                        type="button"
                        class="button-danger"
                        disabled=move || end.pending().get()
                        on:click=confirm
                    >
                        {tr!(i18n, staff_members.end_confirm)}
                    </button>
                </div>
            </div>
        </ModalDialog>
    }
}
