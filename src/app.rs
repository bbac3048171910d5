//! The app's root: language, organisation, layout and routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::Layout;
use crate::i18n::provide_language;
use crate::lazy_page;
use crate::organisation::provide_organisation;
use crate::pages::staff::{
    CaseloadPage, ModerationPage, StaffAccessPage, StaffCarePlanPage, StaffClientPage,
    StaffCorrectionsPage, StaffPhotosPage, StaffRelationEndPage, StaffReportsPage, StaffTermsPage,
};
use crate::pages::{
    AccessLogPage, AccountPage, ActivationPage, CarePlanPage, ContactPage, CorrectionRequestsPage,
    ForgotPasswordPage, HomePage, InvitationPage, InvitePage, NetworkPage,
    NewCorrectionRequestPage, NotFoundPage, NotesPage, PhotoUploadPage, PhotosPage, PortalPage,
    PortalsPage, PrivacyPage, ReportsPage, ResetPasswordPage, SignInPage, TermsPage,
    TermsVersionPage,
};
use crate::session::provide_session;

/// Route paths, shared by the router and the links to them.
pub mod routes {
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
    /// The signed-in person's portals.
    pub const PORTAL: &str = "/portaal";
    /// The signed-in person's account.
    pub const ACCOUNT: &str = "/account";
    /// Accepting an invitation into a circle (the token follows after `#`).
    pub const INVITATION: &str = "/uitnodiging";

    /// The page of one portal.
    pub fn portal(client_id: i64) -> String {
        format!("{PORTAL}/{client_id}")
    }

    /// One client's care plan (`?versie=ID` for an earlier one).
    pub fn care_plan(client_id: i64) -> String {
        format!("{PORTAL}/{client_id}/zorgplan")
    }

    /// One client's reports (`?categorie=&van=&tot=&zoek=`).
    pub fn reports(client_id: i64) -> String {
        format!("{PORTAL}/{client_id}/rapportages")
    }

    /// One client's correction requests.
    pub fn correction_requests(client_id: i64) -> String {
        format!("{PORTAL}/{client_id}/verzoeken")
    }

    /// Filing a correction request (`?rapportage=ID` or `?doel=ID`).
    pub fn new_correction(client_id: i64) -> String {
        format!("{PORTAL}/{client_id}/verzoeken/nieuw")
    }

    /// Who looked at one client's data (`?van=&tot=&persoon=`).
    pub fn access_log(client_id: i64) -> String {
        format!("{PORTAL}/{client_id}/inzage")
    }

    /// The administrator's view of one client's circle (`?uitgenodigd=1` after inviting).
    pub fn network(client_id: i64) -> String {
        format!("{PORTAL}/{client_id}/kring")
    }

    /// Inviting someone into one client's circle.
    pub fn invite(client_id: i64) -> String {
        format!("{PORTAL}/{client_id}/kring/uitnodigen")
    }

    /// One client's notes.
    pub fn notes(client_id: i64) -> String {
        format!("{PORTAL}/{client_id}/berichten")
    }

    /// One client's photos (the gallery).
    pub fn photos(client_id: i64) -> String {
        format!("{PORTAL}/{client_id}/fotos")
    }

    /// Adding photos to one client's gallery.
    pub fn photo_upload(client_id: i64) -> String {
        format!("{PORTAL}/{client_id}/fotos/toevoegen")
    }

    /// The page of one terms version.
    pub fn terms_version(version: u32) -> String {
        format!("{TERMS}/{version}")
    }

    /// Staff: their clients (the caseload), the start of the staff part of the app.
    pub const STAFF: &str = "/team";
    /// Staff: notes and photos to look at (moderation).
    pub const STAFF_MODERATION: &str = "/team/moderatie";
    /// Staff: the correction requests, soonest due first.
    pub const STAFF_CORRECTIONS: &str = "/team/verzoeken";
    /// Staff: posting photos of an activity for one or more clients.
    pub const STAFF_PHOTOS: &str = "/team/fotos";
    /// Staff (organisation administrators): publishing a new terms version.
    pub const STAFF_TERMS: &str = "/team/voorwaarden";

    /// Staff: one client (portal state, administrator, relation end).
    pub fn staff_client(client_id: i64) -> String {
        format!("{STAFF}/client/{client_id}")
    }

    /// Staff: giving portal access to a client, or changing its administrator.
    pub fn staff_access(client_id: i64) -> String {
        format!("{STAFF}/client/{client_id}/toegang")
    }

    /// Staff: ending the care relation of a client.
    pub fn staff_relation_end(client_id: i64) -> String {
        format!("{STAFF}/client/{client_id}/einde-zorg")
    }

    /// Staff: one client's reports (write, release).
    pub fn staff_reports(client_id: i64) -> String {
        format!("{STAFF}/client/{client_id}/rapportages")
    }

    /// Staff: a new version of one client's care plan.
    pub fn staff_care_plan(client_id: i64) -> String {
        format!("{STAFF}/client/{client_id}/zorgplan")
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
lazy_page!(staff_terms_route, staff_terms_page, StaffTermsPage);

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
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/contact") view=ContactPage />
                    <Route path=path!("/voorwaarden") view=terms_route />
                    <Route path=path!("/voorwaarden/:version") view=terms_version_route />
                    <Route path=path!("/privacy") view=privacy_route />
                    <Route path=path!("/inloggen") view=SignInPage />
                    <Route path=path!("/activeren") view=activation_route />
                    <Route path=path!("/wachtwoord-vergeten") view=forgot_password_route />
                    <Route path=path!("/wachtwoord-herstellen") view=reset_password_route />
                    <Route path=path!("/portaal") view=portals_route />
                    <Route path=path!("/portaal/:client_id") view=portal_route />
                    <Route path=path!("/portaal/:client_id/zorgplan") view=care_plan_route />
                    <Route path=path!("/portaal/:client_id/rapportages") view=reports_route />
                    <Route path=path!("/portaal/:client_id/verzoeken") view=correction_requests_route />
                    <Route path=path!("/portaal/:client_id/verzoeken/nieuw") view=new_correction_route />
                    <Route path=path!("/portaal/:client_id/inzage") view=access_log_route />
                    <Route path=path!("/portaal/:client_id/kring") view=network_route />
                    <Route path=path!("/portaal/:client_id/kring/uitnodigen") view=invite_route />
                    <Route path=path!("/portaal/:client_id/berichten") view=notes_route />
                    <Route path=path!("/portaal/:client_id/fotos") view=photos_route />
                    <Route path=path!("/portaal/:client_id/fotos/toevoegen") view=photo_upload_route />
                    <Route path=path!("/uitnodiging") view=invitation_route />
                    <Route path=path!("/account") view=account_route />
                    <Route path=path!("/team") view=caseload_route />
                    <Route path=path!("/team/client/:client_id") view=staff_client_route />
                    <Route path=path!("/team/client/:client_id/toegang") view=staff_access_route />
                    <Route path=path!("/team/client/:client_id/einde-zorg") view=staff_relation_end_route />
                    <Route path=path!("/team/client/:client_id/rapportages") view=staff_reports_route />
                    <Route path=path!("/team/client/:client_id/zorgplan") view=staff_care_plan_route />
                    <Route path=path!("/team/moderatie") view=moderation_route />
                    <Route path=path!("/team/verzoeken") view=staff_corrections_route />
                    <Route path=path!("/team/fotos") view=staff_photos_route />
                    <Route path=path!("/team/voorwaarden") view=staff_terms_route />
                </Routes>
            </Layout>
        </Router>
    }
}
