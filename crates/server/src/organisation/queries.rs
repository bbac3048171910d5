//! Database access for the organisation.

use chrono::NaiveDate;
use kring_api::{
    BrandColours, CareTeamContact, DocumentSection, EmergencyContact, LocalizedText, Organisation,
    PrivacyStatement,
};

use crate::db::Pool;

#[derive(sqlx::FromRow)]
struct OrganisationRow {
    slug: String,
    name: String,
    short_name: String,
    has_logo: bool,
    colour_primary: String,
    colour_on_primary: String,
    colour_accent: String,
    emergency_phone: String,
    emergency_phone_display: String,
    emergency_hours_nl: String,
    emergency_hours_en: String,
    care_team_phone: String,
    care_team_phone_display: String,
    care_team_email: String,
    care_team_hours_nl: String,
    care_team_hours_en: String,
    access_grace_days: i64,
    retention_years: i64,
    correction_deadline_days: i64,
}

/// Why the configured organisation could not be used.
#[derive(Debug, thiserror::Error)]
pub enum OrganisationLookupError {
    /// No organisation has this slug.
    #[error("there is no organisation `{slug}` in the database (known: {known})")]
    Unknown {
        /// The slug asked for.
        slug: String,
        /// The slugs that exist.
        known: String,
    },
    /// The database failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// The id of the organisation with this slug.
pub async fn organisation_id_by_slug(
    db: &Pool,
    slug: &str,
) -> Result<i64, OrganisationLookupError> {
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM organisations WHERE slug = $1")
        .bind(slug)
        .fetch_optional(db)
        .await?;
    match id {
        Some(id) => Ok(id),
        None => {
            let known: Vec<String> =
                sqlx::query_scalar("SELECT slug FROM organisations ORDER BY slug")
                    .fetch_all(db)
                    .await?;
            Err(OrganisationLookupError::Unknown {
                slug: slug.to_owned(),
                known: if known.is_empty() {
                    "none; start with --demo to create demo data".to_owned()
                } else {
                    known.join(", ")
                },
            })
        }
    }
}

/// The terms version in force on `today`, if any.
pub async fn current_terms_version(
    db: &Pool,
    organisation_id: i64,
    today: NaiveDate,
) -> Result<Option<u32>, sqlx::Error> {
    let version: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(version) FROM terms_versions WHERE organisation_id = $1 AND in_force_from <= $2",
    )
    .bind(organisation_id)
    .bind(today)
    .fetch_one(db)
    .await?;
    Ok(version.and_then(|v| u32::try_from(v).ok()))
}

/// The organisation's public facts.
pub async fn organisation(
    db: &Pool,
    organisation_id: i64,
    today: NaiveDate,
) -> Result<Option<Organisation>, sqlx::Error> {
    let row: Option<OrganisationRow> = sqlx::query_as(
        "SELECT slug, name, short_name, logo_svg IS NOT NULL AS has_logo, colour_primary, \
         colour_on_primary, colour_accent, emergency_phone, emergency_phone_display, \
         emergency_hours_nl, emergency_hours_en, care_team_phone, care_team_phone_display, \
         care_team_email, care_team_hours_nl, care_team_hours_en, access_grace_days, \
         retention_years, correction_deadline_days \
         FROM organisations WHERE id = $1",
    )
    .bind(organisation_id)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let current_terms_version = current_terms_version(db, organisation_id, today).await?;
    Ok(Some(Organisation {
        slug: row.slug,
        name: row.name,
        short_name: row.short_name,
        logo_url: row.has_logo.then(|| {
            format!(
                "{}{}",
                kring_api::paths::API_BASE,
                kring_api::paths::ORGANISATION_LOGO
            )
        }),
        colours: BrandColours {
            primary: row.colour_primary,
            on_primary: row.colour_on_primary,
            accent: row.colour_accent,
        },
        emergency: EmergencyContact {
            phone: row.emergency_phone,
            phone_display: row.emergency_phone_display,
            hours: LocalizedText::new(row.emergency_hours_nl, row.emergency_hours_en),
        },
        care_team: CareTeamContact {
            phone: row.care_team_phone,
            phone_display: row.care_team_phone_display,
            email: row.care_team_email,
            hours: LocalizedText::new(row.care_team_hours_nl, row.care_team_hours_en),
        },
        access_grace_days: u32::try_from(row.access_grace_days).unwrap_or(0),
        retention_years: u32::try_from(row.retention_years).unwrap_or(20),
        correction_deadline_days: u32::try_from(row.correction_deadline_days).unwrap_or(30),
        current_terms_version,
        // Known from the server's configuration, not the database: the route fills it.
        sign_in_services: false,
    }))
}

/// The organisation's logo as SVG text, if it has one.
pub async fn logo_svg(db: &Pool, organisation_id: i64) -> Result<Option<String>, sqlx::Error> {
    let logo: Option<Option<String>> =
        sqlx::query_scalar("SELECT logo_svg FROM organisations WHERE id = $1")
            .bind(organisation_id)
            .fetch_optional(db)
            .await?;
    Ok(logo.flatten())
}

/// The organisation's privacy statement, if published.
pub async fn privacy_statement(
    db: &Pool,
    organisation_id: i64,
) -> Result<Option<PrivacyStatement>, crate::problem::ApiError> {
    let row: Option<(NaiveDate, String, i64)> = sqlx::query_as(
        "SELECT p.updated_on, p.sections, o.retention_years FROM privacy_statements p \
         JOIN organisations o ON o.id = p.organisation_id WHERE p.organisation_id = $1",
    )
    .bind(organisation_id)
    .fetch_optional(db)
    .await?;
    let Some((updated_on, sections, retention_years)) = row else {
        return Ok(None);
    };
    let sections: Vec<DocumentSection> = serde_json::from_str(&sections)
        .map_err(|e| crate::problem::ApiError::Internal(format!("privacy statement JSON: {e}")))?;
    Ok(Some(PrivacyStatement {
        updated_on: updated_on.into(),
        sections,
        retention_years: u32::try_from(retention_years).unwrap_or(u32::MAX),
    }))
}

/// The organisation's full name, for messages.
pub async fn name(db: &Pool, organisation_id: i64) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM organisations WHERE id = $1")
        .bind(organisation_id)
        .fetch_one(db)
        .await
}
