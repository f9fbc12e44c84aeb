//! The summary of an assessment: scores, ratings and the ids of signals, gaps and
//! improvements, without per-item detail and texts; and its hand-written JSON writer.

use schemars::JsonSchema;
use serde::Serialize;

use super::result::{Assessment, GroupScore, ProposalInfo, RulesetInfo, Score};

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
    use super::{GroupSummary, ImprovementSummary, Score, Summary};
    use crate::model::proposal::ProposalId;
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
