//! Reading an import file: a CSV text that a care record system or a spreadsheet
//! exported. UTF-8 with or without a byte order mark; `;` (Dutch spreadsheets), `,` or
//! a tab between the fields, found from the first line (or an Excel `sep=;` line); the
//! first line names the columns, in Dutch or English, in any order, with other columns
//! ignored. Days are written `YYYY-MM-DD` or `DD-MM-YYYY` (also with `/` or `.`).

use chrono::NaiveDate;
use kring_api::import::{ImportField, IMPORT_MAX_LINES};

use crate::problem::ApiError;

/// A column an import reads: its field, whether a file must have it, the names it may
/// have (compared without capitals, accents, spaces or punctuation), and how a
/// problem names it.
pub struct Column {
    /// What the column holds.
    pub field: ImportField,
    /// Whether the first line must name it.
    pub required: bool,
    /// Its accepted names, folded (see [`fold`]).
    pub names: &'static [&'static str],
    /// Its name in both languages, for the problem that says it is missing.
    pub label: &'static str,
}

/// The columns of a clients file.
pub const CLIENT_COLUMNS: &[Column] = &[
    Column {
        field: ImportField::ClientNumber,
        required: true,
        names: &[
            "clientnummer",
            "clientnr",
            "clientnumber",
            "clientno",
            "clientid",
        ],
        label: "cliëntnummer / client number",
    },
    Column {
        field: ImportField::FirstName,
        required: true,
        names: &["voornaam", "roepnaam", "firstname", "givenname"],
        label: "voornaam / first name",
    },
    Column {
        field: ImportField::FamilyName,
        required: true,
        names: &[
            "achternaam",
            "familienaam",
            "geslachtsnaam",
            "familyname",
            "lastname",
            "surname",
        ],
        label: "achternaam / family name",
    },
    Column {
        field: ImportField::DateOfBirth,
        required: true,
        names: &["geboortedatum", "dateofbirth", "birthdate"],
        label: "geboortedatum / date of birth",
    },
    Column {
        field: ImportField::Team,
        required: true,
        names: &["team", "teamnaam", "teamname"],
        label: "team",
    },
    Column {
        field: ImportField::PersonalCounsellor,
        required: false,
        names: &[
            "persoonlijkbegeleider",
            "emailpersoonlijkbegeleider",
            "persoonlijkbegeleideremail",
            "begeleider",
            "personalcounsellor",
            "personalcounselloremail",
            "counsellor",
        ],
        label: "persoonlijk begeleider / personal counsellor",
    },
    Column {
        field: ImportField::CareStart,
        required: true,
        names: &[
            "startzorg",
            "beginzorg",
            "startdatumzorg",
            "begindatumzorg",
            "ingangsdatumzorg",
            "zorgvanaf",
            "startofcare",
            "carestart",
            "carestartdate",
        ],
        label: "start zorg / start of care",
    },
    Column {
        field: ImportField::CareEnd,
        required: false,
        names: &[
            "eindezorg",
            "einddatumzorg",
            "zorgtot",
            "endofcare",
            "careend",
            "careenddate",
        ],
        label: "einde zorg / end of care",
    },
];

/// The columns of a staff file.
pub const STAFF_COLUMNS: &[Column] = &[
    Column {
        field: ImportField::Name,
        required: true,
        names: &["naam", "volledigenaam", "name", "fullname"],
        label: "naam / name",
    },
    Column {
        field: ImportField::Email,
        required: true,
        names: &["email", "emailadres", "emailaddress"],
        label: "e-mail",
    },
    Column {
        field: ImportField::Mobile,
        required: true,
        names: &[
            "mobiel",
            "mobielnummer",
            "mobielenummer",
            "mobieltelefoonnummer",
            "mobile",
            "mobilenumber",
            "mobilephone",
        ],
        label: "mobiel / mobile",
    },
    Column {
        field: ImportField::Role,
        required: true,
        names: &["rol", "role"],
        label: "rol / role",
    },
    Column {
        field: ImportField::Team,
        required: true,
        names: &["team", "teamnaam", "teamname"],
        label: "team",
    },
    Column {
        field: ImportField::JobTitle,
        required: false,
        names: &["functie", "functietitel", "jobtitle", "function"],
        label: "functie / job title",
    },
];

/// One line with data.
pub struct Row {
    /// Its line number in the file (the column names are line 1).
    pub line: u32,
    fields: Vec<String>,
}

/// A file read: which field is in which column, and its lines with data.
pub struct Table {
    columns: Vec<(ImportField, usize)>,
    /// The lines with data, in the file's order.
    pub rows: Vec<Row>,
}

impl Table {
    /// The value of `field` on `row`, trimmed; empty when the file has no such column
    /// or the line is short.
    pub fn value<'a>(&self, row: &'a Row, field: ImportField) -> &'a str {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .and_then(|(_, index)| row.fields.get(*index))
            .map_or("", |value| value.trim())
    }
}

/// A text compared as a name: lower case, accents dropped, only letters and digits
/// kept (`Cliënt-nummer` and `clientnummer` are the same name).
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            other => other,
        })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// A day written `YYYY-MM-DD` or `DD-MM-YYYY`, with `-`, `/` or `.` between the parts
/// and days and months of one or two digits.
pub fn day(text: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.trim().split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if ![a, b, c]
        .iter()
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let number = |p: &str| p.parse::<u32>().ok();
    let (year, month, day) = if a.len() == 4 && b.len() <= 2 && c.len() <= 2 {
        (a, b, c)
    } else if c.len() == 4 && a.len() <= 2 && b.len() <= 2 {
        (c, b, a)
    } else {
        return None;
    };
    NaiveDate::from_ymd_opt(
        i32::try_from(number(year)?).ok()?,
        number(month)?,
        number(day)?,
    )
}

/// The field separator: the one a `sep=` line names, else the most frequent of `;`,
/// `,` and tab on the first line (`,` when none is there).
fn separator(first_line: &str) -> (u8, bool) {
    if let Some(named) = first_line.trim_end().strip_prefix("sep=") {
        if let [byte] = named.as_bytes() {
            return (*byte, true);
        }
    }
    let count = |c: char| first_line.matches(c).count();
    let separator = [(';', b';'), ('\t', b'\t'), (',', b',')]
        .into_iter()
        .max_by_key(|(c, _)| count(*c))
        .filter(|(c, _)| count(*c) > 0)
        .map_or(b',', |(_, byte)| byte);
    (separator, false)
}

/// Reads an import file with these columns. Refuses a file that is not UTF-8 text
/// (`import-not-csv`), whose first line names none of the columns (`import-not-csv`)
/// or lacks a required one (`import-columns-missing`), without lines of data
/// (`import-empty`), or with more than [`IMPORT_MAX_LINES`] of them
/// (`import-too-many-lines`).
pub fn read(bytes: &[u8], columns: &[Column]) -> Result<Table, ApiError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| ApiError::ImportNotCsv)?;
    if text.contains('\0') {
        return Err(ApiError::ImportNotCsv);
    }
    let first_line = text.lines().next().unwrap_or_default();
    let (separator, named) = separator(first_line);
    let text = if named {
        text.split_once('\n').map_or("", |(_, rest)| rest)
    } else {
        text
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => return Err(ApiError::ImportEmpty),
        Some(Err(_)) => return Err(ApiError::ImportNotCsv),
        Some(Ok(header)) => header,
    };
    let names: Vec<String> = header.iter().map(fold).collect();
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for column in columns {
        match names
            .iter()
            .position(|n| column.names.contains(&n.as_str()))
        {
            Some(index) => found.push((column.field, index)),
            None if column.required => missing.push(column.label),
            None => {}
        }
    }
    if found.is_empty() {
        return Err(ApiError::ImportNotCsv);
    }
    if !missing.is_empty() {
        return Err(ApiError::ImportColumnsMissing(missing.join(", ")));
    }
    let line_offset = u32::from(named);
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(|_| ApiError::ImportNotCsv)?;
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        if rows.len() == IMPORT_MAX_LINES {
            return Err(ApiError::ImportTooManyLines(IMPORT_MAX_LINES));
        }
        let line = record.position().map_or(0, |p| p.line());
        rows.push(Row {
            line: u32::try_from(line).unwrap_or(u32::MAX) + line_offset,
            fields: record.iter().map(str::to_owned).collect(),
        });
    }
    if rows.is_empty() {
        return Err(ApiError::ImportEmpty);
    }
    Ok(Table {
        columns: found,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(result: Result<Table, ApiError>) -> &'static str {
        match result {
            Ok(_) => "ok",
            Err(error) => error.code().as_str(),
        }
    }

    #[test]
    fn dutch_and_english_files_read_alike() {
        let dutch =
            "\u{feff}Cliëntnummer;Voornaam;Achternaam;Geboortedatum;Team;Start zorg;Extra\n\
                     K-1;Anna;de Vries;03-02-1950;Oost;01-01-2020;x\n\n";
        let table = read(dutch.as_bytes(), CLIENT_COLUMNS).unwrap();
        assert_eq!(table.rows.len(), 1);
        let row = &table.rows[0];
        assert_eq!(row.line, 2);
        assert_eq!(table.value(row, ImportField::FamilyName), "de Vries");
        assert_eq!(table.value(row, ImportField::CareEnd), "");
        let english =
            "client_number,first name,FAMILY NAME,date of birth,team,start of care,end of care\n\
                       \"K-1\",\"Anna, Maria\",Jansen,1950-02-03,Oost,2020-01-01,2024-05-06\n";
        let table = read(english.as_bytes(), CLIENT_COLUMNS).unwrap();
        let row = &table.rows[0];
        assert_eq!(table.value(row, ImportField::FirstName), "Anna, Maria");
        assert_eq!(table.value(row, ImportField::CareEnd), "2024-05-06");
        let excel = "sep=;\nnaam;e-mail;mobiel;rol;team\nAnna;a@b.nl;0612345678;begeleider;Oost\n";
        let table = read(excel.as_bytes(), STAFF_COLUMNS).unwrap();
        assert_eq!(table.rows[0].line, 3);
        assert_eq!(table.value(&table.rows[0], ImportField::Email), "a@b.nl");
    }

    #[test]
    fn files_that_cannot_be_imported_are_refused_with_their_reason() {
        assert_eq!(
            code(read(b"\x89PNG\r\n\x1a\n\0\0", CLIENT_COLUMNS)),
            "import-not-csv"
        );
        assert_eq!(
            code(read(b"caf\xe9;naam\n", STAFF_COLUMNS)),
            "import-not-csv"
        );
        assert_eq!(
            code(read(b"a;b;c\n1;2;3\n", STAFF_COLUMNS)),
            "import-not-csv"
        );
        assert_eq!(code(read(b"", STAFF_COLUMNS)), "import-empty");
        assert_eq!(
            code(read(b"naam;e-mail;mobiel;rol;team\n;;;;\n", STAFF_COLUMNS)),
            "import-empty"
        );
        let missing = read(b"naam;e-mail;rol\nA;a@b.nl;x\n", STAFF_COLUMNS)
            .err()
            .unwrap();
        assert!(
            matches!(&missing, ApiError::ImportColumnsMissing(names) if names == "mobiel / mobile, team"),
            "{missing:?}"
        );
        let mut long = String::from("naam;e-mail;mobiel;rol;team\n");
        for i in 0..=IMPORT_MAX_LINES {
            long.push_str(&format!("A;a{i}@b.nl;0612345678;begeleider;Oost\n"));
        }
        assert_eq!(
            code(read(long.as_bytes(), STAFF_COLUMNS)),
            "import-too-many-lines"
        );
    }

    #[test]
    fn days_are_read_in_both_orders() {
        let expected = NaiveDate::from_ymd_opt(1950, 2, 3);
        for written in [
            "1950-02-03",
            "03-02-1950",
            "3-2-1950",
            "03/02/1950",
            "3.2.1950",
        ] {
            assert_eq!(day(written), expected, "{written}");
        }
        for wrong in [
            "",
            "1950-02",
            "31-02-1950",
            "02-03-50",
            "1950-2-3x",
            "morgen",
        ] {
            assert_eq!(day(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn names_fold_without_capitals_accents_or_punctuation() {
        assert_eq!(fold(" Cliënt-nummer "), "clientnummer");
        assert_eq!(fold("E-mail_adres"), "emailadres");
    }
}
