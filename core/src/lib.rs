//! # Sociale Bril
//!
//! A rule-based *social lens* ("sociale bril") for policy proposals. A [`Ruleset`] — declarative
//! rules, written as TOML files by policy advisers — asks checklist questions about a proposal
//! and scores the answers. The result, an [`Assessment`], gives a score, completeness and rating
//! per theme, principle and domain, the signals that fired, the knowledge gaps and the
//! improvements that would add the most points.
//!
//! ```
//! use sociale_bril::{Lang, Ruleset};
//!
//! let rules = Ruleset::default()?;
//! let assessment = rules.assess_json(r#"{
//!     "title": "Subsidieregeling buurtinitiatieven",
//!     "context": {"instrument": "subsidy", "citizens_affected": true},
//!     "answers": {"inclusie.fysieke-toegankelijkheid": "deels"}
//! }"#)?;
//! for theme in &assessment.themes {
//!     println!("{}: {:?}% ({})", theme.title.nl, theme.score.percent, theme.score.rating);
//! }
//! let report = sociale_bril::report::markdown(&rules, &assessment, Lang::Nl);
//! assert!(report.contains("Subsidieregeling buurtinitiatieven"));
//! # Ok::<(), sociale_bril::Error>(())
//! ```
//!
//! - The scoring rules: `docs/scoring.md`. The expression language: `docs/rule-language.md`.
//! - Errors are values with a code, a message, help and a location: [`RulesetError`] lists every
//!   problem in a ruleset with file, line and column; [`ProposalError`] names JSON pointers.
//! - No function of this crate panics on any input.
//! - Front ends call the core rather than repeat it: [`Ruleset::render`] writes an assessment in
//!   any [`OutputFormat`]; [`table`] reads tables of proposals and writes tables of results
//!   (numbers written the Dutch way included); [`Ruleset::normalize_json`] gives a proposal
//!   with canonical ids; [`limits`] and [`vocab`] hold every limit and the engine's own words.
//! - Where each concept lives: `ARCHITECTURE.md`; changes for embedders: `CHANGELOG.md`.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

// The layers, from the ground up (ARCHITECTURE.md draws them); a module imports only from its
// own layer or the layers below it, and never one that imports it back.
//
// ground:        limits, vocab, hash, error, text, order, numfmt, suggest, pretty
// documents:     model (rulesets and proposals as written), canonical
// compiled:      field, scale, expr, compiled (the compiled model); load, embedded (rule files)
// building:      compile (document → compiled), decode (proposal → inputs), assessment (types)
// evaluation:    scoring (inputs → assessment), normalize (inputs → canonical proposal)
// outputs:       questions, schema, render, table, format
// facade:        ruleset (`Ruleset`), and this file; ruletest runs on the facade.

pub mod assessment;
pub mod canonical;
mod compile;
mod compiled;
mod decode;
#[cfg(feature = "toml")]
mod embedded;
pub mod error;
pub mod expr;
mod field;
mod format;
pub mod hash;
pub mod limits;
mod load;
pub mod model;
mod normalize;
mod numfmt;
mod order;
mod pretty;
pub mod questions;
mod render;
mod ruleset;
#[cfg(feature = "toml")]
pub mod ruletest;
mod scale;
pub mod schema;
mod scoring;
mod suggest;
pub mod table;
mod text;
pub mod vocab;

pub use assessment::{Assessment, ItemStatus};
#[cfg(feature = "toml")]
pub use embedded::embedded_files;
pub use error::{
    Error, InputError, ProposalError, ProposalIssue, RuleIssue, RulesetError, SourceLocation,
};
pub use format::{OutputFormat, RenderOptions};
pub use load::RuleFile;
pub use model::proposal::Proposal;
pub use model::ruleset::RulesetDoc;
pub use ruleset::{PreparedProposal, Ruleset};
pub use text::{Lang, Text};

/// Reports: an assessment rendered for people, as Markdown or as a standalone HTML page, in
/// Dutch or English. User text and rule text are escaped.
pub mod report {
    use crate::{Assessment, Lang, OutputFormat, RenderOptions, Ruleset};

    /// Renders an assessment made by `rules` as Markdown.
    pub fn markdown(rules: &Ruleset, a: &Assessment<'_>, lang: Lang) -> String {
        rules.render(a, OutputFormat::Markdown, &RenderOptions::new(lang))
    }

    /// Renders an assessment made by `rules` as a standalone HTML page (inline CSS and SVG, no
    /// scripts, no outside resources).
    pub fn html(rules: &Ruleset, a: &Assessment<'_>, lang: Lang) -> String {
        rules.render(a, OutputFormat::Html, &RenderOptions::new(lang))
    }
}
