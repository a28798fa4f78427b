//! `salesflow fmt PATH…`: rewrite rule files in the canonical layout.
//!
//! Every file is read before anything is written, so an unreadable path (exit 2)
//! leaves every file as it was. A file with syntax errors is reported like `check`
//! reports it and left alone (exit 1). `--check` lists the files that would change
//! and exits 1 if any would; `--diff` prints what would change; neither writes.
//! Without a path, the folder of the configured rules is formatted.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;

use serde_json::json;

use super::output::{Printer, err, errln, out, outln};
use super::{CommandError, Outcome, Result, Settings};
use crate::cli::{FmtArgs, Format};
use crate::diagnostic::Diagnostic;
use crate::fmt::{format_source, unified_diff};
use crate::source::SourceFile;

pub(super) fn run(args: &FmtArgs, s: &Settings, p: &mut Printer) -> Result {
    let roots = if args.paths.is_empty() {
        let rules = s.require_rules("fmt")?;
        vec![rules_folder(rules)]
    } else {
        args.paths.clone()
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    for path in &roots {
        for found in super::flow_files(path)? {
            if !paths.contains(&found) {
                paths.push(found);
            }
        }
    }
    let mut sources = Vec::with_capacity(paths.len());
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|source| CommandError::Read {
            path: path.clone(),
            source,
        })?;
        sources.push(SourceFile::new(path, text));
    }

    let mut outcome = Outcome::Done;
    let mut changed: Vec<(&Arc<SourceFile>, String)> = Vec::new();
    let mut broken: Vec<Diagnostic> = Vec::new();
    let json = s.format == Format::Json;
    let color = super::color(std::io::stderr().is_terminal());
    for source in &sources {
        match format_source(source) {
            Ok(text) if *text == *source.text => {}
            Ok(text) => changed.push((source, text)),
            Err(errors) => {
                let diagnostics: Vec<Diagnostic> = errors
                    .iter()
                    .map(|e| Diagnostic::syntax(source, e))
                    .collect();
                if !json {
                    for d in &diagnostics {
                        err!(p, "{}", d.render_to_string(color));
                    }
                    errln!(p, "{}", t!("fmt-syntax-errors", file = source.name()));
                }
                broken.extend(diagnostics);
                outcome = Outcome::Failed;
            }
        }
    }
    let write = !args.check && !args.diff;
    if args.check && !changed.is_empty() {
        outcome = Outcome::Failed;
    }
    if write {
        for (source, text) in &changed {
            std::fs::write(&source.path, text).map_err(|e| CommandError::Write {
                path: source.path.clone(),
                source: e,
            })?;
        }
    }
    if json {
        let files: Vec<_> = changed
            .iter()
            .map(|(source, text)| {
                let name = source.name();
                let mut file = json!({ "file": name, "changed": true });
                if args.diff {
                    file["diff"] = json!(unified_diff(&source.text, text, &name, &name));
                }
                file
            })
            .collect();
        let errors: Vec<_> = broken.iter().map(Diagnostic::to_json).collect();
        outln!(
            p,
            "{}",
            super::pretty(&json!({ "written": write, "changed": files, "diagnostics": errors }))
        );
    } else if args.diff {
        for (source, text) in &changed {
            let name = source.name();
            out!(p, "{}", unified_diff(&source.text, text, &name, &name));
        }
    } else if args.check {
        for (source, _) in &changed {
            outln!(p, "{}", source.name());
        }
    }
    Ok(outcome)
}

/// The folder holding the root rule file: `fmt` formats every `*.flow` beside it.
fn rules_folder(rules: &std::path::Path) -> PathBuf {
    match rules.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
