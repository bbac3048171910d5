//! Form fields with their label, hint and error tied together for screen readers.

use leptos::prelude::*;

use crate::i18n::*;

/// A labelled input. The hint and the error are linked with `aria-describedby`; an
/// error also sets `aria-invalid`. A password input gets a "show password" switch
/// (paste always works).
#[component]
pub fn TextField(
    /// The input's id (also the base of the hint's and error's ids).
    id: &'static str,
    /// The visible label.
    #[prop(into)]
    label: Signal<&'static str>,
    /// The value, kept in step with what is typed.
    value: RwSignal<String>,
    /// The input type: `text`, `email`, `tel`, `password`.
    #[prop(default = "text")]
    input_type: &'static str,
    /// The `autocomplete` token, e.g. `email`, `current-password`, `one-time-code`.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// The `inputmode`, e.g. `numeric`.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// A hint under the label.
    #[prop(optional, into)]
    hint: Option<Signal<&'static str>>,
    /// The error to show, if any.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// Whether the field may stay empty (it is required otherwise).
    #[prop(optional)]
    optional: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let is_password = input_type == "password";
    let revealed = RwSignal::new(false);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let described_by = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id.clone()>{hint}</p> })}
            <div class="input-row">
                <input
                    id=id
                    name=id
                    type=move || if revealed.get() { "text" } else { input_type }
                    autocomplete=autocomplete
                    inputmode=inputmode
                    spellcheck=is_password.then_some("false")
                    required=!optional
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby=described_by
                    bind:value=value
                />
                {is_password.then(|| view! {
                    <button
                        type="button"
                        class="button-secondary"
                        aria-pressed=move || if revealed.get() { "true" } else { "false" }
                        aria-controls=id
                        on:click=move |_| revealed.update(|v| *v = !*v)
                    >
                        {tr!(i18n, sign_in.show_password)}
                    </button>
                })}
            </div>
            {move || error.get().map(|message| view! {
                <p class="field-error" id=error_id.clone()>{message}</p>
            })}
        </div>
    }
}

/// A labelled text area with a character counter. Like [`TextField`]: the hint, the
/// counter and the error are linked with `aria-describedby`, and an error also sets
/// `aria-invalid`. The counter (`{id}-count`) counts the text without the spaces around
/// it, as it is sent; it turns red past `max_chars` and is read out politely as it
/// changes.
#[component]
pub fn TextArea(
    /// The text area's id (also the base of the hint's, counter's and error's ids).
    #[prop(into)]
    id: String,
    /// The visible label.
    #[prop(into)]
    label: Signal<&'static str>,
    /// The value, kept in step with what is typed.
    value: RwSignal<String>,
    /// The most characters the text may have (the server checks the same).
    max_chars: usize,
    /// The counter's text, with `{count}` (and, if it says so, `{max}`) filled in.
    #[prop(into)]
    counter: Signal<&'static str>,
    /// The visible height, in lines.
    #[prop(default = 4)]
    rows: u32,
    /// The `name` for the form's data, if any.
    #[prop(optional)]
    name: Option<&'static str>,
    /// Whether the field must be filled in (said to screen readers; the form checks it).
    #[prop(optional)]
    required: bool,
    /// A hint under the label.
    #[prop(optional, into)]
    hint: Option<TextProp>,
    /// The error to show, if any.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let count_id = format!("{id}-count");
    let error_id = format!("{id}-error");
    let chars = Memo::new(move |_| value.with(|v| v.trim().chars().count()));
    let described_by = {
        let fixed = match hint {
            Some(_) => format!("{hint_id} {count_id}"),
            None => count_id.clone(),
        };
        let error_id = error_id.clone();
        move || match error.get() {
            Some(_) => format!("{fixed} {error_id}"),
            None => fixed.clone(),
        }
    };
    // Named: a `>` inside the view's attributes would end the tag.
    let counter_class = move || {
        if chars.get() > max_chars {
            "counter counter-over"
        } else {
            "counter"
        }
    };
    let counter_text = move || {
        fill(
            counter.get(),
            &[
                ("count", &chars.get().to_string()),
                ("max", &max_chars.to_string()),
            ],
        )
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id>{move || hint.get()}</p> })}
            <textarea
                id=id
                name=name
                rows=rows
                required=required
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by
                bind:value=value
            ></textarea>
            <p
                id=count_id
                aria-live="polite"
                class=counter_class
            >
                {counter_text}
            </p>
            {move || error.get().map(|message| view! {
                <p class="field-error" id=error_id.clone()>{message}</p>
            })}
        </div>
    }
}

/// An error about the whole form, announced when it appears.
#[component]
pub fn FormError(
    /// The message, if any.
    #[prop(into)]
    message: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="form-error-slot" role="alert">
            {move || message.get().map(|m| view! { <p class="form-error">{m}</p> })}
        </div>
    }
}

/// A notice that something worked, announced politely.
#[component]
pub fn FormSuccess(
    /// The message, if any.
    #[prop(into)]
    message: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="form-success-slot" role="status">
            {move || message.get().map(|m| view! { <p class="form-success">{m}</p> })}
        </div>
    }
}

/// A form's action row: the submit button, then "cancel" as a link to where the person
/// came from (nothing is kept). The button is disabled while the form's request is on
/// its way, so it is not sent twice.
#[component]
pub fn FormActions(
    /// The submit button's text.
    #[prop(into)]
    submit: Signal<&'static str>,
    /// Where "cancel" leads.
    cancel_href: String,
    /// The cancel link's text.
    #[prop(into)]
    cancel: Signal<&'static str>,
    /// Whether the form's request is on its way (the button is then disabled).
    #[prop(optional, into)]
    pending: Signal<bool>,
) -> impl IntoView {
    view! {
        <div class="actions">
            <button type="submit" class="button" disabled=move || pending.get()>{submit}</button>
            <a class="button-link" href=cancel_href>{cancel}</a>
        </div>
    }
}
