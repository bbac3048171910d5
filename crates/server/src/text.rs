//! Texts people type: checked for emptiness and length before they are stored.

use crate::problem::ApiError;

/// A trimmed text of 1 to `max` characters, or the matching problem.
pub fn bounded_text(field: &str, value: &str, max: usize) -> Result<String, ApiError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(ApiError::InvalidBody(format!("{field} is empty")));
    }
    if value.chars().count() > max {
        return Err(ApiError::TextTooLong(max));
    }
    Ok(value.to_owned())
}

/// The number a phone dials for a number as people write it: spaces, dashes, dots and
/// brackets dropped, a Dutch number starting with 0 given its country code
/// (`030 123 45 67` becomes `+31301234567`), short numbers such as 112 kept. `None`
/// for anything that is not a phone number.
pub fn dialable_phone(written: &str) -> Option<String> {
    let digits: String = written
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.'))
        .collect();
    let (plus, rest) = match digits.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, digits.as_str()),
    };
    if rest.is_empty() || rest.len() > 15 || !rest.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(if plus {
        format!("+{rest}")
    } else if let Some(national) = rest.strip_prefix('0').filter(|n| n.len() == 9) {
        format!("+31{national}")
    } else {
        rest.to_owned()
    })
}
