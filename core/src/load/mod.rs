//! Reading rulesets: a folder of TOML files, one TOML file (both with the `toml` feature), or
//! the JSON form. Problems are located by file, line and column through a [`Locator`].

mod file;
mod json;
mod locate;
mod path;
#[cfg(feature = "toml")]
mod span;
#[cfg(feature = "toml")]
pub(crate) mod toml;

pub use file::RuleFile;
pub(crate) use file::io_error;
pub(crate) use json::parse_json;
pub(crate) use locate::Locator;
pub(crate) use path::DocPath;
