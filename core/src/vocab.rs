//! The engine's own words, in one place: the special answer tokens every scale has and their
//! Dutch (and other) spellings, the ratings the engine gives itself, the keys of a proposal, the
//! words a table cell may use for yes and no, and the rule by which an input spelling matches a
//! token.
//!
//! A ruleset adds its own words (scale tokens, option ids and their aliases); these are the ones
//! no ruleset declares. Front ends read them from here (the WebAssembly module exports the
//! proposal keys as `proposalKeys()`) rather than keeping copies.

/// The canonical token for "unknown" (a knowledge gap).
pub const UNKNOWN: &str = "unknown";
/// The canonical token for "not applicable".
pub const NOT_APPLICABLE: &str = "not_applicable";
/// The pseudo-token of an item without an answer (only in expressions and results).
pub const UNANSWERED: &str = "unanswered";

/// The Dutch spelling of [`UNKNOWN`] that forms and schemas offer.
pub const UNKNOWN_NL: &str = "onbekend";
/// The Dutch spelling of [`NOT_APPLICABLE`] that forms and schemas offer.
pub const NOT_APPLICABLE_NL: &str = "nvt";

/// Every spelling accepted for [`UNKNOWN`], on every scale.
pub const UNKNOWN_SPELLINGS: [&str; 5] = [UNKNOWN, UNKNOWN_NL, "weet ik niet", "weet niet", "?"];
/// Every spelling accepted for [`NOT_APPLICABLE`], on every scale.
pub const NOT_APPLICABLE_SPELLINGS: [&str; 6] = [
    NOT_APPLICABLE,
    NOT_APPLICABLE_NL,
    "n.v.t.",
    "niet van toepassing",
    "n/a",
    "not applicable",
];

/// The rating of a group whose completeness is below the ruleset's minimum.
pub const RATING_INCOMPLETE: &str = "incomplete";
/// The rating of a group in which no item counts.
pub const RATING_NOT_APPLICABLE: &str = "not_applicable";
/// The ratings the engine gives itself; a ruleset may not declare them.
pub const RESERVED_RATINGS: [&str; 2] = [RATING_INCOMPLETE, RATING_NOT_APPLICABLE];

/// The keys of a proposal object (docs/rule-language.md): any other key is an error.
pub const PROPOSAL_KEYS: [&str; 5] = ["title", "context", "answers", "id", "$schema"];

/// Cell values read as `true` for a boolean context field in a table (compared with
/// [`same_token`]).
pub const YES_WORDS: [&str; 7] = ["true", "ja", "yes", "j", "y", "1", "waar"];
/// Cell values read as `false` for a boolean context field in a table.
pub const NO_WORDS: [&str; 6] = ["false", "nee", "no", "n", "0", "onwaar"];

/// Whether an input spelling matches a token: ignoring surrounding spaces and the case of ASCII
/// letters. Tokens, ids and aliases are written in lowercase; full Unicode case folding would
/// add its tables to the WebAssembly module for no practical gain. Every front end matches
/// through the core, so all of them accept the same spellings.
pub fn same_token(input: &str, token: &str) -> bool {
    input.trim().eq_ignore_ascii_case(token)
}

/// The boolean a table cell names (`ja`, `nee`, `true`, `0` …), or `None`.
pub fn yes_or_no(cell: &str) -> Option<bool> {
    if YES_WORDS.iter().any(|w| same_token(cell, w)) {
        Some(true)
    } else if NO_WORDS.iter().any(|w| same_token(cell, w)) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_match_ignoring_ascii_case_and_spaces() {
        assert!(same_token(" JA ", "ja"));
        assert!(!same_token("jå", "ja"));
        assert_eq!(yes_or_no("Ja"), Some(true));
        assert_eq!(yes_or_no("onwaar"), Some(false));
        assert_eq!(yes_or_no("misschien"), None);
    }
}
