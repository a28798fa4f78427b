//! `salesflow check PATH…`: every given file is the root of a flow unless another
//! given file includes it; all diagnostics of all flows are printed. Without a
//! path, the rules of salesflow.yaml are checked.

use std::io::IsTerminal;
use std::path::PathBuf;

use super::output::{Printer, err, errln, outln};
use super::{CommandError, Outcome, Result, Settings};
use crate::check::{DiskLoader, check_path_with_team, normalize};
use crate::cli::{CheckArgs, Format};
use crate::diagnostic::{Diagnostic, Severity};

pub(super) fn run(args: &CheckArgs, s: &Settings, p: &mut Printer) -> Result {
    let roots = if args.paths.is_empty() {
        vec![s.require_rules("check")?.to_path_buf()]
    } else {
        args.paths.clone()
    };
    let mut files = Vec::new();
    for path in &roots {
        files.append(&mut super::flow_files(path)?);
    }
    let team = s.team_file()?;
    let mut results = Vec::new();
    for file in &files {
        let checked = check_path_with_team(file, &DiskLoader, team.as_ref()).map_err(|source| {
            CommandError::Read {
                path: file.clone(),
                source,
            }
        })?;
        results.push(checked);
    }
    // A given file that another given flow includes is checked as part of it.
    let included: Vec<PathBuf> = results
        .iter()
        .flat_map(|c| c.files.iter().skip(1).map(|f| normalize(&f.path)))
        .collect();
    results.retain(|c| !included.contains(&normalize(&c.root)));

    let diagnostics: Vec<&Diagnostic> = results.iter().flat_map(|c| &c.diagnostics).collect();
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    if s.format == Format::Json {
        let json: Vec<_> = diagnostics.iter().map(|d| d.to_json()).collect();
        outln!(p, "{}", super::pretty(&serde_json::json!(json)));
    } else {
        let color = super::color(std::io::stderr().is_terminal());
        for d in &diagnostics {
            err!(p, "{}", d.render_to_string(color));
        }
        let flows = results.len();
        let file_count: usize = results.iter().map(|c| c.files.len()).sum();
        errln!(
            p,
            "{}",
            t!(
                "check-summary",
                flows = flows,
                files = file_count,
                errors = errors,
                warnings = warnings
            )
        );
    }
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        Ok(Outcome::Failed)
    } else {
        Ok(Outcome::Done)
    }
}
