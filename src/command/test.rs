//! `salesflow test PATH…`: runs rule test files (see [`crate::ruletest`]) and
//! prints the report for people, as JSON or as JUnit XML. Exit 0 when every test
//! passed (and coverage reached `--threshold`), 1 when one failed (or coverage is
//! short), 2 when a test file could not run.

use std::io::IsTerminal;

use super::output::{Printer, err, errln, out, outln};
use super::{CommandError, Outcome, Result, Settings};
use crate::cli::{Format, TestArgs};
use crate::ruletest::{Options, Verdict, human, junit, run_paths};

pub(super) fn run(args: &TestArgs, s: &Settings, p: &mut Printer) -> Result {
    let options = Options {
        filter: args.filter.clone(),
        coverage: args.coverage,
        threshold: args.threshold,
    };
    let paths =
        if args.paths.is_empty() {
            vec![s.tests.clone().ok_or_else(|| {
                CommandError::usage(t!("error-no-tests"), Some(t!("help-no-tests")))
            })?]
        } else {
            args.paths.clone()
        };
    let report = run_paths(&paths, &options)
        .map_err(|(path, source)| CommandError::Read { path, source })?;
    match s.format {
        Format::Json => outln!(
            p,
            "{}",
            super::pretty(&serde_json::to_value(&report).unwrap_or_default())
        ),
        Format::Junit => {
            out!(p, "{}", junit::render(&report));
            if report.coverage.is_some() {
                // JUnit has no place for coverage: people still see it.
                let mut only = report.clone();
                only.files.clear();
                err!(p, "{}", human::render(&only, false));
            }
        }
        _ => {
            err!(p, "{}", human::render_file_errors(&report));
            let color = super::color(std::io::stdout().is_terminal());
            out!(p, "{}", human::render(&report, color));
            if let Some(pattern) = &args.filter {
                let ran = report.summary.passed + report.summary.failed;
                if ran == 0 {
                    errln!(p, "{}", t!("test-no-match", pattern = pattern));
                }
            }
        }
    }
    Ok(match report.verdict() {
        Verdict::Passed => Outcome::Done,
        Verdict::Failed => Outcome::Failed,
        Verdict::Unreadable => Outcome::Unreadable,
    })
}
