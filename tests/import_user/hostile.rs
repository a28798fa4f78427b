//! The hostile corpus of `tests/hostile/import/` and generated bombs, each run
//! through the binary: the right exit code, a clear message, no panic, bounded
//! time, and for the memory bombs a bounded address space (`ulimit -v`).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::{project, repo};

/// Address space a run may use: far above a normal import (the binary maps
/// about 100 MB), far below what the bombs took (24 GB, 6.2 GB).
const ADDRESS_SPACE_KB: u64 = 1_500_000;

/// Runs `salesflow import KIND FILE` under `ulimit -v`; returns (exit code,
/// stderr), asserting no panic and an end within `seconds`.
fn run(dir: &Path, kind: &str, file: &Path, seconds: u64) -> (i32, String) {
    let started = Instant::now();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {ADDRESS_SPACE_KB}; exec \"$0\" import \"$1\" \"$2\""
        ))
        .arg(env!("CARGO_BIN_EXE_salesflow"))
        .arg(kind)
        .arg(file)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let elapsed = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        !stderr.contains("panicked") && !stderr.contains("memory allocation"),
        "{}: {stderr}",
        file.display()
    );
    assert!(
        elapsed < Duration::from_secs(seconds),
        "{} took {elapsed:?}",
        file.display()
    );
    (out.status.code().unwrap_or(-1), stderr)
}

fn expect(dir: &Path, kind: &str, file: &Path, code: i32, message: &str) {
    let (got, stderr) = run(dir, kind, file, 20);
    assert_eq!(got, code, "{}: {stderr}", file.display());
    assert!(
        stderr.contains(message),
        "{}: {message:?} not in:\n{stderr}",
        file.display()
    );
}

#[test]
fn the_committed_corpus_ends_in_clear_errors() {
    let dir = project("hostile_corpus");
    let corpus = |name: &str| repo("tests/hostile/import").join(name);
    for (kind, name, code, message) in [
        (
            "customers",
            "extra_cell.csv",
            1,
            ":2: column `(column E)`: `多出来的一格` stands beyond the last column",
        ),
        (
            "customers",
            "duplicate_key.jsonl",
            1,
            ":1: the key `owner` is written twice in one object",
        ),
        (
            "customers",
            "huge_numbers.jsonl",
            1,
            ":1: column `estimated_margin`: `1e999999` is not an amount",
        ),
        (
            "customers",
            "year_zero.yaml",
            1,
            "0000-01-01 00:00 is outside the years a record may fall in (1970–2199)",
        ),
        (
            "customers",
            "alias.yaml",
            2,
            "aliases (`*name`) are not taken in import files",
        ),
        (
            "customers",
            "not_text.csv",
            2,
            "is neither UTF-8 nor GB18030",
        ),
        (
            "customers",
            "near_misses.csv",
            1,
            "`2026/2/30` is not a date",
        ),
    ] {
        expect(&dir, kind, &corpus(name), code, message);
    }
    let fixtures = repo("tests/fixtures/import");
    expect(&dir, "customers", &fixtures.join("customers.csv"), 0, "");
    expect(
        &dir,
        "events",
        &corpus("events_out_of_range.csv"),
        1,
        ":3: column `at`: 9999-12-31 23:59 is outside the years a record may fall in",
    );
}

/// A minimal XLSX whose one sheet is `sheet_xml`.
fn xlsx(path: &Path, sheet_xml: &mut dyn FnMut(&mut dyn std::io::Write)) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .large_file(true);
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
    ];
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    sheet_xml(&mut zip);
    zip.finish().unwrap();
}

const SHEET_START: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#;

#[test]
fn xlsx_bombs_end_in_clear_errors_in_bounded_memory() {
    let dir = project("hostile_xlsx");
    // 2 KB: one cell at A1, one at XFD1048576, a range of 17 billion cells.
    let far = dir.join("far_cell.xlsx");
    xlsx(&far, &mut |w| {
        write!(
            w,
            r#"{SHEET_START}<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>"#
        )
        .unwrap();
    });
    assert!(std::fs::metadata(&far).unwrap().len() < 4_000);
    expect(
        &dir,
        "customers",
        &far,
        1,
        "row 1048576: column `(column XFD)`: `x` stands beyond the last column",
    );
    // 300 MB of whitespace inside the sheet, a few hundred KB packed.
    let blank = dir.join("whitespace.xlsx");
    xlsx(&blank, &mut |w| {
        write!(
            w,
            "{SHEET_START}<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>"
        )
        .unwrap();
        let spaces = vec![b' '; 1 << 20];
        for _ in 0..300 {
            w.write_all(&spaces).unwrap();
        }
        write!(w, "</t></is></c></row></sheetData></worksheet>").unwrap();
    });
    assert!(std::fs::metadata(&blank).unwrap().len() < 3_000_000);
    expect(
        &dir,
        "customers",
        &blank,
        2,
        "part `xl/worksheets/sheet1.xml` unpacks to more than 256 MiB",
    );
}

#[test]
fn deep_nesting_ends_at_once() {
    let dir = project("hostile_nesting");
    let yaml = dir.join("deep.yaml");
    std::fs::write(
        &yaml,
        format!("{}{}", "[".repeat(200_000), "]".repeat(200_000)),
    )
    .unwrap();
    let (code, stderr) = run(&dir, "customers", &yaml, 5);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("line 1: nested too deeply"), "{stderr}");
    let json = dir.join("deep.jsonl");
    std::fs::write(
        &json,
        format!(
            "{{\"id\": {}{}}}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    )
    .unwrap();
    let (code, stderr) = run(&dir, "customers", &json, 5);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(":1: "), "{stderr}");
}

#[test]
fn only_regular_files_under_the_size_limit_are_read() {
    let dir = project("hostile_special_files");
    expect(
        &dir,
        "customers",
        Path::new("/dev/zero"),
        2,
        "cannot import `/dev/zero`: unknown file type",
    );
    let zero = dir.join("zero.csv");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    expect(&dir, "customers", &zero, 2, "not a regular file");
    let fifo = dir.join("pipe.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    expect(&dir, "customers", &fifo, 2, "not a regular file");
    let folder: PathBuf = dir.join("folder.csv");
    std::fs::create_dir(&folder).unwrap();
    expect(&dir, "customers", &folder, 2, "not a regular file");
    let large = dir.join("large.csv");
    std::fs::File::create(&large)
        .unwrap()
        .set_len(300 << 20)
        .unwrap();
    expect(
        &dir,
        "customers",
        &large,
        2,
        "larger than 256 MiB, the most one import reads",
    );
}
