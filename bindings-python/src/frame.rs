//! The table of `to_frame`: the core's results columns and, per assessment (or summary, or
//! exception), the core's row, gathered column by column for pandas. The binding only moves
//! values: which columns there are and what each cell holds is the core's
//! ([`sociale_bril::table`]).

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyMapping, PyString};
use serde::Deserialize;
use sociale_bril::hash::FxMap;
use sociale_bril::model::proposal::ProposalId;
use sociale_bril::table::{Cell, NumberStyle, ResultColumns, ResultRow};

use crate::errors;
use crate::lazy::{PyDe, Texts};

/// The columns of a results table: (name, kind) pairs, kind `text`, `number`, `count` or `ids`.
type Columns = Vec<(String, &'static str)>;

/// The columns (name and kind) and the data (column → list of values) of the results of an
/// iterable of assessments, summaries and `SocialeBrilError`s.
#[pyfunction]
pub(crate) fn _result_table<'py>(
    py: Python<'py>,
    results: &Bound<'py, PyAny>,
) -> PyResult<(Columns, Bound<'py, PyDict>)> {
    let error_class = errors::base_class(py)?;
    let mut rows = Vec::new();
    let mut themes: Vec<String> = Vec::new();
    let texts = Texts::default();
    for item in results.try_iter()? {
        let item = item?;
        let row = if item.is_instance(&error_class)? {
            let message = item.str()?.to_cow()?.into_owned();
            let code: Option<String> = item.getattr("code")?.extract()?;
            ResultRow::error(&message, code.as_deref().unwrap_or(""))
        } else if item.is_instance_of::<PyDict>() || item.cast::<PyMapping>().is_ok() {
            ResultRow::deserialize(PyDe {
                obj: &item,
                texts: &texts,
            })
            .map_err(|e| {
                PyTypeError::new_err(format!(
                    "to_frame expects assessments or summaries (dicts): {}",
                    e.issue().message
                ))
            })?
        } else {
            let name = item.get_type().name()?.to_cow()?.into_owned();
            return Err(PyTypeError::new_err(format!(
                "to_frame expects assessments (dicts) or SocialeBrilError objects, not {name}"
            )));
        };
        for (t, _) in &row.themes {
            if !themes.contains(t) {
                themes.push(t.clone());
            }
        }
        rows.push(row);
    }
    let columns = ResultColumns::new(&themes);
    let lists: Vec<Bound<'py, PyList>> = columns
        .columns()
        .iter()
        .map(|_| PyList::empty(py))
        .collect();
    // Ratings and ids repeat from row to row: one `str` object each.
    let mut made: FxMap<String, Bound<'py, PyString>> = FxMap::default();
    for row in &rows {
        for (list, cell) in lists.iter().zip(columns.cells(None, row)) {
            match &cell {
                Cell::Text(t) if t.len() <= 64 => {
                    let s = match made.get(t.as_ref()) {
                        Some(s) => s.clone(),
                        None => {
                            let s = PyString::new(py, t);
                            if made.len() < 4096 {
                                made.insert(t.to_string(), s.clone());
                            }
                            s
                        }
                    };
                    list.append(s)?;
                }
                other => list.append(value(py, other)?)?,
            }
        }
    }
    let data = PyDict::new(py);
    let mut names = Vec::with_capacity(lists.len());
    for (column, list) in columns.columns().iter().zip(lists) {
        data.set_item(column.name(), list)?;
        names.push((column.name().to_string(), column.kind().name()));
    }
    Ok((names, data))
}

/// A cell as a Python value: numbers as `float` or `int`, an id as it was given, ids joined
/// by `;`, nothing as `None`.
fn value<'py>(py: Python<'py>, cell: &Cell<'_>) -> PyResult<Bound<'py, PyAny>> {
    Ok(match cell {
        Cell::Number(x) => x.into_pyobject(py)?.into_any(),
        Cell::Count(n) => n.into_pyobject(py)?.into_any(),
        Cell::Id(ProposalId::Number(n)) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (_, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Cell::Empty => py.None().into_bound(py),
        other => PyString::new(py, &other.text(NumberStyle::Auto)).into_any(),
    })
}
