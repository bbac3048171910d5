//! Data the app reads from the API, with its loading and error states.
//!
//! A small stand-in for `LocalResource`: the same use (`get`, `refetch`, and it loads
//! again when a signal read by the fetcher changes), at a fraction of the WebAssembly
//! size, which the bundle budget needs (every resource type instantiated Leptos's async
//! machinery anew). Only the newest answer counts, so a slow old request can never
//! overwrite a newer one.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;

/// A value loaded from the API: `None` while loading, then the result.
pub struct Fetched<T: Send + Sync + 'static> {
    value: RwSignal<Option<Result<T, ApiError>>>,
    reload: Trigger,
}

impl<T: Send + Sync + 'static> Clone for Fetched<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Fetched<T> {}

impl<T: Clone + Send + Sync + 'static> Fetched<T> {
    /// Starts loading with `fetcher`, and loads again whenever a signal it reads before
    /// its first `.await` changes, or on [`Fetched::refetch`].
    pub fn new<Fut>(fetcher: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let value = RwSignal::new(None);
        let reload = Trigger::new();
        let latest = Rc::new(Cell::new(0u64));
        // Starting a request is a side effect of its inputs changing.
        Effect::new(move || {
            reload.track();
            let request = latest.get() + 1;
            latest.set(request);
            let pending = fetcher();
            let latest = latest.clone();
            spawn_local(async move {
                let result = pending.await;
                if latest.get() == request {
                    // The component may be gone by now; then nobody waits for this.
                    let _ = value.try_set(Some(result));
                }
            });
        });
        Self { value, reload }
    }

    /// The result, if it arrived (tracked).
    pub fn get(&self) -> Option<Result<T, ApiError>> {
        self.value.get()
    }

    /// Loads again (the current value stays until the new one arrives).
    pub fn refetch(&self) {
        self.reload.notify();
    }
}
