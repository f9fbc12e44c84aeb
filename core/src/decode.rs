//! Decoding a proposal against a ruleset, in one pass over any serde data format (JSON text,
//! `serde_json::Value`, Python objects, JavaScript values): item ids and context fields become
//! indices, tokens become answer states. Problems are collected with their JSON pointers and
//! decoding goes on, so one run reports them all; only a syntax error stops it.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::compiled::{AnswerState, Field};
use crate::error::{ProposalError, ProposalIssue, pointer_segment};
use crate::expr::eval::CtxValue;
use crate::limits::{
    MAX_PROPOSAL_BYTES, MAX_PROPOSAL_DEPTH, MAX_PROPOSAL_ISSUES, MAX_PROPOSAL_TEXT_BYTES,
};
use crate::model::proposal::ProposalId;
use crate::model::ruleset::FieldType;
use crate::numfmt::num;
use crate::ruleset::Inner;
use crate::suggest::help_valid;

/// A proposal decoded against a ruleset.
#[derive(Clone, Debug, Default)]
pub(crate) struct Inputs {
    pub id: Option<ProposalId>,
    pub title: Option<String>,
    pub context: Vec<Option<CtxValue>>,
    pub answers: Vec<AnswerState>,
    pub notes: Vec<Option<String>>,
}

struct Decoder<'r> {
    rs: &'r Inner,
    inputs: Inputs,
    issues: Vec<ProposalIssue>,
    dropped: usize,
    seen_answers: Vec<bool>,
    seen_context: Vec<bool>,
}

const TOP_KEYS: [&str; 5] = ["title", "context", "answers", "id", "$schema"];

impl<'r> Decoder<'r> {
    fn new(rs: &'r Inner) -> Self {
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

    fn issue(&mut self, issue: ProposalIssue) {
        // Collect more than are reported, so that the reported ones (sorted) do not depend on
        // the order of keys in the input.
        if self.issues.len() < 20 * MAX_PROPOSAL_ISSUES {
            self.issues.push(issue);
        } else {
            self.dropped += 1;
        }
    }

    fn finish(mut self) -> Result<Inputs, ProposalError> {
        if self.issues.is_empty() {
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
            self.issues.push(ProposalIssue::at(
                "too-many-issues",
                "",
                format!("{n} more problems are not listed"),
            ));
        }
        Err(ProposalError {
            issues: self.issues,
        })
    }

    fn text_limit(&mut self, s: &str, pointer: impl FnOnce() -> String) -> bool {
        if s.len() > MAX_PROPOSAL_TEXT_BYTES {
            self.issue(
                ProposalIssue::at(
                    "limit-exceeded",
                    pointer(),
                    format!(
                        "the text is {} bytes; the limit is {MAX_PROPOSAL_TEXT_BYTES}",
                        s.len()
                    ),
                )
                .help("shorten it"),
            );
            return false;
        }
        true
    }
}

fn answer_pointer(id: &str) -> String {
    format!("/answers/{}", pointer_segment(id))
}

fn context_pointer(id: &str) -> String {
    format!("/context/{}", pointer_segment(id))
}

/// An object key, borrowed from the input when it can be.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// Skips any value, refusing nesting deeper than [`MAX_PROPOSAL_DEPTH`].
struct Skip(usize);

impl<'de> DeserializeSeed<'de> for Skip {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_bytes<E>(self, _: &[u8]) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let depth = self.deeper::<A::Error>()?;
        while seq.next_element_seed(Skip(depth))?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let depth = self.deeper::<A::Error>()?;
        while map.next_key_seed(Skip(depth))?.is_some() {
            map.next_value_seed(Skip(depth))?;
        }
        Ok(())
    }
}

impl Skip {
    fn deeper<E: de::Error>(&self) -> Result<usize, E> {
        if self.0 >= MAX_PROPOSAL_DEPTH {
            return Err(E::custom(format!(
                "the document nests deeper than {MAX_PROPOSAL_DEPTH} levels"
            )));
        }
        Ok(self.0 + 1)
    }
}

/// A scalar value, or the name of the kind of a non-scalar one (which is skipped).
enum Scalar<'de> {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(Cow<'de, str>),
    Other(&'static str),
}

impl Scalar<'_> {
    fn kind(&self) -> &'static str {
        match self {
            Scalar::Null => "null",
            Scalar::Bool(_) => "a boolean",
            Scalar::Int(_) | Scalar::Float(_) => "a number",
            Scalar::Str(_) => "a string",
            Scalar::Other(k) => k,
        }
    }
}

struct ScalarSeed(usize);

impl<'de> DeserializeSeed<'de> for ScalarSeed {
    type Value = Scalar<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Scalar<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ScalarSeed {
    type Value = Scalar<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Int(i128::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Int(i128::from(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Float(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Owned(v)))
    }
    fn visit_bytes<E>(self, _: &[u8]) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Other("bytes"))
    }
    fn visit_unit<E>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar<'de>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Scalar<'de>, A::Error> {
        Skip(self.0).visit_seq(seq)?;
        Ok(Scalar::Other("a list"))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Scalar<'de>, A::Error> {
        Skip(self.0).visit_map(map)?;
        Ok(Scalar::Other("an object"))
    }
}

/// Text of an integral number, as a token (`3`); `None` for a fraction.
fn number_token(s: &Scalar<'_>) -> Option<String> {
    match s {
        Scalar::Int(i) => Some(i.to_string()),
        Scalar::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(format!("{}", *f as i64)),
        _ => None,
    }
}

/// The top-level object.
struct Top<'a, 'r>(&'a mut Decoder<'r>);

impl<'de> Visitor<'de> for Top<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a proposal object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let dec = self.0;
        let mut seen: [bool; 5] = [false; 5];
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let pos = TOP_KEYS.iter().position(|k| *k == key);
            if let Some(p) = pos {
                if seen[p] {
                    dec.issue(
                        ProposalIssue::at(
                            "duplicate-key",
                            format!("/{}", pointer_segment(&key)),
                            format!("`{key}` is given twice"),
                        )
                        .help("give each key once"),
                    );
                    map.next_value_seed(Skip(1))?;
                    continue;
                }
                seen[p] = true;
            }
            match key.as_ref() {
                "context" => map.next_value_seed(ContextMap(&mut *dec))?,
                "answers" => map.next_value_seed(AnswerMap(&mut *dec))?,
                "title" => match map.next_value_seed(ScalarSeed(1))? {
                    Scalar::Str(s) => {
                        if dec.text_limit(&s, || "/title".into()) {
                            dec.inputs.title = Some(s.into_owned());
                        }
                    }
                    Scalar::Null => {}
                    other => dec.issue(
                        ProposalIssue::at(
                            "proposal-type",
                            "/title",
                            format!("the title must be a string, not {}", other.kind()),
                        )
                        .help("write \"title\": \"…\""),
                    ),
                },
                "id" => match map.next_value_seed(ScalarSeed(1))? {
                    Scalar::Str(s) => {
                        if dec.text_limit(&s, || "/id".into()) {
                            dec.inputs.id = Some(ProposalId::Text(s.into_owned()));
                        }
                    }
                    Scalar::Int(i) => match i64::try_from(i) {
                        Ok(v) => dec.inputs.id = Some(ProposalId::Number(v.into())),
                        Err(_) => match u64::try_from(i) {
                            Ok(v) => dec.inputs.id = Some(ProposalId::Number(v.into())),
                            Err(_) => dec.issue(ProposalIssue::at(
                                "proposal-type",
                                "/id",
                                "the id is too large",
                            )),
                        },
                    },
                    Scalar::Float(f) => match serde_json::Number::from_f64(f) {
                        Some(n) => dec.inputs.id = Some(ProposalId::Number(n)),
                        None => dec.issue(ProposalIssue::at(
                            "proposal-type",
                            "/id",
                            "the id is not a finite number",
                        )),
                    },
                    Scalar::Null => {}
                    other => dec.issue(ProposalIssue::at(
                        "proposal-type",
                        "/id",
                        format!("the id must be a string or a number, not {}", other.kind()),
                    )),
                },
                "$schema" => map.next_value_seed(Skip(1))?,
                other => {
                    let help = help_valid(other, "keys", TOP_KEYS.iter().copied());
                    dec.issue(
                        ProposalIssue::at(
                            "unknown-key",
                            format!("/{}", pointer_segment(other)),
                            format!("unknown key `{other}`"),
                        )
                        .help(help),
                    );
                    map.next_value_seed(Skip(1))?;
                }
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        Skip(0).visit_seq(seq)?;
        self.0.issue(not_an_object("a list"));
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        self.0.issue(not_an_object("a string"));
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        self.0.issue(not_an_object("a boolean"));
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        self.0.issue(not_an_object("a number"));
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        self.0.issue(not_an_object("a number"));
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        self.0.issue(not_an_object("a number"));
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        self.0.issue(not_an_object("null"));
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        self.0.issue(not_an_object("null"));
        Ok(())
    }
    fn visit_bytes<E>(self, _: &[u8]) -> Result<(), E> {
        self.0.issue(not_an_object("bytes"));
        Ok(())
    }
}

fn not_an_object(kind: &str) -> ProposalIssue {
    ProposalIssue::at(
        "proposal-type",
        "",
        format!("a proposal must be an object, not {kind}"),
    )
    .help("write {\"title\": \"…\", \"context\": {…}, \"answers\": {\"item.id\": \"yes\", …}}")
}

/// Implements the non-map visits of a visitor whose value must be an object: each records a
/// `proposal-type` issue at `$ptr` and skips the value.
macro_rules! only_objects {
    ($ptr:expr, $what:expr) => {
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
            Skip(1).visit_seq(seq)?;
            self.wrong("a list");
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            self.wrong("a string");
            Ok(())
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            self.wrong("a boolean");
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            self.wrong("a number");
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            self.wrong("a number");
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            self.wrong("a number");
            Ok(())
        }
        fn visit_bytes<E>(self, _: &[u8]) -> Result<(), E> {
            self.wrong("bytes");
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
        fn visit_none<E>(self) -> Result<(), E> {
            Ok(())
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str($what)
        }
    };
}

struct ContextMap<'a, 'r>(&'a mut Decoder<'r>);

impl ContextMap<'_, '_> {
    fn wrong(self, kind: &str) {
        self.0.issue(
            ProposalIssue::at(
                "proposal-type",
                "/context",
                format!("`context` must be an object, not {kind}"),
            )
            .help("write \"context\": {\"instrument\": \"subsidy\", …}"),
        );
    }
}

impl<'de> DeserializeSeed<'de> for ContextMap<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ContextMap<'_, '_> {
    type Value = ();
    only_objects!("/context", "the context object");

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let dec = self.0;
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            match dec.rs.field_index.get(key.as_ref()).copied() {
                Some(f) => {
                    if dec.seen_context[f] {
                        dec.issue(ProposalIssue::at(
                            "duplicate-key",
                            context_pointer(&key),
                            format!("context field `{key}` is given twice"),
                        ));
                        map.next_value_seed(Skip(2))?;
                        continue;
                    }
                    dec.seen_context[f] = true;
                    map.next_value_seed(ContextValueSeed {
                        dec: &mut *dec,
                        field: f,
                    })?;
                }
                None => {
                    let help = help_valid(
                        &key,
                        "context fields",
                        dec.rs.fields.iter().map(|f| f.id.as_str()),
                    );
                    dec.issue(
                        ProposalIssue::at(
                            "unknown-field",
                            context_pointer(&key),
                            format!("unknown context field `{key}`"),
                        )
                        .help(help),
                    );
                    map.next_value_seed(Skip(2))?;
                }
            }
        }
        Ok(())
    }
}

struct ContextValueSeed<'a, 'r> {
    dec: &'a mut Decoder<'r>,
    field: usize,
}

impl<'de> DeserializeSeed<'de> for ContextValueSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let ContextValueSeed { dec, field } = self;
        let value = d.deserialize_any(ContextValueVisitor)?;
        let Some(f) = dec.rs.fields.get(field) else {
            return Ok(());
        };
        let pointer = || context_pointer(&f.id);
        let result = convert_context(f, value, &pointer);
        match result {
            Ok(Some(v)) => {
                if let CtxValue::Text(t) = &v {
                    if !dec.text_limit(t, pointer) {
                        return Ok(());
                    }
                }
                dec.inputs.context[field] = Some(v);
            }
            Ok(None) => {}
            Err(issue) => dec.issue(issue),
        }
        Ok(())
    }
}

/// A context value before it is checked against its field.
enum RawContext<'de> {
    Scalar(Scalar<'de>),
    List(Vec<Scalar<'de>>),
}

struct ContextValueVisitor;

impl<'de> Visitor<'de> for ContextValueVisitor {
    type Value = RawContext<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a context value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<RawContext<'de>, E> {
        Ok(RawContext::Scalar(Scalar::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<RawContext<'de>, E> {
        Ok(RawContext::Scalar(Scalar::Int(i128::from(v))))
    }
    fn visit_u64<E>(self, v: u64) -> Result<RawContext<'de>, E> {
        Ok(RawContext::Scalar(Scalar::Int(i128::from(v))))
    }
    fn visit_f64<E>(self, v: f64) -> Result<RawContext<'de>, E> {
        Ok(RawContext::Scalar(Scalar::Float(v)))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<RawContext<'de>, E> {
        Ok(RawContext::Scalar(Scalar::Str(Cow::Borrowed(v))))
    }
    fn visit_str<E>(self, v: &str) -> Result<RawContext<'de>, E> {
        Ok(RawContext::Scalar(Scalar::Str(Cow::Owned(v.to_string()))))
    }
    fn visit_string<E>(self, v: String) -> Result<RawContext<'de>, E> {
        Ok(RawContext::Scalar(Scalar::Str(Cow::Owned(v))))
    }
    fn visit_bytes<E>(self, _: &[u8]) -> Result<RawContext<'de>, E> {
        Ok(RawContext::Scalar(Scalar::Other("bytes")))
    }
    fn visit_unit<E>(self) -> Result<RawContext<'de>, E> {
        Ok(RawContext::Scalar(Scalar::Null))
    }
    fn visit_none<E>(self) -> Result<RawContext<'de>, E> {
        Ok(RawContext::Scalar(Scalar::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawContext<'de>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawContext<'de>, A::Error> {
        let mut out = Vec::new();
        while let Some(s) = seq.next_element_seed(ScalarSeed(3))? {
            if out.len() < 1024 {
                out.push(s);
            }
        }
        Ok(RawContext::List(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawContext<'de>, A::Error> {
        Skip(2).visit_map(map)?;
        Ok(RawContext::Scalar(Scalar::Other("an object")))
    }
}

fn expected(f: &Field) -> String {
    match f.kind {
        FieldType::Text => "a string".into(),
        FieldType::Number => "a number".into(),
        FieldType::Boolean => "true or false".into(),
        FieldType::Choice => "one option, as a string".into(),
        FieldType::Choices => "a list of options, e.g. [\"…\", \"…\"]".into(),
    }
}

#[allow(clippy::result_large_err)] // errors are rare; boxing buys nothing here
fn convert_context(
    f: &Field,
    value: RawContext<'_>,
    pointer: &dyn Fn() -> String,
) -> Result<Option<CtxValue>, ProposalIssue> {
    let type_issue = |kind: &str| {
        let mut issue = ProposalIssue::at(
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
            issue = issue.help(help_valid("", "options", f.option_ids()));
        }
        issue
    };
    let option = |s: &str, ptr: &dyn Fn() -> String| {
        f.option(s)
            .and_then(|i| u16::try_from(i).ok())
            .ok_or_else(|| {
                ProposalIssue::at(
                    "unknown-option",
                    ptr(),
                    format!("`{s}` is not an option of context.{}", f.id),
                )
                .help(help_valid(s, "options", f.option_ids()))
            })
    };
    match (f.kind, value) {
        (_, RawContext::Scalar(Scalar::Null)) => Ok(None),
        (FieldType::Text, RawContext::Scalar(Scalar::Str(s))) => {
            Ok(Some(CtxValue::Text(s.into_owned())))
        }
        (FieldType::Boolean, RawContext::Scalar(Scalar::Bool(b))) => Ok(Some(CtxValue::Bool(b))),
        (FieldType::Number, RawContext::Scalar(n @ (Scalar::Int(_) | Scalar::Float(_)))) => {
            let v = match n {
                Scalar::Int(i) => i as f64,
                Scalar::Float(x) => x,
                _ => 0.0,
            };
            if !v.is_finite() {
                return Err(type_issue("a number that is not finite"));
            }
            if let Some(lo) = f.min.filter(|lo| v < *lo) {
                return Err(ProposalIssue::at(
                    "out-of-range",
                    pointer(),
                    format!(
                        "context.{} is {}, below the minimum {}",
                        f.id,
                        num(v),
                        num(lo)
                    ),
                )
                .help(format!("give a number of at least {}", num(lo))));
            }
            if let Some(hi) = f.max.filter(|hi| v > *hi) {
                return Err(ProposalIssue::at(
                    "out-of-range",
                    pointer(),
                    format!(
                        "context.{} is {}, above the maximum {}",
                        f.id,
                        num(v),
                        num(hi)
                    ),
                )
                .help(format!("give a number of at most {}", num(hi))));
            }
            Ok(Some(CtxValue::Num(v)))
        }
        (FieldType::Choice, RawContext::Scalar(Scalar::Str(s))) => {
            option(&s, pointer).map(|i| Some(CtxValue::Choice(i)))
        }
        (FieldType::Choices, RawContext::List(list)) => {
            let mut set = 0u64;
            for (k, s) in list.iter().enumerate() {
                match s {
                    Scalar::Str(s) => {
                        let i = option(s, &|| format!("{}/{k}", pointer()))?;
                        set |= 1u64 << (u32::from(i) % 64);
                    }
                    other => {
                        return Err(ProposalIssue::at(
                            "context-type",
                            format!("{}/{k}", pointer()),
                            format!(
                                "options of context.{} are strings, not {}",
                                f.id,
                                other.kind()
                            ),
                        )
                        .help(help_valid("", "options", f.option_ids())));
                    }
                }
            }
            Ok(Some(CtxValue::Choices(set)))
        }
        (_, RawContext::List(_)) => Err(type_issue("a list")),
        (_, RawContext::Scalar(s)) => Err(type_issue(s.kind())),
    }
}

struct AnswerMap<'a, 'r>(&'a mut Decoder<'r>);

impl AnswerMap<'_, '_> {
    fn wrong(self, kind: &str) {
        self.0.issue(
            ProposalIssue::at(
                "proposal-type",
                "/answers",
                format!("`answers` must be an object, not {kind}"),
            )
            .help("write \"answers\": {\"inclusie.doenvermogen\": \"yes\", …}"),
        );
    }
}

impl<'de> DeserializeSeed<'de> for AnswerMap<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for AnswerMap<'_, '_> {
    type Value = ();
    only_objects!("/answers", "the answers object");

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let dec = self.0;
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            match dec.rs.item_index.get(key.as_ref()).copied() {
                Some((item, _)) => {
                    if dec.seen_answers[item] {
                        dec.issue(
                            ProposalIssue::at(
                                "duplicate-key",
                                answer_pointer(&key),
                                format!("item `{key}` is answered twice"),
                            )
                            .item(key.as_ref()),
                        );
                        map.next_value_seed(Skip(2))?;
                        continue;
                    }
                    dec.seen_answers[item] = true;
                    let raw = map.next_value_seed(AnswerValueSeed)?;
                    apply_answer(dec, item, raw);
                }
                None => {
                    let help =
                        help_valid(&key, "item ids", dec.rs.item_ids.iter().map(String::as_str));
                    dec.issue(
                        ProposalIssue::at(
                            "unknown-item",
                            answer_pointer(&key),
                            format!("unknown item `{key}`"),
                        )
                        .help(help)
                        .item(key.as_ref()),
                    );
                    map.next_value_seed(Skip(2))?;
                }
            }
        }
        Ok(())
    }
}

/// An answer before it is checked against its item's scale.
enum RawAnswer<'de> {
    Value(Scalar<'de>),
    Detailed {
        answer: Option<Scalar<'de>>,
        note: Option<Scalar<'de>>,
        unknown_keys: Vec<String>,
    },
}

struct AnswerValueSeed;

impl<'de> DeserializeSeed<'de> for AnswerValueSeed {
    type Value = RawAnswer<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<RawAnswer<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for AnswerValueSeed {
    type Value = RawAnswer<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an answer")
    }
    fn visit_bool<E>(self, v: bool) -> Result<RawAnswer<'de>, E> {
        Ok(RawAnswer::Value(Scalar::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<RawAnswer<'de>, E> {
        Ok(RawAnswer::Value(Scalar::Int(i128::from(v))))
    }
    fn visit_u64<E>(self, v: u64) -> Result<RawAnswer<'de>, E> {
        Ok(RawAnswer::Value(Scalar::Int(i128::from(v))))
    }
    fn visit_f64<E>(self, v: f64) -> Result<RawAnswer<'de>, E> {
        Ok(RawAnswer::Value(Scalar::Float(v)))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<RawAnswer<'de>, E> {
        Ok(RawAnswer::Value(Scalar::Str(Cow::Borrowed(v))))
    }
    fn visit_str<E>(self, v: &str) -> Result<RawAnswer<'de>, E> {
        Ok(RawAnswer::Value(Scalar::Str(Cow::Owned(v.to_string()))))
    }
    fn visit_string<E>(self, v: String) -> Result<RawAnswer<'de>, E> {
        Ok(RawAnswer::Value(Scalar::Str(Cow::Owned(v))))
    }
    fn visit_bytes<E>(self, _: &[u8]) -> Result<RawAnswer<'de>, E> {
        Ok(RawAnswer::Value(Scalar::Other("bytes")))
    }
    fn visit_unit<E>(self) -> Result<RawAnswer<'de>, E> {
        Ok(RawAnswer::Value(Scalar::Null))
    }
    fn visit_none<E>(self) -> Result<RawAnswer<'de>, E> {
        Ok(RawAnswer::Value(Scalar::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawAnswer<'de>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawAnswer<'de>, A::Error> {
        Skip(2).visit_seq(seq)?;
        Ok(RawAnswer::Value(Scalar::Other("a list")))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawAnswer<'de>, A::Error> {
        let (mut answer, mut note, mut unknown_keys) = (None, None, Vec::new());
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            match key.as_ref() {
                "answer" => answer = Some(map.next_value_seed(ScalarSeed(3))?),
                "note" => note = Some(map.next_value_seed(ScalarSeed(3))?),
                other => {
                    if unknown_keys.len() < 8 {
                        unknown_keys.push(other.to_string());
                    }
                    map.next_value_seed(Skip(3))?;
                }
            }
        }
        Ok(RawAnswer::Detailed {
            answer,
            note,
            unknown_keys,
        })
    }
}

fn apply_answer(dec: &mut Decoder<'_>, item: usize, raw: RawAnswer<'_>) {
    let rs = dec.rs;
    let id = rs.item_ids.get(item).map_or("", String::as_str);
    let detailed = matches!(raw, RawAnswer::Detailed { .. });
    let (value, note) = match raw {
        RawAnswer::Value(v) => (Some(v), None),
        RawAnswer::Detailed {
            answer,
            note,
            unknown_keys,
        } => {
            for k in unknown_keys {
                dec.issue(
                    ProposalIssue::at(
                        "unknown-key",
                        format!("{}/{}", answer_pointer(id), pointer_segment(&k)),
                        format!("unknown key `{k}` in an answer"),
                    )
                    .help("an answer object has the keys `answer` and `note`")
                    .item(id),
                );
            }
            if answer.is_none() {
                dec.issue(
                    ProposalIssue::at(
                        "missing-answer",
                        answer_pointer(id),
                        "the answer object has no `answer`",
                    )
                    .help("write {\"answer\": \"yes\", \"note\": \"…\"}")
                    .item(id),
                );
            }
            (answer, note)
        }
    };
    match note {
        None | Some(Scalar::Null) => {}
        Some(Scalar::Str(s)) => {
            if dec.text_limit(&s, || format!("{}/note", answer_pointer(id))) {
                dec.inputs.notes[item] = Some(s.into_owned());
            }
        }
        Some(other) => dec.issue(
            ProposalIssue::at(
                "proposal-type",
                format!("{}/note", answer_pointer(id)),
                format!("a note must be a string, not {}", other.kind()),
            )
            .item(id),
        ),
    }
    let Some(value) = value else { return };
    let Some(scale) = rs.items.get(item).and_then(|it| rs.scales.get(it.scale)) else {
        return;
    };
    let token: Option<Cow<'_, str>> = match &value {
        Scalar::Null => return,
        Scalar::Str(s) => Some(Cow::Borrowed(s.as_ref())),
        Scalar::Bool(b) => Some(Cow::Borrowed(if *b { "yes" } else { "no" })),
        Scalar::Int(_) | Scalar::Float(_) => number_token(&value).map(Cow::Owned),
        Scalar::Other(_) => None,
    };
    let state = token.as_deref().and_then(|t| scale.parse_token(t, false));
    match state {
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
                format!("{}/answer", answer_pointer(id))
            } else {
                answer_pointer(id)
            };
            dec.issue(
                ProposalIssue::at(
                    "unknown-token",
                    ptr,
                    format!("{shown} is not an answer to `{id}` (scale `{}`)", scale.id),
                )
                .help(format!(
                    "valid answers: {}",
                    scale.valid_tokens().join(", ")
                ))
                .item(id),
            );
        }
    }
}

/// Decodes a proposal from any serde deserializer. A deserializer error (syntax) is returned
/// with the issues collected before it.
pub(crate) fn decode<'de, D: Deserializer<'de>>(
    rs: &Inner,
    d: D,
) -> Result<Result<Inputs, ProposalError>, (D::Error, Vec<ProposalIssue>)> {
    let mut dec = Decoder::new(rs);
    match d.deserialize_any(Top(&mut dec)) {
        Ok(()) => Ok(dec.finish()),
        Err(e) => Err((e, dec.issues)),
    }
}

/// Decodes a proposal from JSON text.
pub(crate) fn decode_json(rs: &Inner, text: &str) -> Result<Inputs, ProposalError> {
    if text.len() > MAX_PROPOSAL_BYTES {
        return Err(ProposalError {
            issues: vec![
                ProposalIssue::at(
                    "limit-exceeded",
                    "",
                    format!(
                        "the proposal is {} bytes; the limit is {MAX_PROPOSAL_BYTES}",
                        text.len()
                    ),
                )
                .help("shorten notes and texts"),
            ],
        });
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
    let line = u32::try_from(e.line()).ok().filter(|&l| l > 0);
    ProposalError {
        issues: vec![ProposalIssue {
            code: "json-syntax",
            message: msg,
            help: Some("the proposal must be valid JSON: {\"title\": …, \"context\": {…}, \"answers\": {…}}".into()),
            pointer: String::new(),
            line,
            column: line.and_then(|_| u32::try_from(e.column()).ok()),
            item: None,
        }],
    }
}
