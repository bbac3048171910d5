//! Texts that the organisation writes in both of the portal's languages.

use serde::{Deserialize, Serialize};

/// A language the portal speaks. Dutch is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Nederlands.
    #[default]
    Nl,
    /// English.
    En,
}

impl Language {
    /// The BCP 47 tag, as used in `lang` attributes and `Accept-Language`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }

    /// Picks the best supported language from an `Accept-Language` header value,
    /// falling back to Dutch. Quality values are honoured; unknown tags are skipped.
    pub fn from_accept_language(header: &str) -> Language {
        let mut best: Option<(f32, Language)> = None;
        for part in header.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            let language = match primary {
                "nl" => Language::Nl,
                "en" => Language::En,
                _ => continue,
            };
            if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, language));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }
}

/// One text in Dutch and in English; the app shows the one matching the user's choice.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LocalizedText {
    /// The Dutch text.
    pub nl: String,
    /// The English text.
    pub en: String,
}

impl LocalizedText {
    /// Builds a text from its two translations.
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            nl: nl.into(),
            en: en.into(),
        }
    }

    /// The text in the given language.
    pub fn get(&self, language: Language) -> &str {
        match language {
            Language::Nl => &self.nl,
            Language::En => &self.en,
        }
    }
}

/// A section of an organisation document (terms, privacy statement): a heading and
/// plain-text paragraphs separated by a blank line. Never markup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DocumentSection {
    /// The section heading.
    pub heading: LocalizedText,
    /// The section text; paragraphs are separated by a blank line.
    pub body: LocalizedText,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_highest_quality_supported_tag() {
        assert_eq!(
            Language::from_accept_language("en-GB,en;q=0.9"),
            Language::En
        );
        assert_eq!(
            Language::from_accept_language("de, en;q=0.5, nl;q=0.8"),
            Language::Nl
        );
        assert_eq!(Language::from_accept_language("fr"), Language::Nl);
        assert_eq!(Language::from_accept_language(""), Language::Nl);
        assert_eq!(Language::from_accept_language("en;q=0"), Language::Nl);
    }

    #[test]
    fn localized_text_picks_language() {
        let text = LocalizedText::new("Hallo", "Hello");
        assert_eq!(text.get(Language::Nl), "Hallo");
        assert_eq!(text.get(Language::En), "Hello");
    }
}
