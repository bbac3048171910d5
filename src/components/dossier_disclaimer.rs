//! What dossier data is and is not (R14), and whom to ask.

use kring_api::Counsellor;
use leptos::prelude::*;

use crate::i18n::*;

/// The notice shown wherever dossier data is: it may not be exact, no rights can be
/// derived from it, and whom to ask (the personal counsellor, or the care team).
#[component]
pub fn DossierDisclaimer(
    /// The client's personal counsellor, when the organisation named one.
    #[prop(into)]
    counsellor: Signal<Option<Counsellor>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ask = move || match counsellor.get() {
        Some(counsellor) => {
            let locale = i18n.get_locale();
            let role = counsellor.job_title.get(api_language(locale)).to_owned();
            fill(
                t_string!(i18n, dossier.disclaimer_ask),
                &[
                    ("name", &counsellor.name.to_string()),
                    ("role", &role.to_string()),
                ],
            )
        }
        None => t_string!(i18n, dossier.disclaimer_ask_team).to_owned(),
    };
    view! {
        <aside class="notice disclaimer" aria-label=move || t_string!(i18n, dossier.disclaimer_label)>
            <p>{tr!(i18n, dossier.disclaimer_text)}</p>
            <p>{ask}</p>
        </aside>
    }
}
