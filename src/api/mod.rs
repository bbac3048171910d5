//! The typed client of the Kring portal API: one `async fn` per endpoint.
//!
//! The API base comes from `<meta name="kring-api-base">` in `index.html`, so one build
//! talks to any compatible server. When that base is on another origin, requests carry
//! credentials and the server must allow this app's origin (see README, "Another API").

pub mod account;
pub mod administration;
mod client;
mod error;
pub mod passkeys;
pub mod staff;
mod upload;

pub use client::{api_base, is_offline, last_server_contact, query_string};
pub use error::ApiError;
pub use upload::{PhotoTarget, PhotoUpload};

use kring_api::dossier::{AccessLogQuery, CorrectionRequestQuery, ReportQuery};
use kring_api::notes::NoteQuery;
use kring_api::photos::PhotoQuery;
use kring_api::terms::TermsQuery;
use kring_api::{
    paths, Accepted, AccessLogEntry, ActivationInfo, ActivationLookup, ActivationRequest, CarePlan,
    ChangeMobileRequest, CodeChallenge, CodeConfirmation, CorrectionRequest, Day, EndPortalRequest,
    LifeDomain, NewCorrectionRequest, Organisation, PasswordResetCompletion, PasswordResetRequest,
    PortalSummary, PrivacyStatement, Report, ReportPage, ResendCodeRequest, SessionInfo,
    SignInRequest, TermsDocument, TermsVersionSummary,
};
use kring_api::{
    ContactChange, Invitation, InvitationDetails, InvitationRegistration, InvitationToken,
    LeaveCircleRequest, Network, NetworkContact, NewInvitation, Note, NoteText, Photo, PhotoSize,
    RegistrationNext,
};
use kring_api::{Cursor, NewCounts, Page};

/// Public facts about the organisation (`GET /organisation`).
pub async fn organisation() -> Result<Organisation, ApiError> {
    client::get_json(paths::ORGANISATION).await
}

/// The terms in force (`GET /terms/current`).
pub async fn current_terms() -> Result<TermsDocument, ApiError> {
    client::get_json(paths::TERMS_CURRENT).await
}

/// One terms version (`GET /terms/{version}`).
pub async fn terms_version(version: u32) -> Result<TermsDocument, ApiError> {
    client::get_json(&paths::fill(paths::TERMS_VERSION, &[version.into()])).await
}

/// A page of terms versions, newest first (`GET /terms`).
pub async fn terms_versions(cursor: Option<Cursor>) -> Result<Page<TermsVersionSummary>, ApiError> {
    let query = TermsQuery::after(cursor);
    client::get_json(&client::with_query(paths::TERMS.to_owned(), &query)).await
}

/// The privacy statement (`GET /privacy-statement`).
pub async fn privacy_statement() -> Result<PrivacyStatement, ApiError> {
    client::get_json(paths::PRIVACY_STATEMENT).await
}

/// The signed-in person's session (`GET /session`); `None` when nobody is signed in or
/// the session ended.
pub async fn session() -> Result<Option<SessionInfo>, ApiError> {
    client::get_json(paths::SESSION).await
}

/// Step 1 of signing in (`POST /auth/sign-in`): a code, or (after staff reset the
/// second factor) a session that must set up a new number.
pub async fn sign_in(request: SignInRequest) -> Result<kring_api::SignInStep, ApiError> {
    let step = client::post_json_either(paths::SIGN_IN, &request).await?;
    Ok(step.map_or_else(
        kring_api::SignInStep::SecondFactorSetup,
        kring_api::SignInStep::Code,
    ))
}

/// Step 2 of signing in (`POST /auth/sign-in/code`).
pub async fn confirm_sign_in(request: CodeConfirmation) -> Result<SessionInfo, ApiError> {
    client::post_json(paths::SIGN_IN_CODE, &request).await
}

/// A new code for the same attempt (`POST /auth/code/resend`).
pub async fn resend_code(attempt: String) -> Result<CodeChallenge, ApiError> {
    client::post_json(paths::CODE_RESEND, &ResendCodeRequest { attempt }).await
}

/// Renews the session's idle time (`POST /session/keep-alive`).
pub async fn keep_alive() -> Result<SessionInfo, ApiError> {
    client::post_empty_json(paths::SESSION_KEEP_ALIVE).await
}

/// Signs out here (`POST /session/sign-out`).
pub async fn sign_out() -> Result<(), ApiError> {
    client::post_no_content(paths::SIGN_OUT).await
}

/// Signs out on every device (`POST /session/sign-out-everywhere`).
pub async fn sign_out_everywhere() -> Result<(), ApiError> {
    client::post_no_content(paths::SIGN_OUT_EVERYWHERE).await
}

/// What an activation link is for (`POST /activation/lookup`).
pub async fn activation_info(token: String) -> Result<ActivationInfo, ApiError> {
    client::post_json(paths::ACTIVATION_LOOKUP, &ActivationLookup { token }).await
}

/// Activation step 1: the password (`POST /activation`).
pub async fn activate(request: ActivationRequest) -> Result<CodeChallenge, ApiError> {
    client::post_json(paths::ACTIVATION, &request).await
}

/// Activation step 2: the code (`POST /activation/code`).
pub async fn confirm_activation(request: CodeConfirmation) -> Result<SessionInfo, ApiError> {
    client::post_json(paths::ACTIVATION_CODE, &request).await
}

/// Asks for a password reset link (`POST /auth/password-reset`).
pub async fn request_password_reset(email: String) -> Result<Accepted, ApiError> {
    client::post_json(paths::PASSWORD_RESET, &PasswordResetRequest { email }).await
}

/// Sets a new password with a reset link's token (`POST /auth/password-reset/complete`).
pub async fn complete_password_reset(
    request: PasswordResetCompletion,
) -> Result<Accepted, ApiError> {
    client::post_json(paths::PASSWORD_RESET_COMPLETE, &request).await
}

/// Starts changing the mobile number (`POST /account/mobile`).
pub async fn change_mobile(mobile: String) -> Result<CodeChallenge, ApiError> {
    client::post_json(paths::ACCOUNT_MOBILE, &ChangeMobileRequest { mobile }).await
}

/// Confirms the new mobile number (`POST /account/mobile/code`).
pub async fn confirm_mobile(request: CodeConfirmation) -> Result<SessionInfo, ApiError> {
    client::post_json(paths::ACCOUNT_MOBILE_CODE, &request).await
}

/// Accepts the terms version in force (`POST /terms/{version}/acceptance`).
pub async fn accept_terms(version: u32) -> Result<(), ApiError> {
    client::post_no_content(&paths::fill(paths::TERMS_ACCEPTANCE, &[version.into()])).await
}

/// The account's portals (`GET /portals`).
pub async fn portals() -> Result<Vec<PortalSummary>, ApiError> {
    client::get_json(paths::PORTALS).await
}

/// One portal (`GET /portals/{client_id}`).
pub async fn portal(client_id: i64) -> Result<PortalSummary, ApiError> {
    client::get_json(&paths::fill(paths::PORTAL, &[client_id])).await
}

/// How many reports, photos and notes arrived since the last visit to each
/// (`GET /portals/{client_id}/new-counts`).
pub async fn new_counts(client_id: i64) -> Result<NewCounts, ApiError> {
    client::get_json(&paths::fill(paths::NEW_COUNTS, &[client_id])).await
}

/// The administrator ends the portal (`POST /portals/{client_id}/end`).
pub async fn end_portal(client_id: i64) -> Result<(), ApiError> {
    client::post_json_no_content(
        &paths::fill(paths::PORTAL_END, &[client_id]),
        &EndPortalRequest { confirm: true },
    )
    .await
}

/// The care plan in force (`GET /portals/{client_id}/care-plan`).
pub async fn care_plan(client_id: i64) -> Result<CarePlan, ApiError> {
    client::get_json(&paths::fill(paths::CARE_PLAN, &[client_id])).await
}

/// One plan version, earlier or current (`GET /portals/{client_id}/care-plans/{plan_id}`).
pub async fn care_plan_version(client_id: i64, plan_id: i64) -> Result<CarePlan, ApiError> {
    client::get_json(&paths::fill(
        paths::CARE_PLAN_VERSION,
        &[client_id, plan_id],
    ))
    .await
}

/// Which reports to list: every field is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportFilter {
    /// Only this life domain.
    pub category: Option<LifeDomain>,
    /// From this day.
    pub from: Option<Day>,
    /// Up to and including this day.
    pub to: Option<Day>,
    /// Words to search for.
    pub search: Option<String>,
}

/// A page of reports, newest first (`GET /portals/{client_id}/reports`).
pub async fn reports(
    client_id: i64,
    filter: &ReportFilter,
    cursor: Option<Cursor>,
) -> Result<ReportPage, ApiError> {
    let query = ReportQuery {
        category: filter.category,
        from: filter.from,
        to: filter.to,
        q: filter.search.clone(),
        cursor,
        limit: None,
    };
    let path = paths::fill(paths::REPORTS, &[client_id]);
    client::get_json(&client::with_query(path, &query)).await
}

/// One report (`GET /portals/{client_id}/reports/{report_id}`).
pub async fn report(client_id: i64, report_id: i64) -> Result<Report, ApiError> {
    client::get_json(&paths::fill(paths::REPORT, &[client_id, report_id])).await
}

/// A page of the client's correction requests (`GET /portals/{client_id}/correction-requests`).
pub async fn correction_requests(
    client_id: i64,
    cursor: Option<Cursor>,
) -> Result<Page<CorrectionRequest>, ApiError> {
    let path = paths::fill(paths::CORRECTION_REQUESTS, &[client_id]);
    let query = CorrectionRequestQuery::after(cursor);
    client::get_json(&client::with_query(path, &query)).await
}

/// The administrator files a correction request (`POST /portals/{client_id}/correction-requests`).
pub async fn file_correction_request(
    client_id: i64,
    request: NewCorrectionRequest,
) -> Result<CorrectionRequest, ApiError> {
    client::post_json(
        &paths::fill(paths::CORRECTION_REQUESTS, &[client_id]),
        &request,
    )
    .await
}

/// Which access-log entries to list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccessLogFilter {
    /// Only this person's account.
    pub person: Option<i64>,
    /// From this day.
    pub from: Option<Day>,
    /// Up to and including this day.
    pub to: Option<Day>,
}

/// A page of "who looked at my data" (`GET /portals/{client_id}/access-log`).
pub async fn access_log(
    client_id: i64,
    filter: &AccessLogFilter,
    cursor: Option<Cursor>,
) -> Result<Page<AccessLogEntry>, ApiError> {
    let query = AccessLogQuery {
        person: filter.person,
        from: filter.from,
        to: filter.to,
        cursor,
        limit: None,
    };
    let path = paths::fill(paths::ACCESS_LOG, &[client_id]);
    client::get_json(&client::with_query(path, &query)).await
}

/// The administrator's view of the circle: contacts and open invitations
/// (`GET /portals/{client_id}/network`).
pub async fn network(client_id: i64) -> Result<Network, ApiError> {
    client::get_json(&paths::fill(paths::NETWORK, &[client_id])).await
}

/// The administrator invites someone (`POST /portals/{client_id}/network/invitations`).
pub async fn invite(client_id: i64, invitation: NewInvitation) -> Result<Invitation, ApiError> {
    client::post_json(
        &paths::fill(paths::NETWORK_INVITATIONS, &[client_id]),
        &invitation,
    )
    .await
}

/// Sends an invitation again with a new link; the old link stops working
/// (`POST /portals/{client_id}/network/invitations/{id}/resend`).
pub async fn resend_invitation(client_id: i64, invitation_id: i64) -> Result<Invitation, ApiError> {
    client::post_empty_json(&paths::fill(
        paths::NETWORK_INVITATION_RESEND,
        &[client_id, invitation_id],
    ))
    .await
}

/// Withdraws an invitation; its link stops working
/// (`DELETE /portals/{client_id}/network/invitations/{id}`).
pub async fn withdraw_invitation(client_id: i64, invitation_id: i64) -> Result<(), ApiError> {
    client::delete_no_content(&paths::fill(
        paths::NETWORK_INVITATION,
        &[client_id, invitation_id],
    ))
    .await
}

/// Changes a contact's rights or relation
/// (`PATCH /portals/{client_id}/network/contacts/{contact_id}`).
pub async fn change_contact(
    client_id: i64,
    contact_id: i64,
    change: ContactChange,
) -> Result<NetworkContact, ApiError> {
    client::patch_json(
        &paths::fill(paths::NETWORK_CONTACT, &[client_id, contact_id]),
        &change,
    )
    .await
}

/// Removes a contact from the circle
/// (`DELETE /portals/{client_id}/network/contacts/{contact_id}`).
pub async fn remove_contact(client_id: i64, contact_id: i64) -> Result<(), ApiError> {
    client::delete_no_content(&paths::fill(
        paths::NETWORK_CONTACT,
        &[client_id, contact_id],
    ))
    .await
}

/// A contact leaves the circle, confirmed (`POST /portals/{client_id}/leave`).
pub async fn leave_circle(client_id: i64) -> Result<(), ApiError> {
    client::post_json_no_content(
        &paths::fill(paths::LEAVE_CIRCLE, &[client_id]),
        &LeaveCircleRequest { confirm: true },
    )
    .await
}

/// A page of notes, newest first (`GET /portals/{client_id}/notes`).
pub async fn notes(client_id: i64, cursor: Option<Cursor>) -> Result<Page<Note>, ApiError> {
    let path = paths::fill(paths::NOTES, &[client_id]);
    client::get_json(&client::with_query(path, &NoteQuery::after(cursor))).await
}

/// Writes a note (`POST /portals/{client_id}/notes`).
pub async fn write_note(client_id: i64, body: String) -> Result<Note, ApiError> {
    client::post_json(&paths::fill(paths::NOTES, &[client_id]), &NoteText { body }).await
}

/// Changes one's own note within the edit window
/// (`PATCH /portals/{client_id}/notes/{note_id}`).
pub async fn edit_note(client_id: i64, note_id: i64, body: String) -> Result<Note, ApiError> {
    client::patch_json(
        &paths::fill(paths::NOTE, &[client_id, note_id]),
        &NoteText { body },
    )
    .await
}

/// Takes one's own note back (`DELETE /portals/{client_id}/notes/{note_id}`).
pub async fn retract_note(client_id: i64, note_id: i64) -> Result<(), ApiError> {
    client::delete_no_content(&paths::fill(paths::NOTE, &[client_id, note_id])).await
}

/// What an invitation link is for (`POST /invitations/lookup`).
pub async fn invitation_details(token: String) -> Result<InvitationDetails, ApiError> {
    client::post_json(paths::INVITATION_LOOKUP, &InvitationToken { token }).await
}

/// Accepts an invitation with the signed-in account (`POST /invitations/accept`).
pub async fn accept_invitation(token: String) -> Result<PortalSummary, ApiError> {
    client::post_json(paths::INVITATION_ACCEPT, &InvitationToken { token }).await
}

/// Accepts an invitation by creating an account (`POST /invitations/register`).
pub async fn register_with_invitation(
    registration: InvitationRegistration,
) -> Result<RegistrationNext, ApiError> {
    client::post_json(paths::INVITATION_REGISTER, &registration).await
}

/// A page of the gallery, newest day taken first (`GET /portals/{client_id}/photos`).
pub async fn photos(client_id: i64, cursor: Option<Cursor>) -> Result<Page<Photo>, ApiError> {
    let path = paths::fill(paths::PHOTOS, &[client_id]);
    client::get_json(&client::with_query(path, &PhotoQuery::after(cursor))).await
}

/// Removes a photo from this portal only
/// (`DELETE /portals/{client_id}/photos/{photo_id}`).
pub async fn remove_photo(client_id: i64, photo_id: i64) -> Result<(), ApiError> {
    client::delete_no_content(&paths::fill(paths::PHOTO, &[client_id, photo_id])).await
}

/// The address of one stored size of a photo, for `<img src>`: the API base and the
/// size's path. The browser sends the session cookie with it, as with every request.
pub fn photo_image_url(size: &PhotoSize) -> String {
    format!("{}{}", api_base(), size.path)
}

/// A `srcset` of every stored size (`URL 320w, URL 640w, …`), so the browser fetches
/// only the size the screen needs.
pub fn photo_srcset(sizes: &[PhotoSize]) -> String {
    let base = api_base();
    sizes
        .iter()
        .map(|size| format!("{base}{} {}w", size.path, size.width))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The OpenID Connect providers the server offers (`GET /identity-providers`).
pub async fn identity_providers() -> Result<Vec<kring_api::IdentityProvider>, ApiError> {
    client::get_json(paths::IDENTITY_PROVIDERS).await
}

/// Starts a sign-in or a link at a provider (`POST /identity-providers/{provider}/start`):
/// the provider's address for the browser to go to.
pub async fn start_provider(
    provider: &str,
    purpose: kring_api::ProviderPurpose,
) -> Result<kring_api::ProviderRedirect, ApiError> {
    let path = paths::IDENTITY_PROVIDER_START.replace("{provider}", &client::encode(provider));
    client::post_json(&path, &kring_api::ProviderStart { purpose }).await
}

/// The providers linked to the signed-in account (`GET /account/identity-links`).
pub async fn identity_links() -> Result<Vec<kring_api::IdentityLink>, ApiError> {
    client::get_json(paths::ACCOUNT_IDENTITY_LINKS).await
}

/// Removes the link to a provider (`DELETE /account/identity-links/{provider}`).
pub async fn remove_identity_link(provider: &str) -> Result<(), ApiError> {
    let path = paths::ACCOUNT_IDENTITY_LINK.replace("{provider}", &client::encode(provider));
    client::delete_no_content(&path).await
}
