//! One file per route.

mod access_log;
mod account;
mod activation;
mod care_plan;
mod contact;
pub(crate) mod correction_requests;
mod home;
mod new_correction_request;
mod not_found;
mod password_reset;
mod portal;
mod privacy;
mod reports;
mod sign_in;
mod terms;

pub use access_log::AccessLogPage;
pub use account::AccountPage;
pub use activation::ActivationPage;
pub use care_plan::CarePlanPage;
pub use contact::ContactPage;
pub use correction_requests::CorrectionRequestsPage;
pub use home::HomePage;
pub use new_correction_request::NewCorrectionRequestPage;
pub use not_found::NotFoundPage;
pub use password_reset::{ForgotPasswordPage, ResetPasswordPage};
pub use portal::{PortalPage, PortalsPage};
pub use privacy::PrivacyPage;
pub use reports::ReportsPage;
pub use sign_in::SignInPage;
pub use terms::{TermsPage, TermsVersionPage};
