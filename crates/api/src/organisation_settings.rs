//! The organisation's own settings, as its administrators change them
//! (`/staff/organisation/…`): name, colours, emergency number, the periods the portal
//! keeps, the logo and the privacy statement. The rules both sides check (a colour's
//! form, the contrast of the header's colours, the bounds of each number) live here
//! once, so the app can say what is wrong before sending and the server refuses the
//! same.

use serde::{Deserialize, Serialize};

use crate::organisation::BrandColours;
use crate::text::{DocumentSection, LocalizedText};

/// The settings on the organisation settings screen (`GET` and `PUT
/// /staff/organisation/settings`). The logo and the privacy statement have their own
/// endpoints: one is a file, the other a long text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrganisationSettings {
    /// Full name, e.g. "Zorggroep De Linde" (1 to [`NAME_MAX`] characters).
    pub name: String,
    /// Short name for narrow screens (1 to [`SHORT_NAME_MAX`] characters).
    pub short_name: String,
    /// The header's colours and the accent, each `#rrggbb`; text in `on_primary` on
    /// `primary` needs a contrast of at least [`MIN_CONTRAST`] to 1.
    pub colours: BrandColours,
    /// The emergency number as people write it, e.g. `030 123 45 67` or `112`; the
    /// number a phone dials is made from it.
    pub emergency_phone: String,
    /// When and whom the emergency number reaches, in both languages (1 to
    /// [`HOURS_MAX`] characters each).
    pub emergency_hours: LocalizedText,
    /// Days after the end of the care relation (or death) that portal access ends
    /// ([`GRACE_DAYS`]).
    pub access_grace_days: u32,
    /// Years the portal keeps a client's data after the care ended ([`RETENTION_YEARS`];
    /// at least 15, the WGBO's 20 by default).
    pub retention_years: u32,
    /// Days within which a correction request is handled ([`CORRECTION_DAYS`]).
    pub correction_deadline_days: u32,
}

/// A new privacy statement (`PUT /staff/organisation/privacy-statement`); it is dated
/// today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PrivacyStatementUpdate {
    /// The text, in 1 to [`PRIVACY_SECTIONS_MAX`] sections, each with a heading and a
    /// text in both languages.
    pub sections: Vec<DocumentSection>,
}

/// The longest full name.
pub const NAME_MAX: usize = 100;
/// The longest short name.
pub const SHORT_NAME_MAX: usize = 30;
/// The longest emergency number as written.
pub const PHONE_MAX: usize = 30;
/// The longest text about the emergency number's hours, per language.
pub const HOURS_MAX: usize = 200;
/// Days of access after the care ended: none to a year.
pub const GRACE_DAYS: std::ops::RangeInclusive<u32> = 0..=365;
/// Years of retention: the 15 of the older rule (seed 000) at least, a century at most.
pub const RETENTION_YEARS: std::ops::RangeInclusive<u32> = 15..=100;
/// The retention the WGBO asks since 2020, the default.
pub const RETENTION_DEFAULT: u32 = 20;
/// Days for a correction request: the AVG gives a month at most.
pub const CORRECTION_DAYS: std::ops::RangeInclusive<u32> = 1..=30;
/// The most sections a privacy statement has.
pub const PRIVACY_SECTIONS_MAX: usize = 50;
/// The longest heading of a privacy statement section, per language.
pub const PRIVACY_HEADING_MAX: usize = 200;
/// The longest text of a privacy statement section, per language.
pub const PRIVACY_BODY_MAX: usize = 10_000;
/// The largest logo file, in bytes (the API's body limit: a logo is a few KiB).
pub const LOGO_MAX_BYTES: usize = 64 * 1024;
/// The contrast WCAG 2.2 AA asks for normal text (success criterion 1.4.3).
pub const MIN_CONTRAST: f64 = 4.5;

/// A colour in the form `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HexColour {
    /// Red, 0 to 255.
    pub red: u8,
    /// Green, 0 to 255.
    pub green: u8,
    /// Blue, 0 to 255.
    pub blue: u8,
}

impl HexColour {
    /// Reads `#rrggbb` (either case, surrounding spaces ignored); `None` for anything
    /// else.
    pub fn parse(text: &str) -> Option<Self> {
        let hex = text.trim().strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).ok();
        Some(HexColour {
            red: channel(0)?,
            green: channel(2)?,
            blue: channel(4)?,
        })
    }

    /// The colour as it is stored and sent: `#rrggbb` in lower case.
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.red, self.green, self.blue)
    }

    /// The relative luminance as WCAG 2.2 defines it (0 for black, 1 for white).
    pub fn relative_luminance(self) -> f64 {
        let linear = |channel: u8| {
            let c = f64::from(channel) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.red) + 0.7152 * linear(self.green) + 0.0722 * linear(self.blue)
    }

    /// The contrast ratio of two colours, from 1 (the same) to 21 (black and white).
    pub fn contrast_with(self, other: HexColour) -> f64 {
        let (a, b) = (self.relative_luminance(), other.relative_luminance());
        let (light, dark) = if a >= b { (a, b) } else { (b, a) };
        (light + 0.05) / (dark + 0.05)
    }
}

/// Whether text in `on_primary` on `primary` can be read well enough: at least
/// [`MIN_CONTRAST`] to 1. Colours that are not `#rrggbb` never pass.
pub fn readable_pair(primary: &str, on_primary: &str) -> bool {
    match (HexColour::parse(primary), HexColour::parse(on_primary)) {
        (Some(p), Some(o)) => p.contrast_with(o) >= MIN_CONTRAST,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_read_only_in_the_hex_form() {
        assert_eq!(
            HexColour::parse(" #2D4A6B ")
                .map(HexColour::to_hex)
                .as_deref(),
            Some("#2d4a6b")
        );
        for wrong in ["2d4a6b", "#2d4a6", "#2d4a6bb", "#gg0000", "red", "#fff", ""] {
            assert_eq!(HexColour::parse(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn contrast_follows_wcag() {
        let black = HexColour::parse("#000000").unwrap();
        let white = HexColour::parse("#ffffff").unwrap();
        assert!((black.contrast_with(white) - 21.0).abs() < 1e-9);
        assert!((white.contrast_with(white) - 1.0).abs() < 1e-9);
        // #767676 on white is the well-known lightest grey that passes: 4.54.
        let grey = HexColour::parse("#767676").unwrap();
        assert!((grey.contrast_with(white) - 4.54).abs() < 0.01);
        assert!(readable_pair("#767676", "#ffffff"));
        assert!(!readable_pair("#777777", "#ffffff"));
        assert!(!readable_pair("#ffff00", "#ffffff"));
        assert!(!readable_pair("yellow", "#ffffff"));
    }
}
