//! One file per route.

mod contact;
mod home;
mod not_found;
mod privacy;
mod terms;

pub use contact::ContactPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use privacy::PrivacyPage;
pub use terms::{TermsPage, TermsVersionPage};
