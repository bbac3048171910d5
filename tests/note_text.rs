//! Cutting a note's text into text and links (wasm-bindgen-test, like the other app
//! tests; the logic itself touches no browser).

#![cfg(target_arch = "wasm32")]

use kring::note_text::{split_links, Segment};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn text(s: &str) -> Segment {
    Segment::Text(s.to_owned())
}

fn link(s: &str) -> Segment {
    Segment::Link(s.to_owned())
}

fn joined(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| match s {
            Segment::Text(t) | Segment::Link(t) => t.as_str(),
        })
        .collect()
}

#[wasm_bindgen_test]
fn plain_text_stays_one_text() {
    assert_eq!(
        split_links("Hallo oma!\nTot zondag."),
        vec![text("Hallo oma!\nTot zondag.")]
    );
    assert_eq!(split_links(""), Vec::<Segment>::new());
}

#[wasm_bindgen_test]
fn finds_http_and_https_addresses() {
    assert_eq!(
        split_links("Kijk op https://example.org/x en http://a.nl"),
        vec![
            text("Kijk op "),
            link("https://example.org/x"),
            text(" en "),
            link("http://a.nl")
        ]
    );
}

#[wasm_bindgen_test]
fn punctuation_after_an_address_is_text() {
    assert_eq!(
        split_links("Zie https://example.org/a. Of (https://example.org/b), toch?"),
        vec![
            text("Zie "),
            link("https://example.org/a"),
            text(". Of ("),
            link("https://example.org/b"),
            text("), toch?"),
        ]
    );
    assert_eq!(
        split_links("https://nl.wikipedia.org/wiki/Kring_(meetkunde)!"),
        vec![
            link("https://nl.wikipedia.org/wiki/Kring_(meetkunde)"),
            text("!")
        ]
    );
}

#[wasm_bindgen_test]
fn markup_is_never_part_of_an_address() {
    let note = "<script>alert(1)</script> https://example.org/x\"onmouseover=\"alert(1)";
    let segments = split_links(note);
    assert_eq!(
        segments,
        vec![
            text("<script>alert(1)</script> "),
            link("https://example.org/x"),
            text("\"onmouseover=\"alert(1)"),
        ]
    );
    assert_eq!(joined(&segments), note);
}

#[wasm_bindgen_test]
fn other_schemes_and_bare_schemes_stay_text() {
    for note in [
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "ftp://example.org",
        "https:// leeg",
        "https://",
        "xhttps://example.org",
    ] {
        assert_eq!(split_links(note), vec![text(note)], "{note}");
    }
}

#[wasm_bindgen_test]
fn text_around_addresses_survives_unicode() {
    let note = "Café ☕ https://example.org/ü?q=1#x — fijn";
    let segments = split_links(note);
    assert_eq!(segments[1], link("https://example.org/ü?q=1#x"));
    assert_eq!(joined(&segments), note);
}
