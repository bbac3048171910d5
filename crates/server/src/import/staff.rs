//! Staff members from an import file, matched by e-mail address: a new one is invited
//! as the invitation form does (a pending account and the activation e-mail, queued in
//! the import's transaction), an existing one gets the role, team and job title of the
//! line as the change form gives them. Name and mobile number of an existing staff
//! member stay as they are: the mobile number is verified by its owner (R3), and the
//! forms do not change either.

use std::collections::{HashMap, HashSet};

use kring_api::import::ImportField;
use kring_api::{Language, LocalizedText, StaffRole};

use super::file::{fold, Row, Table};
use super::{line_problem, LinePlan, Planned};
use crate::administration::shared::{
    change_in, email_taken, invite_in, job_title, staff_member_by_email, team_by_name, Invitee,
    StaffRow, TEXT_MAX,
};
use crate::auth::accounts::{normalize_email, normalize_mobile};
use crate::problem::ApiError;
use crate::staff_members::parse_role;
use crate::state::AppState;
use crate::text::bounded_text;

/// What a line of a staff file does.
pub enum StaffPlan {
    /// Invites a new staff member.
    Create(Invitee),
    /// Changes an existing staff member's role, team and job title.
    Change {
        /// The staff member as they are.
        current: StaffRow,
        /// The new role.
        role: StaffRole,
        /// The new team.
        team_id: Option<i64>,
        /// The new job title (Dutch, English).
        job_title: (String, String),
        /// The columns that change.
        fields: Vec<ImportField>,
    },
}

/// A role as people write it, in Dutch or English (or as stored).
pub fn role(written: &str) -> Option<StaffRole> {
    match fold(written).as_str() {
        "begeleider"
        | "persoonlijkbegeleider"
        | "zorgprofessional"
        | "zorgmedewerker"
        | "medewerker"
        | "careprofessional"
        | "supportworker" => Some(StaffRole::CareProfessional),
        "teamleider" | "teamlead" | "teamleader" => Some(StaffRole::TeamLead),
        "beheerder"
        | "organisatiebeheerder"
        | "administrator"
        | "organisationadministrator"
        | "organisationadmin"
        | "admin" => Some(StaffRole::OrganisationAdmin),
        _ => None,
    }
}

/// The job title a new staff member gets when the line has none: their role's name.
fn role_title(role: StaffRole) -> (String, String) {
    let (nl, en) = match role {
        StaffRole::CareProfessional => ("Begeleider", "Care professional"),
        StaffRole::TeamLead => ("Teamleider", "Team lead"),
        StaffRole::OrganisationAdmin => ("Beheerder", "Administrator"),
    };
    (nl.to_owned(), en.to_owned())
}

/// What each line of the file would do, against the database as it is now; nothing is
/// written. `actor` is the importing administrator's staff member.
pub async fn plan(
    state: &AppState,
    actor: Option<i64>,
    table: &Table,
) -> Result<Vec<Planned<StaffPlan>>, ApiError> {
    let mut seen = HashSet::new();
    let mut teams = HashMap::new();
    // `email_taken` reads in a transaction; this one only reads and is rolled back.
    let mut read = state.db.begin().await?;
    let mut planned = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let outcome = plan_line(state, actor, table, row, &mut seen, &mut teams, &mut read).await?;
        planned.push(Planned {
            line: row.line,
            key: table.value(row, ImportField::Email).to_owned(),
            outcome,
        });
    }
    read.rollback().await?;
    Ok(planned)
}

/// One line's plan, or why it is refused.
async fn plan_line(
    state: &AppState,
    actor: Option<i64>,
    table: &Table,
    row: &Row,
    seen: &mut HashSet<String>,
    teams: &mut HashMap<String, Option<(i64, String)>>,
    read: &mut sqlx::Transaction<'static, crate::db::Db>,
) -> Result<LinePlan<StaffPlan>, ApiError> {
    let value = |field| table.value(row, field);
    let email = match normalize_email(value(ImportField::Email)) {
        Ok(email) => email,
        Err(error) => return line_problem(error, Some(ImportField::Email)),
    };
    if !seen.insert(email.clone()) {
        return line_problem(ApiError::ImportDuplicateLine, Some(ImportField::Email));
    }
    let Some(role) = role(value(ImportField::Role)) else {
        return line_problem(ApiError::RoleUnknown, Some(ImportField::Role));
    };
    let team = match value(ImportField::Team) {
        "" => None,
        name => {
            let found = match teams.get(name) {
                Some(found) => found.clone(),
                None => {
                    let found = team_by_name(&state.db, state.organisation_id, name)
                        .await?
                        .map(|team| (team.id, team.name));
                    teams.insert(name.to_owned(), found.clone());
                    found
                }
            };
            match found {
                Some(team) => Some(team),
                None => return line_problem(ApiError::TeamUnknown, Some(ImportField::Team)),
            }
        }
    };
    if team.is_none() && role != StaffRole::OrganisationAdmin {
        return line_problem(ApiError::TeamRequired, Some(ImportField::Team));
    }
    let written_title = value(ImportField::JobTitle);
    if let Some(current) = staff_member_by_email(&state.db, state.organisation_id, &email).await? {
        let job_title = if written_title.is_empty() {
            (current.job_title_nl.clone(), current.job_title_en.clone())
        } else {
            let nl = match bounded_text("job_title", written_title, TEXT_MAX) {
                Ok(nl) => nl,
                Err(error) => return line_problem(error, Some(ImportField::JobTitle)),
            };
            // An English title of its own stays; one that only copied the Dutch follows it.
            let en = if current.job_title_en == current.job_title_nl {
                nl.clone()
            } else {
                current.job_title_en.clone()
            };
            (nl, en)
        };
        let team_id = team.map(|(id, _)| id);
        let mut fields = Vec::new();
        if parse_role(&current.role) != role {
            fields.push(ImportField::Role);
        }
        if current.team_id != team_id {
            fields.push(ImportField::Team);
        }
        if (&current.job_title_nl, &current.job_title_en) != (&job_title.0, &job_title.1) {
            fields.push(ImportField::JobTitle);
        }
        if fields.is_empty() {
            return Ok(Ok(None));
        }
        if current.ended_at.is_some() {
            return line_problem(ApiError::StaffMemberEnded, Some(ImportField::Email));
        }
        if actor == Some(current.id) && role != StaffRole::OrganisationAdmin {
            return line_problem(ApiError::OwnAccount, Some(ImportField::Role));
        }
        return Ok(Ok(Some(StaffPlan::Change {
            current,
            role,
            team_id,
            job_title,
            fields,
        })));
    }
    let name = match bounded_text("name", value(ImportField::Name), TEXT_MAX) {
        Ok(name) => name,
        Err(error) => return line_problem(error, Some(ImportField::Name)),
    };
    let mobile = match normalize_mobile(value(ImportField::Mobile)) {
        Ok(mobile) => mobile,
        Err(error) => return line_problem(error, Some(ImportField::Mobile)),
    };
    let job_title = if written_title.is_empty() {
        role_title(role)
    } else {
        match job_title(&LocalizedText::new(written_title.to_owned(), String::new())) {
            Ok(title) => title,
            Err(error) => return line_problem(error, Some(ImportField::JobTitle)),
        }
    };
    if email_taken(read, state.organisation_id, &email).await? {
        return line_problem(ApiError::EmailTaken, Some(ImportField::Email));
    }
    Ok(Ok(Some(StaffPlan::Create(Invitee {
        name,
        email,
        mobile,
        role,
        team,
        job_title,
        language: Language::Nl,
    }))))
}

/// Carries out the plans in `tx`: invitations (their e-mails queued in `tx`) and
/// changes, each with the administration log's row the forms write.
pub async fn apply(
    state: &AppState,
    tx: &mut sqlx::Transaction<'static, crate::db::Db>,
    actor: Option<i64>,
    plans: &[&StaffPlan],
) -> Result<(), ApiError> {
    let organisation = crate::organisation::name(&state.db, state.organisation_id).await?;
    let now = state.clock.now();
    for plan in plans {
        match plan {
            StaffPlan::Create(invitee) => {
                invite_in(state, tx, actor, &organisation, invitee).await?;
            }
            StaffPlan::Change {
                current,
                role,
                team_id,
                job_title,
                ..
            } => {
                change_in(
                    state.organisation_id,
                    tx,
                    actor,
                    current,
                    *role,
                    *team_id,
                    (&job_title.0, &job_title.1),
                    now,
                )
                .await?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_read_in_dutch_and_english() {
        assert_eq!(role("Begeleider"), Some(StaffRole::CareProfessional));
        assert_eq!(role("care_professional"), Some(StaffRole::CareProfessional));
        assert_eq!(role("Team lead"), Some(StaffRole::TeamLead));
        assert_eq!(role("TEAMLEIDER"), Some(StaffRole::TeamLead));
        assert_eq!(
            role("Organisatiebeheerder"),
            Some(StaffRole::OrganisationAdmin)
        );
        assert_eq!(role("directeur"), None);
        assert_eq!(role(""), None);
    }
}
