//! The organisation settings form as plain data and rules: one signal per field, what
//! is wrong with each (the same rules the server checks, from `kring_api`), and the
//! request it becomes. The views are in the parent module.

use kring_api::organisation_settings::{
    self as limits, readable_pair, HexColour, OrganisationSettings,
};
use kring_api::{BrandColours, LocalizedText};
use leptos::prelude::*;

/// A field of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The full name.
    Name,
    /// The short name.
    ShortName,
    /// The header's main colour.
    Primary,
    /// The text colour on the main colour.
    OnPrimary,
    /// The accent colour.
    Accent,
    /// The emergency number.
    Phone,
    /// The emergency number's hours, in Dutch.
    HoursNl,
    /// The emergency number's hours, in English.
    HoursEn,
    /// Days of access after the care ended.
    GraceDays,
    /// Years of retention.
    RetentionYears,
    /// Days for a correction request.
    CorrectionDays,
}

impl Field {
    /// Every field, in the order shown.
    pub const ALL: [Field; 11] = [
        Field::Name,
        Field::ShortName,
        Field::Primary,
        Field::OnPrimary,
        Field::Accent,
        Field::Phone,
        Field::HoursNl,
        Field::HoursEn,
        Field::GraceDays,
        Field::RetentionYears,
        Field::CorrectionDays,
    ];

    /// The input's id.
    pub fn id(self) -> &'static str {
        match self {
            Field::Name => "org-name",
            Field::ShortName => "org-short-name",
            Field::Primary => "org-primary",
            Field::OnPrimary => "org-on-primary",
            Field::Accent => "org-accent",
            Field::Phone => "org-phone",
            Field::HoursNl => "org-hours-nl",
            Field::HoursEn => "org-hours-en",
            Field::GraceDays => "org-grace-days",
            Field::RetentionYears => "org-retention-years",
            Field::CorrectionDays => "org-correction-days",
        }
    }
}

/// What is wrong with a field's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Empty.
    Missing,
    /// Longer than this many characters.
    TooLong(usize),
    /// Not `#rrggbb`.
    Colour,
    /// The text colour on the main colour reads too badly.
    Contrast,
    /// Not a phone number.
    Phone,
    /// Not a whole number in these bounds.
    Days(u32, u32),
    /// Fewer years than the law asks.
    RetentionShort,
    /// More years than allowed.
    Years(u32),
}

/// The form's state.
#[derive(Clone, Copy)]
pub struct SettingsDraft {
    /// One text per field, in [`Field::ALL`]'s order.
    values: [RwSignal<String>; 11],
    /// The person tried to save: problems now show.
    pub tried: RwSignal<bool>,
}

impl SettingsDraft {
    /// A form filled with `settings`.
    pub fn new(settings: &OrganisationSettings) -> Self {
        let texts = [
            settings.name.clone(),
            settings.short_name.clone(),
            settings.colours.primary.clone(),
            settings.colours.on_primary.clone(),
            settings.colours.accent.clone(),
            settings.emergency_phone.clone(),
            settings.emergency_hours.nl.clone(),
            settings.emergency_hours.en.clone(),
            settings.access_grace_days.to_string(),
            settings.retention_years.to_string(),
            settings.correction_deadline_days.to_string(),
        ];
        Self {
            values: texts.map(RwSignal::new),
            tried: RwSignal::new(false),
        }
    }

    /// The value of a field.
    pub fn value(&self, field: Field) -> RwSignal<String> {
        let index = Field::ALL.iter().position(|f| *f == field).unwrap_or(0);
        self.values[index]
    }

    /// What is wrong with `field` (tracked), whether or not the person tried to save.
    pub fn problem(&self, field: Field) -> Option<Problem> {
        let text = self.value(field).get();
        let text = text.trim();
        let length = |max: usize| {
            if text.is_empty() {
                Some(Problem::Missing)
            } else if text.chars().count() > max {
                Some(Problem::TooLong(max))
            } else {
                None
            }
        };
        let days = |range: std::ops::RangeInclusive<u32>| match text.parse::<u32>() {
            Ok(n) if range.contains(&n) => None,
            _ => Some(Problem::Days(*range.start(), *range.end())),
        };
        match field {
            Field::Name => length(limits::NAME_MAX),
            Field::ShortName => length(limits::SHORT_NAME_MAX),
            Field::HoursNl | Field::HoursEn => length(limits::HOURS_MAX),
            Field::Primary | Field::Accent => {
                HexColour::parse(text).is_none().then_some(Problem::Colour)
            }
            Field::OnPrimary => {
                if HexColour::parse(text).is_none() {
                    Some(Problem::Colour)
                } else {
                    let primary = self.value(Field::Primary).get();
                    // Only a contrast of two real colours can be judged.
                    (HexColour::parse(&primary).is_some() && !readable_pair(&primary, text))
                        .then_some(Problem::Contrast)
                }
            }
            Field::Phone => {
                length(limits::PHONE_MAX).or_else(|| (!is_phone(text)).then_some(Problem::Phone))
            }
            Field::GraceDays => days(limits::GRACE_DAYS),
            Field::CorrectionDays => days(limits::CORRECTION_DAYS),
            Field::RetentionYears => match text.parse::<u32>() {
                Ok(n) if n < *limits::RETENTION_YEARS.start() => Some(Problem::RetentionShort),
                Ok(n) if n > *limits::RETENTION_YEARS.end() => {
                    Some(Problem::Years(*limits::RETENTION_YEARS.end()))
                }
                Ok(_) => None,
                Err(_) => Some(Problem::RetentionShort),
            },
        }
    }

    /// Every field with a problem, in the order shown (tracked).
    pub fn problems(&self) -> Vec<(Field, Problem)> {
        Field::ALL
            .into_iter()
            .filter_map(|field| self.problem(field).map(|p| (field, p)))
            .collect()
    }

    /// The contrast of the header's two colours, if both are colours (tracked).
    pub fn contrast(&self) -> Option<f64> {
        let primary = HexColour::parse(&self.value(Field::Primary).get())?;
        let on_primary = HexColour::parse(&self.value(Field::OnPrimary).get())?;
        Some(primary.contrast_with(on_primary))
    }

    /// The header colours as the preview paints them: the typed ones when both are
    /// colours, `None` otherwise (tracked).
    pub fn preview_colours(&self) -> Option<(String, String)> {
        let primary = HexColour::parse(&self.value(Field::Primary).get())?;
        let on_primary = HexColour::parse(&self.value(Field::OnPrimary).get())?;
        Some((primary.to_hex(), on_primary.to_hex()))
    }

    /// What will be sent; `None` while a field has a problem.
    pub fn request(&self) -> Option<OrganisationSettings> {
        if !untrack(|| self.problems()).is_empty() {
            return None;
        }
        let text = |field: Field| self.value(field).get_untracked().trim().to_owned();
        let number = |field: Field| text(field).parse::<u32>().ok();
        Some(OrganisationSettings {
            name: text(Field::Name),
            short_name: text(Field::ShortName),
            colours: BrandColours {
                primary: text(Field::Primary),
                on_primary: text(Field::OnPrimary),
                accent: text(Field::Accent),
            },
            emergency_phone: text(Field::Phone),
            emergency_hours: LocalizedText::new(text(Field::HoursNl), text(Field::HoursEn)),
            access_grace_days: number(Field::GraceDays)?,
            retention_years: number(Field::RetentionYears)?,
            correction_deadline_days: number(Field::CorrectionDays)?,
        })
    }
}

/// Whether `text` can be a whole phone number as people write it: digits with spaces,
/// dashes, dots or brackets, perhaps a `+` first, 10 to 15 digits (a Dutch number has
/// ten; short numbers such as 112 are not the organisation's own line). The server
/// checks it more closely.
pub fn is_phone(text: &str) -> bool {
    let rest = text.trim().strip_prefix('+').unwrap_or(text.trim());
    let digits = rest.chars().filter(char::is_ascii_digit).count();
    (10..=15).contains(&digits)
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.'))
}
