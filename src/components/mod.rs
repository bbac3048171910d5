//! Reusable pieces of the app.

mod access_notice;
mod choice_group;
mod code_form;
mod document_sections;
mod dossier_disclaimer;
mod dossier_error;
mod emergency_notice;
mod focus;
mod form;
mod icons;
mod idle_warning;
mod language_switch;
mod layout;
mod lazy_page;
mod life_domain;
mod load_more;
mod loaded;
mod main_nav;
mod modal_dialog;
mod new_badge;
mod offline_banner;
mod period_fields;
mod photo_picker;
mod provider_sign_in;
mod require_sign_in;
mod rights;
mod second_factor_setup;
mod site_footer;
mod site_header;
mod terms_modal;
mod upload_queue;

pub use access_notice::{AccessNotice, AccessState};
pub use choice_group::RadioGroup;
pub use code_form::{empty_challenge, CodeForm, PasskeyChoice};
pub use document_sections::DocumentSections;
pub use dossier_disclaimer::DossierDisclaimer;
pub use dossier_error::{DossierError, PortalBackLink};
pub use emergency_notice::EmergencyNotice;
pub use focus::{focus_first_soon, focus_soon};
pub use form::{FormActions, FormError, FormSuccess, TextArea, TextField};
pub use idle_warning::IdleWarning;
pub use language_switch::LanguageSwitch;
pub use layout::Layout;
pub use lazy_page::{LazyPage, PageLoader, SplitLoaderError};
pub use life_domain::{domain_name, DomainIcon};
pub use load_more::LoadMore;
pub use loaded::{ErrorPanel, Loaded, Skeleton};
pub use main_nav::MainNav;
pub use modal_dialog::ModalDialog;
pub use new_badge::NewBadge;
pub use offline_banner::OfflineBanner;
pub use period_fields::{use_filter_submit, PeriodFields, SubmittedFilter};
pub use photo_picker::PhotoPicker;
pub use provider_sign_in::{
    provider_sign_in_part, ActivationLinkOffer, IdentityLinks, ProviderButtons, ProviderLinkChoice,
    ProviderOutcome, SignInMethodsNotice,
};
pub use require_sign_in::RequireSignIn;
pub use rights::{Right, RightsChoice, RightsExplained};
pub use second_factor_setup::SecondFactorSetup;
pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
pub use terms_modal::TermsModal;
pub use upload_queue::{
    caption_too_long, Chosen, Counts, Failure, UploadQueue, UploadState, Uploads,
};
