//! The CI formats of `check` and `test` (`--format github|gitlab|sarif`): turns
//! diagnostics, or a test run's failures, into findings with paths relative to
//! the working directory and writes the one document on stdout. `test` also
//! writes the report for people on stderr under `github` (the job log is where
//! people read it), else the coverage when asked, as under `junit`.

use std::path::PathBuf;

use super::output::{Printer, err, out};
use crate::cli::Format;
use crate::diagnostic::finding::Finding;
use crate::diagnostic::{Code, Diagnostic, Rule, github, gitlab, sarif};
use crate::ruletest::{Report, annotations, human};

/// The formats this file writes.
pub(super) const FORMATS: &[Format] = &[Format::Github, Format::Gitlab, Format::Sarif];

/// `check` in a CI format.
pub(super) fn check(format: Format, diagnostics: &[&Diagnostic], p: &mut Printer) {
    let base = base();
    let findings: Vec<Finding> = diagnostics
        .iter()
        .map(|d| Finding::from_diagnostic(d, &base))
        .collect();
    let rules: Vec<Rule> = Code::ALL.iter().map(|c| c.rule()).collect();
    write(format, &findings, &rules, p);
}

/// `test` in a CI format.
pub(super) fn test(format: Format, report: &Report, p: &mut Printer) {
    let findings = annotations::findings(report, &base());
    write(format, &findings, annotations::ALL, p);
    if format == Format::Github {
        err!(p, "{}", human::render_file_errors(report));
        err!(p, "{}", human::render(report, false));
    } else if report.coverage.is_some() {
        let mut only = report.clone();
        only.files.clear();
        err!(p, "{}", human::render(&only, false));
    }
}

/// Writes the document of `format` (SARIF for any format not in [`FORMATS`]).
fn write(format: Format, findings: &[Finding], rules: &[Rule], p: &mut Printer) {
    match format {
        Format::Github => out!(p, "{}", github::render(findings)),
        Format::Gitlab => out!(p, "{}\n", gitlab::render(findings)),
        _ => out!(p, "{}\n", sarif::render(findings, rules, &base())),
    }
}

/// What paths are relative to: the working directory.
fn base() -> PathBuf {
    std::env::current_dir().unwrap_or_default()
}
