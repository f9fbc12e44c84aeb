//! The assessment and its parts: scores per group, results per item, signals, knowledge gaps
//! and improvements. Texts and ids borrow from the ruleset (`'r`).

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::Serialize;

use super::explain::Why;
use crate::compiled::CompiledRuleset;
use crate::model::proposal::ProposalId;
use crate::model::ruleset::Severity;
use crate::text::Text;

/// A scored checklist.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Assessment<'r> {
    /// Which ruleset produced it.
    pub ruleset: RulesetInfo<'r>,
    /// The proposal's id and title.
    pub proposal: ProposalInfo<'r>,
    /// All items together.
    pub overall: Score<'r>,
    /// Per theme, in ruleset order.
    pub themes: Vec<GroupScore<'r>>,
    /// Per principle, in ruleset order.
    pub principles: Vec<GroupScore<'r>>,
    /// Per domain, in ruleset order.
    pub domains: Vec<GroupScore<'r>>,
    /// Per item, in ruleset order.
    pub items: Vec<ItemResult<'r>>,
    /// Signals that fired: by severity (critical first), then in ruleset order.
    pub signals: Vec<SignalResult<'r>>,
    /// Items answered `unknown` or not answered: by weight, critical first, then ruleset order.
    pub knowledge_gaps: Vec<KnowledgeGap<'r>>,
    /// What would add the most points: ranked (docs/scoring.md §11).
    pub improvements: Vec<Improvement<'r>>,
}

/// The ruleset an assessment was made with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RulesetInfo<'r> {
    /// Ruleset id.
    pub id: &'r str,
    /// Ruleset version.
    pub version: &'r str,
    /// Content hash (`sha256:…`).
    pub hash: &'r str,
}

impl<'r> RulesetInfo<'r> {
    /// The id, version and hash of a compiled ruleset.
    pub(crate) fn of(rs: &'r CompiledRuleset) -> Self {
        RulesetInfo {
            id: &rs.meta.id,
            version: &rs.meta.version,
            hash: &rs.hash,
        }
    }
}

/// The proposal an assessment is about.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ProposalInfo<'r> {
    /// The proposal's id, if it had one.
    pub id: Option<ProposalId>,
    /// The proposal's title, if it had one.
    pub title: Option<Cow<'r, str>>,
}

/// Score, completeness and rating of a group of items.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Score<'r> {
    /// Points earned (two decimals).
    pub points: f64,
    /// Points possible (two decimals).
    pub max: f64,
    /// 100 × points ÷ max, one decimal; `null` when nothing applies.
    pub percent: Option<f64>,
    /// Percent of the counted items that have a real answer, one decimal; `null` when nothing applies.
    pub completeness: Option<f64>,
    /// Items that count in the maximum.
    pub applicable: u32,
    /// Items answered with a scale option.
    pub answered: u32,
    /// Items answered `unknown`.
    pub unknown: u32,
    /// Items without an answer.
    pub unanswered: u32,
    /// Items answered `not_applicable`.
    pub not_applicable: u32,
    /// Items whose `applies_if` is false.
    pub excluded: u32,
    /// Rating: a band id, `incomplete` or `not_applicable`.
    pub rating: &'r str,
    /// Ids of critical items that fail (docs/scoring.md §8).
    pub critical_failures: Vec<&'r str>,
}

/// The score of one theme, principle or domain.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct GroupScore<'r> {
    /// Group id.
    pub id: &'r str,
    /// Group title.
    pub title: &'r Text,
    /// The score.
    #[serde(flatten)]
    pub score: Score<'r>,
}

/// The status of one item (docs/scoring.md §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// Answered with a scale option.
    Answered,
    /// Answered `unknown`.
    Unknown,
    /// No answer given.
    Unanswered,
    /// Answered `not_applicable`.
    NotApplicable,
    /// Its `applies_if` condition is false for this proposal.
    Excluded,
}

impl ItemStatus {
    /// The status as written in JSON.
    pub fn name(self) -> &'static str {
        match self {
            ItemStatus::Answered => "answered",
            ItemStatus::Unknown => "unknown",
            ItemStatus::Unanswered => "unanswered",
            ItemStatus::NotApplicable => "not_applicable",
            ItemStatus::Excluded => "excluded",
        }
    }
}

/// The result for one item.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ItemResult<'r> {
    /// Item id.
    pub id: &'r str,
    /// Theme id.
    pub theme: &'r str,
    /// Status.
    pub status: ItemStatus,
    /// The canonical answer token given (also kept for an excluded item), if any.
    pub answer: Option<&'r str>,
    /// The note given with the answer, if any.
    pub note: Option<Cow<'r, str>>,
    /// The item's weight.
    pub weight: u32,
    /// Points earned (0 unless answered).
    pub points: f64,
    /// Points possible (0 when the item does not count).
    pub max: f64,
    /// Whether the item is critical.
    pub critical: bool,
    /// Whether the item is a critical failure.
    pub critical_failure: bool,
    /// The advice, when the answer falls short or is a knowledge gap.
    pub advice: Option<&'r Text>,
    /// Why the item applies or not: its condition and the values it saw; `null` for an item
    /// without a condition (it always applies).
    pub applies: Option<Why<'r>>,
}

/// A signal that fired.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct SignalResult<'r> {
    /// Signal id.
    pub id: &'r str,
    /// Severity.
    pub severity: Severity,
    /// Message.
    pub message: &'r Text,
    /// Why it fired.
    pub why: Why<'r>,
}

/// An item whose answer is unknown or missing.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct KnowledgeGap<'r> {
    /// Item id.
    pub item: &'r str,
    /// Theme id.
    pub theme: &'r str,
    /// `unknown` or `unanswered`.
    pub status: ItemStatus,
    /// The item's weight.
    pub weight: u32,
    /// Whether the item is critical.
    pub critical: bool,
    /// The question.
    pub question: &'r Text,
}

/// A ranked improvement: an answered item short of the best answer.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Improvement<'r> {
    /// Rank, from 1.
    pub rank: u32,
    /// Item id.
    pub item: &'r str,
    /// Theme id.
    pub theme: &'r str,
    /// The current answer.
    pub from: &'r str,
    /// The best answer.
    pub to: &'r str,
    /// Points it would add to the overall score (two decimals).
    pub gain: f64,
    /// Whether the item is a critical failure now.
    pub critical_failure: bool,
    /// What to do.
    pub advice: &'r Text,
}

impl Assessment<'_> {
    /// The assessment as canonical JSON (docs/scoring.md §13).
    pub fn to_canonical_json(&self) -> String {
        crate::canonical::to_canonical_json(self).unwrap_or_default()
    }

    /// The score of a theme by id.
    pub fn theme(&self, id: &str) -> Option<&GroupScore<'_>> {
        self.themes.iter().find(|t| t.id == id)
    }

    /// The result of an item by id.
    pub fn item(&self, id: &str) -> Option<&ItemResult<'_>> {
        self.items.iter().find(|i| i.id == id)
    }
}
