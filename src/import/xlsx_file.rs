//! XLSX: one sheet (the first, or the one `--sheet` names by name or one-based
//! number); its first non-empty row is the header. A row's place is its sheet
//! row number, as Excel shows it.
//!
//! Bounded before and while reading: every XML part is unpacked once into
//! nothing to measure its true size (a declared size may lie) and refused above
//! [`MAX_PART_BYTES`]; cells are streamed and kept sparse, so a lone cell at
//! `XFD1048576` costs one cell, not the 17 billion its sheet's range declares;
//! a sheet of more than [`MAX_CELLS`] cells is refused. Numbers keep their exact
//! digits where a spreadsheet keeps them (15 significant digits); an integer
//! beyond that (an id typed as a number) is an error, not a silent rounding.

use std::collections::BTreeMap;
use std::io::{Cursor, Read as _};

use calamine::{DataRef, Reader as _, Xlsx};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::error::{ImportError, RowError};
use super::table::{Cell, Place, Table, column_letter, from_grid};

/// The most one XML part of a workbook may unpack to (the sheet, its shared
/// strings): 256 MiB, some two million rows of a customer sheet.
pub const MAX_PART_BYTES: u64 = 256 << 20;

/// The most non-empty cells one sheet may hold.
pub const MAX_CELLS: usize = 20_000_000;

/// Reads one sheet of an XLSX workbook.
pub fn read(bytes: Vec<u8>, file: String, sheet: Option<&str>) -> Result<Table, ImportError> {
    let fail = |message: String| ImportError::Read {
        file: file.clone(),
        message,
    };
    check_parts(&bytes).map_err(fail)?;
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| fail(e.to_string()))?;
    let names = book.sheet_names();
    let name = choose(&names, sheet).map_err(fail)?;
    let mut reader = book
        .worksheet_cells_reader(&name)
        .map_err(|e| fail(e.to_string()))?;
    let mut rows: BTreeMap<u32, Vec<(usize, Cell)>> = BTreeMap::new();
    let mut bad_cells: Vec<(u32, usize, String)> = Vec::new();
    let mut count = 0usize;
    while let Some(c) = reader.next_cell().map_err(|e| fail(e.to_string()))? {
        let (row, col) = c.get_position();
        let value = match cell(c.get_value()) {
            Ok(Cell::Empty) => continue,
            Ok(value) => value,
            Err(message) => {
                bad_cells.push((row, col as usize, message));
                continue;
            }
        };
        count += 1;
        if count > MAX_CELLS {
            return Err(fail(format!(
                "sheet `{name}` holds more than {MAX_CELLS} cells, the most one import reads: split it"
            )));
        }
        rows.entry(row).or_default().push((col as usize, value));
    }
    drop(reader);
    let mut rows = rows.into_iter();
    let Some((header_row, header_cells)) = rows.next() else {
        return Ok(from_grid(file, Place::SheetRow(1), Vec::new(), Vec::new()));
    };
    let width = header_cells.iter().map(|(c, _)| c + 1).max().unwrap_or(0);
    let mut header = vec![String::new(); width];
    for (col, value) in header_cells {
        header[col] = value.to_string();
    }
    let rows = rows
        .map(|(r, cells)| (Place::SheetRow(r as usize + 1), cells))
        .collect();
    // A cell that cannot be read is named by its column's header, as the
    // checker names the others.
    let mut errors: Vec<RowError> = bad_cells
        .into_iter()
        .map(|(row, col, message)| {
            let column = header
                .get(col)
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty())
                .unwrap_or_else(|| column_letter(col));
            RowError::new(
                &file,
                Place::SheetRow(row as usize + 1),
                Some(&column),
                message,
            )
        })
        .collect();
    let mut table = from_grid(file, Place::SheetRow(header_row as usize + 1), header, rows);
    errors.append(&mut table.errors);
    errors.sort_by_key(|e| e.line);
    table.errors = errors;
    Ok(table)
}

/// The sheet to read: by name, else by one-based number, else the first.
fn choose(names: &[String], wanted: Option<&str>) -> Result<String, String> {
    let listed = || {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{} `{n}`", i + 1))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(wanted) = wanted else {
        return names
            .first()
            .cloned()
            .ok_or_else(|| "the workbook has no sheet".into());
    };
    if let Some(name) = names.iter().find(|n| n.as_str() == wanted.trim()) {
        return Ok(name.clone());
    }
    match wanted.trim().parse::<usize>() {
        Ok(n) if (1..=names.len()).contains(&n) => Ok(names[n - 1].clone()),
        _ => Err(format!(
            "no sheet `{wanted}`: the workbook has {}",
            listed()
        )),
    }
}

/// Unpacks every XML part into nothing, refusing one larger than
/// [`MAX_PART_BYTES`] as soon as it passes that size.
fn check_parts(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not an XLSX workbook ({e})"))?;
    for i in 0..zip.len() {
        let mut part = zip
            .by_index(i)
            .map_err(|e| format!("not an XLSX workbook ({e})"))?;
        let name = part.name().to_string();
        let ext = std::path::Path::new(&name).extension();
        if !ext.is_some_and(|e| e.eq_ignore_ascii_case("xml") || e.eq_ignore_ascii_case("rels")) {
            continue;
        }
        let too_large = || {
            format!(
                "part `{name}` unpacks to more than {} MiB, the most one import reads (a damaged or hostile workbook?)",
                MAX_PART_BYTES >> 20
            )
        };
        if part.size() > MAX_PART_BYTES {
            return Err(too_large());
        }
        let n = std::io::copy(
            &mut (&mut part).take(MAX_PART_BYTES + 1),
            &mut std::io::sink(),
        )
        .map_err(|e| format!("part `{name}` cannot be unpacked: {e}"))?;
        if n > MAX_PART_BYTES {
            return Err(too_large());
        }
    }
    Ok(())
}

/// One cell as the sheet typed it.
fn cell(data: &DataRef<'_>) -> Result<Cell, String> {
    Ok(match data {
        DataRef::Empty | DataRef::Error(_) => Cell::Empty,
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text(s),
        DataRef::SharedString(s) => text(s),
        DataRef::Int(i) => Cell::Number(i.to_string()),
        DataRef::Float(f) => Cell::Number(digits(*f)?),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(t) => {
            let (year, month, day, hour, minute, second, _) = t.to_ymd_hms_milli();
            match NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), u32::from(day))
                .and_then(|d| d.and_hms_opt(u32::from(hour), u32::from(minute), u32::from(second)))
            {
                Some(t) => Cell::DateTime(t),
                None => Cell::Number(digits(t.as_f64())?),
            }
        }
    })
}

fn text(s: &str) -> Cell {
    let s = s.trim();
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

/// The digits of a spreadsheet number: an integer exactly; a fraction at the 15
/// significant digits a spreadsheet keeps (so `0.1+0.2` reads `0.3`, as Excel
/// shows it). An integer past 2^53 was rounded by the float it is stored in.
#[expect(
    clippy::cast_precision_loss,
    reason = "2^53 is exactly representable: the bound of exact integers"
)]
fn digits(f: f64) -> Result<String, String> {
    const EXACT: f64 = (1u64 << 53) as f64;
    if !f.is_finite() {
        return Err(format!("`{f}` is not a number"));
    }
    if f.fract() == 0.0 {
        if f.abs() < EXACT {
            return Ok(format!("{f:.0}"));
        }
        return Err(format!(
            "`{f:.0}` is a number too long for a spreadsheet to keep exactly (it keeps 15 digits): \
             format the column as Text in Excel and type the value again"
        ));
    }
    let rounded = format!("{f:.14e}");
    Decimal::from_scientific(&rounded)
        .map(|d| d.normalize().to_string())
        .map_err(|_| format!("`{f}` is not a number salesflow keeps exactly"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_numbers_read_as_the_digits_excel_shows() {
        assert_eq!(digits(13_800_000_001.0).unwrap(), "13800000001");
        assert_eq!(digits(0.1 + 0.2).unwrap(), "0.3");
        assert_eq!(digits(-1500.25).unwrap(), "-1500.25");
        assert!(digits(12_345_678_901_234_567_890.0).is_err());
        assert!(digits(f64::NAN).is_err());
    }

    #[test]
    fn a_sheet_is_chosen_by_name_or_number() {
        let names = ["说明".to_string(), "客户".to_string()];
        assert_eq!(choose(&names, None).unwrap(), "说明");
        assert_eq!(choose(&names, Some("客户")).unwrap(), "客户");
        assert_eq!(choose(&names, Some("2")).unwrap(), "客户");
        assert_eq!(
            choose(&names, Some("3")).unwrap_err(),
            "no sheet `3`: the workbook has 1 `说明`, 2 `客户`"
        );
    }
}
