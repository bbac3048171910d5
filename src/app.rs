//! The app's root: language, organisation, layout and routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::Layout;
use crate::i18n::provide_language;
use crate::organisation::provide_organisation;
use crate::pages::{ContactPage, HomePage, NotFoundPage, PrivacyPage, TermsPage, TermsVersionPage};

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
    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/contact") view=ContactPage />
                    <Route path=path!("/voorwaarden") view=TermsPage />
                    <Route path=path!("/voorwaarden/:version") view=TermsVersionPage />
                    <Route path=path!("/privacy") view=PrivacyPage />
                </Routes>
            </Layout>
        </Router>
    }
}
