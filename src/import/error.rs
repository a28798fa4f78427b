//! Why an import was refused: either the file cannot be read at all, or rows are
//! wrong — then every wrong row is listed with its file, line (or sheet row) and
//! column, and nothing of the import is written.

use std::fmt;

use serde::Serialize;

use super::table::Place;
use crate::store::StoreError;

/// One problem with one row (or with the header).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    /// The file.
    pub file: String,
    /// Line (CSV, JSON Lines, YAML), sheet row (XLSX) or YAML item number.
    pub line: usize,
    /// `line`, `row` or `item`: what `line` counts.
    pub counts: &'static str,
    /// The column, when one is at fault.
    pub column: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl RowError {
    /// An error at a place, about a column or the whole row.
    pub fn new(file: &str, place: Place, column: Option<&str>, message: String) -> RowError {
        RowError {
            file: file.to_string(),
            line: place.number(),
            counts: match place {
                Place::Line(_) => "line",
                Place::SheetRow(_) => "row",
                Place::Item(_) => "item",
            },
            column: column.map(str::to_string),
            message,
        }
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.counts {
            // `file:12:` is what editors and terminals jump to.
            "line" => write!(f, "{}:{}: ", self.file, self.line)?,
            "row" => write!(
                f,
                "{}",
                crate::t!(
                    "import-at-row",
                    file = self.file,
                    row = self.line.to_string()
                )
            )?,
            _ => write!(
                f,
                "{}",
                crate::t!(
                    "import-at-item",
                    file = self.file,
                    item = self.line.to_string()
                )
            )?,
        }
        if let Some(column) = &self.column {
            write!(f, "{}", crate::t!("import-at-column", column = column))?;
        }
        f.write_str(&self.message)
    }
}

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ImportError {
    /// The file cannot be read or parsed as its format.
    #[error("cannot read `{file}`: {message}")]
    #[diagnostic(
        code(salesflow::import::unreadable),
        help(
            "an import file is a regular file of at most 256 MiB: CSV (UTF-8 or GBK), XLSX, JSON Lines or YAML"
        )
    )]
    Read {
        /// The file.
        file: String,
        /// Why.
        message: String,
    },
    /// The extension names no supported format.
    #[error("cannot import `{file}`: unknown file type")]
    #[diagnostic(
        code(salesflow::import::format),
        help("name the file `.csv`, `.xlsx`, `.jsonl` or `.yaml`")
    )]
    Format {
        /// The file.
        file: String,
    },
    /// Rows are wrong: all of them, in file order.
    #[error("`{file}` rejected: {} error{}; nothing was written", errors.len(), if errors.len() == 1 { "" } else { "s" })]
    #[diagnostic(code(salesflow::import::rejected))]
    Rejected {
        /// The file.
        file: String,
        /// Every problem.
        errors: Vec<RowError>,
    },
    /// The `--map` file cannot be used.
    #[error("map `{file}`: {message}")]
    #[diagnostic(
        code(salesflow::import::map),
        help("docs/import-map.md describes the map format")
    )]
    Map {
        /// The map file.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// Rules are needed to check this kind of import.
    #[error("importing {kind} needs the rules (stages, event kinds, fields)")]
    #[diagnostic(
        code(salesflow::import::no_rules),
        help("pass `--rules FILE` or set `rules:` in salesflow.yaml")
    )]
    NoRules {
        /// The kind of import.
        kind: &'static str,
    },
    /// The store failed.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Store(#[from] StoreError),
}
