//! Tables of proposals, one row per proposal: which column holds what (from a header, checked
//! against the ruleset), a row of cells read into a proposal, and a proposal written as a row.
//!
//! Columns: `id`, `title`, context fields (`instrument` or `context.instrument`), item ids (the
//! answers: `ja`, `deels`, `4`, `onbekend` …, or `answer.<item id>`) and `note.<item id>`;
//! `line` and columns without a header are left out. An empty cell is not given. A `choices`
//! field lists its options separated by `;` or `|`; a number is read by
//! [`parse_number`](super::parse_number) in the table's [`NumberStyle`]; a boolean is `ja`/`nee`,
//! `yes`/`no`, `true`/`false` or `1`/`0` ([`crate::vocab::YES_WORDS`]).

use serde_json::{Map, Value};

use super::number::{NumberStyle, parse_number};
use crate::compiled::CompiledRuleset;
use crate::error::{ProposalError, ProposalIssue, pointer_segment};
use crate::model::ruleset::FieldType;
use crate::vocab::yes_or_no;

/// What one column of a proposals table holds.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProposalColumn {
    /// The proposal's id (`id`).
    Id,
    /// Its title (`title`).
    Title,
    /// A context field, by id, with its type.
    Context(String, FieldType),
    /// The answer to an item, by id.
    Answer(String),
    /// The note on the answer to an item, by id (`note.<item id>`).
    Note(String),
    /// A column that is left out (`line`, a column without a header).
    Ignored,
}

/// How the cells of a table are written: the numbers' style and the delimiter of CSV lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TableOptions {
    /// How numbers are written (read: [`NumberStyle::Auto`] refuses the ambiguous ones).
    pub numbers: NumberStyle,
    /// The delimiter of CSV lines the core writes.
    pub delimiter: char,
}

impl Default for TableOptions {
    fn default() -> Self {
        TableOptions {
            numbers: NumberStyle::Auto,
            delimiter: ',',
        }
    }
}

impl TableOptions {
    /// Numbers in `numbers` style, CSV lines separated by `,`.
    pub fn new(numbers: NumberStyle) -> Self {
        TableOptions {
            numbers,
            ..TableOptions::default()
        }
    }

    /// The same options with another delimiter (Dutch spreadsheets write `;`).
    pub fn with_delimiter(mut self, delimiter: char) -> Self {
        self.delimiter = delimiter;
        self
    }
}

/// The columns of a table of proposals, checked against a ruleset.
#[derive(Clone, Debug, PartialEq)]
pub struct ProposalColumns {
    columns: Vec<ProposalColumn>,
    options: TableOptions,
}

/// What the columns of a proposals table may be, for messages.
const COLUMNS_HELP: &str = "columns are id, title, context fields (e.g. instrument or context.instrument), item ids (answers) and note.<item id>";

impl ProposalColumns {
    /// The columns a header names. Every unknown column is a problem on line 1, at its column.
    pub(crate) fn from_header<S: AsRef<str>>(
        rs: &CompiledRuleset,
        header: &[S],
        options: TableOptions,
    ) -> Result<Self, ProposalError> {
        let field = |name: &str| {
            rs.field_index
                .get(name)
                .and_then(|&f| rs.fields.get(f))
                .map(|f| ProposalColumn::Context(f.id.clone(), f.kind))
        };
        let item = |name: &str| rs.item_index.contains_key(name).then(|| name.to_string());
        let mut columns = Vec::with_capacity(header.len());
        let mut unknown = Vec::new();
        for (k, h) in header.iter().enumerate() {
            let h = h.as_ref().trim();
            let column = match h {
                "id" => ProposalColumn::Id,
                "title" => ProposalColumn::Title,
                "" | "line" => ProposalColumn::Ignored,
                _ => {
                    if let Some(c) = h
                        .strip_prefix("context.")
                        .and_then(field)
                        .or_else(|| field(h))
                    {
                        c
                    } else if let Some(i) = h.strip_prefix("note.").and_then(item) {
                        ProposalColumn::Note(i)
                    } else if let Some(i) = item(h.strip_prefix("answer.").unwrap_or(h)) {
                        ProposalColumn::Answer(i)
                    } else {
                        unknown.push(
                            ProposalIssue::new(
                                "unknown-column",
                                "",
                                format!("unknown column `{h}`"),
                            )
                            .with_help(COLUMNS_HELP)
                            .with_position(1, position(k)),
                        );
                        ProposalColumn::Ignored
                    }
                }
            };
            columns.push(column);
        }
        if unknown.is_empty() {
            Ok(ProposalColumns { columns, options })
        } else {
            Err(ProposalError::new(unknown))
        }
    }

    /// Every column of a ruleset: `id`, `title`, the context fields, then per item its answer
    /// and its note.
    pub(crate) fn every(rs: &CompiledRuleset, options: TableOptions) -> Self {
        let mut columns = vec![ProposalColumn::Id, ProposalColumn::Title];
        columns.extend(
            rs.fields
                .iter()
                .map(|f| ProposalColumn::Context(f.id.clone(), f.kind)),
        );
        for id in &rs.item_ids {
            columns.push(ProposalColumn::Answer(id.clone()));
            columns.push(ProposalColumn::Note(id.clone()));
        }
        ProposalColumns { columns, options }
    }

    /// The columns, in order.
    pub fn columns(&self) -> &[ProposalColumn] {
        &self.columns
    }

    /// The options the table is read and written with.
    pub fn options(&self) -> TableOptions {
        self.options
    }

    /// The header that names these columns (a context field as `context.<id>` when an item
    /// has the same id).
    pub fn header(&self) -> Vec<String> {
        let item = |id: &str| {
            self.columns
                .iter()
                .any(|c| matches!(c, ProposalColumn::Answer(i) if i == id))
        };
        self.columns
            .iter()
            .map(|c| match c {
                ProposalColumn::Id => "id".to_string(),
                ProposalColumn::Title => "title".to_string(),
                ProposalColumn::Context(id, _) if item(id) => format!("context.{id}"),
                ProposalColumn::Context(id, _) => id.clone(),
                ProposalColumn::Answer(id) => id.clone(),
                ProposalColumn::Note(id) => format!("note.{id}"),
                ProposalColumn::Ignored => String::new(),
            })
            .collect()
    }

    /// Reads a row into a proposal (as JSON, to be assessed with
    /// [`crate::Ruleset::assess_value`]). `line` is the row's line in its file, for the
    /// problems: each cell that cannot be read is one, at `line` and the cell's column, with
    /// the JSON pointer of the value it was to give. An answer or an option that does not fit
    /// the ruleset is left to the assessment, which reports it at its pointer.
    pub fn read<S: AsRef<str>>(&self, line: u64, cells: &[S]) -> Result<Value, ProposalError> {
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        let mut top = Map::new();
        let mut context = Map::new();
        let mut answers: Vec<(&str, &str)> = Vec::new();
        let mut notes: Vec<(&str, &str)> = Vec::new();
        let mut issues = Vec::new();
        for (k, (cell, column)) in cells.iter().zip(&self.columns).enumerate() {
            let cell = cell.as_ref().trim();
            if cell.is_empty() {
                continue;
            }
            match column {
                ProposalColumn::Id => {
                    top.insert("id".into(), Value::String(cell.into()));
                }
                ProposalColumn::Title => {
                    top.insert("title".into(), Value::String(cell.into()));
                }
                ProposalColumn::Context(id, kind) => match self.context_value(cell, *kind) {
                    Ok(v) => {
                        context.insert(id.clone(), v);
                    }
                    Err((code, message, help)) => issues.push(
                        ProposalIssue::new(
                            code,
                            format!("/context/{}", pointer_segment(id)),
                            format!("column `{id}`: {message}"),
                        )
                        .with_help(help)
                        .with_position(line, position(k)),
                    ),
                },
                ProposalColumn::Answer(id) => answers.push((id, cell)),
                ProposalColumn::Note(id) => notes.push((id, cell)),
                ProposalColumn::Ignored => {}
            }
        }
        if !issues.is_empty() {
            return Err(ProposalError::new(issues));
        }
        // An answer with a note is an object; a note without an answer keeps its place.
        let mut given = Map::new();
        for &(id, token) in &answers {
            let token = Value::String(token.into());
            let value = match notes.iter().find(|(n, _)| *n == id) {
                Some(&(_, note)) => with_note(token, note),
                None => token,
            };
            given.insert(id.to_string(), value);
        }
        for &(id, note) in &notes {
            if !answers.iter().any(|(a, _)| *a == id) {
                given.insert(id.to_string(), with_note(Value::Null, note));
            }
        }
        top.insert("context".into(), Value::Object(context));
        top.insert("answers".into(), Value::Object(given));
        Ok(Value::Object(top))
    }

    /// A cell as a context value of its field's type; `Err` holds the code, the message and
    /// the help.
    fn context_value(
        &self,
        cell: &str,
        kind: FieldType,
    ) -> Result<Value, (&'static str, String, String)> {
        Ok(match kind {
            FieldType::Text | FieldType::Choice => Value::String(cell.to_string()),
            FieldType::Choices => Value::Array(
                cell.split([';', '|'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.to_string()))
                    .collect(),
            ),
            FieldType::Number => {
                let n = parse_number(cell, self.options.numbers)
                    .map_err(|e| (e.code, e.message, e.help))?;
                serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
            }
            FieldType::Boolean => match yes_or_no(cell) {
                Some(b) => Value::Bool(b),
                None => {
                    return Err((
                        "invalid-boolean",
                        format!("`{cell}` is not yes or no"),
                        "write ja or nee (yes/no, true/false, 1/0)".into(),
                    ));
                }
            },
        })
    }

    /// A proposal (its JSON form) as a row of cells, in the table's number style: what
    /// [`ProposalColumns::read`] reads back to the same proposal.
    pub fn write(&self, proposal: &Value) -> Vec<String> {
        let style = self.options.numbers;
        let answer = |id: &str| proposal.get("answers").and_then(|a| a.get(id));
        self.columns
            .iter()
            .map(|c| match c {
                ProposalColumn::Id => proposal.get("id").map_or(String::new(), |v| text(v, style)),
                ProposalColumn::Title => proposal
                    .get("title")
                    .map_or(String::new(), |v| text(v, style)),
                ProposalColumn::Context(id, _) => proposal
                    .get("context")
                    .and_then(|c| c.get(id))
                    .map_or(String::new(), |v| text(v, style)),
                ProposalColumn::Answer(id) => match answer(id) {
                    Some(Value::Object(o)) => {
                        o.get("answer").map_or(String::new(), |v| token(v, style))
                    }
                    Some(v) => token(v, style),
                    None => String::new(),
                },
                ProposalColumn::Note(id) => answer(id)
                    .and_then(|a| a.get("note"))
                    .map_or(String::new(), |v| text(v, style)),
                ProposalColumn::Ignored => String::new(),
            })
            .collect()
    }
}

/// An answer object: `{"answer": …, "note": …}`.
fn with_note(answer: Value, note: &str) -> Value {
    let mut object = Map::new();
    object.insert("answer".into(), answer);
    object.insert("note".into(), Value::String(note.into()));
    Value::Object(object)
}

/// The 1-based column number of the cell with index `k`.
fn position(k: usize) -> u32 {
    u32::try_from(k + 1).unwrap_or(u32::MAX)
}

/// A value as cell text: numbers in `style`, booleans as its yes/no words, lists joined by `;`.
fn text(v: &Value, style: NumberStyle) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n
            .as_f64()
            .map_or_else(|| n.to_string(), |x| style.format(x)),
        Value::Bool(b) => match (style, b) {
            (NumberStyle::Dutch, true) => "ja".into(),
            (NumberStyle::Dutch, false) => "nee".into(),
            (NumberStyle::English, true) => "yes".into(),
            (NumberStyle::English, false) => "no".into(),
            (_, b) => b.to_string(),
        },
        Value::Array(list) => list
            .iter()
            .map(|v| text(v, style))
            .collect::<Vec<_>>()
            .join(";"),
        Value::Object(_) => v.to_string(),
    }
}

/// An answer as cell text: `true`/`false` stand for `yes`/`no`; numbers are tokens (`3`).
fn token(v: &Value, style: NumberStyle) -> String {
    match v {
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::Number(n) => n.to_string(),
        other => text(other, style),
    }
}
