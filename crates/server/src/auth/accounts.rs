//! Accounts: loading them, and the forms of e-mail addresses and mobile numbers.

use chrono::{DateTime, Utc};
use kring_api::Language;

use crate::db::Pool;
use crate::problem::ApiError;

/// An account as the server works with it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Account {
    /// Its id.
    pub id: i64,
    /// The organisation it belongs to.
    pub organisation_id: i64,
    /// The person's name.
    pub display_name: String,
    /// E-mail address (normalised).
    pub email: String,
    /// Mobile number (E.164).
    pub mobile: String,
    /// `nl` or `en`.
    pub preferred_language: String,
    /// `pending`, `active`, `suspended` or `ended`.
    pub status: String,
    /// The organisation's reason for a suspension.
    pub status_reason: Option<String>,
    /// The argon2 PHC string, once a password was set.
    pub password_hash: Option<String>,
    /// When the mobile number was confirmed with a code.
    pub mobile_verified_at: Option<DateTime<Utc>>,
    /// The staff member this account belongs to, for staff.
    pub staff_member_id: Option<i64>,
    /// When staff reset the second factor (a lost phone); cleared when a new number is
    /// confirmed or a passkey added.
    pub second_factor_reset_at: Option<DateTime<Utc>>,
    /// Whether the account has at least one passkey (read with the row, so the check
    /// for a second factor needs no query of its own).
    pub has_passkey: bool,
}

/// The columns of [`Account`], for queries that join other tables.
pub const ACCOUNT_COLUMNS: &str = "a.id, a.organisation_id, a.display_name, a.email, a.mobile, \
     a.preferred_language, a.status, a.status_reason, a.password_hash, a.mobile_verified_at, a.staff_member_id, \
     a.second_factor_reset_at, \
     EXISTS (SELECT 1 FROM passkeys p WHERE p.account_id = a.id) AS has_passkey";

impl Account {
    /// The language to write to this person in.
    pub fn language(&self) -> Language {
        if self.preferred_language == "en" {
            Language::En
        } else {
            Language::Nl
        }
    }

    /// Whether the account has a second factor to sign in with: a verified mobile
    /// number or a passkey. Without one, a session can only set one up.
    pub fn has_second_factor(&self) -> bool {
        self.mobile_verified_at.is_some() || self.has_passkey
    }

    /// Whether staff reset the second factor and the person must set up a new one: the
    /// only case where the password alone opens a session (which can do nothing else).
    /// An account still waiting for activation never qualifies.
    pub fn awaits_new_second_factor(&self) -> bool {
        self.status == "active"
            && self.second_factor_reset_at.is_some()
            && !self.has_second_factor()
    }

    /// Whether the account can sign in with its password at all: a second factor, or
    /// one to set up after a reset.
    pub fn can_sign_in(&self) -> bool {
        self.has_second_factor() || self.awaits_new_second_factor()
    }

    /// Refuses suspended and ended accounts with their own problem.
    pub fn check_usable(&self) -> Result<(), ApiError> {
        match self.status.as_str() {
            "suspended" => Err(ApiError::AccountSuspended(
                self.status_reason.clone().unwrap_or_default(),
            )),
            "ended" => Err(ApiError::AccountEnded),
            _ => Ok(()),
        }
    }
}

/// Loads an account by id within an organisation.
pub async fn by_id(db: &Pool, organisation_id: i64, id: i64) -> Result<Option<Account>, ApiError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = $1 AND a.organisation_id = $2"
    ))
    .bind(id)
    .bind(organisation_id)
    .fetch_optional(db)
    .await?)
}

/// Loads an account by e-mail address within an organisation.
pub async fn by_email(
    db: &Pool,
    organisation_id: i64,
    email: &str,
) -> Result<Option<Account>, ApiError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.email = $1 AND a.organisation_id = $2"
    ))
    .bind(email)
    .bind(organisation_id)
    .fetch_optional(db)
    .await?)
}

/// The last two digits of a number, for showing where a code went: `•• 78`.
pub fn mobile_hint(mobile: &str) -> String {
    let digits: Vec<char> = mobile.chars().filter(char::is_ascii_digit).collect();
    let tail: String = digits[digits.len().saturating_sub(2)..].iter().collect();
    format!("•• {tail}")
}

/// An e-mail address in its stored form (trimmed, lower case), or `email-invalid`.
pub fn normalize_email(input: &str) -> Result<String, ApiError> {
    let email = input.trim().to_lowercase();
    let valid = email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            }
            None => false,
        };
    if valid {
        Ok(email)
    } else {
        Err(ApiError::EmailInvalid)
    }
}

/// A mobile number in E.164 form. Dutch numbers may be written the Dutch way
/// (`06 12345678`); others need their country code (`+32 470 12 34 56`).
pub fn normalize_mobile(input: &str) -> Result<String, ApiError> {
    let cleaned: String = input
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    let international = if let Some(rest) = cleaned.strip_prefix("00") {
        format!("+{rest}")
    } else if let Some(rest) = cleaned.strip_prefix('0') {
        format!("+31{rest}")
    } else {
        cleaned
    };
    let digits = international
        .strip_prefix('+')
        .ok_or(ApiError::MobileInvalid)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::MobileInvalid);
    }
    let valid = if let Some(dutch) = digits.strip_prefix("31") {
        dutch.len() == 9 && dutch.starts_with('6')
    } else {
        (8..=15).contains(&digits.len())
    };
    if valid {
        Ok(international)
    } else {
        Err(ApiError::MobileInvalid)
    }
}

/// Whether someone with this address has an open invitation into a circle of the
/// organisation (not accepted, withdrawn or expired).
pub async fn has_open_invitation(
    db: &Pool,
    organisation_id: i64,
    email: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let invited: Option<i64> = sqlx::query_scalar(
        "SELECT i.id FROM network_invitations i JOIN clients c ON c.id = i.client_id \
         WHERE i.email = $1 AND c.organisation_id = $2 AND i.accepted_at IS NULL \
         AND i.withdrawn_at IS NULL AND i.expires_at > $3 LIMIT 1",
    )
    .bind(email)
    .bind(organisation_id)
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(invited.is_some())
}

/// Stores an account's new password hash.
pub async fn set_password_hash(db: &Pool, account_id: i64, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(account_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Marks an account's e-mail address and mobile number verified; a pending account
/// becomes active.
pub async fn mark_activated(
    db: &Pool,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE accounts SET email_verified_at = $1, mobile_verified_at = $1, \
         status = CASE WHEN status = 'pending' THEN 'active' ELSE status END WHERE id = $2",
    )
    .bind(now)
    .bind(account_id)
    .execute(db)
    .await?;
    Ok(())
}

/// Stores an account's new mobile number, verified now.
pub async fn set_verified_mobile(
    db: &Pool,
    account_id: i64,
    mobile: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE accounts SET mobile = $1, mobile_verified_at = $2, second_factor_reset_at = NULL \
         WHERE id = $3",
    )
    .bind(mobile)
    .bind(now)
    .bind(account_id)
    .execute(db)
    .await?;
    Ok(())
}

/// Whether another account of the organisation uses this e-mail address.
pub async fn email_in_use(
    db: &Pool,
    organisation_id: i64,
    email: &str,
    except_account_id: i64,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM accounts WHERE organisation_id = $1 AND email = $2 AND id <> $3",
    )
    .bind(organisation_id)
    .bind(email)
    .bind(except_account_id)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

/// Stores an account's new e-mail address, verified now (by its link), in the caller's
/// transaction.
pub async fn set_verified_email<'e>(
    db: impl sqlx::Executor<'e, Database = crate::db::Db>,
    account_id: i64,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET email = $1, email_verified_at = $2 WHERE id = $3")
        .bind(email)
        .bind(now)
        .bind(account_id)
        .execute(db)
        .await?;
    Ok(())
}

/// The account's new second factor after a reset is a passkey: the reset is over. In
/// the caller's transaction.
pub async fn end_second_factor_reset<'e>(
    db: impl sqlx::Executor<'e, Database = crate::db::Db>,
    account_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET second_factor_reset_at = NULL WHERE id = $1")
        .bind(account_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Takes the second factor off an account (a lost phone): the number is no longer
/// verified, and the next sign-in must set up a new one. In the caller's transaction.
pub async fn reset_second_factor<'e>(
    db: impl sqlx::Executor<'e, Database = crate::db::Db>,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE accounts SET mobile_verified_at = NULL, second_factor_reset_at = $1 WHERE id = $2",
    )
    .bind(now)
    .bind(account_id)
    .execute(db)
    .await?;
    Ok(())
}

/// Marks an account deleted by its owner: ended, without password, so it can no longer
/// sign in. The row stays (what the person added in the dossier names it). In the
/// caller's transaction.
pub async fn mark_deleted<'e>(
    db: impl sqlx::Executor<'e, Database = crate::db::Db>,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE accounts SET status = 'ended', status_reason = 'deleted', deleted_at = $1, \
         password_hash = NULL, mobile_verified_at = NULL, second_factor_reset_at = NULL \
         WHERE id = $2",
    )
    .bind(now)
    .bind(account_id)
    .execute(db)
    .await?;
    Ok(())
}

/// Whether the account was deleted by its owner (it may be given access again, and is
/// then opened as a new account).
pub async fn is_deleted(db: &Pool, account_id: i64) -> Result<bool, sqlx::Error> {
    let deleted: Option<DateTime<Utc>> =
        sqlx::query_scalar("SELECT deleted_at FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_optional(db)
            .await?
            .flatten();
    Ok(deleted.is_some())
}

/// Opens a deleted account again as a new one, waiting for activation with the
/// organisation's details (someone given access again to the same address).
pub async fn reopen_deleted(
    db: &Pool,
    account_id: i64,
    name: &str,
    mobile: &str,
    language: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE accounts SET status = 'pending', status_reason = NULL, deleted_at = NULL, \
         display_name = $1, mobile = $2, preferred_language = $3, password_hash = NULL, \
         mobile_verified_at = NULL, email_verified_at = NULL \
         WHERE id = $4 AND deleted_at IS NOT NULL",
    )
    .bind(name)
    .bind(mobile)
    .bind(language)
    .bind(account_id)
    .execute(db)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobile_numbers_are_normalised() {
        assert_eq!(normalize_mobile("06 12345678").unwrap(), "+31612345678");
        assert_eq!(normalize_mobile("06-1234 5678").unwrap(), "+31612345678");
        assert_eq!(normalize_mobile("+31 6 12345678").unwrap(), "+31612345678");
        assert_eq!(normalize_mobile("0031612345678").unwrap(), "+31612345678");
        assert_eq!(
            normalize_mobile("+32 470 12 34 56").unwrap(),
            "+32470123456"
        );
        assert!(
            normalize_mobile("020 1234567").is_err(),
            "a Dutch landline is not a mobile"
        );
        assert!(normalize_mobile("06 1234").is_err());
        assert!(normalize_mobile("bel me").is_err());
    }

    #[test]
    fn email_addresses_are_normalised() {
        assert_eq!(
            normalize_email("  Daan@Demo.Example ").unwrap(),
            "daan@demo.example"
        );
        assert!(normalize_email("daan").is_err());
        assert!(normalize_email("daan@localhost").is_err());
        assert!(normalize_email("da an@demo.example").is_err());
    }

    #[test]
    fn hints_show_two_digits() {
        assert_eq!(mobile_hint("+31612345678"), "•• 78");
    }
}
