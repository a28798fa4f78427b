//! `salesflow check PATH…`: every given file is the root of a flow unless another
//! given file includes it; all diagnostics of all flows are printed.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use super::Exit;
use crate::check::{DiskLoader, check_path_with_team, normalize};
use crate::cli::{CheckArgs, Format};
use crate::diagnostic::{Diagnostic, Severity};

pub(super) fn run(args: &CheckArgs) -> Exit {
    let mut files = Vec::new();
    for path in &args.paths {
        match super::flow_files(path) {
            Ok(mut found) => files.append(&mut found),
            Err(e) => {
                eprintln!("error: cannot read `{}`: {e}", path.display());
                return Exit::Usage;
            }
        }
    }
    let team_path = args
        .team
        .clone()
        .or_else(|| crate::config::Config::load().ok().and_then(|c| c.team));
    let team = match team_path.map(|p| crate::team::Team::load(&p)).transpose() {
        Ok(team) => team,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Usage;
        }
    };
    let mut results = Vec::new();
    for file in &files {
        match check_path_with_team(file, &DiskLoader, team.as_ref()) {
            Ok(checked) => results.push(checked),
            Err(e) => {
                eprintln!("error: cannot read `{}`: {e}", file.display());
                return Exit::Usage;
            }
        }
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
    match args.format {
        Format::Json => {
            let json: Vec<_> = diagnostics.iter().map(|d| d.to_json()).collect();
            let text = serde_json::to_string_pretty(&json).unwrap_or_else(|_| "[]".into());
            println!("{text}");
        }
        Format::Human => {
            let mut err = std::io::stderr().lock();
            let color = super::color(std::io::stderr().is_terminal());
            for d in &diagnostics {
                let _ = write!(err, "{}", d.render_to_string(color));
            }
            let flows = results.len();
            let file_count: usize = results.iter().map(|c| c.files.len()).sum();
            let _ = writeln!(
                err,
                "checked {flows} flow{} ({file_count} file{}): {errors} error{}, {warnings} warning{}",
                plural(flows),
                plural(file_count),
                plural(errors),
                plural(warnings)
            );
        }
    }
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        Exit::Failure
    } else {
        Exit::Success
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
