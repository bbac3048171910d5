//! A cursor-paged list that grows as the person scrolls: pages are appended, rows that
//! are on screen are never rendered again, and a change of filter starts afresh.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use kring_api::{Cursor, Page};

use crate::api::ApiError;

/// One page as the API returns it: its items and the cursor of the next page.
pub type PageResult<I> = Result<Page<I>, ApiError>;

type PageLoader = Rc<dyn Fn(Option<Cursor>)>;

/// Where a paged list stands, for choosing what to show. Only a change of phase
/// re-renders the list's frame; new rows only add rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// The first page is on its way.
    Loading,
    /// The first page failed (see [`Paged::error`]).
    Failed,
    /// There is nothing to show.
    Empty,
    /// There are rows.
    Shown,
}

/// A list of rows `R` loaded page by page.
pub struct Paged<R: Send + Sync + 'static> {
    rows: RwSignal<Vec<R>>,
    next: RwSignal<Option<Cursor>>,
    loading: RwSignal<bool>,
    loaded_once: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
    loader: StoredValue<Option<PageLoader>, LocalStorage>,
}

impl<R: Send + Sync + 'static> Clone for Paged<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R: Send + Sync + 'static> Copy for Paged<R> {}

impl<R: Clone + Send + Sync + 'static> Paged<R> {
    /// Loads the first page for `filter()`, and starts again whenever it changes.
    /// `fetch(filter, cursor)` loads a page; `extend` turns its items into rows, seeing
    /// the rows so far (a day heading is only added when the day changes).
    pub fn new<K, I, Fut>(
        filter: impl Fn() -> K + Send + Sync + 'static,
        fetch: impl Fn(K, Option<Cursor>) -> Fut + 'static,
        extend: fn(&mut Vec<R>, Vec<I>),
    ) -> Self
    where
        K: Clone + PartialEq + Send + Sync + 'static,
        I: 'static,
        Fut: Future<Output = PageResult<I>> + 'static,
    {
        let filter = Memo::new(move |_| filter());
        let paged = Self {
            rows: RwSignal::new(Vec::new()),
            next: RwSignal::new(None),
            loading: RwSignal::new(false),
            loaded_once: RwSignal::new(false),
            error: RwSignal::new(None),
            loader: StoredValue::new_local(None),
        };
        // Only the newest request counts: a slow answer for an old filter is dropped.
        let generation = Rc::new(Cell::new(0u64));
        let load: PageLoader = {
            let generation = generation.clone();
            Rc::new(move |cursor: Option<Cursor>| {
                let fresh = cursor.is_none();
                let request = generation.get() + 1;
                generation.set(request);
                paged.loading.set(true);
                paged.error.set(None);
                let pending = fetch(filter.get_untracked(), cursor);
                let generation = generation.clone();
                spawn_local(async move {
                    let result = pending.await;
                    if generation.get() != request {
                        return;
                    }
                    match result {
                        Ok(Page { items, next_cursor }) => {
                            let _ = paged.rows.try_update(|rows| {
                                if fresh {
                                    rows.clear();
                                }
                                extend(rows, items);
                            });
                            let _ = paged.next.try_set(next_cursor);
                            let _ = paged.loaded_once.try_set(true);
                        }
                        Err(error) => {
                            let _ = paged.error.try_set(Some(error));
                        }
                    }
                    let _ = paged.loading.try_set(false);
                });
            })
        };
        paged.loader.set_value(Some(load));
        // A new filter is a new list: fetching it is a side effect of the filter changing.
        Effect::new(move || {
            filter.track();
            paged.loaded_once.set(false);
            paged.next.set(None);
            paged.start(None);
        });
        paged
    }

    fn start(&self, cursor: Option<Cursor>) {
        if let Some(load) = self.loader.get_value() {
            load(cursor);
        }
    }

    /// The rows so far (tracked).
    pub fn rows(&self) -> Vec<R> {
        self.rows.get()
    }

    /// The list's phase, changing only when the phase does (tracked).
    pub fn phase(&self) -> Memo<Phase> {
        let paged = *self;
        Memo::new(move |_| {
            if !paged.loaded_once.get() {
                if paged.error.with(Option::is_some) {
                    Phase::Failed
                } else {
                    Phase::Loading
                }
            } else if paged.rows.with(Vec::is_empty) {
                Phase::Empty
            } else {
                Phase::Shown
            }
        })
    }

    /// Reads the rows without copying them (tracked).
    pub fn with_rows<U>(&self, read: impl FnOnce(&Vec<R>) -> U) -> U {
        self.rows.with(read)
    }

    /// Changes the rows in place: a row the person just added, changed or removed
    /// shows without loading the list again.
    pub fn update_rows(&self, change: impl FnOnce(&mut Vec<R>)) {
        let _ = self.rows.try_update(change);
    }

    /// Whether a page is on its way (tracked).
    pub fn loading(&self) -> bool {
        self.loading.get()
    }

    /// Whether every page is here (tracked).
    pub fn complete(&self) -> bool {
        self.loaded_once.get() && self.next.with(Option::is_none)
    }

    /// Why the last page did not load (tracked).
    pub fn error(&self) -> Option<ApiError> {
        self.error.get()
    }

    /// Loads the next page, unless one is on its way, the list is complete, or the
    /// last attempt failed (then [`Paged::retry`]).
    pub fn more(&self) {
        if self.loading.get_untracked()
            || self.error.with_untracked(Option::is_some)
            || !self.loaded_once.get_untracked()
        {
            return;
        }
        if let Some(cursor) = self.next.get_untracked() {
            self.start(Some(cursor));
        }
    }

    /// Tries the failed page again.
    pub fn retry(&self) {
        let cursor = if self.loaded_once.get_untracked() {
            self.next.get_untracked()
        } else {
            None
        };
        self.start(cursor);
    }
}
