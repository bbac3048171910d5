//! Reusable pieces of the app.

mod access_notice;
mod code_form;
mod document_sections;
mod emergency_notice;
mod form;
mod icons;
mod idle_warning;
mod language_switch;
mod layout;
mod lazy_page;
mod loaded;
mod main_nav;
mod modal_dialog;
mod offline_banner;
mod require_sign_in;
mod site_footer;
mod site_header;
mod terms_modal;

pub use access_notice::{AccessNotice, AccessState};
pub use code_form::CodeForm;
pub use document_sections::DocumentSections;
pub use emergency_notice::EmergencyNotice;
pub use form::{FormError, FormSuccess, TextField};
pub use idle_warning::IdleWarning;
pub use language_switch::LanguageSwitch;
pub use layout::Layout;
pub use lazy_page::{LazyPage, PageLoader, SplitLoaderError};
pub use loaded::{ErrorPanel, Loaded, Skeleton};
pub use main_nav::MainNav;
pub use modal_dialog::ModalDialog;
pub use offline_banner::OfflineBanner;
pub use require_sign_in::RequireSignIn;
pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
pub use terms_modal::TermsModal;
