//! The report for people: one line per test with ✓ or ✗, each failure in detail
//! under its test (the expectation's `file:line` and name, expected against
//! actual as `-`/`+` lines, the rule that decided), the coverage when asked,
//! and last the plain `N passed, N failed` line that CI parsers read.

use std::fmt::Write as _;
use std::path::Path;

use super::report::{ExpectReport, FileReport, Report, TestReport};
use super::verify::Mismatch;

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const RESET: &str = "\x1b[0m";

/// The report's text for standard output.
pub fn render(report: &Report, color: bool) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    };
    let mut out = String::new();
    for file in &report.files {
        for test in &file.tests {
            let mark = if test.passed {
                paint(GREEN, "✓")
            } else {
                paint(RED, "✗")
            };
            let _ = writeln!(out, "{mark} {}", title(file, test));
            if !test.passed {
                for line in failure_lines(file, test) {
                    let painted = match line.trim_start().chars().next() {
                        Some('-') if color => paint(RED, &line),
                        Some('+') if color => paint(GREEN, &line),
                        _ => line,
                    };
                    let _ = writeln!(out, "    {painted}");
                }
            }
        }
    }
    if let Some(cov) = &report.coverage {
        let _ = writeln!(out);
        for flow in &cov.flows {
            let _ = writeln!(
                out,
                "{}",
                crate::t!(
                    "test-coverage-of",
                    rules = flow.rules.display().to_string(),
                    covered = flow.covered,
                    total = flow.total,
                    percent = percent(flow.covered, flow.total)
                )
            );
            for item in &flow.items {
                let mark = if item.covered {
                    paint(GREEN, "✓")
                } else {
                    paint(RED, "✗")
                };
                let _ = writeln!(out, "  {mark} {} {}", item.kind, item.name);
            }
        }
        let verdict = match cov.threshold {
            Some(t) if cov.met => crate::t!("test-threshold-met", threshold = t.to_string()),
            Some(t) => crate::t!(
                "test-threshold-not-met",
                threshold = t.to_string(),
                verdict = paint(RED, &crate::t!("test-not-met"))
            ),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "{}{verdict}",
            crate::t!(
                "test-coverage",
                covered = cov.covered,
                total = cov.total,
                percent = percent(cov.covered, cov.total)
            )
        );
    }
    let s = &report.summary;
    if s.unreadable > 0 {
        let _ = writeln!(
            out,
            "{}",
            crate::t!("test-unreadable", files = s.unreadable)
        );
    }
    let skipped = if s.skipped > 0 {
        crate::t!("test-skipped", skipped = s.skipped)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "{}{skipped}",
        crate::t!("test-summary", passed = s.passed, failed = s.failed)
    );
    out
}

/// The errors of files that could not run, for standard error.
pub fn render_file_errors(report: &Report) -> String {
    let mut out = String::new();
    for file in &report.files {
        if let Some(e) = &file.error {
            let _ = writeln!(
                out,
                "{}",
                crate::t!(
                    "test-file-error",
                    place = place(&file.file, e.line, e.column),
                    message = e.message
                )
            );
            if let Some(detail) = &e.detail {
                for line in detail.lines() {
                    let _ = writeln!(out, "  {line}");
                }
            }
        }
    }
    out
}

/// `file › name`, or just the file when the test is named after it.
pub fn title(file: &FileReport, test: &TestReport) -> String {
    let stem = Path::new(&file.file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned());
    if stem.as_deref() == Some(test.name.as_str()) {
        file.file.clone()
    } else {
        format!("{} › {}", file.file, test.name)
    }
}

/// The detail of a failed test: its errors, then each failed expectation.
pub fn failure_lines(file: &FileReport, test: &TestReport) -> Vec<String> {
    let mut out = Vec::new();
    for e in &test.errors {
        out.push(crate::t!("test-error", error = e));
    }
    for exp in test.expectations.iter().filter(|e| !e.passed) {
        out.push(format!(
            "{}: {}",
            place(&file.file, exp.line, None),
            expectation_name(exp)
        ));
        if let Some(e) = &exp.error {
            out.push(format!("  {}", crate::t!("test-error", error = e)));
        }
        for m in &exp.mismatches {
            out.extend(mismatch_lines(m).into_iter().map(|l| format!("  {l}")));
        }
    }
    out
}

/// `周一上午变黄 (c1 at 1h = 2026-03-02 10:00 +08:00 Mon)`.
pub fn expectation_name(exp: &ExpectReport) -> String {
    let whose = exp
        .customer
        .as_ref()
        .map_or_else(String::new, |c| format!("{c} "));
    let when = if exp.when == exp.shown_at {
        crate::t!("test-at", whose = whose, when = exp.when)
    } else {
        crate::t!(
            "test-at-shown",
            whose = whose,
            when = exp.when,
            at = exp.shown_at
        )
    };
    match &exp.name {
        Some(name) => format!("{name} ({when})"),
        None => when,
    }
}

/// A mismatch: its message, the diff, and the rule that decided.
pub fn mismatch_lines(m: &Mismatch) -> Vec<String> {
    let mut out = vec![m.message.clone()];
    out.extend(m.diff.iter().map(|l| format!("  {l}")));
    if !m.decided_by.is_empty() {
        out.push(format!("  {}", crate::t!("test-decided-by")));
        out.extend(m.decided_by.iter().map(|l| format!("    {l}")));
    }
    out
}

fn place(file: &str, line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
        (Some(l), None) => format!("{file}:{l}"),
        _ => file.to_string(),
    }
}

/// `97%`, rounded down so that 99.99% never shows as 100%.
fn percent(covered: usize, total: usize) -> String {
    if total == 0 {
        return "100%".into();
    }
    format!("{}%", covered * 100 / total)
}
