//! Bilingual text (Dutch first, English alongside) and the language switch.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A text in Dutch and English. Rule content is written in Dutch first; both are required in a
/// valid ruleset (an empty string is reported as a missing translation when the ruleset loads).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Dutch.
    #[serde(default)]
    pub nl: String,
    /// English.
    #[serde(default)]
    pub en: String,
}

impl Text {
    /// A text from its Dutch and English forms.
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            nl: nl.into(),
            en: en.into(),
        }
    }

    /// The text in the given language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }

    /// Whether both translations are present (non-blank).
    pub fn is_complete(&self) -> bool {
        !self.nl.trim().is_empty() && !self.en.trim().is_empty()
    }

    /// Whether neither translation is present.
    pub fn is_empty(&self) -> bool {
        self.nl.trim().is_empty() && self.en.trim().is_empty()
    }
}

/// The language of a report or of the checklist structure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Dutch (the default).
    #[default]
    Nl,
    /// English.
    En,
}

impl Lang {
    /// The language's code, `nl` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "nl" => Ok(Lang::Nl),
            "en" => Ok(Lang::En),
            other => Err(format!("unknown language `{other}`; valid: nl, en")),
        }
    }
}
