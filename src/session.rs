//! Who is signed in, shared by every page. The server decides; the app only asks.
//!
//! This is state that writes change (signing in sets it from the answer, signing out
//! clears it), so it is a signal filled by explicit fetches rather than a resource: a
//! resource would keep showing "signed out" while it reloads right after signing in.

use kring_api::SessionInfo;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};

/// Why the person was signed out, to tell them on the sign-in page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignedOutReason {
    /// They chose to sign out.
    SignedOut,
    /// They signed out on every device.
    SignedOutEverywhere,
    /// They were inactive too long.
    Idle,
    /// They did not accept the terms.
    DeclinedTerms,
}

/// What the app knows about the session.
#[derive(Clone, Debug, PartialEq)]
pub enum SessionState {
    /// Still asking the server.
    Loading,
    /// Nobody is signed in (or the session ended).
    SignedOut,
    /// Signed in.
    SignedIn(Box<SessionInfo>),
    /// The server refused (e.g. a suspended account) or could not be reached.
    Failed(ApiError),
}

/// The session, shared by the app.
#[derive(Clone, Copy)]
pub struct SessionContext {
    /// The current state.
    pub state: RwSignal<SessionState>,
    /// Why the last sign-out happened, shown once on the sign-in page.
    pub signed_out_reason: RwSignal<Option<SignedOutReason>>,
}

impl SessionContext {
    /// The session, if someone is signed in.
    pub fn current(&self) -> Option<SessionInfo> {
        match self.state.get() {
            SessionState::SignedIn(info) => Some(*info),
            _ => None,
        }
    }

    /// Whether someone is signed in.
    pub fn signed_in(&self) -> bool {
        matches!(self.state.get(), SessionState::SignedIn(_))
    }

    /// Takes a session the server just gave (after signing in or activating).
    pub fn set_signed_in(&self, info: SessionInfo) {
        self.signed_out_reason.set(None);
        self.state.set(SessionState::SignedIn(Box::new(info)));
    }

    /// Asks the server again (after accepting terms, changing the account, …). The
    /// current state stays until the answer arrives.
    pub fn refresh(&self) {
        let state = self.state;
        spawn_local(async move {
            state.set(fetch().await);
        });
    }

    /// Signs out on the server (the cookie goes either way) and remembers why.
    pub async fn sign_out(self, reason: SignedOutReason) {
        let _ = api::sign_out().await;
        self.signed_out_reason.set(Some(reason));
        self.state.set(SessionState::SignedOut);
    }
}

async fn fetch() -> SessionState {
    match api::session().await {
        Ok(Some(info)) => SessionState::SignedIn(Box::new(info)),
        Ok(None) => SessionState::SignedOut,
        Err(error) => SessionState::Failed(error),
    }
}

/// Starts loading the session and provides it to the app.
pub fn provide_session() -> SessionContext {
    let context = SessionContext {
        state: RwSignal::new(SessionState::Loading),
        signed_out_reason: RwSignal::new(None),
    };
    provide_context(context);
    context.refresh();
    context
}

/// The session context provided by the app.
pub fn use_session() -> SessionContext {
    expect_context::<SessionContext>()
}
