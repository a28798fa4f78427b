//! `salesflow init [DIR]` as a new user runs it: a project that works at once
//! (the starter rules check clean and pass their tests; the sample customers and
//! events import; plan, apply, explain and list run on them), never overwriting
//! anything; and README's tour of it, run as written in a fresh folder.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use serde_json::Value;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// An empty folder.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("init-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn sf(dir: &Path, args: &[&str]) -> Assert {
    Command::cargo_bin("salesflow")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .args(args)
        .assert()
}

fn stdout(a: &Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).to_string()
}

fn json(a: &Assert) -> Value {
    serde_json::from_slice(&a.get_output().stdout).expect("JSON on stdout")
}

const AT: &str = "2026-03-06 18:00";

#[test]
fn init_dir_writes_a_project_that_works_at_once() {
    let dir = scratch("works");
    let out = stdout(&sf(&dir, &["init", "shop", "--live-from", "2026-03-02"]).success());
    assert!(out.contains("created store `shop/salesflow.db`"), "{out}");
    let shop = dir.join("shop");
    for file in [
        "salesflow.yaml",
        "rules/main.flow",
        "team.yaml",
        "tests/main.yaml",
        "customers.csv",
        "events.csv",
    ] {
        assert!(shop.join(file).is_file(), "{file}");
        assert!(
            out.contains(&format!("created `shop/{file}`")),
            "{file} in {out}"
        );
    }
    let checked = sf(&shop, &["check", "--deny-warnings"]).success();
    let summary = String::from_utf8_lossy(&checked.get_output().stderr);
    assert!(summary.contains("0 errors, 0 warnings"), "{summary}");
    let tested = stdout(&sf(&shop, &["test"]).success());
    assert!(tested.contains("7 passed, 0 failed"), "{tested}");
    let imported = json(
        &sf(
            &shop,
            &["import", "customers", "customers.csv", "--format", "json"],
        )
        .success(),
    );
    assert_eq!(imported["counts"]["customers_new"], 3);
    let imported = json(
        &sf(
            &shop,
            &["import", "events", "events.csv", "--format", "json"],
        )
        .success(),
    );
    assert_eq!(imported["counts"]["events_new"], 5);

    // The rules act on the sample: c1's POC plan is escalated on working time,
    // c2's mention of a competitor makes it red.
    let plan = json(&sf(&shop, &["plan", "--at", AT, "--format", "json"]).success());
    let actions = plan["actions"].as_array().unwrap();
    let has = |kind: &str, customer: &str| {
        actions
            .iter()
            .any(|a| a["kind"] == kind && a["customer"] == customer)
    };
    assert!(has("escalation_step", "c1"), "{plan:#}");
    assert!(has("task", "c1"), "{plan:#}");
    assert!(has("signal", "c2"), "{plan:#}");
    sf(&shop, &["apply", "--at", AT]).success();
    let listed = json(
        &sf(
            &shop,
            &[
                "list",
                "--where",
                "tagged 新能源 and health is red",
                "--at",
                AT,
                "--format",
                "json",
            ],
        )
        .success(),
    );
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(ids, ["c2"]);
    let explained = stdout(&sf(&shop, &["explain", "c1", "--at", AT]).success());
    assert!(explained.contains("poc_plan"), "{explained}");
}

#[test]
fn init_never_overwrites_and_a_second_init_touches_nothing() {
    let dir = scratch("twice");
    std::fs::create_dir_all(dir.join("shop/rules")).unwrap();
    std::fs::write(dir.join("shop/rules/main.flow"), "# mine\n").unwrap();
    let out = stdout(&sf(&dir, &["init", "shop"]).success());
    assert!(
        out.contains("kept the existing `shop/rules/main.flow`"),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("shop/rules/main.flow")).unwrap(),
        "# mine\n"
    );
    let before = std::fs::read(dir.join("shop/salesflow.db")).unwrap();
    let again = json(&sf(&dir, &["init", "shop", "--format", "json"]).code(1));
    assert_eq!(again["error"]["code"], "salesflow::store::exists");
    assert_eq!(
        std::fs::read(dir.join("shop/salesflow.db")).unwrap(),
        before
    );
}

#[test]
fn init_dir_with_its_own_settings_creates_only_their_store() {
    let dir = scratch("own");
    std::fs::create_dir_all(dir.join("crm")).unwrap();
    std::fs::write(dir.join("crm/salesflow.yaml"), "db: data/crm.db\n").unwrap();
    let doc = json(&sf(&dir, &["init", "crm", "--format", "json"]).success());
    assert_eq!(doc["created"], serde_json::json!(["crm/data/crm.db"]));
    assert!(!dir.join("crm/rules").exists());
}

#[test]
fn init_here_with_named_files_points_the_tests_at_them() {
    let dir = scratch("named");
    sf(
        &dir,
        &[
            "init",
            "--db",
            "crm.db",
            "--rules",
            "flows/sales.flow",
            "--team",
            "people.yaml",
        ],
    )
    .success();
    let yaml = std::fs::read_to_string(dir.join("salesflow.yaml")).unwrap();
    assert!(
        yaml.contains("db: crm.db\nrules: flows/sales.flow\nteam: people.yaml\n"),
        "{yaml}"
    );
    assert!(dir.join("crm.db").is_file());
    let tested = stdout(&sf(&dir, &["test"]).success());
    assert!(tested.contains("7 passed"), "{tested}");
}

#[test]
fn the_starter_checks_clean_formats_to_itself_and_covers_every_rule() {
    let dir = repo(".");
    sf(
        &dir,
        &["check", "--deny-warnings", "examples/starter/rules"],
    )
    .success();
    sf(&dir, &["fmt", "--check", "examples/starter/rules"]).success();
    let out = stdout(
        &sf(
            &dir,
            &[
                "test",
                "examples/starter/tests",
                "--coverage",
                "--threshold",
                "100",
            ],
        )
        .success(),
    );
    assert!(out.contains("(100%)"), "{out}");
}

/// The first `sh` block after a heading of README.md.
fn readme_block(heading: &str) -> String {
    let readme = std::fs::read_to_string(repo("README.md")).unwrap();
    let section = &readme[readme.find(heading).expect("the heading")..];
    let start = section.find("```sh\n").expect("an sh block") + "```sh\n".len();
    let end = start + section[start..].find("```").unwrap();
    section[start..end].to_string()
}

#[test]
fn readme_tour_of_a_new_project_runs_as_written() {
    let dir = scratch("readme");
    let script = readme_block("## Your own project");
    assert!(script.starts_with("salesflow init"), "{script}");
    let bin = Path::new(env!("CARGO_BIN_EXE_salesflow")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new("sh")
        .args(["-e", "-c", &script])
        .current_dir(&dir)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("7 passed, 0 failed"), "{text}");
    assert!(text.contains("c2"), "list --where found c2:\n{text}");
    assert!(text.contains("closed task #1"), "{text}");
    // …to the report.
    assert!(text.contains("Funnel"), "{text}");
}
