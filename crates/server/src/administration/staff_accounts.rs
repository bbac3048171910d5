//! A staff member with a sign-in account waiting for activation, and its activation
//! link: made by `kring-server init` for the first organisation administrator and by
//! an organisation administrator's invitation for everyone after.

use chrono::{DateTime, Utc};
use kring_api::{Language, StaffRole};

use crate::auth::{links, ACTIVATION_LINK_LIFETIME};
use crate::db::Db;
use crate::problem::ApiError;
use crate::staff_members::role_key;

/// A staff member to make, with checked values (the e-mail address and mobile number
/// in their stored forms).
pub struct NewStaffAccount<'a> {
    /// The organisation.
    pub organisation_id: i64,
    /// Their team, if any.
    pub team_id: Option<i64>,
    /// Their name.
    pub name: &'a str,
    /// Their job title in Dutch.
    pub job_title_nl: &'a str,
    /// Their job title in English.
    pub job_title_en: &'a str,
    /// What they may do.
    pub role: StaffRole,
    /// Their e-mail address (normalised).
    pub email: &'a str,
    /// Their mobile number (E.164).
    pub mobile: &'a str,
    /// The language the portal writes to them in.
    pub language: Language,
}

/// What was made.
pub struct MadeStaffAccount {
    /// The staff member.
    pub staff_member_id: i64,
    /// The activation link's token (only its hash is stored).
    pub token: String,
    /// When the link stops working.
    pub link_expires_at: DateTime<Utc>,
}

impl MadeStaffAccount {
    /// The activation link in the app at `public_url`.
    pub fn link(&self, public_url: &str) -> String {
        format!(
            "{}/activeren#{}",
            public_url.trim_end_matches('/'),
            self.token
        )
    }
}

/// Makes the staff member, their pending account and its activation link in `tx`.
pub async fn insert(
    tx: &mut sqlx::Transaction<'static, Db>,
    new: &NewStaffAccount<'_>,
    now: DateTime<Utc>,
) -> Result<MadeStaffAccount, ApiError> {
    let staff_member_id: i64 = sqlx::query_scalar(
        "INSERT INTO staff_members (organisation_id, team_id, name, job_title_nl, job_title_en, role, email, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(new.organisation_id)
    .bind(new.team_id)
    .bind(new.name)
    .bind(new.job_title_nl)
    .bind(new.job_title_en)
    .bind(role_key(new.role))
    .bind(new.email)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    let account_id: i64 = sqlx::query_scalar(
        "INSERT INTO accounts (organisation_id, display_name, email, mobile, preferred_language, \
         created_at, status, staff_member_id) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) RETURNING id",
    )
    .bind(new.organisation_id)
    .bind(new.name)
    .bind(new.email)
    .bind(new.mobile)
    .bind(new.language.tag())
    .bind(now)
    .bind(staff_member_id)
    .fetch_one(&mut **tx)
    .await?;
    let token = crate::secrets::new_token()?;
    let link_expires_at = now + ACTIVATION_LINK_LIFETIME;
    links::insert(
        &mut **tx,
        account_id,
        "activation",
        &token,
        now,
        link_expires_at,
    )
    .await?;
    Ok(MadeStaffAccount {
        staff_member_id,
        token,
        link_expires_at,
    })
}
