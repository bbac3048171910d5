//! Languages: Dutch (default) and English, with compile-time checked text keys from
//! `locales/*.json`. The choice is remembered in the browser's local storage.

// The macro form is deprecated in favour of build.rs code generation, which would pull
// ICU data tooling into the build; the macro reads the same locale files.
#[allow(deprecated)]
mod generated {
    leptos_i18n::load_locales!();
}

pub use generated::i18n;

/// A translated text as one type-erased signal (`Signal<&'static str>`). Every text in
/// the app then shares one rendering path instead of each `t!` producing its own view
/// type, which keeps the WebAssembly small. Use `t!` only for texts with values in them.
#[macro_export]
macro_rules! tr {
    ($i18n:expr, $($key:tt)+) => {
        ::leptos::prelude::Signal::derive(move || t_string!($i18n, $($key)+))
    };
}
pub use crate::tr;

pub use i18n::*;
use leptos::prelude::*;

/// Where the language choice is remembered on this device.
pub const LANGUAGE_STORAGE_KEY: &str = "kring.language";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The language the person chose earlier on this device, if any.
pub fn remembered_language() -> Option<Locale> {
    match storage()?
        .get_item(LANGUAGE_STORAGE_KEY)
        .ok()
        .flatten()?
        .as_str()
    {
        "nl" => Some(Locale::nl),
        "en" => Some(Locale::en),
        _ => None,
    }
}

/// Provides the language context: the remembered choice, else Dutch. Not the browser's
/// language: the portal speaks Dutch unless the person picks English. (The library's
/// main context would start from the browser's language; a context with an explicit
/// initial locale does not.) Keeps `<html lang>` in step with the language shown.
pub fn provide_language() -> leptos_i18n::I18nContext<Locale> {
    let initial = remembered_language().unwrap_or(Locale::nl);
    let i18n = leptos_i18n::context::init_i18n_subcontext::<Locale>(Some(Signal::stored(initial)));
    provide_context(i18n);
    Effect::new(move || {
        let locale = i18n.get_locale();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", locale.as_str());
        }
    });
    i18n
}

/// Switches the language and remembers the choice on this device.
pub fn choose_language(i18n: leptos_i18n::I18nContext<Locale>, locale: Locale) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(LANGUAGE_STORAGE_KEY, locale.as_str());
    }
    i18n.set_locale(locale);
}

/// The contract's language for a locale.
pub fn api_language(locale: Locale) -> kring_api::Language {
    match locale {
        Locale::nl => kring_api::Language::Nl,
        Locale::en => kring_api::Language::En,
    }
}

/// Puts values into a text's `{name}` places. The texts of the dossier pages use this
/// instead of the library's `{{ name }}`, whose string form would need its code
/// generation step (see the note at the top).
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut filled = text.to_owned();
    for (name, value) in values {
        filled = filled.replace(&format!("{{{name}}}"), value);
    }
    filled
}
