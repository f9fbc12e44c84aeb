//! A ruleset as it is written: the TOML files in a ruleset folder, or their merged JSON form.
//!
//! Every TOML file of a folder has this shape (all sections optional); the loader merges the
//! files in file-name order into one [`RulesetDoc`], which is also the ruleset's JSON form.
//! Validation and compilation turn a document into a [`crate::Ruleset`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::text::Text;

/// A ruleset document: one TOML file of a ruleset folder, or the whole ruleset as JSON.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RulesetDoc {
    /// Optional link to this schema, for editors.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Id, version and titles. Exactly one file of a folder has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ruleset: Option<RulesetMeta>,
    /// Scoring settings (see docs/scoring.md §7). At most one file has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scoring: Option<ScoringDoc>,
    /// Rating bands, each with the lowest percent that earns it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rating: Vec<RatingDoc>,
    /// Answer scales.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scale: Vec<ScaleDoc>,
    /// Themes: every item belongs to exactly one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub theme: Vec<GroupDoc>,
    /// Cross-cutting principles: items carry any number of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub principle: Vec<GroupDoc>,
    /// Policy domains: items carry any number of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domain: Vec<GroupDoc>,
    /// The sources that items, signals and groups cite.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<SourceDoc>,
    /// Context fields: typed facts a proposal is described by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub context: Vec<FieldDoc>,
    /// Checklist items (questions).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ItemDoc>,
    /// Signals: derived rules over context and answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signal: Vec<SignalDoc>,
}

/// The ruleset's identity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RulesetMeta {
    /// Stable id, e.g. `sociale-bril`.
    pub id: String,
    /// Semantic version `MAJOR.MINOR.PATCH`, bumped on every change (see docs/ruleset.md).
    pub version: String,
    /// Title.
    pub title: Text,
    /// Short description.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
}

/// Scoring settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoringDoc {
    /// Completeness (percent, 0–100) below which a group is rated `incomplete`.
    #[serde(default = "default_min_completeness")]
    pub min_completeness: f64,
    /// An answer whose fraction is below this fails a critical item (0–1).
    #[serde(default = "default_critical_fail_below")]
    pub critical_fail_below: f64,
    /// Id of the best rating band a group with a critical failure can get; none means no cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub critical_cap: Option<String>,
}

fn default_min_completeness() -> f64 {
    60.0
}

fn default_critical_fail_below() -> f64 {
    0.5
}

impl Default for ScoringDoc {
    fn default() -> Self {
        ScoringDoc {
            min_completeness: default_min_completeness(),
            critical_fail_below: default_critical_fail_below(),
            critical_cap: None,
        }
    }
}

/// A rating band.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RatingDoc {
    /// Id, e.g. `on_track`. `incomplete` and `not_applicable` are reserved.
    pub id: String,
    /// The lowest percent (0–100) that earns this band.
    pub min: f64,
    /// Label shown to users.
    pub label: Text,
    /// What the band means.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
}

/// An answer scale.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScaleDoc {
    /// Id, e.g. `yes_no`.
    pub id: String,
    /// Label.
    pub label: Text,
    /// The options, best first by convention. `unknown` and `not_applicable` are added to every
    /// scale and must not be listed.
    pub options: Vec<ScaleOptionDoc>,
}

/// One option of an answer scale.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScaleOptionDoc {
    /// Canonical token (English), e.g. `yes`.
    pub token: String,
    /// Share of the item's weight this answer earns, 0–1.
    pub fraction: f64,
    /// Label shown to users.
    pub label: Text,
    /// Other accepted spellings on input, e.g. `ja`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// A theme, principle or domain.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupDoc {
    /// Id, e.g. `inclusie`.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Description.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
    /// Where the group comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

/// A source that rules cite: a seed document or a public framework.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceDoc {
    /// Id, e.g. `vng-uitgangspunten`.
    pub id: String,
    /// Title of the source.
    pub title: Text,
    /// File name of a seed document, when the source is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Public address of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A citation: which source, and which passage of it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// Id of a declared source.
    pub source: String,
    /// The passage: a short quote or a locator such as a heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passage: Option<String>,
}

/// The type of a context field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    /// Free text.
    Text,
    /// A number (budget, duration).
    Number,
    /// Yes or no.
    Boolean,
    /// One of the declared options.
    Choice,
    /// Any number of the declared options (multi-select).
    Choices,
}

impl FieldType {
    /// The type's name as written in rule files.
    pub fn name(self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Number => "number",
            FieldType::Boolean => "boolean",
            FieldType::Choice => "choice",
            FieldType::Choices => "choices",
        }
    }
}

/// A context field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldDoc {
    /// Id, e.g. `instrument`; referred to as `context.instrument` in expressions.
    pub id: String,
    /// Type of the value.
    #[serde(rename = "type")]
    pub kind: FieldType,
    /// Label.
    pub label: Text,
    /// Help text.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub help: Text,
    /// Options of a `choice` or `choices` field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionDoc>,
    /// Lowest valid value of a `number` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Highest valid value of a `number` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Unit of a `number` field, e.g. `EUR`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// An option of a `choice` or `choices` context field.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OptionDoc {
    /// Id (English), e.g. `subsidy`.
    pub id: String,
    /// Label.
    pub label: Text,
    /// Other accepted spellings on input, e.g. `subsidie`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// A checklist item: one question.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemDoc {
    /// Stable id, e.g. `inclusie.doenvermogen`.
    pub id: String,
    /// Id of the theme the item belongs to.
    pub theme: String,
    /// Ids of the principles the item serves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub principles: Vec<String>,
    /// Ids of the domains the item touches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<String>,
    /// Id of the answer scale.
    pub scale: String,
    /// Weight, an integer from 1 to 10.
    pub weight: i64,
    /// Whether a failing answer caps the rating (docs/scoring.md §8).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub critical: bool,
    /// Condition over context fields; the item is excluded when it is false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_if: Option<String>,
    /// The question.
    pub question: Text,
    /// Help text: what the question means and how to answer it.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub help: Text,
    /// What to do when the answer falls short.
    pub advice: Text,
    /// Where the item comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

/// How serious a signal is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Should be looked at.
    Warning,
    /// Must be looked at before a decision.
    Critical,
}

impl Severity {
    /// The severity's name as written in rule files.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Critical => "critical",
        }
    }
}

/// A signal: a condition over context and answers with a message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignalDoc {
    /// Stable id, e.g. `doenvermogen-onbekend`.
    pub id: String,
    /// Severity.
    pub severity: Severity,
    /// The condition; the signal fires when it is true.
    pub when: String,
    /// The message shown when it fires.
    pub message: Text,
    /// Where the signal comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}
