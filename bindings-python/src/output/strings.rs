//! The strings of one ruleset as Python `str` objects, made once and shared by every result:
//! the ruleset's texts (found by their address, which is stable and unique while the ruleset
//! lives, because it is immutable and owns its strings), and the short strings and dict keys
//! results use (found by their text).

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use pyo3::prelude::*;
use pyo3::types::PyString;
use sociale_bril::hash::FxMap;

/// Where a string is: its address and length.
pub(super) type Addr = (usize, usize);

pub(super) fn addr(s: &str) -> Addr {
    (s.as_ptr() as usize, s.len())
}

/// Strings shorter than this are also looked up by their text.
const SHORT: usize = 64;

/// Numbers the tables, so that a thread's name cache knows which table it holds.
static TABLES: AtomicU64 = AtomicU64::new(1);

/// The strings of one ruleset as Python objects.
pub(crate) struct Strings {
    /// This table's number.
    id: u64,
    by_addr: FxMap<Addr, u32>,
    by_text: FxMap<Box<str>, u32>,
    objects: Vec<Py<PyString>>,
}

/// A thread's cache of field and variant names by address, for one table: serde's derive
/// passes the same `&'static str` for a name every time, so a name is looked up by its text
/// once and by its address after that.
#[derive(Default)]
struct NameCache {
    table: u64,
    by_addr: FxMap<Addr, Option<u32>>,
}

thread_local! {
    static NAMES: RefCell<NameCache> = RefCell::new(NameCache::default());
}

impl Strings {
    /// No shared strings (for values that are not the ruleset's).
    pub(crate) fn empty() -> Strings {
        Strings {
            id: TABLES.fetch_add(1, Ordering::Relaxed),
            by_addr: FxMap::default(),
            by_text: FxMap::default(),
            objects: Vec::new(),
        }
    }

    /// The table of `texts` (strings of the ruleset, by address) and `keys` (the dict keys and
    /// short values results are expected to use).
    pub(super) fn from_texts(
        py: Python<'_>,
        texts: Vec<(Addr, String)>,
        keys: impl IntoIterator<Item = String>,
    ) -> Strings {
        let mut strings = Strings::empty();
        for (at, text) in texts {
            let i = strings.intern(py, text);
            strings.by_addr.insert(at, i);
        }
        for text in keys {
            strings.intern(py, text);
        }
        strings
    }

    fn intern(&mut self, py: Python<'_>, text: String) -> u32 {
        if let Some(i) = self.by_text.get(text.as_str()) {
            return *i;
        }
        let i = u32::try_from(self.objects.len()).unwrap_or(u32::MAX);
        self.objects.push(PyString::new(py, &text).unbind());
        if text.len() <= SHORT {
            self.by_text.insert(text.into_boxed_str(), i);
        }
        i
    }

    /// A field or variant name: by address once this thread has seen it, else by text.
    pub(super) fn name(&self, s: &'static str) -> Option<u32> {
        NAMES
            .try_with(|cache| {
                let mut cache = cache.try_borrow_mut().ok()?;
                if cache.table != self.id {
                    cache.table = self.id;
                    cache.by_addr.clear();
                }
                Some(*cache.by_addr.entry(addr(s)).or_insert_with(|| self.key(s)))
            })
            .ok()
            .flatten()
            .unwrap_or_else(|| self.key(s))
    }

    /// A string of the ruleset (by address), or a known short string (by text).
    pub(super) fn get(&self, s: &str) -> Option<u32> {
        if let Some(i) = self.by_addr.get(&addr(s)) {
            return Some(*i);
        }
        self.key(s)
    }

    /// A known short string, by text.
    pub(super) fn key(&self, s: &str) -> Option<u32> {
        if s.len() > SHORT {
            return None;
        }
        self.by_text.get(s).copied()
    }

    /// The Python object of a shared string.
    pub(super) fn object(&self, i: u32) -> Option<&Py<PyString>> {
        self.objects.get(i as usize)
    }
}
