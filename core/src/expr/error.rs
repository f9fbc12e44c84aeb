//! Why an expression was rejected: a code, a message, help, and the span of the offending
//! part of the expression's text.

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
