//! YAML: a list of maps. A row's place is the line of its `-`, found by scanning
//! the text for list items at the left margin; for a list written another way
//! (`[{…}, {…}]`) rows are numbered as items instead.

use std::path::Path;

use serde_json::Value;

use super::error::ImportError;
use super::jsonl_file::cells;
use super::table::{Place, Row, Table};

/// Reads a YAML list of maps.
pub fn read(path: &Path, file: String) -> Result<Table, ImportError> {
    let fail = |message: String| ImportError::Read {
        file: file.clone(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| fail(e.to_string()))?;
    let value: serde_yaml::Value = serde_yaml::from_str(&text).map_err(|e| fail(e.to_string()))?;
    let value: Value =
        serde_json::to_value(value).map_err(|e| fail(format!("keys must be text: {e}")))?;
    let items = match value {
        Value::Array(items) => items,
        Value::Null => Vec::new(),
        _ => return Err(fail("expected a list of maps (`- id: c1`)".into())),
    };
    let lines = item_lines(&text);
    let places: Vec<Place> = if lines.len() == items.len() {
        lines.into_iter().map(Place::Line).collect()
    } else {
        (1..=items.len()).map(Place::Item).collect()
    };
    let mut rows = Vec::new();
    for (item, place) in items.into_iter().zip(places) {
        let Value::Object(map) = item else {
            return Err(fail(format!("{place}: expected a map")));
        };
        rows.push(Row {
            place,
            cells: cells(map),
        });
    }
    Ok(Table {
        file,
        header: None,
        rows,
    })
}

/// One-based lines of the top-level list's items (`- …` at the left margin).
fn item_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| *l == "-" || l.starts_with("- "))
        .map(|(i, _)| i + 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::item_lines;

    #[test]
    fn items_are_found_at_the_left_margin_only() {
        let text = "# c\n- id: a\n  tags:\n    - x\n-\n  id: b\n";
        assert_eq!(item_lines(text), vec![2, 5]);
    }
}
