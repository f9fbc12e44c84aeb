//! The context object: each value checked against its field's type, options and range.

use super::decoder::Decoder;
use super::part::{Part, pointer};
use super::value::{Expect, Scalar, Value};
use crate::compiled::CompiledRuleset;
use crate::error::ProposalIssue;
use crate::expr::eval::CtxValue;
use crate::field::Field;
use crate::limits::MAX_PROPOSAL_LIST_ITEMS;
use crate::model::ruleset::FieldType;
use crate::numfmt::num;
use crate::suggest::help_valid;

/// The context, by field id.
pub(super) struct Context;

impl Part for Context {
    const KEY: &'static str = "context";
    const WHAT: &'static str = "the context object";
    const EXPECT: Expect = Expect::ScalarOrList;
    const EXAMPLE: &'static str = "write \"context\": {\"instrument\": \"subsidy\", …}";

    fn index(rs: &CompiledRuleset, id: &str) -> Option<usize> {
        rs.field_index.get(id).copied()
    }

    fn seen<'a>(dec: &'a mut Decoder<'_>) -> &'a mut [bool] {
        &mut dec.seen_context
    }

    fn duplicate(id: &str, pointer: String) -> ProposalIssue {
        ProposalIssue::new(
            "duplicate-key",
            pointer,
            format!("context field `{id}` is given twice"),
        )
    }

    fn unknown(rs: &CompiledRuleset, id: &str, pointer: String) -> ProposalIssue {
        let help = help_valid(
            id,
            "context fields",
            rs.fields.iter().map(|f| f.id.as_str()),
        );
        ProposalIssue::new(
            "unknown-field",
            pointer,
            format!("unknown context field `{id}`"),
        )
        .with_help(help)
    }

    fn set(dec: &mut Decoder<'_>, field: usize, value: Value<'_>) {
        set_context(dec, field, value);
    }
}

/// Checks a context value against its field and keeps it.
fn set_context(dec: &mut Decoder<'_>, field: usize, value: Value<'_>) {
    let Some(f) = dec.rs.fields.get(field) else {
        return;
    };
    let pointer = || pointer::<Context>(&f.id);
    match convert(f, value, &pointer) {
        Ok(Some(v)) => {
            if let CtxValue::Text(t) = &v {
                if !dec.text_limit(t, pointer) {
                    return;
                }
            }
            dec.inputs.context[field] = Some(v);
        }
        Ok(None) => {}
        Err(issue) => dec.issue(issue),
    }
}

/// What a field takes, for messages.
fn expected(f: &Field) -> &'static str {
    match f.kind {
        FieldType::Text => "a string",
        FieldType::Number => "a number",
        FieldType::Boolean => "true or false",
        FieldType::Choice => "one option, as a string",
        FieldType::Choices => "a list of options, e.g. [\"…\", \"…\"]",
    }
}

#[allow(clippy::result_large_err)] // errors are rare; boxing buys nothing here
fn convert(
    f: &Field,
    value: Value<'_>,
    pointer: &dyn Fn() -> String,
) -> Result<Option<CtxValue>, ProposalIssue> {
    let type_issue = |kind: &str| {
        let mut issue = ProposalIssue::new(
            "context-type",
            pointer(),
            format!(
                "context.{} is a {} field and needs {}, not {kind}",
                f.id,
                f.kind.name(),
                expected(f)
            ),
        );
        if !f.options.is_empty() {
            issue = issue.with_help(help_valid("", "options", f.option_ids()));
        }
        issue
    };
    let option = |s: &str, ptr: &dyn Fn() -> String| {
        f.option(s)
            .and_then(|i| u16::try_from(i).ok())
            .ok_or_else(|| {
                ProposalIssue::new(
                    "unknown-option",
                    ptr(),
                    format!("`{s}` is not an option of context.{}", f.id),
                )
                .with_help(help_valid(s, "options", f.option_ids()))
            })
    };
    let scalar = match value {
        Value::Scalar(s) => s,
        Value::List { items, len } if f.kind == FieldType::Choices => {
            if len > MAX_PROPOSAL_LIST_ITEMS {
                // Refused whole: a list cut at the limit would lose what the proposal says.
                return Err(ProposalIssue::new(
                    "limit-exceeded",
                    pointer(),
                    format!(
                        "context.{} is a list of {len} elements; the limit is {MAX_PROPOSAL_LIST_ITEMS}",
                        f.id
                    ),
                )
                .with_help("give each option once"));
            }
            let mut set = 0u64;
            for (k, s) in items.iter().enumerate() {
                match s {
                    Scalar::Str(s) => {
                        let i = option(s, &|| format!("{}/{k}", pointer()))?;
                        set |= 1u64 << (u32::from(i) % 64);
                    }
                    other => {
                        return Err(ProposalIssue::new(
                            "context-type",
                            format!("{}/{k}", pointer()),
                            format!(
                                "options of context.{} are strings, not {}",
                                f.id,
                                other.kind()
                            ),
                        )
                        .with_help(help_valid(
                            "",
                            "options",
                            f.option_ids(),
                        )));
                    }
                }
            }
            return Ok(Some(CtxValue::Choices(set)));
        }
        Value::List { .. } => return Err(type_issue("a list")),
        Value::Answer(_) => return Err(type_issue("an object")),
    };
    match (f.kind, scalar) {
        (_, Scalar::Null) => Ok(None),
        (FieldType::Text, Scalar::Str(s)) => Ok(Some(CtxValue::Text(s.into_owned()))),
        (FieldType::Boolean, Scalar::Bool(b)) => Ok(Some(CtxValue::Bool(b))),
        (FieldType::Number, n @ (Scalar::Int(_) | Scalar::Float(_))) => {
            let v = match n {
                Scalar::Int(i) => i as f64,
                Scalar::Float(x) => x,
                _ => 0.0,
            };
            if !v.is_finite() {
                return Err(type_issue("a number that is not finite"));
            }
            if let Some(lo) = f.min.filter(|lo| v < *lo) {
                return Err(ProposalIssue::new(
                    "out-of-range",
                    pointer(),
                    format!(
                        "context.{} is {}, below the minimum {}",
                        f.id,
                        num(v),
                        num(lo)
                    ),
                )
                .with_help(format!("give a number of at least {}", num(lo))));
            }
            if let Some(hi) = f.max.filter(|hi| v > *hi) {
                return Err(ProposalIssue::new(
                    "out-of-range",
                    pointer(),
                    format!(
                        "context.{} is {}, above the maximum {}",
                        f.id,
                        num(v),
                        num(hi)
                    ),
                )
                .with_help(format!("give a number of at most {}", num(hi))));
            }
            Ok(Some(CtxValue::Num(v)))
        }
        (FieldType::Choice, Scalar::Str(s)) => {
            option(&s, pointer).map(|i| Some(CtxValue::Choice(i)))
        }
        (_, s) => Err(type_issue(s.kind())),
    }
}
