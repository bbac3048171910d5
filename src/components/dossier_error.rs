//! Why a part of the dossier cannot be shown, in the person's terms.

use kring_api::ProblemCode;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::{AccessNotice, AccessState, ErrorPanel};
use crate::errors::problem_reason;
use crate::i18n::*;
use crate::portal_scope::ClientId;

/// A refused right explains who decides; a suspended or ended portal says so; anything
/// else is an error with "try again".
#[component]
pub fn DossierError(
    /// What went wrong.
    error: ApiError,
    /// Loads again.
    retry: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    // A refusal may mean the rights changed: the session then catches up, so the
    // portal's links and sections follow the server's answer.
    if matches!(
        error.code(),
        Some(
            ProblemCode::Forbidden
                | ProblemCode::AccessEnded
                | ProblemCode::PortalEnded
                | ProblemCode::PortalSuspended
        )
    ) {
        crate::session::use_session().refresh();
    }
    match error.code() {
        Some(ProblemCode::Forbidden) => view! {
            <div class="notice" role="alert"><p>{tr!(i18n, dossier.no_access)}</p></div>
        }
        .into_any(),
        Some(ProblemCode::PortalSuspended | ProblemCode::AccountSuspended) => {
            view! { <AccessNotice state=AccessState::Suspended(problem_reason(&error)) /> }
                .into_any()
        }
        Some(ProblemCode::AccessEnded | ProblemCode::PortalEnded | ProblemCode::AccountEnded) => {
            view! { <AccessNotice state=AccessState::Ended /> }.into_any()
        }
        _ => view! { <ErrorPanel error=Signal::stored(error) retry /> }.into_any(),
    }
}

/// The way back from a part of the dossier to the portal's overview.
#[component]
pub fn PortalBackLink(
    /// The client whose portal it is.
    client_id: ClientId,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="back-link">
            <a href=crate::app::routes::portal(client_id)>
                {tr!(i18n, dossier.back_to_portal)}
            </a>
        </p>
    }
}
