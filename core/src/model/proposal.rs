//! A proposal: what a policy officer fills in.
//!
//! ```json
//! {
//!   "title": "Snelfietsroute Utrecht–Amersfoort",
//!   "context": {"instrument": "investment", "citizens_affected": true, "budget": 4500000},
//!   "answers": {
//!     "inclusie.fysieke-toegankelijkheid": "ja",
//!     "inclusie.doenvermogen": {"answer": "unknown", "note": "Doenvermogentoets gepland in maart"}
//!   }
//! }
//! ```
//!
//! Decoding against a ruleset (item ids, tokens, context types) happens in
//! [`crate::Ruleset::assess_json`] and friends, which report problems by JSON pointer.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A proposal in its JSON form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Proposal {
    /// Optional link to a JSON Schema, for editors; ignored.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Optional identifier, echoed in the assessment (useful in bulk runs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<ProposalId>,
    /// Title of the proposal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Context fields, by id. A missing field (or `null`) is unknown.
    #[serde(default)]
    pub context: BTreeMap<String, Option<ContextValue>>,
    /// Answers, by item id. A missing item is unanswered.
    #[serde(default)]
    pub answers: BTreeMap<String, Option<Answer>>,
}

/// A proposal's identifier: text or a number.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ProposalId {
    /// A text id.
    Text(String),
    /// A numeric id.
    Number(serde_json::Number),
}

/// A context value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ContextValue {
    /// For boolean fields.
    Boolean(bool),
    /// For number fields.
    Number(f64),
    /// For text and choice fields (an option id or alias).
    Text(String),
    /// For choices fields: option ids or aliases.
    List(Vec<String>),
}

/// An answer: a token, or a token with a note.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Answer {
    /// Just the answer.
    Plain(AnswerToken),
    /// The answer with a note (toelichting).
    WithNote {
        /// The answer.
        answer: AnswerToken,
        /// The note.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
}

/// An answer token: a canonical token or alias (`yes`, `ja`, `unknown`, `nvt` …), a number for
/// numeric tokens (`3` on the 1–5 level scale), or `true`/`false` for `yes`/`no`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum AnswerToken {
    /// A token or alias.
    Text(String),
    /// A numeric token.
    Number(serde_json::Number),
    /// `true` for `yes`, `false` for `no`.
    Boolean(bool),
}

impl Proposal {
    /// A new, empty proposal with a title.
    pub fn new(title: impl Into<String>) -> Self {
        Proposal {
            title: Some(title.into()),
            ..Proposal::default()
        }
    }

    /// Sets a context value (builder style).
    pub fn with_context(mut self, field: impl Into<String>, value: ContextValue) -> Self {
        self.context.insert(field.into(), Some(value));
        self
    }

    /// Sets an answer token (builder style).
    pub fn with_answer(mut self, item: impl Into<String>, token: impl Into<String>) -> Self {
        self.answers.insert(
            item.into(),
            Some(Answer::Plain(AnswerToken::Text(token.into()))),
        );
        self
    }
}
