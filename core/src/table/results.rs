//! Tables of results, one row per proposal: the column specification (name and kind of each
//! column) and the row of an assessment. The CLI's `batch --format csv`, the Python package's
//! `to_frame` and [`crate::OutputFormat::Row`] all write these columns.
//!
//! Columns, in order: (`line`,) `id`, `title`, `overall_percent`, `overall_rating`,
//! `overall_completeness`, per theme `<theme>_percent`, `<theme>_rating`,
//! `<theme>_completeness`, then `answered`, `applicable`, `signals` (how many fired),
//! `signal_ids`, `critical_failures` (how many), `critical_failure_ids`, `knowledge_gaps` (how
//! many), `top_improvement` (an item id), `error` and `error_code` (for a proposal that could
//! not be assessed). Percentages and completeness are empty where nothing applies.

use std::borrow::Cow;

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::csv::csv_line;
use super::number::NumberStyle;
use crate::assessment::{Assessment, Score};
use crate::model::proposal::ProposalId;

/// What a column of results holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ColumnKind {
    /// Text (ids, titles, ratings, messages).
    Text,
    /// A number that may be missing (percentages, completeness).
    Number,
    /// A whole number (counts, the input line).
    Count,
    /// Ids, joined by `;` in text.
    Ids,
}

impl ColumnKind {
    /// The kind's name: `text`, `number`, `count` or `ids`.
    pub fn name(self) -> &'static str {
        match self {
            ColumnKind::Text => "text",
            ColumnKind::Number => "number",
            ColumnKind::Count => "count",
            ColumnKind::Ids => "ids",
        }
    }
}

/// Where a column's value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    Line,
    Id,
    Title,
    Percent(Option<usize>),
    Rating(Option<usize>),
    Completeness(Option<usize>),
    Answered,
    Applicable,
    Signals,
    SignalIds,
    CriticalFailures,
    CriticalFailureIds,
    KnowledgeGaps,
    TopImprovement,
    Error,
    ErrorCode,
}

/// One column of results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultColumn {
    name: String,
    kind: ColumnKind,
    source: Source,
}

impl ResultColumn {
    /// The column's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What it holds.
    pub fn kind(&self) -> ColumnKind {
        self.kind
    }
}

/// A cell of a results row.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Cell<'a> {
    /// Nothing (a percentage where nothing applies; every score of an error row).
    Empty,
    /// Text.
    Text(Cow<'a, str>),
    /// A number.
    Number(f64),
    /// A whole number.
    Count(u64),
    /// Ids.
    Ids(&'a [String]),
    /// A proposal's id: text or a number.
    Id(&'a ProposalId),
}

impl Cell<'_> {
    /// The cell as text: numbers in `style`, ids joined by `;`.
    pub fn text(&self, style: NumberStyle) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(t) => Cow::Borrowed(t),
            Cell::Number(x) => Cow::Owned(style.format(*x)),
            Cell::Count(n) => Cow::Owned(n.to_string()),
            Cell::Ids(ids) => Cow::Owned(ids.join(";")),
            Cell::Id(ProposalId::Text(t)) => Cow::Borrowed(t),
            Cell::Id(ProposalId::Number(n)) => Cow::Owned(n.to_string()),
        }
    }
}

/// The columns of a table of results for a ruleset's themes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultColumns {
    columns: Vec<ResultColumn>,
    themes: Vec<String>,
}

impl ResultColumns {
    /// The columns for these theme ids, in order.
    pub fn new<S: AsRef<str>>(themes: &[S]) -> Self {
        let column = |name: String, kind, source| ResultColumn { name, kind, source };
        let fixed = |name: &str, kind, source| column(name.to_string(), kind, source);
        let mut columns = vec![
            fixed("id", ColumnKind::Text, Source::Id),
            fixed("title", ColumnKind::Text, Source::Title),
            fixed("overall_percent", ColumnKind::Number, Source::Percent(None)),
            fixed("overall_rating", ColumnKind::Text, Source::Rating(None)),
            fixed(
                "overall_completeness",
                ColumnKind::Number,
                Source::Completeness(None),
            ),
        ];
        for (t, id) in themes.iter().enumerate() {
            let id = id.as_ref();
            columns.push(column(
                format!("{id}_percent"),
                ColumnKind::Number,
                Source::Percent(Some(t)),
            ));
            columns.push(column(
                format!("{id}_rating"),
                ColumnKind::Text,
                Source::Rating(Some(t)),
            ));
            columns.push(column(
                format!("{id}_completeness"),
                ColumnKind::Number,
                Source::Completeness(Some(t)),
            ));
        }
        columns.extend([
            fixed("answered", ColumnKind::Count, Source::Answered),
            fixed("applicable", ColumnKind::Count, Source::Applicable),
            fixed("signals", ColumnKind::Count, Source::Signals),
            fixed("signal_ids", ColumnKind::Ids, Source::SignalIds),
            fixed(
                "critical_failures",
                ColumnKind::Count,
                Source::CriticalFailures,
            ),
            fixed(
                "critical_failure_ids",
                ColumnKind::Ids,
                Source::CriticalFailureIds,
            ),
            fixed("knowledge_gaps", ColumnKind::Count, Source::KnowledgeGaps),
            fixed("top_improvement", ColumnKind::Text, Source::TopImprovement),
            fixed("error", ColumnKind::Text, Source::Error),
            fixed("error_code", ColumnKind::Text, Source::ErrorCode),
        ]);
        ResultColumns {
            columns,
            themes: themes.iter().map(|t| t.as_ref().to_string()).collect(),
        }
    }

    /// The same columns after a first column `line` (the input line of each proposal).
    pub fn with_line(mut self) -> Self {
        self.columns.insert(
            0,
            ResultColumn {
                name: "line".into(),
                kind: ColumnKind::Count,
                source: Source::Line,
            },
        );
        self
    }

    /// The columns, in order.
    pub fn columns(&self) -> &[ResultColumn] {
        &self.columns
    }

    /// The cells of a row, in column order; `line` fills the column `line`.
    pub fn cells<'a>(&self, line: Option<u64>, row: &'a ResultRow) -> Vec<Cell<'a>> {
        let theme = |t: Option<usize>| match t {
            None => Some(&row.overall),
            Some(t) => self.themes.get(t).and_then(|id| {
                row.themes
                    .iter()
                    .find(|(theme, _)| theme == id)
                    .map(|(_, g)| g)
            }),
        };
        let number = |x: Option<f64>| x.map_or(Cell::Empty, Cell::Number);
        let ok = row.error.is_none();
        let count = |n: usize| {
            if ok {
                Cell::Count(u64::try_from(n).unwrap_or(u64::MAX))
            } else {
                Cell::Empty
            }
        };
        let text = |t: Option<&'a str>| t.map_or(Cell::Empty, |t| Cell::Text(Cow::Borrowed(t)));
        let ids = |ids: &'a [String]| if ok { Cell::Ids(ids) } else { Cell::Empty };
        self.columns
            .iter()
            .map(|c| match c.source {
                Source::Line => line.map_or(Cell::Empty, Cell::Count),
                Source::Id => row.id.as_ref().map_or(Cell::Empty, Cell::Id),
                Source::Title => text(row.title.as_deref()),
                Source::Percent(t) => number(theme(t).and_then(|g| g.percent)),
                Source::Completeness(t) => number(theme(t).and_then(|g| g.completeness)),
                Source::Rating(t) => text(theme(t).map(|g| g.rating.as_str()).filter(|_| ok)),
                Source::Answered => count(row.answered as usize),
                Source::Applicable => count(row.applicable as usize),
                Source::Signals => count(row.signals.len()),
                Source::SignalIds => ids(&row.signals),
                Source::CriticalFailures => count(row.critical_failures.len()),
                Source::CriticalFailureIds => ids(&row.critical_failures),
                Source::KnowledgeGaps => count(row.knowledge_gaps),
                Source::TopImprovement => text(row.top_improvement.as_deref()),
                Source::Error => text(row.error.as_ref().map(|e| e.message.as_str())),
                Source::ErrorCode => text(row.error.as_ref().map(|e| e.code.as_str())),
            })
            .collect()
    }

    /// The header as a CSV line.
    pub fn csv_header(&self, delimiter: char) -> String {
        csv_line(self.columns.iter().map(|c| c.name.as_str()), delimiter)
    }

    /// A row as a CSV line, numbers in `style`.
    pub fn csv_row(
        &self,
        line: Option<u64>,
        row: &ResultRow,
        style: NumberStyle,
        delimiter: char,
    ) -> String {
        let cells = self.cells(line, row);
        let texts: Vec<Cow<'_, str>> = cells.iter().map(|c| c.text(style)).collect();
        csv_line(texts.iter().map(|t| t.as_ref()), delimiter)
    }
}

/// The score of a group as a results row shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GroupRow {
    /// Percent, one decimal; `None` when nothing applies.
    pub percent: Option<f64>,
    /// Completeness in percent; `None` when nothing applies.
    pub completeness: Option<f64>,
    /// Rating.
    pub rating: String,
}

/// Why a proposal has no scores in its row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowError {
    /// The message, on one line.
    pub message: String,
    /// The code of the (first) problem.
    pub code: String,
}

/// What a row of results is made of: the parts of an assessment (or its summary) the columns
/// show, or the error of a proposal that could not be assessed. Read from an [`Assessment`]
/// with [`ResultRow::of`], or deserialized from an assessment or a summary as JSON (or as the
/// Python package's dicts).
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct ResultRow {
    /// The proposal's id.
    pub id: Option<ProposalId>,
    /// The proposal's title.
    pub title: Option<String>,
    /// All items together.
    pub overall: GroupRow,
    /// Items answered with a scale option, overall.
    pub answered: u32,
    /// Items that count in the maximum, overall.
    pub applicable: u32,
    /// Per theme id.
    pub themes: Vec<(String, GroupRow)>,
    /// Ids of the signals that fired.
    pub signals: Vec<String>,
    /// Ids of the critical items that fail.
    pub critical_failures: Vec<String>,
    /// How many knowledge gaps.
    pub knowledge_gaps: usize,
    /// The item of the first improvement.
    pub top_improvement: Option<String>,
    /// The error, for a proposal that could not be assessed.
    pub error: Option<RowError>,
}

fn group(s: &Score<'_>) -> GroupRow {
    GroupRow {
        percent: s.percent,
        completeness: s.completeness,
        rating: s.rating.to_string(),
    }
}

impl ResultRow {
    /// The row of an assessment.
    pub fn of(a: &Assessment<'_>) -> Self {
        ResultRow {
            id: a.proposal.id.clone(),
            title: a.proposal.title.as_deref().map(str::to_string),
            overall: group(&a.overall),
            answered: a.overall.answered,
            applicable: a.overall.applicable,
            themes: a
                .themes
                .iter()
                .map(|t| (t.id.to_string(), group(&t.score)))
                .collect(),
            signals: a.signals.iter().map(|s| s.id.to_string()).collect(),
            critical_failures: a
                .overall
                .critical_failures
                .iter()
                .map(|s| s.to_string())
                .collect(),
            knowledge_gaps: a.knowledge_gaps.len(),
            top_improvement: a.improvements.first().map(|i| i.item.to_string()),
            error: None,
        }
    }

    /// The row of a proposal that could not be assessed: its message (made one line) and the
    /// code of its problem.
    pub fn error(message: &str, code: &str) -> Self {
        ResultRow {
            error: Some(RowError {
                message: message.replace(['\n', '\r'], " "),
                code: code.to_string(),
            }),
            ..ResultRow::default()
        }
    }
}

/// The form in which an assessment or a summary is read into a row: only the fields a row
/// shows are read; everything else is skipped unread (no buffering), so reading a row from a
/// whole assessment costs little more than from its summary.
#[derive(Deserialize)]
struct Wire {
    #[serde(default)]
    proposal: WireProposal,
    overall: WireOverall,
    #[serde(default)]
    themes: Vec<WireTheme>,
    #[serde(default)]
    signals: Vec<SignalId>,
    #[serde(default)]
    knowledge_gaps: Vec<IgnoredAny>,
    #[serde(default)]
    improvements: Vec<WireImprovement>,
}

#[derive(Default, Deserialize)]
struct WireProposal {
    #[serde(default)]
    id: Option<ProposalId>,
    #[serde(default)]
    title: Option<String>,
}

#[derive(Deserialize)]
struct WireOverall {
    percent: Option<f64>,
    completeness: Option<f64>,
    rating: String,
    #[serde(default)]
    answered: u32,
    #[serde(default)]
    applicable: u32,
    #[serde(default)]
    critical_failures: Vec<String>,
}

#[derive(Deserialize)]
struct WireTheme {
    id: String,
    percent: Option<f64>,
    completeness: Option<f64>,
    rating: String,
}

#[derive(Deserialize)]
struct WireImprovement {
    item: String,
}

/// A signal in a summary (its id) or in an assessment (an object with its id).
struct SignalId(String);

impl<'de> Deserialize<'de> for SignalId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = SignalId;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a signal id, or a signal with an `id`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<SignalId, E> {
                Ok(SignalId(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<SignalId, A::Error> {
                let mut id = None;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if key == "id" {
                        id = Some(map.next_value::<String>()?);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                id.map(SignalId)
                    .ok_or_else(|| serde::de::Error::missing_field("id"))
            }
        }
        d.deserialize_any(V)
    }
}

fn group_row(percent: Option<f64>, completeness: Option<f64>, rating: String) -> GroupRow {
    GroupRow {
        percent,
        completeness,
        rating,
    }
}

impl<'de> Deserialize<'de> for ResultRow {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let w = Wire::deserialize(d)?;
        let o = w.overall;
        Ok(ResultRow {
            id: w.proposal.id,
            title: w.proposal.title,
            overall: group_row(o.percent, o.completeness, o.rating),
            answered: o.answered,
            applicable: o.applicable,
            themes: w
                .themes
                .into_iter()
                .map(|t| (t.id, group_row(t.percent, t.completeness, t.rating)))
                .collect(),
            signals: w.signals.into_iter().map(|s| s.0).collect(),
            critical_failures: o.critical_failures,
            knowledge_gaps: w.knowledge_gaps.len(),
            top_improvement: w.improvements.into_iter().next().map(|i| i.item),
            error: None,
        })
    }
}
