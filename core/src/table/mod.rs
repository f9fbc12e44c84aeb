//! Tables: one row per proposal, for CSV files, spreadsheets and data frames. Every front end
//! reads and writes tables through this module — the CLI's `batch`, the Python package's
//! `to_frame` and its CSV example, the WebAssembly module — so all of them agree on columns,
//! cells and numbers.
//!
//! - [`ProposalColumns`]: a table of proposals (a header checked against the ruleset, a row
//!   read into a proposal, a proposal written as a row);
//! - [`ResultColumns`]: a table of results (the columns, and the row of an assessment);
//! - [`parse_number`]: numbers as people write them, Dutch or English, refused when ambiguous;
//! - [`csv_line`]: a row as a line of CSV.
//!
//! Binary formats (Arrow, XLSX) are front ends of their own: they read cells and hand them to
//! this module.

mod csv;
mod number;
mod proposals;
mod results;

pub use csv::csv_line;
pub use number::{NumberError, NumberStyle, parse_number};
pub use proposals::{ProposalColumn, ProposalColumns, TableOptions};
pub use results::{Cell, ColumnKind, GroupRow, ResultColumn, ResultColumns, ResultRow, RowError};
