//! The app's root: language, organisation, layout and routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::Layout;
use crate::i18n::provide_language;
use crate::organisation::provide_organisation;
use crate::pages::{
    AccountPage, ActivationPage, ContactPage, ForgotPasswordPage, HomePage, NotFoundPage,
    PortalPage, PortalsPage, PrivacyPage, ResetPasswordPage, SignInPage, TermsPage,
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

    /// The page of one portal.
    pub fn portal(client_id: i64) -> String {
        format!("{PORTAL}/{client_id}")
    }

    /// The page of one terms version.
    pub fn terms_version(version: u32) -> String {
        format!("{TERMS}/{version}")
    }
}

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
                    <Route path=path!("/voorwaarden") view=TermsPage />
                    <Route path=path!("/voorwaarden/:version") view=TermsVersionPage />
                    <Route path=path!("/privacy") view=PrivacyPage />
                    <Route path=path!("/inloggen") view=SignInPage />
                    <Route path=path!("/activeren") view=ActivationPage />
                    <Route path=path!("/wachtwoord-vergeten") view=ForgotPasswordPage />
                    <Route path=path!("/wachtwoord-herstellen") view=ResetPasswordPage />
                    <Route path=path!("/portaal") view=PortalsPage />
                    <Route path=path!("/portaal/:client_id") view=PortalPage />
                    <Route path=path!("/account") view=AccountPage />
                </Routes>
            </Layout>
        </Router>
    }
}
