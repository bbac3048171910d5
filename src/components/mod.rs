//! Reusable pieces of the app.

mod document_sections;
mod emergency_notice;
mod icons;
mod language_switch;
mod layout;
mod loaded;
mod main_nav;
mod offline_banner;
mod site_footer;
mod site_header;

pub use document_sections::DocumentSections;
pub use emergency_notice::EmergencyNotice;
pub use language_switch::LanguageSwitch;
pub use layout::Layout;
pub use loaded::{error_message, ErrorPanel, Loaded, Skeleton};
pub use main_nav::MainNav;
pub use offline_banner::OfflineBanner;
pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
