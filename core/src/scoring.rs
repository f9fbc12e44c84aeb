//! The scoring engine: decoded inputs → [`Assessment`], exactly as docs/scoring.md defines it.

use std::borrow::Cow;
use std::sync::Arc;

use crate::compile::RESERVED_RATINGS;
use crate::compiled::AnswerState;
use crate::decode::Inputs;
use crate::expr::check::Ref;
use crate::expr::eval::{CtxValue, Env};
use crate::expr::{Expr, Tri};
use crate::model::assessment::{
    Assessment, GroupScore, Improvement, ItemResult, ItemStatus, KnowledgeGap, ProposalInfo,
    RulesetInfo, Score, Seen, SeenValue, SignalResult, Why,
};
use crate::model::ruleset::{GroupDoc, Severity};
use crate::order::sort_by;
use crate::ruleset::Inner;

/// Running totals of a group (exact, before rounding).
#[derive(Clone, Debug, Default)]
struct Acc {
    points: f64,
    max: f64,
    answered: u32,
    unknown: u32,
    unanswered: u32,
    not_applicable: u32,
    excluded: u32,
    /// Number of critical failures; their ids are looked up only when there are some.
    critical_failures: u32,
}

impl Acc {
    fn add(&mut self, r: &Scored) {
        match r.status {
            ItemStatus::Answered => self.answered += 1,
            ItemStatus::Unknown => self.unknown += 1,
            ItemStatus::Unanswered => self.unanswered += 1,
            ItemStatus::NotApplicable => self.not_applicable += 1,
            ItemStatus::Excluded => self.excluded += 1,
        }
        self.points += r.points;
        self.max += r.max;
        self.critical_failures += u32::from(r.critical_failure);
    }

    fn applicable(&self) -> u32 {
        self.answered + self.unknown + self.unanswered
    }
}

/// One item, scored.
#[derive(Clone, Copy, Debug)]
struct Scored {
    status: ItemStatus,
    applies: Tri,
    fraction: Option<f64>,
    points: f64,
    max: f64,
    critical_failure: bool,
}

/// Rounds half away from zero to `decimals` places (1 or 2). Exact for the magnitudes that
/// occur here (far below 2^52), without the slow library call `f64::round` makes on baseline
/// x86-64.
fn round(x: f64, decimals: i32) -> f64 {
    let f = if decimals == 1 { 10.0 } else { 100.0 };
    let y = (x * f).abs();
    if y >= 4_503_599_627_370_496.0 || y.is_nan() {
        return x;
    }
    let t = y as i64 as f64;
    let r = if y - t >= 0.5 { t + 1.0 } else { t } / f;
    if r == 0.0 {
        0.0
    } else if x < 0.0 {
        -r
    } else {
        r
    }
}

/// Rounds a percent to one decimal.
fn percent(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| round(100.0 * part / whole, 1))
}

fn rating<'r>(rs: &'r Inner, acc: &Acc, pct: Option<f64>, completeness: Option<f64>) -> &'r str {
    let (Some(pct), Some(completeness)) = (pct, completeness) else {
        return RESERVED_RATINGS[1];
    };
    if completeness < rs.scoring.min_completeness {
        return RESERVED_RATINGS[0];
    }
    let mut band = rs
        .bands
        .iter()
        .position(|b| b.min <= pct)
        .unwrap_or(rs.bands.len().saturating_sub(1));
    if let Some(cap) = rs.scoring.critical_cap {
        if acc.critical_failures > 0 && band < cap {
            band = cap;
        }
    }
    rs.bands
        .get(band)
        .and_then(|b| rs.doc.rating.get(b.doc))
        .map_or(RESERVED_RATINGS[1], |r| r.id.as_str())
}

/// The score of a group; `failures` lists the ids of the critical failures in it.
fn score<'r>(rs: &'r Inner, acc: &Acc, failures: impl FnOnce() -> Vec<&'r str>) -> Score<'r> {
    let applicable = acc.applicable();
    let pct = percent(acc.points, acc.max);
    let completeness =
        (applicable > 0).then(|| round(100.0 * f64::from(acc.answered) / f64::from(applicable), 1));
    Score {
        points: round(acc.points, 2),
        max: round(acc.max, 2),
        percent: pct,
        completeness,
        applicable,
        answered: acc.answered,
        unknown: acc.unknown,
        unanswered: acc.unanswered,
        not_applicable: acc.not_applicable,
        excluded: acc.excluded,
        rating: rating(rs, acc, pct, completeness),
        critical_failures: if acc.critical_failures > 0 {
            failures()
        } else {
            Vec::new()
        },
    }
}

/// The scores of the themes, principles or domains; `member(item, group)` says whether an item
/// belongs to a group.
fn groups<'r>(
    rs: &'r Inner,
    docs: &'r [GroupDoc],
    accs: &[Acc],
    failed: &[usize],
    member: impl Fn(&crate::ruleset::Item, usize) -> bool,
) -> Vec<GroupScore<'r>> {
    docs.iter()
        .zip(accs)
        .enumerate()
        .map(|(gi, (g, acc))| GroupScore {
            id: &g.id,
            title: &g.title,
            score: score(rs, acc, || {
                failed
                    .iter()
                    .filter(|&&i| rs.items.get(i).is_some_and(|it| member(it, gi)))
                    .filter_map(|&i| rs.item_ids.get(i).map(String::as_str))
                    .collect()
            }),
        })
        .collect()
}

/// The context and the effective answers of one assessment, shared by its explanations.
#[derive(Debug, PartialEq)]
pub(crate) struct Snapshot {
    context: Vec<Option<CtxValue>>,
    answers: Vec<AnswerState>,
}

/// What a condition read, computed from the shared snapshot when asked for.
#[derive(Clone)]
pub(crate) struct SeenValues<'r> {
    rs: &'r Inner,
    expr: &'r Expr,
    env: Arc<Snapshot>,
}

impl<'r> SeenValues<'r> {
    pub(crate) fn values(&self) -> Vec<Seen<'_>> {
        self.expr
            .refs
            .iter()
            .map(|(r, name)| Seen {
                name,
                value: self.value(*r),
            })
            .collect()
    }

    fn value(&self, r: Ref) -> SeenValue<'_> {
        let rs = self.rs;
        match r {
            Ref::Field(f) => {
                let Some(field) = rs.fields.get(f) else {
                    return SeenValue::Missing;
                };
                let option = |i: usize| field.options.get(i).map_or("", |o| o.id.as_str());
                match self.env.context.get(f).and_then(Option::as_ref) {
                    None => SeenValue::Missing,
                    Some(CtxValue::Bool(b)) => SeenValue::Bool(*b),
                    Some(CtxValue::Num(n)) => SeenValue::Number(*n),
                    Some(CtxValue::Text(t)) => SeenValue::Text(t),
                    Some(CtxValue::Choice(i)) => SeenValue::Id(option(usize::from(*i))),
                    Some(CtxValue::Choices(set)) => SeenValue::Ids(
                        (0..field.options.len().min(64))
                            .filter(|i| set & (1u64 << i) != 0)
                            .map(option)
                            .collect(),
                    ),
                }
            }
            Ref::Answer(i) => SeenValue::Id(
                rs.items
                    .get(i)
                    .and_then(|it| rs.scales.get(it.scale))
                    .zip(self.env.answers.get(i))
                    .map_or("", |(s, a)| s.token(*a)),
            ),
        }
    }
}

impl PartialEq for SeenValues<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.values() == other.values()
    }
}

impl std::fmt::Debug for SeenValues<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.values()).finish()
    }
}

impl serde::Serialize for SeenValues<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.expr.refs.len()))?;
        for (r, name) in &self.expr.refs {
            match self.value(*r) {
                SeenValue::Missing => m.serialize_entry(name, &())?,
                SeenValue::Bool(b) => m.serialize_entry(name, &b)?,
                SeenValue::Number(n) => m.serialize_entry(name, &n)?,
                SeenValue::Text(t) | SeenValue::Id(t) => m.serialize_entry(name, t)?,
                SeenValue::Ids(ids) => m.serialize_entry(name, &ids)?,
            }
        }
        m.end()
    }
}

fn why<'r>(rs: &'r Inner, expr: &'r Expr, result: Tri, env: &Arc<Snapshot>) -> Why<'r> {
    Why {
        condition: expr.source(),
        result,
        seen: SeenValues {
            rs,
            expr,
            env: Arc::clone(env),
        },
    }
}

/// The parts of the inputs an assessment keeps, owned or borrowed.
struct Parts<'r> {
    id: Option<crate::model::proposal::ProposalId>,
    title: Option<Cow<'r, str>>,
    context: Cow<'r, [Option<CtxValue>]>,
    answers: Cow<'r, [AnswerState]>,
    notes: Vec<Option<Cow<'r, str>>>,
}

fn parts(inputs: Cow<'_, Inputs>) -> Parts<'_> {
    match inputs {
        Cow::Owned(i) => Parts {
            id: i.id,
            title: i.title.map(Cow::Owned),
            context: Cow::Owned(i.context),
            answers: Cow::Owned(i.answers),
            notes: i.notes.into_iter().map(|n| n.map(Cow::Owned)).collect(),
        },
        Cow::Borrowed(i) => Parts {
            id: i.id.clone(),
            title: i.title.as_deref().map(Cow::Borrowed),
            context: Cow::Borrowed(i.context.as_slice()),
            answers: Cow::Borrowed(i.answers.as_slice()),
            notes: i
                .notes
                .iter()
                .map(|n| n.as_deref().map(Cow::Borrowed))
                .collect(),
        },
    }
}

/// Scores decoded inputs, owned (moved into the assessment) or borrowed.
pub(crate) fn assess<'r>(rs: &'r Inner, inputs: Cow<'r, Inputs>) -> Assessment<'r> {
    let Parts {
        id,
        title,
        context,
        answers,
        mut notes,
    } = parts(inputs);
    let n = rs.items.len();
    let base_env = Env {
        context: &context,
        answers: &answers,
    };

    // Items.
    let mut scored = Vec::with_capacity(n);
    let mut effective = Vec::with_capacity(n);
    for (i, item) in rs.items.iter().enumerate() {
        let applies = item
            .applies_if
            .as_ref()
            .map_or(Tri::True, |e| e.eval(&base_env));
        let answer = answers.get(i).copied().unwrap_or(AnswerState::Unanswered);
        let scale = rs.scales.get(item.scale);
        let fraction = scale.and_then(|s| s.fraction(answer));
        let status = if applies == Tri::False {
            ItemStatus::Excluded
        } else {
            match answer {
                AnswerState::Unanswered => ItemStatus::Unanswered,
                AnswerState::Unknown => ItemStatus::Unknown,
                AnswerState::NotApplicable => ItemStatus::NotApplicable,
                AnswerState::Option(_) => ItemStatus::Answered,
            }
        };
        let counts = matches!(
            status,
            ItemStatus::Answered | ItemStatus::Unknown | ItemStatus::Unanswered
        );
        let max = if counts { item.weight } else { 0.0 };
        let points = match (status, fraction) {
            (ItemStatus::Answered, Some(f)) => item.weight * f,
            _ => 0.0,
        };
        let critical_failure = item.critical
            && status == ItemStatus::Answered
            && fraction.is_some_and(|f| f < rs.scoring.critical_fail_below);
        scored.push(Scored {
            status,
            applies,
            fraction,
            points,
            max,
            critical_failure,
        });
        effective.push(if status == ItemStatus::Excluded {
            AnswerState::NotApplicable
        } else {
            answer
        });
    }
    let snapshot = Arc::new(Snapshot {
        context: context.into_owned(),
        answers: effective,
    });
    let env = Env {
        context: &snapshot.context,
        answers: &snapshot.answers,
    };

    // Groups.
    let mut overall = Acc::default();
    let mut themes = vec![Acc::default(); rs.doc.theme.len()];
    let mut principles = vec![Acc::default(); rs.doc.principle.len()];
    let mut domains = vec![Acc::default(); rs.doc.domain.len()];
    let mut failed: Vec<usize> = Vec::new();
    for (i, (item, r)) in rs.items.iter().zip(&scored).enumerate() {
        overall.add(r);
        if r.critical_failure {
            failed.push(i);
        }
        if let Some(t) = themes.get_mut(item.theme) {
            t.add(r);
        }
        for &p in &item.principles {
            if let Some(acc) = principles.get_mut(p) {
                acc.add(r);
            }
        }
        for &d in &item.domains {
            if let Some(acc) = domains.get_mut(d) {
                acc.add(r);
            }
        }
    }

    // Item results.
    let items: Vec<ItemResult<'r>> = rs
        .items
        .iter()
        .zip(&scored)
        .enumerate()
        .map(|(i, (item, r))| {
            let doc = &rs.doc.item[i];
            let answer = answers.get(i).copied().unwrap_or(AnswerState::Unanswered);
            let scale = rs.scales.get(item.scale);
            let short = match r.status {
                ItemStatus::Answered => r.fraction.is_some_and(|f| f < 1.0),
                ItemStatus::Unknown | ItemStatus::Unanswered => true,
                ItemStatus::NotApplicable | ItemStatus::Excluded => false,
            };
            ItemResult {
                id: &doc.id,
                theme: &doc.theme,
                status: r.status,
                answer: match answer {
                    AnswerState::Unanswered => None,
                    a => scale.map(|s| s.token(a)),
                },
                note: notes.get_mut(i).and_then(Option::take),
                weight: item.weight as u32,
                points: round(r.points, 2),
                max: round(r.max, 2),
                critical: item.critical,
                critical_failure: r.critical_failure,
                advice: short.then_some(&doc.advice),
                applies: item
                    .applies_if
                    .as_ref()
                    .map(|e| why(rs, e, r.applies, &snapshot)),
            }
        })
        .collect();

    // Signals: built in ruleset order; a stable sort by severity keeps that order within one.
    let mut signals: Vec<SignalResult<'r>> = rs
        .signals
        .iter()
        .zip(&rs.doc.signal)
        .filter_map(|(s, doc)| {
            let result = s.when.eval(&env);
            (result == Tri::True).then(|| SignalResult {
                id: &doc.id,
                severity: s.severity,
                message: &doc.message,
                why: why(rs, &s.when, result, &snapshot),
            })
        })
        .collect();
    sort_by(&mut signals, |a, b| {
        severity_rank(a.severity) > severity_rank(b.severity)
    });

    // Knowledge gaps: ruleset order, then a stable sort by weight and criticality.
    let mut gaps: Vec<KnowledgeGap<'r>> = scored
        .iter()
        .zip(rs.items.iter().zip(&rs.doc.item))
        .filter(|(r, _)| matches!(r.status, ItemStatus::Unknown | ItemStatus::Unanswered))
        .map(|(r, (item, doc))| KnowledgeGap {
            item: &doc.id,
            theme: &doc.theme,
            status: r.status,
            weight: item.weight as u32,
            critical: item.critical,
            question: &doc.question,
        })
        .collect();
    sort_by(&mut gaps, |a, b| {
        (b.weight, b.critical) < (a.weight, a.critical)
    });

    // Improvements: ruleset order, then a stable sort by gain and critical failure.
    let mut improvements: Vec<Improvement<'r>> = scored
        .iter()
        .zip(rs.items.iter().zip(&rs.doc.item))
        .zip(answers.iter())
        .filter(|((r, _), _)| {
            r.status == ItemStatus::Answered && r.fraction.is_some_and(|f| f < 1.0)
        })
        .filter_map(|((r, (item, doc)), &answer)| {
            let scale = rs.scales.get(item.scale)?;
            Some(Improvement {
                rank: 0,
                item: &doc.id,
                theme: &doc.theme,
                from: scale.token(answer),
                to: scale
                    .options
                    .get(scale.best)
                    .map_or("", |o| o.token.as_str()),
                gain: round(item.weight * (1.0 - r.fraction.unwrap_or(0.0)), 2),
                critical_failure: r.critical_failure,
                advice: &doc.advice,
            })
        })
        .collect();
    sort_by(&mut improvements, |a, b| {
        a.gain > b.gain || (a.gain == b.gain && a.critical_failure && !b.critical_failure)
    });
    for (k, imp) in improvements.iter_mut().enumerate() {
        imp.rank = u32::try_from(k + 1).unwrap_or(u32::MAX);
    }

    Assessment {
        ruleset: RulesetInfo {
            id: &rs.meta.id,
            version: &rs.meta.version,
            hash: &rs.hash,
        },
        proposal: ProposalInfo { id, title },
        overall: score(rs, &overall, || {
            failed
                .iter()
                .filter_map(|&i| rs.item_ids.get(i).map(String::as_str))
                .collect()
        }),
        themes: groups(rs, &rs.doc.theme, &themes, &failed, |it, g| it.theme == g),
        principles: groups(rs, &rs.doc.principle, &principles, &failed, |it, g| {
            it.principles.contains(&g)
        }),
        domains: groups(rs, &rs.doc.domain, &domains, &failed, |it, g| {
            it.domains.contains(&g)
        }),
        items,
        signals,
        knowledge_gaps: gaps,
        improvements,
    }
}

fn severity_rank(s: Severity) -> u8 {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Critical => 2,
    }
}
