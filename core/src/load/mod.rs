//! Reading rulesets: a folder of TOML files, one TOML file (both with the `toml` feature), or
//! the JSON form. Problems are located by file, line and column through a [`Locator`].

#[cfg(feature = "toml")]
pub(crate) mod toml;

use std::collections::HashMap;
use std::path::Path;

use crate::error::{RuleIssue, RulesetError, SourceLocation, pointer_segment};
use crate::model::ruleset::RulesetDoc;

/// One rule file: its name (relative to the ruleset folder) and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleFile {
    /// File name, e.g. `inclusie.toml`.
    pub name: String,
    /// The file's text.
    pub text: String,
}

impl RuleFile {
    /// Reads one rule file from disk: its name is the file name, its text must be UTF-8.
    pub(crate) fn read(path: &Path) -> Result<RuleFile, RulesetError> {
        let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
        let text = String::from_utf8(bytes).map_err(|e| RulesetError::Io {
            path: path.display().to_string(),
            message: format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        })?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(RuleFile { name, text })
    }
}

/// An I/O error on `path` as a ruleset error.
pub(crate) fn io_error(path: &Path, e: std::io::Error) -> RulesetError {
    RulesetError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

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
            let offset = toml::span_of(&file.text, path, local, expr_offset).unwrap_or(0);
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

/// Parses the JSON form of a ruleset.
pub(crate) fn parse_json(name: &str, text: &str) -> Result<RulesetDoc, RulesetError> {
    serde_json::from_str(text).map_err(|e| {
        let line = u32::try_from(e.line()).ok().filter(|&l| l > 0);
        let column = u32::try_from(e.column()).ok().filter(|_| line.is_some());
        let msg = e.to_string();
        // serde_json appends " at line L column C"; the location says it already.
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        RulesetError::Invalid(vec![RuleIssue {
            code: if e.is_syntax() || e.is_eof() { "json-syntax" } else { "json-shape" },
            message: msg,
            help: Some("a ruleset in JSON has the keys ruleset, scoring, rating, scale, theme, principle, domain, source, context, item and signal (see schemas/ruleset.schema.json)".into()),
            location: SourceLocation {
                file: name.to_string(),
                line,
                column,
                path: String::new(),
            },
            rule: None,
        }])
    })
}
