//! The rules for the organisation's settings and privacy statement: what a value must
//! be before it is stored, and which fields a change touched (for the log).

use kring_api::organisation_settings::{
    self as limits, HexColour, OrganisationSettings, PrivacyStatementUpdate,
};
use kring_api::{BrandColours, DocumentSection, LocalizedText};

use crate::administration::phone::team_phone;
use crate::problem::ApiError;
use crate::text::bounded_text;

/// Settings that passed every rule, in their stored form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedSettings {
    /// The settings as they will be stored and answered (trimmed, colours in lower
    /// case, the number as written).
    pub settings: OrganisationSettings,
    /// The number a phone dials, made from the number as written.
    pub emergency_dial: String,
}

/// Checks new settings; the first rule broken is the answer.
pub fn check_settings(new: OrganisationSettings) -> Result<CheckedSettings, ApiError> {
    let name = bounded_text("name", &new.name, limits::NAME_MAX)?;
    let short_name = bounded_text("short_name", &new.short_name, limits::SHORT_NAME_MAX)?;
    let colour = |field: &str, value: &str| {
        HexColour::parse(value).ok_or_else(|| ApiError::ColourInvalid(field.to_owned()))
    };
    let primary = colour("primary", &new.colours.primary)?;
    let on_primary = colour("on_primary", &new.colours.on_primary)?;
    let accent = colour("accent", &new.colours.accent)?;
    if primary.contrast_with(on_primary) < limits::MIN_CONTRAST {
        return Err(ApiError::ContrastTooLow);
    }
    let emergency_phone = bounded_text("emergency_phone", &new.emergency_phone, limits::PHONE_MAX)
        .map_err(|error| match error {
            ApiError::TextTooLong(_) => ApiError::PhoneInvalid,
            other => other,
        })?;
    // A whole number, as a team's: 112 is called in an emergency anyway, and this is
    // the organisation's own line (the notice on every page names 112 besides it).
    let emergency_dial = team_phone(&emergency_phone).map_err(|_| ApiError::PhoneInvalid)?;
    let hours = LocalizedText::new(
        bounded_text(
            "emergency_hours.nl",
            &new.emergency_hours.nl,
            limits::HOURS_MAX,
        )?,
        bounded_text(
            "emergency_hours.en",
            &new.emergency_hours.en,
            limits::HOURS_MAX,
        )?,
    );
    if !limits::GRACE_DAYS.contains(&new.access_grace_days) {
        return Err(ApiError::SettingOutOfRange("access_grace_days".into()));
    }
    if new.retention_years < *limits::RETENTION_YEARS.start() {
        return Err(ApiError::RetentionTooShort);
    }
    if !limits::RETENTION_YEARS.contains(&new.retention_years) {
        return Err(ApiError::SettingOutOfRange("retention_years".into()));
    }
    if !limits::CORRECTION_DAYS.contains(&new.correction_deadline_days) {
        return Err(ApiError::SettingOutOfRange(
            "correction_deadline_days".into(),
        ));
    }
    Ok(CheckedSettings {
        settings: OrganisationSettings {
            name,
            short_name,
            colours: BrandColours {
                primary: primary.to_hex(),
                on_primary: on_primary.to_hex(),
                accent: accent.to_hex(),
            },
            emergency_phone,
            emergency_hours: hours,
            access_grace_days: new.access_grace_days,
            retention_years: new.retention_years,
            correction_deadline_days: new.correction_deadline_days,
        },
        emergency_dial,
    })
}

/// The names of the fields that differ between `old` and `new`, in the form's order.
pub fn changed_fields(old: &OrganisationSettings, new: &OrganisationSettings) -> Vec<&'static str> {
    let pairs: [(&'static str, bool); 11] = [
        ("name", old.name != new.name),
        ("short_name", old.short_name != new.short_name),
        (
            "colours.primary",
            old.colours.primary != new.colours.primary,
        ),
        (
            "colours.on_primary",
            old.colours.on_primary != new.colours.on_primary,
        ),
        ("colours.accent", old.colours.accent != new.colours.accent),
        (
            "emergency_phone",
            old.emergency_phone != new.emergency_phone,
        ),
        (
            "emergency_hours.nl",
            old.emergency_hours.nl != new.emergency_hours.nl,
        ),
        (
            "emergency_hours.en",
            old.emergency_hours.en != new.emergency_hours.en,
        ),
        (
            "access_grace_days",
            old.access_grace_days != new.access_grace_days,
        ),
        (
            "retention_years",
            old.retention_years != new.retention_years,
        ),
        (
            "correction_deadline_days",
            old.correction_deadline_days != new.correction_deadline_days,
        ),
    ];
    pairs
        .into_iter()
        .filter_map(|(name, changed)| changed.then_some(name))
        .collect()
}

/// Checks a new privacy statement: 1 to [`limits::PRIVACY_SECTIONS_MAX`] sections,
/// each with a heading and a text in both languages within their lengths; answers
/// the sections trimmed.
pub fn check_privacy_statement(
    new: PrivacyStatementUpdate,
) -> Result<Vec<DocumentSection>, ApiError> {
    if new.sections.is_empty() {
        return Err(ApiError::InvalidBody(
            "a privacy statement needs at least one section".into(),
        ));
    }
    if new.sections.len() > limits::PRIVACY_SECTIONS_MAX {
        return Err(ApiError::InvalidBody(format!(
            "a privacy statement has at most {} sections",
            limits::PRIVACY_SECTIONS_MAX
        )));
    }
    new.sections
        .iter()
        .map(|section| {
            let heading = |text: &str| bounded_text("heading", text, limits::PRIVACY_HEADING_MAX);
            let body = |text: &str| bounded_text("body", text, limits::PRIVACY_BODY_MAX);
            Ok(DocumentSection {
                heading: LocalizedText::new(
                    heading(&section.heading.nl)?,
                    heading(&section.heading.en)?,
                ),
                body: LocalizedText::new(body(&section.body.nl)?, body(&section.body.en)?),
            })
        })
        .collect()
}
