//! Password policy: at least 12 characters, any characters (paste allowed), not a
//! common password and not a common word with a few digits or signs around it. The
//! hashing itself is [`crate::password_hashing`].

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::problem::ApiError;

pub use crate::password_hashing::{hash_now, PasswordHasher};

/// The shortest password accepted.
pub const MIN_LENGTH: usize = 12;

static COMMON: LazyLock<HashSet<String>> = LazyLock::new(|| {
    include_str!("../../data/common-passwords.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_lowercase)
        .collect()
});

/// Why a password is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    /// Fewer than [`MIN_LENGTH`] characters.
    TooShort,
    /// A common password, or one built from the person's own e-mail address.
    TooCommon,
}

impl From<PasswordProblem> for ApiError {
    fn from(problem: PasswordProblem) -> Self {
        match problem {
            PasswordProblem::TooShort => ApiError::PasswordTooShort,
            PasswordProblem::TooCommon => ApiError::PasswordTooCommon,
        }
    }
}

/// Checks a new password against the policy.
pub fn check_policy(password: &str, email: &str) -> Result<(), PasswordProblem> {
    if password.chars().count() < MIN_LENGTH {
        return Err(PasswordProblem::TooShort);
    }
    let lower = password.to_lowercase();
    if COMMON.contains(&lower) {
        return Err(PasswordProblem::TooCommon);
    }
    // A common word with a few digits or signs around it ("Welkom2026!!").
    let core = lower.trim_matches(|c: char| !c.is_alphabetic());
    if core.chars().count() >= 4 && COMMON.contains(core) && lower.len() - core.len() <= 8 {
        return Err(PasswordProblem::TooCommon);
    }
    // The same character over and over.
    let mut chars = lower.chars();
    if let Some(first) = chars.next() {
        if chars.all(|c| c == first) {
            return Err(PasswordProblem::TooCommon);
        }
    }
    // The person's own e-mail address, or its name part with a few extra signs.
    let email = email.trim().to_lowercase();
    let local = email.split('@').next().unwrap_or("");
    let without_local = lower.replace(local, "");
    if lower.contains(&email)
        || (local.chars().count() >= 4
            && without_local.chars().filter(|c| c.is_alphabetic()).count() < 4)
    {
        return Err(PasswordProblem::TooCommon);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_refuses_short_common_and_personal_passwords() {
        let email = "daan@demo.example";
        assert_eq!(check_policy("kort", email), Err(PasswordProblem::TooShort));
        assert_eq!(
            check_policy("elf tekens!", email),
            Err(PasswordProblem::TooShort)
        );
        assert_eq!(
            check_policy("qwertyuiop12", email),
            Err(PasswordProblem::TooCommon)
        );
        assert_eq!(
            check_policy("Wachtwoord2026!", email),
            Err(PasswordProblem::TooCommon)
        );
        assert_eq!(
            check_policy("PASSWORD1234", email),
            Err(PasswordProblem::TooCommon)
        );
        assert_eq!(
            check_policy("aaaaaaaaaaaaaaa", email),
            Err(PasswordProblem::TooCommon)
        );
        assert_eq!(
            check_policy("daan@demo.example1", email),
            Err(PasswordProblem::TooCommon)
        );
        assert_eq!(
            check_policy("daan12345678", email),
            Err(PasswordProblem::TooCommon)
        );
        // Long, uncommon, any characters: fine, including spaces and emoji.
        assert_eq!(check_policy("fiets naar de markt 🚲", email), Ok(()));
        assert_eq!(check_policy("Zonnebloem-Tulp-42", email), Ok(()));
    }
}
