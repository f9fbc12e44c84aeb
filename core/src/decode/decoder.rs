//! The state of one decoding: the inputs read so far and the problems found, with the checks
//! every part of a proposal shares (text lengths, the title and the id).

use crate::compiled::CompiledRuleset;
use crate::error::{ProposalError, ProposalIssue};
use crate::expr::eval::CtxValue;
use crate::limits::{MAX_PROPOSAL_ISSUES, MAX_PROPOSAL_ISSUES_COLLECTED, MAX_PROPOSAL_TEXT_BYTES};
use crate::model::proposal::ProposalId;
use crate::scale::AnswerState;

use super::value::Scalar;

/// A proposal decoded against a ruleset.
#[derive(Clone, Debug, Default)]
pub(crate) struct Inputs {
    pub id: Option<ProposalId>,
    pub title: Option<String>,
    pub context: Vec<Option<CtxValue>>,
    pub answers: Vec<AnswerState>,
    pub notes: Vec<Option<String>>,
}

/// The state of one decoding: what has been read, and the problems found.
pub(super) struct Decoder<'r> {
    pub rs: &'r CompiledRuleset,
    pub inputs: Inputs,
    issues: Vec<ProposalIssue>,
    /// Problems found beyond those collected.
    pub dropped: usize,
    pub seen_answers: Vec<bool>,
    pub seen_context: Vec<bool>,
}

impl<'r> Decoder<'r> {
    pub fn new(rs: &'r CompiledRuleset) -> Self {
        Decoder {
            rs,
            inputs: Inputs {
                id: None,
                title: None,
                context: vec![None; rs.fields.len()],
                answers: vec![AnswerState::Unanswered; rs.items.len()],
                notes: vec![None; rs.items.len()],
            },
            issues: Vec::new(),
            dropped: 0,
            seen_answers: vec![false; rs.items.len()],
            seen_context: vec![false; rs.fields.len()],
        }
    }

    pub fn issue(&mut self, issue: ProposalIssue) {
        if self.issues.len() < MAX_PROPOSAL_ISSUES_COLLECTED {
            self.issues.push(issue);
        } else {
            self.dropped += 1;
        }
    }

    /// The problems found so far (when decoding stopped at a syntax error).
    pub fn into_issues(self) -> Vec<ProposalIssue> {
        self.issues
    }

    pub fn finish(mut self) -> Result<Inputs, ProposalError> {
        if self.issues.is_empty() && self.dropped == 0 {
            return Ok(self.inputs);
        }
        // By JSON pointer, so the same proposal gives the same list whatever its key order (and
        // whichever runtime parsed it).
        crate::order::sort_by(&mut self.issues, |a, b| {
            (&a.pointer, a.code) < (&b.pointer, b.code)
        });
        if self.issues.len() > MAX_PROPOSAL_ISSUES {
            self.dropped += self.issues.len() - MAX_PROPOSAL_ISSUES;
            self.issues.truncate(MAX_PROPOSAL_ISSUES);
        }
        if self.dropped > 0 {
            let n = self.dropped;
            self.issues.push(ProposalIssue::new(
                "too-many-issues",
                "",
                format!("{n} more problems are not listed"),
            ));
        }
        Err(ProposalError::new(self.issues))
    }

    /// Checks the length of a text; `false` (with a problem at `pointer`) when it is too long.
    pub fn text_limit(&mut self, s: &str, pointer: impl FnOnce() -> String) -> bool {
        if s.len() > MAX_PROPOSAL_TEXT_BYTES {
            self.issue(
                ProposalIssue::new(
                    "limit-exceeded",
                    pointer(),
                    format!(
                        "the text is {} bytes; the limit is {MAX_PROPOSAL_TEXT_BYTES}",
                        s.len()
                    ),
                )
                .with_help("shorten it"),
            );
            return false;
        }
        true
    }

    /// Reads the title.
    pub fn title(&mut self, value: Scalar<'_>) {
        match value {
            Scalar::Str(s) => {
                if self.text_limit(&s, || "/title".into()) {
                    self.inputs.title = Some(s.into_owned());
                }
            }
            Scalar::Null => {}
            other => self.issue(
                ProposalIssue::new(
                    "proposal-type",
                    "/title",
                    format!("the title must be a string, not {}", other.kind()),
                )
                .with_help("write \"title\": \"…\""),
            ),
        }
    }

    /// Reads the id: a string or a number.
    pub fn id(&mut self, value: Scalar<'_>) {
        let id = match value {
            Scalar::Str(s) => {
                if !self.text_limit(&s, || "/id".into()) {
                    return;
                }
                ProposalId::Text(s.into_owned())
            }
            Scalar::Int(i) => match (i64::try_from(i), u64::try_from(i)) {
                (Ok(v), _) => ProposalId::Number(v.into()),
                (_, Ok(v)) => ProposalId::Number(v.into()),
                _ => {
                    return self.issue(ProposalIssue::new(
                        "proposal-type",
                        "/id",
                        "the id is too large",
                    ));
                }
            },
            Scalar::Float(f) => match serde_json::Number::from_f64(f) {
                Some(n) => ProposalId::Number(n),
                None => {
                    return self.issue(ProposalIssue::new(
                        "proposal-type",
                        "/id",
                        "the id is not a finite number",
                    ));
                }
            },
            Scalar::Null => return,
            other => {
                return self.issue(ProposalIssue::new(
                    "proposal-type",
                    "/id",
                    format!("the id must be a string or a number, not {}", other.kind()),
                ));
            }
        };
        self.inputs.id = Some(id);
    }
}
