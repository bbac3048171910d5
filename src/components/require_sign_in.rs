//! Pages for signed-in people only.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use super::access_notice::{AccessNotice, AccessState};
use super::loaded::{ErrorPanel, Skeleton};
use crate::errors::problem_reason;
use crate::session::{use_session, SessionState};

/// Shows `children` to a signed-in person; sends anyone else to the sign-in page (and
/// back here afterwards). A suspended account sees why.
#[component]
pub fn RequireSignIn(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    // Only a change of kind (signed in, out, failed) renders the page again: a refreshed
    // session with new rights must not rebuild it (a note being written stays).
    let gate = Memo::new(move |_| {
        session.state.with(|state| match state {
            SessionState::SignedIn(_) => None,
            other => Some(other.clone()),
        })
    });
    move || match gate.get() {
        Some(SessionState::Loading) => view! { <Skeleton lines=4 /> }.into_any(),
        None | Some(SessionState::SignedIn(_)) => children().into_any(),
        Some(SessionState::SignedOut) => {
            // After a sign-out the person starts afresh; otherwise bring them back here.
            let target = if session.signed_out_reason.get_untracked().is_some() {
                crate::app::routes::SIGN_IN.to_owned()
            } else {
                let back = location.pathname.get_untracked();
                format!(
                    "{}?terug={}",
                    crate::app::routes::SIGN_IN,
                    js_sys::encode_uri_component(&back)
                )
            };
            view! { <Redirect path=target /> }.into_any()
        }
        Some(SessionState::Failed(error)) => match error.code() {
            Some(kring_api::ProblemCode::AccountSuspended) => view! {
                <AccessNotice state=AccessState::Suspended(problem_reason(&error)) level=1 />
            }
            .into_any(),
            Some(kring_api::ProblemCode::AccountEnded) => {
                view! { <AccessNotice state=AccessState::Ended level=1 /> }.into_any()
            }
            _ => {
                let retry = Callback::new(move |()| session.refresh());
                view! { <ErrorPanel error=Signal::derive(move || error.clone()) retry /> }
                    .into_any()
            }
        },
    }
}
