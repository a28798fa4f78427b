//! A file of rows, whatever its format: each row keeps where it came from (the
//! line, or the sheet row) and its cells by column name. CSV and XLSX have one
//! header for every row; JSON Lines and YAML rows carry their own keys.

use std::fmt;
use std::path::Path;

use chrono::NaiveDateTime;

use super::error::{ImportError, RowError};

/// One cell as the file typed it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing (an empty cell, `null`).
    Empty,
    /// Text (trimmed).
    Text(String),
    /// A number (JSON, YAML, a numeric spreadsheet cell) as the exact digits
    /// the file wrote (`12345678901234567890`, `1.5e3`, `0x1F`): never through a
    /// float, so an id or a phone number typed as a number keeps every digit.
    Number(String),
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
            Cell::Text(t) | Cell::Number(t) => f.write_str(t),
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
            Place::Line(n) => f.write_str(&crate::t!("import-place-line", n = n.to_string())),
            Place::SheetRow(n) => f.write_str(&crate::t!("import-place-row", n = n.to_string())),
            Place::Item(n) => f.write_str(&crate::t!("import-place-item", n = n.to_string())),
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
    /// What the reader found wrong with single rows (a cell too many, a key
    /// written twice, a number no format keeps exactly): reported with the
    /// checker's errors, so one run lists every problem.
    pub errors: Vec<RowError>,
    /// The text encoding a CSV file was read in.
    pub encoding: Option<Encoding>,
}

/// How a file is read and turned into rows: the options of `salesflow import`
/// that concern the file itself, not what its rows are checked against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The sheet of a workbook: a name, or a one-based number (default: the first).
    pub sheet: Option<String>,
    /// The encoding of a CSV file (default: detected).
    pub encoding: Option<Encoding>,
    /// A map from a foreign export's columns to ours (`--map`).
    pub map: Option<std::path::PathBuf>,
}

/// A text encoding a CSV file may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GB18030, and so GBK and GB2312 (Excel's "CSV" on Chinese Windows).
    #[value(name = "gb18030", alias = "gbk")]
    Gb18030,
}

impl Encoding {
    /// Its name as the summary shows it.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030",
        }
    }
}

/// The largest import file read, in bytes (256 MiB, about two million rows of
/// customers): larger exports are split, so a mistaken path (a disk image, a
/// log) fails at once instead of filling memory.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// Reads a file, choosing the format by its extension.
pub fn read(path: &Path, options: &ReadOptions) -> Result<Table, ImportError> {
    let file = path.display().to_string();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !FORMATS.contains(&ext.as_str()) {
        return Err(ImportError::Format { file });
    }
    let bytes = read_limited(path, &file)?;
    parse(bytes, file, &ext, options)
}

/// The extensions of the formats read (lowercase).
pub const FORMATS: [&str; 7] = ["csv", "xlsx", "xlsm", "jsonl", "ndjson", "yaml", "yml"];

/// Reads the bytes of a file named `file` in the format of extension `ext`
/// (one of [`FORMATS`]).
pub fn parse(
    bytes: Vec<u8>,
    file: String,
    ext: &str,
    options: &ReadOptions,
) -> Result<Table, ImportError> {
    match ext {
        "csv" => super::csv_file::read(&bytes, file, options.encoding),
        "xlsx" | "xlsm" => super::xlsx_file::read(bytes, file, options.sheet.as_deref()),
        "jsonl" | "ndjson" => super::jsonl_file::read(&bytes, file),
        "yaml" | "yml" => super::yaml_file::read(&bytes, file),
        _ => Err(ImportError::Format { file }),
    }
}

/// The bytes of a regular file of at most [`MAX_FILE_BYTES`]; a FIFO, a device
/// or a folder is refused before anything is read.
pub fn read_limited(path: &Path, file: &str) -> Result<Vec<u8>, ImportError> {
    use std::io::Read as _;
    let fail = |message: String| ImportError::Read {
        file: file.to_string(),
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| fail(e.to_string()))?;
    if !meta.is_file() {
        return Err(fail("not a regular file".into()));
    }
    let too_large = || {
        fail(format!(
            "larger than {} MiB, the most one import reads: split the file",
            MAX_FILE_BYTES >> 20
        ))
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| fail(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// The bytes as UTF-8 text without a byte-order mark, or an error naming the
/// line of the first byte that is not UTF-8.
pub(super) fn utf8<'b>(bytes: &'b [u8], file: &str, hint: &str) -> Result<&'b str, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::Read {
        file: file.to_string(),
        message: format!(
            "line {}: not UTF-8 text ({hint})",
            bytes[..e.valid_up_to()].split(|b| *b == b'\n').count()
        ),
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Builds the table of a file with one header row (CSV, XLSX): cells under a
/// column with no name, or beyond the last column, are errors unless blank
/// (a trailing separator loses nothing; a value there would be lost).
pub(super) fn from_grid(
    file: String,
    header_place: Place,
    header: Vec<String>,
    rows: Vec<(Place, Vec<(usize, Cell)>)>,
) -> Table {
    let mut errors = Vec::new();
    let named: Vec<Option<String>> = header
        .into_iter()
        .map(|h| Some(h.trim().to_string()).filter(|h| !h.is_empty()))
        .collect();
    let mut out = Vec::with_capacity(rows.len());
    for (place, cells) in rows {
        if cells.iter().all(|(_, c)| c.is_blank()) {
            continue;
        }
        let mut row = Vec::with_capacity(named.len());
        for (i, cell) in cells {
            match named.get(i) {
                Some(Some(name)) => row.push((name.clone(), cell)),
                _ if cell.is_blank() => {}
                Some(None) => errors.push(RowError::new(
                    &file,
                    place,
                    Some(&column_letter(i)),
                    format!("`{cell}` stands under a column with no name in the header row"),
                )),
                None => errors.push(RowError::new(
                    &file,
                    place,
                    Some(&column_letter(i)),
                    format!(
                        "`{cell}` stands beyond the last column: the header names {} column{}",
                        named.len(),
                        if named.len() == 1 { "" } else { "s" }
                    ),
                )),
            }
        }
        out.push(Row { place, cells: row });
    }
    let header = named.into_iter().flatten().collect();
    Table {
        file,
        header: Some((header_place, header)),
        rows: out,
        errors,
        encoding: None,
    }
}

/// `(column C)`: a column as a spreadsheet letters it (zero-based `i`).
pub fn column_letter(i: usize) -> String {
    let mut n = i + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("(column {})", letters.into_iter().collect::<String>())
}
