//! XLSX: the first sheet; its first non-empty row is the header. A row's place is
//! its sheet row number, as Excel shows it.

use std::path::Path;

use calamine::{Data, Reader as _, Xlsx, open_workbook};
use chrono::{NaiveDate, NaiveDateTime};

use super::error::ImportError;
use super::table::{Cell, Place, Row, Table};

/// Reads the first sheet of an XLSX workbook.
pub fn read(path: &Path, file: String) -> Result<Table, ImportError> {
    let fail = |message: String| ImportError::Read {
        file: file.clone(),
        message,
    };
    let mut book: Xlsx<_> =
        open_workbook(path).map_err(|e: calamine::XlsxError| fail(e.to_string()))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| fail("the workbook has no sheet".into()))?
        .map_err(|e| fail(e.to_string()))?;
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let first_col = range.start().map_or(0, |(_, c)| c as usize);
    let mut rows_iter = range.rows().enumerate();
    let Some((_, header_cells)) = rows_iter.next() else {
        return Ok(Table {
            file,
            header: Some((Place::SheetRow(1), Vec::new())),
            rows: Vec::new(),
        });
    };
    // Columns left of the used range are empty; name them by letter if used.
    let header: Vec<String> = header_cells
        .iter()
        .enumerate()
        .map(|(i, c)| match cell(c) {
            Cell::Empty => format!("(column {})", first_col + i + 1),
            other => other.to_string().trim().to_string(),
        })
        .collect();
    let mut rows = Vec::new();
    for (i, cells) in rows_iter {
        let cells: Vec<(String, Cell)> = header
            .iter()
            .zip(cells.iter())
            .map(|(h, c)| (h.clone(), cell(c)))
            .collect();
        if cells.iter().all(|(_, c)| c.is_blank()) {
            continue;
        }
        rows.push(Row {
            place: Place::SheetRow(first_row + i + 1),
            cells,
        });
    }
    Ok(Table {
        file,
        header: Some((Place::SheetRow(first_row + 1), header)),
        rows,
    })
}

#[expect(
    clippy::cast_precision_loss,
    reason = "spreadsheet integers are well within f64's exact range"
)]
fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            let s = s.trim();
            if s.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s.to_string())
            }
        }
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(t) => {
            let (year, month, day, hour, minute, second, _) = t.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), u32::from(day))
                .and_then(|date| {
                    date.and_hms_opt(u32::from(hour), u32::from(minute), u32::from(second))
                })
                .map_or_else(
                    || Cell::Number(t.as_f64()),
                    |t: NaiveDateTime| Cell::DateTime(t),
                )
        }
    }
}
