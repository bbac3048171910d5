//! The terms must be accepted before anything else (R8): a modal that cannot be closed
//! without a decision. Accepting records it on the server; declining signs out.

use leptos::prelude::*;

use crate::fetched::Fetched;
use leptos_router::hooks::use_navigate;

use super::document_sections::DocumentSections;
use super::form::FormError;
use super::loaded::Loaded;
use super::modal_dialog::ModalDialog;
use crate::api;
use crate::errors::action_error;
use crate::i18n::*;
use crate::session::{use_session, SignedOutReason};

/// Shown over every page while the signed-in person has not accepted the terms in force.
#[component]
pub fn TermsModal() -> impl IntoView {
    let session = use_session();
    let needs_acceptance = Memo::new(move |_| {
        session
            .current()
            // Staff work under their employment contract, not the portal's terms of use.
            .is_some_and(|s| {
                s.staff.is_none()
                    && !s.terms.accepted
                    && s.terms.current_version.is_some()
                    // A new number comes first (after a lost phone).
                    && !s.second_factor_required
            })
    });
    view! {
        <Show when=move || needs_acceptance.get()>
            {terms_decision()}
        </Show>
    }
}

// Its own chunk: most sign-ins find the terms accepted. Until the chunk is there the
// page behind shows, but the server refuses the dossier until the terms are accepted.
crate::lazy_part!(terms_decision, terms_decision_part, TermsDecision);

#[component]
fn TermsDecision() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let terms = Fetched::new(api::current_terms);
    // Read once: whether this is a changed version does not change while deciding.
    let changed = untrack(|| {
        session
            .current()
            .is_some_and(|s| s.terms.accepted_version.is_some())
    });
    let accept = Action::new_local(move |version: &u32| {
        let version = *version;
        async move {
            let result = api::accept_terms(version).await;
            if result.is_ok() {
                session.refresh();
            }
            result
        }
    });
    let decline = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            session.sign_out(SignedOutReason::DeclinedTerms).await;
            navigate(crate::app::routes::SIGN_IN, Default::default());
        }
    });
    let error = action_error(accept);
    let version = move || session.current().and_then(|s| s.terms.current_version);
    view! {
        <ModalDialog open=Signal::derive(|| true) labelled_by="terms-modal-title" described_by="terms-modal-intro" class="modal-terms">
            <h2 id="terms-modal-title">{tr!(i18n, terms_modal.title)}</h2>
            <p id="terms-modal-intro">
                {move || if changed {
                    t_string!(i18n, terms_modal.intro_changed)
                } else {
                    t_string!(i18n, terms_modal.intro_new)
                }}
            </p>
            <div class="modal-scroll" tabindex="0" role="region" aria-labelledby="terms-modal-title">
                <Loaded resource=terms skeleton_lines=8 children=move |terms: kring_api::TermsDocument| {
                    let summary = terms.change_summary.clone();
                    let show_changes = changed && !summary.nl.trim().is_empty();
                    view! {
                        {show_changes.then(|| view! {
                            <section class="changes card">
                                <h3>{tr!(i18n, terms.changes_title)}</h3>
                                <ul>
                                    {
                                        let summary = summary.clone();
                                        move || summary
                                            .get(api_language(i18n.get_locale()))
                                            .lines()
                                            .filter(|l| !l.trim().is_empty())
                                            .map(|l| view! { <li>{l.trim().to_owned()}</li> })
                                            .collect_view()
                                    }
                                </ul>
                            </section>
                        })}
                        <DocumentSections sections=terms.sections heading_level=3 />
                    }
                } />
            </div>
            <FormError message=error />
            <p class="field-hint">{tr!(i18n, terms_modal.decline_note)}</p>
            <div class="actions">
                <button
                    type="button"
                    class="button"
                    disabled=move || accept.pending().get() || version().is_none()
                    on:click=move |_| {
                        if let Some(version) = version() {
                            accept.dispatch(version);
                        }
                    }
                >
                    {tr!(i18n, terms_modal.accept)}
                </button>
                <button
                    type="button"
                    class="button-secondary"
                    disabled=move || decline.pending().get()
                    on:click=move |_| { decline.dispatch(()); }
                >
                    {tr!(i18n, terms_modal.decline)}
                </button>
            </div>
        </ModalDialog>
    }
}
