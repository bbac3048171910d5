//! Importing clients and staff members from a CSV file that a care record system
//! exported (`POST /staff/import/clients`, `POST /staff/import/staff`, organisation
//! administrators only).
//!
//! The body is the file itself (`text/csv`, UTF-8 with or without a byte order mark,
//! `;` or `,` between the fields, column names in Dutch or English on the first line).
//! With `dry_run=true` the server says per line what it would do and changes nothing;
//! with `dry_run=false` it does it, all lines in one transaction, and only when no line
//! is refused. Clients are matched by client number, staff by e-mail address, so
//! importing the same file again changes nothing.

use serde::{Deserialize, Serialize};

use crate::problem::ProblemCode;

/// The largest file an import reads, in bytes (2 MiB).
pub const IMPORT_MAX_BYTES: usize = 2 * 1024 * 1024;
/// The most lines with data (below the column names) an import reads.
pub const IMPORT_MAX_LINES: usize = 10_000;

/// What an import file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// Clients: client number, names, date of birth, team, personal counsellor, care.
    Clients,
    /// Staff members: name, e-mail address, mobile number, role, team.
    Staff,
}

/// The query of an import: check only, or import.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    /// `true`: say per line what would happen and change nothing; `false`: import
    pub dry_run: bool,
}

/// A column of an import file: what a line says about a client or staff member.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportField {
    /// The client number (`cliëntnummer`, `client number`).
    ClientNumber,
    /// The client's first name (`voornaam`, `first name`).
    FirstName,
    /// The client's family name (`achternaam`, `family name`).
    FamilyName,
    /// The client's date of birth (`geboortedatum`, `date of birth`).
    DateOfBirth,
    /// The team, by its name (`team`).
    Team,
    /// The client's personal counsellor, by e-mail address (`persoonlijk begeleider`,
    /// `personal counsellor`).
    PersonalCounsellor,
    /// The first day of care (`start zorg`, `start of care`).
    CareStart,
    /// The last day of care (`einde zorg`, `end of care`).
    CareEnd,
    /// The staff member's name (`naam`, `name`).
    Name,
    /// The staff member's e-mail address (`e-mail`).
    Email,
    /// The staff member's mobile number (`mobiel`, `mobile`).
    Mobile,
    /// The staff member's role (`rol`, `role`).
    Role,
    /// The staff member's job title (`functie`, `job title`).
    JobTitle,
}

/// Why a line is refused: a problem code, the column it is about, and its text in the
/// request's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineProblem {
    /// The stable code, as in a problem response.
    pub code: ProblemCode,
    /// The column that is wrong, when it is one column.
    pub field: Option<ImportField>,
    /// The short text of the code, in the request's language.
    pub title: String,
    /// The whole explanation of the code, in the request's language.
    pub detail: String,
}

/// What happens (or would happen) to one line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LineOutcome {
    /// A new client or staff member (a staff member gets an activation e-mail).
    Create,
    /// An existing one changes in these columns.
    Change {
        /// The columns whose values change.
        fields: Vec<ImportField>,
    },
    /// An existing one whose registration already says what the line says.
    Unchanged,
    /// The line cannot be imported.
    Refused {
        /// Why.
        problem: LineProblem,
    },
}

/// One line of the file and its outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportLine {
    /// The line number in the file (the column names are line 1).
    pub line: u32,
    /// What the line is matched by: the client number or the e-mail address, as written.
    pub key: String,
    /// What happens to it.
    pub outcome: LineOutcome,
}

/// How many lines have each outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportTotals {
    /// New clients or staff members.
    pub create: u32,
    /// Changed ones.
    pub change: u32,
    /// Ones that stay as they are.
    pub unchanged: u32,
    /// Refused lines.
    pub refused: u32,
}

/// The answer of an import: every line of the file with its outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    /// What the file held.
    pub kind: ImportKind,
    /// Whether this was only a check.
    pub dry_run: bool,
    /// Whether the changes were written: an import (not a check) with no refused line.
    /// When a line is refused nothing at all is imported.
    pub imported: bool,
    /// How many lines have each outcome.
    pub totals: ImportTotals,
    /// Every line with data, in the file's order (at most
    /// [`IMPORT_MAX_LINES`]).
    pub lines: Vec<ImportLine>,
}

impl ImportTotals {
    /// The totals of these lines.
    pub fn of(lines: &[ImportLine]) -> Self {
        let mut totals = ImportTotals::default();
        for line in lines {
            match line.outcome {
                LineOutcome::Create => totals.create += 1,
                LineOutcome::Change { .. } => totals.change += 1,
                LineOutcome::Unchanged => totals.unchanged += 1,
                LineOutcome::Refused { .. } => totals.refused += 1,
            }
        }
        totals
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn outcomes_are_tagged_by_kind() {
        let line = ImportLine {
            line: 2,
            key: "K-1".into(),
            outcome: LineOutcome::Change {
                fields: vec![ImportField::Team, ImportField::CareEnd],
            },
        };
        assert_eq!(
            serde_json::to_value(&line).unwrap(),
            json!({ "line": 2, "key": "K-1", "outcome": { "kind": "change", "fields": ["team", "care_end"] } })
        );
        assert_eq!(
            ImportTotals::of(&[line]),
            ImportTotals {
                change: 1,
                ..ImportTotals::default()
            }
        );
    }

    #[test]
    fn the_query_needs_dry_run() {
        assert!(serde_json::from_value::<ImportQuery>(json!({})).is_err());
        assert!(
            serde_json::from_value::<ImportQuery>(json!({ "dry_run": true }))
                .unwrap()
                .dry_run
        );
    }
}
