//! Decoding a proposal against a ruleset, in one pass over any serde data format (JSON text,
//! `serde_json::Value`, Python objects): item ids and context fields become indices, tokens and
//! options become answer states and option indices. Problems are collected with their JSON
//! pointers and decoding goes on, so one run reports them all; only an error of the data
//! format itself (a syntax error) stops it.
//!
//! By part: the proposal object ([`proposal`]), the values it holds ([`value`]), the context
//! ([`context`]) and the answers ([`answers`]); the state they share is the [`decoder`].

mod answers;
mod context;
mod decoder;
mod part;
mod proposal;
mod value;

use std::any::Any;

use serde::de::Deserializer;

use crate::compiled::CompiledRuleset;
use crate::error::{InputError, ProposalError, ProposalIssue};
use crate::limits::MAX_PROPOSAL_BYTES;

use decoder::Decoder;
pub(crate) use decoder::Inputs;
use proposal::Top;
use value::Object;

/// Decodes a proposal from any serde deserializer. A deserializer error (syntax) is returned
/// with the issues collected before it.
fn decode<'de, D: Deserializer<'de>>(
    rs: &CompiledRuleset,
    d: D,
) -> Result<Result<Inputs, ProposalError>, (D::Error, Vec<ProposalIssue>)> {
    let mut dec = Decoder::new(rs);
    match d.deserialize_any(Object(Top(&mut dec))) {
        Ok(()) => Ok(dec.finish()),
        Err(e) => Err((e, dec.into_issues())),
    }
}

/// Decodes a proposal from any serde deserializer, reporting an error of the deserializer as
/// the problem an [`InputError`] carries, or else as a `proposal-syntax` problem.
pub(crate) fn decode_from<'de, D>(rs: &CompiledRuleset, d: D) -> Result<Inputs, ProposalError>
where
    D: Deserializer<'de>,
    D::Error: 'static,
{
    match decode(rs, d) {
        Ok(result) => result,
        Err((e, mut issues)) => {
            let carried = (&e as &dyn Any).downcast_ref::<InputError>();
            issues.push(match carried {
                Some(e) => e.issue().clone(),
                None => ProposalIssue::new("proposal-syntax", "", e.to_string()),
            });
            Err(ProposalError::new(issues))
        }
    }
}

/// Decodes a proposal from JSON text.
pub(crate) fn decode_json(rs: &CompiledRuleset, text: &str) -> Result<Inputs, ProposalError> {
    if text.len() > MAX_PROPOSAL_BYTES {
        return Err(ProposalError::from(
            ProposalIssue::new(
                "limit-exceeded",
                "",
                format!(
                    "the proposal is {} bytes; the limit is {MAX_PROPOSAL_BYTES}",
                    text.len()
                ),
            )
            .with_help("shorten notes and texts"),
        ));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let result = match decode(rs, &mut de) {
        Ok(r) => r,
        Err((e, _)) => return Err(json_error(&e)),
    };
    if let Err(e) = de.end() {
        return Err(json_error(&e));
    }
    result
}

/// A JSON syntax error as a proposal error with line and column.
pub(crate) fn json_error(e: &serde_json::Error) -> ProposalError {
    let msg = e.to_string();
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    let mut issue = ProposalIssue::new("json-syntax", "", msg).with_help(
        "the proposal must be valid JSON: {\"title\": …, \"context\": {…}, \"answers\": {…}}",
    );
    let line = u32::try_from(e.line()).ok().filter(|&l| l > 0);
    let column = u32::try_from(e.column()).ok();
    if let (Some(line), Some(column)) = (line, column) {
        issue = issue.with_position(line, column);
    }
    ProposalError::from(issue)
}
