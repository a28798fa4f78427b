//! CSV as offices save it: UTF-8 with or without a byte-order mark, or, when
//! the bytes are not UTF-8, GB18030 (which contains GBK and GB2312: what Excel's
//! "CSV (逗号分隔)" writes on Chinese Windows); `--encoding` forces one. A header
//! row, then one row per record; a row's place is the line it starts on,
//! counted the same for `\n` and `\r\n` line ends.

use super::error::ImportError;
use super::table::{Cell, Encoding, Place, Table, from_grid};

/// Reads CSV bytes.
pub fn read(bytes: &[u8], file: String, forced: Option<Encoding>) -> Result<Table, ImportError> {
    let fail = |message: String| ImportError::Read {
        file: file.clone(),
        message,
    };
    let (text, encoding) = decode(bytes, forced).map_err(fail)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    // A line is counted at each `\n`, so `\r\n` and `\n` files agree, and a
    // quoted cell spanning lines moves the count on as an editor does.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    // csv places a record after a `\r\n` at the `\n` (one line too early):
    // the record's line is that of its first byte past any line end.
    let line_of = |byte: u64| {
        let byte = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
        let first = byte
            + text.as_bytes()[byte..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        line_starts.partition_point(|start| *start <= first)
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(record) => record
            .map_err(|e| fail(csv_message(&e, &line_of)))?
            .iter()
            .map(str::to_string)
            .collect(),
        None => Vec::new(),
    };
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(|e| fail(csv_message(&e, &line_of)))?;
        let line = record.position().map_or(0, |p| line_of(p.byte()));
        rows.push((
            Place::Line(line),
            record.iter().map(text_cell).enumerate().collect(),
        ));
    }
    let mut table = from_grid(file, Place::Line(1), header, rows);
    table.encoding = Some(encoding);
    Ok(table)
}

/// The text of the file and the encoding it was read in.
fn decode(bytes: &[u8], forced: Option<Encoding>) -> Result<(String, Encoding), String> {
    let utf8 = || std::str::from_utf8(bytes).map(|t| (t.to_string(), Encoding::Utf8));
    let gb18030 = || {
        encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|t| (t.into_owned(), Encoding::Gb18030))
    };
    match forced {
        Some(Encoding::Utf8) => utf8().map_err(|e| {
            let at = e.valid_up_to();
            format!(
                "line {} (byte {at}) is not UTF-8 (as `--encoding utf-8` says): try `--encoding gb18030`",
                bytes[..at].split(|b| *b == b'\n').count()
            )
        }),
        Some(Encoding::Gb18030) => {
            gb18030().ok_or_else(|| "not GB18030 text (as `--encoding gb18030` says)".into())
        }
        None => utf8().or_else(|e| {
            gb18030().ok_or_else(|| {
                let at = e.valid_up_to();
                format!(
                    "line {} (byte {at}) is neither UTF-8 nor GB18030 (GBK): save the file as \"CSV UTF-8\"",
                    bytes[..at].split(|b| *b == b'\n').count()
                )
            })
        }),
    }
}

fn text_cell(v: &str) -> Cell {
    if v.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(v.to_string())
    }
}

fn csv_message(e: &csv::Error, line_of: &dyn Fn(u64) -> usize) -> String {
    match e.position() {
        Some(p) => format!("line {}: {e}", line_of(p.byte())),
        None => e.to_string(),
    }
}
