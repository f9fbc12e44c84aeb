//! The JSON form of a ruleset: one document, as `sociale-bril compile` writes it.

use crate::error::{RuleIssue, RulesetError, SourceLocation};
use crate::model::ruleset::RulesetDoc;

/// Parses the JSON form of a ruleset.
pub(crate) fn parse_json(name: &str, text: &str) -> Result<RulesetDoc, RulesetError> {
    serde_json::from_str(text).map_err(|e| {
        let line = u32::try_from(e.line()).ok().filter(|&l| l > 0);
        let column = u32::try_from(e.column()).ok().filter(|_| line.is_some());
        let msg = e.to_string();
        // serde_json appends " at line L column C"; the location says it already.
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        RulesetError::Invalid(vec![RuleIssue {
            code: if e.is_syntax() || e.is_eof() { "json-syntax" } else { "json-shape" },
            message: msg,
            help: Some("a ruleset in JSON has the keys ruleset, scoring, rating, scale, theme, principle, domain, source, context, item and signal (see schemas/ruleset.schema.json)".into()),
            location: SourceLocation {
                file: name.to_string(),
                line,
                column,
                path: String::new(),
            },
            rule: None,
        }])
    })
}
