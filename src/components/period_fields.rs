//! The "from" and "up to and including" dates of a filter form, and the small steps
//! every filter form shares: reading what was submitted and writing it into the address.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use kring_api::Day;

use crate::i18n::*;
use crate::local_time::field_day;
use crate::portal_scope::ClientId;

/// Two date fields (`van`, `tot`) showing the period in the address, with the error for
/// a period the wrong way round.
#[component]
pub fn PeriodFields(
    /// Prefix of the fields' ids (unique on the page).
    id: &'static str,
    /// The first day in the address.
    #[prop(into)]
    from: Signal<Option<Day>>,
    /// The last day in the address.
    #[prop(into)]
    to: Signal<Option<Day>>,
    /// Set when the submitted period ends before it starts.
    wrong: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-period-error");
    let described_by = {
        let error_id = error_id.clone();
        move || wrong.get().then(|| error_id.clone())
    };
    let date_field = move |suffix: &'static str,
                           name: &'static str,
                           label: Signal<&'static str>,
                           value: Signal<Option<Day>>| {
        let field_id = format!("{id}-{suffix}");
        let described_by = described_by.clone();
        view! {
            <div class="field">
                <label for=field_id.clone()>{label}</label>
                <input
                    id=field_id
                    name=name
                    type="date"
                    aria-invalid=move || wrong.get().then_some("true")
                    aria-describedby=described_by
                    prop:value=move || value.get().map(|day| day.to_string()).unwrap_or_default()
                />
            </div>
        }
    };
    view! {
        <div class="field-row">
            {date_field("from", "van", tr!(i18n, reports.from), from)}
            {date_field("to", "tot", tr!(i18n, reports.to), to)}
        </div>
        <Show when=move || wrong.get()>
            <p class="field-error" id=error_id.clone() role="alert">{tr!(i18n, reports.period_wrong)}</p>
        </Show>
    }
}

/// A period whose last day comes before its first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeriodReversed;

/// What a filter form holds when submitted (the submit itself is stopped: the app
/// puts the filter in the address instead).
pub struct SubmittedFilter(web_sys::FormData);

impl SubmittedFilter {
    /// Stops the browser's own submit and reads the form.
    pub fn read(ev: &SubmitEvent) -> Option<Self> {
        ev.prevent_default();
        let form = ev.target()?.dyn_into::<web_sys::HtmlFormElement>().ok()?;
        web_sys::FormData::new_with_form(&form).ok().map(Self)
    }

    /// A field's trimmed text; `None` when empty.
    pub fn text(&self, name: &str) -> Option<String> {
        self.0
            .get(name)
            .as_string()
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    /// The `van` and `tot` days, unless the period ends before it starts. A date field
    /// holds a real day or nothing, so anything else counts as empty.
    pub fn period(&self) -> Result<(Option<Day>, Option<Day>), PeriodReversed> {
        let day = |name: &str| self.text(name).and_then(|text| field_day(&text));
        let (from, to) = (day("van"), day("tot"));
        match (&from, &to) {
            (Some(f), Some(t)) if f > t => Err(PeriodReversed),
            _ => Ok((from, to)),
        }
    }
}

/// The submit handler of a filter form: checks the period (setting `period_wrong`), then
/// shows the address `address(client, form, from, to)` makes, keeping the scroll place.
pub fn use_filter_submit(
    client_id: ClientId,
    period_wrong: RwSignal<bool>,
    address: impl Fn(ClientId, &SubmittedFilter, Option<Day>, Option<Day>) -> String + 'static,
) -> impl Fn(SubmitEvent) + 'static {
    let navigate = use_navigate();
    move |ev: SubmitEvent| {
        let Some(form) = SubmittedFilter::read(&ev) else {
            return;
        };
        let Ok((from, to)) = form.period() else {
            period_wrong.set(true);
            return;
        };
        period_wrong.set(false);
        navigate(
            &address(client_id, &form, from, to),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    }
}
