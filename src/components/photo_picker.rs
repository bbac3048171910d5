//! Choosing photos: the file picker (on a phone it offers the camera too), "take a
//! photo", and dropping files on it on a wide screen.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::upload_queue::{Uploads, ACCEPTED, MAX_MB};
use crate::i18n::*;

/// A card to choose photos with: "choose photos", "take a photo" and a drop area, with
/// the limits (types, size) as the inputs' hint. Every chosen file becomes a row of
/// `uploads`; a file too large or of another type says so there at once.
///
/// One per page: its heading and inputs have fixed ids (`photo-pick-title`,
/// `photo-files`, `photo-camera`).
#[component]
pub fn PhotoPicker(
    /// Where chosen photos go.
    uploads: Uploads,
) -> impl IntoView {
    let i18n = use_i18n();
    let dragging = RwSignal::new(false);
    let on_pick = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(files) = input.files() {
            uploads.add(files);
        }
        // Emptied, so the same photo can be chosen again.
        input.set_value("");
    };
    let on_drop = move |event: leptos::ev::DragEvent| {
        event.prevent_default();
        dragging.set(false);
        if let Some(files) = event.data_transfer().and_then(|d| d.files()) {
            uploads.add(files);
        }
    };
    let limits = move || {
        fill(
            td_string!(i18n.get_locale(), upload.limits),
            &[("max", &MAX_MB.to_string())],
        )
    };
    view! {
        <section
            class=move || if dragging.get() { "card photo-picker dragging" } else { "card photo-picker" }
            aria-labelledby="photo-pick-title"
            on:dragover=move |event: leptos::ev::DragEvent| {
                event.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <h2 id="photo-pick-title">{tr!(i18n, upload.pick_title)}</h2>
            <p class="field-hint" id="photo-pick-limits">{limits}</p>
            <div class="picker-buttons">
                <span class="picker">
                    <input
                        type="file"
                        id="photo-files"
                        class="file-input"
                        accept=ACCEPTED
                        multiple=true
                        aria-describedby="photo-pick-limits"
                        on:change=on_pick
                    />
                    <label for="photo-files" class="button">{tr!(i18n, upload.choose)}</label>
                </span>
                <span class="picker picker-camera">
                    <input
                        type="file"
                        id="photo-camera"
                        class="file-input"
                        accept=ACCEPTED
                        capture="environment"
                        aria-describedby="photo-pick-limits"
                        on:change=on_pick
                    />
                    <label for="photo-camera" class="button-secondary">{tr!(i18n, upload.camera)}</label>
                </span>
            </div>
            <p class="drop-hint">{tr!(i18n, upload.drop)}</p>
        </section>
    }
}
