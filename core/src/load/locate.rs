//! Where a problem is: a path in the merged document turned into a file, a JSON pointer and,
//! for TOML, a line and column.

use std::collections::HashMap;

use super::file::RuleFile;
use super::path::{DocPath, Seg};
use crate::error::{SourceLocation, pointer_segment};

/// Turns [`DocPath`]s into [`SourceLocation`]s.
#[derive(Clone, Debug, Default)]
pub(crate) struct Locator {
    /// The TOML files, in merge order; empty for a JSON document.
    pub(crate) files: Vec<RuleFile>,
    /// Name of the JSON document, for a ruleset given as JSON.
    pub(crate) json_name: Option<String>,
    /// Per array section: (file index, index within the file) of each merged element.
    pub(crate) origins: HashMap<&'static str, Vec<(usize, usize)>>,
    /// Per single section (`ruleset`, `scoring`): the file it came from.
    pub(crate) singles: HashMap<&'static str, usize>,
}

impl Locator {
    /// A locator for a ruleset given as one JSON document.
    pub fn json(name: &str) -> Self {
        Locator {
            json_name: Some(name.to_string()),
            ..Locator::default()
        }
    }

    /// The file, pointer and (for TOML) line and column of a path; `expr_offset` is a byte
    /// offset inside a string value (an expression) to point into.
    pub fn locate(&self, path: &DocPath, expr_offset: Option<usize>) -> SourceLocation {
        let (file_idx, local) = match path.index {
            Some(i) => match self.origins.get(path.section).and_then(|v| v.get(i)) {
                Some(&(f, l)) => (Some(f), Some(l)),
                None => (None, Some(i)),
            },
            None => (self.singles.get(path.section).copied(), None),
        };
        let mut pointer = format!("/{}", path.section);
        if let Some(l) = local {
            pointer.push_str(&format!("/{l}"));
        }
        for seg in &path.keys {
            match seg {
                Seg::Key(k) => pointer.push_str(&format!("/{}", pointer_segment(k))),
                Seg::Index(i) => pointer.push_str(&format!("/{i}")),
            }
        }
        if let Some(name) = &self.json_name {
            return SourceLocation {
                file: name.clone(),
                line: None,
                column: None,
                path: pointer,
            };
        }
        let Some(file) = file_idx
            .and_then(|f| self.files.get(f))
            .or(self.files.first())
        else {
            return SourceLocation {
                file: String::new(),
                line: None,
                column: None,
                path: pointer,
            };
        };
        #[cfg(feature = "toml")]
        {
            let offset = super::span::span_of(&file.text, path, local, expr_offset).unwrap_or(0);
            let (line, column) = crate::error::line_col(&file.text, offset);
            SourceLocation {
                file: file.name.clone(),
                line: Some(line),
                column: Some(column),
                path: pointer,
            }
        }
        #[cfg(not(feature = "toml"))]
        {
            let _ = expr_offset;
            SourceLocation {
                file: file.name.clone(),
                line: None,
                column: None,
                path: pointer,
            }
        }
    }

    /// The location of the start of a whole file.
    pub fn file_start(&self, file: usize) -> SourceLocation {
        let name = self
            .files
            .get(file)
            .map(|f| f.name.clone())
            .or_else(|| self.json_name.clone())
            .unwrap_or_default();
        SourceLocation {
            file: name,
            line: self.json_name.is_none().then_some(1),
            column: self.json_name.is_none().then_some(1),
            path: String::new(),
        }
    }
}
