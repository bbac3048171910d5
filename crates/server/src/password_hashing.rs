//! Password hashing: argon2id with the crate's defaults (m=19456 KiB, t=2, p=1: the
//! OWASP minimum), run off the async runtime and at most `concurrency` at a time, so a
//! burst of sign-ins cannot starve the server. The policy a new password must meet is
//! the identity layer's (`auth::passwords`).

use std::sync::Arc;

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
use argon2::Argon2;
use tokio::sync::Semaphore;

use crate::problem::ApiError;

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
        let random = crate::secrets::new_token()?;
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
