//! `salesflow.yaml` as a project's users meet it: found from any subfolder (like
//! git), named by `--config`, its paths relative to its own folder, and `check`,
//! `fmt` and `test` without paths using its rules and tests.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli-config")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A project as a team keeps it: salesflow.yaml at the top, the example rules,
/// team and two passing test files under `rules/`, a store, one customer.
fn project(name: &str) -> PathBuf {
    let dir = scratch(name);
    let rules = dir.join("rules");
    std::fs::create_dir_all(rules.join("tests")).unwrap();
    for file in ["zhilian.flow", "risks.flow", "team.yaml"] {
        std::fs::copy(repo("examples").join(file), rules.join(file)).unwrap();
    }
    copy_dir(&repo("examples/holidays"), &rules.join("holidays"));
    for test in ["health.yaml", "tags.yaml"] {
        std::fs::copy(
            repo("examples/tests").join(test),
            rules.join("tests").join(test),
        )
        .unwrap();
    }
    std::fs::write(
        dir.join("salesflow.yaml"),
        "# the project's settings\ndb: crm.db\nrules: rules/zhilian.flow\nteam: rules/team.yaml\ntests: rules/tests\n",
    )
    .unwrap();
    sf(&dir, &["init"]).success();
    sf(&dir, &["import", "team", "rules/team.yaml"]).success();
    std::fs::write(
        dir.join("customers.yaml"),
        "- { id: c1, name: 宁波某整车配套厂, owner: zhang, stage: demo, created_at: \"2026-03-02 09:00\" }\n",
    )
    .unwrap();
    sf(&dir, &["import", "customers", "customers.yaml"]).success();
    dir
}

fn sf(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("salesflow")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .assert()
}

fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).to_string()
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).to_string()
}

#[test]
fn from_a_subfolder_plan_check_and_test_work_without_flags() {
    let dir = project("subfolder");
    let sub = dir.join("rules/tests");
    let a = sf(&sub, &["check"]).code(0);
    assert_eq!(
        stderr(&a),
        "checked 1 flow (2 files): 0 errors, 0 warnings\n"
    );
    let a = sf(&sub, &["test"]).code(0);
    assert!(stdout(&a).contains("passed, 0 failed"), "{}", stdout(&a));
    let a = sf(&sub, &["plan", "--at", "2026-03-03 09:00"]).code(0);
    assert!(
        stdout(&a).starts_with("plan at 2026-03-03 09:00 +08:00 Tue:"),
        "{}",
        stdout(&a)
    );
    assert!(stdout(&a).contains("\nc1\n"), "{}", stdout(&a));
    sf(&sub, &["fmt", "--check"]).code(0);
    // Paths are shown relative to where the user stands.
    let a = sf(
        &sub,
        &["plan", "--format", "json", "--rules", "nowhere.flow"],
    )
    .code(2);
    assert!(stdout(&a).contains("`nowhere.flow`"), "{}", stdout(&a));
    std::fs::remove_file(dir.join("crm.db")).unwrap();
    let a = sf(&sub, &["explain", "c1"]).code(2);
    assert!(
        stderr(&a).contains("no store at `../../crm.db`"),
        "{}",
        stderr(&a)
    );
}

#[test]
fn config_names_a_settings_file_from_anywhere() {
    let dir = project("explicit");
    let elsewhere = scratch("explicit_elsewhere");
    let config = dir.join("salesflow.yaml").display().to_string();
    let a = sf(&elsewhere, &["--config", &config, "check"]).code(0);
    assert!(stderr(&a).starts_with("checked 1 flow"), "{}", stderr(&a));
    sf(
        &elsewhere,
        &["list", "--config", &config, "--format", "json"],
    )
    .code(0);
    // Without it, nothing is found there.
    let a = sf(&elsewhere, &["check"]).code(2);
    assert!(stderr(&a).contains("needs the rules"), "{}", stderr(&a));
    let a = sf(&elsewhere, &["check", "--config", "missing.yaml"]).code(2);
    assert!(
        stderr(&a).contains("cannot read `missing.yaml`"),
        "{}",
        stderr(&a)
    );
}

#[test]
fn flags_override_the_file() {
    let dir = project("override");
    let other = scratch("override_other");
    std::fs::copy(repo("examples/minimal.flow"), other.join("other.flow")).unwrap();
    let other_rules = other.join("other.flow").display().to_string();
    // minimal.flow has no calendar `workdays`: the flag's rules were used.
    let a = sf(
        &dir,
        &[
            "calendar",
            "workdays",
            "add",
            "2026-03-02 09:00",
            "1h",
            "--rules",
            &other_rules,
        ],
    )
    .code(2);
    assert!(
        stderr(&a).contains("no calendar `workdays`"),
        "{}",
        stderr(&a)
    );
    sf(
        &dir,
        &["calendar", "workdays", "add", "2026-03-02 09:00", "1h"],
    )
    .code(0);
}

#[test]
fn test_without_paths_uses_a_tests_folder_beside_the_settings() {
    let dir = project("tests_folder");
    std::fs::write(
        dir.join("salesflow.yaml"),
        "db: crm.db\nrules: rules/zhilian.flow\nteam: rules/team.yaml\n",
    )
    .unwrap();
    let a = sf(&dir, &["test"]).code(2);
    assert!(stderr(&a).contains("needs the tests"), "{}", stderr(&a));
    std::fs::rename(dir.join("rules/tests"), dir.join("tests")).unwrap();
    // The test files name their rules relative to themselves.
    for test in ["health.yaml", "tags.yaml"] {
        let path = dir.join("tests").join(test);
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("../zhilian.flow", "../rules/zhilian.flow")
            .replace("../team.yaml", "../rules/team.yaml");
        std::fs::write(path, text).unwrap();
    }
    let a = sf(&dir.join("rules"), &["test"]).code(0);
    assert!(stdout(&a).contains("tests/health.yaml"), "{}", stdout(&a));
}
