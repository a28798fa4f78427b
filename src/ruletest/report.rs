//! What a run of test files found, ready to render (people, JSON, JUnit): per file
//! its tests or why it could not run, per test its expectations and errors, the
//! counts, and the coverage when asked.

use serde::Serialize;

use super::coverage::{Coverage, FlowCoverage, meets};
use super::error::TestFileError;
use super::run::CaseRun;
use super::suite::{Case, Suite};
use super::verify::Mismatch;
use crate::diagnostic::Rule;
use crate::timefmt::{format_instant, rfc3339};

/// How a run ended (`salesflow test` exits 0, 1, 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Every test passed, and coverage reached the threshold.
    Passed,
    /// A test failed, or coverage is below the threshold.
    Failed,
    /// A test file could not run.
    Unreadable,
}

/// Everything a run found.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Each test file, in the order read.
    pub files: Vec<FileReport>,
    /// The counts.
    pub summary: Summary,
    /// Coverage, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coverage: Option<CoverageReport>,
}

/// One test file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    /// The file, as given or found.
    pub file: String,
    /// Why it could not run.
    pub error: Option<FileError>,
    /// Its tests that ran.
    pub tests: Vec<TestReport>,
}

/// Why a file could not run.
#[derive(Debug, Clone, Serialize)]
pub struct FileError {
    /// The line, when known.
    pub line: Option<usize>,
    /// The column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// More (the rules' diagnostics).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Its kind, for CI formats (the JSON has the message only).
    #[serde(skip)]
    pub rule: Rule,
}

/// One test.
#[derive(Debug, Clone, Serialize)]
pub struct TestReport {
    /// Its name.
    pub name: String,
    /// Where it starts (in a `tests:` list).
    pub line: Option<usize>,
    /// Every expectation held and nothing went wrong.
    pub passed: bool,
    /// What went wrong besides the expectations.
    pub errors: Vec<String>,
    /// Its expectations, in time order.
    pub expectations: Vec<ExpectReport>,
}

/// One expectation.
#[derive(Debug, Clone, Serialize)]
pub struct ExpectReport {
    /// Its name, if written.
    pub name: Option<String>,
    /// Its line.
    pub line: Option<usize>,
    /// When, RFC 3339 in the rules' zone.
    pub at: String,
    /// When, as written.
    pub when: String,
    /// When, for people.
    #[serde(skip)]
    pub shown_at: String,
    /// Whose.
    pub customer: Option<String>,
    /// Every comparison held.
    pub passed: bool,
    /// The failing comparisons.
    pub mismatches: Vec<Mismatch>,
    /// Why it could not be compared.
    pub error: Option<String>,
}

/// The counts: tests passed, failed and left out by `--run`, files unreadable.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Summary {
    /// Tests that passed.
    pub passed: usize,
    /// Tests that failed.
    pub failed: usize,
    /// Tests `--run` left out.
    pub skipped: usize,
    /// Files that could not be read or compiled.
    pub unreadable: usize,
}

/// Coverage with its verdict.
#[derive(Debug, Clone, Serialize)]
pub struct CoverageReport {
    /// Per flow.
    pub flows: Vec<FlowCoverage>,
    /// Parts covered, over all flows.
    pub covered: usize,
    /// All parts.
    pub total: usize,
    /// `--threshold`, in percent.
    pub threshold: Option<u32>,
    /// Whether the threshold is met (always, without one).
    pub met: bool,
}

impl CoverageReport {
    /// The coverage judged against a threshold.
    pub fn new(coverage: Coverage, threshold: Option<u32>) -> Self {
        let (covered, total) = coverage.totals();
        CoverageReport {
            flows: coverage.flows,
            covered,
            total,
            threshold,
            met: threshold.is_none_or(|t| meets(covered, total, t)),
        }
    }
}

impl FileReport {
    /// A file that could not run.
    pub fn unreadable(file: String, e: &TestFileError) -> Self {
        let place = e.place();
        let detail = match e {
            TestFileError::Rules { diagnostics, .. } => Some(diagnostics.clone()),
            _ => None,
        };
        FileReport {
            file,
            error: Some(FileError {
                line: place.line,
                column: place.column,
                message: e.message(),
                detail,
                rule: super::annotations::file_rule(e),
            }),
            tests: Vec::new(),
        }
    }
}

impl TestReport {
    /// The report of one test's run.
    pub fn new(suite: &Suite, case: &Case, run: &CaseRun<'_>) -> Self {
        let tz = suite.flow.timezone;
        let expectations: Vec<ExpectReport> = case
            .expects
            .iter()
            .map(|exp| {
                let found = run.results.iter().find(|(e, _)| std::ptr::eq(*e, exp));
                let (mismatches, error) = match found {
                    Some((_, Ok(m))) => (m.clone(), None),
                    Some((_, Err(e))) => (Vec::new(), Some(e.clone())),
                    None => (
                        Vec::new(),
                        Some("not compared: the run stopped before its time".to_string()),
                    ),
                };
                ExpectReport {
                    name: exp.name.clone(),
                    line: exp.line,
                    at: rfc3339(exp.at, tz),
                    when: exp.written.to_string(),
                    shown_at: format_instant(exp.at, tz),
                    customer: exp.customer.clone(),
                    passed: mismatches.is_empty() && error.is_none(),
                    mismatches,
                    error,
                }
            })
            .collect();
        TestReport {
            name: case.name.clone(),
            line: case.line,
            passed: run.errors.is_empty() && expectations.iter().all(|e| e.passed),
            errors: run.errors.clone(),
            expectations,
        }
    }
}

impl Report {
    /// Counts the tests and files.
    pub fn count(&mut self, skipped: usize) {
        let tests = self.files.iter().flat_map(|f| &f.tests);
        let passed = tests.clone().filter(|t| t.passed).count();
        self.summary = Summary {
            passed,
            failed: tests.count() - passed,
            skipped,
            unreadable: self.files.iter().filter(|f| f.error.is_some()).count(),
        };
    }

    /// How the run ended: a file could not run, else a test failed or coverage is
    /// below the threshold, else all passed.
    pub fn verdict(&self) -> Verdict {
        if self.summary.unreadable > 0 {
            Verdict::Unreadable
        } else if self.summary.failed > 0 || self.coverage.as_ref().is_some_and(|c| !c.met) {
            Verdict::Failed
        } else {
            Verdict::Passed
        }
    }
}
