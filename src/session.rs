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
        let context = *self;
        spawn_local(async move { context.reload().await });
    }

    /// Asks the server again and waits for the answer (before going to a portal that
    /// the session must already list). Only a changed answer touches the state, so an
    /// unchanged session re-renders nothing.
    pub async fn reload(self) {
        LAST_REFRESH.with(|last| last.set(js_sys::Date::now()));
        let fresh = fetch().await;
        if self.state.with_untracked(|current| *current != fresh) {
            let _ = self.state.try_set(fresh);
        }
    }

    /// Asks the server again when someone is signed in, at most once per
    /// [`REFRESH_INTERVAL_MS`]: rights the administrator changed then show at once.
    pub fn refresh_throttled(&self) {
        let due = LAST_REFRESH.with(|last| js_sys::Date::now() - last.get() >= REFRESH_INTERVAL_MS);
        if due
            && self
                .state
                .with_untracked(|s| matches!(s, SessionState::SignedIn(_)))
        {
            self.refresh();
        }
    }

    /// Signs out on the server (the cookie goes either way) and remembers why.
    pub async fn sign_out(self, reason: SignedOutReason) {
        let _ = api::sign_out().await;
        self.signed_out_reason.set(Some(reason));
        self.state.set(SessionState::SignedOut);
    }
}

/// The shortest time between two refreshes on returning to the app, in ms.
pub const REFRESH_INTERVAL_MS: f64 = 10_000.0;

thread_local! {
    /// When the session was last asked for (ms since the epoch).
    static LAST_REFRESH: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
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
    // Back in the tab or window: the rights may have changed meanwhile (the server
    // decides on every request; this only keeps the links and sections in step).
    let _ = window_event_listener(leptos::ev::focus, move |_| context.refresh_throttled());
    let _ = window_event_listener_untyped("visibilitychange", move |_| {
        if !document().hidden() {
            context.refresh_throttled();
        }
    });
    context
}

/// The session context provided by the app.
pub fn use_session() -> SessionContext {
    expect_context::<SessionContext>()
}
