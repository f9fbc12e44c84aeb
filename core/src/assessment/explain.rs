//! Why a condition came out as it did: the condition, its result and the values it read. The
//! values are computed from a snapshot of the proposal shared by the whole assessment, and only
//! when they are serialized or asked for, so an assessment that is only summarised does not pay
//! for them.

use std::collections::BTreeMap;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::Serialize;

use crate::compiled::CompiledRuleset;
use crate::expr::check::Ref;
use crate::expr::eval::CtxValue;
use crate::expr::{Expr, Tri};
use crate::scale::AnswerState;

/// A condition, its result, and the values it read.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Why<'r> {
    /// The condition as written.
    pub condition: &'r str,
    /// Its value: `true`, `false` or `unknown` (a context field it needs is missing).
    pub result: Tri,
    /// The values it read: `context.FIELD` or `answer(ITEM)` → value (`null` when missing),
    /// written as a JSON object. Computed when serialized or asked for ([`Why::values`]), so an
    /// assessment that is only summarised does not pay for it.
    #[serde(rename = "values")]
    #[schemars(rename = "values", with = "BTreeMap<String, serde_json::Value>")]
    pub(crate) seen: SeenValues<'r>,
}

impl<'r> Why<'r> {
    /// The explanation of `expr`, which gave `result` on the proposal in `snapshot`.
    pub(crate) fn new(
        rs: &'r CompiledRuleset,
        expr: &'r Expr,
        result: Tri,
        snapshot: &Arc<Snapshot>,
    ) -> Self {
        Why {
            condition: expr.source(),
            result,
            seen: SeenValues {
                rs,
                expr,
                snapshot: Arc::clone(snapshot),
            },
        }
    }

    /// The values the condition read, in the order it reads them.
    pub fn values(&self) -> Vec<Seen<'_>> {
        self.seen.values()
    }
}

/// One value a condition read.
#[derive(Clone, Debug, PartialEq)]
pub struct Seen<'a> {
    /// `context.FIELD` or `answer(ITEM)`.
    pub name: &'a str,
    /// The value.
    pub value: SeenValue<'a>,
}

/// A value a condition read.
#[derive(Clone, Debug, PartialEq)]
pub enum SeenValue<'a> {
    /// The context field is not given (`null`).
    Missing,
    /// A boolean field.
    Bool(bool),
    /// A number field.
    Number(f64),
    /// A text field.
    Text(&'a str),
    /// A choice option id or an answer token.
    Id(&'a str),
    /// The option ids of a choices field.
    Ids(Vec<&'a str>),
}

/// The context and the effective answers of one assessment (an excluded item reads as
/// `not_applicable`), shared by its explanations.
#[derive(Debug, PartialEq)]
pub(crate) struct Snapshot {
    pub context: Vec<Option<CtxValue>>,
    pub answers: Vec<AnswerState>,
}

/// What a condition read, computed from the shared snapshot when asked for.
#[derive(Clone)]
pub(crate) struct SeenValues<'r> {
    rs: &'r CompiledRuleset,
    expr: &'r Expr,
    snapshot: Arc<Snapshot>,
}

impl SeenValues<'_> {
    fn values(&self) -> Vec<Seen<'_>> {
        self.expr
            .refs
            .iter()
            .map(|(r, name)| Seen {
                name,
                value: self.value(*r),
            })
            .collect()
    }

    fn value(&self, r: Ref) -> SeenValue<'_> {
        let rs = self.rs;
        match r {
            Ref::Field(f) => {
                let Some(field) = rs.fields.get(f) else {
                    return SeenValue::Missing;
                };
                match self.snapshot.context.get(f).and_then(Option::as_ref) {
                    None => SeenValue::Missing,
                    Some(CtxValue::Bool(b)) => SeenValue::Bool(*b),
                    Some(CtxValue::Num(n)) => SeenValue::Number(*n),
                    Some(CtxValue::Text(t)) => SeenValue::Text(t),
                    Some(CtxValue::Choice(i)) => SeenValue::Id(field.option_id(usize::from(*i))),
                    Some(CtxValue::Choices(set)) => SeenValue::Ids(
                        (0..field.options.len().min(64))
                            .filter(|i| set & (1u64 << i) != 0)
                            .map(|i| field.option_id(i))
                            .collect(),
                    ),
                }
            }
            Ref::Answer(i) => SeenValue::Id(
                rs.item_scale(i)
                    .zip(self.snapshot.answers.get(i))
                    .map_or("", |(s, a)| s.token(*a)),
            ),
        }
    }
}

impl PartialEq for SeenValues<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.values() == other.values()
    }
}

impl std::fmt::Debug for SeenValues<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.values()).finish()
    }
}

impl Serialize for SeenValues<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.expr.refs.len()))?;
        for (r, name) in &self.expr.refs {
            match self.value(*r) {
                SeenValue::Missing => m.serialize_entry(name, &())?,
                SeenValue::Bool(b) => m.serialize_entry(name, &b)?,
                SeenValue::Number(n) => m.serialize_entry(name, &n)?,
                SeenValue::Text(t) | SeenValue::Id(t) => m.serialize_entry(name, t)?,
                SeenValue::Ids(ids) => m.serialize_entry(name, &ids)?,
            }
        }
        m.end()
    }
}
