//! The one walk over the sections of a report. Markdown and HTML differ in markup only: the
//! walk decides what is shown, in which order and in which words; a [`Markup`] writes it.
//!
//! Texts are handed to the markup as they are (unescaped); each markup escapes them itself.

use std::borrow::Cow;

use crate::assessment::{Assessment, ItemResult, ItemStatus, RulesetInfo, Score};
use crate::compiled::CompiledRuleset;
use crate::model::ruleset::Severity;
use crate::questions::{answer_label, builtin_label, rating_label};
use crate::text::Lang;

use super::words::{Words, gain, num, pct, words};

/// A group's score, as the report shows it.
pub(super) struct ScoreRow<'a> {
    /// The group's title (or the word for "overall").
    pub label: &'a str,
    pub percent: String,
    pub completeness: String,
    /// The rating id, and its label in the report's language.
    pub rating: &'a str,
    pub rating_label: String,
}

/// What a table cell holds.
pub(super) enum CellKind<'a> {
    /// The name of the row (HTML: a row header).
    Label,
    /// Text.
    Text,
    /// A number, aligned right.
    Number,
    /// A rating label, of this rating id.
    Rating(&'a str),
}

/// One table cell: unescaped text, whether it is emphasised (in HTML a row header and a
/// rating are marked by their element and colour instead), and a flag written after it
/// (`(Kritisch punt voldoet niet)`).
pub(super) struct Cell<'a> {
    pub kind: CellKind<'a>,
    pub text: Cow<'a, str>,
    pub strong: bool,
    pub flag: Option<&'a str>,
}

impl<'a> Cell<'a> {
    fn new(kind: CellKind<'a>, text: impl Into<Cow<'a, str>>) -> Self {
        Cell {
            kind,
            text: text.into(),
            strong: false,
            flag: None,
        }
    }

    fn strong(mut self, strong: bool) -> Self {
        self.strong = strong;
        self
    }
}

/// The header of a four-column table: the column titles and which columns hold numbers.
pub(super) struct Head<'a> {
    pub titles: [&'a str; 4],
    pub numbers: [bool; 4],
}

/// One ranked improvement.
pub(super) struct ImprovementLine<'a> {
    pub rank: u32,
    pub question: &'a str,
    pub theme: &'a str,
    pub from: String,
    pub to: String,
    /// `+1,5 punten erbij`.
    pub gain: String,
    pub critical_failure: bool,
    pub advice: &'a str,
}

impl ImprovementLine<'_> {
    /// What follows the question, in both markups: `(Thema) — van Deels naar Ja, +1 punt
    /// erbij.` and the critical failure, escaped with `esc` and emphasised with `strong`.
    pub fn sentence(
        &self,
        w: &Words,
        esc: fn(&str) -> String,
        strong: fn(&str) -> String,
    ) -> String {
        let from_to = w
            .from_to
            .replace("{from}", &esc(&self.from))
            .replace("{to}", &esc(&self.to));
        let critical = if self.critical_failure {
            format!(" {}.", strong(w.critical_failure))
        } else {
            String::new()
        };
        format!(
            "({}) — {from_to}, {}.{critical}",
            esc(self.theme),
            self.gain
        )
    }
}

/// One knowledge gap.
pub(super) struct GapLine<'a> {
    pub question: &'a str,
    pub critical: bool,
    pub theme: &'a str,
    /// `Weet ik niet`, `Niet beantwoord`.
    pub status: &'static str,
}

impl GapLine<'_> {
    /// The gap as one line of text, escaped with `esc`: `Vraag (kritisch) — Thema: Weet ik niet`.
    pub fn sentence(&self, w: &Words, esc: fn(&str) -> String) -> String {
        let critical = if self.critical {
            format!(" ({})", w.critical)
        } else {
            String::new()
        };
        format!(
            "{}{critical} — {}: {}",
            esc(self.question),
            esc(self.theme),
            self.status
        )
    }
}

/// What a report's markup writes. The walk calls these in the order of the report.
pub(super) trait Markup {
    /// The top of the report: its title, the ruleset and the disclaimer.
    fn start(&mut self, w: &Words, title: &str, ruleset: &RulesetInfo<'_>);
    /// A section heading.
    fn section(&mut self, heading: &str);
    /// What comes between the overview's heading and its table (HTML: a chart).
    fn overview_chart(&mut self, _a: &Assessment<'_>) {}
    /// A table of four columns.
    fn table(&mut self, head: &Head<'_>, rows: &[[Cell<'_>; 4]]);
    /// The text of a section without entries.
    fn nothing(&mut self, text: &str);
    /// The signals that fired.
    fn signals(&mut self, w: &Words, signals: &[(Severity, &str)]);
    /// The ranked improvements.
    fn improvements(&mut self, w: &Words, list: &[ImprovementLine<'_>]);
    /// The knowledge gaps.
    fn gaps(&mut self, w: &Words, list: &[GapLine<'_>]);
    /// The heading of a theme's details.
    fn theme(&mut self, heading: &ScoreRow<'_>);
    /// The questions of a theme dropped for this proposal (never empty).
    fn dropped(&mut self, w: &Words, questions: &[&str]);
    /// The end of the report; its text.
    fn finish(self) -> String;
}

/// Walks the sections of a report of `a` in `lang`, writing them with `m`.
pub(super) fn walk<M: Markup>(
    rs: &CompiledRuleset,
    a: &Assessment<'_>,
    lang: Lang,
    mut m: M,
) -> String {
    let w = words(lang);
    let score_row = |label, score| score_row(rs, lang, label, score);
    m.start(
        &w,
        a.proposal.title.as_deref().unwrap_or(w.untitled),
        &a.ruleset,
    );

    m.section(w.overview);
    m.overview_chart(a);
    let mut rows: Vec<[Cell<'_>; 4]> = a
        .themes
        .iter()
        .map(|t| score_cells(score_row(t.title.get(lang), &t.score), false))
        .collect();
    rows.push(score_cells(score_row(w.overall, &a.overall), true));
    m.table(&score_head(&w, w.theme), &rows);

    m.section(w.signals);
    if a.signals.is_empty() {
        m.nothing(w.no_signals);
    } else {
        let list: Vec<(Severity, &str)> = a
            .signals
            .iter()
            .map(|s| (s.severity, s.message.get(lang)))
            .collect();
        m.signals(&w, &list);
    }

    m.section(w.improvements);
    if a.improvements.is_empty() {
        m.nothing(w.no_improvements);
    } else {
        let list: Vec<ImprovementLine<'_>> = a
            .improvements
            .iter()
            .map(|imp| ImprovementLine {
                rank: imp.rank,
                question: question(rs, imp.item, lang),
                theme: theme_title(a, imp.theme, lang),
                from: answer_label(rs, imp.item, imp.from, lang),
                to: answer_label(rs, imp.item, imp.to, lang),
                gain: gain(imp.gain, lang),
                critical_failure: imp.critical_failure,
                advice: imp.advice.get(lang),
            })
            .collect();
        m.improvements(&w, &list);
    }

    m.section(w.gaps);
    if a.knowledge_gaps.is_empty() {
        m.nothing(w.no_gaps);
    } else {
        let list: Vec<GapLine<'_>> = a
            .knowledge_gaps
            .iter()
            .map(|g| GapLine {
                question: g.question.get(lang),
                critical: g.critical,
                theme: theme_title(a, g.theme, lang),
                status: builtin_label(g.status.name(), lang),
            })
            .collect();
        m.gaps(&w, &list);
    }

    m.section(w.details);
    let head = Head {
        titles: [w.question, w.answer, w.points, w.note],
        numbers: [false, false, true, false],
    };
    for t in &a.themes {
        let mut rows = Vec::new();
        let mut dropped = Vec::new();
        for item in a.items.iter().filter(|i| i.theme == t.id) {
            if item.status == ItemStatus::Excluded {
                dropped.push(question(rs, item.id, lang));
                continue;
            }
            let points = if item.max > 0.0 {
                format!("{} / {}", num(item.points, lang), num(item.max, lang))
            } else {
                "–".to_string()
            };
            let mut asked = Cell::new(CellKind::Text, question(rs, item.id, lang));
            asked.flag = item.critical_failure.then_some(w.critical_failure);
            rows.push([
                asked,
                Cell::new(CellKind::Text, answer_text(rs, item, lang)),
                Cell::new(CellKind::Number, points),
                Cell::new(CellKind::Text, item.note.as_deref().unwrap_or("")),
            ]);
        }
        m.theme(&score_row(t.title.get(lang), &t.score));
        m.table(&head, &rows);
        if !dropped.is_empty() {
            m.dropped(&w, &dropped);
        }
    }

    for (heading, groups) in [(w.principles, &a.principles), (w.domains, &a.domains)] {
        m.section(heading);
        let rows: Vec<[Cell<'_>; 4]> = groups
            .iter()
            .map(|g| score_cells(score_row(g.title.get(lang), &g.score), false))
            .collect();
        m.table(&score_head(&w, ""), &rows);
    }
    m.finish()
}

/// The header of a table of scores, its first column titled `first` ("" for none).
fn score_head<'a>(w: &Words, first: &'a str) -> Head<'a> {
    Head {
        titles: [first, w.score, w.completeness, w.rating],
        numbers: [false, true, true, false],
    }
}

/// The cells of a group's score; the total's are emphasised.
fn score_cells(row: ScoreRow<'_>, total: bool) -> [Cell<'_>; 4] {
    [
        Cell::new(CellKind::Label, row.label).strong(total),
        Cell::new(CellKind::Number, row.percent).strong(total),
        Cell::new(CellKind::Number, row.completeness),
        Cell::new(CellKind::Rating(row.rating), row.rating_label).strong(total),
    ]
}

/// A row of a table of scores.
fn score_row<'a>(
    rs: &CompiledRuleset,
    lang: Lang,
    label: &'a str,
    score: &'a Score<'_>,
) -> ScoreRow<'a> {
    ScoreRow {
        label,
        percent: pct(score.percent, lang),
        completeness: pct(score.completeness, lang),
        rating: score.rating,
        rating_label: rating_label(rs, score.rating, lang),
    }
}

/// The question text of an item in a language.
fn question<'a>(rs: &'a CompiledRuleset, item: &str, lang: Lang) -> &'a str {
    rs.item_index
        .get(item)
        .and_then(|&(i, _)| rs.doc.item.get(i))
        .map_or("", |d| d.question.get(lang))
}

/// The theme title of an id in a language.
fn theme_title<'a>(a: &'a Assessment<'_>, id: &'a str, lang: Lang) -> &'a str {
    a.themes
        .iter()
        .find(|t| t.id == id)
        .map_or(id, |t| t.title.get(lang))
}

/// What to show as the answer of an item.
fn answer_text(rs: &CompiledRuleset, item: &ItemResult<'_>, lang: Lang) -> String {
    match (item.status, item.answer) {
        (ItemStatus::Unanswered, _) | (_, None) => {
            builtin_label(ItemStatus::Unanswered.name(), lang).to_string()
        }
        (_, Some(token)) => answer_label(rs, item.id, token, lang),
    }
}

/// The index of a severity in [`Words::severity`].
pub(super) fn severity_index(s: Severity) -> usize {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Critical => 2,
    }
}
