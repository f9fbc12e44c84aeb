//! A context field as evaluation sees it: its type, its options and their spellings, its range.
//! Part of the compiled model ([`crate::compiled`]); fields are addressed by index.

use crate::model::ruleset::FieldType;
use crate::vocab::same_token;

/// An option of a `choice`/`choices` field.
#[derive(Clone, Debug)]
pub(crate) struct Choice {
    pub id: String,
    pub aliases: Vec<String>,
}

/// A compiled context field.
#[derive(Clone, Debug)]
pub(crate) struct Field {
    pub id: String,
    pub kind: FieldType,
    pub options: Vec<Choice>,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl Field {
    /// The index of the option an input spelling names. Exact spellings are found first
    /// (cheaply); then case and surrounding spaces are ignored.
    pub fn option(&self, input: &str) -> Option<usize> {
        let exact = |o: &Choice| o.id == input || o.aliases.iter().any(|a| a == input);
        self.options.iter().position(exact).or_else(|| {
            self.options.iter().position(|o| {
                same_token(input, &o.id) || o.aliases.iter().any(|a| same_token(input, a))
            })
        })
    }

    /// The ids of the options.
    pub fn option_ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.options.iter().map(|o| o.id.as_str())
    }

    /// The id of the option with this index ("" when there is none).
    pub fn option_id(&self, index: usize) -> &str {
        self.options.get(index).map_or("", |o| o.id.as_str())
    }
}
