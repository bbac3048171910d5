//! The mark on an item that arrived since the reader's previous visit.

use leptos::prelude::*;

use crate::i18n::*;

/// "Nieuw" beside a report, photo or note that arrived since the reader last looked: a
/// word, not only a colour, so a screen reader says it as part of the item's name.
#[component]
pub fn NewBadge() -> impl IntoView {
    let i18n = use_i18n();
    view! { <span class="badge badge-new">{tr!(i18n, dossier.new)}</span> }
}
