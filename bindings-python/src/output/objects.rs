//! Python objects from [`Out`]s, with the GIL: dicts, lists, strings and numbers. Dicts of one
//! shape (the same shared keys) start as copies of a template, which is faster than setting
//! each key.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use sociale_bril::hash::FxMap;

use super::ser::{Op, Out};
use super::strings::Strings;

/// A dict template: the keys of a shape (as shared-string indices) and a dict with those keys,
/// all set to `None`.
struct Template {
    keys: Arc<[u32]>,
    dict: Py<PyDict>,
}

/// A container being filled.
enum Frame<'py> {
    List(Bound<'py, PyList>),
    Dict(DictFrame<'py>),
}

/// A dict key: a shared string (used borrowed) or one made for this result.
enum Key<'py> {
    Shared(u32),
    Made(Bound<'py, PyString>),
}

/// A dict being filled.
struct DictFrame<'py> {
    dict: Bound<'py, PyDict>,
    /// The key of the next value.
    key: Option<Key<'py>>,
    shape: u64,
    /// The template's keys, when the dict started as a copy of one.
    template: Option<Arc<[u32]>>,
    /// How many of the template's keys have been set, in order.
    pos: usize,
    /// The keys set so far, when this dict will become a template.
    record: Option<Vec<u32>>,
}

/// Turns [`Out`]s into Python objects. Keeps the dict templates it made for the next result.
pub(crate) struct ToPy {
    templates: FxMap<u64, Template>,
}

/// Most dict templates kept.
const MAX_TEMPLATES: usize = 256;

fn internal(msg: &str) -> PyErr {
    pyo3::exceptions::PyRuntimeError::new_err(format!("sociale_bril: malformed result ({msg})"))
}

impl ToPy {
    pub(crate) fn new() -> Self {
        ToPy {
            templates: FxMap::default(),
        }
    }

    /// Makes the Python object of a result.
    pub(crate) fn convert<'py>(
        &mut self,
        py: Python<'py>,
        strings: &Strings,
        out: Out,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut stack: Vec<Frame<'py>> = Vec::with_capacity(8);
        for op in &out.ops {
            // A shared string is used as it is, borrowed; anything else is made here.
            let made: Bound<'py, PyAny>;
            let value: &Bound<'py, PyAny> = match *op {
                Op::Shared(i) => shared_ref(py, strings, i)?.as_any(),
                Op::KeyShared(i) => {
                    self.set_key(py, strings, &mut stack, Key::Shared(i))?;
                    continue;
                }
                Op::KeyStr(start, len) => {
                    let k = PyString::new(py, out.get(start, len));
                    self.set_key(py, strings, &mut stack, Key::Made(k))?;
                    continue;
                }
                Op::List => {
                    stack.push(Frame::List(PyList::empty(py)));
                    continue;
                }
                Op::Dict(shape) => {
                    let (dict, template, record) = match self.templates.get(&shape) {
                        Some(t) if shape != 0 => {
                            (t.dict.bind(py).copy()?, Some(Arc::clone(&t.keys)), None)
                        }
                        _ if shape != 0 && self.templates.len() < MAX_TEMPLATES => {
                            (PyDict::new(py), None, Some(Vec::with_capacity(16)))
                        }
                        _ => (PyDict::new(py), None, None),
                    };
                    stack.push(Frame::Dict(DictFrame {
                        dict,
                        key: None,
                        shape,
                        template,
                        pos: 0,
                        record,
                    }));
                    continue;
                }
                Op::End => {
                    made = match stack.pop() {
                        Some(Frame::List(list)) => list.into_any(),
                        Some(Frame::Dict(frame)) => self.end_dict(py, strings, frame)?.into_any(),
                        None => return Err(internal("unbalanced end")),
                    };
                    &made
                }
                Op::Null => {
                    made = py.None().into_bound(py);
                    &made
                }
                Op::Bool(b) => {
                    made = pyo3::types::PyBool::new(py, b).to_owned().into_any();
                    &made
                }
                Op::I64(i) => {
                    made = i.into_pyobject(py)?.into_any();
                    &made
                }
                Op::U64(u) => {
                    made = u.into_pyobject(py)?.into_any();
                    &made
                }
                Op::F64(f) => {
                    made = f.into_pyobject(py)?.into_any();
                    &made
                }
                Op::Str(start, len) => {
                    made = PyString::new(py, out.get(start, len)).into_any();
                    &made
                }
            };
            match stack.last_mut() {
                None => return Ok(value.clone()),
                Some(Frame::List(list)) => list.append(value)?,
                Some(Frame::Dict(DictFrame { dict, key, .. })) => match key.take() {
                    Some(Key::Shared(i)) => dict.set_item(shared_ref(py, strings, i)?, value)?,
                    Some(Key::Made(k)) => dict.set_item(k, value)?,
                    None => return Err(internal("a value without a key")),
                },
            }
        }
        Err(internal("no value"))
    }

    /// Records the key of the next value of the innermost dict.
    fn set_key<'py>(
        &mut self,
        py: Python<'py>,
        strings: &Strings,
        stack: &mut [Frame<'py>],
        k: Key<'py>,
    ) -> PyResult<()> {
        let id = match &k {
            Key::Shared(i) => Some(*i),
            Key::Made(_) => None,
        };
        let Some(Frame::Dict(DictFrame {
            dict,
            key,
            template,
            pos,
            record,
            ..
        })) = stack.last_mut()
        else {
            return Err(internal("a key outside a dict"));
        };
        if let Some(t) = template {
            if id.is_some() && t.get(*pos).copied() == id {
                *pos += 1;
            } else {
                // Not the template's keys after all (never seen, but cheap to get right):
                // keep the values set so far in a plain dict.
                *dict = keep_first(py, strings, dict, t, *pos)?;
                *template = None;
            }
        } else if let Some(r) = record {
            match id {
                Some(id) => r.push(id),
                None => *record = None,
            }
        }
        *key = Some(k);
        Ok(())
    }

    fn end_dict<'py>(
        &mut self,
        py: Python<'py>,
        strings: &Strings,
        frame: DictFrame<'py>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let DictFrame {
            dict,
            shape,
            template,
            pos,
            record,
            ..
        } = frame;
        if let Some(t) = template {
            if pos == t.len() {
                return Ok(dict);
            }
            // Fewer keys than the template: keep only those set.
            return keep_first(py, strings, &dict, &t, pos);
        }
        if let Some(keys) = record {
            if self.templates.len() < MAX_TEMPLATES && !self.templates.contains_key(&shape) {
                let t = PyDict::new(py);
                for i in &keys {
                    t.set_item(shared(py, strings, *i)?, py.None())?;
                }
                self.templates.insert(
                    shape,
                    Template {
                        keys: keys.into(),
                        dict: t.unbind(),
                    },
                );
            }
        }
        Ok(dict)
    }
}

/// A plain dict with the values of the first `n` keys of a template.
fn keep_first<'py>(
    py: Python<'py>,
    strings: &Strings,
    dict: &Bound<'py, PyDict>,
    keys: &[u32],
    n: usize,
) -> PyResult<Bound<'py, PyDict>> {
    let fresh = PyDict::new(py);
    for i in keys.iter().take(n) {
        let k = shared(py, strings, *i)?;
        if let Some(v) = dict.get_item(&k)? {
            fresh.set_item(k, v)?;
        }
    }
    Ok(fresh)
}

fn shared<'py>(py: Python<'py>, strings: &Strings, i: u32) -> PyResult<Bound<'py, PyString>> {
    shared_ref(py, strings, i).cloned()
}

/// A shared string, borrowed (no reference count change).
fn shared_ref<'a, 'py>(
    py: Python<'py>,
    strings: &'a Strings,
    i: u32,
) -> PyResult<&'a Bound<'py, PyString>> {
    strings
        .object(i)
        .map(|s| s.bind(py))
        .ok_or_else(|| internal("shared string out of range"))
}
