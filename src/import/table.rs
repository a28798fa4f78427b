//! A file of rows, whatever its format: each row keeps where it came from (the
//! line, or the sheet row) and its cells by column name. CSV and XLSX have one
//! header for every row; JSON Lines and YAML rows carry their own keys.

use std::fmt;
use std::path::Path;

use chrono::NaiveDateTime;

use super::error::ImportError;

/// One cell as the file typed it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing (an empty cell, `null`).
    Empty,
    /// Text (trimmed).
    Text(String),
    /// A number (JSON, YAML, a numeric spreadsheet cell).
    Number(f64),
    /// A boolean.
    Bool(bool),
    /// A spreadsheet date/time cell (no zone: the flow's).
    DateTime(NaiveDateTime),
}

impl Cell {
    /// Whether the cell holds nothing (blank text counts as nothing).
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Empty => Ok(()),
            Cell::Text(t) => f.write_str(t),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => write!(f, "{n:.0}"),
            Cell::Number(n) => write!(f, "{n}"),
            Cell::Bool(b) => write!(f, "{b}"),
            Cell::DateTime(t) => write!(f, "{}", t.format("%Y-%m-%d %H:%M:%S")),
        }
    }
}

/// Where a row is in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A one-based text line.
    Line(usize),
    /// A one-based spreadsheet row.
    SheetRow(usize),
    /// A one-based item of a YAML list whose lines could not be told.
    Item(usize),
}

impl Place {
    /// The number, whatever it counts.
    pub fn number(self) -> usize {
        match self {
            Place::Line(n) | Place::SheetRow(n) | Place::Item(n) => n,
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Line(n) => write!(f, "line {n}"),
            Place::SheetRow(n) => write!(f, "row {n}"),
            Place::Item(n) => write!(f, "item {n}"),
        }
    }
}

/// One row: its place and its cells by column name, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Where it is.
    pub place: Place,
    /// `(column, cell)`.
    pub cells: Vec<(String, Cell)>,
}

impl Row {
    /// The cell of a column, unless blank.
    pub fn get(&self, column: &str) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|(c, _)| c == column)
            .map(|(_, cell)| cell)
            .filter(|cell| !cell.is_blank())
    }
}

/// A whole file.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The file as the user named it.
    pub file: String,
    /// The header row and its place (CSV, XLSX); `None` when rows carry keys.
    pub header: Option<(Place, Vec<String>)>,
    /// The data rows.
    pub rows: Vec<Row>,
}

/// Reads a file, choosing the format by its extension.
pub fn read(path: &Path) -> Result<Table, ImportError> {
    let file = path.display().to_string();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "csv" => super::csv_file::read(path, file),
        "xlsx" | "xlsm" => super::xlsx_file::read(path, file),
        "jsonl" | "ndjson" => super::jsonl_file::read(path, file),
        "yaml" | "yml" => super::yaml_file::read(path, file),
        _ => Err(ImportError::Format { file }),
    }
}
