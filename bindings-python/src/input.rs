//! Proposals from Python objects.
//!
//! A Python value is first copied into a [`Node`] tree (with the GIL held), then read by the
//! core's decoder through [`NodeDe`], a serde `Deserializer` — so the same tree can be decoded
//! with the GIL released, on another thread. Nothing is turned into JSON text on the way.
//!
//! The copy is total: a value that has no JSON meaning (a set is accepted as a list; a `bytes`
//! value, a `datetime`, a dict with an `int` key, a string with a lone surrogate, nesting that is
//! too deep) becomes an [`Invalid`] node, and the decoder reports it as a problem at its JSON
//! pointer, alongside every other problem it finds. Only a proposal that is too large stops the
//! copy early.

use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyFrozenSet, PyInt, PyList, PyMapping, PySet,
    PyString, PyTuple,
};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use sociale_bril::error::{InputError, pointer_segment};
use sociale_bril::limits::{MAX_PROPOSAL_BYTES, MAX_PROPOSAL_DEPTH};
use sociale_bril::{ProposalError, ProposalIssue};

/// A proposal value, copied out of Python.
#[derive(Debug)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Result<String, Invalid>, Node)>),
    /// A value with no JSON meaning; decoding fails on it with this problem.
    Invalid(Invalid),
}

/// A problem found while copying a Python value, at its JSON pointer.
type Invalid = Box<ProposalIssue>;

/// Where a value is, as a chain of parents on the stack; turned into a JSON pointer only when a
/// problem is found.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    fn pointer(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Key(parent, k) => format!("{}/{}", parent.pointer(), pointer_segment(k)),
            Path::Index(parent, i) => format!("{}/{i}", parent.pointer()),
        }
    }
}

/// The proposal is over the size limit; the copy stops.
pub(crate) struct TooLarge;

impl TooLarge {
    pub(crate) fn error() -> ProposalError {
        ProposalError::from(
            ProposalIssue::new(
                "limit-exceeded",
                "",
                format!(
                    "the proposal is larger than {MAX_PROPOSAL_BYTES} bytes (counted as JSON text)"
                ),
            )
            .with_help("shorten notes and texts"),
        )
    }
}

/// Copies a Python value into a [`Node`] tree.
pub(crate) fn to_node(obj: &Bound<'_, PyAny>) -> Result<Node, TooLarge> {
    let mut budget = MAX_PROPOSAL_BYTES;
    convert(obj, &Path::Root, 0, &mut budget)
}

fn invalid(path: &Path<'_>, code: &'static str, message: String, help: Option<&str>) -> Node {
    let issue = ProposalIssue::new(code, path.pointer(), message);
    Node::Invalid(Box::new(match help {
        Some(help) => issue.with_help(help),
        None => issue,
    }))
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .fully_qualified_name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".into())
}

/// Charges `n` bytes to the budget.
fn spend(budget: &mut usize, n: usize) -> Result<(), TooLarge> {
    match budget.checked_sub(n) {
        Some(rest) => {
            *budget = rest;
            Ok(())
        }
        None => Err(TooLarge),
    }
}

/// Copies a Python `str`; `Err` with a message when it is not valid Unicode.
fn string(s: &Bound<'_, PyString>, budget: &mut usize) -> Result<Result<String, String>, TooLarge> {
    // The length in code points is a lower bound of the UTF-8 length: refuse a huge string
    // before copying it.
    let chars = s.len().unwrap_or(0);
    if chars > *budget {
        return Err(TooLarge);
    }
    match s.to_cow() {
        Ok(c) => {
            spend(budget, c.len() + 2)?;
            Ok(Ok(c.into_owned()))
        }
        Err(_) => Ok(Err(
            "the string is not valid Unicode (it holds a lone surrogate)".into(),
        )),
    }
}

fn convert(
    obj: &Bound<'_, PyAny>,
    path: &Path<'_>,
    depth: usize,
    budget: &mut usize,
) -> Result<Node, TooLarge> {
    spend(budget, 1)?;
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(match string(s, budget)? {
            Ok(s) => Node::Str(s),
            Err(msg) => invalid(path, "proposal-type", msg, None),
        });
    }
    if obj.is_none() {
        return Ok(Node::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Node::Bool(b.is_true()));
    }
    if let Ok(i) = obj.cast::<PyInt>() {
        if let Ok(v) = i.extract::<i64>() {
            return Ok(Node::I64(v));
        }
        if let Ok(v) = i.extract::<u64>() {
            return Ok(Node::U64(v));
        }
        // A larger integer: as a float, like a JSON parser would read it.
        return Ok(match i.extract::<f64>() {
            Ok(f) => Node::F64(f),
            Err(_) => invalid(
                path,
                "proposal-type",
                "the integer is too large".into(),
                None,
            ),
        });
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(Node::F64(f.value()));
    }
    // Containers this deep are not copied: the core refuses documents nested deeper than
    // MAX_PROPOSAL_DEPTH, and stopping here, at the same depth, lets the error name the JSON
    // pointer of the value that is too deep (the core's own check cannot see where it is).
    if depth >= MAX_PROPOSAL_DEPTH {
        return Ok(invalid(
            path,
            "limit-exceeded",
            format!("the document nests deeper than {MAX_PROPOSAL_DEPTH} levels"),
            None,
        ));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut out = Vec::with_capacity(d.len());
        for (k, v) in d.iter() {
            out.push(entry(&k, &v, path, depth, budget)?);
        }
        return Ok(Node::Map(out));
    }
    if let Ok(l) = obj.cast::<PyList>() {
        let mut out = Vec::with_capacity(l.len());
        for (i, v) in l.iter().enumerate() {
            out.push(convert(&v, &Path::Index(path, i), depth + 1, budget)?);
        }
        return Ok(Node::Seq(out));
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        let mut out = Vec::with_capacity(t.len());
        for (i, v) in t.iter().enumerate() {
            out.push(convert(&v, &Path::Index(path, i), depth + 1, budget)?);
        }
        return Ok(Node::Seq(out));
    }
    if obj.is_instance_of::<PySet>() || obj.is_instance_of::<PyFrozenSet>() {
        // Sets are natural for multi-select context fields; their order does not matter there.
        let mut out = Vec::new();
        if let Ok(it) = obj.try_iter() {
            for (i, v) in it.enumerate() {
                match v {
                    Ok(v) => out.push(convert(&v, &Path::Index(path, i), depth + 1, budget)?),
                    Err(e) => {
                        return Ok(invalid(path, "proposal-type", e.to_string(), None));
                    }
                }
            }
        }
        return Ok(Node::Seq(out));
    }
    if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() {
        return Ok(invalid(
            path,
            "proposal-type",
            "bytes are not a proposal value".into(),
            Some("decode them to str first"),
        ));
    }
    if let Ok(m) = obj.cast::<PyMapping>() {
        // Another mapping type (e.g. a `types.MappingProxyType`): read its items.
        return Ok(match m.items() {
            Ok(items) => {
                let mut out = Vec::with_capacity(items.len());
                for kv in items.iter() {
                    match kv.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>() {
                        Ok((k, v)) => out.push(entry(&k, &v, path, depth, budget)?),
                        Err(e) => return Ok(invalid(path, "proposal-type", e.to_string(), None)),
                    }
                }
                Node::Map(out)
            }
            Err(e) => invalid(
                path,
                "proposal-type",
                format!("cannot read the mapping: {e}"),
                None,
            ),
        });
    }
    Ok(invalid(
        path,
        "proposal-type",
        format!(
            "a value of type `{}` is not a proposal value",
            type_name(obj)
        ),
        Some("use str, int, float, bool, None, list or dict"),
    ))
}

fn entry(
    k: &Bound<'_, PyAny>,
    v: &Bound<'_, PyAny>,
    path: &Path<'_>,
    depth: usize,
    budget: &mut usize,
) -> Result<(Result<String, Invalid>, Node), TooLarge> {
    let key = match k.cast::<PyString>() {
        Ok(s) => string(s, budget)?,
        Err(_) => Err(format!("keys must be strings, not `{}`", type_name(k))),
    };
    match key {
        Ok(key) => {
            let value = convert(v, &Path::Key(path, &key), depth + 1, budget)?;
            Ok((Ok(key), value))
        }
        Err(message) => {
            let shown = key_text(k);
            let Node::Invalid(inv) = invalid(
                &Path::Key(path, &shown),
                "proposal-type",
                message,
                Some("use strings as keys, e.g. str(key)"),
            ) else {
                return Ok((Ok(String::new()), Node::Null));
            };
            Ok((Err(inv), Node::Null))
        }
    }
}

/// The text of a key that is not a string, for its JSON pointer: numbers, booleans and `None`
/// as JSON would write them; other objects by their type. No Python code runs (a `__str__`
/// could change the dict being read).
fn key_text(k: &Bound<'_, PyAny>) -> String {
    if k.is_none() {
        "null".into()
    } else if let Ok(b) = k.cast::<PyBool>() {
        b.is_true().to_string()
    } else if let Ok(i) = k.cast::<PyInt>() {
        i.extract::<i64>()
            .map_or_else(|_| "<int>".into(), |i| i.to_string())
    } else if let Ok(f) = k.cast::<PyFloat>() {
        f.value().to_string()
    } else {
        format!("<{}>", type_name(k))
    }
}

/// A serde `Deserializer` over a [`Node`]. Its error carries the located problem of an
/// [`Node::Invalid`] it meets, which the core reports as it is.
pub(crate) struct NodeDe<'a> {
    pub node: &'a Node,
}

/// The error of decoding an invalid node: its problem.
fn fail(inv: &Invalid) -> InputError {
    InputError::new(ProposalIssue::clone(inv))
}

impl<'de> Deserializer<'de> for NodeDe<'de> {
    type Error = InputError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, InputError> {
        match self.node {
            Node::Null => v.visit_unit(),
            Node::Bool(b) => v.visit_bool(*b),
            Node::I64(i) => v.visit_i64(*i),
            Node::U64(u) => v.visit_u64(*u),
            Node::F64(f) => v.visit_f64(*f),
            Node::Str(s) => v.visit_borrowed_str(s),
            Node::Seq(items) => v.visit_seq(Seq {
                items: items.iter(),
            }),
            Node::Map(entries) => v.visit_map(Map {
                entries: entries.iter(),
                value: None,
            }),
            Node::Invalid(inv) => Err(fail(inv)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, InputError> {
        match self.node {
            Node::Null => v.visit_none(),
            _ => v.visit_some(self),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct Seq<'de> {
    items: std::slice::Iter<'de, Node>,
}

impl<'de> SeqAccess<'de> for Seq<'de> {
    type Error = InputError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, InputError> {
        match self.items.next() {
            Some(node) => seed.deserialize(NodeDe { node }).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

type Entry = (Result<String, Invalid>, Node);

struct Map<'de> {
    entries: std::slice::Iter<'de, Entry>,
    value: Option<&'de Node>,
}

impl<'de> MapAccess<'de> for Map<'de> {
    type Error = InputError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, InputError> {
        match self.entries.next() {
            Some((Ok(key), value)) => {
                self.value = Some(value);
                seed.deserialize(KeyDe(key)).map(Some)
            }
            Some((Err(inv), _)) => Err(fail(inv)),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, InputError> {
        match self.value.take() {
            Some(node) => seed.deserialize(NodeDe { node }),
            None => Err(serde::de::Error::custom(
                "a value was asked for before its key",
            )),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// A map key: always a string.
struct KeyDe<'de>(&'de str);

impl<'de> Deserializer<'de> for KeyDe<'de> {
    type Error = InputError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, InputError> {
        v.visit_borrowed_str(self.0)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}
