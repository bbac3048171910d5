//! The client's dossier in the portal: care plan, progress reports, correction requests
//! and the access log (R11, R14, R23, R24).

use serde::{Deserialize, Serialize};

use crate::time::{Day, Timestamp};

use crate::text::LocalizedText;

/// A life domain of the care plan; reports are filed under one too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LifeDomain {
    /// Where and how the client lives.
    Living,
    /// Body and mind.
    Health,
    /// Work, school, day activities.
    DaytimeActivities,
    /// Money and paperwork.
    Finances,
    /// Family, friends, neighbours.
    SocialContacts,
    /// Looking after oneself: washing, dressing, meals.
    SelfCare,
}

impl LifeDomain {
    /// Every domain, in the order the app shows them.
    pub const ALL: [LifeDomain; 6] = [
        LifeDomain::Living,
        LifeDomain::Health,
        LifeDomain::DaytimeActivities,
        LifeDomain::Finances,
        LifeDomain::SocialContacts,
        LifeDomain::SelfCare,
    ];

    /// The name used in query strings (`category=health`).
    pub fn as_str(self) -> &'static str {
        match self {
            LifeDomain::Living => "living",
            LifeDomain::Health => "health",
            LifeDomain::DaytimeActivities => "daytime_activities",
            LifeDomain::Finances => "finances",
            LifeDomain::SocialContacts => "social_contacts",
            LifeDomain::SelfCare => "self_care",
        }
    }

    /// The domain with this query-string name.
    pub fn parse(text: &str) -> Option<LifeDomain> {
        LifeDomain::ALL.into_iter().find(|d| d.as_str() == text)
    }
}

/// Where a goal stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    /// Being worked on.
    Active,
    /// Reached.
    Achieved,
    /// No longer pursued.
    Stopped,
}

/// The person to ask about the dossier: the client's personal counsellor (R14).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Counsellor {
    /// Their name.
    pub name: String,
    /// Their job title.
    pub job_title: LocalizedText,
}

/// A care plan (`GET /portals/{client_id}/care-plan`, `…/care-plans/{plan_id}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CarePlan {
    /// Its id.
    pub id: i64,
    /// First day, `YYYY-MM-DD`.
    pub period_start: Day,
    /// Last day, `YYYY-MM-DD`; absent for the plan in force.
    pub period_end: Option<Day>,
    /// Whether this is the plan in force.
    pub current: bool,
    /// The life domains with their goals.
    pub domains: Vec<CarePlanDomain>,
    /// All plans of the client, newest first (for "earlier versions").
    pub versions: Vec<CarePlanVersion>,
    /// Whom to ask about it.
    pub counsellor: Option<Counsellor>,
}

/// One earlier or current plan in the list of versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CarePlanVersion {
    /// Its id.
    pub id: i64,
    /// First day.
    pub period_start: Day,
    /// Last day, if it ended.
    pub period_end: Option<Day>,
}

/// A life domain in a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CarePlanDomain {
    /// Which domain.
    pub domain: LifeDomain,
    /// The goals in it.
    pub goals: Vec<Goal>,
}

/// A goal, in the client's own words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Goal {
    /// Its id (for correction requests).
    pub id: i64,
    /// The goal as the client put it.
    pub text: String,
    /// Where it stands.
    pub status: GoalStatus,
    /// Since when, `YYYY-MM-DD`.
    pub start_date: Day,
    /// When it is evaluated, `YYYY-MM-DD`.
    pub evaluation_date: Day,
    /// What was agreed to reach it.
    pub actions: Vec<AgreedAction>,
}

/// An agreed action: what, who, how often.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgreedAction {
    /// What is done.
    pub what: String,
    /// Who does it.
    pub who: String,
    /// How often.
    pub how_often: String,
}

/// A progress report by staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    /// Its id.
    pub id: i64,
    /// When it was written, RFC 3339.
    pub written_at: Timestamp,
    /// Who wrote it.
    pub author_name: String,
    /// Their job title.
    pub author_role: LocalizedText,
    /// The life domain it is about.
    pub category: LifeDomain,
    /// The text (plain text, never markup).
    pub body: String,
    /// Written since the reader's previous visit.
    pub new: bool,
}

/// The query of `GET /portals/{client_id}/reports`: filters and the page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ReportQuery {
    /// Only this life domain
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<LifeDomain>,
    /// From this day (YYYY-MM-DD)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Day>,
    /// Up to and including this day (YYYY-MM-DD)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Day>,
    /// Words that must all occur (full-text search, prefixes match)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// `next_cursor` of the previous page
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<crate::paging::Cursor>,
    /// Reports per page, 1 to 100 (default 30)
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl ReportQuery {
    /// The page sizes of this list.
    pub const BOUNDS: crate::paging::PageBounds = crate::paging::PageBounds {
        default: 30,
        max: 100,
    };
}

/// A page of reports, newest first, and whom to ask about them
/// (`GET /portals/{client_id}/reports`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportPage {
    /// The reports (`items` and `next_cursor`, beside `counsellor` on the wire).
    #[serde(flatten)]
    pub page: crate::paging::Page<Report>,
    /// Whom to ask about the reports.
    pub counsellor: Option<Counsellor>,
}

/// What a correction request asks (R24).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CorrectionKind {
    /// Correct what is wrong.
    Correct,
    /// Add what is missing.
    Add,
    /// Remove it.
    Remove,
    /// Shield it from the portal.
    Shield,
}

/// What a correction request is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum CorrectionTarget {
    /// A report.
    Report {
        /// The report's id.
        id: i64,
    },
    /// A care-plan goal.
    Goal {
        /// The goal's id.
        id: i64,
    },
    /// The dossier in general.
    General,
}

/// Where a correction request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CorrectionStatus {
    /// Filed, not yet picked up.
    Submitted,
    /// Being handled.
    InProgress,
    /// Handled as asked.
    Done,
    /// Not done (the answer says why).
    Declined,
}

/// Files a correction request (`POST /portals/{client_id}/correction-requests`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewCorrectionRequest {
    /// What is asked.
    pub kind: CorrectionKind,
    /// What it is about.
    pub target: CorrectionTarget,
    /// The request in the person's own words (1 to 2000 characters).
    pub text: String,
}

/// A correction request and its handling.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CorrectionRequest {
    /// Its id.
    pub id: i64,
    /// What is asked.
    pub kind: CorrectionKind,
    /// What it is about.
    pub target: CorrectionTarget,
    /// The request.
    pub text: String,
    /// Where it stands.
    pub status: CorrectionStatus,
    /// When it was filed, RFC 3339.
    pub filed_at: Timestamp,
    /// The day it must be handled by, `YYYY-MM-DD`.
    pub due_on: Day,
    /// Past its due date and not handled.
    pub overdue: bool,
    /// The organisation's answer.
    pub answer: Option<String>,
    /// When it was answered, RFC 3339.
    pub answered_at: Option<Timestamp>,
    /// For staff: whose dossier it concerns.
    pub client_name: Option<String>,
    /// For staff: the client's id, to open their dossier.
    #[serde(default)]
    pub client_id: Option<i64>,
}

crate::paging::page_query!(
    /// The query of `GET /portals/{client_id}/correction-requests`.
    CorrectionRequestQuery, "Requests per page, 1 to 100 (default 20)", default = 20, max = 100
);

/// The query of `GET /staff/correction-requests`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct StaffCorrectionRequestQuery {
    /// Only submitted and in-progress requests
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open: Option<bool>,
    /// `next_cursor` of the previous page
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<crate::paging::Cursor>,
    /// Requests per page, 1 to 200 (default 50)
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl StaffCorrectionRequestQuery {
    /// The page sizes of this list.
    pub const BOUNDS: crate::paging::PageBounds = crate::paging::PageBounds {
        default: 50,
        max: 200,
    };
}

/// Staff handle a correction request (`PATCH /staff/correction-requests/{id}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CorrectionUpdate {
    /// The new status.
    pub status: CorrectionStatus,
    /// The answer to the client (required for done and declined).
    pub answer: Option<String>,
}

/// In which capacity someone appears in the access log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccessRole {
    /// The client as administrator.
    Administrator,
    /// The client's legal representative.
    Representative,
    /// Someone from the client's network.
    Contact,
    /// Staff of the organisation.
    Staff,
    /// A signed-in person outside the portal.
    User,
    /// Unknown.
    Anonymous,
    /// The system.
    System,
}

impl AccessRole {
    /// The name stored in the access log and sent in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            AccessRole::Administrator => "administrator",
            AccessRole::Representative => "representative",
            AccessRole::Contact => "contact",
            AccessRole::Staff => "staff",
            AccessRole::User => "user",
            AccessRole::Anonymous => "anonymous",
            AccessRole::System => "system",
        }
    }

    /// The role with this stored name.
    pub fn parse(text: &str) -> Option<AccessRole> {
        [
            AccessRole::Administrator,
            AccessRole::Representative,
            AccessRole::Contact,
            AccessRole::Staff,
            AccessRole::User,
            AccessRole::Anonymous,
            AccessRole::System,
        ]
        .into_iter()
        .find(|r| r.as_str() == text)
    }
}

/// One entry of "who looked at my data" (`GET /portals/{client_id}/access-log`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessLogEntry {
    /// Its id.
    pub id: i64,
    /// When, RFC 3339.
    pub occurred_at: Timestamp,
    /// The person's account, to filter by.
    pub person_id: Option<i64>,
    /// Their name then.
    pub person_name: String,
    /// In which capacity.
    pub role: AccessRole,
    /// For someone in the client's circle: their relation as recorded (e.g. "Oma").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<String>,
    /// For staff: their job title (e.g. "Persoonlijk begeleider").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<LocalizedText>,
    /// Which part: `portal`, `care_plan`, `reports`, `report`, `correction_requests`,
    /// `access_log`, `staff`.
    pub section: String,
    /// Which item, e.g. a report id.
    pub item: Option<String>,
    /// `read`, `create`, `update`, `remove`, `search`, `export`, …
    pub action: String,
    /// Whether it was allowed.
    pub allowed: bool,
}

/// The query of `GET /portals/{client_id}/access-log`: filters and the page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct AccessLogQuery {
    /// Only this person's entries (`person_id`)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<i64>,
    /// From this day (YYYY-MM-DD, UTC)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Day>,
    /// Up to and including this day (YYYY-MM-DD, UTC)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Day>,
    /// `next_cursor` of the previous page
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<crate::paging::Cursor>,
    /// Entries per page, 1 to 200 (default 50)
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl AccessLogQuery {
    /// The page sizes of this list.
    pub const BOUNDS: crate::paging::PageBounds = crate::paging::PageBounds {
        default: 50,
        max: 200,
    };
}
