//! An organisation document (terms, privacy statement) as readable sections.

use kring_api::DocumentSection;
use leptos::prelude::*;

use crate::i18n::*;

/// Sections with a heading each; paragraphs split on blank lines. The text is plain:
/// it is shown as text, never as markup.
#[component]
pub fn DocumentSections(
    /// The sections to show.
    sections: Vec<DocumentSection>,
    /// The level of the section headings (2 on a page, 3 inside a dialog).
    #[prop(default = 2)]
    heading_level: u8,
) -> impl IntoView {
    let i18n = use_i18n();
    sections
        .into_iter()
        .map(|section| {
            let heading = section.heading.clone();
            let body = section.body;
            view! {
                <section class="document-section">
                    {move || {
                        let text = heading.get(api_language(i18n.get_locale())).to_owned();
                        if heading_level == 3 {
                            view! { <h3>{text}</h3> }.into_any()
                        } else {
                            view! { <h2>{text}</h2> }.into_any()
                        }
                    }}
                    {move || {
                        body.get(api_language(i18n.get_locale()))
                            .split("\n\n")
                            .map(|paragraph| view! { <p>{paragraph.to_owned()}</p> })
                            .collect_view()
                    }}
                </section>
            }
        })
        .collect_view()
}
