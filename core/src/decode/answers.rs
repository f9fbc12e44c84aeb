//! The answers object: each answer (a token, or an object with the token and a note) checked
//! against its item's scale.

use std::borrow::Cow;

use super::decoder::Decoder;
use super::part::{Part, pointer};
use super::value::{AnswerObject, Expect, Scalar, Value};
use crate::compiled::CompiledRuleset;
use crate::error::{ProposalIssue, pointer_segment};
use crate::numfmt::num;
use crate::suggest::help_valid;

/// The answers, by item id.
pub(super) struct Answers;

impl Part for Answers {
    const KEY: &'static str = "answers";
    const WHAT: &'static str = "the answers object";
    const EXPECT: Expect = Expect::ScalarOrAnswer;
    const EXAMPLE: &'static str = "write \"answers\": {\"inclusie.doenvermogen\": \"yes\", …}";

    fn index(rs: &CompiledRuleset, id: &str) -> Option<usize> {
        rs.item_index.get(id).map(|&(item, _)| item)
    }

    fn seen<'a>(dec: &'a mut Decoder<'_>) -> &'a mut [bool] {
        &mut dec.seen_answers
    }

    fn duplicate(id: &str, pointer: String) -> ProposalIssue {
        ProposalIssue::new(
            "duplicate-key",
            pointer,
            format!("item `{id}` is answered twice"),
        )
        .with_item(id)
    }

    fn unknown(rs: &CompiledRuleset, id: &str, pointer: String) -> ProposalIssue {
        let help = help_valid(id, "item ids", rs.item_ids.iter().map(String::as_str));
        ProposalIssue::new("unknown-item", pointer, format!("unknown item `{id}`"))
            .with_help(help)
            .with_item(id)
    }

    fn set(dec: &mut Decoder<'_>, item: usize, value: Value<'_>) {
        set_answer(dec, item, value);
    }
}

/// Checks an answer against its item's scale and keeps it (and its note).
fn set_answer(dec: &mut Decoder<'_>, item: usize, value: Value<'_>) {
    let rs = dec.rs;
    let id = rs.item_ids.get(item).map_or("", String::as_str);
    let (value, note, detailed) = match value {
        Value::Scalar(v) => (Some(v), None, false),
        Value::List { .. } => (Some(Scalar::Other("a list")), None, false),
        Value::Answer(object) => {
            let AnswerObject {
                answer,
                note,
                unknown_keys,
                more_unknown_keys,
            } = *object;
            for k in unknown_keys {
                dec.issue(
                    ProposalIssue::new(
                        "unknown-key",
                        format!("{}/{}", pointer::<Answers>(id), pointer_segment(&k)),
                        format!("unknown key `{k}` in an answer"),
                    )
                    .with_help("an answer object has the keys `answer` and `note`")
                    .with_item(id),
                );
            }
            dec.dropped += more_unknown_keys;
            if answer.is_none() {
                dec.issue(
                    ProposalIssue::new(
                        "missing-answer",
                        pointer::<Answers>(id),
                        "the answer object has no `answer`",
                    )
                    .with_help("write {\"answer\": \"yes\", \"note\": \"…\"}")
                    .with_item(id),
                );
            }
            (answer, note, true)
        }
    };
    match note {
        None | Some(Scalar::Null) => {}
        Some(Scalar::Str(s)) => {
            if dec.text_limit(&s, || format!("{}/note", pointer::<Answers>(id))) {
                dec.inputs.notes[item] = Some(s.into_owned());
            }
        }
        Some(other) => dec.issue(
            ProposalIssue::new(
                "proposal-type",
                format!("{}/note", pointer::<Answers>(id)),
                format!("a note must be a string, not {}", other.kind()),
            )
            .with_item(id),
        ),
    }
    let Some(value) = value else { return };
    let Some(scale) = rs.item_scale(item) else {
        return;
    };
    let token: Option<Cow<'_, str>> = match &value {
        Scalar::Null => return,
        Scalar::Str(s) => Some(Cow::Borrowed(s.as_ref())),
        Scalar::Bool(b) => Some(Cow::Borrowed(if *b { "yes" } else { "no" })),
        Scalar::Int(_) | Scalar::Float(_) => value.number_token().map(Cow::Owned),
        Scalar::Other(_) => None,
    };
    match token.as_deref().and_then(|t| scale.parse_token(t, false)) {
        Some(state) => dec.inputs.answers[item] = state,
        None => {
            let shown = match &value {
                Scalar::Str(s) => format!("`{s}`"),
                Scalar::Bool(b) => format!("`{b}`"),
                Scalar::Int(i) => format!("`{i}`"),
                Scalar::Float(f) => format!("`{}`", num(*f)),
                other => other.kind().to_string(),
            };
            let ptr = if detailed {
                format!("{}/answer", pointer::<Answers>(id))
            } else {
                pointer::<Answers>(id)
            };
            dec.issue(
                ProposalIssue::new(
                    "unknown-token",
                    ptr,
                    format!("{shown} is not an answer to `{id}` (scale `{}`)", scale.id),
                )
                .with_help(format!(
                    "valid answers: {}",
                    scale.valid_tokens().join(", ")
                ))
                .with_item(id),
            );
        }
    }
}
