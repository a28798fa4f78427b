//! `salesflow init` and `salesflow import` as a user runs them: exit codes, every
//! rejected row on stderr, JSON output, nothing written on rejection.

mod store_common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use store_common::scratch;

/// Checks what a run printed.
trait Has {
    fn stdout_has(self, text: &str) -> Self;
    fn stderr_has(self, text: &str) -> Self;
}

impl Has for Assert {
    fn stdout_has(self, text: &str) -> Self {
        let out = String::from_utf8_lossy(&self.get_output().stdout).to_string();
        assert!(out.contains(text), "stdout lacks {text:?}:\n{out}");
        self
    }

    fn stderr_has(self, text: &str) -> Self {
        let err = String::from_utf8_lossy(&self.get_output().stderr).to_string();
        assert!(err.contains(text), "stderr lacks {text:?}:\n{err}");
        self
    }
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// `salesflow` run in `dir`.
fn sf(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("salesflow").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// A directory with a store and a salesflow.yaml naming the example rules and a
/// copy of the example team (`import team` writes into the team file).
fn project(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::copy(repo("examples/team.yaml"), dir.join("team.yaml")).unwrap();
    std::fs::write(
        dir.join("salesflow.yaml"),
        format!(
            "db: crm.db\nrules: {}\nteam: team.yaml\n",
            repo("examples/zhilian.flow").display(),
        ),
    )
    .unwrap();
    sf(&dir).arg("init").assert().success();
    dir
}

fn import(dir: &Path, kind: &str, fixture: &str) -> Assert {
    sf(dir)
        .args(["import", kind])
        .arg(repo("tests/fixtures/import").join(fixture))
        .assert()
}

#[test]
fn init_creates_the_store_and_starter_files_and_never_overwrites() {
    let dir = scratch("cli_init");
    sf(&dir)
        .arg("init")
        .assert()
        .success()
        .stdout_has("created store `salesflow.db`");
    for file in [
        "salesflow.db",
        "salesflow.yaml",
        "rules/main.flow",
        "team.yaml",
    ] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    // The starter files work as they are.
    sf(&dir)
        .args(["check", "--deny-warnings", "rules/main.flow"])
        .assert()
        .success();
    sf(&dir)
        .args(["task", "list"])
        .assert()
        .success()
        .stdout("no tasks\n");

    let yaml = std::fs::read(dir.join("salesflow.yaml")).unwrap();
    let db = std::fs::read(dir.join("salesflow.db")).unwrap();
    sf(&dir)
        .arg("init")
        .assert()
        .code(1)
        .stderr_has("already exists");
    assert_eq!(std::fs::read(dir.join("salesflow.yaml")).unwrap(), yaml);
    assert_eq!(std::fs::read(dir.join("salesflow.db")).unwrap(), db);
}

#[test]
fn import_writes_and_reports_counts_and_reimport_adds_nothing() {
    let dir = project("cli_import_ok");
    // `import team` merges the roster into the team file (an empty one here).
    std::fs::write(dir.join("team.yaml"), "people: []\ndefaults: {}\n").unwrap();
    import(&dir, "team", "team.csv")
        .success()
        .stdout_has("5 added, 0 updated, 0 unchanged");
    import(&dir, "customers", "customers.xlsx")
        .success()
        .stdout_has("3 new customers, 2 new events");
    import(&dir, "customers", "customers.csv")
        .success()
        .stdout_has("2 events already recorded");
    let out = sf(&dir)
        .args(["import", "events", "--format", "json"])
        .arg(repo("tests/fixtures/import/events.jsonl"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["counts"]["events_new"], 5);
    assert_eq!(json["written"], true);
}

#[test]
fn a_rejected_import_lists_every_error_exits_1_and_writes_nothing() {
    let dir = project("cli_import_rejected");
    import(&dir, "customers", "customers.csv").success();
    let db = std::fs::read(dir.join("crm.db")).unwrap();
    let out = import(&dir, "events", "events_bad.csv").code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert_eq!(stderr.lines().count(), 10, "{stderr}");
    assert!(stderr.contains(":6: column `blocker`: an `update` must carry `blocker`"));
    assert!(
        stderr.ends_with("rejected: 9 errors; nothing was written\n"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(dir.join("crm.db")).unwrap(), db);

    let out = sf(&dir)
        .args(["import", "events", "--format", "json"])
        .arg(repo("tests/fixtures/import/events_bad.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["errors"].as_array().unwrap().len(), 9);
    assert_eq!(json["errors"][0]["line"], 2);
    assert_eq!(json["errors"][0]["column"], "customer");
}

#[test]
fn a_dry_run_checks_and_counts_but_writes_nothing() {
    let dir = project("cli_import_dry_run");
    import(&dir, "customers", "customers.csv").success();
    sf(&dir)
        .args(["import", "customers", "--dry-run"])
        .arg(repo("tests/fixtures/import/customers.yaml"))
        .assert()
        .success()
        .stdout_has("dry run, nothing written");
    let fresh = project("cli_import_dry_run_fresh");
    sf(&fresh)
        .args(["import", "customers", "--dry-run"])
        .arg(repo("tests/fixtures/import/customers.csv"))
        .assert()
        .success()
        .stdout_has("3 new customers");
    sf(&fresh).args(["task", "list"]).assert().success();
    let out = sf(&fresh)
        .args(["import", "events"])
        .arg(repo("tests/fixtures/import/events.csv"))
        .assert()
        .code(1);
    assert!(
        String::from_utf8_lossy(&out.get_output().stderr).contains("unknown customer `c1`"),
        "the dry run wrote no customer"
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = project("cli_import_usage");
    // No rules for a kind that needs them.
    sf(&dir)
        .args(["import", "customers", "--rules", "missing.flow"])
        .arg(repo("tests/fixtures/import/customers.csv"))
        .assert()
        .code(2);
    sf(&dir)
        .args(["import", "customers", "--map", "map.yaml"])
        .arg(repo("tests/fixtures/import/customers.csv"))
        .assert()
        .code(2)
        .stderr_has("`--map` is not implemented yet");
    sf(&dir)
        .args(["import", "events", "--db", "nowhere.db"])
        .arg(repo("tests/fixtures/import/events.csv"))
        .assert()
        .code(2)
        .stderr_has("salesflow init");
    assert!(!dir.join("nowhere.db").exists());
    sf(&dir)
        .args(["import", "events", "no-such-file.csv"])
        .assert()
        .code(2);
}
