//! Switching between Dutch and English.

use leptos::prelude::*;

use crate::i18n::*;

/// A button that switches to the other language. Its name is that language's own name
/// ("English", "Nederlands"), marked with its `lang` so screen readers pronounce it well.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let other = move || match i18n.get_locale() {
        Locale::nl => Locale::en,
        Locale::en => Locale::nl,
    };
    view! {
        <button
            type="button"
            class="language-switch"
            lang=move || other().as_str()
            on:click=move |_| choose_language(i18n, other())
        >
            <span aria-hidden="true" class="language-code">{move || match other() { Locale::nl => "NL", Locale::en => "EN" }}</span>
            <span class="language-name">{tr!(i18n, language.switch)}</span>
        </button>
    }
}
