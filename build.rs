//! The app is built from the locale files too: `leptos_i18n::load_locales!` reads
//! `locales/*.json` at compile time without telling cargo, so a changed text alone left
//! the app as it was (in `cargo xtask dev` and in `cargo xtask build`). Declaring the
//! folder makes cargo rebuild the app when a locale file changes.

fn main() {
    println!("cargo::rerun-if-changed=locales");
}
