//! `salesflow init` and `salesflow import` as a user runs them: exit codes, every
//! rejected row on stderr, JSON output, nothing written on rejection.

use std::path::Path;

use assert_cmd::assert::Assert;

use crate::common::{Has, project, repo, sf};
use crate::store_common::scratch;

/// `salesflow import KIND tests/fixtures/import/FIXTURE` in `dir`.
fn import(dir: &Path, kind: &str, fixture: &str) -> Assert {
    crate::common::import(dir, kind, &repo("tests/fixtures/import").join(fixture), &[])
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
    import(&dir, "team", "team.csv")
        .success()
        .stdout_has("5 people in the team");
    import(&dir, "customers", "customers.xlsx")
        .success()
        .stdout_has("3 new customers, 2 new events");
    // The same customers again: the stages are already theirs, nothing changes.
    import(&dir, "customers", "customers.csv")
        .success()
        .stdout_has("(UTF-8): nothing new");
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
        .stderr_has("cannot read `map.yaml`");
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
