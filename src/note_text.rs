//! A note's plain text cut into text and web addresses, so addresses can be shown as
//! links while everything else stays text (never markup).

/// A piece of a note's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Plain text, shown as a text node.
    Text(String),
    /// An `http://` or `https://` address, shown as a link.
    Link(String),
}

/// Characters that end an address: they cannot be in one written in running text, and
/// some (`<`, `>`, `"`) must never reach an `href`.
fn ends_address(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '<' | '>' | '"' | '`' | '{' | '}' | '|' | '\\' | '^')
}

/// Punctuation that closes a sentence rather than the address ("zie https://x.nl/a.").
fn trailing_punctuation(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | ')' | ']')
}

/// Where the next address starts at or after `from`, if any.
fn next_address(text: &str, from: usize) -> Option<usize> {
    let rest = &text[from..];
    let http = rest.find("http://");
    let https = rest.find("https://");
    let at = match (http, https) {
        (Some(a), Some(b)) => a.min(b),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => return None,
    };
    Some(from + at)
}

/// How long the address starting at `text[start..]` is, in bytes; 0 when only the
/// scheme is there.
fn address_length(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    let scheme = if rest.starts_with("https://") { 8 } else { 7 };
    let mut end = rest.find(ends_address).unwrap_or(rest.len());
    // A closing bracket belongs to the address only when it also opens one
    // (https://nl.wikipedia.org/wiki/Kring_(meetkunde)).
    while let Some(last) = rest[..end].chars().next_back() {
        let balanced = match last {
            ')' => rest[..end].matches('(').count() >= rest[..end].matches(')').count(),
            ']' => rest[..end].matches('[').count() >= rest[..end].matches(']').count(),
            _ => false,
        };
        if end > scheme && trailing_punctuation(last) && !balanced {
            end -= last.len_utf8();
        } else {
            break;
        }
    }
    if end <= scheme {
        0
    } else {
        end
    }
}

/// Cuts `text` into text and `http(s)://` addresses. Joining the segments gives `text`
/// back unchanged.
pub fn split_links(text: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut plain_from = 0;
    let mut search_from = 0;
    while let Some(start) = next_address(text, search_from) {
        // "xhttps://" is not an address: it must start a word.
        let starts_word = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let length = if starts_word {
            address_length(text, start)
        } else {
            0
        };
        if length == 0 {
            search_from = start + 1;
            continue;
        }
        if start > plain_from {
            segments.push(Segment::Text(text[plain_from..start].to_owned()));
        }
        segments.push(Segment::Link(text[start..start + length].to_owned()));
        plain_from = start + length;
        search_from = plain_from;
    }
    if plain_from < text.len() {
        segments.push(Segment::Text(text[plain_from..].to_owned()));
    }
    segments
}
