//! The organisation administrators' set-up: teams (with their own emergency numbers)
//! and staff members (invited by e-mail, changed, ended).
//!
//! Organisation administrators create and change teams and staff; other staff read
//! their own team (team leads also its members), and change nothing.

use serde::{Deserialize, Serialize};

use crate::staff::StaffRole;
use crate::text::{Language, LocalizedText};

/// A phone number as it is dialled and as people read it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamPhone {
    /// The number to dial, in international form for `tel:` links, e.g. `+31201234567`.
    pub phone: String,
    /// The number as it was entered, e.g. `020 123 4567`.
    pub phone_display: String,
}

/// A team of the organisation (`GET /staff/teams`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Team {
    /// The team (`/staff/teams/{team_id}`).
    pub id: i64,
    /// Its name, unique in the organisation.
    pub name: String,
    /// The team's own emergency number; `null` when its clients call the
    /// organisation's.
    pub emergency_phone: Option<TeamPhone>,
    /// How many staff members (not ended) belong to it.
    pub member_count: u32,
}

/// A new team, or a team's new name and number (`POST /staff/teams`,
/// `PUT /staff/teams/{team_id}`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TeamDetails {
    /// The name, 1 to 100 characters, not used by another team of the organisation.
    pub name: String,
    /// The team's emergency number as people should read it (`020 123 4567`, `+31 20
    /// 123 4567`); `null` or empty: the team's clients call the organisation's number.
    #[serde(default)]
    pub emergency_phone: Option<String>,
}

crate::paging::page_query!(
    /// The query of `GET /staff/teams`.
    TeamsQuery, "Teams per page, 1 to 100 (default 50)", default = 50, max = 100
);

/// Where a staff member's sign-in account stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffAccountStatus {
    /// The staff member has no sign-in account (registered without one).
    NoAccount,
    /// Invited: the activation e-mail went out, the account is not activated yet.
    Invited,
    /// The account is in use.
    Active,
    /// The account is suspended.
    Suspended,
    /// The staff account was ended: nobody can sign in with it; its history is kept.
    Ended,
}

/// The team a staff member belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffTeam {
    /// The team.
    pub id: i64,
    /// Its name.
    pub name: String,
}

/// A staff member as the administration lists them (`GET /staff/members`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMemberSummary {
    /// The staff member (`/staff/members/{staff_id}`).
    pub id: i64,
    /// Their name.
    pub name: String,
    /// Their e-mail address.
    pub email: String,
    /// What they may do.
    pub role: StaffRole,
    /// Their team; organisation administrators may have none.
    pub team: Option<StaffTeam>,
    /// Their job title, as clients read it.
    pub job_title: LocalizedText,
    /// Where their sign-in account stands.
    pub status: StaffAccountStatus,
}

/// Invites a new staff member (`POST /staff/members`): they get a sign-in account and
/// an activation e-mail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewStaffMember {
    /// Their full name, 1 to 100 characters.
    pub name: String,
    /// Their e-mail address, not used by anyone else in the organisation: the
    /// activation link goes here.
    pub email: String,
    /// Their mobile number: sign-in codes go here.
    pub mobile: String,
    /// What they may do.
    pub role: StaffRole,
    /// Their team: required for care professionals and team leads.
    #[serde(default)]
    pub team_id: Option<i64>,
    /// Their job title (Dutch required; English empty means the same as Dutch).
    pub job_title: LocalizedText,
    /// The language of the invitation e-mail (Dutch by default).
    #[serde(default)]
    pub language: Language,
}

/// A staff member's new role, team and job title (`PUT /staff/members/{staff_id}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StaffMemberChange {
    /// What they may do.
    pub role: StaffRole,
    /// Their team: required for care professionals and team leads.
    #[serde(default)]
    pub team_id: Option<i64>,
    /// Their job title (Dutch required; English empty means the same as Dutch).
    pub job_title: LocalizedText,
}

/// The query of `GET /staff/members`: a team, and the page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct StaffMembersQuery {
    /// Only the members of this team (organisation administrators; a team lead always
    /// sees their own team)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<i64>,
    /// `next_cursor` of the previous page
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<crate::paging::Cursor>,
    /// Staff members per page, 1 to 100 (default 50)
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl StaffMembersQuery {
    /// The page sizes of this list.
    pub const BOUNDS: crate::paging::PageBounds = crate::paging::PageBounds {
        default: 50,
        max: 100,
    };
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_new_staff_member_writes_dutch_by_default_and_refuses_unknown_fields() {
        let new: NewStaffMember = serde_json::from_value(json!({
            "name": "Anna", "email": "anna@example.org", "mobile": "0612345678",
            "role": "care_professional", "team_id": 3,
            "job_title": { "nl": "Begeleider", "en": "Support worker" }
        }))
        .unwrap();
        assert_eq!(new.language, Language::Nl);
        assert!(serde_json::from_value::<StaffMemberChange>(json!({
            "role": "team_lead", "team_id": 1, "job_title": { "nl": "x", "en": "y" }, "admin": true
        }))
        .is_err());
    }

    #[test]
    fn statuses_are_snake_case() {
        assert_eq!(
            serde_json::to_value(StaffAccountStatus::NoAccount).unwrap(),
            json!("no_account")
        );
    }
}
