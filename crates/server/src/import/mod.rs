//! Importing clients and staff members from a CSV file that a care record system
//! exported (R28), for organisation administrators: a check (`dry_run=true`) says per
//! line what would be created, changed or refused and why, and writes nothing; the
//! import does it in one transaction, and only when no line is refused, so a file is
//! imported whole or not at all. Lines are matched by client number or e-mail address,
//! so importing the same file again changes nothing and sends no e-mail.
//!
//! Every line follows the rules of the forms, by calling their own checks and writes
//! (`staff::shared`, `administration::shared`); the file's format is in `file.rs` and
//! the README.

mod clients;
mod file;
mod routes;
mod staff;

use kring_api::import::{
    ImportField, ImportKind, ImportLine, ImportReport, ImportTotals, LineOutcome, LineProblem,
};
use kring_api::Language;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::problem::ApiError;
use crate::state::AppState;

/// The import routes, relative to the API base. They read their body themselves, up
/// to `IMPORT_MAX_BYTES`, so they are mounted outside the JSON body limit.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::clients))
        .routes(routes!(routes::staff))
}

/// What a line would do: `Ok(Some(plan))` create or change, `Ok(None)` nothing (the
/// registration says so already), `Err` refused, with the column it is about.
pub type LinePlan<P> = Result<Option<P>, (ApiError, Option<ImportField>)>;

/// A refused line (the `Ok` is for the database failures a plan passes on as `Err`).
pub fn line_problem<P>(
    error: ApiError,
    field: Option<ImportField>,
) -> Result<LinePlan<P>, ApiError> {
    Ok(Err((error, field)))
}

/// One line of the file and what it would do.
pub struct Planned<P> {
    /// Its line number.
    pub line: u32,
    /// Its client number or e-mail address, as written.
    pub key: String,
    /// What it would do.
    pub outcome: LinePlan<P>,
}

/// A plan that creates or changes something, as the answer names it.
pub trait LineAction {
    /// `create`, or `change` with the columns that change.
    fn outcome(&self) -> LineOutcome;
}

impl LineAction for clients::ClientPlan {
    fn outcome(&self) -> LineOutcome {
        match self {
            clients::ClientPlan::Create { .. } => LineOutcome::Create,
            change => LineOutcome::Change {
                fields: clients::changed_fields(change),
            },
        }
    }
}

impl LineAction for staff::StaffPlan {
    fn outcome(&self) -> LineOutcome {
        match self {
            staff::StaffPlan::Create(_) => LineOutcome::Create,
            staff::StaffPlan::Change { fields, .. } => LineOutcome::Change {
                fields: fields.clone(),
            },
        }
    }
}

/// Whether every line can be imported.
fn none_refused<P>(planned: &[Planned<P>]) -> bool {
    planned.iter().all(|line| line.outcome.is_ok())
}

/// The plans that write something.
fn writes<P>(planned: &[Planned<P>]) -> Vec<&P> {
    planned
        .iter()
        .filter_map(|line| line.outcome.as_ref().ok().and_then(Option::as_ref))
        .collect()
}

/// The answer: every line with its outcome, a refusal's text in `language`.
fn report<P: LineAction>(
    kind: ImportKind,
    dry_run: bool,
    imported: bool,
    planned: &[Planned<P>],
    language: Language,
) -> ImportReport {
    let lines: Vec<ImportLine> = planned
        .iter()
        .map(|line| ImportLine {
            line: line.line,
            key: line.key.clone(),
            outcome: match &line.outcome {
                Ok(None) => LineOutcome::Unchanged,
                Ok(Some(plan)) => plan.outcome(),
                Err((error, field)) => {
                    let code = error.code();
                    LineOutcome::Refused {
                        problem: LineProblem {
                            code,
                            field: *field,
                            title: crate::problem::title(code, language).to_owned(),
                            detail: crate::problem::detail(code, &error.detail_facts(), language),
                        },
                    }
                }
            },
        })
        .collect();
    ImportReport {
        kind,
        dry_run,
        imported,
        totals: ImportTotals::of(&lines),
        lines,
    }
}

/// The administration log's summary of an import: how many lines did what.
fn summary(totals: &ImportTotals) -> String {
    format!(
        "{} created, {} changed, {} unchanged",
        totals.create, totals.change, totals.unchanged
    )
}

#[cfg(test)]
mod tests;
