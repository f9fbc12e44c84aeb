//! [`Ruleset`]: a validated, compiled ruleset, ready to assess proposals.

use crate::compiled::IdMap;
use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use crate::compiled::{Field, Scale};
use crate::error::{ProposalError, ProposalIssue, RulesetError};
use crate::expr::Expr;
use crate::load::{self, Locator, RuleFile};
use crate::model::assessment::Assessment;
use crate::model::proposal::Proposal;
use crate::model::ruleset::{RulesetDoc, RulesetMeta, Severity};

/// A proposal decoded and checked against one ruleset (see [`Ruleset::prepare_json`]).
#[derive(Clone, Debug)]
pub struct PreparedProposal {
    /// The ruleset that prepared it.
    ruleset: Arc<Inner>,
    inputs: crate::decode::Inputs,
}

/// A compiled item.
#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub theme: usize,
    pub principles: Vec<usize>,
    pub domains: Vec<usize>,
    pub scale: usize,
    pub weight: f64,
    pub critical: bool,
    pub applies_if: Option<Expr>,
}

/// A compiled signal.
#[derive(Clone, Debug)]
pub(crate) struct Signal {
    pub severity: Severity,
    pub when: Expr,
}

/// A rating band, with its index in the document.
#[derive(Clone, Debug)]
pub(crate) struct Band {
    pub doc: usize,
    pub min: f64,
}

/// Scoring settings, resolved.
#[derive(Clone, Debug)]
pub(crate) struct Scoring {
    pub min_completeness: f64,
    pub critical_fail_below: f64,
    /// Index into `bands` of the cap.
    pub critical_cap: Option<usize>,
}

/// Everything a compiled ruleset holds. Texts stay in `doc`; compiled parts refer to fields,
/// scales, groups and items by index, in document order.
#[derive(Debug)]
pub(crate) struct Inner {
    pub doc: RulesetDoc,
    pub meta: RulesetMeta,
    pub hash: String,
    pub scoring: Scoring,
    /// Bands from the highest `min` down.
    pub bands: Vec<Band>,
    pub scales: Vec<Scale>,
    pub fields: Vec<Field>,
    pub field_index: IdMap<usize>,
    pub items: Vec<Item>,
    /// Item id → (item index, scale index).
    pub item_index: IdMap<(usize, usize)>,
    pub item_ids: Vec<String>,
    pub signals: Vec<Signal>,
}

/// A validated, compiled ruleset. Cheap to clone (shared), safe to use from many threads.
///
/// ```
/// use sociale_bril::Ruleset;
///
/// let rules = Ruleset::default()?;
/// let assessment = rules.assess_json(r#"{
///     "title": "Snelfietsroute",
///     "context": {"instrument": "investment", "citizens_affected": true},
///     "answers": {"inclusie.fysieke-toegankelijkheid": "ja"}
/// }"#)?;
/// assert_eq!(assessment.ruleset.id, "sociale-bril");
/// # Ok::<(), sociale_bril::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Ruleset {
    pub(crate) inner: Arc<Inner>,
}

impl Ruleset {
    /// The default `sociale-bril` ruleset, embedded at build time from `rules/sociale-bril`.
    ///
    /// It fails only if the embedded files are invalid, which the crate's tests rule out.
    #[cfg(feature = "toml")]
    #[allow(clippy::should_implement_trait)]
    pub fn default() -> Result<Ruleset, RulesetError> {
        Self::from_files(crate::embedded::files())
    }

    /// Loads a ruleset from a folder of TOML files, one TOML file, or one JSON document (by the
    /// extension `.json`).
    pub fn load(path: impl AsRef<Path>) -> Result<Ruleset, RulesetError> {
        let path = path.as_ref();
        let meta = std::fs::metadata(path).map_err(|e| load::io_error(path, e))?;
        if !meta.is_dir() && path.extension().is_some_and(|x| x == "json") {
            let file = RuleFile::read(path)?;
            return Self::from_json_named(&file.name, &file.text);
        }
        #[cfg(feature = "toml")]
        return Self::from_files(if meta.is_dir() {
            load::toml::read_dir(path)?
        } else {
            vec![RuleFile::read(path)?]
        });
        #[cfg(not(feature = "toml"))]
        Err(RulesetError::Io {
            path: path.display().to_string(),
            message:
                "this build reads rulesets in their JSON form only (the `toml` feature is off)"
                    .into(),
        })
    }

    /// Compiles a ruleset from TOML files given in memory, merged in the order given.
    #[cfg(feature = "toml")]
    pub fn from_files(files: Vec<RuleFile>) -> Result<Ruleset, RulesetError> {
        let (doc, locator) = load::toml::merge_toml(files)?;
        Self::from_doc_located(doc, &locator)
    }

    /// Compiles a ruleset from its JSON form (see [`Ruleset::to_json`]).
    pub fn from_json(text: &str) -> Result<Ruleset, RulesetError> {
        Self::from_json_named("<json>", text)
    }

    fn from_json_named(name: &str, text: &str) -> Result<Ruleset, RulesetError> {
        let doc = load::parse_json(name, text)?;
        Self::from_doc_located(doc, &Locator::json(name))
    }

    /// Compiles a ruleset from a document built in code. Problems are located by JSON pointer.
    pub fn from_doc(doc: RulesetDoc) -> Result<Ruleset, RulesetError> {
        Self::from_doc_located(doc, &Locator::json("<document>"))
    }

    fn from_doc_located(doc: RulesetDoc, locator: &Locator) -> Result<Ruleset, RulesetError> {
        let inner = crate::compile::compile(doc, locator).map_err(RulesetError::Invalid)?;
        Ok(Ruleset {
            inner: Arc::new(inner),
        })
    }

    /// The ruleset's id, e.g. `sociale-bril`.
    pub fn id(&self) -> &str {
        &self.inner.meta.id
    }

    /// The ruleset's version.
    pub fn version(&self) -> &str {
        &self.inner.meta.version
    }

    /// The content hash, `sha256:` and the hex digest of the canonical JSON form. Equal hashes
    /// mean equal rules, whatever the files' formatting.
    pub fn hash(&self) -> &str {
        &self.inner.hash
    }

    /// The ruleset's identity and titles.
    pub fn meta(&self) -> &RulesetMeta {
        &self.inner.meta
    }

    /// The merged document the ruleset was compiled from.
    pub fn doc(&self) -> &RulesetDoc {
        &self.inner.doc
    }

    /// The JSON form: one document that [`Ruleset::from_json`] compiles to the same ruleset
    /// (same hash).
    pub fn to_json(&self) -> String {
        crate::canonical::to_canonical_json(&self.inner.doc).unwrap_or_default()
    }

    /// The ids of the items, in ruleset order.
    pub fn item_ids(&self) -> &[String] {
        &self.inner.item_ids
    }
}

impl Ruleset {
    /// The id, version and hash, as carried by every assessment.
    pub fn info(&self) -> crate::model::assessment::RulesetInfo<'_> {
        crate::model::assessment::RulesetInfo {
            id: &self.inner.meta.id,
            version: &self.inner.meta.version,
            hash: &self.inner.hash,
        }
    }

    /// Assesses a proposal given as JSON text. Problems are reported with their JSON pointers
    /// (and line and column for syntax errors).
    pub fn assess_json(&self, json: &str) -> Result<Assessment<'_>, ProposalError> {
        let inputs = crate::decode::decode_json(&self.inner, json)?;
        Ok(crate::scoring::assess(&self.inner, Cow::Owned(inputs)))
    }

    /// Decodes and checks a proposal given as JSON text, to assess it later (and as often as
    /// needed) with [`Ruleset::assess_prepared`].
    pub fn prepare_json(&self, json: &str) -> Result<PreparedProposal, ProposalError> {
        let inputs = crate::decode::decode_json(&self.inner, json)?;
        Ok(PreparedProposal {
            ruleset: Arc::clone(&self.inner),
            inputs,
        })
    }

    /// Assesses a proposal prepared with [`Ruleset::prepare_json`] by this same ruleset; a
    /// proposal prepared by another ruleset is refused (its indices would not fit).
    pub fn assess_prepared<'a>(
        &'a self,
        proposal: &'a PreparedProposal,
    ) -> Result<Assessment<'a>, ProposalError> {
        if !Arc::ptr_eq(&proposal.ruleset, &self.inner) {
            return Err(ProposalError {
                issues: vec![
                    ProposalIssue::at(
                        "foreign-proposal",
                        "",
                        "the proposal was prepared by another ruleset",
                    )
                    .help("prepare it with the ruleset that assesses it"),
                ],
            });
        }
        Ok(crate::scoring::assess(
            &self.inner,
            Cow::Borrowed(&proposal.inputs),
        ))
    }

    /// Assesses a proposal given as a JSON value.
    pub fn assess_value(&self, value: &serde_json::Value) -> Result<Assessment<'_>, ProposalError> {
        self.assess_from(value)
    }

    /// Assesses a proposal built in code.
    pub fn assess(&self, proposal: &Proposal) -> Result<Assessment<'_>, ProposalError> {
        let value = serde_json::to_value(proposal).map_err(|e| crate::decode::json_error(&e))?;
        self.assess_value(&value)
    }

    /// Assesses a proposal read from any serde deserializer (used by the Python and
    /// WebAssembly bindings to decode their native values directly). An error of the
    /// deserializer itself is reported as a `proposal-syntax` problem.
    pub fn assess_from<'de, D: serde::Deserializer<'de>>(
        &self,
        deserializer: D,
    ) -> Result<Assessment<'_>, ProposalError> {
        match crate::decode::decode(&self.inner, deserializer) {
            Ok(Ok(inputs)) => Ok(crate::scoring::assess(&self.inner, Cow::Owned(inputs))),
            Ok(Err(e)) => Err(e),
            Err((e, mut issues)) => {
                issues.push(ProposalIssue::at("proposal-syntax", "", e.to_string()));
                Err(ProposalError { issues })
            }
        }
    }

    /// Checks a proposal given as JSON text without scoring it.
    pub fn validate_json(&self, json: &str) -> Result<(), ProposalError> {
        crate::decode::decode_json(&self.inner, json).map(|_| ())
    }
}
