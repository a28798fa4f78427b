//! A run's failures as CI findings (`salesflow test --format github|gitlab|sarif`):
//! each failed expectation on its own line of the test file, each run error on
//! the entry's line, each file that could not run where it went wrong, and,
//! when coverage is below `--threshold`, each flow under test (on its root rule
//! file) with the parts no test exercised. Passing tests give nothing.
//!
//! Each finding has a [`Rule`] of its own, `salesflow::test::…`, with a page in
//! `docs/codes/test/` as the diagnostic codes have.

use std::path::Path;

use super::error::TestFileError;
use super::human::{expectation_name, mismatch_lines};
use super::report::{CoverageReport, FileReport, Report, TestReport};
use crate::diagnostic::finding::{Finding, Place};
use crate::diagnostic::{Rule, Severity};

/// An expectation that does not hold.
pub const FAILED: Rule = rule(
    "salesflow::test::failed",
    "An expectation of a rule test does not hold.",
);
/// A test that could not run to its end, or an expectation that could not be
/// compared.
pub const ERROR: Rule = rule(
    "salesflow::test::error",
    "A rule test could not run to its end, or an expectation could not be compared.",
);
/// A test file (or a file it names) that cannot be read.
pub const UNREADABLE: Rule = rule(
    "salesflow::test::unreadable",
    "A test file, or a file it names, cannot be read.",
);
/// A test file that is not YAML of the test-file shape.
pub const SHAPE: Rule = rule(
    "salesflow::test::shape",
    "A test file is not YAML of the test-file shape.",
);
/// A test file that names something the rules or the team do not have.
pub const INVALID: Rule = rule(
    "salesflow::test::invalid",
    "A test file names something the rules or the team do not have.",
);
/// A test file whose rules do not check.
pub const RULES: Rule = rule(
    "salesflow::test::rules",
    "The rules a test file runs have errors.",
);

/// Coverage below `--threshold`.
pub const COVERAGE: Rule = rule(
    "salesflow::test::coverage",
    "The rule tests exercise less of the rules than `--threshold` asks.",
);

/// Every rule a test finding can have.
pub const ALL: &[Rule] = &[FAILED, ERROR, UNREADABLE, SHAPE, INVALID, RULES, COVERAGE];

const fn rule(id: &'static str, summary: &'static str) -> Rule {
    Rule {
        id,
        summary,
        severity: Severity::Error,
    }
}

/// The rule of a test file that could not run.
pub fn file_rule(e: &TestFileError) -> Rule {
    match e {
        TestFileError::Read { .. } => UNREADABLE,
        TestFileError::Shape { .. } => SHAPE,
        TestFileError::Invalid { .. } => INVALID,
        TestFileError::Rules { .. } => RULES,
    }
}

/// The findings of a run, paths relative to `base`.
pub fn findings(report: &Report, base: &Path) -> Vec<Finding> {
    let mut out = Vec::new();
    for file in &report.files {
        if let Some(e) = &file.error {
            let path = Path::new(&file.file);
            // The column is in characters; SARIF also wants it in UTF-16 units,
            // which the line's text gives.
            let text = e.column.and(std::fs::read_to_string(path).ok());
            let line_text = e
                .line
                .zip(text.as_deref())
                .and_then(|(line, text)| text.lines().nth(line.saturating_sub(1)));
            let column = e.column.zip(line_text);
            out.push(Finding {
                detail: e
                    .detail
                    .as_deref()
                    .map(|d| d.lines().map(str::to_string).collect())
                    .unwrap_or_default(),
                ..finding(
                    e.rule,
                    Place::at_line(path, base, e.line, column),
                    e.message.clone(),
                    e.message.clone(),
                )
            });
        }
        for test in &file.tests {
            failures(file, test, base, &mut out);
        }
    }
    if let Some(coverage) = report.coverage.as_ref().filter(|c| !c.met) {
        shortfall(coverage, base, &mut out);
    }
    out
}

/// Coverage below the threshold: a finding on each flow's root rule file that
/// has parts no test exercised, listing them.
fn shortfall(coverage: &CoverageReport, base: &Path, out: &mut Vec<Finding>) {
    let threshold = coverage.threshold.unwrap_or(100);
    for flow in coverage.flows.iter().filter(|f| f.covered < f.total) {
        let mut f = finding(
            COVERAGE,
            Place::at_line(&flow.rules, base, None, None),
            format!(
                "the tests cover {} of {} parts of these rules; `--threshold {threshold}` asks \
                 {threshold}% over all flows, which have {} of {} covered",
                flow.covered, flow.total, coverage.covered, coverage.total
            ),
            String::new(),
        );
        f.detail = flow
            .items
            .iter()
            .filter(|i| !i.covered)
            .map(|i| format!("not covered: {} {}", i.kind, i.name))
            .collect();
        out.push(f);
    }
}

/// The findings of one test: its run errors, then its failed expectations.
fn failures(file: &FileReport, test: &TestReport, base: &Path, out: &mut Vec<Finding>) {
    let path = Path::new(&file.file);
    for e in &test.errors {
        let (line, message) = entry_place(&file.file, e);
        out.push(finding(
            ERROR,
            Place::at_line(path, base, line.or(test.line), None),
            format!("{}: {message}", test.name),
            format!("{}\0{message}", test.name),
        ));
    }
    for exp in test.expectations.iter().filter(|e| !e.passed) {
        let name = expectation_name(exp);
        let place = Place::at_line(path, base, exp.line.or(test.line), None);
        let identity = format!("{}\0{}", test.name, name);
        let mut f = if let Some(e) = &exp.error {
            finding(
                ERROR,
                place,
                format!("{}: {name}: {e}", test.name),
                identity,
            )
        } else {
            finding(FAILED, place, format!("{}: {name}", test.name), identity)
        };
        // What failed, on one line; then the diffs (a lone mismatch's message
        // is not repeated above its diff).
        let messages: Vec<&str> = exp.mismatches.iter().map(|m| m.message.as_str()).collect();
        f.label = (!messages.is_empty()).then(|| messages.join("; "));
        let skip = usize::from(exp.mismatches.len() == 1);
        f.detail = exp
            .mismatches
            .iter()
            .flat_map(|m| mismatch_lines(m).into_iter().skip(skip))
            .collect();
        out.push(f);
    }
}

/// The line of a run error that names its entry (`run.rs` writes
/// `{file}:{line}: {message}`), and the message without that place.
fn entry_place<'a>(file: &str, error: &'a str) -> (Option<usize>, &'a str) {
    let place = error
        .strip_prefix(file)
        .and_then(|rest| rest.strip_prefix(':'))
        .and_then(|rest| rest.split_once(": "))
        .and_then(|(line, message)| Some((line.parse().ok()?, message)));
    match place {
        Some((line, message)) => (Some(line), message),
        None => (None, error),
    }
}

fn finding(rule: Rule, place: Place, message: String, excerpt: String) -> Finding {
    Finding {
        rule,
        severity: rule.severity,
        message,
        label: None,
        help: None,
        detail: Vec::new(),
        place: Some(place),
        related: Vec::new(),
        excerpt,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_errors_give_the_line_of_their_entry() {
        let file = "tests/a,b.yaml";
        assert_eq!(
            entry_place(
                file,
                "tests/a,b.yaml:7: `task_done: 报告` at 2026-03-03: no task"
            ),
            (Some(7), "`task_done: 报告` at 2026-03-03: no task")
        );
        assert_eq!(
            entry_place(file, "store: disk full"),
            (None, "store: disk full")
        );
        assert_eq!(
            entry_place(file, "tests/a,b.yaml: no line"),
            (None, "tests/a,b.yaml: no line")
        );
    }

    #[test]
    fn test_rules_match_the_codes_of_test_file_errors() {
        use miette::Diagnostic as _;
        let place = super::super::Place {
            file: "t.yaml".into(),
            line: None,
            column: None,
        };
        let errors = [
            TestFileError::Read {
                place: place.clone(),
                path: "t.yaml".into(),
                message: "gone".into(),
            },
            TestFileError::Shape {
                place: place.clone(),
                message: "bad".into(),
            },
            TestFileError::Invalid {
                place: place.clone(),
                message: "bad".into(),
            },
            TestFileError::Rules {
                place,
                rules: "r.flow".into(),
                diagnostics: String::new(),
            },
        ];
        for e in &errors {
            let code = e.code().map(|c| c.to_string());
            assert_eq!(code.as_deref(), Some(file_rule(e).id));
        }
    }
}
