//! Errors as values: every error has a stable code, a message, help that says what would be
//! valid, and a location — file, line and column in a rule file, or a JSON pointer in a proposal.

use std::fmt;

use schemars::JsonSchema;
use serde::Serialize;

/// Where a ruleset problem is: a file of the ruleset folder (or the JSON document), the line and
/// column when known, and the path to the value inside the document (a JSON pointer such as
/// `/item/3/theme`, counted within the file).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct SourceLocation {
    /// File name, relative to the ruleset folder (`<json>` for a ruleset given as JSON text).
    pub file: String,
    /// 1-based line, when the format has lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// 1-based column (in characters), when the format has lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// JSON pointer to the value inside the file's document.
    pub path: String,
}

impl SourceLocation {
    /// A location in `file` at the JSON pointer `path`, without line and column.
    pub fn new(file: impl Into<String>, path: impl Into<String>) -> Self {
        SourceLocation {
            file: file.into(),
            line: None,
            column: None,
            path: path.into(),
        }
    }

    /// The same location with a 1-based line and column.
    pub fn with_position(mut self, line: u32, column: u32) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }
}

impl fmt::Display for SourceLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, ":{l}:{c}"),
            _ if !self.path.is_empty() => write!(f, "#{}", self.path),
            _ => Ok(()),
        }
    }
}

/// One problem found in a ruleset.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct RuleIssue {
    /// Stable code, e.g. `unknown-theme` or `expr-unknown-field` (listed in docs/rule-language.md).
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// What would be valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Where it is.
    pub location: SourceLocation,
    /// Id of the item, signal or other rule the problem is in, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

impl RuleIssue {
    /// A problem with a stable `code` (listed in docs/rule-language.md) at `location`.
    pub fn new(code: &'static str, message: impl Into<String>, location: SourceLocation) -> Self {
        RuleIssue {
            code,
            message: message.into(),
            help: None,
            location,
            rule: None,
        }
    }

    /// The same problem with help that says what would be valid.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same problem, in the rule (item, signal …) with this id.
    pub fn with_rule(mut self, rule: impl Into<String>) -> Self {
        self.rule = Some(rule.into());
        self
    }
}

impl fmt::Display for RuleIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: error[{}]: ", self.location, self.code)?;
        if let Some(rule) = &self.rule {
            write!(f, "in `{rule}`: ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// A ruleset could not be loaded.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RulesetError {
    /// A file or folder could not be read.
    #[error("cannot read {path}: {message}")]
    Io {
        /// The path that failed.
        path: String,
        /// The operating system's message.
        message: String,
    },
    /// The ruleset is invalid; every problem found is listed.
    #[error("{}", list(.0))]
    Invalid(Vec<RuleIssue>),
}

impl RulesetError {
    /// The problems found (empty for an I/O error).
    pub fn issues(&self) -> &[RuleIssue] {
        match self {
            RulesetError::Invalid(v) => v,
            RulesetError::Io { .. } => &[],
        }
    }
}

fn list<T: fmt::Display>(issues: &[T]) -> String {
    let mut s = match issues.len() {
        1 => "1 error in the ruleset:".to_string(),
        n => format!("{n} errors in the ruleset:"),
    };
    for i in issues {
        s.push('\n');
        s.push_str(&i.to_string());
    }
    s
}

/// One problem found in a proposal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct ProposalIssue {
    /// Stable code, e.g. `unknown-item` (listed in docs/rule-language.md).
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// What would be valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// JSON pointer to the offending value (empty for the whole document).
    pub pointer: String,
    /// 1-based line in the JSON text, for syntax errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// 1-based column in the JSON text, for syntax errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// The item id concerned, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
}

impl fmt::Display for ProposalIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "line {l}, column {c}: ")?,
            _ => write!(
                f,
                "at {}: ",
                if self.pointer.is_empty() {
                    "the top level"
                } else {
                    &self.pointer
                }
            )?,
        }
        write!(f, "error[{}]: {}", self.code, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl ProposalIssue {
    /// A problem with a stable `code` (listed in docs/rule-language.md) at the JSON pointer
    /// `pointer` (`""` for the whole document).
    pub fn new(code: &'static str, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        ProposalIssue {
            code,
            message: message.into(),
            help: None,
            pointer: pointer.into(),
            line: None,
            column: None,
            item: None,
        }
    }

    /// The same problem with help that says what would be valid.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same problem, concerning the item with this id.
    pub fn with_item(mut self, item: impl Into<String>) -> Self {
        self.item = Some(item.into());
        self
    }

    /// The same problem at a 1-based line and column of the text it was read from.
    pub fn with_position(mut self, line: u32, column: u32) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }
}

/// A proposal is invalid for the ruleset; every problem found is listed (at most
/// [`crate::limits::MAX_PROPOSAL_ISSUES`]), ordered by JSON pointer.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", proposal_list(.issues))]
#[non_exhaustive]
pub struct ProposalError {
    /// The problems, ordered by JSON pointer (then code). Never empty.
    pub issues: Vec<ProposalIssue>,
}

impl From<ProposalIssue> for ProposalError {
    fn from(issue: ProposalIssue) -> Self {
        ProposalError {
            issues: vec![issue],
        }
    }
}

impl ProposalError {
    /// An error with these problems (give at least one).
    pub fn new(issues: Vec<ProposalIssue>) -> Self {
        ProposalError { issues }
    }

    /// The first problem.
    pub fn first(&self) -> Option<&ProposalIssue> {
        self.issues.first()
    }
}

fn proposal_list(issues: &[ProposalIssue]) -> String {
    match issues {
        [one] => format!("invalid proposal: {one}"),
        many => {
            let mut s = format!("invalid proposal, {} errors:", many.len());
            for i in many {
                s.push('\n');
                s.push_str(&i.to_string());
            }
            s
        }
    }
}

/// Any error of this crate.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The ruleset could not be loaded.
    #[error(transparent)]
    Ruleset(#[from] RulesetError),
    /// The proposal is invalid.
    #[error(transparent)]
    Proposal(#[from] ProposalError),
}

/// The error type for serde deserializers that feed [`crate::Ruleset::assess_from`] and find
/// problems of their own — a binding reading a native value that has no JSON meaning (a Python
/// `datetime`, a dict with an `int` key). It carries the located problem, which the decoder
/// reports as it is, among the problems it found itself. An error made through
/// `serde::de::Error::custom` is a `proposal-syntax` problem of the whole document.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{issue}")]
pub struct InputError {
    issue: Box<ProposalIssue>,
}

impl InputError {
    /// The error of a located problem.
    pub fn new(issue: ProposalIssue) -> Self {
        InputError {
            issue: Box::new(issue),
        }
    }

    /// The problem.
    pub fn issue(&self) -> &ProposalIssue {
        &self.issue
    }

    /// The problem, owned.
    pub fn into_issue(self) -> ProposalIssue {
        *self.issue
    }
}

impl serde::de::Error for InputError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        InputError::new(ProposalIssue::new("proposal-syntax", "", msg.to_string()))
    }
}

/// Escapes one JSON pointer segment (RFC 6901).
pub fn pointer_segment(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// 1-based line and column (in characters) of a byte offset in `text`.
#[cfg(feature = "toml")]
pub(crate) fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(col).unwrap_or(u32::MAX),
    )
}

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nbé = \"x\"\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, 12), (2, 6));
        assert_eq!(line_col(text, 999), (3, 1));
    }
}
