//! Every limit on input sizes, in one place. Each is enforced with a located, readable error
//! (docs/reliability.md lists them with the error each gives); none cuts input silently.
//!
//! Front ends read them from here (the WebAssembly module exports them as `limits()`), so a
//! browser, the command line and Python refuse the same inputs.

// ---- rule files -------------------------------------------------------------------------------

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
/// Most themes, principles, domains, scales or rating bands (each).
pub const MAX_GROUPS: usize = 256;
/// Longest text in a rule (a question, help, advice, label …), in bytes.
pub const MAX_RULE_TEXT_BYTES: usize = 8 * 1024;
/// Longest id of a theme, scale, context field, option, source, rating or signal, in bytes.
pub const MAX_ID_BYTES: usize = 100;
/// Longest item id (dotted: `inclusie.doenvermogen`), in bytes.
pub const MAX_ITEM_ID_BYTES: usize = 200;
/// Longest answer token of a scale (`strongly_positive`), in bytes.
pub const MAX_TOKEN_BYTES: usize = 50;
/// Most options an answer scale may have. An answer state keeps the option in one bit of a
/// 32-bit half of a `u64` (`AnswerState::bit`), so this cannot grow beyond 32.
pub const MAX_SCALE_OPTIONS: usize = 32;
/// Most options a `choice` or `choices` context field may have. A `choices` value is a set of
/// options in one `u64`, so this cannot grow beyond 64.
pub const MAX_FIELD_OPTIONS: usize = 64;
/// Longest expression accepted, in bytes.
pub const MAX_EXPR_LEN: usize = 4096;
/// Deepest nesting of an expression (parentheses, `not`, lists and operators nested in each
/// other).
pub const MAX_EXPR_DEPTH: usize = 32;

// ---- proposals --------------------------------------------------------------------------------

/// Largest proposal document, in bytes (JSON text; a native value counted as its JSON text).
pub const MAX_PROPOSAL_BYTES: usize = 4 * 1024 * 1024;
/// Longest note on an answer, title, id or text context value, in bytes.
pub const MAX_PROPOSAL_TEXT_BYTES: usize = 64 * 1024;
/// Deepest nesting of arrays and objects in a proposal document.
pub const MAX_PROPOSAL_DEPTH: usize = 64;
/// Most elements in a list of a proposal (the options of a `choices` context field). A longer
/// list is refused at its JSON pointer (`limit-exceeded`).
pub const MAX_PROPOSAL_LIST_ITEMS: usize = 1024;
/// Most problems reported for one proposal; decoding goes on, but further problems are counted
/// in the last message only.
pub const MAX_PROPOSAL_ISSUES: usize = 50;
/// Most problems collected for one proposal before the reported ones are chosen: more than are
/// reported, so that the reported ones (the first by JSON pointer) do not depend on the order of
/// the keys in the input. Problems beyond it are counted.
pub const MAX_PROPOSAL_ISSUES_COLLECTED: usize = 20 * MAX_PROPOSAL_ISSUES;

// ---- messages ---------------------------------------------------------------------------------

/// Most valid values a "did you mean" help lists before it says how many there are in all.
pub const MAX_LISTED_CHOICES: usize = 40;

// The bit sets above hold what these limits allow.
const _: () = assert!(MAX_SCALE_OPTIONS <= 32 && MAX_FIELD_OPTIONS <= 64);
const _: () = assert!(MAX_PROPOSAL_ISSUES_COLLECTED >= MAX_PROPOSAL_ISSUES);
