//! Clients from an import file, matched by client number: each line is checked by the
//! registration form's own rules (`staff::shared::check_registration`), then registered
//! or changed with the same access-log entries as the form, and an end of care with
//! the same record as the end-of-care form.
//!
//! An empty end of care leaves a recorded end as it is: the form cannot take an end
//! back either, and an export without the column must not reopen ended care.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use kring_api::import::ImportField;
use kring_api::{ClientRegistration, Day};

use super::file::{day, Table};
use super::{line_problem, LinePlan, Planned};
use crate::access_log::Turn;
use crate::administration::shared::{staff_member_by_email, team_by_name};
use crate::auth::accounts::normalize_email;
use crate::auth::SignedIn;
use crate::problem::ApiError;
use crate::staff::shared::{
    check_registration, insert_logged, record_end_logged, registration_by_number, update_logged,
    CheckedRegistration, StoredRegistration, NAME_MAX_CHARS,
};
use crate::staff_members::StaffMember;
use crate::state::AppState;

/// What a line of a clients file does.
pub enum ClientPlan {
    /// Registers a new client, and records the end of care when the line gives one.
    Create {
        /// The registration.
        checked: CheckedRegistration,
        /// The end of care.
        end: Option<NaiveDate>,
    },
    /// Changes a registered client.
    Change {
        /// The client as registered.
        before: StoredRegistration,
        /// The registration as the line has it.
        checked: CheckedRegistration,
        /// Whether the registration's fields change (not only the end of care).
        registration: bool,
        /// A new end of care to record.
        end: Option<NaiveDate>,
    },
}

/// The field of the registration form a registration problem is about.
fn field_of(error: &ApiError, first_name: &str) -> Option<ImportField> {
    Some(match error {
        ApiError::ClientNumberInvalid | ApiError::ClientNumberTaken => ImportField::ClientNumber,
        ApiError::ClientNameInvalid => {
            let first = first_name.trim();
            if first.is_empty()
                || first.chars().count() > NAME_MAX_CHARS
                || first.chars().any(char::is_control)
            {
                ImportField::FirstName
            } else {
                ImportField::FamilyName
            }
        }
        ApiError::DateOfBirthInvalid => ImportField::DateOfBirth,
        ApiError::CareStartInvalid => ImportField::CareStart,
        ApiError::TeamUnknown => ImportField::Team,
        ApiError::CounsellorNotInTeam => ImportField::PersonalCounsellor,
        _ => return None,
    })
}

/// The column of a registration field's name (`StoredRegistration::changes`).
fn field_named(name: &str) -> Option<ImportField> {
    Some(match name {
        "client_number" => ImportField::ClientNumber,
        "first_name" => ImportField::FirstName,
        "family_name" => ImportField::FamilyName,
        "date_of_birth" => ImportField::DateOfBirth,
        "team" => ImportField::Team,
        "personal_counsellor" => ImportField::PersonalCounsellor,
        "care_relation_start" => ImportField::CareStart,
        _ => return None,
    })
}

/// Names already looked up, so a file of many lines asks once per team and counsellor.
#[derive(Default)]
struct Lookups {
    teams: HashMap<String, Option<i64>>,
    counsellors: HashMap<String, Option<i64>>,
}

impl Lookups {
    async fn team(&mut self, state: &AppState, name: &str) -> Result<Option<i64>, ApiError> {
        if let Some(found) = self.teams.get(name) {
            return Ok(*found);
        }
        let found = team_by_name(&state.db, state.organisation_id, name)
            .await?
            .map(|team| team.id);
        self.teams.insert(name.to_owned(), found);
        Ok(found)
    }

    async fn counsellor(&mut self, state: &AppState, email: &str) -> Result<Option<i64>, ApiError> {
        if let Some(found) = self.counsellors.get(email) {
            return Ok(*found);
        }
        let found = staff_member_by_email(&state.db, state.organisation_id, email)
            .await?
            .filter(|staff| staff.ended_at.is_none())
            .map(|staff| staff.id);
        self.counsellors.insert(email.to_owned(), found);
        Ok(found)
    }
}

/// What each line of the file would do, checked against the database as it is now;
/// nothing is written. Only a database failure is an error: a wrong line is refused.
pub async fn plan(
    state: &AppState,
    staff: &StaffMember,
    table: &Table,
) -> Result<Vec<Planned<ClientPlan>>, ApiError> {
    let mut seen = HashSet::new();
    let mut lookups = Lookups::default();
    let mut planned = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let number = table.value(row, ImportField::ClientNumber);
        let outcome = plan_line(state, staff, table, row, &mut seen, &mut lookups).await;
        planned.push(Planned {
            line: row.line,
            key: number.to_owned(),
            outcome: outcome?,
        });
    }
    Ok(planned)
}

/// One line's plan, or why it is refused.
async fn plan_line(
    state: &AppState,
    staff: &StaffMember,
    table: &Table,
    row: &super::file::Row,
    seen: &mut HashSet<String>,
    lookups: &mut Lookups,
) -> Result<LinePlan<ClientPlan>, ApiError> {
    let value = |field| table.value(row, field);
    let number = value(ImportField::ClientNumber);
    if !number.is_empty() && !seen.insert(number.to_owned()) {
        return line_problem(
            ApiError::ImportDuplicateLine,
            Some(ImportField::ClientNumber),
        );
    }
    let Some(team_id) = lookups.team(state, value(ImportField::Team)).await? else {
        return line_problem(ApiError::TeamUnknown, Some(ImportField::Team));
    };
    let counsellor = match value(ImportField::PersonalCounsellor) {
        "" => None,
        written => {
            let found = match normalize_email(written) {
                Ok(email) => lookups.counsellor(state, &email).await?,
                Err(_) => None,
            };
            match found {
                Some(id) => Some(id),
                None => {
                    return line_problem(
                        ApiError::CounsellorNotInTeam,
                        Some(ImportField::PersonalCounsellor),
                    )
                }
            }
        }
    };
    let Some(date_of_birth) = day(value(ImportField::DateOfBirth)) else {
        return line_problem(ApiError::DateOfBirthInvalid, Some(ImportField::DateOfBirth));
    };
    let Some(care_start) = day(value(ImportField::CareStart)) else {
        return line_problem(ApiError::CareStartInvalid, Some(ImportField::CareStart));
    };
    let end = match value(ImportField::CareEnd) {
        "" => None,
        written => match day(written) {
            Some(end) => Some(end),
            None => return line_problem(ApiError::CareEndInvalid, Some(ImportField::CareEnd)),
        },
    };
    let before = if number.is_empty() {
        None
    } else {
        registration_by_number(state, number).await?
    };
    let request = ClientRegistration {
        client_number: number.to_owned(),
        first_name: value(ImportField::FirstName).to_owned(),
        family_name: value(ImportField::FamilyName).to_owned(),
        date_of_birth: Day::from(date_of_birth),
        team_id,
        personal_counsellor_id: counsellor,
        care_relation_start: Day::from(care_start),
    };
    let except = before.as_ref().map_or(0, StoredRegistration::client_id);
    let checked = match check_registration(state, staff, &request, except).await {
        Ok(checked) => checked,
        Err(error @ (ApiError::Database(_) | ApiError::Internal(_))) => return Err(error),
        Err(error) => {
            let field = field_of(&error, &request.first_name);
            return line_problem(error, field);
        }
    };
    if end.is_some_and(|end| end < checked.care_relation_start()) {
        return line_problem(ApiError::CareEndInvalid, Some(ImportField::CareEnd));
    }
    let Some(before) = before else {
        return Ok(Ok(Some(ClientPlan::Create { checked, end })));
    };
    // As the form: the start of care may not fall after a recorded end.
    if end
        .or(before.care_relation_end())
        .is_some_and(|end| checked.care_relation_start() > end)
    {
        return line_problem(ApiError::CareStartInvalid, Some(ImportField::CareStart));
    }
    let mut fields: Vec<ImportField> = before
        .changes(&checked)
        .into_iter()
        .filter_map(field_named)
        .collect();
    let registration = !fields.is_empty();
    let end = end.filter(|end| before.care_relation_end() != Some(*end));
    if end.is_some() {
        fields.push(ImportField::CareEnd);
    }
    if fields.is_empty() {
        return Ok(Ok(None));
    }
    Ok(Ok(Some(ClientPlan::Change {
        before,
        checked,
        registration,
        end,
    })))
}

/// The columns a plan changes.
pub fn changed_fields(plan: &ClientPlan) -> Vec<ImportField> {
    match plan {
        ClientPlan::Create { .. } => Vec::new(),
        ClientPlan::Change {
            before,
            checked,
            end,
            ..
        } => {
            let mut fields: Vec<ImportField> = before
                .changes(checked)
                .into_iter()
                .filter_map(field_named)
                .collect();
            if end.is_some() {
                fields.push(ImportField::CareEnd);
            }
            fields
        }
    }
}

/// Carries out the plans in `tx`, each with the access-log entries the forms write.
pub async fn apply(
    state: &AppState,
    turn: &Turn<'_>,
    tx: &mut sqlx::Transaction<'static, crate::db::Db>,
    signed_in: &SignedIn,
    address: &str,
    plans: &[&ClientPlan],
) -> Result<(), ApiError> {
    for plan in plans {
        match plan {
            ClientPlan::Create { checked, end } => {
                let client_id = insert_logged(state, turn, tx, signed_in, address, checked).await?;
                if let Some(end) = end {
                    record_end_logged(turn, tx, signed_in, address, client_id, Some(*end), None)
                        .await?;
                }
            }
            ClientPlan::Change {
                before,
                checked,
                registration,
                end,
            } => {
                if *registration {
                    update_logged(turn, tx, signed_in, address, before, checked).await?;
                }
                if let Some(end) = end {
                    record_end_logged(
                        turn,
                        tx,
                        signed_in,
                        address,
                        before.client_id(),
                        Some(*end),
                        None,
                    )
                    .await?;
                }
            }
        }
    }
    Ok(())
}
