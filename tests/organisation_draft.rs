//! The organisation settings form's draft: a form filled from the stored settings
//! sends them back unchanged, each rule the server checks stops the form first, with
//! the field it concerns, and the header preview follows what is typed
//! (wasm-bindgen-test, like the other app tests; the draft touches no browser).

#![cfg(target_arch = "wasm32")]

use kring::pages::staff::organisation::draft::{is_phone, Field, Problem, SettingsDraft};
use kring_api::organisation_settings::OrganisationSettings;
use kring_api::{BrandColours, LocalizedText};
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn stored() -> OrganisationSettings {
    OrganisationSettings {
        name: "Zorggroep De Linde".to_owned(),
        short_name: "De Linde".to_owned(),
        colours: BrandColours {
            primary: "#2d4a6b".to_owned(),
            on_primary: "#ffffff".to_owned(),
            accent: "#8a3b12".to_owned(),
        },
        emergency_phone: "030 123 45 67".to_owned(),
        emergency_hours: LocalizedText::new(
            "Dag en nacht.".to_owned(),
            "Day and night.".to_owned(),
        ),
        access_grace_days: 14,
        retention_years: 20,
        correction_deadline_days: 30,
    }
}

fn draft() -> SettingsDraft {
    let owner = Owner::new();
    owner.set();
    let draft = SettingsDraft::new(&stored());
    // The draft's signals live as long as their owner: keep it for the whole test.
    std::mem::forget(owner);
    draft
}

fn problem_after(field: Field, text: &str) -> Option<Problem> {
    let draft = draft();
    draft.value(field).set(text.to_owned());
    draft.problem(field)
}

#[wasm_bindgen_test]
fn the_stored_settings_go_back_unchanged() {
    let draft = draft();
    assert!(draft.problems().is_empty());
    assert_eq!(draft.request(), Some(stored()));
}

#[wasm_bindgen_test]
fn every_rule_stops_the_form_at_its_field() {
    assert_eq!(problem_after(Field::Name, "  "), Some(Problem::Missing));
    assert_eq!(
        problem_after(Field::ShortName, &"x".repeat(31)),
        Some(Problem::TooLong(30))
    );
    assert_eq!(problem_after(Field::Primary, "blue"), Some(Problem::Colour));
    assert_eq!(
        problem_after(Field::Accent, "#12345"),
        Some(Problem::Colour)
    );
    // White text on light yellow cannot be read.
    let draft = draft();
    draft.value(Field::Primary).set("#ffee88".to_owned());
    assert_eq!(draft.problem(Field::OnPrimary), Some(Problem::Contrast));
    assert_eq!(draft.problems(), [(Field::OnPrimary, Problem::Contrast)]);
    assert_eq!(draft.request(), None);
    assert_eq!(problem_after(Field::Phone, "112"), Some(Problem::Phone));
    assert_eq!(
        problem_after(Field::Phone, "030 123 45 67 ext"),
        Some(Problem::Phone)
    );
    assert_eq!(
        problem_after(Field::GraceDays, "366"),
        Some(Problem::Days(0, 365))
    );
    assert_eq!(
        problem_after(Field::GraceDays, "-1"),
        Some(Problem::Days(0, 365))
    );
    assert_eq!(problem_after(Field::GraceDays, "0"), None);
    assert_eq!(
        problem_after(Field::CorrectionDays, "0"),
        Some(Problem::Days(1, 30))
    );
    assert_eq!(
        problem_after(Field::CorrectionDays, "31"),
        Some(Problem::Days(1, 30))
    );
    assert_eq!(
        problem_after(Field::RetentionYears, "14"),
        Some(Problem::RetentionShort)
    );
    assert_eq!(
        problem_after(Field::RetentionYears, "101"),
        Some(Problem::Years(100))
    );
    assert_eq!(problem_after(Field::RetentionYears, "15"), None);
}

#[wasm_bindgen_test]
fn what_is_sent_is_trimmed() {
    let draft = draft();
    draft
        .value(Field::Name)
        .set("  Zorggroep Nieuw ".to_owned());
    draft.value(Field::RetentionYears).set(" 25 ".to_owned());
    let request = draft.request().expect("no problems");
    assert_eq!(request.name, "Zorggroep Nieuw");
    assert_eq!(request.retention_years, 25);
}

#[wasm_bindgen_test]
fn the_preview_and_the_contrast_follow_the_colours() {
    let draft = draft();
    assert_eq!(
        draft.preview_colours(),
        Some(("#2d4a6b".to_owned(), "#ffffff".to_owned()))
    );
    assert!(draft.contrast().is_some_and(|ratio| ratio > 4.5));
    draft.value(Field::Primary).set("#FFFFFF".to_owned());
    assert!(draft
        .contrast()
        .is_some_and(|ratio| (ratio - 1.0).abs() < 1e-9));
    draft.value(Field::Primary).set("#fff".to_owned());
    assert_eq!(draft.preview_colours(), None);
    assert_eq!(draft.contrast(), None);
}

#[wasm_bindgen_test]
fn phone_numbers_as_people_write_them() {
    for number in [
        "030 123 45 67",
        "+31 30 123 45 67",
        "(030) 123-45-67",
        "0301234567",
    ] {
        assert!(is_phone(number), "{number}");
    }
    for number in ["112", "030 123 45 67 of 68", "", "+"] {
        assert!(!is_phone(number), "{number}");
    }
}
