//! The assessment: the scored checklist produced by [`crate::Ruleset::assess_json`]. Its meaning
//! is defined in docs/scoring.md. Texts and ids borrow from the ruleset (`'r`).

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::expr::Tri;
use crate::model::proposal::ProposalId;
use crate::model::ruleset::Severity;
use crate::scoring::SeenValues;
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

/// A condition, its result, and the values it read.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Why<'r> {
    /// The condition as written.
    pub condition: &'r str,
    /// Its value: `true`, `false` or `unknown` (a context field it needs is missing).
    pub result: Tri,
    /// The values it read: `context.FIELD` or `answer(ITEM)` → value (`null` when missing),
    /// written as a JSON object. Computed when serialized or asked for ([`Why::values`]), so an
    /// assessment that is only summarised does not pay for it.
    #[serde(rename = "values")]
    #[schemars(rename = "values", with = "BTreeMap<String, serde_json::Value>")]
    pub(crate) seen: SeenValues<'r>,
}

impl Why<'_> {
    /// The values the condition read, in the order it reads them.
    pub fn values(&self) -> Vec<Seen<'_>> {
        self.seen.values()
    }
}

/// One value a condition read.
#[derive(Clone, Debug, PartialEq)]
pub struct Seen<'a> {
    /// `context.FIELD` or `answer(ITEM)`.
    pub name: &'a str,
    /// The value.
    pub value: SeenValue<'a>,
}

/// A value a condition read.
#[derive(Clone, Debug, PartialEq)]
pub enum SeenValue<'a> {
    /// The context field is not given (`null`).
    Missing,
    /// A boolean field.
    Bool(bool),
    /// A number field.
    Number(f64),
    /// A text field.
    Text(&'a str),
    /// A choice option id or an answer token.
    Id(&'a str),
    /// The option ids of a choices field.
    Ids(Vec<&'a str>),
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

/// An assessment without per-item detail and without texts: scores, ratings, and the ids of
/// signals, gaps and improvements. For bulk runs (`sociale-bril batch`), where texts would repeat
/// on every line; the texts are in the ruleset (`sociale-bril questions`).
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Summary<'a> {
    /// Which ruleset produced it.
    pub ruleset: &'a RulesetInfo<'a>,
    /// The proposal's id and title.
    pub proposal: &'a ProposalInfo<'a>,
    /// All items together.
    pub overall: &'a Score<'a>,
    /// Per theme.
    pub themes: Vec<GroupSummary<'a>>,
    /// Per principle.
    pub principles: Vec<GroupSummary<'a>>,
    /// Per domain.
    pub domains: Vec<GroupSummary<'a>>,
    /// Ids of the signals that fired, in the assessment's order.
    pub signals: Vec<&'a str>,
    /// Ids of the items that are knowledge gaps, in the assessment's order.
    pub knowledge_gaps: Vec<&'a str>,
    /// The improvements, ranked.
    pub improvements: Vec<ImprovementSummary<'a>>,
}

/// A group's id, percent, completeness and rating.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct GroupSummary<'a> {
    /// Group id.
    pub id: &'a str,
    /// Percent, one decimal; `null` when nothing applies.
    pub percent: Option<f64>,
    /// Completeness in percent; `null` when nothing applies.
    pub completeness: Option<f64>,
    /// Rating.
    pub rating: &'a str,
    /// Ids of the critical items that fail in the group (left out when none).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub critical_failures: &'a [&'a str],
}

/// An improvement without its advice text.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ImprovementSummary<'a> {
    /// Item id.
    pub item: &'a str,
    /// The current answer.
    pub from: &'a str,
    /// The best answer.
    pub to: &'a str,
    /// Points it would add.
    pub gain: f64,
}

fn group_summaries<'a>(g: &'a [GroupScore<'a>]) -> Vec<GroupSummary<'a>> {
    g.iter()
        .map(|x| GroupSummary {
            id: x.id,
            percent: x.score.percent,
            completeness: x.score.completeness,
            rating: x.score.rating,
            critical_failures: &x.score.critical_failures,
        })
        .collect()
}

impl Assessment<'_> {
    /// The assessment without per-item detail and texts.
    pub fn summary(&self) -> Summary<'_> {
        let groups = group_summaries;
        Summary {
            ruleset: &self.ruleset,
            proposal: &self.proposal,
            overall: &self.overall,
            themes: groups(&self.themes),
            principles: groups(&self.principles),
            domains: groups(&self.domains),
            signals: self.signals.iter().map(|s| s.id).collect(),
            knowledge_gaps: self.knowledge_gaps.iter().map(|g| g.item).collect(),
            improvements: self
                .improvements
                .iter()
                .map(|i| ImprovementSummary {
                    item: i.item,
                    from: i.from,
                    to: i.to,
                    gain: i.gain,
                })
                .collect(),
        }
    }
}

/// Writes JSON for the summary by hand: `sociale-bril batch` writes one per proposal, and this
/// is several times faster than going through serde. `Summary::to_json` equals
/// `serde_json::to_string(&summary)` byte for byte (a test checks it).
mod summary_json {
    use super::{GroupSummary, ImprovementSummary, ProposalId, Score, Summary};
    use std::fmt::Write as _;

    /// Writes an id, token, rating, version or hash: the ruleset's validation allows only
    /// lowercase letters, digits, `-`, `_`, `.`, `+` and `:` in them, which need no escaping.
    fn id(out: &mut String, s: &str) {
        out.reserve(s.len() + 2);
        out.push('"');
        out.push_str(s);
        out.push('"');
    }

    /// Writes a non-negative integer without the formatting machinery.
    fn uint(out: &mut String, mut n: u64) {
        let mut buf = [0u8; 20];
        let mut i = buf.len();
        loop {
            i -= 1;
            buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &b in &buf[i..] {
            out.push(char::from(b));
        }
    }

    fn string(out: &mut String, s: &str) {
        if s.bytes()
            .all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\')
        {
            out.push('"');
            out.push_str(s);
            out.push('"');
        } else {
            out.push_str(&serde_json::Value::String(s.to_string()).to_string());
        }
    }

    fn float(out: &mut String, x: f64) {
        // Fast path: a value with at most two decimals (all scores are rounded so) is written
        // as that decimal, which is also its shortest round-trip form.
        if x.is_finite() && x.abs() < 1e12 {
            let k = (x * 100.0).round() as i64;
            if k as f64 / 100.0 == x {
                let (int, frac) = ((k / 100).unsigned_abs(), (k % 100).unsigned_abs());
                if k < 0 {
                    out.push('-');
                }
                uint(out, int);
                out.push('.');
                if frac % 10 == 0 {
                    out.push(char::from(b'0' + (frac / 10) as u8));
                } else {
                    out.push(char::from(b'0' + (frac / 10) as u8));
                    out.push(char::from(b'0' + (frac % 10) as u8));
                }
                return;
            }
        }
        let a = x.abs();
        if x == 0.0 || (1e-5..1e15).contains(&a) {
            let start = out.len();
            let _ = write!(out, "{x}");
            if !out[start..].contains('.') {
                out.push_str(".0");
            }
        } else {
            out.push_str(&serde_json::to_string(&x).unwrap_or_else(|_| "null".into()));
        }
    }

    fn opt_float(out: &mut String, x: Option<f64>) {
        match x {
            Some(x) => float(out, x),
            None => out.push_str("null"),
        }
    }

    fn key(out: &mut String, k: &str, first: bool) {
        if !first {
            out.push(',');
        }
        out.push('"');
        out.push_str(k);
        out.push_str("\":");
    }

    /// Writes a JSON array, one element per item of `list`, each written by `each`.
    fn list<T>(out: &mut String, list: &[T], mut each: impl FnMut(&mut String, &T)) {
        out.push('[');
        for (i, x) in list.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            each(out, x);
        }
        out.push(']');
    }

    fn strings(out: &mut String, ids: &[&str]) {
        list(out, ids, |out, s| id(out, s));
    }

    fn score(out: &mut String, s: &Score<'_>) {
        out.push('{');
        key(out, "points", true);
        float(out, s.points);
        key(out, "max", false);
        float(out, s.max);
        key(out, "percent", false);
        opt_float(out, s.percent);
        key(out, "completeness", false);
        opt_float(out, s.completeness);
        for (k, v) in [
            ("applicable", s.applicable),
            ("answered", s.answered),
            ("unknown", s.unknown),
            ("unanswered", s.unanswered),
            ("not_applicable", s.not_applicable),
            ("excluded", s.excluded),
        ] {
            key(out, k, false);
            uint(out, u64::from(v));
        }
        key(out, "rating", false);
        id(out, s.rating);
        key(out, "critical_failures", false);
        strings(out, &s.critical_failures);
        out.push('}');
    }

    fn groups(out: &mut String, gs: &[GroupSummary<'_>]) {
        list(out, gs, |out, g| {
            out.push('{');
            key(out, "id", true);
            id(out, g.id);
            key(out, "percent", false);
            opt_float(out, g.percent);
            key(out, "completeness", false);
            opt_float(out, g.completeness);
            key(out, "rating", false);
            id(out, g.rating);
            if !g.critical_failures.is_empty() {
                key(out, "critical_failures", false);
                strings(out, g.critical_failures);
            }
            out.push('}');
        });
    }

    fn improvements(out: &mut String, imps: &[ImprovementSummary<'_>]) {
        list(out, imps, |out, imp| {
            out.push('{');
            key(out, "item", true);
            id(out, imp.item);
            key(out, "from", false);
            id(out, imp.from);
            key(out, "to", false);
            id(out, imp.to);
            key(out, "gain", false);
            float(out, imp.gain);
            out.push('}');
        });
    }

    pub(super) fn write(s: &Summary<'_>, out: &mut String) {
        out.push('{');
        key(out, "ruleset", true);
        out.push('{');
        key(out, "id", true);
        id(out, s.ruleset.id);
        key(out, "version", false);
        id(out, s.ruleset.version);
        key(out, "hash", false);
        id(out, s.ruleset.hash);
        out.push('}');
        key(out, "proposal", false);
        out.push('{');
        key(out, "id", true);
        match &s.proposal.id {
            None => out.push_str("null"),
            Some(ProposalId::Text(t)) => string(out, t),
            Some(ProposalId::Number(n)) => {
                let _ = write!(out, "{n}");
            }
        }
        key(out, "title", false);
        match &s.proposal.title {
            None => out.push_str("null"),
            Some(t) => string(out, t),
        }
        out.push('}');
        key(out, "overall", false);
        score(out, s.overall);
        key(out, "themes", false);
        groups(out, &s.themes);
        key(out, "principles", false);
        groups(out, &s.principles);
        key(out, "domains", false);
        groups(out, &s.domains);
        key(out, "signals", false);
        strings(out, &s.signals);
        key(out, "knowledge_gaps", false);
        strings(out, &s.knowledge_gaps);
        key(out, "improvements", false);
        improvements(out, &s.improvements);
        out.push('}');
    }
}

impl Summary<'_> {
    /// The summary as compact JSON, appended to `out`: the same text as
    /// `serde_json::to_string(self)`, written faster.
    pub fn write_json(&self, out: &mut String) {
        summary_json::write(self, out);
    }

    /// The summary as compact JSON.
    pub fn to_json(&self) -> String {
        let mut s = String::with_capacity(4096);
        self.write_json(&mut s);
        s
    }
}
