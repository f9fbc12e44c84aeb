//! The assessment: the scored checklist produced by [`crate::Ruleset::assess_json`], as
//! docs/scoring.md defines it ([`Assessment`], in `result.rs`); why each condition came out as
//! it did ([`Why`], in `explain.rs`); and the summary for bulk runs ([`Summary`], in
//! `summary.rs`).

mod explain;
mod result;
mod summary;

pub(crate) use explain::Snapshot;
pub use explain::{Seen, SeenValue, Why};
pub use result::{
    Assessment, GroupScore, Improvement, ItemResult, ItemStatus, KnowledgeGap, ProposalInfo,
    RulesetInfo, Score, SignalResult,
};
pub use summary::{GroupSummary, ImprovementSummary, Summary};
