//! Rule tests (`salesflow test`): YAML files that state customers, a timeline of
//! their events and what the rules must have done by given times. Takes test
//! files (or folders of `*.yaml`); produces a [`Report`] of every expectation
//! that held or not (with a diff and the rule that decided), and coverage of the
//! flows under test.
//!
//! A test file, one test (README.md has the same example, run by a test):
//! ```yaml
//! name: 法务环节                      # optional; default: the file's stem
//! rules: ../zhilian.flow              # relative to this file
//! team: ../team.yaml                  # optional
//! start: 2026-03-02T09:00:00+08:00    # offsets count from here
//! tick: 1h                            # optional: extra ticks this often
//! customers:                          # import column names; created_at defaults to start
//!   - { id: c1, name: 宁波某整车配套厂, owner: zhang, stage: demo, estimated_margin: 320000 }
//! events:                             # one of kind | move | update | task_done | verdict
//!   - { at: 0h, customer: c1, kind: visit, role: decision_maker, text: 客户提到需要法务审核 }
//!   - { at: 1d, customer: c1, update: { status: 推进中, next_action: 发合同, blocker: 法务审核 } }
//!   - { at: 2d, customer: c1, move: poc, evidence: [POC申请单] }
//!   - { at: 3d, customer: c1, task_done: 技术可行性报告 }
//!   - { at: 5d, customer: c1, verdict: { risk: legal_review, verdict: confirmed } }
//! expect:
//!   - { at: 1h, customer: c1, name: 周一上午变黄, health: yellow, signals: [legal_review] }
//!   - at: 2d
//!     tasks: [{ title: 技术可行性报告, assignee: wang, due: 2026-03-06 09:00 }]
//!     outbox: [{ to: zhao, kind: notify, template: margin_sync, text_contains: "320000" }]
//!   - { at: 10d, fired: [], exactly: true }
//!   - { at: 10d, no_outbox: true }
//! ```
//! Several tests in one file: `rules`, `team`, `start` and `tick` at the top and
//! `tests: [{ name, tick, customers, events, expect }, …]`. Times are offsets from
//! `start` (`0h`, `90m`, `8d4h`, `-30d`; wall-clock) or instants (`2026-03-04
//! 18:00` in the rules' zone, RFC 3339). An unknown key anywhere is an error.
//!
//! Each test runs against a fresh store in memory, driven tick by tick through
//! the same store calls as `apply` (see `run.rs`); by default a tick falls at every
//! entry and every expectation.

mod context;
mod coverage;
mod customers;
mod error;
mod expects;
pub mod human;
pub mod junit;
mod lines;
mod lists;
mod load;
mod matching;
mod messages;
mod report;
mod run;
mod spec;
mod suite;
mod timeline;
mod verify;
mod when;

use std::io;
use std::path::{Path, PathBuf};

pub use coverage::{Coverage, FlowCoverage, Item, meets};
pub use error::{Place, TestFileError};
pub use load::discover;
pub use report::{
    CoverageReport, ExpectReport, FileError, FileReport, Report, Summary, TestReport, Verdict,
};
pub use verify::Mismatch;

/// What to run and what to report.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Run only the tests whose name, or file path, contains this.
    pub filter: Option<String>,
    /// Report coverage.
    pub coverage: bool,
    /// Fail under this coverage, in percent (implies coverage).
    pub threshold: Option<u32>,
}

/// Runs every test file under `paths`. Fails only when a path cannot be read;
/// a test file that cannot run is reported in its [`FileReport`].
pub fn run_paths(paths: &[PathBuf], options: &Options) -> Result<Report, (PathBuf, io::Error)> {
    let files = discover(paths)?;
    let mut loader = load::Loader::new();
    let mut coverage = Coverage::default();
    let mut report = Report {
        files: Vec::new(),
        summary: Summary::default(),
        coverage: None,
    };
    let mut skipped = 0;
    for file in files {
        let shown = file.display().to_string();
        let suite = match loader.load(&file) {
            Ok(suite) => suite,
            Err(e) => {
                report.files.push(FileReport::unreadable(shown, &e));
                continue;
            }
        };
        coverage.add_flow(&suite.rules, &suite.flow);
        let mut tests = Vec::new();
        for case in &suite.tests {
            if !selected(options.filter.as_deref(), &suite.file, &case.name) {
                skipped += 1;
                continue;
            }
            let outcome = run::run(&suite, case);
            if let Some(world) = &outcome.world {
                coverage.record(&suite.rules, &suite.flow, &world.applied);
            }
            tests.push(TestReport::new(&suite, case, &outcome));
        }
        report.files.push(FileReport {
            file: shown,
            error: None,
            tests,
        });
    }
    report.count(skipped);
    if options.coverage || options.threshold.is_some() {
        report.coverage = Some(CoverageReport::new(coverage, options.threshold));
    }
    Ok(report)
}

/// Whether `--run PATTERN` selects a test: its name or its file's path contains
/// the pattern.
fn selected(filter: Option<&str>, file: &Path, name: &str) -> bool {
    filter.is_none_or(|p| name.contains(p) || file.to_string_lossy().contains(p))
}
