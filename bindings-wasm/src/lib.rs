//! WebAssembly bindings of [`sociale_bril`], for the browser (built with `wasm-bindgen`).
//!
//! The binding is thin: it converts JavaScript values to and from the core's types and maps
//! errors; no scoring logic lives here. Plain JavaScript objects go in and come out, and every
//! error is a JavaScript `Error` with `kind`, `code`, `path`, `location` and `issues` (see
//! [`error`]).
//!
//! Values cross the boundary as JSON text: `JSON.stringify` and the core's JSON decoder on the
//! way in, `serde_json` and `JSON.parse` on the way out. One decoder and one serializer for all
//! values keep the module small, and with the engine's JSON decoder an invalid proposal gets
//! the same located errors as on the command line. Measured in Chromium, this is also faster
//! than converting objects property by property (docs/performance.md).
//!
//! ```js
//! import init, { Ruleset } from "./pkg/sociale_bril_wasm.js";
//! await init();
//! const rules = Ruleset.default();
//! const assessment = rules.assess({ title: "Snelfietsroute", context: {}, answers: {} });
//! console.log(assessment.themes.map((t) => [t.id, t.percent, t.rating]));
//! ```
//!
//! The TypeScript types of all values are in `src/types.d.ts`, which `wasm-bindgen` copies into
//! the generated declarations.

#![forbid(unsafe_code)]

pub mod error;

use std::str::FromStr;

use js_sys::Reflect;
use serde::Serialize;
use sociale_bril::schema::SchemaKind;
use sociale_bril::table::{NumberStyle, TableOptions};
use sociale_bril::{Assessment, Lang, OutputFormat, ProposalError, RenderOptions};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// The default ruleset in its JSON form, compiled from `rules/sociale-bril` by build.rs.
const DEFAULT_RULESET: &str = include_str!(concat!(env!("OUT_DIR"), "/default_ruleset.json"));

/// The generic JSON Schemas, written by build.rs.
const SCHEMAS: [(SchemaKind, &str); 4] = [
    (
        SchemaKind::Proposal,
        include_str!(concat!(env!("OUT_DIR"), "/schema_proposal.json")),
    ),
    (
        SchemaKind::Ruleset,
        include_str!(concat!(env!("OUT_DIR"), "/schema_ruleset.json")),
    ),
    (
        SchemaKind::Assessment,
        include_str!(concat!(env!("OUT_DIR"), "/schema_assessment.json")),
    ),
    (
        SchemaKind::Questions,
        include_str!(concat!(env!("OUT_DIR"), "/schema_questions.json")),
    ),
];

/// The generic schema of a kind, as a JavaScript object.
fn embedded_schema(kind: SchemaKind) -> Result<JsValue, JsValue> {
    let text = SCHEMAS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("{}", |(_, text)| text);
    js_sys::JSON::parse(text)
}

/// Converts a Rust value to a plain JavaScript value (objects for structs and maps, `null` for
/// `None`) through JSON text and `JSON.parse`: one serializer for every value keeps the module
/// small, and it is faster than building the objects property by property across the boundary.
/// (The key order of a JavaScript object does not matter; `assessCanonical` gives the canonical
/// text.)
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|e| error::argument("internal", &format!("cannot convert the result: {e}")))?;
    js_sys::JSON::parse(&text)
}

/// The JSON text of a proposal argument: a string as it is, any other value through
/// `JSON.stringify` (so `undefined` properties are absent, as in JSON).
fn proposal_text(proposal: &JsValue) -> Result<String, JsValue> {
    if let Some(text) = proposal.as_string() {
        return Ok(text);
    }
    if proposal.is_undefined() || proposal.is_function() || proposal.is_symbol() {
        return Err(error::argument(
            "invalid-proposal",
            "a proposal must be an object (or JSON text), e.g. {\"title\": \"…\", \"context\": {}, \"answers\": {}}",
        ));
    }
    js_sys::JSON::stringify(proposal)
        .map(String::from)
        .map_err(|e| {
            let why = js_sys::Error::from(e).message();
            error::argument(
                "invalid-proposal",
                &format!("the proposal cannot be written as JSON: {why}"),
            )
        })
}

/// Reads an optional language argument (`"nl"` when absent).
fn lang(lang: Option<String>) -> Result<Lang, JsValue> {
    match lang {
        None => Ok(Lang::Nl),
        Some(s) => Lang::from_str(&s).map_err(|m| error::argument("invalid-lang", &m)),
    }
}

/// Reads an optional number style argument (`"auto"` when absent).
fn number_style(numbers: Option<String>) -> Result<NumberStyle, JsValue> {
    match numbers {
        None => Ok(NumberStyle::Auto),
        Some(s) => NumberStyle::from_str(&s).map_err(|m| error::argument("invalid-numbers", &m)),
    }
}

/// Reads a schema kind argument.
fn schema_kind(kind: &str) -> Result<SchemaKind, JsValue> {
    SchemaKind::from_str(kind).map_err(|m| error::argument("invalid-schema-kind", &m))
}

/// The generic JSON Schema of a kind: `proposal`, `ruleset`, `assessment` or `questions` (the
/// same for every ruleset). Throws an `ArgumentError` for another kind.
#[wasm_bindgen(js_name = schema, unchecked_return_type = "object")]
pub fn generic_schema(
    #[wasm_bindgen(unchecked_param_type = "SchemaKind")] kind: &str,
) -> Result<JsValue, JsValue> {
    embedded_schema(schema_kind(kind)?)
}

/// A number as people write it (`"2.500,50"`, `"2,500.50"`, `"2500"`), read in the style
/// `numbers`: `"nl"`, `"en"`, or `"auto"` (the default: either way, and a number that reads
/// differently the two ways, such as `"2.500"`, is refused). Throws a `ProposalError` whose
/// `location` has the `column` of the problem.
#[wasm_bindgen(js_name = parseNumber)]
pub fn parse_number(
    text: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "NumberStyle")] numbers: Option<String>,
) -> Result<f64, JsValue> {
    sociale_bril::table::parse_number(text, number_style(numbers)?)
        .map_err(|e| error::proposal(&ProposalError::from(e.issue())))
}

/// The limits on input sizes the engine enforces (the core's `limits.rs`), e.g.
/// `max_proposal_bytes`: front ends check against these rather than keeping copies.
#[wasm_bindgen(unchecked_return_type = "Limits")]
pub fn limits() -> Result<JsValue, JsValue> {
    use sociale_bril::limits::*;
    to_js(&serde_json::json!({
        "max_proposal_bytes": MAX_PROPOSAL_BYTES,
        "max_proposal_text_bytes": MAX_PROPOSAL_TEXT_BYTES,
        "max_proposal_depth": MAX_PROPOSAL_DEPTH,
        "max_proposal_list_items": MAX_PROPOSAL_LIST_ITEMS,
        "max_proposal_issues": MAX_PROPOSAL_ISSUES,
    }))
}

/// The keys a proposal object may have (`title`, `context`, `answers`, `id`, `$schema`).
#[wasm_bindgen(js_name = proposalKeys)]
pub fn proposal_keys() -> Vec<String> {
    sociale_bril::vocab::PROPOSAL_KEYS
        .iter()
        .map(|k| (*k).to_string())
        .collect()
}

/// Whether a thrown value is an error of this binding (an `Error` with a `kind`).
#[wasm_bindgen(js_name = isSocialeBrilError, skip_typescript)]
pub fn is_sociale_bril_error(value: &JsValue) -> bool {
    value.is_instance_of::<js_sys::Error>()
        && Reflect::get(value, &JsValue::from_str("kind"))
            .ok()
            .and_then(|k| k.as_string())
            .is_some_and(|k| matches!(k.as_str(), "ruleset" | "proposal" | "argument"))
}

/// A validated, compiled ruleset, ready to assess proposals.
///
/// Create one with `Ruleset.default()` (the embedded `sociale-bril` ruleset) or
/// `Ruleset.fromJson(text)` (a ruleset in its JSON form, as `sociale-bril compile` writes it).
/// Call `free()` when done with a ruleset you created yourself, or let it be collected.
#[wasm_bindgen]
#[derive(Clone, Debug)]
pub struct Ruleset {
    inner: sociale_bril::Ruleset,
}

#[wasm_bindgen]
impl Ruleset {
    /// The default `sociale-bril` ruleset, embedded in the module (compiled from
    /// `rules/sociale-bril` when the module was built; same id, version and hash).
    #[wasm_bindgen(js_name = default)]
    pub fn default_ruleset() -> Result<Ruleset, JsValue> {
        sociale_bril::Ruleset::from_json(DEFAULT_RULESET)
            .map(|inner| Ruleset { inner })
            .map_err(|e| error::ruleset(&e))
    }

    /// Compiles a ruleset from its JSON form. Throws a `RulesetError` that lists every problem
    /// with its location.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(json: &str) -> Result<Ruleset, JsValue> {
        sociale_bril::Ruleset::from_json(json)
            .map(|inner| Ruleset { inner })
            .map_err(|e| error::ruleset(&e))
    }

    /// The ruleset's id, e.g. `sociale-bril`.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id().to_string()
    }

    /// The ruleset's version (semver).
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.inner.version().to_string()
    }

    /// The content hash, `sha256:…`.
    #[wasm_bindgen(getter)]
    pub fn hash(&self) -> String {
        self.inner.hash().to_string()
    }

    /// The ruleset in its JSON form (`Ruleset.fromJson` compiles it to the same ruleset).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The ids of the items, in ruleset order.
    #[wasm_bindgen(js_name = itemIds)]
    pub fn item_ids(&self) -> Vec<String> {
        self.inner.item_ids().to_vec()
    }

    /// Assesses a proposal: a plain object, or JSON text (then syntax errors carry a line and
    /// column). Throws a `ProposalError` listing every problem with its JSON pointer.
    #[wasm_bindgen(unchecked_return_type = "Assessment")]
    pub fn assess(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Proposal | string")] proposal: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let assessment = self.assess_any(proposal)?;
        to_js(&assessment)
    }

    /// Assesses a proposal and returns the assessment as canonical JSON text (sorted keys, no
    /// whitespace): byte for byte what the CLI and the Python package produce.
    #[wasm_bindgen(js_name = assessCanonical)]
    pub fn assess_canonical(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Proposal | string")] proposal: &JsValue,
    ) -> Result<String, JsValue> {
        let assessment = self.assess_any(proposal)?;
        Ok(assessment.to_canonical_json())
    }

    /// The proposal in canonical form: context options and answer tokens by their canonical
    /// ids (aliases such as `ja` or `subsidie` resolved, choices in option order), notes kept,
    /// `null`s and `$schema` dropped. Throws a `ProposalError` when the proposal is invalid.
    #[wasm_bindgen(js_name = normalizeProposal, unchecked_return_type = "CanonicalProposal")]
    pub fn normalize_proposal(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Proposal | string")] proposal: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let normal = self
            .inner
            .normalize_json(&proposal_text(proposal)?)
            .map_err(|e| error::proposal(&e))?;
        to_js(&normal)
    }

    /// A row of a table read into a proposal, as `sociale-bril batch` reads a CSV row:
    /// `columns` is the table's header (`id`, `title`, context fields, item ids,
    /// `note.<item id>`), `cells` the row. `line` (default 2) is the row's line for the
    /// problems, which name line and column; `numbers` how numbers are written (`"auto"`,
    /// `"nl"`, `"en"`). Throws a `ProposalError` for an unknown column or a cell that cannot be
    /// read.
    #[wasm_bindgen(js_name = proposalFromRow, unchecked_return_type = "Proposal")]
    pub fn proposal_from_row(
        &self,
        columns: Vec<String>,
        cells: Vec<String>,
        line: Option<u32>,
        #[wasm_bindgen(unchecked_optional_param_type = "NumberStyle")] numbers: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let table = TableOptions::new(number_style(numbers)?);
        let proposal = self
            .inner
            .proposal_columns(&columns, table)
            .and_then(|c| c.read(u64::from(line.unwrap_or(2)), &cells))
            .map_err(|e| error::proposal(&e))?;
        to_js(&proposal)
    }

    /// The checklist structure in a language (`"nl"` by default): context fields with their
    /// types and options, and the themes with their questions and answer choices.
    #[wasm_bindgen(unchecked_return_type = "Questions")]
    pub fn questions(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang")] lang: Option<String>,
    ) -> Result<JsValue, JsValue> {
        to_js(&self.inner.questions(self::lang(lang)?))
    }

    /// A JSON Schema. For `proposal` it is the schema of this ruleset (its real item ids, answer
    /// tokens and context fields) unless `generic` is true; the other kinds are generic.
    #[wasm_bindgen(unchecked_return_type = "object")]
    pub fn schema(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SchemaKind")] kind: &str,
        generic: Option<bool>,
    ) -> Result<JsValue, JsValue> {
        let kind = schema_kind(kind)?;
        if kind == SchemaKind::Proposal && !generic.unwrap_or(false) {
            to_js(&self.inner.proposal_schema())
        } else {
            embedded_schema(kind)
        }
    }

    /// The proposal schema of this ruleset (the same as `schema("proposal")`).
    #[wasm_bindgen(js_name = proposalSchema, unchecked_return_type = "object")]
    pub fn proposal_schema(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.proposal_schema())
    }

    /// A proposal's assessment as text in an output format of the core: a readable report
    /// (`markdown` or a standalone `html` page, user and rule text escaped), `json`,
    /// `canonical`, `summary`, or `row` (one CSV row of the results table); in Dutch (default)
    /// or English.
    pub fn report(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Proposal | string")] proposal: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "ReportFormat")] format: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang")] lang: Option<String>,
    ) -> Result<String, JsValue> {
        let options = RenderOptions::new(self::lang(lang)?);
        let format =
            OutputFormat::from_str(format).map_err(|m| error::argument("invalid-format", &m))?;
        let assessment = self.assess_any(proposal)?;
        Ok(self.inner.render(&assessment, format, &options))
    }
}

impl Ruleset {
    /// Assesses a JavaScript value: JSON text as it is, any other value through
    /// `JSON.stringify`, by the core's JSON decoder.
    fn assess_any(&self, proposal: &JsValue) -> Result<Assessment<'_>, JsValue> {
        let text = proposal_text(proposal)?;
        self.inner
            .assess_json(&text)
            .map_err(|e| error::proposal(&e))
    }

    /// The core ruleset (for Rust code that uses this crate as a library).
    pub fn core(&self) -> &sociale_bril::Ruleset {
        &self.inner
    }
}
