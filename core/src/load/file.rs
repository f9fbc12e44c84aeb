//! One rule file, read from disk or given in memory.

use std::path::Path;

use crate::error::RulesetError;

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
