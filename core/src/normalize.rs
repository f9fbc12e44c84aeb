//! A proposal in canonical form: what the decoder read, written back with canonical ids and
//! tokens (aliases such as `ja`, `Subsidie` or `n.v.t.` resolved, choices in option order), for a
//! form that knows canonical values only. Every front end normalizes through here, so all of
//! them match spellings exactly as the decoder does.

use serde_json::{Map, Value};

use crate::compiled::CompiledRuleset;
use crate::decode::Inputs;
use crate::expr::eval::CtxValue;
use crate::model::proposal::ProposalId;
use crate::scale::AnswerState;

/// The canonical form of a decoded proposal, as JSON: its id and title, the context values
/// given, and the answers given (with their notes, when not empty). `$schema` and `null`s are
/// left out; a note without an answer has no place in it.
pub(crate) fn canonical(rs: &CompiledRuleset, inputs: &Inputs) -> Value {
    let mut out = Map::new();
    match &inputs.id {
        Some(ProposalId::Text(t)) => {
            out.insert("id".into(), Value::String(t.clone()));
        }
        Some(ProposalId::Number(n)) => {
            out.insert("id".into(), Value::Number(n.clone()));
        }
        None => {}
    }
    if let Some(title) = &inputs.title {
        out.insert("title".into(), Value::String(title.clone()));
    }
    let mut context = Map::new();
    for (field, value) in rs.fields.iter().zip(&inputs.context) {
        let Some(value) = value else { continue };
        let value = match value {
            CtxValue::Bool(b) => Value::Bool(*b),
            CtxValue::Num(n) => number(*n),
            CtxValue::Text(t) => Value::String(t.clone()),
            CtxValue::Choice(i) => Value::String(field.option_id(usize::from(*i)).into()),
            CtxValue::Choices(set) => Value::Array(
                (0..field.options.len().min(64))
                    .filter(|i| set & (1u64 << i) != 0)
                    .map(|i| Value::String(field.option_id(i).into()))
                    .collect(),
            ),
        };
        context.insert(field.id.clone(), value);
    }
    let mut answers = Map::new();
    for (i, (state, note)) in inputs.answers.iter().zip(&inputs.notes).enumerate() {
        if *state == AnswerState::Unanswered {
            continue;
        }
        let (Some(id), Some(scale)) = (rs.item_ids.get(i), rs.item_scale(i)) else {
            continue;
        };
        let token = Value::String(scale.token(*state).into());
        let answer = match note.as_deref().filter(|n| !n.is_empty()) {
            Some(note) => {
                let mut object = Map::new();
                object.insert("answer".into(), token);
                object.insert("note".into(), Value::String(note.into()));
                Value::Object(object)
            }
            None => token,
        };
        answers.insert(id.clone(), answer);
    }
    out.insert("context".into(), Value::Object(context));
    out.insert("answers".into(), Value::Object(answers));
    Value::Object(out)
}

/// A number as JSON: integral values below 2^53 as integers (as they were most likely written).
fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
        Value::from(x as i64)
    } else {
        serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
    }
}
