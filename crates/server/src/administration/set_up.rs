//! `kring-server init`: the organisation, its starter documents and its first
//! organisation administrator, whose activation e-mail waits in the outbox.

use chrono::{DateTime, Utc};
use kring_api::{DocumentSection, Language, LocalizedText, StaffRole};

use super::phone::dialable;
use super::staff_accounts::{self, NewStaffAccount};
use crate::auth::accounts::{normalize_email, normalize_mobile};
use crate::auth::messages;
use crate::db::Pool;
use crate::organisation::starter_documents::{self, OrgFacts, Section};
use crate::outbox;
use crate::problem::ApiError;

/// What `init` is given.
#[derive(Clone, Debug)]
pub struct NewOrganisation {
    /// The short name in the configuration (`KRING_ORGANISATION`), e.g. `de-linde`.
    pub slug: String,
    /// The full name, e.g. "Zorggroep De Linde".
    pub name: String,
    /// The number to call in an emergency, as people should read it ("030 123 45 67").
    pub emergency_phone: String,
    /// The first organisation administrator's name.
    pub administrator_name: String,
    /// Their e-mail address: the activation link goes here.
    pub administrator_email: String,
    /// Their mobile number: sign-in codes go here.
    pub administrator_mobile: String,
    /// The language of their messages.
    pub language: Language,
}

/// What `init` made.
#[derive(Clone, Debug)]
pub struct SetUpOrganisation {
    /// The organisation's id.
    pub organisation_id: i64,
    /// When the administrator's activation link stops working.
    pub link_expires_at: DateTime<Utc>,
}

/// Why `init` did nothing.
#[derive(Debug, thiserror::Error)]
pub enum SetUpError {
    /// The organisation exists already.
    #[error("an organisation `{0}` exists already: init runs once per organisation")]
    Exists(String),
    /// A value is not usable.
    #[error("{0}")]
    Invalid(String),
    /// The database failed.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// The activation e-mail could not be queued.
    #[error(transparent)]
    Queue(#[from] outbox::SendError),
    /// A token could not be made, or another step failed.
    #[error("{0}")]
    Api(#[from] ApiError),
}

/// Days after a care relation ends that access ends, until the organisation sets it.
const GRACE_DAYS: u32 = 30;
/// Years the portal keeps a client's data after the care ended (R25).
const RETENTION_YEARS: u32 = 20;
/// Days within which a correction request is answered.
const CORRECTION_DAYS: u32 = 30;

/// Creates the organisation, its starter terms (in force today) and privacy statement,
/// and its first administrator (an account waiting for activation, linked to a staff
/// member with the organisation administrator's role), and queues the activation
/// e-mail. All in one transaction: nothing is left half made.
pub async fn set_up(
    db: &Pool,
    new: &NewOrganisation,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<SetUpOrganisation, SetUpError> {
    let slug = checked_slug(&new.slug)?;
    let name = checked_text("the name", &new.name, 100)?;
    let administrator_name =
        checked_text("the administrator's name", &new.administrator_name, 100)?;
    let emergency_display = checked_text("the emergency number", &new.emergency_phone, 30)?;
    let emergency_phone =
        dialable(&emergency_display).map_err(|e| SetUpError::Invalid(e.to_string()))?;
    let email = normalize_email(&new.administrator_email).map_err(|_| {
        SetUpError::Invalid("the administrator's e-mail address is not an e-mail address".into())
    })?;
    let mobile = normalize_mobile(&new.administrator_mobile).map_err(|_| {
        SetUpError::Invalid("the administrator's mobile number is not a mobile number".into())
    })?;

    let mut tx = crate::db::begin_write(db).await?;
    let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM organisations WHERE slug = $1")
        .bind(&slug)
        .fetch_optional(&mut *tx)
        .await?;
    if taken.is_some() {
        return Err(SetUpError::Exists(slug));
    }
    let organisation_id: i64 = sqlx::query_scalar(
        "INSERT INTO organisations (slug, name, short_name, logo_svg, colour_primary, \
         colour_on_primary, colour_accent, emergency_phone, emergency_phone_display, \
         emergency_hours_nl, emergency_hours_en, care_team_phone, care_team_phone_display, \
         care_team_email, care_team_hours_nl, care_team_hours_en, access_grace_days, \
         retention_years, correction_deadline_days, created_at) \
         VALUES ($1, $2, $2, NULL, '#2d4a6b', '#ffffff', '#2d4a6b', $3, $4, \
         'Dag en nacht.', 'Day and night.', $3, $4, $5, \
         'Maandag tot en met vrijdag, 9.00 tot 17.00 uur.', 'Monday to Friday, 9 am to 5 pm.', \
         $6, $7, $8, $9) RETURNING id",
    )
    .bind(&slug)
    .bind(&name)
    .bind(&emergency_phone)
    .bind(&emergency_display)
    .bind(&email)
    .bind(i64::from(GRACE_DAYS))
    .bind(i64::from(RETENTION_YEARS))
    .bind(i64::from(CORRECTION_DAYS))
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;

    let facts = OrgFacts {
        name: &name,
        grace_days: GRACE_DAYS,
        retention_years: RETENTION_YEARS,
        correction_days: CORRECTION_DAYS,
        emergency_phone: &emergency_display,
        care_team_email: &email,
    };
    sqlx::query(
        "INSERT INTO terms_versions (organisation_id, version, in_force_from, published_at, \
         change_summary_nl, change_summary_en, sections) VALUES ($1, 1, $2, $3, '', '', $4)",
    )
    .bind(organisation_id)
    .bind(now.date_naive())
    .bind(now)
    .bind(sections_json(starter_documents::terms_v2(&facts))?)
    .execute(&mut *tx)
    .await?;
    sqlx::query("INSERT INTO privacy_statements (organisation_id, updated_on, sections) VALUES ($1, $2, $3)")
        .bind(organisation_id)
        .bind(now.date_naive())
        .bind(sections_json(starter_documents::privacy_statement(&facts))?)
        .execute(&mut *tx)
        .await?;

    let made = staff_accounts::insert(
        &mut tx,
        &NewStaffAccount {
            organisation_id,
            team_id: None,
            name: &administrator_name,
            job_title_nl: "Beheerder",
            job_title_en: "Administrator",
            role: StaffRole::OrganisationAdmin,
            email: &email,
            mobile: &mobile,
            language: new.language,
        },
        now,
    )
    .await?;
    let message = messages::organisation_set_up_email(
        &email,
        &administrator_name,
        &made.link(public_url),
        &name,
        new.language,
    );
    outbox::queue(&mut *tx, organisation_id, &message, now).await?;
    tx.commit().await?;
    Ok(SetUpOrganisation {
        organisation_id,
        link_expires_at: made.link_expires_at,
    })
}

fn sections_json(sections: Vec<Section>) -> Result<String, SetUpError> {
    let sections: Vec<DocumentSection> = sections
        .into_iter()
        .map(|s| DocumentSection {
            heading: LocalizedText::new(s.heading_nl, s.heading_en),
            body: LocalizedText::new(s.body_nl, s.body_en),
        })
        .collect();
    serde_json::to_string(&sections)
        .map_err(|e| SetUpError::Api(ApiError::Internal(format!("documents: {e}"))))
}

/// A slug: 2 to 40 lowercase letters, digits and hyphens, not starting or ending with
/// a hyphen.
fn checked_slug(slug: &str) -> Result<String, SetUpError> {
    let slug = slug.trim();
    let fine = (2..=40).contains(&slug.len())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-');
    if fine {
        Ok(slug.to_owned())
    } else {
        Err(SetUpError::Invalid(format!(
            "`{slug}` cannot be the organisation's short name: use 2 to 40 lowercase letters, digits and hyphens, e.g. de-linde"
        )))
    }
}

fn checked_text(what: &str, text: &str, max: usize) -> Result<String, SetUpError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(SetUpError::Invalid(format!("{what} is empty")));
    }
    if text.chars().count() > max {
        return Err(SetUpError::Invalid(format!(
            "{what} is longer than {max} characters"
        )));
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod unit_tests {
    use super::checked_slug;

    #[test]
    fn slugs_are_short_lowercase_names() {
        assert_eq!(checked_slug(" de-linde ").unwrap(), "de-linde");
        assert!(checked_slug("De Linde").is_err());
        assert!(checked_slug("-x").is_err());
        assert!(checked_slug("a").is_err());
    }
}
