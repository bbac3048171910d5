//! Secrets handed to people: session ids, link tokens, attempt tokens, SMS codes.
//! Only their SHA-256 hashes are stored, so a copy of the database opens nothing.

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::problem::ApiError;

/// A new random token: 256 bits, URL-safe base64 without padding.
pub fn new_token() -> Result<String, ApiError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| ApiError::Internal(format!("random: {e}")))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// A token derived from a secret (256 bits, URL-safe base64 without padding): the
/// same secret always gives the same token, and the token does not reveal the secret.
pub fn derived_token(secret: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(secret.as_bytes()))
}

/// The stored form of a token.
pub fn hash_token(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// A new six-digit code, uniformly random.
pub fn new_code() -> Result<String, ApiError> {
    loop {
        let mut bytes = [0u8; 4];
        getrandom::fill(&mut bytes).map_err(|e| ApiError::Internal(format!("random: {e}")))?;
        let n = u32::from_le_bytes(bytes);
        // Reject the top sliver so every code is equally likely.
        if n < 4_294_000_000 {
            return Ok(format!("{:06}", n % 1_000_000));
        }
    }
}

/// The stored form of a code: bound to the attempt it was sent for.
pub fn hash_code(attempt_hash: &str, code: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(attempt_hash.as_bytes());
    hasher.update(b":");
    hasher.update(code.trim().as_bytes());
    hex(&hasher.finalize())
}

/// Compares two hashes without revealing where they differ.
pub fn same_hash(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed_stably() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(hash_token(&a), hash_token(&a));
        assert_ne!(hash_token(&a), hash_token(&b));
    }

    #[test]
    fn codes_are_six_digits_and_bound_to_their_attempt() {
        for _ in 0..100 {
            let code = new_code().unwrap();
            assert_eq!(code.len(), 6);
            assert!(code.bytes().all(|b| b.is_ascii_digit()));
        }
        assert_ne!(hash_code("a", "123456"), hash_code("b", "123456"));
        assert!(same_hash(
            &hash_code("a", "123456"),
            &hash_code("a", " 123456 ")
        ));
    }
}
