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
mod error;
pub mod eval;
pub mod parse;

pub use check::{Expr, Scope};
pub use error::ExprError;
pub use eval::Tri;

/// The limits of the expression language, defined with all others in [`crate::limits`].
pub use crate::limits::{MAX_EXPR_DEPTH, MAX_EXPR_LEN};
