//! The report tests' store, built as a user builds one: `init`, `import` of the
//! CSV files in tests/fixtures/report, and `apply`, through the binary. The
//! figures the tests expect are computed by hand from those files (see the
//! comments in `tests/report_cli.rs`).
#![allow(dead_code, reason = "each test file uses a different part")]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The instant every report is made at: after the whole of March.
pub const AT: &str = "2026-04-02 09:00";

/// A file of the repository.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// An empty scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("report-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `salesflow ARGS` in `dir`, succeeding.
pub fn sf(dir: &Path, args: &[&str]) -> String {
    let out = Command::cargo_bin("salesflow")
        .unwrap()
        .current_dir(dir)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .args(args)
        .assert()
        .success();
    String::from_utf8_lossy(&out.get_output().stdout).into_owned()
}

/// How far to build the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Records up to the first apply (2026-03-20 12:00), applied.
    FirstApply,
    /// And the rest of March and the verdicts, without the late record.
    WithoutLate,
    /// And the record logged late, applied at [`AT`].
    Complete,
}

/// A project folder with salesflow.yaml and the store built up to `stage`.
pub fn project(name: &str, stage: Stage) -> PathBuf {
    let dir = scratch(name);
    let fixture = |f: &str| repo(&format!("tests/fixtures/report/{f}"));
    std::fs::write(
        dir.join("salesflow.yaml"),
        format!(
            "db: crm.db\nrules: {}\nteam: {}\n",
            fixture("report.flow").display(),
            repo("examples/team.yaml").display()
        ),
    )
    .unwrap();
    let path = |p: PathBuf| p.to_string_lossy().into_owned();
    sf(&dir, &["init"]);
    sf(&dir, &["import", "team", &path(repo("examples/team.yaml"))]);
    sf(
        &dir,
        &[
            "import",
            "customers",
            &path(fixture("customers.csv")),
            "--at",
            "2026-02-01 09:00",
        ],
    );
    sf(&dir, &["import", "events", &path(fixture("events.csv"))]);
    sf(&dir, &["import", "tasks", &path(fixture("tasks.csv"))]);
    sf(&dir, &["apply", "--at", "2026-03-20 12:00"]);
    if stage == Stage::FirstApply {
        return dir;
    }
    sf(
        &dir,
        &["import", "events", &path(fixture("events_later.csv"))],
    );
    if stage == Stage::Complete {
        sf(&dir, &["import", "events", &path(fixture("late.csv"))]);
    }
    sf(&dir, &["apply", "--at", AT]);
    dir
}

/// `salesflow report KIND` for March 2026 at [`AT`], with more arguments.
pub fn report(dir: &Path, kind: &str, more: &[&str]) -> String {
    let mut args = vec![
        "report",
        kind,
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--at",
        AT,
    ];
    args.extend_from_slice(more);
    sf(dir, &args)
}

/// The same as JSON.
pub fn report_json(dir: &Path, kind: &str, more: &[&str]) -> serde_json::Value {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(more);
    serde_json::from_str(&report(dir, kind, &args)).expect("report JSON parses")
}
