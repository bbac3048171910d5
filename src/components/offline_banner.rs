//! A notice while the device is offline.

use leptos::ev;
use leptos::prelude::*;

use crate::i18n::*;

/// Says so when the device loses its connection; disappears when it is back.
#[component]
pub fn OfflineBanner() -> impl IntoView {
    let i18n = use_i18n();
    let online = RwSignal::new(window().navigator().on_line());
    let on_online = window_event_listener(ev::online, move |_| online.set(true));
    let on_offline = window_event_listener(ev::offline, move |_| online.set(false));
    on_cleanup(move || {
        on_online.remove();
        on_offline.remove();
    });
    view! {
        <div class="offline-slot" role="status">
            <Show when=move || !online.get()>
                <p class="offline-banner">{tr!(i18n, offline.banner)}</p>
            </Show>
        </div>
    }
}
