//! Python bindings of the `sociale-bril` core: the native module `sociale_bril._native`.
//!
//! The binding converts values and maps errors; every rule and every score comes from the core.
//! Proposals are read from Python objects through a serde `Deserializer` ([`input`]); results are
//! written as Python objects through a serde `Serializer` ([`output`]); `assess_many` runs the core
//! on worker threads with the GIL released ([`many`]). `to_frame` gets the core's results table
//! ([`frame`]), reading each assessment in place ([`lazy`]). The Python package around this module (`python/sociale_bril`)
//! adds the exception classes, type stubs and the DataFrame helper.

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod errors;
mod frame;
mod input;
mod lazy;
mod many;
mod output;

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyByteArray, PyBytes, PyString};
use serde::Deserialize;
use sociale_bril::limits::MAX_PROPOSAL_BYTES;
use sociale_bril::schema::SchemaKind;
use sociale_bril::table::{NumberStyle, ProposalColumns, TableOptions};
use sociale_bril::{
    Assessment, Lang, OutputFormat, ProposalError, ProposalIssue, RenderOptions, Ruleset,
};

use crate::input::{Node, NodeDe, TooLarge};
use crate::output::{Out, Strings, ToPy, shared_strings, to_out, to_out_sized};

/// A compiled ruleset and its strings as Python objects; shared by the `Ruleset` object, its
/// clones and the worker threads of `assess_many`.
pub(crate) struct Shared {
    pub rs: Ruleset,
    pub strings: Strings,
    /// The converter of single results (`assess_many` has its own).
    to_py: Mutex<ToPy>,
}

impl Shared {
    fn new(py: Python<'_>, rs: Ruleset) -> Arc<Shared> {
        let strings = shared_strings(py, &[rs.doc()], result_keys(&rs));
        Arc::new(Shared {
            rs,
            strings,
            to_py: Mutex::new(ToPy::new()),
        })
    }
}

/// The dict keys and fixed short values that results use: the property names and enum values
/// of the assessment and questions schemas, the keys of error issues, the item ids, and the
/// names under which conditions report what they read (`context.FIELD`, `answer(ITEM)`).
fn result_keys(rs: &Ruleset) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    if k == "properties" {
                        if let serde_json::Value::Object(props) = x {
                            out.extend(props.keys().cloned());
                        }
                    }
                    if k == "enum" || k == "const" {
                        for s in x.as_array().into_iter().flatten().chain(Some(x)) {
                            if let Some(s) = s.as_str() {
                                out.push(s.to_string());
                            }
                        }
                    }
                    walk(x, out);
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for kind in [SchemaKind::Assessment, SchemaKind::Questions] {
        walk(&sociale_bril::schema::schema(kind), &mut out);
    }
    out.extend(
        [
            "code",
            "message",
            "help",
            "pointer",
            "line",
            "column",
            "item",
            "location",
            "file",
            "path",
            "rule",
            "true",
            "false",
            "unknown",
            "unanswered",
            "not_applicable",
            "incomplete",
        ]
        .map(String::from),
    );
    out.extend(rs.item_ids().iter().cloned());
    out.extend(rs.item_ids().iter().map(|i| format!("answer({i})")));
    out.extend(rs.doc().context.iter().map(|f| format!("context.{}", f.id)));
    out
}

/// A proposal as given, copied out of Python so that it can be decoded without the GIL.
pub(crate) enum Input {
    /// JSON text.
    Json(String),
    /// A Python value.
    Tree(Node),
    /// A row of a table: its line (the header is line 1) and its cells, read by the columns.
    Row(Arc<ProposalColumns>, u64, Vec<String>),
    /// Refused before decoding (too large, not text).
    Failed(ProposalError),
}

fn text_error(code: &'static str, message: String) -> ProposalError {
    ProposalError::from(ProposalIssue::new(code, "", message))
}

/// Copies a row of a table (a sequence of cells) out of Python: text as it is, `None` and NaN
/// as an empty cell, any other value as its `str()`.
pub(crate) fn row_input(
    columns: &Arc<ProposalColumns>,
    line: u64,
    obj: &Bound<'_, PyAny>,
) -> Input {
    let cells = match row_cells(obj) {
        Ok(cells) => cells,
        Err(message) => {
            let issue = ProposalIssue::new("proposal-type", "", message)
                .with_help("give each row as a sequence of cells, e.g. a tuple of str")
                .with_position(u32::try_from(line).unwrap_or(u32::MAX), 1);
            return Input::Failed(ProposalError::from(issue));
        }
    };
    if cells.iter().map(String::len).sum::<usize>() > MAX_PROPOSAL_BYTES {
        return Input::Failed(TooLarge::error());
    }
    Input::Row(Arc::clone(columns), line, cells)
}

fn row_cells(obj: &Bound<'_, PyAny>) -> Result<Vec<String>, String> {
    if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyBytes>() {
        return Err("a row is a sequence of cells, not text".into());
    }
    let items = obj.try_iter().map_err(|_| {
        format!(
            "a row is a sequence of cells, not `{}`",
            obj.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        )
    })?;
    let mut cells = Vec::new();
    for item in items {
        let item = item.map_err(|e| e.to_string())?;
        let cell = if item.is_none() {
            String::new()
        } else if let Ok(s) = item.cast::<PyString>() {
            s.to_cow().map_err(|e| e.to_string())?.into_owned()
        } else if item.extract::<f64>().is_ok_and(f64::is_nan) {
            String::new()
        } else {
            item.str()
                .map_err(|e| e.to_string())?
                .to_cow()
                .map_err(|e| e.to_string())?
                .into_owned()
        };
        cells.push(cell);
    }
    Ok(cells)
}

/// Copies a proposal (a dict or other mapping, or JSON as `str` or `bytes`) out of Python.
pub(crate) fn input(obj: &Bound<'_, PyAny>) -> Input {
    if let Ok(s) = obj.cast::<PyString>() {
        if s.len().unwrap_or(0) > MAX_PROPOSAL_BYTES {
            return Input::Failed(TooLarge::error());
        }
        return match s.to_cow() {
            Ok(text) => Input::Json(text.into_owned()),
            Err(_) => Input::Failed(text_error(
                "json-syntax",
                "the text is not valid Unicode (it holds a lone surrogate)".into(),
            )),
        };
    }
    let bytes = if let Ok(b) = obj.cast::<PyBytes>() {
        Some(b.as_bytes().to_vec())
    } else if let Ok(b) = obj.cast::<PyByteArray>() {
        Some(b.to_vec())
    } else {
        None
    };
    if let Some(bytes) = bytes {
        if bytes.len() > MAX_PROPOSAL_BYTES {
            return Input::Failed(TooLarge::error());
        }
        return match String::from_utf8(bytes) {
            Ok(text) => Input::Json(text),
            Err(e) => Input::Failed(text_error(
                "json-syntax",
                format!(
                    "the text is not UTF-8 (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            )),
        };
    }
    match input::to_node(obj) {
        Ok(node) => Input::Tree(node),
        Err(TooLarge) => Input::Failed(TooLarge::error()),
    }
}

/// Assesses one proposal (no Python involved: callable without the GIL).
pub(crate) fn run<'r>(rs: &'r Ruleset, input: &Input) -> Result<Assessment<'r>, ProposalError> {
    match input {
        Input::Json(text) => rs.assess_json(text),
        Input::Tree(node) => rs.assess_from(NodeDe { node }),
        Input::Row(columns, line, cells) => rs.assess_value(&columns.read(*line, cells)?),
        Input::Failed(e) => Err(e.clone()),
    }
}

/// How much of an assessment to return.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Detail {
    /// The whole assessment.
    Full,
    /// `Assessment::summary`: scores, ratings and the ids of signals, gaps and improvements.
    Summary,
}

impl Detail {
    fn parse(s: &str) -> PyResult<Detail> {
        match s {
            "full" => Ok(Detail::Full),
            "summary" => Ok(Detail::Summary),
            other => Err(PyValueError::new_err(format!(
                "detail must be \"full\" or \"summary\", not {other:?}"
            ))),
        }
    }
}

/// Serializes an assessment, whole or as its summary.
pub(crate) fn assessment_out(
    strings: &Strings,
    a: &Assessment<'_>,
    detail: Detail,
) -> Result<Out, output::SerError> {
    // About 60 operations per item for the whole assessment; a summary is a few hundred.
    match detail {
        Detail::Full => to_out_sized(strings, a, 64 * a.items.len() + 512),
        Detail::Summary => to_out_sized(strings, &a.summary(), 512),
    }
}

fn lang(s: &str) -> PyResult<Lang> {
    s.parse::<Lang>().map_err(PyValueError::new_err)
}

fn numbers(s: &str) -> PyResult<NumberStyle> {
    s.parse::<NumberStyle>().map_err(PyValueError::new_err)
}

fn serialize_error(e: output::SerError) -> PyErr {
    PyRuntimeError::new_err(format!("cannot convert the result: {e}"))
}

/// Converts any serializable value of (or borrowed from) the ruleset into Python objects.
fn to_python<'py, T: serde::Serialize + ?Sized>(
    py: Python<'py>,
    shared: &Shared,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let out: Out = to_out(&shared.strings, value).map_err(serialize_error)?;
    convert(py, shared, out)
}

/// Makes the Python object of a result with the ruleset's converter.
fn convert<'py>(py: Python<'py>, shared: &Shared, out: Out) -> PyResult<Bound<'py, PyAny>> {
    // The converter keeps what it made for the next call. It is only busy if this thread
    // re-entered (a finalizer run by the garbage collector during a conversion) or another
    // thread got the GIL meanwhile; then a fresh one does.
    match shared.to_py.try_lock() {
        Ok(mut to_py) => to_py.convert(py, &shared.strings, out),
        Err(_) => ToPy::new().convert(py, &shared.strings, out),
    }
}

static DEFAULT: PyOnceLock<Arc<Shared>> = PyOnceLock::new();

/// A validated, compiled ruleset. Immutable; safe to share between threads; pickles by its JSON
/// form.
#[pyclass(frozen, name = "Ruleset", module = "sociale_bril._native")]
pub(crate) struct PyRuleset {
    shared: Arc<Shared>,
}

impl PyRuleset {
    fn wrap(py: Python<'_>, result: Result<Ruleset, sociale_bril::RulesetError>) -> PyResult<Self> {
        match result {
            Ok(rs) => Ok(PyRuleset {
                shared: Shared::new(py, rs),
            }),
            Err(e) => Err(errors::ruleset_error(py, &e)),
        }
    }

    fn assess_input<'py>(
        &self,
        py: Python<'py>,
        input: &Input,
        detail: Detail,
    ) -> PyResult<Bound<'py, PyAny>> {
        let shared = &*self.shared;
        match run(&shared.rs, input) {
            Ok(a) => {
                let out = assessment_out(&shared.strings, &a, detail).map_err(serialize_error)?;
                convert(py, shared, out)
            }
            Err(e) => Err(errors::proposal_error(py, &shared.strings, &e, None)),
        }
    }
}

#[pymethods]
impl PyRuleset {
    /// The default `sociale-bril` ruleset, built into the package.
    #[staticmethod]
    fn default(py: Python<'_>) -> PyResult<Self> {
        let shared = DEFAULT.get_or_try_init(py, || match Ruleset::default() {
            Ok(rs) => Ok(Shared::new(py, rs)),
            Err(e) => Err(errors::ruleset_error(py, &e)),
        })?;
        Ok(PyRuleset {
            shared: Arc::clone(shared),
        })
    }

    /// Loads a ruleset: a folder of TOML files, one TOML file, or a JSON ruleset (`.json`).
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let result = py.detach(|| Ruleset::load(&path));
        Self::wrap(py, result)
    }

    /// Compiles a ruleset from its JSON form (see `to_json`).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: Cow<'_, str>) -> PyResult<Self> {
        Self::wrap(py, Ruleset::from_json(&text))
    }

    /// The ruleset's id, e.g. `sociale-bril`.
    #[getter]
    fn id(&self) -> &str {
        self.shared.rs.id()
    }

    /// The ruleset's version (semver).
    #[getter]
    fn version(&self) -> &str {
        self.shared.rs.version()
    }

    /// The content hash: `sha256:` and the hex digest of the canonical JSON form.
    #[getter]
    fn hash(&self) -> &str {
        self.shared.rs.hash()
    }

    /// The item ids, in ruleset order.
    #[getter]
    fn item_ids(&self) -> Vec<&str> {
        self.shared
            .rs
            .item_ids()
            .iter()
            .map(String::as_str)
            .collect()
    }

    /// The ruleset as one JSON document; `Ruleset.from_json` gives the same ruleset back.
    fn to_json(&self) -> String {
        self.shared.rs.to_json()
    }

    /// Assesses one proposal: a dict (or other mapping), or JSON text (`str` or `bytes`).
    /// `detail="summary"` returns the summary (scores, ratings and the ids of signals, gaps and
    /// improvements) instead of the whole assessment.
    #[pyo3(
        signature = (proposal, *, detail = String::from("full")),
        text_signature = "(self, proposal, *, detail='full')"
    )]
    fn assess<'py>(
        &self,
        py: Python<'py>,
        proposal: &Bound<'py, PyAny>,
        detail: String,
    ) -> PyResult<Bound<'py, PyAny>> {
        let detail = Detail::parse(&detail)?;
        self.assess_input(py, &input(proposal), detail)
    }

    /// Assesses every proposal of an iterable, in parallel, yielding the assessments in order.
    /// With `columns` (a table's header), each proposal is a row of that table: a sequence of
    /// cells, read as `sociale-bril batch` reads a CSV row (numbers in the `numbers` style); the
    /// n-th row (from 0) is line n + 2, the header being line 1.
    #[pyo3(
        signature = (proposals, *, jobs = None, errors = String::from("raise"), detail = String::from("full"), columns = None, numbers = String::from("auto")),
        text_signature = "(self, proposals, *, jobs=None, errors='raise', detail='full', columns=None, numbers='auto')"
    )]
    #[allow(clippy::too_many_arguments)]
    fn assess_many(
        &self,
        py: Python<'_>,
        proposals: &Bound<'_, PyAny>,
        jobs: Option<i64>,
        errors: String,
        detail: String,
        columns: Option<Vec<String>>,
        numbers: String,
    ) -> PyResult<many::AssessmentIterator> {
        let detail = Detail::parse(&detail)?;
        let table = TableOptions::new(self::numbers(&numbers)?);
        let columns = match columns {
            None => None,
            Some(header) => match self.shared.rs.proposal_columns(&header, table) {
                Ok(c) => Some(Arc::new(c)),
                Err(e) => return Err(errors::proposal_error(py, &self.shared.strings, &e, None)),
            },
        };
        let return_errors = match errors.as_str() {
            "raise" => false,
            "return" => true,
            other => {
                return Err(PyValueError::new_err(format!(
                    "errors must be \"raise\" or \"return\", not {other:?}"
                )));
            }
        };
        let jobs = match jobs {
            Some(n) if n < 1 => {
                return Err(PyValueError::new_err(format!(
                    "jobs must be at least 1, not {n}"
                )));
            }
            Some(n) => usize::try_from(n).map_or(many::MAX_JOBS, |n| n.min(many::MAX_JOBS)),
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        many::AssessmentIterator::start(
            Arc::clone(&self.shared),
            proposals.try_iter()?,
            many::Options {
                jobs,
                return_errors,
                detail,
                columns,
            },
        )
    }

    /// The checklist structure in a language (`"nl"` or `"en"`).
    #[pyo3(signature = (lang = String::from("nl")), text_signature = "(self, lang='nl')")]
    fn questions<'py>(&self, py: Python<'py>, lang: String) -> PyResult<Bound<'py, PyAny>> {
        let lang = self::lang(&lang)?;
        let shared = &*self.shared;
        to_python(py, shared, &shared.rs.questions(lang))
    }

    /// The JSON Schema of a proposal for this ruleset (with its item ids and answer tokens).
    fn proposal_schema<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let shared = &*self.shared;
        to_python(py, shared, &shared.rs.proposal_schema())
    }

    /// A proposal's assessment as text in an output format of the core: a `"markdown"` or
    /// `"html"` report (the default: Markdown), `"json"`, `"canonical"`, `"summary"` or
    /// `"row"` (one CSV row of the results table).
    #[pyo3(
        signature = (proposal, format = String::from("markdown"), lang = String::from("nl")),
        text_signature = "(self, proposal, format='markdown', lang='nl')"
    )]
    fn report(
        &self,
        py: Python<'_>,
        proposal: &Bound<'_, PyAny>,
        format: String,
        lang: String,
    ) -> PyResult<String> {
        let options = RenderOptions::new(self::lang(&lang)?);
        let format: OutputFormat = format.parse().map_err(PyValueError::new_err)?;
        let shared = &*self.shared;
        match run(&shared.rs, &input(proposal)) {
            Ok(a) => Ok(shared.rs.render(&a, format, &options)),
            Err(e) => Err(errors::proposal_error(py, &shared.strings, &e, None)),
        }
    }

    /// The proposal in canonical form: context options and answer tokens by their canonical
    /// ids (aliases such as `ja` resolved, choices in option order), notes kept, `None`s left
    /// out. Raises `ProposalError` as `assess` does.
    fn normalize<'py>(
        &self,
        py: Python<'py>,
        proposal: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let shared = &*self.shared;
        let normal = match input(proposal) {
            Input::Json(text) => shared.rs.normalize_json(&text),
            Input::Tree(node) => serde_json::Value::deserialize(NodeDe { node: &node })
                .map_err(|e| ProposalError::from(e.into_issue()))
                .and_then(|v| shared.rs.normalize_value(&v)),
            Input::Row(..) => unreachable_row(),
            Input::Failed(e) => Err(e),
        };
        match normal {
            Ok(p) => to_python(py, shared, &p),
            Err(e) => Err(errors::proposal_error(py, &shared.strings, &e, None)),
        }
    }

    /// A row of a table read into a proposal (a dict), as `sociale-bril batch` reads a CSV
    /// row: `columns` is the table's header, `cells` the row, `line` its line (for problems,
    /// which name line and column), `numbers` how numbers are written (`"auto"`, `"nl"`,
    /// `"en"`). Raises `ProposalError` for an unknown column or a cell that cannot be read.
    #[pyo3(
        signature = (columns, cells, *, line = 2, numbers = String::from("auto")),
        text_signature = "(self, columns, cells, *, line=2, numbers='auto')"
    )]
    fn proposal_from_row<'py>(
        &self,
        py: Python<'py>,
        columns: Vec<String>,
        cells: &Bound<'py, PyAny>,
        line: u64,
        numbers: String,
    ) -> PyResult<Bound<'py, PyAny>> {
        let shared = &*self.shared;
        let table = TableOptions::new(self::numbers(&numbers)?);
        let read = shared.rs.proposal_columns(&columns, table).and_then(|c| {
            match row_input(&Arc::new(c), line, cells) {
                Input::Row(c, line, cells) => c.read(line, &cells),
                Input::Failed(e) => Err(e),
                _ => unreachable_row(),
            }
        });
        match read {
            Ok(p) => to_python(py, shared, &p),
            Err(e) => Err(errors::proposal_error(py, &shared.strings, &e, None)),
        }
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let f = py
            .import("sociale_bril._native")?
            .getattr("_ruleset_from_json")?;
        Ok((f, (self.shared.rs.to_json(),)))
    }

    fn __copy__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, _memo: &Bound<'py, PyAny>) -> PyRef<'py, Self> {
        slf
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<PyRuleset>() {
            Ok(o) => o.get().shared.rs.hash() == self.shared.rs.hash(),
            Err(_) => false,
        }
    }

    fn __hash__(&self) -> u64 {
        let h = self.shared.rs.hash();
        let hex = h.strip_prefix("sha256:").unwrap_or(h);
        hex.get(..15)
            .and_then(|s| u64::from_str_radix(s, 16).ok())
            .unwrap_or(0)
    }

    fn __repr__(&self) -> String {
        let rs = &self.shared.rs;
        let hash = rs.hash();
        format!(
            "<Ruleset {} {} {}… ({} items)>",
            rs.id(),
            rs.version(),
            hash.get(..19).unwrap_or(hash),
            rs.item_ids().len()
        )
    }
}

/// Unpickles a ruleset (the target of `Ruleset.__reduce__`).
#[pyfunction]
fn _ruleset_from_json(py: Python<'_>, text: Cow<'_, str>) -> PyResult<PyRuleset> {
    PyRuleset::wrap(py, Ruleset::from_json(&text))
}

/// The other kinds of input never come where a single proposal or row is read.
fn unreachable_row<T>() -> Result<T, ProposalError> {
    Err(ProposalError::from(ProposalIssue::new(
        "internal",
        "",
        "a row was given where a proposal was expected",
    )))
}

/// A number written as people write it (`"2.500,50"`, `"2,500.50"`, `"2500"`), read in the
/// `numbers` style: `"auto"` (either; an ambiguous one such as `"2.500"` is refused), `"nl"` or
/// `"en"`. Raises `ProposalError` with the column of the problem.
#[pyfunction]
#[pyo3(signature = (text, numbers = "auto"), text_signature = "(text, numbers='auto')")]
fn parse_number(py: Python<'_>, text: &str, numbers: &str) -> PyResult<f64> {
    let style = self::numbers(numbers)?;
    sociale_bril::table::parse_number(text, style).map_err(|e| {
        let err = ProposalError::from(e.issue());
        errors::proposal_error(py, &Strings::empty(), &err, None)
    })
}

/// The generic JSON Schema of `kind`: `"proposal"`, `"ruleset"`, `"assessment"` or `"questions"`.
#[pyfunction]
fn schema<'py>(py: Python<'py>, kind: Cow<'_, str>) -> PyResult<Bound<'py, PyAny>> {
    let kind: SchemaKind = kind.parse().map_err(PyValueError::new_err)?;
    let strings = Strings::empty();
    let out = to_out(&strings, &sociale_bril::schema::schema(kind)).map_err(serialize_error)?;
    ToPy::new().convert(py, &strings, out)
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyRuleset>()?;
    m.add_class::<many::AssessmentIterator>()?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(parse_number, m)?)?;
    m.add_function(wrap_pyfunction!(frame::_result_table, m)?)?;
    m.add_function(wrap_pyfunction!(_ruleset_from_json, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
