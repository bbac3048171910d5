//! The OpenAPI 3.1 document, generated from the contract types.
//!
//! Each endpoint is declared once here with `#[utoipa::path]`; the functions exist only
//! to carry that declaration. The server's router uses the same path constants from
//! [`crate::paths`], and a server test checks that every documented operation is routed.

use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::auth::{
    Accepted, AccountInfo, ActivationInfo, ActivationLookup, ActivationRequest,
    ChangeMobileRequest, CodeChallenge, CodeConfirmation, PasswordResetCompletion,
    PasswordResetRequest, ResendCodeRequest, SessionInfo, SignInRequest, TermsStatus,
};
use crate::portal::{EndPortalRequest, PortalRole, PortalState, PortalSummary, Rights};
use crate::staff::{
    AdministratorRelation, CareRelationEnd, CareRelationEnded, Caseload, CaseloadClient,
    GrantAccessRequest, GrantedAccess, ModerationItem, ModerationKind, ModerationPage,
    NewAgreedAction, NewCarePlan, NewCarePlanDomain, NewGoal, NewReport, PortalStatus,
    PublishTermsRequest, ReportRelease, StaffInfo, StaffReport, StaffReportPage, StaffRole,
    SuspensionRequest,
};

use crate::dev::{Channel, ClockAdvance, ClockNow, OutboxMessage, OutboxPage};
use crate::dossier::{
    AccessLogEntry, AccessLogPage, AccessRole, AgreedAction, CarePlan, CarePlanDomain,
    CarePlanVersion, CorrectionKind, CorrectionRequest, CorrectionRequestPage, CorrectionStatus,
    CorrectionTarget, CorrectionUpdate, Counsellor, Goal, GoalStatus, LifeDomain,
    NewCorrectionRequest, Report, ReportPage,
};
use crate::network::{
    ContactChange, ContactStatus, Invitation, InvitationDetails, InvitationRegistration,
    InvitationToken, LeaveCircleRequest, Network, NetworkContact, NewInvitation, RegistrationNext,
};
use crate::notes::{Note, NotePage, NoteRemovalRequest, NoteText, Removal};
use crate::organisation::{
    BrandColours, CareTeamContact, EmergencyContact, Organisation, PrivacyStatement,
};
use crate::photos::{
    Photo, PhotoPage, PhotoRemovalRequest, PhotoSize, PhotoUpload, StaffPhotoUpload,
};
use crate::problem::{Problem, ProblemCode};
use crate::terms::{TermsDocument, TermsPage, TermsVersionSummary};
use crate::text::{DocumentSection, Language, LocalizedText};

/// Public facts about the organisation: name, colours, emergency number, policy settings.
#[utoipa::path(
    get, path = "/api/v1/organisation", tag = "organisation",
    responses(
        (status = 200, description = "The organisation that runs this portal", body = Organisation),
    )
)]
#[allow(dead_code)]
fn get_organisation() {}

/// The organisation's logo, if it has one.
#[utoipa::path(
    get, path = "/api/v1/organisation/logo.svg", tag = "organisation",
    responses(
        (status = 200, description = "The logo as SVG", content_type = "image/svg+xml", body = String),
        (status = 404, description = "The organisation has no logo", body = Problem, content_type = "application/problem+json"),
    )
)]
#[allow(dead_code)]
fn get_organisation_logo() {}

/// The organisation's privacy statement.
#[utoipa::path(
    get, path = "/api/v1/privacy-statement", tag = "organisation",
    responses(
        (status = 200, description = "The privacy statement", body = PrivacyStatement),
        (status = 404, description = "No privacy statement has been published", body = Problem, content_type = "application/problem+json"),
    )
)]
#[allow(dead_code)]
fn get_privacy_statement() {}

/// This document.
#[utoipa::path(
    get, path = "/api/v1/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document of this API", content_type = "application/json"))
)]
#[allow(dead_code)]
fn get_openapi() {}

/// The published terms versions, newest first.
#[utoipa::path(
    get, path = "/api/v1/terms", tag = "terms",
    params(
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the previous page"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 50, description = "Versions per page, 1 to 50 (default 20)"),
    ),
    responses(
        (status = 200, description = "A page of terms versions", body = TermsPage),
        (status = 400, description = "A parameter is not valid", body = Problem, content_type = "application/problem+json"),
    )
)]
#[allow(dead_code)]
fn list_terms() {}

/// The terms in force today, with their full text.
#[utoipa::path(
    get, path = "/api/v1/terms/current", tag = "terms",
    responses(
        (status = 200, description = "The terms in force", body = TermsDocument),
        (status = 404, description = "No terms have been published yet", body = Problem, content_type = "application/problem+json"),
    )
)]
#[allow(dead_code)]
fn get_current_terms() {}

/// One terms version with its full text.
#[utoipa::path(
    get, path = "/api/v1/terms/{version}", tag = "terms",
    params(("version" = u32, Path, description = "The version number")),
    responses(
        (status = 200, description = "That terms version", body = TermsDocument),
        (status = 400, description = "The version is not a number", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such version", body = Problem, content_type = "application/problem+json"),
    )
)]
#[allow(dead_code)]
fn get_terms_version() {}

/// Messages the development sender kept. Only in demo mode; otherwise 404.
#[utoipa::path(
    get, path = "/api/v1/dev/outbox", tag = "dev",
    params(
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the previous page"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 100, description = "Messages per page, 1 to 100 (default 20)"),
        ("to" = Option<String>, Query, description = "Only messages to this e-mail address or number"),
    ),
    responses(
        (status = 200, description = "A page of messages, newest first", body = OutboxPage),
        (status = 404, description = "The server does not run in demo mode", body = Problem, content_type = "application/problem+json"),
    )
)]
#[allow(dead_code)]
fn list_dev_outbox() {}

/// Moves the demo server's clock forward, to try what happens after a number of days
/// (links expiring, access ending). Only in demo mode; otherwise 404.
#[utoipa::path(
    post, path = "/api/v1/dev/clock", tag = "dev",
    request_body = ClockAdvance,
    responses(
        (status = 200, description = "The server's time after the move", body = ClockNow),
        (status = 403, description = "Without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The server does not run in demo mode", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not 1 to 3650 days (invalid-body)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[allow(dead_code)]
fn advance_dev_clock() {}

/// Step 1 of signing in: e-mail address and password. The same answer for unknown addresses as for wrong passwords.
#[utoipa::path(
    post, path = "/api/v1/auth/sign-in", tag = "auth",
    request_body = SignInRequest,
    responses(
        (status = 200, description = "A code went to the verified mobile number", body = CodeChallenge),
        (status = 401, description = "The e-mail address or password is wrong (invalid-credentials)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Right password, but the account is suspended, ended, or has no portal left (account-suspended, account-ended, access-ended), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failures: wait (rate-limited, Retry-After)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is missing, unknown or of the wrong type (invalid-body)", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[allow(dead_code)]
fn sign_in() {}

/// Step 2: the SMS code. Starts a new session (HttpOnly, SameSite=Strict cookie).
#[utoipa::path(
    post, path = "/api/v1/auth/sign-in/code", tag = "auth",
    request_body = CodeConfirmation,
    responses(
        (status = 200, description = "Signed in; the session cookie is set", body = SessionInfo),
        (status = 400, description = "The code is wrong; tries are left (code-invalid)", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "Expired, used, out of tries or unknown attempt (code-expired)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is missing, unknown or of the wrong type (invalid-body)", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[allow(dead_code)]
fn sign_in_code() {}

/// A new code for the same attempt, at most once a minute.
#[utoipa::path(
    post, path = "/api/v1/auth/code/resend", tag = "auth",
    request_body = ResendCodeRequest,
    responses(
        (status = 200, description = "A new code was sent", body = CodeChallenge),
        (status = 410, description = "The attempt can no longer be used (code-expired)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too soon (rate-limited, Retry-After)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is missing, unknown or of the wrong type (invalid-body)", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[allow(dead_code)]
fn resend_code() {}

/// Ask for a password reset link by e-mail. The answer is the same whether or not the address has an account.
#[utoipa::path(
    post, path = "/api/v1/auth/password-reset", tag = "auth",
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "If the address has an account, a link was sent", body = Accepted),
        (status = 422, description = "Not an e-mail address (email-invalid)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests (rate-limited)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[allow(dead_code)]
fn request_password_reset() {}

/// Set a new password with the link's token. Ends every session; signing in still takes the SMS code.
#[utoipa::path(
    post, path = "/api/v1/auth/password-reset/complete", tag = "auth",
    request_body = PasswordResetCompletion,
    responses(
        (status = 200, description = "The password was changed", body = Accepted),
        (status = 410, description = "The link expired or was used (link-expired, link-used)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown link (link-invalid)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The password is too short or too common (password-too-short, password-too-common)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[allow(dead_code)]
fn complete_password_reset() {}

/// The signed-in person, their session, the terms status and their portals.
#[utoipa::path(
    get, path = "/api/v1/session", tag = "auth",
    responses(
        (status = 200, description = "The session, or null when nobody is signed in (no cookie, or the session ended or timed out)", body = Option<SessionInfo>),
        (status = 403, description = "The account is suspended (account-suspended, with reason) or ended (account-ended)", body = Problem, content_type = "application/problem+json"),
    ),
    // Signed out is a state, not an error: without a session the answer is `null`.
    security((), ("session" = [])),
)]
#[allow(dead_code)]
fn get_session() {}

/// Stay signed in: renews the idle time.
#[utoipa::path(
    post, path = "/api/v1/session/keep-alive", tag = "auth",
    responses(
        (status = 200, description = "The renewed session", body = SessionInfo),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The account is suspended (account-suspended, with reason) or ended (account-ended), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn keep_alive() {}

/// Sign out here. Clears the cookie and asks the browser to clear site data.
#[utoipa::path(
    post, path = "/api/v1/session/sign-out", tag = "auth",
    responses(
        (status = 204, description = "Signed out"),
        (status = 403, description = "Without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn sign_out() {}

/// Sign out on every device.
#[utoipa::path(
    post, path = "/api/v1/session/sign-out-everywhere", tag = "auth",
    responses(
        (status = 204, description = "Every session ended"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn sign_out_everywhere() {}

/// What an activation link is for (POST so the token never appears in an address).
#[utoipa::path(
    post, path = "/api/v1/activation/lookup", tag = "auth",
    request_body = ActivationLookup,
    responses(
        (status = 200, description = "The account the link activates", body = ActivationInfo),
        (status = 404, description = "Unknown link (link-invalid)", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "The link expired or was used (link-expired, link-used)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[allow(dead_code)]
fn activation_lookup() {}

/// Activation step 1: choose the password; a code goes to the mobile number.
#[utoipa::path(
    post, path = "/api/v1/activation", tag = "auth",
    request_body = ActivationRequest,
    responses(
        (status = 200, description = "A code went to the mobile number", body = CodeChallenge),
        (status = 422, description = "The password is too short or too common", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "The link expired or was used", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown link (link-invalid)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[allow(dead_code)]
fn activate() {}

/// Activation step 2: the code confirms the mobile number; the account becomes active and a session starts.
#[utoipa::path(
    post, path = "/api/v1/activation/code", tag = "auth",
    request_body = CodeConfirmation,
    responses(
        (status = 200, description = "Activated and signed in", body = SessionInfo),
        (status = 400, description = "Wrong code (code-invalid)", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "Code or link no longer usable (code-expired, link-used)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[allow(dead_code)]
fn activation_code() {}

/// Change the mobile number: a code goes to the new number.
#[utoipa::path(
    post, path = "/api/v1/account/mobile", tag = "account",
    request_body = ChangeMobileRequest,
    responses(
        (status = 200, description = "A code went to the new number", body = CodeChallenge),
        (status = 422, description = "Not a mobile number (mobile-invalid)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn change_mobile() {}

/// Confirm the new mobile number with its code.
#[utoipa::path(
    post, path = "/api/v1/account/mobile/code", tag = "account",
    request_body = CodeConfirmation,
    responses(
        (status = 200, description = "The number changed", body = SessionInfo),
        (status = 400, description = "Wrong code (code-invalid)", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "Code no longer usable (code-expired)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn confirm_mobile() {}

/// Accept the terms in force (records who, which version and when).
#[utoipa::path(
    post, path = "/api/v1/terms/{version}/acceptance", tag = "terms",
    params(("version" = u32, Path, description = "The version in force")),
    responses(
        (status = 204, description = "Accepted"),
        (status = 409, description = "Not the version in force (terms-version-not-current)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn accept_terms() {}

/// Every portal of the account, with its state and rights.
#[utoipa::path(
    get, path = "/api/v1/portals", tag = "portals",
    responses(
        (status = 200, description = "The portals", body = [PortalSummary]),
        (status = 403, description = "The terms in force are not accepted (terms-not-accepted)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn list_portals() {}

/// One portal, if the account may use it now.
#[utoipa::path(
    get, path = "/api/v1/portals/{client_id}", tag = "portals",
    params(("client_id" = i64, Path, description = "The client")),
    responses(
        (status = 200, description = "The portal", body = PortalSummary),
        (status = 403, description = "terms-not-accepted, access-ended, portal-ended or portal-suspended (with reason)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a portal of this account (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn get_portal() {}

/// The administrator ends the portal: all access ends; the data is kept.
#[utoipa::path(
    post, path = "/api/v1/portals/{client_id}/end", tag = "portals",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = EndPortalRequest,
    responses(
        (status = 204, description = "The portal ended"),
        (status = 403, description = "Not the administrator (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended, or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a portal of this account (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "confirm was not true (confirmation-required)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn end_portal() {}

/// Give a client's portal to its administrator; the activation link is e-mailed.
#[utoipa::path(
    post, path = "/api/v1/staff/clients/{client_id}/administrator", tag = "staff",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = GrantAccessRequest,
    responses(
        (status = 201, description = "Access given", body = GrantedAccess),
        (status = 409, description = "There is an administrator already (administrator-exists)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid details or a representative without basis", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a client of the staff member's team (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn grant_access() {}

/// Suspend an account for excessive use, with a reason (team lead or organisation administrator).
#[utoipa::path(
    post, path = "/api/v1/staff/accounts/{account_id}/suspension", tag = "staff",
    params(("account_id" = i64, Path, description = "The account")),
    request_body = SuspensionRequest,
    responses(
        (status = 204, description = "Suspended; its sessions ended"),
        (status = 403, description = "Not allowed (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn suspend_account() {}

/// Lift an account's suspension.
#[utoipa::path(
    delete, path = "/api/v1/staff/accounts/{account_id}/suspension", tag = "staff",
    params(("account_id" = i64, Path, description = "The account")),
    responses(
        (status = 204, description = "Lifted"),
        (status = 403, description = "Not allowed (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn lift_account_suspension() {}

/// Suspend a client's portal for excessive use, with a reason.
#[utoipa::path(
    post, path = "/api/v1/staff/clients/{client_id}/portal-suspension", tag = "staff",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = SuspensionRequest,
    responses(
        (status = 204, description = "Suspended"),
        (status = 403, description = "Not allowed (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such client", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn suspend_portal() {}

/// Lift a portal's suspension.
#[utoipa::path(
    delete, path = "/api/v1/staff/clients/{client_id}/portal-suspension", tag = "staff",
    params(("client_id" = i64, Path, description = "The client")),
    responses(
        (status = 204, description = "Lifted"),
        (status = 403, description = "Not allowed (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn lift_portal_suspension() {}

/// Publish a new terms version (organisation administrator).
#[utoipa::path(
    post, path = "/api/v1/staff/terms", tag = "staff",
    request_body = PublishTermsRequest,
    responses(
        (status = 201, description = "Published", body = TermsVersionSummary),
        (status = 403, description = "Not allowed (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid date or sections (invalid-body)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn publish_terms() {}

/// The client's care plan in force: life domains, goals in the client's words, agreed
/// actions, earlier versions and the personal counsellor. Needs the care-plan right.
#[utoipa::path(
    get, path = "/api/v1/portals/{client_id}/care-plan", tag = "dossier",
    params(("client_id" = i64, Path, description = "The client")),
    responses(
        (status = 200, description = "The care plan", body = CarePlan),
        (status = 403, description = "Without the right (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a portal of this account, or no care plan yet (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn get_care_plan() {}

/// One version of the client's care plan (current or earlier).
#[utoipa::path(
    get, path = "/api/v1/portals/{client_id}/care-plans/{plan_id}", tag = "dossier",
    params(
        ("client_id" = i64, Path, description = "The client"),
        ("plan_id" = i64, Path, description = "The plan version"),
    ),
    responses(
        (status = 200, description = "The care plan version", body = CarePlan),
        (status = 403, description = "terms-not-accepted, access-ended, portal-ended, portal-suspended", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such plan for this client, or without the right (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn get_care_plan_version() {}

/// The client's progress reports released to the portal, newest first. Shielded reports
/// are never included, also not in search results. Needs the reports right.
#[utoipa::path(
    get, path = "/api/v1/portals/{client_id}/reports", tag = "dossier",
    params(
        ("client_id" = i64, Path, description = "The client"),
        ("category" = Option<LifeDomain>, Query, description = "Only this life domain"),
        ("from" = Option<String>, Query, description = "From this day (YYYY-MM-DD)"),
        ("to" = Option<String>, Query, description = "Up to and including this day (YYYY-MM-DD)"),
        ("q" = Option<String>, Query, description = "Words that must all occur (full-text search, prefixes match)"),
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the previous page"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 100, description = "Reports per page, 1 to 100 (default 30)"),
    ),
    responses(
        (status = 200, description = "A page of reports", body = ReportPage),
        (status = 400, description = "A parameter is not valid (invalid-parameter)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Without the right (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a portal of this account (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn list_reports() {}

/// One progress report.
#[utoipa::path(
    get, path = "/api/v1/portals/{client_id}/reports/{report_id}", tag = "dossier",
    params(
        ("client_id" = i64, Path, description = "The client"),
        ("report_id" = i64, Path, description = "The report"),
    ),
    responses(
        (status = 200, description = "The report", body = Report),
        (status = 403, description = "terms-not-accepted, access-ended, portal-ended, portal-suspended", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such visible report for this client, or without the right (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn get_report() {}

/// The client's correction requests, newest first (administrator only).
#[utoipa::path(
    get, path = "/api/v1/portals/{client_id}/correction-requests", tag = "dossier",
    params(
        ("client_id" = i64, Path, description = "The client"),
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the previous page"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 100, description = "Requests per page, 1 to 100 (default 20)"),
    ),
    responses(
        (status = 200, description = "A page of correction requests", body = CorrectionRequestPage),
        (status = 403, description = "Not the administrator (forbidden), or the portal is closed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a portal of this account (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn list_correction_requests() {}

/// Ask the care team to correct, add to, remove or shield something (administrator only).
/// The item itself is never changed by this request.
#[utoipa::path(
    post, path = "/api/v1/portals/{client_id}/correction-requests", tag = "dossier",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = NewCorrectionRequest,
    responses(
        (status = 201, description = "Filed; due date set by the organisation's deadline", body = CorrectionRequest),
        (status = 403, description = "Not the administrator (forbidden), or the portal is closed, or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The report or goal does not exist for this client (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown kind or target, or a text that is empty or longer than 2000 characters (invalid-body)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn file_correction_request() {}

/// Who looked at the client's data: the client's part of the access log, newest first
/// (administrator only).
#[utoipa::path(
    get, path = "/api/v1/portals/{client_id}/access-log", tag = "dossier",
    params(
        ("client_id" = i64, Path, description = "The client"),
        ("person" = Option<i64>, Query, description = "Only this person's entries (`person_id`)"),
        ("from" = Option<String>, Query, description = "From this day (YYYY-MM-DD, UTC)"),
        ("to" = Option<String>, Query, description = "Up to and including this day (YYYY-MM-DD, UTC)"),
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the previous page"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 200, description = "Entries per page, 1 to 200 (default 50)"),
    ),
    responses(
        (status = 200, description = "A page of access-log entries", body = AccessLogPage),
        (status = 400, description = "A parameter is not valid (invalid-parameter)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the administrator (forbidden), or the portal is closed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a portal of this account (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn get_access_log() {}

/// The organisation's correction requests, soonest due first (a care professional sees
/// their team's clients).
#[utoipa::path(
    get, path = "/api/v1/staff/correction-requests", tag = "staff",
    params(
        ("open" = Option<bool>, Query, description = "Only submitted and in-progress requests"),
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the previous page"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 200, description = "Requests per page, 1 to 200 (default 50)"),
    ),
    responses(
        (status = 200, description = "A page of correction requests, with the client's name", body = CorrectionRequestPage),
        (status = 403, description = "Not staff (forbidden)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn staff_list_correction_requests() {}

/// Set a correction request's status and answer; closing (done, declined) needs an answer.
#[utoipa::path(
    patch, path = "/api/v1/staff/correction-requests/{id}", tag = "staff",
    params(("id" = i64, Path, description = "The correction request")),
    request_body = CorrectionUpdate,
    responses(
        (status = 200, description = "The updated request", body = CorrectionRequest),
        (status = 403, description = "Not staff (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request for this staff member (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Closing without an answer, or an answer over 4000 characters (invalid-body)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn staff_update_correction_request() {}

/// The client's circle: contacts (every status) and open invitations. Administrator only.
#[utoipa::path(
    get, path = "/api/v1/portals/{client_id}/network", tag = "network",
    params(("client_id" = i64, Path, description = "The client")),
    responses(
        (status = 200, description = "The circle", body = Network),
        (status = 403, description = "Not the administrator (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a portal of this account, or no such item (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn get_network() {}

/// Invite someone into the circle with the rights chosen here (none unless chosen, R7).
/// The link goes by e-mail, works once and for 7 days.
#[utoipa::path(
    post, path = "/api/v1/portals/{client_id}/network/invitations", tag = "network",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = NewInvitation,
    responses(
        (status = 201, description = "Invited; the e-mail went out", body = Invitation),
        (status = 403, description = "Not the administrator (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended, or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a portal of this account, or no such item (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "In the circle already or invited already (already-in-circle)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A name or relation that is empty (invalid-body) or too long (text-too-long), or a wrong e-mail address (email-invalid)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn invite() {}

/// Withdraw an open invitation: its link stops working.
#[utoipa::path(
    delete, path = "/api/v1/portals/{client_id}/network/invitations/{invitation_id}", tag = "network",
    params(("client_id" = i64, Path, description = "The client"), ("invitation_id" = i64, Path, description = "The invitation")),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 403, description = "Not the administrator (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended, or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a portal of this account, or no such item (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn withdraw_invitation() {}

/// Send an open invitation again: a new link and 7 new days; the old link stops working.
#[utoipa::path(
    post, path = "/api/v1/portals/{client_id}/network/invitations/{invitation_id}/resend", tag = "network",
    params(("client_id" = i64, Path, description = "The client"), ("invitation_id" = i64, Path, description = "The invitation")),
    responses(
        (status = 200, description = "Sent again", body = Invitation),
        (status = 403, description = "Not the administrator (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended, or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a portal of this account, or no such item (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn resend_invitation() {}

/// Change a contact's rights or relation. Takes effect on the contact's next request.
#[utoipa::path(
    patch, path = "/api/v1/portals/{client_id}/network/contacts/{contact_id}", tag = "network",
    params(("client_id" = i64, Path, description = "The client"), ("contact_id" = i64, Path, description = "The contact")),
    request_body = ContactChange,
    responses(
        (status = 200, description = "Changed", body = NetworkContact),
        (status = 403, description = "Not the administrator (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended, or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a portal of this account, or no such item (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A relation that is empty (invalid-body) or too long (text-too-long)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn change_contact() {}

/// Remove a contact from the circle. Their next request is refused.
#[utoipa::path(
    delete, path = "/api/v1/portals/{client_id}/network/contacts/{contact_id}", tag = "network",
    params(("client_id" = i64, Path, description = "The client"), ("contact_id" = i64, Path, description = "The contact")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Not the administrator (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended, or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a portal of this account, or no such item (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn remove_contact() {}

/// A contact leaves the circle themselves.
#[utoipa::path(
    post, path = "/api/v1/portals/{client_id}/leave", tag = "network",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = LeaveCircleRequest,
    responses(
        (status = 204, description = "Left"),
        (status = 403, description = "The administrator cannot leave, only end the portal (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended, or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a portal of this account, or no such item (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "confirm was not true (confirmation-required)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn leave_circle() {}

/// What an invitation link is for: whose circle, invited by whom, with which rights.
/// A POST, so the token never appears in an address.
#[utoipa::path(
    post, path = "/api/v1/invitations/lookup", tag = "network",
    request_body = InvitationToken,
    responses(
        (status = 200, description = "The invitation", body = InvitationDetails),
        (status = 404, description = "Unknown or withdrawn link (link-invalid)", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "Expired (link-expired) or accepted already (link-used)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[allow(dead_code)]
fn invitation_lookup() {}

/// Accept an invitation with the signed-in account.
#[utoipa::path(
    post, path = "/api/v1/invitations/accept", tag = "network",
    request_body = InvitationToken,
    responses(
        (status = 200, description = "Accepted; the portal as this account may use it", body = PortalSummary),
        (status = 403, description = "The invitation is for another e-mail address (invitation-other-email), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown or withdrawn link (link-invalid)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already in this circle (already-in-circle)", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "Expired (link-expired) or accepted already (link-used)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn invitation_accept() {}

/// Accept an invitation by creating an account. With the invited address an SMS code follows
/// (confirm it at `POST /activation/code`); with another address (if allowed) an activation link.
#[utoipa::path(
    post, path = "/api/v1/invitations/register", tag = "network",
    request_body = InvitationRegistration,
    responses(
        (status = 200, description = "The next step", body = RegistrationNext),
        (status = 403, description = "Another address than invited, not allowed (invitation-other-email), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown or withdrawn link (link-invalid)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "An account with this address exists: sign in instead (account-exists)", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "Expired (link-expired) or accepted already (link-used)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "email-invalid, mobile-invalid, password-too-short, password-too-common, invalid-body", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[allow(dead_code)]
fn invitation_register() {}

/// The notes the reader may see, newest first. Needs the notes (view) right.
/// Retracted notes are never shown; a removed note only to its author, with the reason.
#[utoipa::path(
    get, path = "/api/v1/portals/{client_id}/notes", tag = "notes",
    params(("client_id" = i64, Path, description = "The client"), ("cursor" = Option<String>, Query, description = "`next_cursor` of the previous page"), ("limit" = Option<u32>, Query, minimum = 1, maximum = 100, description = "Notes per page, 1 to 100 (default 30)")),
    responses(
        (status = 200, description = "A page of notes", body = NotePage),
        (status = 400, description = "A parameter is not valid (invalid-parameter)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Without the right (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a portal of this account, or no such item (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn list_notes() {}

/// Write a note. Needs the notes (write) right. Plain text, 1 to 1000 characters.
#[utoipa::path(
    post, path = "/api/v1/portals/{client_id}/notes", tag = "notes",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = NoteText,
    responses(
        (status = 201, description = "Written", body = Note),
        (status = 403, description = "Without the right (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended, or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a portal of this account, or no such item (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty (invalid-body) or too long (text-too-long)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn write_note() {}

/// Change one's own note, within 15 minutes of writing it.
#[utoipa::path(
    patch, path = "/api/v1/portals/{client_id}/notes/{note_id}", tag = "notes",
    params(("client_id" = i64, Path, description = "The client"), ("note_id" = i64, Path, description = "The note")),
    request_body = NoteText,
    responses(
        (status = 200, description = "Changed", body = Note),
        (status = 403, description = "terms-not-accepted, access-ended, portal-ended, portal-suspended, or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not one's own note, or without the write right (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The 15 minutes have passed (edit-window-closed)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty (invalid-body) or too long (text-too-long)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn edit_note() {}

/// Retract one's own note: hidden for everyone, logged, kept for the retention period.
#[utoipa::path(
    delete, path = "/api/v1/portals/{client_id}/notes/{note_id}", tag = "notes",
    params(("client_id" = i64, Path, description = "The client"), ("note_id" = i64, Path, description = "The note")),
    responses(
        (status = 204, description = "Retracted"),
        (status = 403, description = "terms-not-accepted, access-ended, portal-ended, portal-suspended, or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not one's own note (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn retract_note() {}

/// Staff remove a note with a reason its author will read (R16).
#[utoipa::path(
    post, path = "/api/v1/staff/notes/{note_id}/removal", tag = "staff",
    params(("note_id" = i64, Path, description = "The note")),
    request_body = NoteRemovalRequest,
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Not staff, or not for this client's team (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such note, or retracted or removed already (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A reason that is empty (invalid-body) or too long (text-too-long)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn staff_remove_note() {}

/// The gallery: photos shown in this portal, newest day taken first. Needs the photos
/// (view) right.
#[utoipa::path(
    get, path = "/api/v1/portals/{client_id}/photos", tag = "photos",
    params(("client_id" = i64, Path, description = "The client"),
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the previous page"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 200, description = "Photos per page, 1 to 200 (default 60)")),
    responses(
        (status = 200, description = "A page of photos", body = PhotoPage),
        (status = 400, description = "A parameter is not valid (invalid-parameter)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Without the right (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a portal of this account (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn list_photos() {}

/// Upload one photo (multipart/form-data). Needs the photos (add) right. The content
/// decides the type; the stored images are made from the pixels, without metadata.
#[utoipa::path(
    post, path = "/api/v1/portals/{client_id}/photos", tag = "photos",
    params(("client_id" = i64, Path, description = "The client")),
    request_body(content = PhotoUpload, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Stored", body = Photo),
        (status = 403, description = "Without the right (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended, or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a portal of this account (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is over 15 MiB (body-too-large)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a JPEG, PNG or WebP image by its content (not-a-photo), or not multipart (unsupported-media-type)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "More than 40 megapixels (photo-too-many-pixels), damaged (photo-unreadable), a caption over 300 characters (text-too-long), or a wrong form (invalid-body)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The file storage failed; nothing was stored (storage-unavailable)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn upload_photo() {}

/// Remove a photo from this portal: the administrator any photo, others their own. A
/// photo of several clients stays in the other portals. Nothing is destroyed.
#[utoipa::path(
    delete, path = "/api/v1/portals/{client_id}/photos/{photo_id}", tag = "photos",
    params(("client_id" = i64, Path, description = "The client"), ("photo_id" = i64, Path, description = "The photo")),
    responses(
        (status = 204, description = "Removed from this portal"),
        (status = 403, description = "terms-not-accepted, access-ended, portal-ended, portal-suspended, or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such photo here, or not one's own (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn remove_photo() {}

/// One stored size of a photo, as JPEG. Checked on every request; `Cache-Control:
/// private, no-store`, `Content-Disposition: inline`.
#[utoipa::path(
    get, path = "/api/v1/portals/{client_id}/photos/{photo_id}/{width}", tag = "photos",
    params(("client_id" = i64, Path, description = "The client"), ("photo_id" = i64, Path, description = "The photo"), ("width" = u32, Path, description = "A width from the photo's `sizes`")),
    responses(
        (status = 200, description = "The image", content_type = "image/jpeg", body = Vec<u8>),
        (status = 403, description = "terms-not-accepted, access-ended, portal-ended, portal-suspended", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such photo or size here, removed, or without the right (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn photo_image() {}

/// Staff remove a photo from every portal, with a reason (R16).
#[utoipa::path(
    post, path = "/api/v1/staff/photos/{photo_id}/removal", tag = "staff",
    params(("photo_id" = i64, Path, description = "The photo")),
    request_body = PhotoRemovalRequest,
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Not staff, or not for these clients' team (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such photo, or removed already (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A reason that is empty (invalid-body) or too long (text-too-long)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn staff_remove_photo() {}

/// The staff member's caseload: their team's clients (all, for the organisation's
/// administrators) with the portal's state, open correction requests and what waits for
/// moderation.
#[utoipa::path(
    get, path = "/api/v1/staff/clients", tag = "staff",
    responses(
        (status = 200, description = "The caseload", body = Caseload),
        (status = 403, description = "Not staff (forbidden)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn staff_caseload() {}

/// The care relation ended, or the client died: portal access ends the organisation's
/// grace days after the earlier date (R4). Answers the day access ends.
#[utoipa::path(
    post, path = "/api/v1/staff/clients/{client_id}/care-relation-end", tag = "staff",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = CareRelationEnd,
    responses(
        (status = 200, description = "Recorded", body = CareRelationEnded),
        (status = 403, description = "Not staff (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a client of the staff member's team (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No date, a wrong date, or one before the care relation started (invalid-body)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn staff_end_care_relation() {}

/// Write a report for a client; released now, or later.
#[utoipa::path(
    post, path = "/api/v1/staff/clients/{client_id}/reports", tag = "staff",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = NewReport,
    responses(
        (status = 201, description = "Written", body = StaffReport),
        (status = 403, description = "Not staff (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a client of the staff member's team (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty (invalid-body), too long (text-too-long) or an unknown life domain (invalid-body)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn staff_write_report() {}

/// Release a report written for later to the portal.
#[utoipa::path(
    patch, path = "/api/v1/staff/clients/{client_id}/reports/{report_id}", tag = "staff",
    params(("client_id" = i64, Path, description = "The client"), ("report_id" = i64, Path, description = "The report")),
    request_body = ReportRelease,
    responses(
        (status = 200, description = "Released", body = StaffReport),
        (status = 403, description = "Not staff (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a client of the staff member's team (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "released was not true (invalid-body)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn staff_release_report() {}

/// Move administration to someone else (the client turned 18, a representative was
/// appointed). The previous administrator's access ends at the same moment; both are
/// told by e-mail.
#[utoipa::path(
    put, path = "/api/v1/staff/clients/{client_id}/administrator", tag = "staff",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = GrantAccessRequest,
    responses(
        (status = 200, description = "Administration moved; the link went to the new administrator", body = GrantedAccess),
        (status = 403, description = "Not staff (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a client of the staff member's team (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "That person is the administrator already (administrator-exists)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "email-invalid, mobile-invalid, representation-basis-required, invalid-body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn change_administrator() {}

/// Notes and photos placed by the team's clients and their circles, newest first, for
/// moderation (R16). Each client shown gets a staff read in their access log.
#[utoipa::path(
    get, path = "/api/v1/staff/moderation", tag = "staff",
    params(
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the previous page"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 200, description = "Items per page, 1 to 200 (default 50)"),
    ),
    responses(
        (status = 200, description = "A page of items", body = ModerationPage),
        (status = 400, description = "A parameter is not valid (invalid-parameter)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff (forbidden)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn staff_moderation() {}

/// A note looked at and left as it is.
#[utoipa::path(
    post, path = "/api/v1/staff/notes/{note_id}/review", tag = "staff",
    params(("note_id" = i64, Path, description = "The note")),
    responses(
        (status = 204, description = "Marked as reviewed"),
        (status = 403, description = "Not staff (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such note of the team's clients (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn staff_review_note() {}

/// A photo looked at and left as it is.
#[utoipa::path(
    post, path = "/api/v1/staff/photos/{photo_id}/review", tag = "staff",
    params(("photo_id" = i64, Path, description = "The photo")),
    responses(
        (status = 204, description = "Marked as reviewed"),
        (status = 403, description = "Not staff (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such photo of the team's clients (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn staff_review_photo() {}

/// One stored size of a photo, for staff who moderate it (logged for each client).
#[utoipa::path(
    get, path = "/api/v1/staff/photos/{photo_id}/{width}", tag = "staff",
    params(("photo_id" = i64, Path, description = "The photo"), ("width" = u32, Path, description = "A stored width")),
    responses(
        (status = 200, description = "The image", content_type = "image/jpeg", body = Vec<u8>),
        (status = 403, description = "Not staff (forbidden)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such photo or size of the team's clients (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn staff_photo_image() {}

/// Staff post a photo of an activity linked to one or more of their team's clients
/// (R18). The same pipeline as every upload: content sniffed, re-encoded, no metadata.
#[utoipa::path(
    post, path = "/api/v1/staff/photos", tag = "staff",
    request_body(content = StaffPhotoUpload, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Stored and linked; as the first client's portal shows it", body = Photo),
        (status = 403, description = "Not staff (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "A client not of the staff member's team (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is over 15 MiB (body-too-large)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a JPEG, PNG or WebP image (not-a-photo), or not multipart (unsupported-media-type)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No client, too many pixels, damaged, or a wrong form (invalid-body, photo-too-many-pixels, photo-unreadable, text-too-long)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The file storage failed; nothing was stored (storage-unavailable)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn staff_upload_photo() {}

/// A new version of a client's care plan (domains, goals, agreed actions, evaluation
/// dates). The plan in force until then ends the day before; it stays readable.
#[utoipa::path(
    post, path = "/api/v1/staff/clients/{client_id}/care-plans", tag = "staff",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = NewCarePlan,
    responses(
        (status = 201, description = "The new plan, as the portal shows it", body = CarePlan),
        (status = 403, description = "Not staff (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a client of the staff member's team (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No domains or goals, a wrong date, an evaluation before the start, a start not after the latest plan's, or a text too long (invalid-body, text-too-long)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn staff_new_care_plan() {}

/// The care plan in force for a client, to start a new version from; a staff read in
/// the client's access log.
#[utoipa::path(
    get, path = "/api/v1/staff/clients/{client_id}/care-plan", tag = "staff",
    params(("client_id" = i64, Path, description = "The client")),
    responses(
        (status = 200, description = "The plan in force (or the newest)", body = CarePlan),
        (status = 403, description = "Not staff (forbidden)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a client of the staff member's team, or no plan yet (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn staff_care_plan() {}

/// A client's reports for staff, released or not, newest first; a staff read in the
/// client's access log.
#[utoipa::path(
    get, path = "/api/v1/staff/clients/{client_id}/reports", tag = "staff",
    params(("client_id" = i64, Path, description = "The client"),
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the previous page"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 100, description = "Reports per page, 1 to 100 (default 30)")),
    responses(
        (status = 200, description = "A page of reports", body = StaffReportPage),
        (status = 400, description = "A parameter is not valid (invalid-parameter)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff (forbidden)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a client of the staff member's team (not-found)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (unauthenticated) or the session timed out (session-expired)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])),
)]
#[allow(dead_code)]
fn staff_list_reports() {}

/// The generated API description.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kring portal API",
        description = "The API a Kring client portal app talks to. Errors are RFC 9457 problem \
                       details (application/problem+json) with a stable `code`. Human texts follow \
                       Accept-Language (nl, en; Dutch by default).",
        license(name = "EUPL-1.2", identifier = "EUPL-1.2"),
    ),
    paths(
        get_organisation, get_organisation_logo, get_privacy_statement, get_openapi, list_terms, get_current_terms,
        get_terms_version, list_dev_outbox, advance_dev_clock,
        sign_in, sign_in_code, resend_code, request_password_reset, complete_password_reset, get_session, keep_alive, sign_out, sign_out_everywhere, activation_lookup, activate, activation_code, change_mobile, confirm_mobile, accept_terms, list_portals, get_portal, end_portal, grant_access, suspend_account, lift_account_suspension, suspend_portal, lift_portal_suspension, publish_terms,
        get_care_plan, get_care_plan_version, list_reports, get_report, list_correction_requests, file_correction_request, get_access_log, staff_list_correction_requests, staff_update_correction_request,
        get_network, invite, withdraw_invitation, resend_invitation, change_contact, remove_contact, leave_circle,
        invitation_lookup, invitation_accept, invitation_register, list_notes, write_note, edit_note, retract_note, staff_remove_note,
        list_photos, upload_photo, remove_photo, photo_image, staff_remove_photo, staff_caseload,
        staff_end_care_relation, staff_write_report, staff_release_report, change_administrator,
        staff_moderation, staff_review_note, staff_review_photo, staff_photo_image, staff_upload_photo, staff_new_care_plan, staff_list_reports, staff_care_plan,
    ),
    components(schemas(
        Organisation, BrandColours, EmergencyContact, CareTeamContact,
        TermsPage, TermsVersionSummary, TermsDocument, DocumentSection, PrivacyStatement,
        Problem, ProblemCode, Language, LocalizedText,
        OutboxPage, OutboxMessage, Channel, ClockAdvance, ClockNow,
        SignInRequest, CodeChallenge, CodeConfirmation, ResendCodeRequest, SessionInfo, AccountInfo, TermsStatus,
        ActivationLookup, ActivationInfo, ActivationRequest, PasswordResetRequest, PasswordResetCompletion,
        ChangeMobileRequest, Accepted, PortalSummary, PortalRole, PortalState, Rights, EndPortalRequest,
        GrantAccessRequest, GrantedAccess, AdministratorRelation, SuspensionRequest, PublishTermsRequest,
        LifeDomain, GoalStatus, Counsellor, CarePlan, CarePlanVersion, CarePlanDomain, Goal, AgreedAction, Report, ReportPage,
        CorrectionKind, CorrectionTarget, CorrectionStatus, NewCorrectionRequest, CorrectionRequest, CorrectionRequestPage,
        CorrectionUpdate, AccessRole, AccessLogEntry, AccessLogPage,
        ContactStatus, NetworkContact, Invitation, Network, NewInvitation, ContactChange, LeaveCircleRequest,
        InvitationToken, InvitationDetails, InvitationRegistration, RegistrationNext,
        Note, Removal, NotePage, NoteText, NoteRemovalRequest,
        Photo, PhotoSize, PhotoPage, PhotoUpload, PhotoRemovalRequest, StaffPhotoUpload,
        Caseload, CaseloadClient, PortalStatus, CareRelationEnd, CareRelationEnded, NewReport, ReportRelease, StaffReport,
        ModerationKind, ModerationItem, ModerationPage, NewCarePlan, NewCarePlanDomain, NewGoal, NewAgreedAction, StaffReportPage,
        StaffInfo, StaffRole,
    )),
    modifiers(&SessionCookie, &CommonProblems),
    tags(
        (name = "organisation", description = "The organisation that runs the portal"),
        (name = "terms", description = "Terms of use, versioned"),
        (name = "meta", description = "About this API"),
        (name = "dev", description = "Development helpers, demo mode only"),
        (name = "auth", description = "Signing in (two steps), sessions, activation, password reset"),
        (name = "account", description = "The signed-in person's account"),
        (name = "portals", description = "The portals an account may use"),
        (name = "dossier", description = "The client's care plan, reports, correction requests and access log"),
        (name = "network", description = "The client's circle: contacts, rights, invitations"),
        (name = "notes", description = "Notes from the client and their circle"),
        (name = "photos", description = "The photo gallery"),
        (name = "staff", description = "The organisation's staff: access, suspensions, terms, correction requests"),
    )
)]
pub struct ApiDoc;

/// Declares the session cookie (`kring-session`, or `__Host-kring-session` over HTTPS).
struct SessionCookie;

impl Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "kring-session",
                "Opaque session id; HttpOnly, SameSite=Strict. Named __Host-kring-session over HTTPS.",
            ))),
        );
    }
}

/// Declares the problems every operation can answer because of how the request is
/// formed, before its own rules apply (see the server's `ApiJson`, `ApiPath` and
/// `ApiQuery` extractors): a parameter that does not parse (400 invalid-parameter), a
/// JSON body that does not parse (400 malformed-json), is too large (413 body-too-large),
/// is not sent as JSON (415 unsupported-media-type) or does not fit the request type (422
/// invalid-body). A status the operation declares already keeps its description, with
/// the common code added.
struct CommonProblems;

impl Modify for CommonProblems {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::ParameterIn;
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for operation in operations.into_iter().flatten() {
                let parameters = operation.parameters.as_deref().unwrap_or_default();
                let has_parameters = parameters
                    .iter()
                    .any(|p| matches!(p.parameter_in, ParameterIn::Path | ParameterIn::Query));
                let json_body = operation
                    .request_body
                    .as_ref()
                    .is_some_and(|body| body.content.contains_key("application/json"));
                if has_parameters {
                    add_problem(
                        operation,
                        400,
                        "invalid-parameter",
                        "A path or query parameter is not valid, or unknown (invalid-parameter)",
                    );
                }
                if json_body {
                    add_problem(
                        operation,
                        400,
                        "malformed-json",
                        "The body is not valid JSON (malformed-json)",
                    );
                    add_problem(
                        operation,
                        413,
                        "body-too-large",
                        "The body is over 64 KiB (body-too-large)",
                    );
                    add_problem(
                        operation,
                        415,
                        "unsupported-media-type",
                        "The body is not sent as application/json (unsupported-media-type)",
                    );
                    add_problem(
                        operation,
                        422,
                        "invalid-body",
                        "A field is missing, unknown or has a wrong type (invalid-body)",
                    );
                }
            }
        }
    }
}

/// Adds a problem response for `status`, or names `code` in the one declared already.
fn add_problem(
    operation: &mut utoipa::openapi::path::Operation,
    status: u16,
    code: &str,
    description: &str,
) {
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
    let responses = &mut operation.responses.responses;
    match responses.get_mut(&status.to_string()) {
        Some(RefOr::T(response)) => {
            if !response.description.contains(code) {
                let lower = description[..1].to_lowercase() + &description[1..];
                response.description = format!("{}; or {lower}", response.description);
            }
        }
        Some(RefOr::Ref(_)) => {}
        None => {
            let response = ResponseBuilder::new()
                .description(description)
                .content(
                    crate::problem::PROBLEM_CONTENT_TYPE,
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("Problem")))
                        .build(),
                )
                .build();
            responses.insert(status.to_string(), RefOr::T(response));
        }
    }
}

/// The OpenAPI document as a value.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The OpenAPI document as pretty JSON with a trailing newline, exactly as committed in
/// `crates/api/openapi.json`.
pub fn document_json() -> String {
    let mut json = document()
        .to_pretty_json()
        .expect("the OpenAPI document always serializes");
    json.push('\n');
    json
}
