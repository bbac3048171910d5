//! The staff endpoints (`/staff/…`): caseload, access, reports, care plan, moderation,
//! correction requests, relation end, terms and undelivered messages. One `async fn` per endpoint.

use kring_api::{
    paths, CarePlan, CareRelationEnd, CareRelationEnded, CaseloadClient, CaseloadQuery,
    ClientRegistration, CorrectionRequest, CorrectionUpdate, Cursor, GrantAccessRequest,
    GrantedAccess, ModerationItem, NewCarePlan, NewReport, NoteRemovalRequest, Page,
    PhotoRemovalRequest, PublishTermsRequest, RegisteredClient, RegistrationTeam, ReportRelease,
    StaffReport, SuspensionRequest, TeamCounsellor, TermsVersionSummary,
};

use kring_api::dossier::StaffCorrectionRequestQuery;
use kring_api::staff::{
    ChoiceQuery, ModerationQuery, StaffReportQuery, UndeliveredMessage, UndeliveredMessagesQuery,
};

use super::{client, ApiError};

/// A page of the staff member's clients, by name; `search` finds those whose name or
/// client number starts with it (`GET /staff/clients`).
pub async fn caseload(
    search: Option<String>,
    cursor: Option<Cursor>,
    limit: Option<u32>,
) -> Result<Page<CaseloadClient>, ApiError> {
    let query = CaseloadQuery {
        q: search,
        cursor,
        limit,
    };
    client::get_json(&client::with_query(paths::STAFF_CLIENTS.to_owned(), &query)).await
}

/// One client of the caseload (`GET /staff/clients/{client_id}`).
pub async fn caseload_client(client_id: i64) -> Result<CaseloadClient, ApiError> {
    client::get_json(&paths::fill(paths::STAFF_CLIENT, &[client_id])).await
}

/// Registers a client (`POST /staff/clients`).
pub async fn register_client(
    registration: ClientRegistration,
) -> Result<RegisteredClient, ApiError> {
    client::post_json(paths::STAFF_CLIENTS, &registration).await
}

/// A client's registration (`GET /staff/clients/{client_id}/registration`).
pub async fn registration(client_id: i64) -> Result<RegisteredClient, ApiError> {
    client::get_json(&paths::fill(paths::STAFF_CLIENT_REGISTRATION, &[client_id])).await
}

/// Changes a client's registration (`PUT /staff/clients/{client_id}/registration`).
pub async fn change_registration(
    client_id: i64,
    registration: ClientRegistration,
) -> Result<RegisteredClient, ApiError> {
    client::put_json(
        &paths::fill(paths::STAFF_CLIENT_REGISTRATION, &[client_id]),
        &registration,
    )
    .await
}

/// The teams in which the staff member may register clients, first page of the
/// largest size (`GET /staff/registration-teams`).
pub async fn registration_teams() -> Result<Page<RegistrationTeam>, ApiError> {
    let query = ChoiceQuery {
        cursor: None,
        limit: Some(ChoiceQuery::BOUNDS.max),
    };
    client::get_json(&client::with_query(
        paths::STAFF_REGISTRATION_TEAMS.to_owned(),
        &query,
    ))
    .await
}

/// The staff of a team who can be a personal counsellor, first page of the largest
/// size (`GET /staff/teams/{team_id}/counsellors`).
pub async fn team_counsellors(team_id: i64) -> Result<Page<TeamCounsellor>, ApiError> {
    let query = ChoiceQuery {
        cursor: None,
        limit: Some(ChoiceQuery::BOUNDS.max),
    };
    client::get_json(&client::with_query(
        paths::fill(paths::STAFF_TEAM_COUNSELLORS, &[team_id]),
        &query,
    ))
    .await
}

/// Gives a client's portal to its first administrator and sends the activation link
/// (`POST /staff/clients/{client_id}/administrator`).
pub async fn grant_access(
    client_id: i64,
    request: GrantAccessRequest,
) -> Result<GrantedAccess, ApiError> {
    client::post_json(
        &paths::fill(paths::STAFF_GRANT_ACCESS, &[client_id]),
        &request,
    )
    .await
}

/// Moves administration to someone else; both are told
/// (`PUT /staff/clients/{client_id}/administrator`).
pub async fn change_administrator(
    client_id: i64,
    request: GrantAccessRequest,
) -> Result<GrantedAccess, ApiError> {
    client::put_json(
        &paths::fill(paths::STAFF_GRANT_ACCESS, &[client_id]),
        &request,
    )
    .await
}

/// Suspends a client's portal, with a reason the people in it read
/// (`POST /staff/clients/{client_id}/portal-suspension`).
pub async fn suspend_portal(client_id: i64, reason: String) -> Result<(), ApiError> {
    client::post_json_no_content(
        &paths::fill(paths::STAFF_PORTAL_SUSPENSION, &[client_id]),
        &SuspensionRequest { reason },
    )
    .await
}

/// Lifts a portal's suspension (`DELETE /staff/clients/{client_id}/portal-suspension`).
pub async fn lift_portal_suspension(client_id: i64) -> Result<(), ApiError> {
    client::delete_no_content(&paths::fill(paths::STAFF_PORTAL_SUSPENSION, &[client_id])).await
}

/// Suspends an account, with a reason its owner reads
/// (`POST /staff/accounts/{account_id}/suspension`).
pub async fn suspend_account(account_id: i64, reason: String) -> Result<(), ApiError> {
    client::post_json_no_content(
        &paths::fill(paths::STAFF_ACCOUNT_SUSPENSION, &[account_id]),
        &SuspensionRequest { reason },
    )
    .await
}

/// Lifts an account's suspension (`DELETE /staff/accounts/{account_id}/suspension`).
pub async fn lift_account_suspension(account_id: i64) -> Result<(), ApiError> {
    client::delete_no_content(&paths::fill(paths::STAFF_ACCOUNT_SUSPENSION, &[account_id])).await
}

/// A page of a client's reports, released or not, newest first
/// (`GET /staff/clients/{client_id}/reports`).
pub async fn reports(
    client_id: i64,
    cursor: Option<Cursor>,
) -> Result<Page<StaffReport>, ApiError> {
    let path = paths::fill(paths::STAFF_REPORTS, &[client_id]);
    client::get_json(&client::with_query(path, &StaffReportQuery::after(cursor))).await
}

/// Writes a report, released now or later (`POST /staff/clients/{client_id}/reports`).
pub async fn write_report(client_id: i64, report: NewReport) -> Result<StaffReport, ApiError> {
    client::post_json(&paths::fill(paths::STAFF_REPORTS, &[client_id]), &report).await
}

/// Releases a report to the portal
/// (`PATCH /staff/clients/{client_id}/reports/{report_id}`).
pub async fn release_report(client_id: i64, report_id: i64) -> Result<StaffReport, ApiError> {
    client::patch_json(
        &paths::fill(paths::STAFF_REPORT, &[client_id, report_id]),
        &ReportRelease { released: true },
    )
    .await
}

/// The care plan in force, to start a new version from
/// (`GET /staff/clients/{client_id}/care-plan`); not found when there is none yet.
pub async fn care_plan(client_id: i64) -> Result<CarePlan, ApiError> {
    client::get_json(&paths::fill(paths::STAFF_CARE_PLAN, &[client_id])).await
}

/// A new version of the care plan (`POST /staff/clients/{client_id}/care-plans`).
pub async fn new_care_plan(client_id: i64, plan: NewCarePlan) -> Result<CarePlan, ApiError> {
    client::post_json(&paths::fill(paths::STAFF_CARE_PLANS, &[client_id]), &plan).await
}

/// Records the end of the care relation or the day of death; answers the day access
/// ends (`POST /staff/clients/{client_id}/care-relation-end`).
pub async fn end_care_relation(
    client_id: i64,
    end: CareRelationEnd,
) -> Result<CareRelationEnded, ApiError> {
    client::post_json(
        &paths::fill(paths::STAFF_CARE_RELATION_END, &[client_id]),
        &end,
    )
    .await
}

/// A page of notes and photos placed by clients and their circles, newest first
/// (`GET /staff/moderation`).
pub async fn moderation(cursor: Option<Cursor>) -> Result<Page<ModerationItem>, ApiError> {
    let query = ModerationQuery::after(cursor);
    client::get_json(&client::with_query(
        paths::STAFF_MODERATION.to_owned(),
        &query,
    ))
    .await
}

/// Marks a note as looked at and left as it is (`POST /staff/notes/{note_id}/review`).
pub async fn review_note(note_id: i64) -> Result<(), ApiError> {
    client::post_no_content(&paths::fill(paths::STAFF_NOTE_REVIEW, &[note_id])).await
}

/// Marks a photo as looked at and left as it is (`POST /staff/photos/{photo_id}/review`).
pub async fn review_photo(photo_id: i64) -> Result<(), ApiError> {
    client::post_no_content(&paths::fill(paths::STAFF_PHOTO_REVIEW, &[photo_id])).await
}

/// Removes a note with a reason its author reads (`POST /staff/notes/{note_id}/removal`).
pub async fn remove_note(note_id: i64, reason: String) -> Result<(), ApiError> {
    client::post_json_no_content(
        &paths::fill(paths::STAFF_NOTE_REMOVAL, &[note_id]),
        &NoteRemovalRequest { reason },
    )
    .await
}

/// Removes a photo from every portal, with a reason its uploader reads
/// (`POST /staff/photos/{photo_id}/removal`).
pub async fn remove_photo(photo_id: i64, reason: String) -> Result<(), ApiError> {
    client::post_json_no_content(
        &paths::fill(paths::STAFF_PHOTO_REMOVAL, &[photo_id]),
        &PhotoRemovalRequest { reason },
    )
    .await
}

/// The address of a moderation item's image (its `image_path`), for `<img src>`.
pub fn image_url(image_path: &str) -> String {
    format!("{}{image_path}", client::api_base())
}

/// A page of correction requests, soonest due first; `open` leaves out the closed ones
/// (`GET /staff/correction-requests`).
pub async fn correction_requests(
    open: bool,
    cursor: Option<Cursor>,
) -> Result<Page<CorrectionRequest>, ApiError> {
    let query = StaffCorrectionRequestQuery {
        open: open.then_some(true),
        cursor,
        limit: None,
    };
    let path = paths::STAFF_CORRECTION_REQUESTS.to_owned();
    client::get_json(&client::with_query(path, &query)).await
}

/// Sets a correction request's status and answer
/// (`PATCH /staff/correction-requests/{id}`).
pub async fn update_correction_request(
    request_id: i64,
    update: CorrectionUpdate,
) -> Result<CorrectionRequest, ApiError> {
    client::patch_json(
        &paths::fill(paths::STAFF_CORRECTION_REQUEST, &[request_id]),
        &update,
    )
    .await
}

/// Publishes a new terms version (`POST /staff/terms`; organisation administrators).
pub async fn publish_terms(request: PublishTermsRequest) -> Result<TermsVersionSummary, ApiError> {
    client::post_json(paths::STAFF_TERMS, &request).await
}

/// A page of the organisation's undelivered messages, newest first
/// (`GET /staff/messages/undelivered`, organisation administrators).
pub async fn undelivered_messages(
    cursor: Option<Cursor>,
) -> Result<Page<UndeliveredMessage>, ApiError> {
    let query = UndeliveredMessagesQuery::after(cursor);
    client::get_json(&client::with_query(
        paths::STAFF_UNDELIVERED_MESSAGES.to_owned(),
        &query,
    ))
    .await
}

/// Puts an undelivered message back in the queue (`POST /staff/messages/{id}/retry`).
pub async fn retry_message(message_id: i64) -> Result<(), ApiError> {
    client::post_no_content(&paths::fill(paths::STAFF_MESSAGE_RETRY, &[message_id])).await
}

/// The organisation's settings (`GET /staff/organisation/settings`, organisation
/// administrators).
pub async fn organisation_settings() -> Result<kring_api::OrganisationSettings, ApiError> {
    client::get_json(paths::STAFF_ORGANISATION_SETTINGS).await
}

/// Changes the organisation's settings (`PUT /staff/organisation/settings`).
pub async fn change_organisation_settings(
    settings: kring_api::OrganisationSettings,
) -> Result<kring_api::OrganisationSettings, ApiError> {
    client::put_json(paths::STAFF_ORGANISATION_SETTINGS, &settings).await
}

/// Replaces the organisation's logo with an SVG file's text (`PUT
/// /staff/organisation/logo`).
pub async fn replace_logo(svg: String) -> Result<(), ApiError> {
    client::put_svg(paths::STAFF_ORGANISATION_LOGO, svg).await
}

/// Removes the organisation's logo (`DELETE /staff/organisation/logo`).
pub async fn remove_logo() -> Result<(), ApiError> {
    client::delete_no_content(paths::STAFF_ORGANISATION_LOGO).await
}

/// Replaces the privacy statement (`PUT /staff/organisation/privacy-statement`).
pub async fn replace_privacy_statement(
    statement: kring_api::PrivacyStatementUpdate,
) -> Result<kring_api::PrivacyStatement, ApiError> {
    client::put_json(paths::STAFF_PRIVACY_STATEMENT, &statement).await
}

/// Which sign-in methods each group may use (`GET /staff/organisation/sign-in-methods`).
pub async fn sign_in_methods() -> Result<kring_api::SignInMethods, ApiError> {
    client::get_json(paths::STAFF_ORGANISATION_SIGN_IN_METHODS).await
}

/// Changes the sign-in methods per group (`PUT /staff/organisation/sign-in-methods`).
pub async fn change_sign_in_methods(
    methods: kring_api::SignInMethods,
) -> Result<kring_api::SignInMethods, ApiError> {
    client::put_json(paths::STAFF_ORGANISATION_SIGN_IN_METHODS, &methods).await
}
