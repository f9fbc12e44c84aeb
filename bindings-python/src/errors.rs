//! Core errors as Python exceptions.
//!
//! The exception classes are defined in Python (`sociale_bril/_errors.py`, so that they have
//! readable source, docstrings and pickling); this module makes instances of them from the core's
//! error values, passing the problems as a list of dicts.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};
use sociale_bril::{ProposalError, RulesetError};

use crate::output::{Strings, ToPy, to_out};

static PROPOSAL_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static RULESET_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static BASE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The base class of the package's exceptions, `SocialeBrilError`.
pub(crate) fn base_class(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    class(py, &BASE_ERROR, "SocialeBrilError")
}

fn class<'py>(
    py: Python<'py>,
    cell: &'static PyOnceLock<Py<PyType>>,
    name: &str,
) -> PyResult<Bound<'py, PyType>> {
    cell.get_or_try_init(py, || {
        py.import("sociale_bril._errors")?
            .getattr(name)?
            .cast_into::<PyType>()
            .map(Bound::unbind)
            .map_err(PyErr::from)
    })
    .map(|c| c.bind(py).clone())
}

/// A `ProposalError` exception object for a core error; `index` is the position of the proposal
/// in an `assess_many` run.
pub(crate) fn proposal_error(
    py: Python<'_>,
    strings: &Strings,
    err: &ProposalError,
    index: Option<u64>,
) -> PyErr {
    match make_proposal_error(py, strings, err, index) {
        Ok(e) => e,
        Err(e) => e,
    }
}

fn make_proposal_error(
    py: Python<'_>,
    strings: &Strings,
    err: &ProposalError,
    index: Option<u64>,
) -> PyResult<PyErr> {
    let cls = class(py, &PROPOSAL_ERROR, "ProposalError")?;
    let issues =
        to_out(strings, &err.issues).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    let issues = ToPy::new().convert(py, strings, issues)?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("issues", issues)?;
    kwargs.set_item("index", index)?;
    let exc = cls.call((err.to_string(),), Some(&kwargs))?;
    Ok(PyErr::from_value(exc))
}

/// A `RulesetError` exception object for a core error.
pub(crate) fn ruleset_error(py: Python<'_>, err: &RulesetError) -> PyErr {
    match make_ruleset_error(py, err) {
        Ok(e) => e,
        Err(e) => e,
    }
}

fn make_ruleset_error(py: Python<'_>, err: &RulesetError) -> PyResult<PyErr> {
    let cls = class(py, &RULESET_ERROR, "RulesetError")?;
    let none = Strings::empty();
    let issues = match err {
        RulesetError::Io { path, message } => {
            // The core lists no problems for an I/O error; give one, so that `issues[0]` and the
            // attributes work the same for every ruleset error.
            let issue = PyDict::new(py);
            issue.set_item("code", "io")?;
            issue.set_item("message", format!("cannot read {path}: {message}"))?;
            let location = PyDict::new(py);
            location.set_item("file", path)?;
            location.set_item("path", "")?;
            issue.set_item("location", location)?;
            pyo3::types::PyList::new(py, [issue])?.into_any()
        }
        other => {
            let out = to_out(&none, other.issues())
                .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
            ToPy::new().convert(py, &none, out)?
        }
    };
    let kwargs = PyDict::new(py);
    kwargs.set_item("issues", issues)?;
    let exc = cls.call((err.to_string(),), Some(&kwargs))?;
    Ok(PyErr::from_value(exc))
}
