//! `salesflow test PATH…`: runs rule test files (see [`crate::ruletest`]) and
//! prints the report for people, as JSON or as JUnit XML. Exit 0 when every test
//! passed (and coverage reached `--threshold`), 1 when one failed (or coverage is
//! short), 2 when a test file could not run.

use std::io::IsTerminal;

use super::Exit;
use crate::cli::{TestArgs, TestFormat};
use crate::ruletest::{Options, Verdict, human, junit, run_paths};

pub(super) fn run(args: &TestArgs) -> Exit {
    let options = Options {
        filter: args.filter.clone(),
        coverage: args.coverage,
        threshold: args.threshold,
    };
    let report = match run_paths(&args.paths, &options) {
        Ok(r) => r,
        Err((path, e)) => {
            eprintln!("error: cannot read `{}`: {e}", path.display());
            return Exit::Usage;
        }
    };
    match args.format {
        TestFormat::Human => {
            eprint!("{}", human::render_file_errors(&report));
            let color = super::color(std::io::stdout().is_terminal());
            print!("{}", human::render(&report, color));
            if let Some(pattern) = &args.filter {
                let ran = report.summary.passed + report.summary.failed;
                if ran == 0 {
                    eprintln!("warning: no test name or file path contains `{pattern}`");
                }
            }
        }
        TestFormat::Json => {
            println!(
                "{}",
                serde_json::to_string_pretty(&report).unwrap_or_default()
            );
        }
        TestFormat::Junit => {
            print!("{}", junit::render(&report));
            if report.coverage.is_some() {
                // JUnit has no place for coverage: people still see it.
                let mut only = report.clone();
                only.files.clear();
                eprint!("{}", human::render(&only, false));
            }
        }
    }
    match report.verdict() {
        Verdict::Passed => Exit::Success,
        Verdict::Failed => Exit::Failure,
        Verdict::Unreadable => Exit::Usage,
    }
}
