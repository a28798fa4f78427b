//! CSV (UTF-8, with or without a byte-order mark): a header row, then one row per
//! record; a row's place is the line it starts on.

use std::path::Path;

use super::error::ImportError;
use super::table::{Cell, Place, Row, Table};

/// Reads a CSV file.
pub fn read(path: &Path, file: String) -> Result<Table, ImportError> {
    let fail = |file: &str, message: String| ImportError::Read {
        file: file.to_string(),
        message,
    };
    let bytes = std::fs::read(path).map_err(|e| fail(&file, e.to_string()))?;
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| fail(&file, csv_message(&e)))?
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| fail(&file, csv_message(&e)))?;
        let line = record
            .position()
            .map_or(0, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
        if record.iter().all(str::is_empty) {
            continue;
        }
        let mut cells: Vec<(String, Cell)> = header
            .iter()
            .zip(record.iter().chain(std::iter::repeat("")))
            .map(|(c, v)| (c.clone(), text(v)))
            .collect();
        // More cells than the header has columns: keep them under a name that
        // the column check reports.
        for (i, v) in record.iter().enumerate().skip(header.len()) {
            if !v.is_empty() {
                cells.push((format!("(column {})", i + 1), text(v)));
            }
        }
        rows.push(Row {
            place: Place::Line(line),
            cells,
        });
    }
    Ok(Table {
        file,
        header: Some((Place::Line(1), header)),
        rows,
    })
}

fn text(v: &str) -> Cell {
    if v.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(v.to_string())
    }
}

fn csv_message(e: &csv::Error) -> String {
    match (e.kind(), e.position()) {
        (csv::ErrorKind::Utf8 { .. }, Some(p)) => format!(
            "line {}: not UTF-8 text (save the file as CSV UTF-8)",
            p.line()
        ),
        (_, Some(p)) => format!("line {}: {e}", p.line()),
        _ => e.to_string(),
    }
}
