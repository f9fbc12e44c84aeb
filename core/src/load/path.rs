//! Paths to values in the merged ruleset document, in which problems are found.

/// A path to a value in the merged ruleset document: a section, the element's index within the
/// merged section, and keys/indices below it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct DocPath {
    pub section: &'static str,
    pub index: Option<usize>,
    pub keys: Vec<Seg>,
}

/// One step of a [`DocPath`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Seg {
    Key(&'static str),
    Index(usize),
}

impl DocPath {
    pub fn single(section: &'static str) -> Self {
        DocPath {
            section,
            index: None,
            keys: Vec::new(),
        }
    }

    pub fn elem(section: &'static str, index: usize) -> Self {
        DocPath {
            section,
            index: Some(index),
            keys: Vec::new(),
        }
    }

    pub fn key(mut self, key: &'static str) -> Self {
        self.keys.push(Seg::Key(key));
        self
    }

    pub fn at(mut self, index: usize) -> Self {
        self.keys.push(Seg::Index(index));
        self
    }
}
