//! What the organisation's staff do to give, suspend and shape portal access.

use serde::{Deserialize, Serialize};

use crate::time::{Day, Timestamp};

use crate::text::{DocumentSection, Language, LocalizedText};

/// Who becomes a portal's administrator (R2, R6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AdministratorRelation {
    /// The client themselves.
    Client,
    /// The client's legal representative (mentor, guardian, authorised person).
    Representative,
}

/// Gives a client's portal to its administrator and sends the activation link
/// (`POST /staff/clients/{client_id}/administrator`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GrantAccessRequest {
    /// The administrator's full name.
    pub name: String,
    /// Their e-mail address; the activation link goes here.
    pub email: String,
    /// Their mobile number; sign-in codes go here.
    pub mobile: String,
    /// The client, or a legal representative.
    pub relation: AdministratorRelation,
    /// For a representative: what shows they may represent the client (court order,
    /// signed statement in the dossier). Required for a representative.
    pub representation_basis: Option<String>,
    /// The language of the messages.
    pub language: Language,
}

/// The access was given and the activation link sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GrantedAccess {
    /// The client whose portal it is.
    pub client_id: i64,
    /// The e-mail address the link went to.
    pub email: String,
    /// When the activation link stops working, RFC 3339.
    pub link_expires_at: Timestamp,
}

/// Suspends an account or a portal for excessive use (R5, R10, R16).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SuspensionRequest {
    /// Why, in words the person will read.
    pub reason: String,
}

/// Publishes a new terms version (`POST /staff/terms`); everyone accepts it again at
/// their next request from the date it is in force.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PublishTermsRequest {
    /// The date it comes into force, `YYYY-MM-DD`.
    pub in_force_from: Day,
    /// What changed, one change per line.
    pub change_summary: LocalizedText,
    /// The full text.
    pub sections: Vec<DocumentSection>,
}

/// Where a client's portal stands, as staff see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PortalStatus {
    /// Nobody has been given access yet.
    NoAccess,
    /// The administrator was given access and has not activated it yet.
    Invited,
    /// In use.
    Active,
    /// Suspended by the organisation.
    Suspended,
    /// Ended: by the administrator, or after the care relation ended.
    Ended,
}

/// One client in a staff member's caseload (`GET /staff/clients`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseloadClient {
    /// The client's id.
    pub id: i64,
    /// The organisation's client number.
    pub client_number: String,
    /// First and family name.
    pub name: String,
    /// The team the client belongs to.
    pub team: Option<String>,
    /// The portal's state.
    pub portal: PortalStatus,
    /// The portal's administrator (invited or active), if any.
    pub administrator: Option<String>,
    /// The day access ends or ended after the care relation ended (R4), `YYYY-MM-DD`.
    pub access_ends_on: Option<Day>,
    /// Correction requests not yet done or declined.
    pub open_correction_requests: u32,
    /// Of those, the ones past their due date.
    pub overdue_correction_requests: u32,
    /// Notes and photos placed by the client and their circle that no one of staff has
    /// looked at yet.
    pub waiting_for_moderation: u32,
}

/// The query of `GET /staff/clients`: the clients a staff member works for (their own
/// team's, all for the organisation's administrators), by name, a page at a time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct CaseloadQuery {
    /// Only clients whose first name, family name, full name or client number starts
    /// with this text, capitals or not (at most 100 characters)
    #[cfg_attr(feature = "openapi", param(max_length = 100))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// `next_cursor` of the previous page
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<crate::paging::Cursor>,
    /// Clients per page, 1 to 200 (default 50)
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl CaseloadQuery {
    /// The page sizes of this list.
    pub const BOUNDS: crate::paging::PageBounds = crate::paging::PageBounds {
        default: 50,
        max: 200,
    };

    /// The longest search text, in characters.
    pub const MAX_SEARCH_CHARS: usize = 100;
}

/// Registers a client of the organisation (`POST /staff/clients`), or changes the
/// registration (`PUT /staff/clients/{client_id}/registration`). The end of the care
/// relation is recorded apart (`POST /staff/clients/{client_id}/care-relation-end`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClientRegistration {
    /// The organisation's client number: 1 to 32 characters, unique in the organisation.
    pub client_number: String,
    /// First name, 1 to 100 characters.
    pub first_name: String,
    /// Family name, 1 to 100 characters.
    pub family_name: String,
    /// Date of birth, `YYYY-MM-DD`: not in the future, not before 1900.
    pub date_of_birth: Day,
    /// The team the client belongs to (for team leads and care professionals: their own).
    pub team_id: i64,
    /// The personal counsellor: a member of staff of that team.
    #[serde(default)]
    pub personal_counsellor_id: Option<i64>,
    /// The first day of the care relation, `YYYY-MM-DD`: not before the date of birth.
    pub care_relation_start: Day,
}

/// A client's registration as the organisation recorded it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisteredClient {
    /// The client's id.
    pub id: i64,
    /// The organisation's client number.
    pub client_number: String,
    /// First name.
    pub first_name: String,
    /// Family name.
    pub family_name: String,
    /// Date of birth, `YYYY-MM-DD`.
    pub date_of_birth: Day,
    /// The team the client belongs to.
    pub team_id: Option<i64>,
    /// The personal counsellor.
    pub personal_counsellor_id: Option<i64>,
    /// The first day of the care relation, `YYYY-MM-DD`.
    pub care_relation_start: Day,
    /// The last day of the care relation, if recorded, `YYYY-MM-DD`.
    pub care_relation_end: Option<Day>,
}

/// A team in which the signed-in member of staff may register clients
/// (`GET /staff/registration-teams`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationTeam {
    /// The team's id.
    pub id: i64,
    /// Its name.
    pub name: String,
}

/// A member of staff of a team, who can be a client's personal counsellor
/// (`GET /staff/teams/{team_id}/counsellors`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamCounsellor {
    /// The staff member's id.
    pub id: i64,
    /// Their name.
    pub name: String,
}

crate::paging::page_query!(
    /// The query of `GET /staff/registration-teams` and `GET /staff/teams/{team_id}/counsellors`.
    ChoiceQuery, "Items per page, 1 to 200 (default 200)", default = 200, max = 200
);

/// The care relation ended, or the client died (`POST /staff/clients/{client_id}/care-relation-end`).
/// Portal access ends the organisation's grace days after the earlier date (R4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CareRelationEnd {
    /// The last day of the care relation, `YYYY-MM-DD`.
    #[serde(default)]
    pub ended_on: Option<Day>,
    /// The day the client died, `YYYY-MM-DD`.
    #[serde(default)]
    pub deceased_on: Option<Day>,
}

/// When portal access ends after a [`CareRelationEnd`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CareRelationEnded {
    /// The day access ends (from that day on, nobody can use the portal), `YYYY-MM-DD`.
    pub access_ends_on: Day,
    /// The organisation's grace days.
    pub grace_days: u32,
}

/// A report a staff member writes (`POST /staff/clients/{client_id}/reports`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewReport {
    /// The life domain it is about.
    pub category: crate::dossier::LifeDomain,
    /// Plain text, 1 to 10,000 characters.
    pub body: String,
    /// Show it in the portal now; otherwise it waits until it is released.
    pub release: bool,
}

/// Release a report to the portal later (`PATCH /staff/clients/{client_id}/reports/{report_id}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReportRelease {
    /// Must be true: a released report stays released (it was read).
    pub released: bool,
}

/// A report as staff see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffReport {
    /// Its id.
    pub id: i64,
    /// When it was written, RFC 3339.
    pub written_at: Timestamp,
    /// Who wrote it.
    pub author_name: String,
    /// The life domain.
    pub category: crate::dossier::LifeDomain,
    /// The text.
    pub body: String,
    /// Shown in the portal.
    pub released: bool,
}

/// What a moderation item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ModerationKind {
    /// A note.
    Note,
    /// A photo.
    Photo,
}

/// Something a client or someone in their circle placed (R16), as staff review it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModerationItem {
    /// Note or photo.
    pub kind: ModerationKind,
    /// The note's or photo's id.
    pub id: i64,
    /// The client whose portal shows it.
    pub client_id: i64,
    /// The client's name.
    pub client_name: String,
    /// Who placed it.
    pub author_name: String,
    /// Their account, to suspend it for excessive use
    /// (`/staff/accounts/{account_id}/suspension`).
    pub author_account_id: i64,
    /// Their account is suspended now.
    pub author_suspended: bool,
    /// When, RFC 3339.
    pub placed_at: Timestamp,
    /// The note's text, or the photo's caption.
    pub text: String,
    /// For a photo: its smallest size for staff
    /// (`/staff/photos/{photo_id}/{width}`, relative to the API base).
    pub image_path: Option<String>,
    /// A staff member looked at it and left it.
    pub reviewed: bool,
}

crate::paging::page_query!(
    /// The query of `GET /staff/moderation`.
    ModerationQuery, "Items per page, 1 to 200 (default 50)", default = 50, max = 200
);

/// One agreed action in a new care plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewAgreedAction {
    /// What is done.
    pub what: String,
    /// Who does it.
    pub who: String,
    /// How often.
    pub how_often: String,
}

/// One goal in a new care plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewGoal {
    /// The goal, in the client's words where possible.
    pub text: String,
    /// Where it stands.
    pub status: crate::dossier::GoalStatus,
    /// Since when, `YYYY-MM-DD`.
    pub start_date: Day,
    /// When it is evaluated, `YYYY-MM-DD` (not before the start).
    pub evaluation_date: Day,
    /// The agreed actions.
    pub actions: Vec<NewAgreedAction>,
}

/// One life domain in a new care plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewCarePlanDomain {
    /// The life domain.
    pub domain: crate::dossier::LifeDomain,
    /// Its goals.
    pub goals: Vec<NewGoal>,
}

/// A new version of a client's care plan (`POST /staff/clients/{client_id}/care-plans`).
/// The plan in force until now ends the day before; it stays readable as an earlier
/// version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewCarePlan {
    /// The first day it is in force, `YYYY-MM-DD`.
    pub period_start: Day,
    /// The life domains, in order.
    pub domains: Vec<NewCarePlanDomain>,
}

crate::paging::page_query!(
    /// The query of `GET /staff/clients/{client_id}/reports`.
    StaffReportQuery, "Reports per page, 1 to 100 (default 30)", default = 30, max = 100
);

/// What a member of staff may do, from least to most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// Works with the clients of their team.
    CareProfessional,
    /// Leads a team: also suspends accounts and portals.
    TeamLead,
    /// Sees every team's clients and publishes the terms.
    OrganisationAdmin,
}

/// A signed-in member of staff (in [`crate::SessionInfo`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffInfo {
    /// Their role.
    pub role: StaffRole,
    /// Their team's name, if they belong to one.
    pub team: Option<String>,
}

/// What a message the portal sends is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MessagePurpose {
    /// A one-time sign-in code.
    SignInCode,
    /// The link that activates a new account.
    Activation,
    /// Access to one more portal.
    AccessGranted,
    /// Administration of a portal moved to someone else.
    AdministrationMoved,
    /// The link that sets a new password.
    PasswordReset,
    /// An invitation into a client's circle.
    Invitation,
    /// The first organisation administrator's activation.
    OrganisationSetUp,
    /// A new staff member's invitation (with the activation link).
    StaffInvitation,
    /// A notice about the account's sign-in: a changed e-mail address, number or
    /// password, a paused sign-in, a second factor reset, a deleted account.
    SecurityNotice,
    /// The link that confirms a new e-mail address.
    EmailConfirmation,
}

/// A message the portal could not deliver (it kept failing, or the provider refused
/// it). Its text is not shown: it may hold a link or a code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UndeliveredMessage {
    /// The message (`/staff/messages/{message_id}/retry`).
    pub id: i64,
    /// E-mail or SMS.
    pub channel: crate::dev::Channel,
    /// What it was for.
    pub purpose: MessagePurpose,
    /// The e-mail address or mobile number.
    pub recipient: String,
    /// How often delivery was tried.
    pub attempts: u32,
    /// The provider's last answer, or why it could not be reached.
    pub reason: String,
    /// When it was written, RFC 3339.
    pub created_at: Timestamp,
}

crate::paging::page_query!(
    /// The query of `GET /staff/messages/undelivered`.
    UndeliveredMessagesQuery, "Items per page, 1 to 100 (default 25)", default = 25, max = 100
);
