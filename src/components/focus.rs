//! Moving the keyboard focus to what a change just showed: a confirmation, a status
//! message, the field that needs attention, the next thing after something removed.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Moves the keyboard focus to the element with `id`, if it is there, once the change
/// that shows it has been drawn. Later rather than now: the element may appear only with
/// this change, and a closing dialog hands the focus back to its opener first.
pub fn focus_soon(id: impl Into<String>) {
    let id = id.into();
    request_animation_frame(move || focus_element(document().get_element_by_id(&id)));
}

/// Moves the keyboard focus, once the change has been drawn, to the first element that
/// matches the CSS `selector`: for the first field a form marks as invalid, or the first
/// of a list whose ids are not known here.
pub fn focus_first_soon(selector: impl Into<String>) {
    let selector = selector.into();
    request_animation_frame(move || {
        focus_element(document().query_selector(&selector).ok().flatten());
    });
}

/// Focuses `element` if it is there and can take the focus.
fn focus_element(element: Option<web_sys::Element>) {
    if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}
