//! The human texts of problems, from the app's own locale files.
//!
//! `locales/nl.json` and `locales/en.json` hold every person-facing text once; their
//! `problem.<code>` entries (the code in snake case) are shared: the app shows them for
//! a code, and the server sends them as `title` and `detail`. Each code has a `title`
//! (a short heading) and a `detail` (whole sentences that can stand alone). A detail
//! that mentions a fact of this occurrence has its own key, `detail_<fact>`, with the
//! fact as a `{fact}` placeholder, such as `detail_seconds` with `{seconds}`; the plain
//! `detail` is the text without the fact. The files are compiled into the server and
//! read once.

use std::sync::LazyLock;

use kring_api::{Language, ProblemCode};
use serde_json::{Map, Value};

use super::DetailFacts;

/// The locale files, as the app's build reads them.
const LOCALE_FILES: [(Language, &str); 2] = [
    (Language::Nl, include_str!("../../../../locales/nl.json")),
    (Language::En, include_str!("../../../../locales/en.json")),
];

/// Each language's `problem` object, parsed at first use. A file that does not parse
/// leaves an empty object (every text then falls back); a test parses both.
static PROBLEM_TEXTS: LazyLock<[Map<String, Value>; 2]> =
    LazyLock::new(|| LOCALE_FILES.map(|(_, file)| problem_section(file).unwrap_or_default()));

/// The `problem` object of a locale file.
pub(super) fn problem_section(file: &str) -> Option<Map<String, Value>> {
    match serde_json::from_str::<Value>(file).ok()? {
        Value::Object(mut top) => match top.remove("problem")? {
            Value::Object(problem) => Some(problem),
            _ => None,
        },
        _ => None,
    }
}

/// The key of a code in the locale files: its stable name in snake case.
pub(super) fn code_key(code: ProblemCode) -> String {
    code.as_str().replace('-', "_")
}

/// One text of a code in a language, if the locale file has it.
fn lookup(code: ProblemCode, key: &str, language: Language) -> Option<&'static str> {
    let index = LOCALE_FILES
        .iter()
        .position(|(l, _)| *l == language)
        .unwrap_or(0);
    PROBLEM_TEXTS[index]
        .get(&code_key(code))?
        .get(key)?
        .as_str()
        .filter(|text| !text.is_empty())
}

/// The short human title of a problem.
pub fn title(code: ProblemCode, language: Language) -> &'static str {
    lookup(code, "title", language)
        .or_else(|| lookup(code, "title", Language::Nl))
        .unwrap_or(code.as_str())
}

/// The human explanation of a problem, with the facts of this occurrence filled in.
pub fn detail(code: ProblemCode, facts: &DetailFacts, language: Language) -> String {
    if let Some((key, fact)) = fact_text(facts) {
        if let Some(text) = lookup(code, &key, language) {
            return match fact {
                Some((name, value)) => text.replace(&format!("{{{name}}}"), &value),
                None => text.to_owned(),
            };
        }
    }
    lookup(code, "detail", language)
        .or_else(|| lookup(code, "detail", Language::Nl))
        .unwrap_or(code.as_str())
        .to_owned()
}

/// The key of the detail text for these facts, and the placeholder with its value.
pub(super) fn fact_text(facts: &DetailFacts) -> Option<(String, Option<(&'static str, String)>)> {
    let (name, value) = match facts {
        DetailFacts::None => return None,
        DetailFacts::NoSuchEndpoint => return Some(("detail_no_endpoint".to_owned(), None)),
        DetailFacts::Parameter(name) => ("parameter", name.clone()),
        DetailFacts::Limit(bytes) => ("limit", human_size(*bytes)),
        DetailFacts::RetryAfter(secs) => ("seconds", secs.to_string()),
        DetailFacts::TriesLeft(n) => ("tries_left", n.to_string()),
        DetailFacts::Reason(reason) => ("reason", reason.clone()),
        DetailFacts::Characters(n) => ("characters", n.to_string()),
        DetailFacts::Columns(names) => ("columns", names.clone()),
        DetailFacts::Lines(n) => ("lines", n.to_string()),
    };
    Some((format!("detail_{name}"), Some((name, value))))
}

/// A byte count as people read it: "64 KB", "10 MB".
fn human_size(bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// Every text of a locale file, with its dotted key.
    fn all_texts(value: &Value, key: String, out: &mut Vec<(String, String)>) {
        match value {
            Value::String(text) => out.push((key, text.clone())),
            Value::Object(map) => {
                for (k, v) in map {
                    all_texts(v, format!("{key}.{k}"), out);
                }
            }
            _ => {}
        }
    }

    /// One concept has one name: the English texts call the client's dossier "care
    /// record", never "dossier" or "the file" (a CSV or photo file is a file), and no
    /// text in either language has a double space where a word went missing (issue 19).
    #[test]
    fn locale_texts_use_one_word_for_the_care_record() {
        for (language, file) in LOCALE_FILES {
            let mut texts = Vec::new();
            all_texts(
                &serde_json::from_str(file).unwrap(),
                String::new(),
                &mut texts,
            );
            assert!(texts.len() > 500);
            for (key, text) in &texts {
                assert!(!text.contains("  "), "double space in {key}: {text:?}");
                if language == Language::En {
                    let lower = text.to_lowercase();
                    assert!(!lower.contains("dossier"), "{key} says dossier: {text:?}");
                    let about_a_file = ["csv", "import", "photo", "logo", "svg", "line"]
                        .iter()
                        .any(|w| lower.contains(w) || key.contains(w));
                    assert!(
                        !lower.contains("the file") || about_a_file,
                        "{key} calls the care record 'the file': {text:?}"
                    );
                }
            }
        }
    }

    /// One example of every kind of fact, as the server pairs them with codes.
    fn every_fact() -> Vec<DetailFacts> {
        vec![
            DetailFacts::NoSuchEndpoint,
            DetailFacts::Parameter("limit".into()),
            DetailFacts::Limit(64 * 1024),
            DetailFacts::RetryAfter(30),
            DetailFacts::TriesLeft(4),
            DetailFacts::Reason("Te veel berichten.".into()),
            DetailFacts::Characters(1000),
            DetailFacts::Columns("team".into()),
            DetailFacts::Lines(10_000),
        ]
    }

    /// The `{name}` placeholders in a text.
    fn placeholders(text: &str) -> BTreeSet<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn both_locale_files_parse_and_have_problem_texts() {
        for (language, file) in LOCALE_FILES {
            let section = problem_section(file);
            assert!(section.is_some_and(|s| !s.is_empty()), "{language:?}");
        }
    }

    #[test]
    fn every_code_has_a_title_and_detail_in_both_languages() {
        for code in ProblemCode::ALL {
            for language in [Language::Nl, Language::En] {
                for key in ["title", "detail"] {
                    let text = lookup(code, key, language);
                    assert!(
                        text.is_some(),
                        "problem.{}.{key} in {language:?}",
                        code_key(code)
                    );
                }
            }
            assert_ne!(title(code, Language::Nl), title(code, Language::En));
            assert_ne!(
                detail(code, &DetailFacts::None, Language::Nl),
                detail(code, &DetailFacts::None, Language::En)
            );
        }
    }

    #[test]
    fn every_text_is_for_a_code_and_every_placeholder_has_a_fact() {
        let codes: BTreeSet<String> = ProblemCode::ALL.into_iter().map(code_key).collect();
        let mut keys_per_language = Vec::new();
        for (language, file) in LOCALE_FILES {
            let section = problem_section(file).unwrap_or_default();
            let mut keys = BTreeSet::new();
            for (code, texts) in &section {
                assert!(
                    codes.contains(code),
                    "problem.{code} is no code ({language:?})"
                );
                let texts = texts.as_object().expect("a code's texts are an object");
                for (key, text) in texts {
                    let text = text.as_str().expect("a text is a string");
                    let fact = match key.as_str() {
                        "title" | "detail" | "detail_no_endpoint" => None,
                        other => Some(other.strip_prefix("detail_").unwrap_or_else(|| {
                            panic!("problem.{code}.{key}: only title, detail, detail_<fact>")
                        })),
                    };
                    // A fact's own text must show it; every other text has no placeholder.
                    let expected: BTreeSet<&str> = fact.into_iter().collect();
                    assert_eq!(
                        placeholders(text),
                        expected,
                        "problem.{code}.{key} in {language:?}: {text}"
                    );
                    assert!(!text.contains("{{"), "problem.{code}.{key}: use {{name}}");
                    if let Some(fact) = fact {
                        let known = every_fact().iter().any(|facts| {
                            fact_text(facts).is_some_and(|(_, f)| f.is_some_and(|(n, _)| n == fact))
                        });
                        assert!(
                            known,
                            "problem.{code}.{key}: the server has no fact `{fact}`"
                        );
                    }
                    keys.insert(format!("{code}.{key}"));
                }
            }
            keys_per_language.push(keys);
        }
        assert_eq!(
            keys_per_language[0], keys_per_language[1],
            "nl and en have the same texts"
        );
    }

    #[test]
    fn facts_are_filled_in() {
        let cases = [
            (ProblemCode::NotFound, DetailFacts::NoSuchEndpoint, "API"),
            (
                ProblemCode::InvalidParameter,
                DetailFacts::Parameter("limit".into()),
                "'limit'",
            ),
            (
                ProblemCode::BodyTooLarge,
                DetailFacts::Limit(64 * 1024),
                "64 KB",
            ),
            (ProblemCode::RateLimited, DetailFacts::RetryAfter(30), "30"),
            (
                ProblemCode::TooManyMessages,
                DetailFacts::RetryAfter(600),
                "600",
            ),
            (ProblemCode::CodeInvalid, DetailFacts::TriesLeft(4), "4"),
            (
                ProblemCode::AccountSuspended,
                DetailFacts::Reason("Te veel.".into()),
                "Te veel.",
            ),
            (
                ProblemCode::PortalSuspended,
                DetailFacts::Reason("Te veel.".into()),
                "Te veel.",
            ),
            (
                ProblemCode::TextTooLong,
                DetailFacts::Characters(1000),
                "1000",
            ),
        ];
        for (code, facts, shown) in cases {
            for language in [Language::Nl, Language::En] {
                let text = detail(code, &facts, language);
                assert!(text.contains(shown), "{code:?} {language:?}: {text}");
                assert!(!text.contains('{'), "{code:?} {language:?}: {text}");
            }
        }
        assert_eq!(
            detail(
                ProblemCode::BodyTooLarge,
                &DetailFacts::Limit(64 * 1024),
                Language::Nl
            ),
            "Dit mag hoogstens 64 KB groot zijn. Er is niets veranderd."
        );
        // A fact a code has no text for leaves the plain detail.
        assert_eq!(
            detail(
                ProblemCode::Forbidden,
                &DetailFacts::TriesLeft(3),
                Language::En
            ),
            detail(ProblemCode::Forbidden, &DetailFacts::None, Language::En)
        );
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(64 * 1024), "64 KB");
        assert_eq!(human_size(10 * 1024 * 1024), "10 MB");
        assert_eq!(human_size(1000), "1 KB");
    }
}
