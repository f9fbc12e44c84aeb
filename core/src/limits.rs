//! Limits on input sizes. Each is enforced with a located, readable error (docs/reliability.md).

/// Largest rule file, in bytes.
pub const MAX_RULE_FILE_BYTES: usize = 2 * 1024 * 1024;
/// Most TOML files in a ruleset folder.
pub const MAX_RULE_FILES: usize = 256;
/// Most items in a ruleset.
pub const MAX_ITEMS: usize = 5000;
/// Most signals in a ruleset.
pub const MAX_SIGNALS: usize = 2000;
/// Most context fields in a ruleset.
pub const MAX_CONTEXT_FIELDS: usize = 256;
/// Most themes, principles or domains (each).
pub const MAX_GROUPS: usize = 256;
/// Longest text in a rule (a question, help, advice, label …), in bytes.
pub const MAX_RULE_TEXT_BYTES: usize = 8 * 1024;
/// Largest proposal document, in bytes.
pub const MAX_PROPOSAL_BYTES: usize = 4 * 1024 * 1024;
/// Longest note on an answer, title or text context value, in bytes.
pub const MAX_PROPOSAL_TEXT_BYTES: usize = 64 * 1024;
/// Most problems reported for one proposal; decoding goes on, but further problems are counted
/// in the last message only.
pub const MAX_PROPOSAL_ISSUES: usize = 50;
/// Deepest nesting of arrays and objects in a proposal document.
pub const MAX_PROPOSAL_DEPTH: usize = 64;
/// Most options a `choice` or `choices` context field may have.
pub use crate::compiled::MAX_FIELD_OPTIONS;
/// Most options an answer scale may have.
pub use crate::compiled::MAX_SCALE_OPTIONS;
/// Deepest nesting of an expression.
pub use crate::expr::MAX_EXPR_DEPTH;
/// Longest expression accepted, in bytes.
pub use crate::expr::MAX_EXPR_LEN;
