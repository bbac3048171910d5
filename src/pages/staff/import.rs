//! `/team/importeren`: clients or staff members from a CSV file that a care record
//! system exported (R28), for organisation administrators. "Check" sends the file as
//! a dry run and shows per line what would happen and why a line is refused; "Import"
//! then sends it again for real. The server imports all lines or none, and a file
//! imported before changes nothing.

use kring_api::import::{ImportField, ImportKind, ImportLine, ImportReport, LineOutcome};
use leptos::html::Input;
use leptos::prelude::*;

use super::RequireStaff;
use crate::api::{self, ApiError};
use crate::components::{focus_soon, RadioGroup};
use crate::errors::error_message;
use crate::i18n::*;
use crate::organisation::use_page_title;

/// The id of the result's heading, focused when a result arrives.
const RESULT_ID: &str = "import-result";
/// The id of the error about the whole file, focused when it appears.
const ERROR_ID: &str = "import-error";
/// The file field's id.
const FILE_ID: &str = "import-file";

/// What a kind is called.
fn kind_label(locale: Locale, kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Clients => td_string!(locale, staff_import.kind_clients),
        ImportKind::Staff => td_string!(locale, staff_import.kind_staff),
    }
}

/// What importing a kind does.
fn kind_text(locale: Locale, kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Clients => td_string!(locale, staff_import.kind_clients_text),
        ImportKind::Staff => td_string!(locale, staff_import.kind_staff_text),
    }
}

/// A column's name in words.
fn field_label(locale: Locale, field: ImportField) -> &'static str {
    match field {
        ImportField::ClientNumber => td_string!(locale, staff_import.field_client_number),
        ImportField::FirstName => td_string!(locale, staff_import.field_first_name),
        ImportField::FamilyName => td_string!(locale, staff_import.field_family_name),
        ImportField::DateOfBirth => td_string!(locale, staff_import.field_date_of_birth),
        ImportField::Team => td_string!(locale, staff_import.field_team),
        ImportField::PersonalCounsellor => {
            td_string!(locale, staff_import.field_personal_counsellor)
        }
        ImportField::CareStart => td_string!(locale, staff_import.field_care_start),
        ImportField::CareEnd => td_string!(locale, staff_import.field_care_end),
        ImportField::Name => td_string!(locale, staff_import.field_name),
        ImportField::Email => td_string!(locale, staff_import.field_email),
        ImportField::Mobile => td_string!(locale, staff_import.field_mobile),
        ImportField::Role => td_string!(locale, staff_import.field_role),
        ImportField::JobTitle => td_string!(locale, staff_import.field_job_title),
    }
}

/// The example lines shown for a kind: the column names and one line.
fn example(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Clients => {
            "cliëntnummer;voornaam;achternaam;geboortedatum;team;persoonlijk begeleider;start zorg;einde zorg\n\
             K-1001;Anna;de Vries;03-02-1950;Wijkteam Oost;j.bakker@zorg.nl;01-01-2020;"
        }
        ImportKind::Staff => {
            "naam;e-mail;mobiel;rol;team;functie\n\
             Jan Bakker;j.bakker@zorg.nl;06 12345678;begeleider;Wijkteam Oost;Persoonlijk begeleider"
        }
    }
}

/// The file chosen in the field, if any.
fn chosen_file(field: NodeRef<Input>) -> Option<web_sys::File> {
    field.get_untracked()?.files()?.get(0)
}

/// The page.
#[component]
pub fn StaffImportPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, staff_import.title));
    let kind = RwSignal::new(None::<ImportKind>);
    let has_file = RwSignal::new(false);
    let tried = RwSignal::new(false);
    let file_field = NodeRef::<Input>::new();
    let run = Action::new_local(move |&(kind, dry_run): &(ImportKind, bool)| async move {
        let file = chosen_file(file_field).ok_or(ApiError::Status(0))?;
        api::administration::import(kind, dry_run, &file).await
    });
    let answer = Memo::new(move |_| run.value().get());
    // A new result or error takes the focus, so it is read out and the keyboard is there.
    Effect::new(move |_| match answer.get() {
        Some(Ok(_)) => focus_soon(RESULT_ID),
        Some(Err(_)) => focus_soon(ERROR_ID),
        None => {}
    });
    let kind_error = Signal::derive(move || {
        (tried.get() && kind.get().is_none())
            .then(|| t_string!(i18n, staff_import.kind_missing).to_owned())
    });
    let file_error = Signal::derive(move || {
        (tried.get() && !has_file.get())
            .then(|| t_string!(i18n, staff_import.file_missing).to_owned())
    });
    let check = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        tried.set(true);
        match (kind.get_untracked(), has_file.get_untracked()) {
            (None, _) => focus_soon("import-kind-clients"),
            (Some(_), false) => focus_soon(FILE_ID),
            (Some(kind), true) => {
                run.dispatch((kind, true));
            }
        }
    };
    let forget = move || run.value().set(None);
    let pending = run.pending();
    let file_described_by = move || {
        if file_error.with(Option::is_some) {
            "import-file-hint import-file-error"
        } else {
            "import-file-hint"
        }
    };
    view! {
        <RequireStaff>
            <h1>{tr!(i18n, staff_import.title)}</h1>
            <p class="lead">{tr!(i18n, staff_import.intro)}</p>
            <form class="stack card" novalidate=true on:submit=check>
                <RadioGroup
                    legend=tr!(i18n, staff_import.kind)
                    name="import-kind"
                    options=vec![(ImportKind::Clients, "clients"), (ImportKind::Staff, "staff")]
                    selected=kind
                    on_choose=Callback::new(move |chosen| {
                        kind.set(Some(chosen));
                        forget();
                    })
                    label=kind_label
                    explain=kind_text
                    error=kind_error
                />
                {move || kind.get().map(|kind| view! { <Columns kind /> })}
                <div class="field">
                    <label for=FILE_ID>{tr!(i18n, staff_import.file)}</label>
                    <p class="field-hint" id="import-file-hint">{tr!(i18n, staff_import.file_hint)}</p>
                    <input
                        type="file"
                        id=FILE_ID
                        accept=".csv,text/csv"
                        node_ref=file_field
                        aria-invalid=move || file_error.with(Option::is_some).then_some("true")
                        aria-describedby=file_described_by
                        on:change=move |_| {
                            has_file.set(chosen_file(file_field).is_some());
                            forget();
                        }
                    />
                    {move || file_error.get().map(|message| view! {
                        <p class="field-error" id="import-file-error">{message}</p>
                    })}
                </div>
                {move || match answer.get() {
                    Some(Err(error)) => Some(view! {
                        <p class="form-error" id=ERROR_ID tabindex="-1" role="alert">
                            {error_message(&error, i18n.get_locale())}
                        </p>
                    }),
                    _ => None,
                }}
                <div class="actions">
                    <button type="submit" class="button" disabled=move || pending.get()>
                        {move || if pending.get() {
                            t_string!(i18n, staff_import.checking)
                        } else {
                            t_string!(i18n, staff_import.check)
                        }}
                    </button>
                </div>
            </form>
            {move || match answer.get() {
                Some(Ok(report)) => Some(view! { <Outcome report run /> }),
                _ => None,
            }}
        </RequireStaff>
    }
}

/// The expected columns of a kind, the format, and an example.
#[component]
fn Columns(kind: ImportKind) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="import-columns" aria-labelledby="import-columns-title">
            <h2 id="import-columns-title">{tr!(i18n, staff_import.columns_title)}</h2>
            <p>{move || match kind {
                ImportKind::Clients => t_string!(i18n, staff_import.columns_clients),
                ImportKind::Staff => t_string!(i18n, staff_import.columns_staff),
            }}</p>
            <p>{tr!(i18n, staff_import.columns_format)}</p>
            <p>{tr!(i18n, staff_import.example)}</p>
            <pre class="import-example" tabindex="0"><code>{example(kind)}</code></pre>
        </section>
    }
}

/// A check's or an import's result: the totals, what happens next, and every line.
#[component]
fn Outcome(
    report: ImportReport,
    run: Action<(ImportKind, bool), Result<ImportReport, ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let totals = report.totals;
    let totals_text = fill(
        td_string!(locale, staff_import.totals),
        &[
            ("create", &totals.create.to_string()),
            ("change", &totals.change.to_string()),
            ("unchanged", &totals.unchanged.to_string()),
            ("refused", &totals.refused.to_string()),
        ],
    );
    let heading = if report.dry_run {
        td_string!(locale, staff_import.result_check)
    } else {
        td_string!(locale, staff_import.result_import)
    };
    let something_to_do = totals.create + totals.change > 0;
    let next = if totals.refused > 0 {
        if report.dry_run {
            td_string!(locale, staff_import.refused_note)
        } else {
            td_string!(locale, staff_import.not_done)
        }
    } else if !report.dry_run {
        td_string!(locale, staff_import.done)
    } else if something_to_do {
        td_string!(locale, staff_import.ready)
    } else {
        td_string!(locale, staff_import.nothing_to_do)
    };
    // Named: a `>` inside the view's attributes would end the tag.
    let next_class = if totals.refused > 0 {
        "form-error"
    } else {
        "form-success"
    };
    let can_import = report.dry_run && totals.refused == 0 && something_to_do;
    let kind = report.kind;
    let pending = run.pending();
    let key_heading = match kind {
        ImportKind::Clients => td_string!(locale, staff_import.col_key_clients),
        ImportKind::Staff => td_string!(locale, staff_import.col_key_staff),
    };
    let rows = report
        .lines
        .into_iter()
        .map(|line| view! { <LineRow line /> })
        .collect_view();
    view! {
        <section class="import-outcome card stack" aria-labelledby=RESULT_ID>
            <h2 id=RESULT_ID tabindex="-1">{heading}</h2>
            <p>{totals_text}</p>
            <p class=next_class>{next}</p>
            {can_import.then(|| view! {
                <div class="actions">
                    <button
                        type="button"
                        class="button"
                        disabled=move || pending.get()
                        on:click=move |_| {
                            run.dispatch((kind, false));
                        }
                    >
                        {move || if pending.get() {
                            t_string!(i18n, staff_import.importing)
                        } else {
                            t_string!(i18n, staff_import.import)
                        }}
                    </button>
                </div>
            })}
            <div class="table-scroll" role="region" tabindex="0" aria-label=td_string!(locale, staff_import.table_scroll)>
                <table class="import-table">
                    <caption>{td_string!(locale, staff_import.table_caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{td_string!(locale, staff_import.col_line)}</th>
                            <th scope="col">{key_heading}</th>
                            <th scope="col">{td_string!(locale, staff_import.col_outcome)}</th>
                            <th scope="col">{td_string!(locale, staff_import.col_detail)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// One line of the result: its number, key, outcome in words, and what changes or why
/// it is refused.
#[component]
fn LineRow(line: ImportLine) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let (class, outcome, detail) = match &line.outcome {
        LineOutcome::Create => (
            "outcome outcome-create",
            td_string!(locale, staff_import.outcome_create),
            String::new(),
        ),
        LineOutcome::Change { fields } => {
            let names: Vec<&str> = fields.iter().map(|f| field_label(locale, *f)).collect();
            (
                "outcome outcome-change",
                td_string!(locale, staff_import.outcome_change),
                fill(
                    td_string!(locale, staff_import.changed),
                    &[("fields", &names.join(", "))],
                ),
            )
        }
        LineOutcome::Unchanged => (
            "outcome outcome-unchanged",
            td_string!(locale, staff_import.outcome_unchanged),
            String::new(),
        ),
        LineOutcome::Refused { problem } => {
            let column = problem.field.map(|field| {
                fill(
                    td_string!(locale, staff_import.in_column),
                    &[("column", field_label(locale, field))],
                )
            });
            (
                "outcome outcome-refused",
                td_string!(locale, staff_import.outcome_refused),
                match column {
                    Some(column) => format!("{}. {column}.", problem.title),
                    None => format!("{}.", problem.title),
                },
            )
        }
    };
    view! {
        <tr>
            <td>{line.line}</td>
            <td class="import-key">{line.key}</td>
            <td><span class=class>{outcome}</span></td>
            <td>{detail}</td>
        </tr>
    }
}
