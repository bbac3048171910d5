//! Password policy and hashing.
//!
//! Policy: at least 12 characters, any characters (paste allowed), not a common
//! password and not a common word with a few digits or signs around it.
//! Hashing: argon2id with the crate's defaults (m=19456 KiB, t=2, p=1: the OWASP
//! minimum), run off the async runtime and at most `concurrency` at a time, so a burst
//! of sign-ins cannot starve the server.

use std::collections::HashSet;
use std::sync::{Arc, LazyLock};

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
use argon2::Argon2;
use tokio::sync::Semaphore;

use crate::problem::ApiError;

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

/// Hashes and verifies passwords off the async runtime, a bounded number at a time.
#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    /// A hash of a random password: unknown e-mail addresses are checked against it, so
    /// they take as long as known ones.
    dummy_hash: Arc<String>,
}

impl PasswordHasher {
    /// A hasher that runs at most `concurrency` hashes at once.
    pub fn new(concurrency: usize) -> Result<Self, ApiError> {
        let random = super::tokens::new_token()?;
        let dummy = hash_blocking(&random)?;
        Ok(Self {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
            dummy_hash: Arc::new(dummy),
        })
    }

    /// The PHC string of a new password.
    pub async fn hash(&self, password: String) -> Result<String, ApiError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| ApiError::Internal(format!("hasher closed: {e}")))?;
        tokio::task::spawn_blocking(move || hash_blocking(&password))
            .await
            .map_err(|e| ApiError::Internal(format!("hashing task: {e}")))?
    }

    /// Whether `password` matches `stored`; with no stored hash it checks against a
    /// dummy (same time taken) and answers false.
    pub async fn verify(&self, password: String, stored: Option<String>) -> Result<bool, ApiError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| ApiError::Internal(format!("hasher closed: {e}")))?;
        let known = stored.is_some();
        let hash = stored.unwrap_or_else(|| self.dummy_hash.as_ref().clone());
        let matches = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&hash)
                .map(|parsed| {
                    Argon2::default()
                        .verify_password(password.as_bytes(), &parsed)
                        .is_ok()
                })
                .unwrap_or(false)
        })
        .await
        .map_err(|e| ApiError::Internal(format!("hashing task: {e}")))?;
        Ok(known && matches)
    }
}

/// Hashes a password on the calling thread (for set-up work such as demo data, never
/// in a request).
pub fn hash_now(password: &str) -> Result<String, ApiError> {
    hash_blocking(password)
}

fn hash_blocking(password: &str) -> Result<String, ApiError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| ApiError::Internal(format!("argon2: {e}")))
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

    #[tokio::test]
    async fn hashes_verify_and_unknown_accounts_never_match() {
        let hasher = PasswordHasher::new(2).unwrap();
        let hash = hasher.hash("fiets naar de markt".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(hasher
            .verify("fiets naar de markt".into(), Some(hash.clone()))
            .await
            .unwrap());
        assert!(!hasher
            .verify("fiets naar de mark".into(), Some(hash))
            .await
            .unwrap());
        assert!(!hasher.verify("anything".into(), None).await.unwrap());
    }
}
