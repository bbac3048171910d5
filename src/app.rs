//! The app's root: language, organisation, layout and routes.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{ParamSegment, StaticSegment};

use crate::components::Layout;
use crate::i18n::provide_language;
use crate::lazy_page;
use crate::organisation::provide_organisation;
use crate::pages::account_security::ConfirmEmailPage;
use crate::pages::staff::OrganisationSettingsPage;
use crate::pages::staff::{
    CaseloadPage, ModerationPage, StaffAccessPage, StaffCarePlanPage, StaffClientPage,
    StaffCorrectionsPage, StaffPhotosPage, StaffRegisterPage, StaffRegistrationPage,
    StaffRelationEndPage, StaffReportsPage, StaffTermsPage, StaffUndeliveredPage,
};
use crate::pages::staff::{StaffImportPage, StaffMembersPage, StaffTeamsPage};
use crate::pages::{
    AccessLogPage, AccountPage, ActivationPage, CarePlanPage, ContactPage, CorrectionRequestsPage,
    ForgotPasswordPage, HomePage, InvitationPage, InvitePage, NetworkPage,
    NewCorrectionRequestPage, NotFoundPage, NotesPage, PhotoUploadPage, PhotosPage, PortalPage,
    PortalsPage, PrivacyPage, ReportsPage, ResetPasswordPage, SignInPage, TermsPage,
    TermsVersionPage,
};
use crate::portal_scope::ClientShell;
use crate::session::provide_session;
use routes::{portal, staff};

/// Every address of the app, defined once.
///
/// The router's patterns are made of these constants (`StaticSegment`, `ParamSegment`)
/// and so are the links, so a renamed segment changes both and cannot leave a dead link.
/// A page at one segment has one constant that is both its pattern and its link; pages
/// below a client (`/portaal/:client_id/…`, `/team/client/:client_id/…`) have a segment
/// in [`portal`] or [`staff`] and a link builder here that takes the [`ClientId`].
pub mod routes {
    use crate::portal_scope::ClientId;

    /// The start page.
    pub const HOME: &str = "/";
    /// Contact details and what to do in an emergency.
    pub const CONTACT: &str = "/contact";
    /// The terms in force and the list of versions.
    pub const TERMS: &str = "/voorwaarden";
    /// The privacy statement.
    pub const PRIVACY: &str = "/privacy";
    /// Signing in.
    pub const SIGN_IN: &str = "/inloggen";
    /// Activating an account (the token follows after `#`).
    pub const ACTIVATION: &str = "/activeren";
    /// Asking for a password reset link.
    pub const FORGOT_PASSWORD: &str = "/wachtwoord-vergeten";
    /// Choosing a new password (the token follows after `#`).
    pub const RESET_PASSWORD: &str = "/wachtwoord-herstellen";
    /// Confirming a new e-mail address (the token follows after `#`).
    pub const CONFIRM_EMAIL: &str = "/e-mailadres-bevestigen";
    /// The signed-in person's portals; one portal is below it at its client id.
    pub const PORTAL: &str = "/portaal";
    /// The signed-in person's account.
    pub const ACCOUNT: &str = "/account";
    /// Accepting an invitation into a circle (the token follows after `#`).
    pub const INVITATION: &str = "/uitnodiging";
    /// Staff: their clients (the caseload), the start of the staff part of the app.
    pub const STAFF: &str = "/team";

    /// The name of the client id in the patterns `/portaal/:client_id` and
    /// `/team/client/:client_id`.
    pub const CLIENT_ID: &str = "client_id";
    /// The name of the version number in the pattern `/voorwaarden/:version`.
    pub const TERMS_VERSION: &str = "version";

    /// The segments of the pages of one portal, below `/portaal/:client_id`.
    pub mod portal {
        /// The care plan.
        pub const CARE_PLAN: &str = "zorgplan";
        /// The reports.
        pub const REPORTS: &str = "rapportages";
        /// The correction requests.
        pub const CORRECTION_REQUESTS: &str = "verzoeken";
        /// Below [`CORRECTION_REQUESTS`]: filing a new one.
        pub const NEW_CORRECTION: &str = "nieuw";
        /// Who looked at the client's data.
        pub const ACCESS_LOG: &str = "inzage";
        /// The circle (network).
        pub const NETWORK: &str = "kring";
        /// Below [`NETWORK`]: inviting someone.
        pub const INVITE: &str = "uitnodigen";
        /// The notes.
        pub const NOTES: &str = "berichten";
        /// The photos (the gallery).
        pub const PHOTOS: &str = "fotos";
        /// Below [`PHOTOS`]: adding photos.
        pub const PHOTO_UPLOAD: &str = "toevoegen";
    }

    /// The segments of the staff pages, below [`STAFF`](super::routes::STAFF).
    pub mod staff {
        /// Notes and photos to look at (moderation).
        pub const MODERATION: &str = "moderatie";
        /// The correction requests, soonest due first.
        pub const CORRECTIONS: &str = "verzoeken";
        /// Posting photos of an activity for one or more clients.
        pub const PHOTOS: &str = "fotos";
        /// Publishing a new terms version (organisation administrators).
        pub const TERMS: &str = "voorwaarden";
        /// Messages that could not be delivered (organisation administrators).
        pub const UNDELIVERED: &str = "niet-bezorgd";
        /// Registering a new client.
        pub const REGISTER: &str = "inschrijven";
        /// The organisation's teams and their emergency numbers.
        pub const TEAMS: &str = "teams";
        /// The organisation's staff (`?team=ID` for one team).
        pub const MEMBERS: &str = "medewerkers";
        /// The organisation's settings, logo and privacy statement (organisation
        /// administrators).
        pub const ORGANISATION: &str = "organisatie";
        /// Importing clients or staff from a CSV file (organisation administrators).
        pub const IMPORT: &str = "importeren";
        /// One client: `client/:client_id`.
        pub const CLIENT: &str = "client";
        /// Below a client: changing the registration.
        pub const REGISTRATION: &str = "inschrijving";
        /// Below a client: giving portal access, or changing its administrator.
        pub const ACCESS: &str = "toegang";
        /// Below a client: ending the care relation.
        pub const RELATION_END: &str = "einde-zorg";
        /// Below a client: the reports (write, release).
        pub const REPORTS: &str = "rapportages";
        /// Below a client: a new version of the care plan.
        pub const CARE_PLAN: &str = "zorgplan";
    }

    /// `base/segments…`, the one way links are put together.
    fn join(base: &str, segments: &[&dyn std::fmt::Display]) -> String {
        use std::fmt::Write;
        let mut link = String::from(base);
        for segment in segments {
            // Writing to a String cannot fail.
            let _ = write!(link, "/{segment}");
        }
        link
    }

    /// The page of one portal.
    pub fn portal(client: ClientId) -> String {
        join(PORTAL, &[&client])
    }

    /// One client's care plan (`?versie=ID` for an earlier one).
    pub fn care_plan(client: ClientId) -> String {
        join(PORTAL, &[&client, &portal::CARE_PLAN])
    }

    /// One client's reports (`?categorie=&van=&tot=&zoek=`).
    pub fn reports(client: ClientId) -> String {
        join(PORTAL, &[&client, &portal::REPORTS])
    }

    /// One client's correction requests.
    pub fn correction_requests(client: ClientId) -> String {
        join(PORTAL, &[&client, &portal::CORRECTION_REQUESTS])
    }

    /// Filing a correction request (`?rapportage=ID` or `?doel=ID`).
    pub fn new_correction(client: ClientId) -> String {
        join(
            PORTAL,
            &[
                &client,
                &portal::CORRECTION_REQUESTS,
                &portal::NEW_CORRECTION,
            ],
        )
    }

    /// Who looked at one client's data (`?van=&tot=&persoon=`).
    pub fn access_log(client: ClientId) -> String {
        join(PORTAL, &[&client, &portal::ACCESS_LOG])
    }

    /// The administrator's view of one client's circle (`?uitgenodigd=1` after inviting).
    pub fn network(client: ClientId) -> String {
        join(PORTAL, &[&client, &portal::NETWORK])
    }

    /// Inviting someone into one client's circle.
    pub fn invite(client: ClientId) -> String {
        join(PORTAL, &[&client, &portal::NETWORK, &portal::INVITE])
    }

    /// One client's notes.
    pub fn notes(client: ClientId) -> String {
        join(PORTAL, &[&client, &portal::NOTES])
    }

    /// One client's photos (the gallery).
    pub fn photos(client: ClientId) -> String {
        join(PORTAL, &[&client, &portal::PHOTOS])
    }

    /// Adding photos to one client's gallery.
    pub fn photo_upload(client: ClientId) -> String {
        join(PORTAL, &[&client, &portal::PHOTOS, &portal::PHOTO_UPLOAD])
    }

    /// The page of one terms version.
    pub fn terms_version(version: u32) -> String {
        join(TERMS, &[&version])
    }

    /// Staff: notes and photos to look at (moderation).
    pub fn staff_moderation() -> String {
        join(STAFF, &[&staff::MODERATION])
    }

    /// Staff: the correction requests, soonest due first.
    pub fn staff_corrections() -> String {
        join(STAFF, &[&staff::CORRECTIONS])
    }

    /// Staff: posting photos of an activity for one or more clients.
    pub fn staff_photos() -> String {
        join(STAFF, &[&staff::PHOTOS])
    }

    /// Staff (organisation administrators): publishing a new terms version.
    pub fn staff_terms() -> String {
        join(STAFF, &[&staff::TERMS])
    }

    /// Staff (organisation administrators): the messages that could not be delivered.
    pub fn staff_undelivered() -> String {
        join(STAFF, &[&staff::UNDELIVERED])
    }

    /// Staff: registering a new client.
    pub fn staff_register() -> String {
        join(STAFF, &[&staff::REGISTER])
    }

    /// Staff: changing a client's registration.
    pub fn staff_registration(client: ClientId) -> String {
        join(STAFF, &[&staff::CLIENT, &client, &staff::REGISTRATION])
    }

    /// Staff: the organisation's teams (organisation administrators change them).
    pub fn staff_teams() -> String {
        join(STAFF, &[&staff::TEAMS])
    }

    /// Staff: the organisation's staff (organisation administrators; team leads read
    /// their team).
    pub fn staff_members() -> String {
        join(STAFF, &[&staff::MEMBERS])
    }

    /// Staff (organisation administrators): the organisation's settings.
    pub fn staff_organisation() -> String {
        join(STAFF, &[&staff::ORGANISATION])
    }

    /// Staff: importing clients or staff from a CSV file (organisation administrators).
    pub fn staff_import() -> String {
        join(STAFF, &[&staff::IMPORT])
    }

    /// Staff: one client (portal state, administrator, relation end).
    pub fn staff_client(client: ClientId) -> String {
        join(STAFF, &[&staff::CLIENT, &client])
    }

    /// Staff: giving portal access to a client, or changing its administrator.
    pub fn staff_access(client: ClientId) -> String {
        join(STAFF, &[&staff::CLIENT, &client, &staff::ACCESS])
    }

    /// Staff: ending the care relation of a client.
    pub fn staff_relation_end(client: ClientId) -> String {
        join(STAFF, &[&staff::CLIENT, &client, &staff::RELATION_END])
    }

    /// Staff: one client's reports (write, release).
    pub fn staff_reports(client: ClientId) -> String {
        join(STAFF, &[&staff::CLIENT, &client, &staff::REPORTS])
    }

    /// Staff: a new version of one client's care plan.
    pub fn staff_care_plan(client: ClientId) -> String {
        join(STAFF, &[&staff::CLIENT, &client, &staff::CARE_PLAN])
    }
}

// Every page but the start, contact and sign-in pages (and "not found") is loaded when
// first opened: the first visit then fetches only what those need (the bundle budget).
lazy_page!(terms_route, terms_page, TermsPage);
lazy_page!(terms_version_route, terms_version_page, TermsVersionPage);
lazy_page!(privacy_route, privacy_page, PrivacyPage);
lazy_page!(activation_route, activation_page, ActivationPage);
lazy_page!(
    forgot_password_route,
    forgot_password_page,
    ForgotPasswordPage
);
lazy_page!(reset_password_route, reset_password_page, ResetPasswordPage);
lazy_page!(confirm_email_route, confirm_email_page, ConfirmEmailPage);
lazy_page!(portals_route, portals_page, PortalsPage);
lazy_page!(portal_route, portal_page, PortalPage);
lazy_page!(account_route, account_page, AccountPage);
lazy_page!(care_plan_route, care_plan_page, CarePlanPage);
lazy_page!(reports_route, reports_page, ReportsPage);
lazy_page!(
    correction_requests_route,
    correction_requests_page,
    CorrectionRequestsPage
);
lazy_page!(
    new_correction_route,
    new_correction_page,
    NewCorrectionRequestPage
);
lazy_page!(access_log_route, access_log_page, AccessLogPage);
lazy_page!(network_route, network_page, NetworkPage);
lazy_page!(invite_route, invite_page, InvitePage);
lazy_page!(invitation_route, invitation_page, InvitationPage);
lazy_page!(notes_route, notes_page, NotesPage);
lazy_page!(photos_route, photos_page, PhotosPage);
lazy_page!(photo_upload_route, photo_upload_page, PhotoUploadPage);
lazy_page!(caseload_route, caseload_page, CaseloadPage);
lazy_page!(staff_client_route, staff_client_page, StaffClientPage);
lazy_page!(staff_access_route, staff_access_page, StaffAccessPage);
lazy_page!(
    staff_relation_end_route,
    staff_relation_end_page,
    StaffRelationEndPage
);
lazy_page!(staff_reports_route, staff_reports_page, StaffReportsPage);
lazy_page!(
    staff_care_plan_route,
    staff_care_plan_page,
    StaffCarePlanPage
);
lazy_page!(moderation_route, moderation_page, ModerationPage);
lazy_page!(
    staff_corrections_route,
    staff_corrections_page,
    StaffCorrectionsPage
);
lazy_page!(staff_photos_route, staff_photos_page, StaffPhotosPage);
lazy_page!(staff_register_route, staff_register_page, StaffRegisterPage);
lazy_page!(
    staff_registration_route,
    staff_registration_page,
    StaffRegistrationPage
);
lazy_page!(staff_terms_route, staff_terms_page, StaffTermsPage);
lazy_page!(
    staff_undelivered_route,
    staff_undelivered_page,
    StaffUndeliveredPage
);
lazy_page!(staff_teams_route, staff_teams_page, StaffTeamsPage);
lazy_page!(staff_members_route, staff_members_page, StaffMembersPage);
lazy_page!(
    staff_organisation_route,
    staff_organisation_page,
    OrganisationSettingsPage
);
lazy_page!(staff_import_route, staff_import_page, StaffImportPage);

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    provide_language();
    provide_organisation();
    provide_session();
    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    <Route path=StaticSegment(routes::HOME) view=HomePage />
                    <Route path=StaticSegment(routes::CONTACT) view=ContactPage />
                    <Route path=StaticSegment(routes::TERMS) view=terms_route />
                    <Route path=(StaticSegment(routes::TERMS), ParamSegment(routes::TERMS_VERSION)) view=terms_version_route />
                    <Route path=StaticSegment(routes::PRIVACY) view=privacy_route />
                    <Route path=StaticSegment(routes::SIGN_IN) view=SignInPage />
                    <Route path=StaticSegment(routes::ACTIVATION) view=activation_route />
                    <Route path=StaticSegment(routes::FORGOT_PASSWORD) view=forgot_password_route />
                    <Route path=StaticSegment(routes::RESET_PASSWORD) view=reset_password_route />
                    <Route path=StaticSegment(routes::CONFIRM_EMAIL) view=confirm_email_route />
                    <Route path=StaticSegment(routes::PORTAL) view=portals_route />
                    <ParentRoute path=(StaticSegment(routes::PORTAL), ParamSegment(routes::CLIENT_ID)) view=ClientShell>
                        <Route path=StaticSegment("") view=portal_route />
                        <Route path=StaticSegment(portal::CARE_PLAN) view=care_plan_route />
                        <Route path=StaticSegment(portal::REPORTS) view=reports_route />
                        <Route path=StaticSegment(portal::CORRECTION_REQUESTS) view=correction_requests_route />
                        <Route path=(StaticSegment(portal::CORRECTION_REQUESTS), StaticSegment(portal::NEW_CORRECTION)) view=new_correction_route />
                        <Route path=StaticSegment(portal::ACCESS_LOG) view=access_log_route />
                        <Route path=StaticSegment(portal::NETWORK) view=network_route />
                        <Route path=(StaticSegment(portal::NETWORK), StaticSegment(portal::INVITE)) view=invite_route />
                        <Route path=StaticSegment(portal::NOTES) view=notes_route />
                        <Route path=StaticSegment(portal::PHOTOS) view=photos_route />
                        <Route path=(StaticSegment(portal::PHOTOS), StaticSegment(portal::PHOTO_UPLOAD)) view=photo_upload_route />
                    </ParentRoute>
                    <Route path=StaticSegment(routes::INVITATION) view=invitation_route />
                    <Route path=StaticSegment(routes::ACCOUNT) view=account_route />
                    <Route path=StaticSegment(routes::STAFF) view=caseload_route />
                    <ParentRoute path=(StaticSegment(routes::STAFF), StaticSegment(staff::CLIENT), ParamSegment(routes::CLIENT_ID)) view=ClientShell>
                        <Route path=StaticSegment("") view=staff_client_route />
                        <Route path=StaticSegment(staff::ACCESS) view=staff_access_route />
                        <Route path=StaticSegment(staff::RELATION_END) view=staff_relation_end_route />
                        <Route path=StaticSegment(staff::REPORTS) view=staff_reports_route />
                        <Route path=StaticSegment(staff::CARE_PLAN) view=staff_care_plan_route />
                        <Route path=StaticSegment(staff::REGISTRATION) view=staff_registration_route />
                    </ParentRoute>
                    <Route path=(StaticSegment(routes::STAFF), StaticSegment(staff::MODERATION)) view=moderation_route />
                    <Route path=(StaticSegment(routes::STAFF), StaticSegment(staff::CORRECTIONS)) view=staff_corrections_route />
                    <Route path=(StaticSegment(routes::STAFF), StaticSegment(staff::PHOTOS)) view=staff_photos_route />
                    <Route path=(StaticSegment(routes::STAFF), StaticSegment(staff::REGISTER)) view=staff_register_route />
                    <Route path=(StaticSegment(routes::STAFF), StaticSegment(staff::TERMS)) view=staff_terms_route />
                    <Route path=(StaticSegment(routes::STAFF), StaticSegment(staff::UNDELIVERED)) view=staff_undelivered_route />
                    <Route path=(StaticSegment(routes::STAFF), StaticSegment(staff::TEAMS)) view=staff_teams_route />
                    <Route path=(StaticSegment(routes::STAFF), StaticSegment(staff::MEMBERS)) view=staff_members_route />
                    <Route path=(StaticSegment(routes::STAFF), StaticSegment(staff::ORGANISATION)) view=staff_organisation_route />
                    <Route path=(StaticSegment(routes::STAFF), StaticSegment(staff::IMPORT)) view=staff_import_route />
                </Routes>
            </Layout>
        </Router>
    }
}
