//! The staff terms editor's draft: what a new version starts as, adding, removing,
//! restoring and moving sections, the checks before the preview, and the request it
//! becomes (wasm-bindgen-test, like the other app tests; the draft touches no browser).

#![cfg(target_arch = "wasm32")]

use kring::pages::staff::terms::draft::{DateProblem, Draft};
use kring_api::{Day, DocumentSection, LocalizedText, TermsDocument};
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn section(heading: &str) -> DocumentSection {
    DocumentSection {
        heading: LocalizedText::new(heading.to_owned(), format!("{heading} (en)")),
        body: LocalizedText::new("Tekst".to_owned(), "Text".to_owned()),
    }
}

fn draft_from(headings: &[&str]) -> Draft {
    let owner = Owner::new();
    owner.set();
    let current = TermsDocument {
        version: 3,
        in_force_from: Day::parse("2026-01-01").unwrap(),
        in_force: true,
        change_summary: LocalizedText::new("Oud".to_owned(), "Old".to_owned()),
        sections: headings.iter().map(|h| section(h)).collect(),
    };
    let draft = Draft::new(Some(&current));
    // The draft's signals live as long as their owner: keep it for the whole test.
    std::mem::forget(owner);
    draft
}

fn headings(draft: &Draft) -> Vec<String> {
    draft
        .sections
        .get_untracked()
        .iter()
        .map(|s| s.heading_nl.get_untracked())
        .collect()
}

#[wasm_bindgen_test]
fn a_new_version_starts_from_the_text_in_force() {
    let draft = draft_from(&["Wie", "Wat"]);
    assert_eq!(headings(&draft), ["Wie", "Wat"]);
    assert_eq!(draft.in_force_from.get_untracked(), "");
    // The day and both summaries are still to be filled in.
    assert_eq!(draft.invalid_fields().len(), 3);
    assert_eq!(draft.request(), None);
}

#[wasm_bindgen_test]
fn sections_are_added_moved_removed_and_put_back() {
    let draft = draft_from(&["Wie", "Wat"]);
    let added = draft.add_section();
    assert_eq!(headings(&draft), ["Wie", "Wat", ""]);
    let first = draft.sections.get_untracked()[0].key;
    assert_eq!(
        draft.move_section(first, -1),
        None,
        "the first cannot go up"
    );
    assert_eq!(draft.move_section(first, 1), Some(1));
    assert_eq!(headings(&draft), ["Wat", "Wie", ""]);
    assert_eq!(
        draft.move_section(added.key, 1),
        None,
        "the last cannot go down"
    );

    assert_eq!(draft.remove_section(first), Some(1));
    assert_eq!(headings(&draft), ["Wat", ""]);
    assert_eq!(draft.undo_removal().map(|(at, _)| at), Some(1));
    assert_eq!(headings(&draft), ["Wat", "Wie", ""]);
    assert!(draft.undo_removal().is_none(), "undo works once");
}

#[wasm_bindgen_test]
fn the_day_is_checked_and_the_request_is_trimmed() {
    let draft = draft_from(&["Wie"]);
    let today = Day::parse("2026-06-10").unwrap();
    assert_eq!(draft.date_problem_on(today), Some(DateProblem::Missing));
    draft.in_force_from.set("2026-06-09".to_owned());
    assert_eq!(draft.date_problem_on(today), Some(DateProblem::Past));
    draft.in_force_from.set("10 juni".to_owned());
    assert_eq!(draft.date_problem_on(today), Some(DateProblem::Past));
    draft.in_force_from.set(" 2026-06-10 ".to_owned());
    assert_eq!(draft.date_problem_on(today), None);

    draft.summary_nl.set(" Nieuw ".to_owned());
    draft.summary_en.set("New".to_owned());
    let request = draft.request().expect("the day is a day");
    assert_eq!(request.in_force_from, today);
    assert_eq!(request.change_summary.nl, "Nieuw");
    assert_eq!(request.sections, vec![section("Wie")]);
}
