//! The scoring engine: decoded inputs → [`Assessment`], exactly as docs/scoring.md defines it.

use std::borrow::Cow;
use std::sync::Arc;

use crate::assessment::{
    Assessment, GroupScore, Improvement, ItemResult, ItemStatus, KnowledgeGap, ProposalInfo,
    RulesetInfo, Score, SignalResult, Snapshot, Why,
};
use crate::compiled::{CompiledRuleset, Item};
use crate::decode::Inputs;
use crate::expr::Tri;
use crate::expr::eval::{CtxValue, Env};
use crate::model::ruleset::{GroupDoc, Severity};
use crate::order::sort_by;
use crate::scale::AnswerState;
use crate::vocab::{RATING_INCOMPLETE, RATING_NOT_APPLICABLE};

/// The running totals of a group of items (exact, before rounding).
#[derive(Clone, Debug, Default)]
struct Tally {
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

impl Tally {
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

fn rating<'r>(
    rs: &'r CompiledRuleset,
    tally: &Tally,
    pct: Option<f64>,
    completeness: Option<f64>,
) -> &'r str {
    let (Some(pct), Some(completeness)) = (pct, completeness) else {
        return RATING_NOT_APPLICABLE;
    };
    if completeness < rs.scoring.min_completeness {
        return RATING_INCOMPLETE;
    }
    let mut band = rs
        .bands
        .iter()
        .position(|b| b.min <= pct)
        .unwrap_or(rs.bands.len().saturating_sub(1));
    if let Some(cap) = rs.scoring.critical_cap {
        if tally.critical_failures > 0 && band < cap {
            band = cap;
        }
    }
    rs.band_id(band).unwrap_or(RATING_NOT_APPLICABLE)
}

/// The score of a group; `failures` lists the ids of the critical failures in it.
fn score<'r>(
    rs: &'r CompiledRuleset,
    tally: &Tally,
    failures: impl FnOnce() -> Vec<&'r str>,
) -> Score<'r> {
    let applicable = tally.applicable();
    let pct = percent(tally.points, tally.max);
    let completeness = (applicable > 0)
        .then(|| round(100.0 * f64::from(tally.answered) / f64::from(applicable), 1));
    Score {
        points: round(tally.points, 2),
        max: round(tally.max, 2),
        percent: pct,
        completeness,
        applicable,
        answered: tally.answered,
        unknown: tally.unknown,
        unanswered: tally.unanswered,
        not_applicable: tally.not_applicable,
        excluded: tally.excluded,
        rating: rating(rs, tally, pct, completeness),
        critical_failures: if tally.critical_failures > 0 {
            failures()
        } else {
            Vec::new()
        },
    }
}

/// The scores of the themes, principles or domains; `member(item, group)` says whether an item
/// belongs to a group.
fn groups<'r>(
    rs: &'r CompiledRuleset,
    docs: &'r [GroupDoc],
    tallies: &[Tally],
    failed: &[usize],
    member: impl Fn(&Item, usize) -> bool,
) -> Vec<GroupScore<'r>> {
    docs.iter()
        .zip(tallies)
        .enumerate()
        .map(|(gi, (g, tally))| GroupScore {
            id: &g.id,
            title: &g.title,
            score: score(rs, tally, || {
                failed
                    .iter()
                    .filter(|&&i| rs.items.get(i).is_some_and(|it| member(it, gi)))
                    .filter_map(|&i| rs.item_ids.get(i).map(String::as_str))
                    .collect()
            }),
        })
        .collect()
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
pub(crate) fn assess<'r>(rs: &'r CompiledRuleset, inputs: Cow<'r, Inputs>) -> Assessment<'r> {
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
    let mut overall = Tally::default();
    let mut themes = vec![Tally::default(); rs.doc.theme.len()];
    let mut principles = vec![Tally::default(); rs.doc.principle.len()];
    let mut domains = vec![Tally::default(); rs.doc.domain.len()];
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
            if let Some(tally) = principles.get_mut(p) {
                tally.add(r);
            }
        }
        for &d in &item.domains {
            if let Some(tally) = domains.get_mut(d) {
                tally.add(r);
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
                    .map(|e| Why::new(rs, e, r.applies, &snapshot)),
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
                why: Why::new(rs, &s.when, result, &snapshot),
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
                to: scale.best_token(),
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
        ruleset: RulesetInfo::of(rs),
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
