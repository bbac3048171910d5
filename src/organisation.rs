//! The organisation that runs the portal, loaded once and shared by every page.

use kring_api::Organisation;
use leptos::prelude::*;

use crate::fetched::Fetched;

use crate::api;

/// The organisation, as a resource every component can read.
#[derive(Clone, Copy)]
pub struct OrganisationContext(pub Fetched<Organisation>);

impl OrganisationContext {
    /// The organisation once loaded (`None` while loading or when loading failed).
    pub fn loaded(&self) -> Option<Organisation> {
        self.0.get().and_then(Result::ok)
    }
}

/// Starts loading the organisation, provides it to the app, and paints the app in the
/// organisation's colours once it is known.
pub fn provide_organisation() -> OrganisationContext {
    let context = OrganisationContext(Fetched::new(api::organisation));
    provide_context(context);
    Effect::new(move || {
        let Some(organisation) = context.loaded() else {
            return;
        };
        if let Some(style) = document().document_element().and_then(|e| {
            use wasm_bindgen::JsCast;
            e.dyn_into::<web_sys::HtmlElement>().ok().map(|e| e.style())
        }) {
            // CSSOM writes are allowed by the CSP (style attributes in markup are not).
            let colours = &organisation.colours;
            for (name, value) in [
                ("--brand", &colours.primary),
                ("--on-brand", &colours.on_primary),
                ("--accent", &colours.accent),
            ] {
                if is_hex_colour(value) {
                    let _ = style.set_property(name, value);
                }
            }
        }
    });
    context
}

/// The organisation context provided by the app.
pub fn use_organisation() -> OrganisationContext {
    expect_context::<OrganisationContext>()
}

/// Only `#rrggbb` colours from the API reach the style sheet.
fn is_hex_colour(value: &str) -> bool {
    value.len() == 7 && value.starts_with('#') && value[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// Sets the browser tab's title to "`page` · organisation" while the page is shown.
/// Takes a plain function of the language (one effect type for every page).
pub fn use_page_title(page: fn(crate::i18n::Locale) -> &'static str) {
    let organisation = use_organisation();
    let i18n = crate::i18n::use_i18n();
    Effect::new(move || {
        let suffix = organisation
            .loaded()
            .map(|o| o.short_name)
            .unwrap_or_else(|| "Kring".to_owned());
        document().set_title(&format!("{} · {suffix}", page(i18n.get_locale())));
    });
}
