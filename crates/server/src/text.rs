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
