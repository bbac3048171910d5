//! A group of radio buttons with its legend, each option with a label in bold and an
//! optional line that explains it, and the group's error.

use leptos::prelude::*;

use crate::i18n::*;

/// One radio button per option in a `fieldset`, for choosing one of a few values.
///
/// Ids follow the group's `name`: an option is `{name}-{key}` (so a form can focus the
/// first option by id), its explanation `{name}-{key}-text` (linked with
/// `aria-describedby`), and the error `{name}-error` (linked from the fieldset while
/// shown). Nothing is chosen until the person chooses, unless `selected` says so.
#[component]
pub fn RadioGroup<T>(
    /// The group's question, as its legend.
    #[prop(into)]
    legend: Signal<&'static str>,
    /// The inputs' `name`, also the start of every id in the group.
    #[prop(into)]
    name: String,
    /// The options in order, each with the key that ends its id.
    options: Vec<(T, &'static str)>,
    /// The option chosen now, if any.
    #[prop(into)]
    selected: Signal<Option<T>>,
    /// Called with the option the person chooses.
    on_choose: Callback<T>,
    /// An option's label in the language shown.
    label: fn(Locale, T) -> &'static str,
    /// A line under an option's label that explains it, if the options have one.
    #[prop(optional)]
    explain: Option<fn(Locale, T) -> &'static str>,
    /// What is wrong with the choice, if anything.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let error_id = format!("{name}-error");
    let described_by = {
        let error_id = error_id.clone();
        move || error.with(Option::is_some).then(|| error_id.clone())
    };
    let choices = options
        .into_iter()
        .map(|(option, key)| {
            let id = format!("{name}-{key}");
            let explain_id = format!("{id}-text");
            view! {
                <div class="choice">
                    <input
                        type="radio"
                        id=id.clone()
                        name=name.clone()
                        aria-describedby=explain.map(|_| explain_id.clone())
                        prop:checked=move || selected.get() == Some(option)
                        on:change=move |_| on_choose.run(option)
                    />
                    <label for=id>
                        <strong>{move || label(i18n.get_locale(), option)}</strong>
                        {explain.map(|explain| view! {
                            <span class="choice-text" id=explain_id>{move || explain(i18n.get_locale(), option)}</span>
                        })}
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="choice-group" aria-describedby=described_by>
            <legend>{legend}</legend>
            {choices}
            {move || error.get().map(|message| view! { <p class="field-error" id=error_id.clone()>{message}</p> })}
        </fieldset>
    }
}
