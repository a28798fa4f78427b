//! Fuzzes the front end: the input is a rule file, optionally followed by a NUL
//! and a `--where` condition. The file is loaded as bytes (so a file that is not
//! UTF-8 takes the `not_utf8` path), with the example's `risks.flow` and holiday
//! files beside it; it is parsed and checked, every diagnostic drawn and turned
//! into JSON, the condition checked against the flow, and a file without syntax
//! errors formatted twice (the output must parse and format to itself).

#![no_main]

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use salesflow::check::{Checked, Loader, ReadError, check_condition, check_path, normalize};
use salesflow::fmt::format_source;
use salesflow::source::SourceFile;

const ROOT: &str = "rules/main.flow";

/// Files as bytes, by path.
struct Bytes(HashMap<PathBuf, Vec<u8>>);

impl Loader for Bytes {
    fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
        let bytes = self
            .0
            .get(&normalize(path))
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file"))?;
        if bytes.len() as u64 > limit {
            return Err(ReadError::TooLarge(bytes.len() as u64));
        }
        Ok(bytes.clone())
    }
}

fn loader(root: &[u8]) -> Bytes {
    let mut files = HashMap::new();
    files.insert(PathBuf::from(ROOT), root.to_vec());
    for (path, text) in [
        ("rules/risks.flow", include_str!("../../examples/risks.flow")),
        ("rules/holidays/2025.json", include_str!("../../examples/holidays/2025.json")),
        ("rules/holidays/2026.json", include_str!("../../examples/holidays/2026.json")),
    ] {
        files.insert(PathBuf::from(path), text.as_bytes().to_vec());
    }
    Bytes(files)
}

fn assert_sound(checked: &Checked) {
    assert_eq!(checked.flow.is_some(), !checked.has_errors());
    for d in &checked.diagnostics {
        assert!(!d.labels.is_empty());
        for l in &d.labels {
            let text: &str = &l.file.text;
            assert!(l.span.start <= l.span.end && l.span.end <= text.len());
            assert!(text.is_char_boundary(l.span.start) && text.is_char_boundary(l.span.end));
        }
        assert!(!d.render_to_string(false).is_empty());
        serde_json::to_string(&d.to_json()).unwrap();
    }
}

fuzz_target!(|data: &[u8]| {
    let (flow, condition) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], Some(&data[i + 1..])),
        None => (data, None),
    };
    let loader = loader(flow);
    let checked = check_path(Path::new(ROOT), &loader).expect("the root is in memory");
    assert_sound(&checked);

    if let Some(Ok(condition)) = condition.map(std::str::from_utf8) {
        match check_condition(Path::new(ROOT), &loader, condition).expect("in memory") {
            Ok(_) => {}
            Err(diagnostics) => {
                for d in &diagnostics {
                    assert!(!d.render_to_string(false).is_empty());
                }
            }
        }
    }

    let Ok(text) = std::str::from_utf8(flow) else { return };
    let source: Arc<SourceFile> = SourceFile::new(ROOT, text);
    if let Ok(once) = format_source(&source) {
        let again = format_source(&SourceFile::new(ROOT, once.as_str()))
            .unwrap_or_else(|e| panic!("fmt output does not parse: {e:?}\n{once}"));
        assert_eq!(again, once, "fmt is not idempotent");
    }
});
