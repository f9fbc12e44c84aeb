//! The adapter to the core crate: every call the server makes into `sociale_bril` is in this
//! module, so that a change of the core's public API touches one file.

use std::path::Path;
use std::sync::Arc;

use sociale_bril::{ProposalError, Ruleset, RulesetError};

/// Version of the stored assessment copy (`versions.assessment_format`): the core's assessment
/// JSON in canonical form.
pub const ASSESSMENT_FORMAT: &str = "1";

/// Largest proposal the core accepts, in bytes.
pub const MAX_PROPOSAL_BYTES: usize = sociale_bril::limits::MAX_PROPOSAL_BYTES;

/// The ruleset the server assesses with, and its JSON form (served to the app and stored).
#[derive(Clone, Debug)]
pub struct Engine {
    rules: Ruleset,
    json: Arc<str>,
}

/// Id, version and content hash of a ruleset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RulesetIdentity {
    /// Ruleset id.
    pub id: String,
    /// Ruleset version.
    pub version: String,
    /// Content hash (`sha256:…`).
    pub hash: String,
}

/// A proposal assessed: what a version stores.
#[derive(Clone, Debug)]
pub struct Scored {
    /// The proposal in canonical JSON.
    pub proposal: String,
    /// The assessment in canonical JSON (format [`ASSESSMENT_FORMAT`]).
    pub assessment: String,
    /// The proposal's title (empty when it has none).
    pub title: String,
    /// The proposal's policy area (the option id), when given.
    pub policy_area: Option<String>,
    /// The overall rating.
    pub rating: String,
    /// The overall percent, when anything applies.
    pub percent: Option<f64>,
}

/// One problem in a proposal, as the core reports it.
#[derive(Clone, Debug)]
pub struct Issue {
    /// Stable code, e.g. `unknown-item`.
    pub code: String,
    /// What is wrong.
    pub message: String,
    /// What would be valid.
    pub help: Option<String>,
    /// JSON pointer into the proposal (the one `sociale-bril assess` reports).
    pub pointer: String,
    /// Line, for syntax errors.
    pub line: Option<u32>,
    /// Column, for syntax errors.
    pub column: Option<u32>,
    /// The item concerned.
    pub item: Option<String>,
}

impl Engine {
    /// Loads the ruleset from a folder, TOML file or JSON document, or the embedded default.
    pub fn load(path: Option<&Path>) -> Result<Engine, RulesetError> {
        let rules = match path {
            Some(p) => Ruleset::load(p)?,
            None => Ruleset::default()?,
        };
        let json: Arc<str> = rules.to_json().into();
        Ok(Engine { rules, json })
    }

    /// Id, version and hash.
    pub fn identity(&self) -> RulesetIdentity {
        RulesetIdentity {
            id: self.rules.id().to_string(),
            version: self.rules.version().to_string(),
            hash: self.rules.hash().to_string(),
        }
    }

    /// The ruleset's JSON form (`sociale-bril compile`), which the app loads with
    /// `Ruleset.fromJson` to score exactly as the server does.
    pub fn ruleset_json(&self) -> &Arc<str> {
        &self.json
    }

    /// Whether `item` is an item id of the ruleset.
    pub fn has_item(&self, item: &str) -> bool {
        self.rules.item_ids().iter().any(|i| i == item)
    }

    /// Assesses a proposal given as JSON text.
    pub fn assess(&self, text: &str) -> Result<Scored, Vec<Issue>> {
        let a = self.rules.assess_json(text).map_err(|e| issues(&e))?;
        let proposal = sociale_bril::canonical::canonicalize(text).map_err(|e| {
            vec![Issue {
                code: "proposal-syntax".into(),
                message: e.to_string(),
                help: None,
                pointer: String::new(),
                line: None,
                column: None,
                item: None,
            }]
        })?;
        Ok(Scored {
            assessment: a.to_canonical_json(),
            title: a.proposal.title.as_deref().unwrap_or_default().to_string(),
            policy_area: self.policy_area(text),
            rating: a.overall.rating.to_string(),
            percent: a.overall.percent,
            proposal,
        })
    }

    /// The proposal's `context.policy_area` as an option id (an alias is mapped to its option).
    // Until the core offers a normalised proposal (issue 11), this reads the ruleset's options.
    fn policy_area(&self, text: &str) -> Option<String> {
        let v: serde_json::Value = serde_json::from_str(text).ok()?;
        let given = v.pointer("/context/policy_area")?.as_str()?;
        let field = self
            .rules
            .doc()
            .context
            .iter()
            .find(|f| f.id == "policy_area")?;
        field
            .options
            .iter()
            .find(|o| o.id == given || o.aliases.iter().any(|a| a == given))
            .map(|o| o.id.clone())
    }
}

/// The core's proposal problems as plain values.
fn issues(e: &ProposalError) -> Vec<Issue> {
    e.issues
        .iter()
        .map(|i| Issue {
            code: i.code.to_string(),
            message: i.message.clone(),
            help: i.help.clone(),
            pointer: i.pointer.clone(),
            line: i.line,
            column: i.column,
            item: i.item.clone(),
        })
        .collect()
}
