//! `plan` is streamed customer by customer (issue 16), `--format json` straight
//! out and the human text through a temporary file (its summary comes first): the
//! bytes are still those the whole-in-memory `plan` printed, kept in
//! `tests/fixtures/plan_json/` (written by `plan` before it streamed), and a
//! reader that goes away still ends it quietly.

mod cli_common;

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

use cli_common::{example_flags as flags, repo};

fn sf(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = cli_common::salesflow(dir);
    cmd.args(args).args(flags());
    cmd.output().unwrap()
}

/// The example customers and events, imported and not applied.
fn project(name: &str) -> PathBuf {
    let dir = cli_common::scratch("plan-stream", name);
    let run = |args: &[&str]| {
        let out = sf(&dir, args);
        assert!(out.status.success(), "{args:?}: {out:?}");
    };
    run(&["init", "--at", "2026-03-10 09:00"]);
    std::fs::remove_file(dir.join("salesflow.yaml")).unwrap();
    run(&["import", "team", &repo("examples/team.yaml")]);
    run(&["import", "customers", &repo("examples/customers.csv")]);
    run(&["import", "events", &repo("examples/events.jsonl")]);
    dir
}

fn golden(name: &str) -> String {
    std::fs::read_to_string(repo(&format!("tests/fixtures/plan_json/{name}"))).unwrap()
}

#[test]
fn streamed_json_is_the_documents_bytes() {
    let dir = project("bytes");
    let at = ["--at", "2026-03-20 09:00"];
    let plan = sf(&dir, &["plan", "--format", "json", at[0], at[1]]);
    assert!(plan.status.success(), "{plan:?}");
    let text = String::from_utf8(plan.stdout).unwrap();
    assert_eq!(text, golden("examples-2026-03-20.json"));
    let applied = sf(&dir, &["apply", at[0], at[1]]);
    assert!(applied.status.success(), "{applied:?}");
    let plan = sf(&dir, &["plan", "--format", "json", at[0], at[1]]);
    let text = String::from_utf8(plan.stdout).unwrap();
    assert_eq!(text, golden("examples-applied.json"));
}

#[test]
fn streamed_text_is_the_plans_bytes() {
    let dir = project("text");
    let plan = sf(&dir, &["plan", "--at", "2026-03-20 09:00"]);
    assert!(plan.status.success(), "{plan:?}");
    let text = String::from_utf8(plan.stdout).unwrap();
    assert_eq!(text, golden("examples-2026-03-20.txt"));
}

#[test]
fn a_closed_pipe_ends_the_stream_quietly() {
    let dir = project("pipe");
    let mut child = Process::new(env!("CARGO_BIN_EXE_salesflow"))
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .args(["plan", "--format", "json", "--at", "2026-03-20 09:00"])
        .args(flags())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
}
