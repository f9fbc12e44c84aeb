//! The expression language of `applies_if` and signal conditions.
//!
//! - [`parse`]: text → syntax tree with byte spans ([`ast`]);
//! - [`check`]: type check against the ruleset's context fields and items, and compile to
//!   [`Expr`], which refers to fields and items by index;
//! - [`eval`]: total, allocation-free evaluation in three-valued logic.
//!
//! The grammar, the types and examples are in `docs/rule-language.md`.

pub mod ast;
pub mod check;
pub mod eval;
pub mod parse;

pub use check::{Expr, Scope};
pub use eval::Tri;

/// The limits of the expression language, defined with all others in [`crate::limits`].
pub use crate::limits::{MAX_EXPR_DEPTH, MAX_EXPR_LEN};

/// Why an expression was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExprError {
    /// Stable code, e.g. `expr-unknown-field`.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// What would be valid.
    pub help: Option<String>,
    /// Byte range within the expression text.
    pub span: std::ops::Range<usize>,
}

impl ExprError {
    pub(crate) fn new(
        code: &'static str,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        ExprError {
            code,
            message: message.into(),
            help: None,
            span,
        }
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}
