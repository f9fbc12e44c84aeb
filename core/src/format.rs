//! Output formats: one type for every way an assessment is written, parsed from its name and
//! rendered by the core, so that the command line, the Python package and the WebAssembly module
//! offer the same formats under the same names. Adding a format is adding a variant here and its
//! rendering in [`render`]; every front end picks it up by name.

use std::fmt::Write as _;
use std::str::FromStr;

use crate::assessment::Assessment;
use crate::compiled::CompiledRuleset;
use crate::pretty::indent;
use crate::suggest::{by_name, name_of};
use crate::table::{ResultColumns, ResultRow, TableOptions};
use crate::text::Lang;

/// A way to write an assessment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OutputFormat {
    /// The whole assessment as JSON (`json`).
    Json,
    /// The whole assessment as canonical JSON (`canonical`): sorted keys, no whitespace, the
    /// same bytes in every runtime (docs/scoring.md §13).
    Canonical,
    /// The summary as JSON (`summary`): scores, ratings and the ids of signals, gaps and
    /// improvements, without texts.
    Summary,
    /// A report in Markdown (`markdown` or `md`).
    Markdown,
    /// A report as a standalone HTML page (`html`).
    Html,
    /// One row of the results table as a CSV line (`row`); its header is
    /// [`ResultColumns::csv_header`].
    Row,
}

impl OutputFormat {
    /// Every format, with its name.
    pub const ALL: [(OutputFormat, &'static str); 6] = [
        (OutputFormat::Json, "json"),
        (OutputFormat::Canonical, "canonical"),
        (OutputFormat::Summary, "summary"),
        (OutputFormat::Markdown, "markdown"),
        (OutputFormat::Html, "html"),
        (OutputFormat::Row, "row"),
    ];

    /// The format's name.
    pub fn name(self) -> &'static str {
        name_of(&Self::ALL, self)
    }

    /// Whether the format writes JSON.
    pub fn is_json(self) -> bool {
        matches!(
            self,
            OutputFormat::Json | OutputFormat::Canonical | OutputFormat::Summary
        )
    }
}

impl FromStr for OutputFormat {
    type Err = String;

    /// A format by its name, ignoring case and surrounding spaces; `md` is Markdown.
    fn from_str(s: &str) -> Result<Self, String> {
        let name = s.trim().to_ascii_lowercase();
        let name = if name == "md" { "markdown" } else { &name };
        by_name(&Self::ALL, name, "output format")
    }
}

/// How to render: the language of reports, whether JSON is indented, and how table cells
/// are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RenderOptions {
    /// The language of reports.
    pub lang: Lang,
    /// Indent JSON (two spaces) instead of writing it on one line; canonical JSON is never
    /// indented.
    pub indent: bool,
    /// How the cells of a row are written.
    pub table: TableOptions,
}

impl RenderOptions {
    /// Reports in `lang`, JSON on one line, rows in the default table style.
    pub fn new(lang: Lang) -> Self {
        RenderOptions {
            lang,
            ..RenderOptions::default()
        }
    }

    /// The same options, with JSON indented or not.
    pub fn indented(mut self, indent: bool) -> Self {
        self.indent = indent;
        self
    }

    /// The same options, with rows written so.
    pub fn with_table(mut self, table: TableOptions) -> Self {
        self.table = table;
        self
    }
}

/// Appends an assessment made by `rs`, in `format`, to `out`.
pub(crate) fn render(
    rs: &CompiledRuleset,
    a: &Assessment<'_>,
    format: OutputFormat,
    options: &RenderOptions,
    out: &mut String,
) {
    // Serializing the engine's own types cannot fail; an empty text would be the worst case.
    match format {
        OutputFormat::Json => {
            let json = serde_json::to_string(a).unwrap_or_default();
            out.push_str(&if options.indent { indent(&json) } else { json });
        }
        OutputFormat::Canonical => out.push_str(&a.to_canonical_json()),
        OutputFormat::Summary if options.indent => out.push_str(&indent(&a.summary().to_json())),
        OutputFormat::Summary => a.summary().write_json(out),
        OutputFormat::Markdown => out.push_str(&crate::render::markdown(rs, a, options.lang)),
        OutputFormat::Html => out.push_str(&crate::render::html(rs, a, options.lang)),
        OutputFormat::Row => {
            let themes: Vec<&str> = rs.doc.theme.iter().map(|t| t.id.as_str()).collect();
            let t = options.table;
            let _ = write!(
                out,
                "{}",
                ResultColumns::new(&themes).csv_row(
                    None,
                    &ResultRow::of(a),
                    t.numbers,
                    t.delimiter
                )
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::OutputFormat;

    #[test]
    fn formats_are_found_by_name() {
        for (format, name) in OutputFormat::ALL {
            assert_eq!(name.parse::<OutputFormat>(), Ok(format));
            assert_eq!(format.name(), name);
        }
        assert_eq!(" MD ".parse::<OutputFormat>(), Ok(OutputFormat::Markdown));
        let e = "pdf".parse::<OutputFormat>().unwrap_err();
        assert!(
            e.contains("`pdf`") && e.contains("markdown, html, row"),
            "{e}"
        );
    }
}
