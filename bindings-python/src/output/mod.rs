//! Results to Python objects, in two steps: a result is serialized into an [`Out`] by a serde
//! `Serializer` that needs no GIL ([`ser`]) — so worker threads can do it — and then turned into
//! Python dicts, lists, strings and numbers with the GIL ([`objects`]). Assessments repeat the
//! ruleset's texts over and over; those strings are made into Python `str` objects once per
//! ruleset and shared ([`strings`]).

mod objects;
mod ser;
mod strings;

use pyo3::Python;
use serde::Serialize;

pub(crate) use objects::ToPy;
pub(crate) use ser::{Out, SerError, to_out, to_out_sized};
pub(crate) use strings::Strings;

/// The shared strings of a ruleset: every string `values` (parts of the ruleset, borrowed from
/// it) hold, and `keys` (the dict keys and short values results are expected to use). `values`
/// must be owned by the ruleset the strings are used with, and live as long.
pub(crate) fn shared_strings<T: Serialize + ?Sized>(
    py: Python<'_>,
    values: &[&T],
    keys: impl IntoIterator<Item = String>,
) -> Strings {
    Strings::from_texts(py, ser::collect(values), keys)
}
