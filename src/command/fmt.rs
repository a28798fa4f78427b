//! `salesflow fmt PATH…`: rewrite rule files in the canonical layout.
//!
//! Every file is read before anything is written, so an unreadable path (exit 2)
//! leaves every file as it was. A file with syntax errors is reported like `check`
//! reports it and left alone (exit 1). `--check` lists the files that would change
//! and exits 1 if any would; `--diff` prints what would change; neither writes.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

use super::Exit;
use crate::cli::FmtArgs;
use crate::diagnostic::{Code, Diagnostic};
use crate::fmt::{format_source, unified_diff};
use crate::source::SourceFile;

pub(super) fn run(args: &FmtArgs) -> Exit {
    let mut paths: Vec<PathBuf> = Vec::new();
    for path in &args.paths {
        match super::flow_files(path) {
            Ok(found) => {
                for p in found {
                    if !paths.contains(&p) {
                        paths.push(p);
                    }
                }
            }
            Err(e) => {
                eprintln!("error: cannot read `{}`: {e}", path.display());
                return Exit::Usage;
            }
        }
    }
    let mut sources = Vec::with_capacity(paths.len());
    for path in paths {
        match std::fs::read_to_string(&path) {
            Ok(text) => sources.push(SourceFile::new(path, text)),
            Err(e) => {
                eprintln!("error: cannot read `{}`: {e}", path.display());
                return Exit::Usage;
            }
        }
    }

    let mut exit = Exit::Success;
    let mut changed: Vec<(&Arc<SourceFile>, String)> = Vec::new();
    {
        let mut err = std::io::stderr().lock();
        let color = super::color(std::io::stderr().is_terminal());
        for source in &sources {
            match format_source(source) {
                Ok(text) if *text == *source.text => {}
                Ok(text) => changed.push((source, text)),
                Err(errors) => {
                    for e in &errors {
                        let d = Diagnostic::from_miette(Code::UnexpectedToken, source, e);
                        let _ = write!(err, "{}", d.render_to_string(color));
                    }
                    let _ = writeln!(err, "not formatted: `{}` has syntax errors", source.name());
                    exit = Exit::Failure;
                }
            }
        }
    }

    let mut out = std::io::stdout().lock();
    if args.diff {
        for (source, text) in &changed {
            let name = source.name();
            let diff = unified_diff(&source.text, text, &name, &name);
            let _ = write!(out, "{diff}");
        }
    } else if args.check {
        for (source, _) in &changed {
            let _ = writeln!(out, "{}", source.name());
        }
    }
    if args.check || args.diff {
        if args.check && !changed.is_empty() {
            exit = Exit::Failure;
        }
        return exit;
    }
    for (source, text) in &changed {
        if let Err(e) = std::fs::write(&source.path, text) {
            eprintln!("error: cannot write `{}`: {e}", source.name());
            exit = Exit::Usage;
        }
    }
    exit
}
