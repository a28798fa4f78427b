//! `--format gitlab`: a GitLab Code Quality report (the subset of the Code
//! Climate format GitLab reads), which a merge request shows beside the diff:
//!
//! ```json
//! [{ "description": "unknown stage `pco`; not a stage of the pipeline; help: did you mean `poc`?",
//!    "check_name": "salesflow::unknown_stage", "fingerprint": "…", "severity": "major",
//!    "location": { "path": "rules/main.flow",
//!                  "positions": { "begin": { "line": 3, "column": 18 }, "end": { "line": 3, "column": 21 } } } }]
//! ```
//!
//! Errors are `major`, warnings `minor`. The fingerprint is the one of
//! [`fingerprints`]: stable across runs and across lines inserted above. Columns
//! are in characters; a place known only by its line has `lines.begin`; a finding
//! about no file is left out (GitLab requires a path).

use serde::Serialize;

use super::Severity;
use super::finding::{Finding, Position, fingerprints};

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    lines: Option<Lines>,
    #[serde(skip_serializing_if = "Option::is_none")]
    positions: Option<Positions>,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

#[derive(Serialize)]
struct Positions {
    begin: LineColumn,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<LineColumn>,
}

#[derive(Serialize)]
struct LineColumn {
    line: usize,
    column: usize,
}

/// The report, a JSON array.
pub fn render(findings: &[Finding]) -> String {
    let prints = fingerprints(findings);
    let issues: Vec<Issue<'_>> = findings
        .iter()
        .zip(prints)
        .filter_map(|(f, fingerprint)| {
            let place = f.place.as_ref()?;
            let start = place.start.unwrap_or(Position {
                line: 1,
                column: None,
            });
            let column = |p: Position| {
                p.column.map(|c| LineColumn {
                    line: p.line,
                    column: c.chars,
                })
            };
            let positions = column(start).map(|begin| Positions {
                begin,
                end: place.end.and_then(column),
            });
            Some(Issue {
                description: one_line(f),
                check_name: f.rule.id,
                fingerprint,
                severity: match f.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                location: Location {
                    path: &place.path,
                    lines: positions.is_none().then_some(Lines { begin: start.line }),
                    positions,
                },
            })
        })
        .collect();
    serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into())
}

/// The message, its label and the help on one line: the merge request widget
/// shows one line per finding (the detail, such as a diff, is left to the job log).
fn one_line(f: &Finding) -> String {
    let mut parts = vec![f.message.as_str()];
    parts.extend(f.label.as_deref());
    let help = f.help.as_ref().map(|h| format!("help: {h}"));
    parts.extend(help.as_deref());
    parts.join("; ").replace(['\r', '\n'], " ")
}
