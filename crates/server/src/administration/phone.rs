//! Phone numbers the organisation enters for people to call: the organisation's
//! emergency number (`kring-server init`) and a team's own.

/// Why a written number cannot be called.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    /// Letters, or no digits, or more than 15 digits.
    #[error("`{0}` is not a phone number")]
    NotANumber(String),
    /// A short number (112, 144): not a team's own line.
    #[error("`{0}` is a short number, not a team's own number")]
    Short(String),
}

/// The number a phone dials for a number as written: spaces, dashes, dots and brackets
/// dropped, a Dutch number starting with 0 given its country code (`030 123 45 67`
/// becomes `+31301234567`), `00` read as `+`, short numbers such as 112 kept.
pub fn dialable(written: &str) -> Result<String, PhoneError> {
    let digits: String = written
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.'))
        .collect();
    let (plus, rest) = match digits.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => match digits.strip_prefix("00") {
            Some(rest) if !rest.is_empty() => (true, rest),
            _ => (false, digits.as_str()),
        },
    };
    if rest.is_empty() || rest.len() > 15 || !rest.chars().all(|c| c.is_ascii_digit()) {
        return Err(PhoneError::NotANumber(written.to_owned()));
    }
    Ok(if plus {
        format!("+{rest}")
    } else if let Some(national) = rest.strip_prefix('0').filter(|n| n.len() == 9) {
        format!("+31{national}")
    } else {
        rest.to_owned()
    })
}

/// A team's own number, dialable: a whole number with its country code once
/// normalised (a Dutch number has nine digits after `+31`, another country's 8 to 15
/// in all). Short numbers (112) and service numbers without an area code are refused:
/// in an emergency 112 is called anyway, and a team's clients need the team.
pub fn team_phone(written: &str) -> Result<String, PhoneError> {
    let dialable = dialable(written)?;
    let Some(digits) = dialable.strip_prefix('+') else {
        return Err(PhoneError::Short(written.to_owned()));
    };
    let whole = match digits.strip_prefix("31") {
        Some(dutch) => dutch.len() == 9 && !dutch.starts_with('0'),
        None => (8..=15).contains(&digits.len()),
    };
    if whole {
        Ok(dialable)
    } else {
        Err(PhoneError::NotANumber(written.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::{dialable, team_phone, PhoneError};

    #[test]
    fn written_numbers_become_dialable() {
        assert_eq!(dialable("030 123 45 67").unwrap(), "+31301234567");
        assert_eq!(dialable("+31 30-123 45 67").unwrap(), "+31301234567");
        assert_eq!(dialable("0031 30 1234567").unwrap(), "+31301234567");
        assert_eq!(dialable("112").unwrap(), "112");
        assert!(dialable("bel ons").is_err());
    }

    #[test]
    fn a_team_number_is_a_whole_number() {
        assert_eq!(team_phone("0201234567").unwrap(), "+31201234567");
        assert_eq!(team_phone("+31 20 123 4567").unwrap(), "+31201234567");
        assert_eq!(team_phone("(020) 123-45.67").unwrap(), "+31201234567");
        assert_eq!(team_phone("06 12345678").unwrap(), "+31612345678");
        assert_eq!(team_phone("+32 2 123 45 67").unwrap(), "+3221234567");
        assert!(matches!(team_phone("112"), Err(PhoneError::Short(_))));
        assert!(matches!(team_phone("0900 1234"), Err(PhoneError::Short(_))));
        assert!(team_phone("020 123 456").is_err());
        assert!(team_phone("+31 20 123 45 678").is_err());
        assert!(team_phone("bel ons").is_err());
        assert!(team_phone("").is_err());
    }
}
