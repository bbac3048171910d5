//! Loading and error states: a skeleton while data comes, and an error in plain words
//! with a retry button when it does not.

use leptos::prelude::*;

use crate::fetched::Fetched;

use crate::api::ApiError;
use crate::errors::error_message;
use crate::i18n::*;

/// Grey placeholder lines in the shape of the content that is coming.
#[component]
pub fn Skeleton(
    /// How many lines to show.
    #[prop(default = 3)]
    lines: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="skeleton" aria-busy="true">
            <span class="visually-hidden" role="status">{tr!(i18n, loading)}</span>
            {(0..lines).map(|_| view! { <div class="skeleton-line" aria-hidden="true"></div> }).collect_view()}
        </div>
    }
}

/// An error in plain words, with a button to try again.
#[component]
pub fn ErrorPanel(
    /// What went wrong.
    #[prop(into)]
    error: Signal<ApiError>,
    /// Runs when the person presses "try again".
    retry: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="error-panel" role="alert">
            <h2>{tr!(i18n, error.title)}</h2>
            <p>{move || error_message(&error.get(), i18n.get_locale())}</p>
            <button type="button" class="button" on:click=move |_| retry.run(())>
                {tr!(i18n, error.retry)}
            </button>
        </div>
    }
}

/// Shows what `resource` loads: a skeleton first, the content when it arrives (the old
/// content stays while reloading), an [`ErrorPanel`] with retry when it fails.
#[component]
pub fn Loaded<T, V, F>(
    /// The data to wait for.
    resource: Fetched<T>,
    /// Renders the loaded data.
    children: F,
    /// Lines of the loading skeleton.
    #[prop(default = 4)]
    skeleton_lines: usize,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let retry = Callback::new(move |()| resource.refetch());
    move || match resource.get() {
        None => view! { <Skeleton lines=skeleton_lines /> }.into_any(),
        Some(Ok(value)) => untrack(|| children(value)).into_any(),
        Some(Err(error)) => {
            view! { <ErrorPanel error=Signal::derive(move || error.clone()) retry /> }.into_any()
        }
    }
}
