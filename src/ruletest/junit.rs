//! The report as JUnit XML, for CI dashboards: a `<testsuite>` per test file, a
//! `<testcase>` per expectation (classname: the test's name), `<failure>` with the
//! one-line message and the diff as its text, `<error>` for an expectation that
//! could not be compared, for a test's run errors (a testcase named `run`) and for
//! a file that could not run (a testcase named `file`). No timings, so the output
//! is the same on every run.

use std::fmt::Write as _;

use super::human::{expectation_name, mismatch_lines};
use super::report::Report;

/// The report as a JUnit XML document.
pub fn render(report: &Report) -> String {
    let mut suites = String::new();
    let (mut all_tests, mut all_failures, mut all_errors) = (0, 0, 0);
    for file in &report.files {
        let mut cases = String::new();
        let (mut tests, mut failures, mut errors) = (0, 0, 0);
        if let Some(e) = &file.error {
            tests += 1;
            errors += 1;
            let place = match (e.line, e.column) {
                (Some(l), Some(c)) => format!("{l}:{c}: "),
                (Some(l), None) => format!("{l}: "),
                _ => String::new(),
            };
            let message = format!("{place}{}", e.message);
            let _ = writeln!(
                cases,
                "    <testcase classname=\"{}\" name=\"file\">\n      <error message=\"{}\">{}</error>\n    </testcase>",
                escape(&file.file),
                escape(&message),
                escape(e.detail.as_deref().unwrap_or(&message))
            );
        }
        for test in &file.tests {
            let class = escape(&test.name);
            if !test.errors.is_empty() {
                tests += 1;
                errors += 1;
                let _ = writeln!(
                    cases,
                    "    <testcase classname=\"{class}\" name=\"run\">\n      <error message=\"{}\">{}</error>\n    </testcase>",
                    escape(&test.errors[0]),
                    escape(&test.errors.join("\n"))
                );
            }
            for exp in &test.expectations {
                tests += 1;
                let line = exp.line.map(|l| format!("line {l}: ")).unwrap_or_default();
                let name = escape(&format!("{line}{}", expectation_name(exp)));
                if exp.passed {
                    let _ = writeln!(
                        cases,
                        "    <testcase classname=\"{class}\" name=\"{name}\"/>"
                    );
                    continue;
                }
                let _ = writeln!(
                    cases,
                    "    <testcase classname=\"{class}\" name=\"{name}\">"
                );
                if let Some(e) = &exp.error {
                    errors += 1;
                    let _ = writeln!(
                        cases,
                        "      <error message=\"{}\">{}</error>",
                        escape(e),
                        escape(e)
                    );
                } else {
                    failures += 1;
                    let message: Vec<&str> =
                        exp.mismatches.iter().map(|m| m.message.as_str()).collect();
                    let body: Vec<String> =
                        exp.mismatches.iter().flat_map(mismatch_lines).collect();
                    let _ = writeln!(
                        cases,
                        "      <failure message=\"{}\">{}</failure>",
                        escape(&message.join("; ")),
                        escape(&body.join("\n"))
                    );
                }
                let _ = writeln!(cases, "    </testcase>");
            }
        }
        let _ = write!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">\n{cases}  </testsuite>\n",
            escape(&file.file)
        );
        all_tests += tests;
        all_failures += failures;
        all_errors += errors;
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"salesflow test\" tests=\"{all_tests}\" failures=\"{all_failures}\" errors=\"{all_errors}\">\n{suites}</testsuites>\n"
    )
}

/// Text for an XML attribute or element: the five entities escaped, and control
/// characters other than tab and newline (which XML 1.0 cannot hold) dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_and_control_characters_are_escaped() {
        assert_eq!(
            escape("a<b> & \"c\" 'd'\u{1b}[31m\n"),
            "a&lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;[31m\n"
        );
    }
}
