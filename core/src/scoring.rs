//! The scoring engine: decoded inputs → [`Assessment`], exactly as docs/scoring.md defines it.

use std::collections::BTreeMap;

use crate::compile::RESERVED_RATINGS;
use crate::compiled::AnswerState;
use crate::decode::Inputs;
use crate::expr::check::Ref;
use crate::expr::eval::{CtxValue, Env};
use crate::expr::{Expr, Tri};
use crate::model::assessment::{
    Assessment, GroupScore, Improvement, ItemResult, ItemStatus, KnowledgeGap, ProposalInfo,
    RulesetInfo, Score, SignalResult, Why,
};
use crate::model::ruleset::{GroupDoc, Severity};
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
    critical_failures: Vec<usize>,
}

impl Acc {
    fn add(&mut self, item: usize, r: &Scored) {
        match r.status {
            ItemStatus::Answered => self.answered += 1,
            ItemStatus::Unknown => self.unknown += 1,
            ItemStatus::Unanswered => self.unanswered += 1,
            ItemStatus::NotApplicable => self.not_applicable += 1,
            ItemStatus::Excluded => self.excluded += 1,
        }
        self.points += r.points;
        self.max += r.max;
        if r.critical_failure {
            self.critical_failures.push(item);
        }
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

/// Rounds half away from zero to `decimals` places.
fn round(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    let r = (x * f).round() / f;
    if r == 0.0 { 0.0 } else { r }
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
        if !acc.critical_failures.is_empty() && band < cap {
            band = cap;
        }
    }
    rs.bands
        .get(band)
        .and_then(|b| rs.doc.rating.get(b.doc))
        .map_or(RESERVED_RATINGS[1], |r| r.id.as_str())
}

fn score<'r>(rs: &'r Inner, acc: &Acc) -> Score<'r> {
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
        critical_failures: acc
            .critical_failures
            .iter()
            .filter_map(|&i| rs.item_ids.get(i).map(String::as_str))
            .collect(),
    }
}

fn groups<'r>(rs: &'r Inner, docs: &'r [GroupDoc], accs: &[Acc]) -> Vec<GroupScore<'r>> {
    docs.iter()
        .zip(accs)
        .map(|(g, acc)| GroupScore {
            id: &g.id,
            title: &g.title,
            score: score(rs, acc),
        })
        .collect()
}

/// The JSON value of a context field for explanations.
fn context_json(rs: &Inner, field: usize, value: Option<&CtxValue>) -> serde_json::Value {
    use serde_json::Value;
    let Some(f) = rs.fields.get(field) else {
        return Value::Null;
    };
    let option = |i: usize| {
        f.options
            .get(i)
            .map_or(Value::Null, |o| Value::String(o.id.clone()))
    };
    match value {
        None => Value::Null,
        Some(CtxValue::Bool(b)) => Value::Bool(*b),
        Some(CtxValue::Num(n)) => {
            serde_json::Number::from_f64(*n).map_or(Value::Null, Value::Number)
        }
        Some(CtxValue::Text(t)) => Value::String(t.clone()),
        Some(CtxValue::Choice(i)) => option(usize::from(*i)),
        Some(CtxValue::Choices(set)) => Value::Array(
            (0..f.options.len().min(64))
                .filter(|i| set & (1u64 << i) != 0)
                .map(option)
                .collect(),
        ),
    }
}

fn why<'r>(rs: &'r Inner, expr: &'r Expr, result: Tri, env: &Env<'_>) -> Why<'r> {
    let mut values = BTreeMap::new();
    for r in &expr.refs {
        match *r {
            Ref::Field(f) => {
                let name = rs
                    .fields
                    .get(f)
                    .map_or(String::new(), |x| format!("context.{}", x.id));
                values.insert(
                    name,
                    context_json(rs, f, env.context.get(f).and_then(Option::as_ref)),
                );
            }
            Ref::Answer(i) => {
                let name = format!("answer({})", rs.item_ids.get(i).map_or("", String::as_str));
                let token = rs
                    .items
                    .get(i)
                    .and_then(|it| rs.scales.get(it.scale))
                    .zip(env.answers.get(i))
                    .map_or("", |(s, a)| s.token(*a));
                values.insert(name, serde_json::Value::String(token.to_string()));
            }
        }
    }
    Why {
        condition: expr.source(),
        result,
        values,
    }
}

/// Scores decoded inputs.
pub(crate) fn assess<'r>(rs: &'r Inner, inputs: Inputs) -> Assessment<'r> {
    let Inputs {
        id,
        title,
        context,
        answers,
        mut notes,
    } = inputs;
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
    let env = Env {
        context: &context,
        answers: &effective,
    };

    // Groups.
    let mut overall = Acc::default();
    let mut themes = vec![Acc::default(); rs.doc.theme.len()];
    let mut principles = vec![Acc::default(); rs.doc.principle.len()];
    let mut domains = vec![Acc::default(); rs.doc.domain.len()];
    for (i, (item, r)) in rs.items.iter().zip(&scored).enumerate() {
        overall.add(i, r);
        if let Some(t) = themes.get_mut(item.theme) {
            t.add(i, r);
        }
        for &p in &item.principles {
            if let Some(acc) = principles.get_mut(p) {
                acc.add(i, r);
            }
        }
        for &d in &item.domains {
            if let Some(acc) = domains.get_mut(d) {
                acc.add(i, r);
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
                    .map(|e| why(rs, e, r.applies, &base_env)),
            }
        })
        .collect();

    // Signals.
    let mut signals: Vec<(usize, SignalResult<'r>)> = rs
        .signals
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let result = s.when.eval(&env);
            (result == Tri::True).then(|| {
                let doc = &rs.doc.signal[i];
                (
                    i,
                    SignalResult {
                        id: &doc.id,
                        severity: s.severity,
                        message: &doc.message,
                        why: why(rs, &s.when, result, &env),
                    },
                )
            })
        })
        .collect();
    signals.sort_by_key(|(i, s)| (std::cmp::Reverse(severity_rank(s.severity)), *i));

    // Knowledge gaps.
    let mut gaps: Vec<(usize, KnowledgeGap<'r>)> = scored
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r.status, ItemStatus::Unknown | ItemStatus::Unanswered))
        .filter_map(|(i, r)| {
            let doc = rs.doc.item.get(i)?;
            let item = rs.items.get(i)?;
            Some((
                i,
                KnowledgeGap {
                    item: &doc.id,
                    theme: &doc.theme,
                    status: r.status,
                    weight: item.weight as u32,
                    critical: item.critical,
                    question: &doc.question,
                },
            ))
        })
        .collect();
    gaps.sort_by_key(|(i, g)| (std::cmp::Reverse(g.weight), !g.critical, *i));

    // Improvements.
    let mut improvements: Vec<(usize, f64, Improvement<'r>)> = scored
        .iter()
        .enumerate()
        .filter(|(_, r)| r.status == ItemStatus::Answered && r.fraction.is_some_and(|f| f < 1.0))
        .filter_map(|(i, r)| {
            let doc = rs.doc.item.get(i)?;
            let item = rs.items.get(i)?;
            let scale = rs.scales.get(item.scale)?;
            let answer = answers.get(i).copied()?;
            let gain = item.weight * (1.0 - r.fraction.unwrap_or(0.0));
            Some((
                i,
                gain,
                Improvement {
                    rank: 0,
                    item: &doc.id,
                    theme: &doc.theme,
                    from: scale.token(answer),
                    to: scale
                        .options
                        .get(scale.best)
                        .map_or("", |o| o.token.as_str()),
                    gain: round(gain, 2),
                    critical_failure: r.critical_failure,
                    advice: &doc.advice,
                },
            ))
        })
        .collect();
    improvements.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then(b.2.critical_failure.cmp(&a.2.critical_failure))
            .then(a.0.cmp(&b.0))
    });

    Assessment {
        ruleset: RulesetInfo {
            id: &rs.meta.id,
            version: &rs.meta.version,
            hash: &rs.hash,
        },
        proposal: ProposalInfo { id, title },
        overall: score(rs, &overall),
        themes: groups(rs, &rs.doc.theme, &themes),
        principles: groups(rs, &rs.doc.principle, &principles),
        domains: groups(rs, &rs.doc.domain, &domains),
        items,
        signals: signals.into_iter().map(|(_, s)| s).collect(),
        knowledge_gaps: gaps.into_iter().map(|(_, g)| g).collect(),
        improvements: improvements
            .into_iter()
            .enumerate()
            .map(|(k, (_, _, mut imp))| {
                imp.rank = u32::try_from(k + 1).unwrap_or(u32::MAX);
                imp
            })
            .collect(),
    }
}

fn severity_rank(s: Severity) -> u8 {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Critical => 2,
    }
}
