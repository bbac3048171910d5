//! The care team's part of the app, under `/team`: one file per route. Staff sign in
//! like everyone else; their role (in the session) decides what the app shows, and the
//! server checks every request itself.

mod access;
pub mod care_plan;
mod caseload;
mod client;
mod corrections;
mod identity_link;
mod import;
mod members;
mod moderation;
pub mod organisation;
mod photos;
mod registration;
mod relation_end;
mod reports;
mod second_factor;
pub mod teams;
pub mod terms;
mod undelivered;

pub use access::StaffAccessPage;
pub use care_plan::StaffCarePlanPage;
pub use caseload::CaseloadPage;
pub use client::StaffClientPage;
pub use corrections::StaffCorrectionsPage;
pub use import::StaffImportPage;
pub use members::StaffMembersPage;
pub use moderation::ModerationPage;
pub use organisation::OrganisationSettingsPage;
pub use photos::StaffPhotosPage;
pub use registration::{StaffRegisterPage, StaffRegistrationPage};
pub use relation_end::StaffRelationEndPage;
pub use reports::StaffReportsPage;
pub use teams::StaffTeamsPage;
pub use terms::StaffTermsPage;
pub use undelivered::StaffUndeliveredPage;

use kring_api::{StaffInfo, StaffRole};
use leptos::prelude::*;

use crate::components::RequireSignIn;
use crate::i18n::*;
use crate::session::use_session;

/// The signed-in staff member's role and team; `None` for everyone else.
pub fn use_staff() -> Memo<Option<StaffInfo>> {
    let session = use_session();
    Memo::new(move |_| session.current().and_then(|s| s.staff))
}

/// Whether the signed-in staff member has at least `role`.
pub fn use_staff_role_at_least(role: StaffRole) -> Signal<bool> {
    let staff = use_staff();
    Signal::derive(move || staff.with(|s| s.as_ref().is_some_and(|s| s.role >= role)))
}

/// Shows `children` to signed-in staff; anyone else is told this part is for the care
/// team (the server refuses them anyway).
#[component]
pub fn RequireStaff(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff();
    let is_staff = Memo::new(move |_| staff.with(Option::is_some));
    let children = StoredValue::new(children);
    view! {
        <RequireSignIn>
            <Show
                when=move || is_staff.get()
                fallback=move || view! {
                    <h1>{tr!(i18n, staff.only_title)}</h1>
                    <p>{tr!(i18n, staff.only_text)}</p>
                    <p><a class="button" href=crate::app::routes::PORTAL>{tr!(i18n, staff.to_portal)}</a></p>
                }
            >
                {children.read_value()()}
            </Show>
        </RequireSignIn>
    }
}
