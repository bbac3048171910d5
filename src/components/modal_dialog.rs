//! A modal dialog on the browser's own `<dialog>`: the page behind it is inert, focus
//! stays inside, and screen readers announce it as a dialog.

use leptos::html::Dialog;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What can take keyboard focus inside a dialog.
const FOCUSABLE: &str =
    "a[href], button:not([disabled]), input:not([disabled]):not([tabindex='-1']), \
     select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// Keeps Tab and Shift+Tab cycling inside the dialog (the browser would otherwise move
/// focus out to its own toolbar after the last element).
fn trap_tab(dialog: &web_sys::HtmlDialogElement, event: &leptos::ev::KeyboardEvent) {
    if event.key() != "Tab" {
        return;
    }
    let Ok(nodes) = dialog.query_selector_all(FOCUSABLE) else {
        return;
    };
    let focusable: Vec<web_sys::HtmlElement> = (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    let (Some(first), Some(last)) = (focusable.first(), focusable.last()) else {
        return;
    };
    let active = document().active_element();
    let is = |el: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>())
    };
    let inside = active.as_ref().is_some_and(|a| dialog.contains(Some(a)));
    if event.shift_key() && (is(first) || !inside) {
        event.prevent_default();
        let _ = last.focus();
    } else if !event.shift_key() && (is(last) || !inside) {
        event.prevent_default();
        let _ = first.focus();
    }
}

/// A modal dialog, open while `open` is true. With `on_dismiss`, Escape closes it (the
/// caller decides); without, Escape does nothing, for decisions that must be made.
#[component]
pub fn ModalDialog(
    /// Whether the dialog is shown.
    #[prop(into)]
    open: Signal<bool>,
    /// The id of the element that names the dialog (its heading).
    labelled_by: &'static str,
    /// The id of the element that describes the dialog.
    #[prop(optional)]
    described_by: Option<&'static str>,
    /// Called when the person presses Escape; absent: Escape does not close.
    #[prop(optional)]
    on_dismiss: Option<Callback<()>>,
    /// Extra class for the dialog.
    #[prop(optional)]
    class: &'static str,
    /// The content.
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    // Opening and closing the native dialog is a DOM side effect of `open`.
    Effect::new(move || {
        let Some(element) = dialog.get() else { return };
        if open.get() {
            if !element.open() {
                let _ = element.show_modal();
            }
        } else if element.open() {
            element.close();
        }
    });
    view! {
        <dialog
            node_ref=dialog
            class=format!("modal {class}")
            aria-labelledby=labelled_by
            aria-describedby=described_by
            aria-modal="true"
            on:keydown=move |event| {
                if let Some(element) = dialog.get_untracked() {
                    trap_tab(&element, &event);
                }
            }
            on:cancel=move |event: leptos::ev::Event| {
                event.prevent_default();
                if let Some(dismiss) = on_dismiss {
                    dismiss.run(());
                }
            }
        >
            {children()}
        </dialog>
    }
}
