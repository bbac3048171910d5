//! One file per route.

mod account;
mod activation;
mod contact;
mod home;
mod not_found;
mod password_reset;
mod portal;
mod privacy;
mod sign_in;
mod terms;

pub use account::AccountPage;
pub use activation::ActivationPage;
pub use contact::ContactPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use password_reset::{ForgotPasswordPage, ResetPasswordPage};
pub use portal::{PortalPage, PortalsPage};
pub use privacy::PrivacyPage;
pub use sign_in::SignInPage;
pub use terms::{TermsPage, TermsVersionPage};
