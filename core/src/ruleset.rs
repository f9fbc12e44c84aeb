//! [`Ruleset`]: the handle every front end holds — a validated, compiled ruleset, ready to
//! assess proposals. The public face of the core: each method hands its work to the layer that
//! does it (loading, compiling, decoding, scoring, the outputs), and nothing below imports it.

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

use crate::assessment::{Assessment, RulesetInfo};
use crate::compiled::CompiledRuleset;
use crate::decode::Inputs;
use crate::error::{ProposalError, ProposalIssue, RulesetError};
use crate::format::{OutputFormat, RenderOptions};
use crate::load::{self, Locator, RuleFile};
use crate::model::proposal::Proposal;
use crate::model::ruleset::{RulesetDoc, RulesetMeta};
use crate::questions::Questions;
use crate::table::{ProposalColumns, ResultColumns, TableOptions};
use crate::text::Lang;

/// A proposal decoded and checked against one ruleset (see [`Ruleset::prepare_json`]).
#[derive(Clone, Debug)]
pub struct PreparedProposal {
    /// The ruleset that prepared it.
    ruleset: Arc<CompiledRuleset>,
    inputs: Inputs,
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
    compiled: Arc<CompiledRuleset>,
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
        let compiled = crate::compile::compile(doc, locator).map_err(RulesetError::Invalid)?;
        Ok(Ruleset {
            compiled: Arc::new(compiled),
        })
    }

    /// The ruleset's id, e.g. `sociale-bril`.
    pub fn id(&self) -> &str {
        &self.compiled.meta.id
    }

    /// The ruleset's version.
    pub fn version(&self) -> &str {
        &self.compiled.meta.version
    }

    /// The content hash, `sha256:` and the hex digest of the canonical JSON form. Equal hashes
    /// mean equal rules, whatever the files' formatting.
    pub fn hash(&self) -> &str {
        &self.compiled.hash
    }

    /// The ruleset's identity and titles.
    pub fn meta(&self) -> &RulesetMeta {
        &self.compiled.meta
    }

    /// The merged document the ruleset was compiled from.
    pub fn doc(&self) -> &RulesetDoc {
        &self.compiled.doc
    }

    /// The JSON form: one document that [`Ruleset::from_json`] compiles to the same ruleset
    /// (same hash).
    pub fn to_json(&self) -> String {
        crate::canonical::to_canonical_json(&self.compiled.doc).unwrap_or_default()
    }

    /// The ids of the items, in ruleset order.
    pub fn item_ids(&self) -> &[String] {
        &self.compiled.item_ids
    }
}

impl Ruleset {
    /// The id, version and hash, as carried by every assessment.
    pub fn info(&self) -> RulesetInfo<'_> {
        RulesetInfo::of(&self.compiled)
    }

    /// Assesses a proposal given as JSON text. Problems are reported with their JSON pointers
    /// (and line and column for syntax errors).
    pub fn assess_json(&self, json: &str) -> Result<Assessment<'_>, ProposalError> {
        let inputs = crate::decode::decode_json(&self.compiled, json)?;
        Ok(crate::scoring::assess(&self.compiled, Cow::Owned(inputs)))
    }

    /// Decodes and checks a proposal given as JSON text, to assess it later (and as often as
    /// needed) with [`Ruleset::assess_prepared`].
    pub fn prepare_json(&self, json: &str) -> Result<PreparedProposal, ProposalError> {
        let inputs = crate::decode::decode_json(&self.compiled, json)?;
        Ok(PreparedProposal {
            ruleset: Arc::clone(&self.compiled),
            inputs,
        })
    }

    /// Assesses a proposal prepared with [`Ruleset::prepare_json`] by this same ruleset; a
    /// proposal prepared by another ruleset is refused (its indices would not fit).
    pub fn assess_prepared<'a>(
        &'a self,
        proposal: &'a PreparedProposal,
    ) -> Result<Assessment<'a>, ProposalError> {
        if !Arc::ptr_eq(&proposal.ruleset, &self.compiled) {
            return Err(ProposalError::from(
                ProposalIssue::new(
                    "foreign-proposal",
                    "",
                    "the proposal was prepared by another ruleset",
                )
                .with_help("prepare it with the ruleset that assesses it"),
            ));
        }
        Ok(crate::scoring::assess(
            &self.compiled,
            Cow::Borrowed(&proposal.inputs),
        ))
    }

    /// Assesses a proposal given as a JSON value.
    pub fn assess_value(&self, value: &Value) -> Result<Assessment<'_>, ProposalError> {
        self.assess_from(value)
    }

    /// Assesses a proposal built in code.
    pub fn assess(&self, proposal: &Proposal) -> Result<Assessment<'_>, ProposalError> {
        let value = serde_json::to_value(proposal).map_err(|e| crate::decode::json_error(&e))?;
        self.assess_value(&value)
    }

    /// Assesses a proposal read from any serde deserializer (the Python binding decodes its
    /// native values so). An error of the deserializer ends decoding: an
    /// [`InputError`](crate::error::InputError) is reported as the located problem it carries,
    /// any other error as a `proposal-syntax` problem of the whole document.
    pub fn assess_from<'de, D>(&self, deserializer: D) -> Result<Assessment<'_>, ProposalError>
    where
        D: serde::Deserializer<'de>,
        D::Error: 'static,
    {
        let inputs = crate::decode::decode_from(&self.compiled, deserializer)?;
        Ok(crate::scoring::assess(&self.compiled, Cow::Owned(inputs)))
    }

    /// Checks a proposal given as JSON text without scoring it.
    pub fn validate_json(&self, json: &str) -> Result<(), ProposalError> {
        crate::decode::decode_json(&self.compiled, json).map(|_| ())
    }
}

/// The outputs: the checklist, schemas, labels, rendered assessments, tables, normalization.
impl Ruleset {
    /// The checklist structure in a language: what a form needs to ask the questions.
    pub fn questions(&self, lang: Lang) -> Questions<'_> {
        crate::questions::questions(&self.compiled, lang)
    }

    /// A proposal schema for this ruleset: the real item ids with their answer tokens and the
    /// context fields with their types and options, with question and label texts as
    /// descriptions (Dutch, with English in parentheses).
    pub fn proposal_schema(&self) -> Value {
        crate::schema::proposal_schema(&self.compiled)
    }

    /// The label of a rating id in a language.
    pub fn rating_label(&self, id: &str, lang: Lang) -> String {
        crate::questions::rating_label(&self.compiled, id, lang)
    }

    /// The label of an answer token of an item in a language.
    pub fn answer_label(&self, item: &str, token: &str, lang: Lang) -> String {
        crate::questions::answer_label(&self.compiled, item, token, lang)
    }

    /// An assessment made by this ruleset, written in `format`.
    ///
    /// ```
    /// use sociale_bril::{Lang, OutputFormat, RenderOptions, Ruleset};
    ///
    /// let rules = Ruleset::default()?;
    /// let a = rules.assess_json(r#"{"title": "Buurtbudget"}"#)?;
    /// let format: OutputFormat = "markdown".parse().expect("a format");
    /// let text = rules.render(&a, format, &RenderOptions::new(Lang::En));
    /// assert!(text.starts_with("# Social lens: Buurtbudget"));
    /// # Ok::<(), sociale_bril::Error>(())
    /// ```
    pub fn render(
        &self,
        a: &Assessment<'_>,
        format: OutputFormat,
        options: &RenderOptions,
    ) -> String {
        let mut out = String::new();
        self.render_into(a, format, options, &mut out);
        out
    }

    /// Appends an assessment made by this ruleset, written in `format`, to `out`.
    pub fn render_into(
        &self,
        a: &Assessment<'_>,
        format: OutputFormat,
        options: &RenderOptions,
        out: &mut String,
    ) {
        crate::format::render(&self.compiled, a, format, options, out);
    }

    /// The columns of a table of results for this ruleset's themes (`batch --format csv`,
    /// `to_frame`).
    pub fn result_columns(&self) -> ResultColumns {
        let themes: Vec<&str> = self
            .compiled
            .doc
            .theme
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        ResultColumns::new(&themes)
    }

    /// The columns of a table of proposals that a header names: `id`, `title`, context fields,
    /// item ids and `note.<item id>`. Every unknown column is a problem on line 1 at its column.
    pub fn proposal_columns<S: AsRef<str>>(
        &self,
        header: &[S],
        options: TableOptions,
    ) -> Result<ProposalColumns, ProposalError> {
        ProposalColumns::from_header(&self.compiled, header, options)
    }

    /// Every column a table of proposals for this ruleset can have: `id`, `title`, the context
    /// fields, and per item its answer and its note (a template to fill in).
    pub fn all_proposal_columns(&self, options: TableOptions) -> ProposalColumns {
        ProposalColumns::every(&self.compiled, options)
    }

    /// The proposal given as JSON text in canonical form, as JSON: context options and answer
    /// tokens by their canonical ids (aliases such as `ja` or `Subsidie` resolved, choices in
    /// option order), notes kept, `null`s and `$schema` left out. It reads as a [`Proposal`].
    /// Problems as for [`Ruleset::assess_json`].
    pub fn normalize_json(&self, json: &str) -> Result<Value, ProposalError> {
        let inputs = crate::decode::decode_json(&self.compiled, json)?;
        Ok(crate::normalize::canonical(&self.compiled, &inputs))
    }

    /// The proposal given as a JSON value in canonical form (see [`Ruleset::normalize_json`]).
    pub fn normalize_value(&self, value: &Value) -> Result<Value, ProposalError> {
        let inputs = crate::decode::decode_from(&self.compiled, value)?;
        Ok(crate::normalize::canonical(&self.compiled, &inputs))
    }
}
