//! PRODUCT.md "Conventions every command follows", through the binary: global
//! flags anywhere on the line, `--format json` on every error path, the exit
//! codes, `plan --detailed-exitcode`, unsupported formats, a closed pipe, JSON
//! times with the flow's offset, and the exit codes each `--help` lists.

mod cli_common;

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

use cli_common::repo;
use serde_json::Value;

fn scratch(name: &str) -> PathBuf {
    cli_common::scratch("cli-conventions", name)
}

fn sf(dir: &Path, args: &[&str]) -> std::process::Output {
    cli_common::salesflow(dir).args(args).output().unwrap()
}

/// The flags that stand for "the project" (no salesflow.yaml is needed), at one
/// instant.
fn flags() -> Vec<String> {
    let mut flags = cli_common::example_flags();
    flags.extend(["--at", "2026-03-10 09:00"].map(String::from));
    flags
}

/// A store with the example team, three customers, two tasks, a visit note
/// that raises the `legal_review` signal (#1), applied once.
fn project(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::write(
        dir.join("events.jsonl"),
        "{\"customer\": \"c1\", \"at\": \"2026-03-05 10:00\", \"kind\": \"visit\", \"role\": \"decision_maker\", \"text\": \"客户提到需要法务审核\"}\n",
    )
    .unwrap();
    let flags = flags();
    let run = |args: &[&str]| {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(flags.iter().map(String::as_str));
        let out = sf(&dir, &all);
        assert!(out.status.success(), "{args:?}: {out:?}");
    };
    run(&["init"]);
    // init wrote a starter salesflow.yaml: the flags, not it, make the project.
    std::fs::remove_file(dir.join("salesflow.yaml")).unwrap();
    run(&["import", "team", &repo("examples/team.yaml")]);
    run(&[
        "import",
        "customers",
        &repo("tests/fixtures/import/customers.csv"),
    ]);
    run(&["import", "tasks", &repo("tests/fixtures/import/tasks.yaml")]);
    run(&["import", "events", "events.jsonl"]);
    run(&["apply"]);
    dir
}

/// A copy of a project, for a command that writes.
fn copy_of(project: &Path, name: &str) -> PathBuf {
    let dir = scratch(name);
    for entry in std::fs::read_dir(project).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
        }
    }
    dir
}

/// One command line: the subcommand words, its arguments, and where among them
/// the global flags may also go (an index into `rest`).
struct Case {
    sub: &'static [&'static str],
    rest: Vec<String>,
    mid: Option<usize>,
    /// Runs in an empty folder rather than a copy of the project.
    empty: bool,
}

fn case(sub: &'static [&'static str], rest: &[&str], mid: Option<usize>) -> Case {
    Case {
        sub,
        rest: rest.iter().map(|s| (*s).to_string()).collect(),
        mid,
        empty: false,
    }
}

fn every_subcommand() -> Vec<Case> {
    let minimal = repo("examples/minimal.flow");
    let passing = repo("tests/fixtures/ruletest/passing");
    let customers = repo("tests/fixtures/import/customers.csv");
    let mut cases = vec![
        case(&["check"], &[&minimal], None),
        case(&["fmt"], &["--check", &minimal], Some(1)),
        case(&["test"], &[&passing], None),
        case(
            &["calendar"],
            &["workdays", "add", "2026-03-02 09:00", "48h"],
            Some(1),
        ),
        case(
            &["import"],
            &["customers", &customers, "--dry-run"],
            Some(1),
        ),
        case(&["plan"], &["--detailed-exitcode"], None),
        case(&["apply"], &[], None),
        case(&["explain"], &["c1"], None),
        case(&["list"], &["--where", "signal legal_review"], None),
        case(
            &["update"],
            &[
                "c1",
                "--status",
                "方案已发",
                "--next",
                "约演示",
                "--blocker",
                "测试环境未就绪",
            ],
            Some(1),
        ),
        case(
            &["move"],
            &["c1", "poc", "--evidence", "poc申请单.pdf"],
            Some(1),
        ),
        case(&["task", "list"], &["--open"], None),
        case(&["task", "done"], &["1", "--by", "zhao"], Some(1)),
        case(&["signal", "list"], &[], None),
        case(&["signal", "verdict"], &["1", "confirmed"], Some(1)),
    ];
    let mut init = case(&["init"], &[], None);
    init.empty = true;
    cases.push(init);
    cases
}

#[test]
fn global_flags_give_the_same_result_before_after_and_among_arguments() {
    let project = project("placements");
    let mut globals = flags();
    globals.extend(["--format", "json"].map(String::from));
    for (n, c) in every_subcommand().into_iter().enumerate() {
        let name = c.sub.join(" ");
        let mut lines: Vec<Vec<String>> = Vec::new();
        let sub: Vec<String> = c.sub.iter().map(|s| (*s).to_string()).collect();
        lines.push([globals.clone(), sub.clone(), c.rest.clone()].concat());
        lines.push([sub.clone(), globals.clone(), c.rest.clone()].concat());
        lines.push([sub.clone(), c.rest.clone(), globals.clone()].concat());
        if let Some(mid) = c.mid {
            let (a, b) = c.rest.split_at(mid);
            lines.push([sub.clone(), a.to_vec(), globals.clone(), b.to_vec()].concat());
        }
        let mut results = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let dir = if c.empty {
                scratch(&format!("placement-{n}-{i}"))
            } else {
                copy_of(&project, &format!("placement-{n}-{i}"))
            };
            let args: Vec<&str> = line.iter().map(String::as_str).collect();
            let out = sf(&dir, &args);
            let stdout = String::from_utf8(out.stdout).unwrap();
            serde_json::from_str::<Value>(&stdout)
                .unwrap_or_else(|e| panic!("{name}: not JSON ({e}): {stdout}"));
            results.push((out.status.code(), stdout, line.clone()));
        }
        for r in &results[1..] {
            assert_eq!(
                (r.0, &r.1),
                (results[0].0, &results[0].1),
                "`{name}`: {:?} differs from {:?}",
                r.2,
                results[0].2
            );
        }
        assert_ne!(results[0].0, Some(2), "{name}: {}", results[0].1);
    }
}

/// Runs with `--format json`; the exit code and the one JSON document on stdout.
fn json_error(dir: &Path, args: &[&str]) -> (i32, Value) {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let out = sf(dir, &all);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let doc: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{args:?}: not one JSON document ({e}): {stdout}"));
    (out.status.code().unwrap(), doc)
}

#[test]
fn every_error_path_is_json_with_a_code_and_the_product_exit_code() {
    let project = project("errors");
    let broken = project.join("broken.flow");
    std::fs::write(&broken, "flow \"x\"\npipeline {\n  lead \"线索\"\n").unwrap();
    let broken = broken.display().to_string();
    let zhilian = repo("examples/zhilian.flow");
    let team = repo("examples/team.yaml");
    let with = |args: &[&str]| -> Vec<String> {
        let mut all: Vec<String> = args.iter().map(|s| (*s).to_string()).collect();
        all.extend(flags());
        all
    };
    let cases: Vec<(Vec<String>, i32, &str)> = vec![
        (with(&["check", "missing.flow"]), 2, "salesflow::unreadable"),
        (
            vec!["check".into(), "--rules".into(), "nowhere.flow".into()],
            2,
            "salesflow::unreadable",
        ),
        (
            vec![
                "check".into(),
                "--team".into(),
                "missing.yaml".into(),
                repo("examples/minimal.flow"),
            ],
            2,
            "salesflow::team::unreadable",
        ),
        (
            with(&["test", "no-such-folder"]),
            2,
            "salesflow::unreadable",
        ),
        (
            with(&["calendar", "holidays", "add", "2026-03-02 09:00", "1h"]),
            2,
            "salesflow::unknown_calendar",
        ),
        (
            with(&["calendar", "workdays", "add", "next monday", "1h"]),
            2,
            "salesflow::usage::value",
        ),
        (
            vec![
                "plan".into(),
                "--db".into(),
                "nowhere.db".into(),
                "--rules".into(),
                zhilian.clone(),
            ],
            2,
            "salesflow::store::not_found",
        ),
        (
            vec![
                "plan".into(),
                "--at".into(),
                "someday".into(),
                "--rules".into(),
                zhilian.clone(),
            ],
            2,
            "salesflow::usage::value",
        ),
        (vec!["plan".into()], 2, "salesflow::no_rules"),
        (
            vec![
                "apply".into(),
                "--rules".into(),
                broken.clone(),
                "--db".into(),
                "crm.db".into(),
            ],
            1,
            "salesflow::rules_do_not_check",
        ),
        (
            with(&["explain", "nobody"]),
            1,
            "salesflow::store::unknown_customer",
        ),
        (
            with(&["list", "--where", "health is yelow"]),
            1,
            "salesflow::bad_condition",
        ),
        (
            with(&[
                "update",
                "nobody",
                "--status",
                "a",
                "--next",
                "b",
                "--blocker",
                "c",
            ]),
            1,
            "salesflow::store::unknown_customer",
        ),
        (
            with(&["update", "c1", "--status", "a"]),
            1,
            "salesflow::record::update_requires",
        ),
        (
            with(&[
                "update",
                "c1",
                "--status",
                "a",
                "--next",
                "b",
                "--blocker",
                "c",
                "--by",
                "zzz",
            ]),
            1,
            "salesflow::unknown_person",
        ),
        (
            with(&["move", "c1", "pco"]),
            1,
            "salesflow::record::unknown_stage",
        ),
        (
            with(&["move", "c1", "poc"]),
            1,
            "salesflow::record::evidence_required",
        ),
        (
            with(&["task", "done", "99"]),
            1,
            "salesflow::store::unknown_task",
        ),
        (
            with(&["task", "list", "--customer", "nobody"]),
            1,
            "salesflow::store::unknown_customer",
        ),
        (
            with(&["signal", "verdict", "7", "false"]),
            1,
            "salesflow::store::unknown_signal",
        ),
        (
            with(&["import", "events", "no-such-file.csv"]),
            2,
            "salesflow::import::unreadable",
        ),
        (
            with(&[
                "import",
                "events",
                &repo("tests/fixtures/import/events_bad.csv"),
            ]),
            1,
            "salesflow::import::rejected",
        ),
        (with(&["init"]), 1, "salesflow::store::exists"),
        (
            vec!["plan".into(), "--bogus".into(), "--team".into(), team],
            2,
            "salesflow::usage",
        ),
    ];
    for (args, code, name) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (exit, doc) = json_error(&project, &args);
        assert_eq!(exit, code, "{args:?}: {doc:#}");
        assert_eq!(doc["error"]["code"], name, "{args:?}: {doc:#}");
        assert!(doc["error"]["message"].is_string(), "{args:?}: {doc:#}");
    }
    // The rules' own diagnostics and the rejected rows travel with the error.
    let (_, doc) = json_error(&project, &["apply", "--rules", &broken, "--db", "crm.db"]);
    assert!(
        !doc["diagnostics"].as_array().unwrap().is_empty(),
        "{doc:#}"
    );
    let (_, doc) = json_error(
        &project,
        &with(&[
            "import",
            "events",
            &repo("tests/fixtures/import/events_bad.csv"),
        ])
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>(),
    );
    assert_eq!(doc["written"], false);
    assert_eq!(doc["errors"].as_array().unwrap().len(), 9, "{doc:#}");
}

#[test]
fn errors_for_people_name_the_problem_and_the_help_on_stderr() {
    let dir = scratch("human_error");
    let out = sf(&dir, &["plan", "--rules", &repo("examples/zhilian.flow")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr,
        "error: no store at `salesflow.db`\n  help: create one with `salesflow init`, or pass `--db PATH`\n"
    );
}

#[test]
fn a_broken_salesflow_yaml_is_the_same_usage_error_for_every_command() {
    let dir = scratch("broken_config");
    std::fs::write(dir.join("salesflow.yaml"), "db: crm.db\nrulez: main.flow\n").unwrap();
    let minimal = repo("examples/minimal.flow");
    for args in [
        vec!["check", minimal.as_str()],
        vec!["fmt", "--check", minimal.as_str()],
        vec!["calendar", "workdays", "add", "2026-03-02 09:00", "1h"],
        vec!["plan"],
        vec!["task", "list"],
        vec!["init"],
    ] {
        let (code, doc) = json_error(&dir, &args);
        assert_eq!(code, 2, "{args:?}");
        assert_eq!(
            doc["error"]["code"], "salesflow::config::invalid",
            "{args:?}"
        );
        assert!(
            doc["error"]["message"]
                .as_str()
                .unwrap()
                .contains("salesflow.yaml:2"),
            "{doc:#}"
        );
    }
    assert!(!dir.join("crm.db").exists(), "init wrote despite the error");
}

#[test]
fn plan_detailed_exitcode_is_0_nothing_2_pending_1_any_error() {
    let project = project("detailed");
    let mut args = flags();
    args.insert(0, "plan".into());
    args.push("--detailed-exitcode".into());
    let run = |extra: &[&str]| {
        let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
        all.extend(extra);
        sf(&project, &all).status.code()
    };
    // The project was applied at this very time: nothing to do.
    assert_eq!(run(&[]), Some(0));
    // A new visit note brings a new signal.
    let note = project.join("more.jsonl");
    std::fs::write(
        &note,
        "{\"customer\": \"c2\", \"at\": \"2026-03-10 08:00\", \"kind\": \"visit\", \"text\": \"对方说要走法务流程\"}\n",
    )
    .unwrap();
    let mut import: Vec<String> =
        vec!["import".into(), "events".into(), note.display().to_string()];
    import.extend(flags());
    let import: Vec<&str> = import.iter().map(String::as_str).collect();
    assert!(sf(&project, &import).status.success());
    assert_eq!(run(&[]), Some(2));
    // Errors are 1 with the flag, never 2: no store, a bad time.
    assert_eq!(run(&["--db", "nowhere.db"]), Some(1));
    assert_eq!(run(&["--at", "someday"]), Some(1));
    // Without the flag, the same errors are usage errors.
    let out = sf(
        &project,
        &[
            "plan",
            "--db",
            "nowhere.db",
            "--rules",
            &repo("examples/zhilian.flow"),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_format_the_command_does_not_write_is_a_usage_error_naming_those_it_does() {
    let dir = scratch("formats");
    let out = sf(&dir, &["plan", "--format", "junit"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("`salesflow plan` does not write `--format junit`"),
        "{stderr}"
    );
    assert!(stderr.contains("it writes `human`, `json`"), "{stderr}");
    let out = sf(&dir, &["task", "list", "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("`salesflow task list`")
    );
    // `test` writes JUnit.
    let out = sf(
        &dir,
        &[
            "test",
            &repo("tests/fixtures/ruletest/bad"),
            "--format",
            "junit",
        ],
    );
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("<?xml"));
}

#[test]
fn a_closed_stdout_ends_quietly_with_the_exit_code_it_would_have_had() {
    // Ten years of days is far more than a pipe holds: the writer meets the
    // closed pipe.
    let run = |extra: &[&str]| {
        let mut child = Process::new(env!("CARGO_BIN_EXE_salesflow"))
            .args([
                "calendar",
                "workdays",
                "--rules",
                &repo("examples/zhilian.flow"),
                "show",
                "--from",
                "2020-01-01",
                "--to",
                "2029-12-01",
            ])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        (out.status.code(), String::from_utf8(out.stderr).unwrap())
    };
    assert_eq!(run(&[]), (Some(0), String::new()));
    assert_eq!(run(&["--format", "json"]), (Some(0), String::new()));
}

#[test]
fn json_times_carry_the_flows_offset() {
    let project = project("json_times");
    let mut args: Vec<String> = vec!["plan".into(), "--format".into(), "json".into()];
    args.extend(flags());
    args.push("--at".into());
    args.push("2026-03-20 09:00".into());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = sf(&project, &args);
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["at"], "2026-03-20T09:00:00+08:00");
    let actions = plan["actions"].as_array().unwrap();
    assert!(!actions.is_empty(), "{plan:#}");
    let mut seen = 0;
    for a in actions {
        for key in ["at", "created_at", "due_at"] {
            if let Some(t) = a[key].as_str() {
                assert!(t.ends_with("+08:00"), "{key} of {a:#}");
                seen += 1;
            }
        }
    }
    assert!(seen > 0);
    let mut args: Vec<String> = vec![
        "explain".into(),
        "c1".into(),
        "--format".into(),
        "json".into(),
    ];
    args.extend(flags());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let x: Value = serde_json::from_slice(&sf(&project, &args).stdout).unwrap();
    assert_eq!(x["evaluation"]["at"], "2026-03-10T09:00:00+08:00");
    let entered = x["evaluation"]["visits"][0]["entered_at"].as_str().unwrap();
    assert_eq!(entered, "2026-03-02T09:00:00+08:00");
    for effect in x["evaluation"]["effects"].as_array().unwrap() {
        if let Some(t) = effect["at"].as_str() {
            assert!(t.ends_with("+08:00"), "{effect:#}");
        }
    }
}

#[test]
fn each_help_lists_exit_codes_true_for_its_command() {
    let dir = scratch("help");
    let help = |args: &[&str]| {
        let mut all = args.to_vec();
        all.push("--help");
        String::from_utf8(sf(&dir, &all).stdout)
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let commands: &[&[&str]] = &[
        &["check"],
        &["fmt"],
        &["test"],
        &["calendar"],
        &["init"],
        &["import"],
        &["plan"],
        &["apply"],
        &["explain"],
        &["list"],
        &["update"],
        &["move"],
        &["task", "list"],
        &["task", "done"],
        &["signal", "list"],
        &["signal", "verdict"],
    ];
    for c in commands {
        let text = help(c);
        assert!(text.contains("Exit codes:"), "{c:?}: {text}");
        for flag in [
            "--db", "--rules", "--team", "--config", "--at", "--format", "--lang",
        ] {
            assert!(text.contains(flag), "{c:?} lacks {flag}");
        }
    }
    assert!(!help(&["explain"]).contains("--where"));
    assert!(help(&["explain"]).contains("no such customer"));
    assert!(help(&["plan"]).contains("with --detailed-exitcode: any error"));
    assert!(!help(&[]).contains("(soon)"));
}
