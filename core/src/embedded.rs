//! The default ruleset, embedded at build time from `rules/sociale-bril`.

use crate::load::RuleFile;

include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

/// The embedded rule files, in merge order.
pub(crate) fn files() -> Vec<RuleFile> {
    FILES
        .iter()
        .map(|(name, text)| RuleFile {
            name: (*name).to_string(),
            text: (*text).to_string(),
        })
        .collect()
}

/// The names and texts of the embedded rule files (for tests and tools that compare them with
/// the folder).
pub fn embedded_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    FILES.iter().copied()
}
