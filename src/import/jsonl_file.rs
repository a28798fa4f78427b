//! JSON Lines: one object per line; blank lines are skipped. A row's place is its
//! line.

use std::path::Path;

use serde_json::Value;

use super::error::ImportError;
use super::table::{Cell, Place, Row, Table};

/// Reads a JSON Lines file.
pub fn read(path: &Path, file: String) -> Result<Table, ImportError> {
    let text = std::fs::read_to_string(path).map_err(|e| ImportError::Read {
        file: file.clone(),
        message: e.to_string(),
    })?;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            continue;
        }
        let fail = |message: String| ImportError::Read {
            file: file.clone(),
            message: format!("line {line_no}: {message}"),
        };
        let value: Value = serde_json::from_str(line).map_err(|e| fail(e.to_string()))?;
        let Value::Object(map) = value else {
            return Err(fail("each line must be a JSON object".into()));
        };
        rows.push(Row {
            place: Place::Line(line_no),
            cells: cells(map),
        });
    }
    Ok(Table {
        file,
        header: None,
        rows,
    })
}

/// An object's cells; a nested `attrs` object gives `attrs.KEY` cells.
pub(super) fn cells(map: serde_json::Map<String, Value>) -> Vec<(String, Cell)> {
    let mut out = Vec::new();
    for (k, v) in map {
        match v {
            Value::Object(attrs) if k == "attrs" => {
                out.extend(
                    attrs
                        .into_iter()
                        .map(|(a, v)| (format!("attrs.{a}"), cell(v))),
                );
            }
            v => out.push((k, cell(v))),
        }
    }
    out
}

/// A JSON value as a cell; an array (an evidence list) becomes `;`-joined text.
pub(super) fn cell(v: Value) -> Cell {
    match v {
        Value::Null => Cell::Empty,
        Value::Bool(b) => Cell::Bool(b),
        Value::Number(n) => n.as_f64().map_or(Cell::Empty, Cell::Number),
        Value::String(s) => Cell::Text(s.trim().to_string()),
        Value::Array(items) => Cell::Text(
            items
                .into_iter()
                .map(|i| cell(i).to_string())
                .collect::<Vec<_>>()
                .join(";"),
        ),
        Value::Object(_) => Cell::Text(v.to_string()),
    }
}
