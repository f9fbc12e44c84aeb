//! A proposal in canonical form, for the app to show an imported proposal in its form controls
//! (which know canonical option ids and tokens only).
//!
//! Answers come from the core's assessment (which resolved every alias); context options are
//! resolved against the ruleset's declared options and aliases with the core's matching rule
//! (ignoring case and surrounding spaces). The proposal has been validated by the core first,
//! so every value found here is valid.

use serde_json::{Map, Value};
use sociale_bril::Assessment;
use sociale_bril::model::ruleset::{FieldDoc, FieldType};

/// The core's token matching: equal ignoring case and surrounding spaces.
fn same_token(input: &str, token: &str) -> bool {
    let input = input.trim();
    input.eq_ignore_ascii_case(token)
        || (!input.is_ascii() && input.to_lowercase() == token.to_lowercase())
}

/// The canonical id of an option spelling (the spelling itself when nothing matches).
fn option_id(field: &FieldDoc, spelling: &str) -> Value {
    let id = field
        .options
        .iter()
        .find(|o| same_token(spelling, &o.id) || o.aliases.iter().any(|a| same_token(spelling, a)))
        .map_or(spelling, |o| o.id.as_str());
    Value::String(id.to_string())
}

/// The canonical form of a (valid) proposal.
pub(crate) fn normalize(
    rules: &sociale_bril::Ruleset,
    proposal: &Value,
    assessment: &Assessment<'_>,
) -> Value {
    let mut out = Map::new();
    if let Some(id) = proposal.get("id").filter(|v| !v.is_null()) {
        out.insert("id".into(), id.clone());
    }
    if let Some(title) = proposal.get("title").filter(|v| v.is_string()) {
        out.insert("title".into(), title.clone());
    }
    let mut context = Map::new();
    if let Some(given) = proposal.get("context").and_then(Value::as_object) {
        for (key, value) in given {
            if value.is_null() {
                continue;
            }
            let Some(field) = rules.doc().context.iter().find(|f| &f.id == key) else {
                continue;
            };
            let value = match (field.kind, value) {
                (FieldType::Choice, Value::String(s)) => option_id(field, s),
                (FieldType::Choices, Value::Array(list)) => {
                    let mut ids: Vec<Value> = Vec::new();
                    for v in list.iter().filter_map(Value::as_str) {
                        let id = option_id(field, v);
                        if !ids.contains(&id) {
                            ids.push(id);
                        }
                    }
                    Value::Array(ids)
                }
                _ => value.clone(),
            };
            context.insert(key.clone(), value);
        }
    }
    out.insert("context".into(), Value::Object(context));
    let mut answers = Map::new();
    for item in &assessment.items {
        let Some(token) = item.answer else { continue };
        let answer = match item.note.as_deref().filter(|n| !n.is_empty()) {
            Some(note) => serde_json::json!({"answer": token, "note": note}),
            None => Value::String(token.to_string()),
        };
        answers.insert(item.id.to_string(), answer);
    }
    out.insert("answers".into(), Value::Object(answers));
    Value::Object(out)
}
