//! The OpenAPI 3.1 document of the portal API, assembled from the handlers' own
//! declarations.
//!
//! Each handler carries its `#[utoipa::path]` (path, parameters, responses, and its
//! `///` lines as the description); the routers register handlers with utoipa-axum's
//! `routes!`, which reads the same declaration, so an endpoint is described where it is
//! written and cannot be routed without being documented. This module adds what belongs
//! to the API as a whole: the title, the tags, the session cookie and the problems every
//! operation can answer because of how a request is formed.

use kring_api::paths::API_BASE;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

use kring_api::auth::{
    Accepted, AccountInfo, ActivationInfo, ActivationLookup, ActivationRequest,
    ChangeMobileRequest, CodeChallenge, CodeConfirmation, PasswordResetCompletion,
    PasswordResetRequest, ResendCodeRequest, SessionInfo, SignInRequest, TermsStatus,
};
use kring_api::portal::{EndPortalRequest, PortalRole, PortalState, PortalSummary, Rights};
use kring_api::staff::{
    AdministratorRelation, CareRelationEnd, CareRelationEnded, CaseloadClient, ClientRegistration,
    GrantAccessRequest, GrantedAccess, ModerationItem, ModerationKind, NewAgreedAction,
    NewCarePlan, NewCarePlanDomain, NewGoal, NewReport, PortalStatus, PublishTermsRequest,
    RegisteredClient, RegistrationTeam, ReportRelease, StaffInfo, StaffReport, StaffRole,
    SuspensionRequest, TeamCounsellor,
};

use kring_api::dev::{Channel, ClockAdvance, ClockNow, OutboxMessage};
use kring_api::dossier::{
    AccessLogEntry, AccessRole, AgreedAction, CarePlan, CarePlanDomain, CarePlanVersion,
    CorrectionKind, CorrectionRequest, CorrectionStatus, CorrectionTarget, CorrectionUpdate,
    Counsellor, Goal, GoalStatus, LifeDomain, NewCorrectionRequest, Report, ReportPage,
};
use kring_api::network::{
    ContactChange, ContactStatus, Invitation, InvitationDetails, InvitationRegistration,
    InvitationToken, LeaveCircleRequest, Network, NetworkContact, NewInvitation, RegistrationNext,
};
use kring_api::notes::{Note, NoteRemovalRequest, NoteText, Removal};
use kring_api::organisation::{
    BrandColours, CareTeamContact, EmergencyContact, Organisation, PrivacyStatement,
};
use kring_api::photos::{Photo, PhotoRemovalRequest, PhotoSize, PhotoUpload, StaffPhotoUpload};
use kring_api::problem::{Problem, ProblemCode};
use kring_api::terms::{TermsDocument, TermsVersionSummary};
use kring_api::text::{DocumentSection, Language, LocalizedText};

/// What the document says about the API as a whole.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kring portal API",
        description = "The API a Kring client portal app talks to. Errors are RFC 9457 problem \
                       details (application/problem+json) with a stable `code`. Human texts follow \
                       Accept-Language (nl, en; Dutch by default).",
        license(name = "EUPL-1.2", identifier = "EUPL-1.2"),
    ),
    components(schemas(
        Organisation, BrandColours, EmergencyContact, CareTeamContact,
        TermsVersionSummary, TermsDocument, DocumentSection, PrivacyStatement,
        Problem, ProblemCode, Language, LocalizedText,
        OutboxMessage, Channel, ClockAdvance, ClockNow,
        SignInRequest, CodeChallenge, CodeConfirmation, ResendCodeRequest, SessionInfo, AccountInfo, TermsStatus,
        ActivationLookup, ActivationInfo, ActivationRequest, PasswordResetRequest, PasswordResetCompletion,
        ChangeMobileRequest, Accepted, PortalSummary, PortalRole, PortalState, Rights, EndPortalRequest,
        GrantAccessRequest, GrantedAccess, AdministratorRelation, SuspensionRequest, PublishTermsRequest,
        LifeDomain, GoalStatus, Counsellor, CarePlan, CarePlanVersion, CarePlanDomain, Goal, AgreedAction, Report, ReportPage,
        CorrectionKind, CorrectionTarget, CorrectionStatus, NewCorrectionRequest, CorrectionRequest,
        CorrectionUpdate, AccessRole, AccessLogEntry,
        ContactStatus, NetworkContact, Invitation, Network, NewInvitation, ContactChange, LeaveCircleRequest,
        InvitationToken, InvitationDetails, InvitationRegistration, RegistrationNext,
        Note, Removal, NoteText, NoteRemovalRequest,
        Photo, PhotoSize, PhotoUpload, PhotoRemovalRequest, StaffPhotoUpload,
        CaseloadClient, ClientRegistration, RegisteredClient, RegistrationTeam, TeamCounsellor, PortalStatus, CareRelationEnd, CareRelationEnded, NewReport, ReportRelease, StaffReport,
        ModerationKind, ModerationItem, NewCarePlan, NewCarePlanDomain, NewGoal, NewAgreedAction,
        StaffInfo, StaffRole,
    ),
    responses(
        crate::responses::SignedOut, crate::responses::CsrfRejected, crate::responses::StaffOnly,
        crate::responses::StaffOnlyChange, crate::responses::AdministratorOnlyChange,
        crate::responses::NoSuchPortal, crate::responses::NoSuchPortalItem,
        crate::responses::NotTeamClient, crate::responses::InvalidParameter,
        crate::responses::TooManyEmails,
    )),
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
        (name = "administration", description = "The organisation's own set-up by its administrators: teams and staff members"),
    )
)]
struct ApiDoc;

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
/// invalid-body); and, for an operation with a session, a session that must set up a new
/// second factor first (403 second-factor-required). A status the operation declares
/// already keeps its description, with the common code added.
struct CommonProblems;

/// The operations a session may use before it has a second factor (after a lost phone,
/// the password alone opens a session that can only set up a new number or a passkey):
/// the extractor `AnyFactor` instead of `SignedIn`. Every other operation with a
/// session answers 403 second-factor-required to such a session.
pub(crate) const WITHOUT_SECOND_FACTOR: [&str; 8] = [
    "/api/v1/session",
    "/api/v1/session/keep-alive",
    "/api/v1/session/sign-out",
    "/api/v1/session/sign-out-everywhere",
    "/api/v1/account/mobile",
    "/api/v1/account/mobile/code",
    "/api/v1/account/passkeys",
    "/api/v1/account/passkeys/options",
];

impl Modify for CommonProblems {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::ParameterIn;
        use utoipa::openapi::security::SecurityRequirement;
        let session = SecurityRequirement::new("session", Vec::<String>::new());
        let shared = openapi
            .components
            .as_ref()
            .map(|c| c.responses.clone())
            .unwrap_or_default();
        for (path, item) in openapi.paths.paths.iter_mut() {
            let needs_second_factor = !WITHOUT_SECOND_FACTOR.contains(&path.as_str());
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
                if needs_second_factor
                    && operation
                        .security
                        .as_ref()
                        .is_some_and(|all| all.contains(&session))
                {
                    add_problem_resolving(
                        operation,
                        &shared,
                        403,
                        "second-factor-required",
                        "The session must set up a new second factor first, after staff reset it (second-factor-required)",
                    );
                }
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

/// As [`add_problem`], also where the operation declares the status with a shared
/// response (`response = crate::responses::…`): that one is copied into the operation
/// with `code` added, so the shared one keeps saying only what is true everywhere.
fn add_problem_resolving(
    operation: &mut utoipa::openapi::path::Operation,
    shared: &std::collections::BTreeMap<String, utoipa::openapi::RefOr<utoipa::openapi::Response>>,
    status: u16,
    code: &str,
    description: &str,
) {
    use utoipa::openapi::RefOr;
    let key = status.to_string();
    if let Some(RefOr::Ref(reference)) = operation.responses.responses.get(&key) {
        let name = reference
            .ref_location
            .rsplit('/')
            .next()
            .unwrap_or_default();
        if let Some(RefOr::T(response)) = shared.get(name) {
            operation
                .responses
                .responses
                .insert(key, RefOr::T(response.clone()));
        }
    }
    add_problem(operation, status, code, description);
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
                    kring_api::problem::PROBLEM_CONTENT_TYPE,
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("Problem")))
                        .build(),
                )
                .build();
            responses.insert(status.to_string(), RefOr::T(response));
        }
    }
}

/// The OpenAPI document: the handlers of `routes`, mounted at the API base, with what
/// [`ApiDoc`] adds.
pub fn document_of<S: Clone + Send + Sync + 'static>(
    routes: OpenApiRouter<S>,
) -> utoipa::openapi::OpenApi {
    let (_, mut document) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest(API_BASE, routes)
        .split_for_parts();
    // After the paths are in: the modifiers go over every operation.
    SessionCookie.modify(&mut document);
    CommonProblems.modify(&mut document);
    document
}
