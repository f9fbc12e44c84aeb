//! The compiled condition and its evaluator: three-valued (Kleene) logic, total, no allocation.

use serde::Serialize;

use super::ast::Op;
use crate::scale::AnswerState;

/// The value of a condition. A comparison with a context field that the proposal does not give
/// is `Unknown`; `and`, `or` and `not` follow Kleene's three-valued logic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Tri {
    /// Definitely false.
    False,
    /// Cannot be decided: a context field it needs is missing.
    Unknown,
    /// Definitely true.
    True,
}

impl Tri {
    fn from_bool(b: bool) -> Tri {
        if b { Tri::True } else { Tri::False }
    }

    fn not(self) -> Tri {
        match self {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            Tri::Unknown => Tri::Unknown,
        }
    }
}

/// A context value of a proposal, decoded against its field.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum CtxValue {
    Bool(bool),
    Num(f64),
    Choice(u16),
    /// A set of option indices, one bit each.
    Choices(u64),
    Text(String),
}

/// What a condition is evaluated against: context values by field index and answers by item
/// index (an excluded item reads as `not_applicable`).
pub(crate) struct Env<'a> {
    pub context: &'a [Option<CtxValue>],
    pub answers: &'a [AnswerState],
}

/// A type-checked, compiled condition.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cond {
    Const(bool),
    Not(Box<Cond>),
    And(Box<[Cond]>),
    Or(Box<[Cond]>),
    BoolField(u16),
    IsSet(u16),
    NumCmp(u16, Op, f64),
    NumFields(u16, Op, u16),
    NumIn(u16, Box<[f64]>),
    ChoiceIn(u16, u64),
    ChoicesContains(u16, u64),
    TextIn(u16, Box<[String]>),
    TextContains(u16, String),
    AnswerIn(u16, u64),
}

fn order(a: f64, op: Op, b: f64) -> bool {
    match op {
        Op::Eq => a == b,
        Op::Ne => a != b,
        Op::Lt => a < b,
        Op::Le => a <= b,
        Op::Gt => a > b,
        Op::Ge => a >= b,
        Op::In | Op::NotIn | Op::Contains => false,
    }
}

/// ASCII-case-insensitive substring test without allocating.
fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return true;
    }
    h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

impl Cond {
    /// Evaluates the condition. Total: any index out of range reads as a missing value.
    pub(crate) fn eval(&self, env: &Env<'_>) -> Tri {
        let field = |i: &u16| env.context.get(usize::from(*i)).and_then(Option::as_ref);
        match self {
            Cond::Const(b) => Tri::from_bool(*b),
            Cond::Not(c) => c.eval(env).not(),
            Cond::And(parts) => {
                let mut out = Tri::True;
                for p in parts.iter() {
                    match p.eval(env) {
                        Tri::False => return Tri::False,
                        Tri::Unknown => out = Tri::Unknown,
                        Tri::True => {}
                    }
                }
                out
            }
            Cond::Or(parts) => {
                let mut out = Tri::False;
                for p in parts.iter() {
                    match p.eval(env) {
                        Tri::True => return Tri::True,
                        Tri::Unknown => out = Tri::Unknown,
                        Tri::False => {}
                    }
                }
                out
            }
            Cond::BoolField(f) => match field(f) {
                Some(CtxValue::Bool(b)) => Tri::from_bool(*b),
                _ => Tri::Unknown,
            },
            Cond::IsSet(f) => Tri::from_bool(field(f).is_some()),
            Cond::NumCmp(f, op, n) => match field(f) {
                Some(CtxValue::Num(v)) => Tri::from_bool(order(*v, *op, *n)),
                _ => Tri::Unknown,
            },
            Cond::NumFields(a, op, b) => match (field(a), field(b)) {
                (Some(CtxValue::Num(x)), Some(CtxValue::Num(y))) => {
                    Tri::from_bool(order(*x, *op, *y))
                }
                _ => Tri::Unknown,
            },
            Cond::NumIn(f, set) => match field(f) {
                Some(CtxValue::Num(v)) => Tri::from_bool(set.contains(v)),
                _ => Tri::Unknown,
            },
            Cond::ChoiceIn(f, set) => match field(f) {
                Some(CtxValue::Choice(i)) => Tri::from_bool(*i < 64 && set & (1u64 << i) != 0),
                _ => Tri::Unknown,
            },
            Cond::ChoicesContains(f, bit) => match field(f) {
                Some(CtxValue::Choices(set)) => Tri::from_bool(set & bit != 0),
                _ => Tri::Unknown,
            },
            Cond::TextIn(f, set) => match field(f) {
                Some(CtxValue::Text(t)) => Tri::from_bool(set.iter().any(|s| s == t)),
                _ => Tri::Unknown,
            },
            Cond::TextContains(f, needle) => match field(f) {
                Some(CtxValue::Text(t)) => Tri::from_bool(contains_ignore_case(t, needle)),
                _ => Tri::Unknown,
            },
            Cond::AnswerIn(item, set) => match env.answers.get(usize::from(*item)) {
                Some(state) => Tri::from_bool(set & state.bit() != 0),
                None => Tri::Unknown,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kleene_logic() {
        let ctx = [
            None,
            Some(CtxValue::Bool(true)),
            Some(CtxValue::Bool(false)),
        ];
        let env = Env {
            context: &ctx,
            answers: &[],
        };
        let missing = Cond::BoolField(0);
        let yes = Cond::BoolField(1);
        let no = Cond::BoolField(2);
        let and = |a: &Cond, b: &Cond| Cond::And(vec![a.clone(), b.clone()].into()).eval(&env);
        let or = |a: &Cond, b: &Cond| Cond::Or(vec![a.clone(), b.clone()].into()).eval(&env);
        assert_eq!(and(&missing, &no), Tri::False);
        assert_eq!(and(&missing, &yes), Tri::Unknown);
        assert_eq!(or(&missing, &yes), Tri::True);
        assert_eq!(or(&missing, &no), Tri::Unknown);
        assert_eq!(
            Cond::Not(Box::new(missing.clone())).eval(&env),
            Tri::Unknown
        );
        assert_eq!(Cond::IsSet(0).eval(&env), Tri::False);
        assert_eq!(Cond::IsSet(1).eval(&env), Tri::True);
    }

    #[test]
    fn out_of_range_indices_read_as_missing() {
        let env = Env {
            context: &[],
            answers: &[],
        };
        assert_eq!(Cond::NumCmp(7, Op::Gt, 1.0).eval(&env), Tri::Unknown);
        assert_eq!(Cond::AnswerIn(3, u64::MAX).eval(&env), Tri::Unknown);
    }

    #[test]
    fn text_contains_ignores_ascii_case() {
        assert!(contains_ignore_case("Stationsgebied Utrecht", "utrecht"));
        assert!(!contains_ignore_case("Amersfoort", "utrecht"));
    }
}
