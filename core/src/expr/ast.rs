//! The syntax tree of an expression, with byte spans into its text.

use std::ops::Range;

/// A node of the syntax tree and the bytes it was parsed from.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// What the node is.
    pub kind: Kind,
    /// Byte range within the expression text.
    pub span: Range<usize>,
}

/// Binary comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `in`
    In,
    /// `not in`
    NotIn,
    /// `contains`
    Contains,
}

impl Op {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "==",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::In => "in",
            Op::NotIn => "not in",
            Op::Contains => "contains",
        }
    }

    /// The operator with its operands swapped (`a < b` ⇔ `b > a`), for the comparisons that have one.
    pub fn flipped(self) -> Option<Op> {
        Some(match self {
            Op::Eq => Op::Eq,
            Op::Ne => Op::Ne,
            Op::Lt => Op::Gt,
            Op::Le => Op::Ge,
            Op::Gt => Op::Lt,
            Op::Ge => Op::Le,
            Op::In | Op::NotIn | Op::Contains => return None,
        })
    }
}

/// The kinds of node.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// `a or b or …`
    Or(Vec<Node>),
    /// `a and b and …`
    And(Vec<Node>),
    /// `not a`
    Not(Box<Node>),
    /// `a OP b`
    Compare(Op, Box<Node>, Box<Node>),
    /// `context.FIELD`
    Context(String),
    /// `answer(ITEM)`
    Answer(String),
    /// `is_set(context.FIELD)`
    IsSet(Box<Node>),
    /// A string literal.
    Str(String),
    /// A number literal.
    Num(f64),
    /// `true` or `false`.
    Bool(bool),
    /// `[literal, …]`
    List(Vec<Node>),
}
