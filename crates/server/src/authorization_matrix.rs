//! The authorisation matrix: every operation of the API, sent by every kind of person,
//! with the status each one got. The table is written to `docs/authorization-matrix.md`
//! and must match the committed file (`KRING_UPDATE_MATRIX=1` rewrites it).
//!
//! Deny by default: every documented operation must have a declared policy here, and
//! every cell must agree with it: a role the policy admits gets a success, every other
//! role a refusal (401, 403 or 404), never a success and never another error. A new
//! route without a rights check, or one missing from this list, fails the test.
//!
//! Each role's column runs against a fresh installation, in a fixed order with the
//! changes that close things (leaving, ending the portal, signing out) last, so every
//! cell is reproducible.

use axum::http::{Method, StatusCode};
use kring_api::Rights;
use serde_json::{json, Value};

use crate::app::AppOptions;
use crate::dossier::tests::{care_plan, report, staff_member, Shown};
use crate::test_support::{test_app, test_now, TestApp, TestPortal};

/// One of the six rights.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Right {
    CarePlan,
    Reports,
    PhotosView,
    PhotosAdd,
    NotesView,
    NotesAdd,
}

impl Right {
    const ALL: [Right; 6] = [
        Right::CarePlan,
        Right::Reports,
        Right::PhotosView,
        Right::PhotosAdd,
        Right::NotesView,
        Right::NotesAdd,
    ];

    fn only(self) -> Rights {
        let mut rights = Rights::default();
        match self {
            Right::CarePlan => rights.care_plan = true,
            Right::Reports => rights.reports = true,
            Right::PhotosView => rights.photos_view = true,
            Right::PhotosAdd => rights.photos_add = true,
            Right::NotesView => rights.notes_view = true,
            Right::NotesAdd => rights.notes_add = true,
        }
        rights
    }

    fn label(self) -> &'static str {
        match self {
            Right::CarePlan => "care plan",
            Right::Reports => "reports",
            Right::PhotosView => "photos (view)",
            Right::PhotosAdd => "photos (add)",
            Right::NotesView => "notes (view)",
            Right::NotesAdd => "notes (write)",
        }
    }
}

/// Who sends the requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Anonymous,
    Administrator,
    ContactWith(Right),
    ContactWithNone,
    RemovedContact,
    OtherClientContact,
    EndedPortal,
    SuspendedAccount,
    Staff,
}

impl Role {
    fn all() -> Vec<Role> {
        let mut roles = vec![Role::Anonymous, Role::Administrator];
        roles.extend(Right::ALL.map(Role::ContactWith));
        roles.extend([
            Role::ContactWithNone,
            Role::RemovedContact,
            Role::OtherClientContact,
            Role::EndedPortal,
            Role::SuspendedAccount,
            Role::Staff,
        ]);
        roles
    }

    fn label(self) -> String {
        match self {
            Role::Anonymous => "anonymous".into(),
            Role::Administrator => "administrator".into(),
            Role::ContactWith(right) => format!("contact: {}", right.label()),
            Role::ContactWithNone => "contact: no rights".into(),
            Role::RemovedContact => "removed contact (all rights)".into(),
            Role::OtherClientContact => "contact of another client".into(),
            Role::EndedPortal => "administrator, portal ended".into(),
            Role::SuspendedAccount => "suspended account (contact, all rights)".into(),
            Role::Staff => "staff (organisation administrator)".into(),
        }
    }

    /// A usable portal role with these rights, if the role has one in the client's portal.
    fn portal_rights(self) -> Option<(bool, Rights)> {
        match self {
            Role::Administrator => Some((true, Rights::ALL)),
            Role::ContactWith(right) => Some((false, right.only())),
            Role::ContactWithNone => Some((false, Rights::default())),
            _ => None,
        }
    }
}

/// What an operation needs.
#[derive(Clone, Copy)]
enum Policy {
    /// Anyone (the outcome depends on the body, e.g. a wrong password).
    Public,
    /// A signed-in, usable account; what it gets depends on the body.
    SignedIn,
    /// Someone in the portal with this need.
    Portal(Need),
    /// The administrator, for their own note.
    Author,
    /// Staff of the organisation.
    Staff,
}

#[derive(Clone, Copy)]
enum Need {
    Any,
    Right(fn(&Rights) -> bool),
    Administrator,
    Contact,
}

impl Policy {
    fn describe(self) -> &'static str {
        match self {
            Policy::Public => "public",
            Policy::SignedIn => "signed in",
            Policy::Portal(Need::Any) => "in the portal",
            Policy::Portal(Need::Right(_)) => "right",
            Policy::Portal(Need::Administrator) => "administrator",
            Policy::Portal(Need::Contact) => "contact",
            Policy::Author => "author",
            Policy::Staff => "staff",
        }
    }

    /// Whether `role` must succeed (`Some(true)`), must be refused (`Some(false)`), or
    /// may get either depending on the body (`None`).
    fn admits(self, role: Role) -> Option<bool> {
        match self {
            Policy::Public => None,
            Policy::SignedIn => match role {
                Role::Anonymous | Role::SuspendedAccount => Some(false),
                _ => None,
            },
            Policy::Portal(need) => Some(match role.portal_rights() {
                None => false,
                Some((administrator, rights)) => match need {
                    Need::Any => true,
                    Need::Right(has) => has(&rights),
                    Need::Administrator => administrator,
                    Need::Contact => !administrator,
                },
            }),
            Policy::Author => Some(role == Role::Administrator),
            Policy::Staff => Some(role == Role::Staff),
        }
    }
}

/// The installation one column runs against.
struct World {
    app: TestApp,
    main: TestPortal,
    other: TestPortal,
    spare_client: i64,
    team_id: i64,
    plan_id: i64,
    report_id: i64,
    admin_note: i64,
    contact_note: i64,
    invitation_id: i64,
    invitation_token: String,
    contact_access_id: i64,
    correction_id: i64,
    photo_id: i64,
    photo_image: String,
    moderated_photo_id: i64,
    undelivered_message_id: i64,
    counsellor: i64,
    cookie: Option<String>,
}

impl World {
    fn portal(&self, rest: &str) -> String {
        format!("/api/v1/portals/{}{rest}", self.main.client_id)
    }
}

/// One operation: method, documented path, policy, and how to fill it in.
struct Op {
    method: Method,
    path: &'static str,
    policy: Policy,
    concrete: fn(&World) -> String,
    body: fn(&World) -> Option<Value>,
    /// Sent as a photo upload (multipart) instead of JSON.
    multipart: bool,
    /// Sent as an SVG file (`image/svg+xml`, the logo) instead of JSON.
    svg: bool,
    /// Sent as this CSV file instead of JSON.
    csv: Option<&'static str>,
}

fn none(_: &World) -> Option<Value> {
    None
}

macro_rules! op {
    (SVG $path:literal, $policy:expr, $concrete:expr) => {
        Op {
            method: Method::PUT,
            path: $path,
            policy: $policy,
            concrete: $concrete,
            body: none,
            multipart: false,
            svg: true,
            csv: None,
        }
    };
    (CSV $path:literal, $policy:expr, $concrete:expr, $file:expr) => {
        Op {
            method: Method::POST,
            path: $path,
            policy: $policy,
            concrete: $concrete,
            body: none,
            multipart: false,
            svg: false,
            csv: Some($file),
        }
    };
    (STAFF_UPLOAD $path:literal, $policy:expr, $concrete:expr) => {
        Op {
            method: Method::POST,
            path: $path,
            policy: $policy,
            concrete: $concrete,
            body: none,
            multipart: true,
            svg: false,
            csv: None,
        }
    };
    (UPLOAD $path:literal, $policy:expr, $concrete:expr) => {
        Op {
            method: Method::POST,
            path: $path,
            policy: $policy,
            concrete: $concrete,
            body: none,
            multipart: true,
            svg: false,
            csv: None,
        }
    };
    ($method:ident $path:literal, $policy:expr, $concrete:expr) => {
        Op {
            method: Method::$method,
            path: $path,
            policy: $policy,
            concrete: $concrete,
            body: none,
            multipart: false,
            svg: false,
            csv: None,
        }
    };
    ($method:ident $path:literal, $policy:expr, $concrete:expr, $body:expr) => {
        Op {
            method: Method::$method,
            path: $path,
            policy: $policy,
            concrete: $concrete,
            body: $body,
            multipart: false,
            svg: false,
            csv: None,
        }
    };
}

/// Every operation, in the order a column sends them: reads, then changes, then what
/// closes the portal or the session.
fn operations() -> Vec<Op> {
    use Need::*;
    use Policy::*;
    vec![
        op!(GET "/organisation", Public, |_| "/api/v1/organisation".into()),
        op!(GET "/organisation/logo.svg", Public, |_| "/api/v1/organisation/logo.svg".into()),
        op!(GET "/privacy-statement", Public, |_| "/api/v1/privacy-statement".into()),
        op!(GET "/openapi.json", Public, |_| "/api/v1/openapi.json".into()),
        op!(GET "/terms", Public, |_| "/api/v1/terms".into()),
        op!(GET "/terms/current", Public, |_| "/api/v1/terms/current".into()),
        op!(GET "/terms/{version}", Public, |_| "/api/v1/terms/1".into()),
        op!(GET "/dev/outbox", Public, |_| "/api/v1/dev/outbox".into()),
        // Zero days is refused for everyone, so the matrix does not move its own clock.
        op!(POST "/dev/clock", Public, |_| "/api/v1/dev/clock".into(),
            |_| Some(json!({ "days": 0 }))),
        op!(POST "/auth/sign-in", Public, |_| "/api/v1/auth/sign-in".into(),
            |_| Some(json!({ "email": "niemand@test.example", "password": "fout wachtwoord hier" }))),
        op!(POST "/auth/sign-in/code", Public, |_| "/api/v1/auth/sign-in/code".into(),
            |_| Some(json!({ "attempt": "onbekend", "code": "123456" }))),
        op!(POST "/auth/code/resend", Public, |_| "/api/v1/auth/code/resend".into(),
            |_| Some(json!({ "attempt": "onbekend" }))),
        op!(POST "/auth/sign-in/passkey/options", Public, |_| "/api/v1/auth/sign-in/passkey/options".into(),
            |_| Some(json!({ "attempt": "onbekend" }))),
        op!(POST "/auth/sign-in/passkey", Public, |_| "/api/v1/auth/sign-in/passkey".into(),
            |_| Some(json!({ "attempt": "onbekend", "credential": {} }))),
        op!(POST "/auth/password-reset", Public, |_| "/api/v1/auth/password-reset".into(),
            |_| Some(json!({ "email": "niemand@test.example" }))),
        op!(POST "/auth/password-reset/complete", Public, |_| "/api/v1/auth/password-reset/complete".into(),
            |_| Some(json!({ "token": "onbekend", "password": "een lang nieuw wachtwoord" }))),
        op!(POST "/activation/lookup", Public, |_| "/api/v1/activation/lookup".into(),
            |_| Some(json!({ "token": "onbekend" }))),
        op!(POST "/activation", Public, |_| "/api/v1/activation".into(),
            |_| Some(json!({ "token": "onbekend", "password": "een lang nieuw wachtwoord" }))),
        op!(POST "/activation/code", Public, |_| "/api/v1/activation/code".into(),
            |_| Some(json!({ "attempt": "onbekend", "code": "123456" }))),
        op!(POST "/invitations/lookup", Public, |_| "/api/v1/invitations/lookup".into(),
            |w| Some(json!({ "token": w.invitation_token }))),
        op!(POST "/invitations/register", Public, |_| "/api/v1/invitations/register".into(),
            |w| Some(json!({ "token": w.invitation_token, "name": "Nieuw", "email": "elders@test.example",
                "mobile": "+31612399999", "password": "een lang nieuw wachtwoord", "language": "nl" }))),
        // Answers `null` without a session: the app asks it to know whether anyone is signed in.
        op!(GET "/session", Public, |_| "/api/v1/session".into()),
        // No provider is configured here: the list is empty and a start finds none.
        op!(GET "/identity-providers", Public, |_| "/api/v1/identity-providers".into()),
        op!(POST "/identity-providers/{provider}/start", Public,
            |_| "/api/v1/identity-providers/digid/start".into(),
            |_| Some(json!({ "purpose": "sign_in" }))),
        // A browser navigation: always a redirect to the app, here with an unknown state.
        op!(GET "/identity-providers/callback", Public,
            |_| "/api/v1/identity-providers/callback?code=c&state=onbekend".into()),
        op!(GET "/account/identity-links", SignedIn, |_| "/api/v1/account/identity-links".into()),
        op!(DELETE "/account/identity-links/{provider}", SignedIn,
            |_| "/api/v1/account/identity-links/digid".into()),
        op!(GET "/portals", SignedIn, |_| "/api/v1/portals".into()),
        op!(GET "/portals/{client_id}", Portal(Any), |w| w.portal("")),
        op!(GET "/portals/{client_id}/new-counts", Portal(Right(|r| r.reports || r.photos_view || r.notes_view)),
            |w| w.portal("/new-counts")),
        op!(GET "/portals/{client_id}/care-plan", Portal(Right(|r| r.care_plan)), |w| w.portal("/care-plan")),
        op!(GET "/portals/{client_id}/care-plans/{plan_id}", Portal(Right(|r| r.care_plan)),
            |w| w.portal(&format!("/care-plans/{}", w.plan_id))),
        op!(GET "/portals/{client_id}/reports", Portal(Right(|r| r.reports)), |w| w.portal("/reports")),
        op!(GET "/portals/{client_id}/reports/{report_id}", Portal(Right(|r| r.reports)),
            |w| w.portal(&format!("/reports/{}", w.report_id))),
        op!(GET "/portals/{client_id}/correction-requests", Portal(Administrator), |w| w.portal("/correction-requests")),
        op!(GET "/portals/{client_id}/access-log", Portal(Administrator), |w| w.portal("/access-log")),
        op!(GET "/portals/{client_id}/network", Portal(Administrator), |w| w.portal("/network")),
        op!(GET "/portals/{client_id}/notes", Portal(Right(|r| r.notes_view)), |w| w.portal("/notes")),
        op!(GET "/portals/{client_id}/photos", Portal(Right(|r| r.photos_view)), |w| w.portal("/photos")),
        op!(GET "/portals/{client_id}/photos/{photo_id}/{width}", Portal(Right(|r| r.photos_view)),
            |w| format!("/api/v1{}", w.photo_image)),
        op!(UPLOAD "/portals/{client_id}/photos", Portal(Right(|r| r.photos_add)), |w| w.portal("/photos")),
        op!(GET "/staff/clients", Staff, |_| "/api/v1/staff/clients".into()),
        op!(GET "/staff/clients/{client_id}", Staff,
            |w| format!("/api/v1/staff/clients/{}", w.main.client_id)),
        op!(GET "/staff/clients/{client_id}/registration", Staff,
            |w| format!("/api/v1/staff/clients/{}/registration", w.main.client_id)),
        op!(GET "/staff/registration-teams", Staff, |_| "/api/v1/staff/registration-teams".into()),
        op!(GET "/staff/teams/{team_id}/counsellors", Staff,
            |w| format!("/api/v1/staff/teams/{}/counsellors", w.team_id)),
        op!(POST "/staff/clients", Staff, |_| "/api/v1/staff/clients".into(),
            |w| Some(json!({ "client_number": "T-nieuw", "first_name": "Nieuwe", "family_name": "Cliënt",
                "date_of_birth": "1980-04-05", "team_id": w.team_id, "personal_counsellor_id": null,
                "care_relation_start": "2026-01-01" }))),
        op!(PUT "/staff/clients/{client_id}/registration", Staff,
            |w| format!("/api/v1/staff/clients/{}/registration", w.spare_client),
            |w| Some(json!({ "client_number": "T-s", "first_name": "Cliënt", "family_name": "Met Team",
                "date_of_birth": "1990-01-01", "team_id": w.team_id, "care_relation_start": "2024-01-01" }))),
        op!(GET "/staff/moderation", Staff, |_| "/api/v1/staff/moderation".into()),
        op!(GET "/staff/messages/undelivered", Staff, |_| "/api/v1/staff/messages/undelivered".into()),
        op!(POST "/staff/messages/{message_id}/retry", Staff,
            |w| format!("/api/v1/staff/messages/{}/retry", w.undelivered_message_id)),
        op!(GET "/staff/clients/{client_id}/reports", Staff,
            |w| format!("/api/v1/staff/clients/{}/reports", w.main.client_id)),
        op!(GET "/staff/photos/{photo_id}/{width}", Staff,
            |w| format!("/api/v1/staff/photos/{}/24", w.photo_id)),
        op!(GET "/staff/correction-requests", Staff, |_| "/api/v1/staff/correction-requests".into()),
        op!(GET "/staff/teams", Staff, |_| "/api/v1/staff/teams".into()),
        op!(GET "/staff/members", Staff, |_| "/api/v1/staff/members".into()),
        op!(POST "/portals/{client_id}/correction-requests", Portal(Administrator), |w| w.portal("/correction-requests"),
            |_| Some(json!({ "kind": "correct", "target": { "type": "general" }, "text": "Mijn adres klopt niet." }))),
        op!(POST "/portals/{client_id}/notes", Portal(Right(|r| r.notes_add)), |w| w.portal("/notes"),
            |_| Some(json!({ "body": "Hallo allemaal" }))),
        op!(PATCH "/portals/{client_id}/notes/{note_id}", Author, |w| w.portal(&format!("/notes/{}", w.admin_note)),
            |_| Some(json!({ "body": "Aangepast" }))),
        op!(POST "/portals/{client_id}/network/invitations", Portal(Administrator), |w| w.portal("/network/invitations"),
            |_| Some(json!({ "name": "Nieuw", "email": "nieuw@test.example", "relation": "Neef",
                "rights": Rights::default(), "language": "nl" }))),
        op!(POST "/portals/{client_id}/network/invitations/{invitation_id}/resend", Portal(Administrator),
            |w| w.portal(&format!("/network/invitations/{}/resend", w.invitation_id))),
        op!(PATCH "/portals/{client_id}/network/contacts/{contact_id}", Portal(Administrator),
            |w| w.portal(&format!("/network/contacts/{}", w.contact_access_id)),
            |_| Some(json!({ "relation": "Zus" }))),
        op!(PATCH "/staff/correction-requests/{id}", Staff,
            |w| format!("/api/v1/staff/correction-requests/{}", w.correction_id),
            |_| Some(json!({ "status": "in_progress", "answer": null }))),
        op!(GET "/staff/clients/{client_id}/care-plan", Staff,
            |w| format!("/api/v1/staff/clients/{}/care-plan", w.main.client_id)),
        op!(POST "/staff/clients/{client_id}/care-plans", Staff,
            |w| format!("/api/v1/staff/clients/{}/care-plans", w.other.client_id),
            |_| Some(json!({ "period_start": "2026-02-01", "domains": [{ "domain": "living", "goals": [{
                "text": "Zelf koken", "status": "active", "start_date": "2026-02-01",
                "evaluation_date": "2026-08-01", "actions": [] }] }] }))),
        op!(POST "/staff/clients/{client_id}/reports", Staff,
            |w| format!("/api/v1/staff/clients/{}/reports", w.main.client_id),
            |_| Some(json!({ "category": "living", "body": "Samen gekookt.", "release": false }))),
        op!(PATCH "/staff/clients/{client_id}/reports/{report_id}", Staff,
            |w| format!("/api/v1/staff/clients/{}/reports/{}", w.main.client_id, w.report_id),
            |_| Some(json!({ "released": true }))),
        op!(STAFF_UPLOAD "/staff/photos", Staff, |_| "/api/v1/staff/photos".into()),
        op!(POST "/staff/notes/{note_id}/review", Staff,
            |w| format!("/api/v1/staff/notes/{}/review", w.contact_note)),
        op!(POST "/staff/photos/{photo_id}/review", Staff,
            |w| format!("/api/v1/staff/photos/{}/review", w.photo_id)),
        op!(POST "/staff/notes/{note_id}/removal", Staff,
            |w| format!("/api/v1/staff/notes/{}/removal", w.contact_note),
            |_| Some(json!({ "reason": "Dit hoort hier niet." }))),
        op!(POST "/staff/clients/{client_id}/administrator", Staff,
            |w| format!("/api/v1/staff/clients/{}/administrator", w.spare_client),
            |_| Some(json!({ "name": "Nieuwe Cliënt", "email": "nieuwe-client@test.example",
                "mobile": "+31612388888", "relation": "client", "language": "nl" }))),
        op!(POST "/staff/accounts/{account_id}/suspension", Staff,
            |w| format!("/api/v1/staff/accounts/{}/suspension", w.other.contact_account),
            |_| Some(json!({ "reason": "Te veel berichten." }))),
        op!(DELETE "/staff/accounts/{account_id}/suspension", Staff,
            |w| format!("/api/v1/staff/accounts/{}/suspension", w.other.contact_account)),
        op!(POST "/staff/clients/{client_id}/portal-suspension", Staff,
            |w| format!("/api/v1/staff/clients/{}/portal-suspension", w.other.client_id),
            |_| Some(json!({ "reason": "Onderzoek loopt." }))),
        op!(DELETE "/staff/clients/{client_id}/portal-suspension", Staff,
            |w| format!("/api/v1/staff/clients/{}/portal-suspension", w.other.client_id)),
        op!(PUT "/staff/clients/{client_id}/administrator", Staff,
            |w| format!("/api/v1/staff/clients/{}/administrator", w.other.client_id),
            |_| Some(json!({ "name": "Nieuwe Mentor", "email": "mentor@test.example",
                "mobile": "+31612377700", "relation": "representative",
                "representation_basis": "Mentorschap", "language": "nl" }))),
        op!(POST "/staff/teams", Staff, |_| "/api/v1/staff/teams".into(),
            |_| Some(json!({ "name": "Matrixteam", "emergency_phone": "020 123 4567" }))),
        op!(PUT "/staff/teams/{team_id}", Staff, |w| format!("/api/v1/staff/teams/{}", w.team_id),
            |_| Some(json!({ "name": "Team Matrix", "emergency_phone": null }))),
        op!(POST "/staff/members", Staff, |_| "/api/v1/staff/members".into(),
            |w| Some(json!({ "name": "Nieuwe Collega", "email": "collega@test.example", "mobile": "+31612366666",
                "role": "care_professional", "team_id": w.team_id,
                "job_title": { "nl": "Begeleider", "en": "Support worker" } }))),
        // Checks only (dry_run=true): the matrix's installation stays as it is.
        op!(CSV "/staff/import/clients", Staff, |_| "/api/v1/staff/import/clients?dry_run=true".into(),
            "cliëntnummer;voornaam;achternaam;geboortedatum;team;start zorg\nT-csv;Nieuwe;Cliënt;05-04-1980;Team Kring;01-01-2026\n"),
        op!(CSV "/staff/import/staff", Staff, |_| "/api/v1/staff/import/staff?dry_run=true".into(),
            "naam;e-mail;mobiel;rol;team\nNieuwe Collega;csv@test.example;0612366667;begeleider;Team Kring\n"),
        op!(PUT "/staff/members/{staff_id}", Staff, |w| format!("/api/v1/staff/members/{}", w.counsellor),
            |w| Some(json!({ "role": "team_lead", "team_id": w.team_id,
                "job_title": { "nl": "Teamleider", "en": "Team lead" } }))),
        op!(POST "/account/mobile", SignedIn, |_| "/api/v1/account/mobile".into(),
            |_| Some(json!({ "mobile": "+31612377777" }))),
        op!(POST "/account/mobile/code", SignedIn, |_| "/api/v1/account/mobile/code".into(),
            |_| Some(json!({ "attempt": "onbekend", "code": "123456" }))),
        op!(GET "/account/passkeys", SignedIn, |_| "/api/v1/account/passkeys".into()),
        op!(POST "/account/passkeys/options", SignedIn, |_| "/api/v1/account/passkeys/options".into(),
            |_| Some(json!(null))),
        op!(POST "/account/passkeys", SignedIn, |_| "/api/v1/account/passkeys".into(),
            |_| Some(json!({ "name": "Telefoon", "credential": {} }))),
        op!(DELETE "/account/passkeys/{passkey_id}", SignedIn, |_| "/api/v1/account/passkeys/999999".into()),
        op!(POST "/terms/{version}/acceptance", SignedIn, |_| "/api/v1/terms/1/acceptance".into(),
            |_| Some(json!(null))),
        op!(POST "/invitations/accept", SignedIn, |_| "/api/v1/invitations/accept".into(),
            |w| Some(json!({ "token": w.invitation_token }))),
        op!(POST "/session/keep-alive", SignedIn, |_| "/api/v1/session/keep-alive".into()),
        op!(POST "/account/reauthentication", SignedIn, |_| "/api/v1/account/reauthentication".into(),
            |_| Some(json!({ "password": "niet het wachtwoord" }))),
        op!(POST "/account/reauthentication/code", SignedIn, |_| "/api/v1/account/reauthentication/code".into(),
            |_| Some(json!({ "attempt": "onbekend", "code": "123456" }))),
        op!(POST "/account/reauthentication/passkey/options", SignedIn, |_| "/api/v1/account/reauthentication/passkey/options".into(),
            |_| Some(json!({ "attempt": "onbekend" }))),
        op!(POST "/account/reauthentication/passkey", SignedIn, |_| "/api/v1/account/reauthentication/passkey".into(),
            |_| Some(json!({ "attempt": "onbekend", "credential": {} }))),
        op!(POST "/account/email", SignedIn, |_| "/api/v1/account/email".into(),
            |_| Some(json!({ "email": "geen-adres" }))),
        op!(POST "/account/email/confirm", Public, |_| "/api/v1/account/email/confirm".into(),
            |_| Some(json!({ "token": "onbekend" }))),
        op!(POST "/account/password", SignedIn, |_| "/api/v1/account/password".into(),
            |_| Some(json!({ "password": "kort" }))),
        op!(GET "/account/events", SignedIn, |_| "/api/v1/account/events".into()),
        op!(GET "/account/sessions", SignedIn, |_| "/api/v1/account/sessions".into()),
        op!(DELETE "/account/sessions/{session_id}", SignedIn, |_| "/api/v1/account/sessions/999999".into()),
        op!(POST "/account/deletion", SignedIn, |_| "/api/v1/account/deletion".into(),
            |_| Some(json!({ "confirm": false }))),
        op!(POST "/staff/clients/{client_id}/second-factor-reset", Staff,
            |w| format!("/api/v1/staff/clients/{}/second-factor-reset", w.other.client_id),
            |w| Some(json!({ "email": w.other.contact_email, "reason": "Telefoon kwijt; gebeld en gecontroleerd." }))),
        op!(POST "/staff/members/{staff_id}/second-factor-reset", Staff,
            |w| format!("/api/v1/staff/members/{}/second-factor-reset", w.counsellor),
            |_| Some(json!({ "reason": "Telefoon kwijt; persoonlijk gecontroleerd." }))),
        op!(PUT "/staff/members/{staff_id}/identity-links/{provider_id}", Staff,
            |w| format!("/api/v1/staff/members/{}/identity-links/werk", w.counsellor),
            |_| Some(json!({ "subject": "werk-1" }))),
        op!(DELETE "/portals/{client_id}/network/invitations/{invitation_id}", Portal(Administrator),
            |w| w.portal(&format!("/network/invitations/{}", w.invitation_id))),
        op!(DELETE "/portals/{client_id}/photos/{photo_id}", Author,
            |w| w.portal(&format!("/photos/{}", w.photo_id))),
        op!(POST "/staff/photos/{photo_id}/removal", Staff,
            |w| format!("/api/v1/staff/photos/{}/removal", w.moderated_photo_id),
            |_| Some(json!({ "reason": "Geen toestemming van wie erop staat." }))),
        op!(DELETE "/portals/{client_id}/notes/{note_id}", Author, |w| w.portal(&format!("/notes/{}", w.admin_note))),
        op!(DELETE "/portals/{client_id}/network/contacts/{contact_id}", Portal(Administrator),
            |w| w.portal(&format!("/network/contacts/{}", w.contact_access_id))),
        op!(POST "/portals/{client_id}/leave", Portal(Contact), |w| w.portal("/leave"),
            |_| Some(json!({ "confirm": true }))),
        op!(POST "/staff/clients/{client_id}/care-relation-end", Staff,
            |w| format!("/api/v1/staff/clients/{}/care-relation-end", w.other.client_id),
            |_| Some(json!({ "ended_on": "2026-03-01" }))),
        op!(GET "/staff/organisation/settings", Staff, |_| "/api/v1/staff/organisation/settings".into()),
        op!(GET "/staff/organisation/sign-in-methods", Staff,
            |_| "/api/v1/staff/organisation/sign-in-methods".into()),
        op!(PUT "/staff/organisation/sign-in-methods", Staff,
            |_| "/api/v1/staff/organisation/sign-in-methods".into(),
            |_| Some(json!({ "clients": { "password": true, "providers": [] },
                "staff": { "password": true, "providers": [] } }))),
        op!(PUT "/staff/organisation/settings", Staff, |_| "/api/v1/staff/organisation/settings".into(),
        |_| Some(json!({
            "name": "Zorg Test", "short_name": "Test",
            "colours": { "primary": "#114477", "on_primary": "#ffffff", "accent": "#114477" },
            "emergency_phone": "020 123 45 67",
            "emergency_hours": { "nl": "Altijd", "en": "Always" },
            "access_grace_days": 7, "retention_years": 20, "correction_deadline_days": 30,
        }))),
        op!(SVG "/staff/organisation/logo", Staff, |_| "/api/v1/staff/organisation/logo".into()),
        op!(DELETE "/staff/organisation/logo", Staff, |_| "/api/v1/staff/organisation/logo".into()),
        op!(PUT "/staff/organisation/privacy-statement", Staff,
            |_| "/api/v1/staff/organisation/privacy-statement".into(),
            |_| Some(json!({ "sections": [{ "heading": { "nl": "Wie", "en": "Who" }, "body": { "nl": "Wij", "en": "We" } }] }))),
        op!(POST "/staff/terms", Staff, |_| "/api/v1/staff/terms".into(),
        |_| Some(json!({
            "in_force_from": "2026-04-01",
            "change_summary": { "nl": "Nieuw artikel.", "en": "New article." },
            "sections": [{ "heading": { "nl": "Kop", "en": "Heading" }, "body": { "nl": "Tekst.", "en": "Text." } }],
        }))),
        op!(POST "/staff/members/{staff_id}/end", Staff,
            |w| format!("/api/v1/staff/members/{}/end", w.counsellor)),
        op!(POST "/portals/{client_id}/end", Portal(Administrator), |w| w.portal("/end"),
            |_| Some(json!({ "confirm": true }))),
        op!(POST "/session/sign-out-everywhere", SignedIn, |_| "/api/v1/session/sign-out-everywhere".into()),
        op!(POST "/session/sign-out", Public, |_| "/api/v1/session/sign-out".into()),
    ]
}

async fn set_contact(app: &TestApp, portal: &TestPortal, rights: Rights, status: &str) {
    let r = crate::network::right_values(&rights);
    sqlx::query(
        "UPDATE portal_access SET can_view_care_plan = $1, can_view_reports = $2, can_view_photos = $3, \
         can_add_photos = $4, can_view_notes = $5, can_add_notes = $6, status = $7 WHERE account_id = $8",
    )
    .bind(r[0])
    .bind(r[1])
    .bind(r[2])
    .bind(r[3])
    .bind(r[4])
    .bind(r[5])
    .bind(status)
    .bind(portal.contact_account)
    .execute(&app.state.db)
    .await
    .unwrap();
}

async fn created_id(response: crate::test_support::TestResponse) -> i64 {
    assert_eq!(
        response.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    response.json()["id"].as_i64().unwrap()
}

/// A small PNG as the upload form.
fn upload_request(
    app: &TestApp,
    path: &str,
    cookie: Option<&str>,
) -> axum::http::Request<axum::body::Body> {
    let image = image::RgbImage::from_pixel(24, 16, image::Rgb([200, 120, 40]));
    let mut png = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let mut body = Vec::new();
    if path.starts_with("/api/v1/staff/") {
        // A staff upload names its clients: here the main client, the first client of a
        // fresh installation.
        body.extend_from_slice(
            b"--grens\r\nContent-Disposition: form-data; name=\"client_id\"\r\n\r\n1\r\n",
        );
    }
    body.extend_from_slice(
        b"--grens\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\
        Content-Type: image/png\r\n\r\n",
    );
    body.extend(png);
    body.extend_from_slice(b"\r\n--grens--\r\n");
    app.app_request(Method::POST, path, cookie)
        .header("content-type", "multipart/form-data; boundary=grens")
        .body(axum::body::Body::from(body))
        .unwrap()
}

async fn upload(app: &TestApp, path: &str, cookie: &str) -> Value {
    let response = app.send(upload_request(app, path, Some(cookie))).await;
    assert_eq!(response.status, StatusCode::CREATED);
    response.json()
}

/// A fresh installation, with `role` signed in.
async fn world(role: Role) -> World {
    let mut app = test_app(AppOptions::default(), true).await;
    // A provider for staff, so an administrator can link a staff member to it (linking
    // never contacts the issuer).
    app.offer_identity_providers(json!([
        { "id": "werk", "name": { "nl": "Werkaccount", "en": "Work account" },
          "issuer": "http://127.0.0.1:9", "client_id": "kring", "client_secret": "geheim",
          "group": "staff" },
    ]));
    let main = app.create_portal("m").await;
    let other = app.create_portal("o").await;
    let counsellor = staff_member(&app, "J. Bakker").await;
    // The counsellor has a sign-in account (a second factor to reset).
    let counsellor_account = app
        .create_account("bakker@test.example", "+31687654321")
        .await;
    sqlx::query("UPDATE accounts SET staff_member_id = $1 WHERE id = $2")
        .bind(counsellor)
        .bind(counsellor_account)
        .execute(&app.state.db)
        .await
        .unwrap();
    let (plan_id, _) = care_plan(&app, main.client_id, "2025-01-01", None, "Zelf koken").await;
    let report_id = report(
        &app,
        main.client_id,
        counsellor,
        test_now(),
        "living",
        "Kamer opgeruimd.",
        Shown::Visible,
    )
    .await;
    let team_id: i64 = sqlx::query_scalar(
        "INSERT INTO teams (organisation_id, name) VALUES ($1, 'Team Kring') RETURNING id",
    )
    .bind(app.state.organisation_id)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    let spare_client: i64 = sqlx::query_scalar(
        "INSERT INTO clients (organisation_id, client_number, first_name, family_name, date_of_birth, \
         care_relation_start, created_at) VALUES ($1, 'T-s', 'Cliënt', 'Zonder', '1990-01-01', '2024-01-01', $2) RETURNING id",
    )
    .bind(app.state.organisation_id)
    .bind(test_now())
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    let admin = app.sign_in(&main.admin_email, &main.admin_mobile).await;
    app.accept_current_terms(&admin).await;
    let contact = app.sign_in(&main.contact_email, &main.contact_mobile).await;
    app.accept_current_terms(&contact).await;
    let notes = format!("/api/v1/portals/{}/notes", main.client_id);
    let admin_note = created_id(
        app.post_json(&notes, json!({ "body": "Van de cliënt" }), Some(&admin))
            .await,
    )
    .await;
    set_contact(&app, &main, Rights::ALL, "active").await;
    let contact_note = created_id(
        app.post_json(&notes, json!({ "body": "Van de zus" }), Some(&contact))
            .await,
    )
    .await;
    let invitation_id = created_id(
        app.post_json(
            &format!("/api/v1/portals/{}/network/invitations", main.client_id),
            json!({ "name": "Oom", "email": "oom@test.example", "relation": "Oom",
                    "rights": Rights::default(), "language": "nl" }),
            Some(&admin),
        )
        .await,
    )
    .await;
    let invitation_token = app.latest_link_token("oom@test.example").await;
    // A message of the organisation that could not be delivered.
    let undelivered_message_id: i64 = sqlx::query_scalar(
        "INSERT INTO outbox_messages (organisation_id, idempotency_key, channel, kind, recipient, \
         subject, body, status, attempts, next_attempt_at, last_error, created_at) \
         VALUES ($1, 'matrix', 'email', 'invitation', 'weg@test.example', 'Uitnodiging', 'Tekst', \
         'failed', 10, $2, '550 no such mailbox', $2) RETURNING id",
    )
    .bind(app.state.organisation_id)
    .bind(test_now())
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    let correction_id = created_id(
        app.post_json(
            &format!("/api/v1/portals/{}/correction-requests", main.client_id),
            json!({ "kind": "correct", "target": { "type": "general" }, "text": "Graag aanpassen." }),
            Some(&admin),
        )
        .await,
    )
    .await;
    let photos = format!("/api/v1/portals/{}/photos", main.client_id);
    let photo = upload(&app, &photos, &admin).await;
    let photo_id = photo["id"].as_i64().unwrap();
    let photo_image = photo["sizes"][0]["path"].as_str().unwrap().to_owned();
    let moderated_photo_id = upload(&app, &photos, &admin).await["id"].as_i64().unwrap();
    let contact_access_id: i64 =
        sqlx::query_scalar("SELECT id FROM portal_access WHERE account_id = $1")
            .bind(main.contact_account)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    let cookie = match role {
        Role::Anonymous => None,
        Role::Administrator => Some(admin),
        Role::ContactWith(right) => {
            set_contact(&app, &main, right.only(), "active").await;
            Some(contact)
        }
        Role::ContactWithNone => {
            set_contact(&app, &main, Rights::default(), "active").await;
            Some(contact)
        }
        Role::RemovedContact => {
            set_contact(&app, &main, Rights::ALL, "removed").await;
            Some(contact)
        }
        Role::OtherClientContact => {
            let cookie = app
                .sign_in(&other.contact_email, &other.contact_mobile)
                .await;
            app.accept_current_terms(&cookie).await;
            Some(cookie)
        }
        Role::EndedPortal => {
            sqlx::query("UPDATE clients SET portal_ended_at = $1 WHERE id = $2")
                .bind(test_now())
                .bind(main.client_id)
                .execute(&app.state.db)
                .await
                .unwrap();
            Some(admin)
        }
        Role::SuspendedAccount => {
            // Suspended while signed in: the open session must stop working.
            sqlx::query(
                "UPDATE accounts SET status = 'suspended', status_reason = 'Te veel berichten.' WHERE id = $1",
            )
            .bind(main.contact_account)
            .execute(&app.state.db)
            .await
            .unwrap();
            Some(contact)
        }
        Role::Staff => {
            let (_, cookie) = app.create_staff("organisation_admin", None, "s").await;
            app.accept_current_terms(&cookie).await;
            Some(cookie)
        }
    };
    World {
        app,
        main,
        other,
        spare_client,
        team_id,
        plan_id,
        report_id,
        admin_note,
        contact_note,
        invitation_id,
        undelivered_message_id,
        counsellor,
        invitation_token,
        contact_access_id,
        correction_id,
        photo_id,
        photo_image,
        moderated_photo_id,
        cookie,
    }
}

/// The documented operations, as `METHOD /path`.
fn documented() -> Vec<String> {
    let document = crate::app::openapi_document();
    let mut operations = Vec::new();
    for (path, item) in &document.paths.paths {
        let path = path.trim_start_matches("/api/v1");
        for (present, method) in [
            (item.get.is_some(), "GET"),
            (item.post.is_some(), "POST"),
            (item.put.is_some(), "PUT"),
            (item.patch.is_some(), "PATCH"),
            (item.delete.is_some(), "DELETE"),
        ] {
            if present {
                operations.push(format!("{method} {path}"));
            }
        }
    }
    operations.sort();
    operations
}

fn render(ops: &[Op], roles: &[Role], cells: &[Vec<u16>]) -> String {
    let mut out = String::from(
        "# Authorisation matrix\n\n\
         Generated by the server test `authorization_matrix::every_operation_against_every_role`; \
         do not edit. Rewrite it with `KRING_UPDATE_MATRIX=1 cargo test -p kring-server authorization_matrix`.\n\n\
         Every operation of the API (rows) sent by every kind of person (columns) against a fresh \
         installation; each cell is the HTTP status the test observed. The policy column says what \
         the operation needs; the test fails when a role the policy does not admit gets a success, \
         or a role it admits does not. Public operations are sent with a wrong password, an unknown \
         code or token, so most of them refuse everyone alike.\n\n\
         Roles:\n\n",
    );
    for (i, role) in roles.iter().enumerate() {
        out.push_str(&format!("- R{}: {}\n", i + 1, role.label()));
    }
    out.push_str("\n| Operation | Policy |");
    for i in 0..roles.len() {
        out.push_str(&format!(" R{} |", i + 1));
    }
    out.push_str("\n|---|---|");
    for _ in roles {
        out.push_str("---|");
    }
    out.push('\n');
    for (row, op) in ops.iter().enumerate() {
        out.push_str(&format!(
            "| `{} {}` | {} |",
            op.method,
            op.path,
            op.policy.describe()
        ));
        for column in cells {
            out.push_str(&format!(" {} |", column[row]));
        }
        out.push('\n');
    }
    out
}

/// Headers every API answer carries, with a part of the value each must contain.
const SECURITY_HEADERS: [(&str, &str); 5] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("cross-origin-resource-policy", "same-origin"),
    ("cache-control", "no-store"),
];

#[tokio::test]
async fn every_operation_against_every_role() {
    let ops = operations();
    // Every documented operation has a policy here, and nothing undocumented is listed.
    let mut declared: Vec<String> = ops
        .iter()
        .map(|op| format!("{} {}", op.method, op.path))
        .collect();
    declared.sort();
    assert_eq!(
        declared,
        documented(),
        "the matrix must list exactly the documented operations"
    );

    let roles = Role::all();
    let mut results = Vec::new();
    for &role in &roles {
        results.push({
            let world = world(role).await;
            let mut column = Vec::new();
            let mut failures = Vec::new();
            for op in &ops {
                let path = (op.concrete)(&world);
                let response = if let Some(file) = op.csv {
                    world
                        .app
                        .send(
                            world
                                .app
                                .app_request(Method::POST, &path, world.cookie.as_deref())
                                .header("content-type", "text/csv")
                                .body(axum::body::Body::from(file))
                                .unwrap(),
                        )
                        .await
                } else if op.multipart {
                    world
                        .app
                        .send(upload_request(&world.app, &path, world.cookie.as_deref()))
                        .await
                } else if op.svg {
                    world
                        .app
                        .send(
                            world
                                .app
                                .app_request(op.method.clone(), &path, world.cookie.as_deref())
                                .header("content-type", "image/svg+xml")
                                .body(axum::body::Body::from(
                                    r#"<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>"#,
                                ))
                                .unwrap(),
                        )
                        .await
                } else {
                    world
                        .app
                        .call(
                            op.method.clone(),
                            &path,
                            (op.body)(&world),
                            world.cookie.as_deref(),
                        )
                        .await
                };
                let status = response.status;
                assert!(
                    !status.is_server_error(),
                    "{} {} as {}: {status} {}",
                    op.method,
                    op.path,
                    role.label(),
                    String::from_utf8_lossy(&response.body)
                );
                // Every answer, allowed or refused, carries the security headers and is
                // never stored by a browser or cache (medical data).
                for (name, expected) in SECURITY_HEADERS {
                    let value = response.header(name);
                    if !value.contains(expected) {
                        failures.push(format!(
                            "{} {} as {}: {name} is {value:?}, expected {expected:?}",
                            op.method,
                            op.path,
                            role.label()
                        ));
                    }
                }
                if !response
                    .header("content-security-policy")
                    .contains("default-src 'none'")
                    && !response
                        .header("content-security-policy")
                        .contains("default-src 'self'")
                {
                    failures.push(format!(
                        "{} {} as {}: no restrictive content-security-policy",
                        op.method,
                        op.path,
                        role.label()
                    ));
                }
                let refused = matches!(status.as_u16(), 401 | 403 | 404);
                match op.policy.admits(role) {
                    Some(true) if !status.is_success() => failures.push(format!(
                        "{} {} as {}: expected success, got {status} {}",
                        op.method,
                        op.path,
                        role.label(),
                        String::from_utf8_lossy(&response.body)
                    )),
                    Some(false) if !refused => failures.push(format!(
                        "{} {} as {}: expected a refusal, got {status}",
                        op.method,
                        op.path,
                        role.label()
                    )),
                    _ => {}
                }
                column.push(status.as_u16());
            }
            (column, failures)
        });
    }
    let failures: Vec<String> = results.iter().flat_map(|(_, f)| f.clone()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let cells: Vec<Vec<u16>> = results.into_iter().map(|(c, _)| c).collect();
    // Deny by default, independently of the declared policies: without signing in only
    // public operations may succeed.
    for (row, op) in ops.iter().enumerate() {
        if !matches!(op.policy, Policy::Public) {
            assert_eq!(
                cells[0][row], 401,
                "{} {} without signing in",
                op.method, op.path
            );
        }
    }

    let table = render(&ops, &roles, &cells);
    let committed_path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/authorization-matrix.md");
    if std::env::var_os("KRING_UPDATE_MATRIX").is_some() {
        std::fs::create_dir_all(committed_path.parent().unwrap()).unwrap();
        std::fs::write(&committed_path, &table).unwrap();
    }
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    assert!(
        committed == table,
        "docs/authorization-matrix.md is out of date: run \
         `KRING_UPDATE_MATRIX=1 cargo test -p kring-server authorization_matrix` and commit it"
    );
}
