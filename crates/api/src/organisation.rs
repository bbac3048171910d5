//! The organisation that runs the portal: branding, contact and policy settings.

use serde::{Deserialize, Serialize};

use crate::time::Day;

use crate::text::{DocumentSection, LocalizedText};

/// Public facts about the organisation, shown on every page (`GET /organisation`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Organisation {
    /// Stable short identifier, e.g. `de-linde`.
    pub slug: String,
    /// Full name, e.g. "Zorggroep De Linde".
    pub name: String,
    /// Short name for narrow screens.
    pub short_name: String,
    /// Address of the logo image (SVG or PNG), relative to the API base, if the
    /// organisation has one.
    pub logo_url: Option<String>,
    /// Brand colours, chosen by the organisation to pass WCAG AA contrast.
    pub colours: BrandColours,
    /// Whom to call in an emergency: the portal is not for emergencies.
    pub emergency: EmergencyContact,
    /// How to reach the care team for everything that is not an emergency.
    pub care_team: CareTeamContact,
    /// Days after the end of the care relation (or death) that portal access ends.
    pub access_grace_days: u32,
    /// Years that portal data is kept after the last change.
    pub retention_years: u32,
    /// Days within which a correction request is handled.
    pub correction_deadline_days: u32,
    /// The terms version in force today, if any terms have been published.
    pub current_terms_version: Option<u32>,
    /// Whether people can sign in with a sign-in service (an OpenID Connect provider
    /// such as DigiD) here: the sign-in page loads those buttons only then. The list
    /// is `GET /identity-providers`.
    #[serde(default)]
    pub sign_in_services: bool,
}

/// The organisation's brand colours as `#rrggbb`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BrandColours {
    /// Header and primary buttons.
    pub primary: String,
    /// Text and icons on the primary colour.
    pub on_primary: String,
    /// Links and focus accents on a light background.
    pub accent: String,
}

/// The emergency number, shown on every page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmergencyContact {
    /// The number to dial, in international form for `tel:` links, e.g. `+31301234567`.
    pub phone: String,
    /// The number as people write it, e.g. `030 123 45 67`.
    pub phone_display: String,
    /// When and whom this number reaches.
    pub hours: LocalizedText,
}

/// The care team's ordinary contact details.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CareTeamContact {
    /// The number to dial, in international form.
    pub phone: String,
    /// The number as people write it.
    pub phone_display: String,
    /// E-mail address of the care team or client office.
    pub email: String,
    /// When the care team can be reached.
    pub hours: LocalizedText,
}

/// The organisation's privacy statement (`GET /privacy-statement`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrivacyStatement {
    /// The date of the last change, `YYYY-MM-DD`.
    pub updated_on: Day,
    /// The text, in sections with a heading.
    pub sections: Vec<DocumentSection>,
    /// How many years after the end of care the portal's data is kept before it is
    /// removed (the organisation's retention setting, R25).
    pub retention_years: u32,
}
