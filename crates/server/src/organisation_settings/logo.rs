//! Checking an uploaded SVG logo.
//!
//! The logo is parsed with `roxmltree` (no dependencies, refuses a DTD and so every
//! entity trick) and walked against an allowlist: drawing elements of the SVG namespace,
//! editors' metadata, and nothing that runs, embeds a page or fetches anything. A logo
//! that fails is refused as a whole, never "cleaned": what is stored is exactly what the
//! administrator uploaded and saw. Rewriting it through a renderer's tree (usvg) was
//! weighed and left: it turns text into paths only with fonts installed, changes the
//! file, and brings a dozen crates for what a refusal does as well.
//!
//! The logo is shown through `<img>` (where SVG never runs scripts) and served with a
//! `sandbox` CSP; this check is the third wall, for anyone who opens the file itself.

use roxmltree::{Document, Node, NodeType, ParsingOptions};

/// The SVG namespace.
const SVG: &str = "http://www.w3.org/2000/svg";

/// Elements of the SVG namespace a logo may use: shapes, text, grouping, paint
/// servers, clipping, and the simple filter primitives. Not `script`, `foreignObject`,
/// `a`, the animation elements (`set` can change an `href`), `iframe` or anything else.
const ALLOWED_ELEMENTS: [&str; 40] = [
    "svg",
    "g",
    "defs",
    "symbol",
    "use",
    "title",
    "desc",
    "metadata",
    "style",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "textPath",
    "linearGradient",
    "radialGradient",
    "stop",
    "clipPath",
    "mask",
    "pattern",
    "image",
    "marker",
    "switch",
    "filter",
    "feGaussianBlur",
    "feOffset",
    "feBlend",
    "feColorMatrix",
    "feComposite",
    "feFlood",
    "feMerge",
    "feMergeNode",
    "feDropShadow",
    "view",
    "solidcolor",
];

/// Namespaces of drawing programs' bookkeeping (Inkscape, Sodipodi, RDF metadata),
/// which browsers ignore; every other foreign namespace (XHTML above all: its
/// `script` runs in an SVG document) is refused.
const EDITOR_NAMESPACES: [&str; 6] = [
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://web.resource.org/cc/",
];

/// Images a logo may embed (as `data:` URLs on `<image>` only).
const EMBEDDED_IMAGES: [&str; 4] = [
    "data:image/png;base64,",
    "data:image/jpeg;base64,",
    "data:image/gif;base64,",
    "data:image/webp;base64,",
];

/// Why a logo was refused (for the server's log; the person sees one plain text).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LogoProblem {
    /// The bytes are not UTF-8 text.
    #[error("not UTF-8 text")]
    NotText,
    /// Not well-formed XML, or it has a DTD.
    #[error("not well-formed XML: {0}")]
    NotXml(String),
    /// The root is not `<svg>` in the SVG namespace.
    #[error("the root element is not SVG's <svg>")]
    NotSvg,
    /// An element that is not on the list.
    #[error("element <{0}> is not allowed")]
    Element(String),
    /// An element of a foreign namespace.
    #[error("element of namespace {0} is not allowed")]
    Namespace(String),
    /// An event handler attribute (`onload`, …).
    #[error("event handler attribute {0} is not allowed")]
    EventHandler(String),
    /// A reference to another file or site (an `href`, `url(…)`, `@import`).
    #[error("external reference in {0}")]
    ExternalReference(String),
    /// A processing instruction (`<?xml-stylesheet …?>`).
    #[error("processing instruction <?{0}?> is not allowed")]
    ProcessingInstruction(String),
}

/// Checks an uploaded logo; `Ok` with its text when it may be stored and shown.
pub fn check(bytes: &[u8]) -> Result<&str, LogoProblem> {
    let text = std::str::from_utf8(bytes).map_err(|_| LogoProblem::NotText)?;
    let options = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    let document = Document::parse_with_options(text, options)
        .map_err(|e| LogoProblem::NotXml(e.to_string()))?;
    let root = document.root_element();
    if root.tag_name().name() != "svg" || root.tag_name().namespace() != Some(SVG) {
        return Err(LogoProblem::NotSvg);
    }
    for node in document.root().descendants() {
        match node.node_type() {
            NodeType::PI => {
                let target = node.pi().map(|pi| pi.target).unwrap_or_default();
                return Err(LogoProblem::ProcessingInstruction(target.to_owned()));
            }
            NodeType::Element => check_element(node)?,
            NodeType::Text => {
                // The text of a `<style>` element is CSS, which can fetch.
                if node
                    .parent_element()
                    .is_some_and(|p| p.tag_name().name() == "style")
                {
                    check_css("<style>", node.text().unwrap_or_default())?;
                }
            }
            NodeType::Root | NodeType::Comment => {}
        }
    }
    Ok(text)
}

fn check_element(node: Node<'_, '_>) -> Result<(), LogoProblem> {
    let name = node.tag_name();
    match name.namespace() {
        Some(SVG) if ALLOWED_ELEMENTS.contains(&name.name()) => {}
        Some(SVG) | None => return Err(LogoProblem::Element(name.name().to_owned())),
        Some(namespace) if EDITOR_NAMESPACES.contains(&namespace) => {}
        Some(namespace) => return Err(LogoProblem::Namespace(namespace.to_owned())),
    }
    for attribute in node.attributes() {
        let local = attribute.name();
        let value = attribute.value();
        if local.len() > 2 && local[..2].eq_ignore_ascii_case("on") {
            return Err(LogoProblem::EventHandler(local.to_owned()));
        }
        if local == "href" {
            let fragment = value.trim_start().starts_with('#');
            let embedded = name.name() == "image"
                && EMBEDDED_IMAGES
                    .iter()
                    .any(|prefix| value.trim_start().starts_with(prefix));
            if !fragment && !embedded {
                return Err(LogoProblem::ExternalReference(format!(
                    "{}'s href",
                    name.name()
                )));
            }
        } else {
            check_css(local, value)?;
        }
    }
    Ok(())
}

/// Refuses CSS or an attribute that could fetch or run something: `url(…)` other than
/// a fragment of this file, `@import`, `javascript:` and IE's `expression(`.
fn check_css(place: &str, text: &str) -> Result<(), LogoProblem> {
    let lower = text.to_ascii_lowercase();
    let external = || LogoProblem::ExternalReference(place.to_owned());
    if lower.contains("@import") || lower.contains("javascript:") || lower.contains("expression(") {
        return Err(external());
    }
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("url(") {
        rest = &rest[at + 4..];
        let target = rest.trim_start().trim_start_matches(['"', '\'']);
        if !target.starts_with('#') {
            return Err(external());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(inner: &str) -> String {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{inner}</svg>"#
        )
    }

    #[test]
    fn plain_drawings_pass() {
        for inner in [
            r##"<circle cx="5" cy="5" r="4" fill="#2d4a6b"/>"##,
            r##"<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs><rect width="10" height="10" fill="url(#g)"/>"##,
            r#"<text x="1" y="8" style="font-family: sans-serif">De Linde</text>"#,
            r##"<defs><path id="p" d="M0 0h5"/></defs><use href="#p"/><use xlink:href="#p"/>"##,
            r#"<image width="1" height="1" href="data:image/png;base64,iVBORw0KGgo="/>"#,
            r##"<style>circle { fill: #123456 }</style><circle r="2"/>"##,
        ] {
            assert!(check(svg(inner).as_bytes()).is_ok(), "{inner}");
        }
        // Inkscape's bookkeeping is allowed.
        let inkscape = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:version="1.2"><sodipodi:namedview id="n" inkscape:zoom="1"/><path d="M0 0"/></svg>"#;
        assert!(check(inkscape.as_bytes()).is_ok());
        let declared = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}",
            svg("<g/>")
        );
        assert!(check(declared.as_bytes()).is_ok());
    }

    /// An SVG fragment and the test its refusal must pass.
    type Case = (&'static str, fn(&LogoProblem) -> bool);

    #[test]
    fn anything_that_runs_or_fetches_is_refused() {
        let cases: [Case; 13] = [
            (
                r#"<script>alert(1)</script>"#,
                |p| matches!(p, LogoProblem::Element(e) if e == "script"),
            ),
            (r#"<circle r="1" onload="alert(1)"/>"#, |p| {
                matches!(p, LogoProblem::EventHandler(_))
            }),
            (r#"<circle r="1" ONCLICK="alert(1)"/>"#, |p| {
                matches!(p, LogoProblem::EventHandler(_))
            }),
            (
                r#"<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>"#,
                |p| matches!(p, LogoProblem::Element(_)),
            ),
            (
                r#"<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>"#,
                |p| matches!(p, LogoProblem::Namespace(_)),
            ),
            (r#"<image href="https://example.org/x.png"/>"#, |p| {
                matches!(p, LogoProblem::ExternalReference(_))
            }),
            (r#"<use xlink:href="http://example.org/x.svg#a"/>"#, |p| {
                matches!(p, LogoProblem::ExternalReference(_))
            }),
            (r#"<use href="data:image/svg+xml;base64,PHN2Zz4="/>"#, |p| {
                matches!(p, LogoProblem::ExternalReference(_))
            }),
            (
                r#"<image href="data:image/svg+xml;base64,PHN2Zz4="/>"#,
                |p| matches!(p, LogoProblem::ExternalReference(_)),
            ),
            (
                r#"<a href="javascript:alert(1)"><circle r="1"/></a>"#,
                |p| matches!(p, LogoProblem::Element(e) if e == "a"),
            ),
            (r#"<rect fill="url(https://example.org/p.svg#x)"/>"#, |p| {
                matches!(p, LogoProblem::ExternalReference(_))
            }),
            (r#"<style>@import url(//example.org/a.css);</style>"#, |p| {
                matches!(p, LogoProblem::ExternalReference(_))
            }),
            (
                r#"<set attributeName="href" to="javascript:alert(1)"/>"#,
                |p| matches!(p, LogoProblem::Element(e) if e == "set"),
            ),
        ];
        for (inner, expected) in cases {
            let problem = check(svg(inner).as_bytes()).unwrap_err();
            assert!(expected(&problem), "{inner}: {problem:?}");
        }
    }

    #[test]
    fn what_is_not_an_svg_file_is_refused() {
        assert_eq!(check(&[0xff, 0xfe, 0x00]), Err(LogoProblem::NotText));
        assert!(matches!(check(b"<svg"), Err(LogoProblem::NotXml(_))));
        assert!(matches!(
            check(b"not xml at all"),
            Err(LogoProblem::NotXml(_))
        ));
        assert_eq!(check(b"<svg/>"), Err(LogoProblem::NotSvg));
        assert_eq!(
            check(br#"<html xmlns="http://www.w3.org/1999/xhtml"/>"#),
            Err(LogoProblem::NotSvg)
        );
        // A DTD (entity expansion, external entities) is refused by the parser.
        let dtd =
            r#"<!DOCTYPE svg [<!ENTITY x "xx">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>"#;
        assert!(matches!(check(dtd.as_bytes()), Err(LogoProblem::NotXml(_))));
        let pi = r#"<?xml-stylesheet href="https://example.org/a.css"?><svg xmlns="http://www.w3.org/2000/svg"/>"#;
        assert!(matches!(
            check(pi.as_bytes()),
            Err(LogoProblem::ProcessingInstruction(_))
        ));
    }
}
