//! Database access for the organisation's settings and their log.

use chrono::{DateTime, NaiveDate, Utc};
use kring_api::{BrandColours, DocumentSection, LocalizedText, OrganisationSettings};

use crate::db::{Db, Pool};
use crate::problem::ApiError;

type Tx = sqlx::Transaction<'static, Db>;

#[derive(sqlx::FromRow)]
struct SettingsRow {
    name: String,
    short_name: String,
    colour_primary: String,
    colour_on_primary: String,
    colour_accent: String,
    emergency_phone_display: String,
    emergency_hours_nl: String,
    emergency_hours_en: String,
    access_grace_days: i64,
    retention_years: i64,
    correction_deadline_days: i64,
}

const SETTINGS_COLUMNS: &str = "name, short_name, colour_primary, colour_on_primary, \
     colour_accent, emergency_phone_display, emergency_hours_nl, emergency_hours_en, \
     access_grace_days, retention_years, correction_deadline_days";

fn settings_of(row: SettingsRow) -> OrganisationSettings {
    let count = |value: i64| u32::try_from(value).unwrap_or(0);
    OrganisationSettings {
        name: row.name,
        short_name: row.short_name,
        colours: BrandColours {
            primary: row.colour_primary,
            on_primary: row.colour_on_primary,
            accent: row.colour_accent,
        },
        emergency_phone: row.emergency_phone_display,
        emergency_hours: LocalizedText::new(row.emergency_hours_nl, row.emergency_hours_en),
        access_grace_days: count(row.access_grace_days),
        retention_years: count(row.retention_years),
        correction_deadline_days: count(row.correction_deadline_days),
    }
}

/// The organisation's settings as the settings screen shows them.
pub async fn settings(db: &Pool, organisation_id: i64) -> Result<OrganisationSettings, ApiError> {
    let row: Option<SettingsRow> = sqlx::query_as(&format!(
        "SELECT {SETTINGS_COLUMNS} FROM organisations WHERE id = $1"
    ))
    .bind(organisation_id)
    .fetch_optional(db)
    .await?;
    row.map(settings_of).ok_or(ApiError::NotFound)
}

/// The settings read inside `tx`, so the comparison for the log sees what the change
/// replaces.
pub async fn settings_in(
    tx: &mut Tx,
    organisation_id: i64,
) -> Result<OrganisationSettings, ApiError> {
    let row: Option<SettingsRow> = sqlx::query_as(&format!(
        "SELECT {SETTINGS_COLUMNS} FROM organisations WHERE id = $1"
    ))
    .bind(organisation_id)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(settings_of).ok_or(ApiError::NotFound)
}

/// Stores checked settings (`dial` is the number a phone dials).
pub async fn update_settings(
    tx: &mut Tx,
    organisation_id: i64,
    settings: &OrganisationSettings,
    dial: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE organisations SET name = $1, short_name = $2, colour_primary = $3, \
         colour_on_primary = $4, colour_accent = $5, emergency_phone = $6, \
         emergency_phone_display = $7, emergency_hours_nl = $8, emergency_hours_en = $9, \
         access_grace_days = $10, retention_years = $11, correction_deadline_days = $12 \
         WHERE id = $13",
    )
    .bind(&settings.name)
    .bind(&settings.short_name)
    .bind(&settings.colours.primary)
    .bind(&settings.colours.on_primary)
    .bind(&settings.colours.accent)
    .bind(dial)
    .bind(&settings.emergency_phone)
    .bind(&settings.emergency_hours.nl)
    .bind(&settings.emergency_hours.en)
    .bind(i64::from(settings.access_grace_days))
    .bind(i64::from(settings.retention_years))
    .bind(i64::from(settings.correction_deadline_days))
    .bind(organisation_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Replaces the logo (`None` removes it); answers whether there was one before.
pub async fn set_logo(
    tx: &mut Tx,
    organisation_id: i64,
    svg: Option<&str>,
) -> Result<bool, ApiError> {
    let before: Option<Option<String>> =
        sqlx::query_scalar("SELECT logo_svg FROM organisations WHERE id = $1")
            .bind(organisation_id)
            .fetch_optional(&mut **tx)
            .await?;
    let had_logo = before.ok_or(ApiError::NotFound)?.is_some();
    sqlx::query("UPDATE organisations SET logo_svg = $1 WHERE id = $2")
        .bind(svg)
        .bind(organisation_id)
        .execute(&mut **tx)
        .await?;
    Ok(had_logo)
}

/// Replaces the privacy statement (or publishes the first), dated `today`.
pub async fn set_privacy_statement(
    tx: &mut Tx,
    organisation_id: i64,
    sections: &[DocumentSection],
    today: NaiveDate,
) -> Result<(), ApiError> {
    let sections = serde_json::to_string(sections)
        .map_err(|e| ApiError::Internal(format!("privacy statement sections: {e}")))?;
    sqlx::query(
        "INSERT INTO privacy_statements (organisation_id, updated_on, sections) VALUES ($1, $2, $3) \
         ON CONFLICT (organisation_id) DO UPDATE SET updated_on = excluded.updated_on, \
         sections = excluded.sections",
    )
    .bind(organisation_id)
    .bind(today)
    .bind(sections)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// What a log entry is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// The settings form.
    Settings,
    /// The logo.
    Logo,
    /// The privacy statement.
    PrivacyStatement,
}

impl Subject {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Settings => "settings",
            Subject::Logo => "logo",
            Subject::PrivacyStatement => "privacy_statement",
        }
    }
}

/// One change for the organisation settings log.
pub struct LogEntry<'a> {
    /// The organisation.
    pub organisation_id: i64,
    /// When.
    pub changed_at: DateTime<Utc>,
    /// Which member of staff (their name at the time is stored with it).
    pub staff_member_id: i64,
    /// What was changed.
    pub subject: Subject,
    /// The changed fields' names (never their values).
    pub fields: &'a [&'a str],
}

/// Adds a change to the organisation settings log, in the change's transaction.
pub async fn log_change(tx: &mut Tx, entry: &LogEntry<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO organisation_settings_log (organisation_id, changed_at, staff_member_id, \
         staff_name, subject, fields) \
         SELECT $1, $2, id, name, $4, $5 FROM staff_members WHERE id = $3",
    )
    .bind(entry.organisation_id)
    .bind(entry.changed_at)
    .bind(entry.staff_member_id)
    .bind(entry.subject.as_str())
    .bind(entry.fields.join(","))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
