//! The Kring portal API contract.
//!
//! Every request and response body that crosses `/api/v1` is a type in this crate. The
//! SPA and the reference server both depend on it, so a change here shows every caller
//! at compile time. With the `openapi` feature the types also describe themselves; the
//! reference server assembles the OpenAPI 3.1 document from its handlers' declarations
//! (committed as `crates/api/openapi.json`, served at `/api/v1/openapi.json`).
//!
//! Request bodies refuse unknown fields (a typo is an error, not silently ignored);
//! response bodies accept them, so an app keeps working against a newer server.

pub mod account;
pub mod administration;
pub mod auth;
pub mod dev;
pub mod dossier;
pub mod identity_providers;
pub mod import;
pub mod network;
pub mod notes;
pub mod organisation;
pub mod organisation_settings;
pub mod paging;
pub mod passkeys;
pub mod paths;
pub mod photos;
pub mod portal;
pub mod problem;
pub mod staff;
pub mod terms;
pub mod text;
pub mod time;

pub use account::{
    AccountDeletionRequest, AccountEvent, AccountEventsQuery, ActiveSession, ActiveSessionsQuery,
    ChangeEmailRequest, ChangePasswordRequest, EmailChangeConfirmation, PortalSecondFactorReset,
    Reauthenticated, ReauthenticationRequest, SecondFactorResetRequest, SignInStep,
};
pub use auth::{
    Accepted, AccountEventKind, AccountInfo, ActivationInfo, ActivationLookup, ActivationRequest,
    ChangeMobileRequest, CodeChallenge, CodeConfirmation, PasswordResetCompletion,
    PasswordResetRequest, ResendCodeRequest, SessionInfo, SignInRequest, TermsStatus,
};
pub use dossier::{
    AccessLogEntry, AccessRole, AgreedAction, CarePlan, CarePlanDomain, CarePlanVersion,
    CorrectionKind, CorrectionRequest, CorrectionStatus, CorrectionTarget, CorrectionUpdate,
    Counsellor, Goal, GoalStatus, LifeDomain, NewCorrectionRequest, Report, ReportPage,
};
pub use identity_providers::{
    GroupSignInMethods, IdentityLink, IdentityProvider, ProviderCallback, ProviderPurpose,
    ProviderRedirect, ProviderStart, SignInGroup, SignInMethods, StaffIdentityLinkRequest,
};
pub use network::{
    ContactChange, ContactStatus, Invitation, InvitationDetails, InvitationRegistration,
    InvitationToken, LeaveCircleRequest, Network, NetworkContact, NewInvitation, RegistrationNext,
};
pub use notes::{Note, NoteRemovalRequest, NoteText, Removal};
pub use organisation::{
    BrandColours, CareTeamContact, EmergencyContact, Organisation, PrivacyStatement,
};
pub use organisation_settings::{OrganisationSettings, PrivacyStatementUpdate};
pub use paging::{Cursor, Page};
pub use passkeys::{
    CredentialJson, NewPasskey, PasskeyOptions, PasskeySignIn, PasskeySignInStart, PasskeySummary,
};
pub use photos::{Photo, PhotoRemovalRequest, PhotoSize, PhotoUpload, StaffPhotoUpload};
pub use portal::{EndPortalRequest, NewCounts, PortalRole, PortalState, PortalSummary, Rights};
pub use problem::{Problem, ProblemCode};
pub use staff::{
    AdministratorRelation, CareRelationEnd, CareRelationEnded, CaseloadClient, CaseloadQuery,
    ClientRegistration, GrantAccessRequest, GrantedAccess, ModerationItem, ModerationKind,
    NewAgreedAction, NewCarePlan, NewCarePlanDomain, NewGoal, NewReport, PortalStatus,
    PublishTermsRequest, RegisteredClient, RegistrationTeam, ReportRelease, StaffInfo, StaffReport,
    StaffRole, SuspensionRequest, TeamCounsellor,
};
pub use terms::{TermsDocument, TermsVersionSummary};
pub use text::{DocumentSection, Language, LocalizedText};
pub use time::{Day, Timestamp};
