//! The end of a growing list: loads the next page when it scrolls into view, and offers
//! a button for the same (keyboard, screen readers, or a browser that does not observe).

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::api::ApiError;
use crate::components::ErrorPanel;
use crate::i18n::*;

/// "Load more" with automatic loading near the end of the page. Shows the error of a
/// failed page with "try again", and `end_text` once everything is loaded.
#[component]
pub fn LoadMore(
    /// Loads the next page.
    more: Callback<()>,
    /// Tries a failed page again.
    retry: Callback<()>,
    /// A page is on its way.
    #[prop(into)]
    loading: Signal<bool>,
    /// Every page is here.
    #[prop(into)]
    complete: Signal<bool>,
    /// Why the last page failed.
    #[prop(into)]
    error: Signal<Option<ApiError>>,
    /// The button's text.
    #[prop(into)]
    label: Signal<&'static str>,
    /// Said when everything is loaded (nothing when absent).
    #[prop(optional, into)]
    end_text: Option<Signal<&'static str>>,
    /// Load by itself when the end of the list comes near.
    #[prop(default = true)]
    automatic: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let sentinel = NodeRef::<Div>::new();
    let near_end = RwSignal::new(false);
    if automatic {
        observe(sentinel, near_end);
    }
    // Keep loading while the end stays in view (a short page, a tall screen).
    Effect::new(move || {
        if near_end.get() && !loading.get() && !complete.get() && error.with(Option::is_none) {
            more.run(());
        }
    });
    view! {
        <div class="load-more">
            {move || error.get().map(|e| view! { <ErrorPanel error=Signal::stored(e) retry /> })}
            <Show when=move || !complete.get() && error.with(Option::is_none)>
                <button
                    type="button"
                    class="button-secondary"
                    aria-disabled=move || loading.get().then_some("true")
                    on:click=move |_| {
                        if !loading.get_untracked() {
                            more.run(());
                        }
                    }
                >
                    {move || if loading.get() { t_string!(i18n, loading) } else { label.get() }}
                </button>
            </Show>
            {end_text.map(|text| view! {
                <Show when=move || complete.get()>
                    <p class="meta">{text}</p>
                </Show>
            })}
            <div class="load-more-sentinel" node_ref=sentinel aria-hidden="true"></div>
        </div>
    }
}

/// An observer that stops observing when the list goes away (its callback goes with it,
/// so the browser can never call a dropped closure).
struct EndObserver {
    observer: web_sys::IntersectionObserver,
    _callback: Closure<dyn Fn(js_sys::Array)>,
}

impl Drop for EndObserver {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Sets `near_end` while `sentinel` is within a screen's height of the viewport.
fn observe(sentinel: NodeRef<Div>, near_end: RwSignal<bool>) {
    let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        // A slow device can get several changes in one call, oldest first: the last
        // one is how things stand now.
        let newest = entries.length().checked_sub(1).map(|i| entries.get(i));
        if let Some(Ok(entry)) = newest.map(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>())
        {
            let _ = near_end.try_set(entry.is_intersecting());
        }
    });
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin("100% 0px");
    let Ok(observer) = web_sys::IntersectionObserver::new_with_options(
        callback.as_ref().unchecked_ref(),
        &options,
    ) else {
        return;
    };
    // Owned by the component: dropped (and disconnected) when it is.
    let held = StoredValue::new_local(EndObserver {
        observer,
        _callback: callback,
    });
    sentinel.on_load(move |element| {
        held.with_value(|held| held.observer.observe(&element));
    });
}
