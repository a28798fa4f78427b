//! `update`, `move`, `task` and `signal` as a user runs them: refusals name what
//! is missing and exit 1, records reach the history the engine reads, lists are
//! read-only.

mod store_common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use salesflow::engine::Effect;
use salesflow::store::Store;
use store_common::{evaluation, every_effect, scratch, t};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn sf(dir: &Path, args: &[&str]) -> Assert {
    Command::cargo_bin("salesflow")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .args(["--at", "2026-03-10 09:00"])
        .assert()
}

fn stderr(a: &Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).to_string()
}

fn stdout(a: &Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).to_string()
}

/// A project whose store holds the team, the customers of customers.csv and the
/// tasks of tasks.yaml.
fn project(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::write(
        dir.join("salesflow.yaml"),
        format!(
            "db: crm.db\nrules: {}\nteam: {}\n",
            repo("examples/zhilian.flow").display(),
            repo("examples/team.yaml").display()
        ),
    )
    .unwrap();
    Command::cargo_bin("salesflow")
        .unwrap()
        .current_dir(&dir)
        .arg("init")
        .assert()
        .success();
    for (kind, file) in [
        ("team", "examples/team.yaml"),
        ("customers", "tests/fixtures/import/customers.csv"),
        ("tasks", "tests/fixtures/import/tasks.yaml"),
    ] {
        Command::cargo_bin("salesflow")
            .unwrap()
            .current_dir(&dir)
            .args(["import", kind])
            .arg(repo(file))
            .assert()
            .success();
    }
    dir
}

#[test]
fn update_refuses_a_missing_required_field_by_name() {
    let dir = project("cli_update");
    let a = sf(
        &dir,
        &["update", "c1", "--status", "方案已发", "--next", "约演示"],
    )
    .code(1);
    assert!(
        stderr(&a).contains("must carry `blocker`") && stderr(&a).contains("give `--blocker`"),
        "{}",
        stderr(&a)
    );
    let a = sf(&dir, &["update", "c1", "--status", "方案已发"]).code(1);
    assert!(
        stderr(&a).contains("`--next`, `--blocker`"),
        "{}",
        stderr(&a)
    );

    let args = [
        "update",
        "c1",
        "--status",
        "方案已发",
        "--next",
        "约演示",
        "--blocker",
        "客户内部测试环境未就绪",
        "--by",
        "zhang",
    ];
    let a = sf(&dir, &args).success();
    assert!(
        stdout(&a).starts_with("recorded update #"),
        "{}",
        stdout(&a)
    );
    let a = sf(&dir, &args).success();
    assert!(stdout(&a).starts_with("already recorded"));
    sf(
        &dir,
        &[
            "update",
            "nobody",
            "--status",
            "a",
            "--next",
            "b",
            "--blocker",
            "c",
        ],
    )
    .code(1);
    sf(
        &dir,
        &[
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
        ],
    )
    .code(1);

    let store = Store::open_read_only(&dir.join("crm.db")).unwrap();
    let h = store.history("c1").unwrap().unwrap();
    let update = h.events.iter().find(|e| e.kind == "update").unwrap();
    assert_eq!(update.blocker.as_deref(), Some("客户内部测试环境未就绪"));
    assert_eq!(update.actor.as_deref(), Some("zhang"));
    assert_eq!(update.at, t("2026-03-10T01:00:00Z"));
}

#[test]
fn move_refuses_an_evidence_required_stage_without_evidence() {
    let dir = project("cli_move");
    let a = sf(&dir, &["move", "c1", "poc"]).code(1);
    assert!(stderr(&a).contains("`evidence required`"), "{}", stderr(&a));
    let a = sf(&dir, &["move", "c1", "pco"]).code(1);
    assert!(stderr(&a).contains("unknown stage `pco`"));
    sf(
        &dir,
        &[
            "move",
            "c1",
            "poc",
            "--evidence",
            "poc申请单.pdf",
            "--evidence",
            "测试方案.docx",
        ],
    )
    .success();
    let store = Store::open_read_only(&dir.join("crm.db")).unwrap();
    let h = store.history("c1").unwrap().unwrap();
    let moved = h.events.last().unwrap();
    assert_eq!(moved.kind, "stage_change");
    assert_eq!(moved.attrs["stage"], "poc");
    assert_eq!(moved.evidence, ["poc申请单.pdf", "测试方案.docx"]);
}

#[test]
fn tasks_list_as_json_and_close_with_a_task_done_event() {
    let dir = project("cli_tasks");
    let a = sf(&dir, &["task", "list", "--format", "json"]).success();
    let tasks: serde_json::Value = serde_json::from_str(&stdout(&a)).unwrap();
    assert_eq!(tasks.as_array().unwrap().len(), 2);
    assert_eq!(tasks[0]["title"], "报价单");
    assert_eq!(tasks[0]["due_at"], "2026-03-07T18:00:00+08:00");
    let a = sf(&dir, &["task", "list", "--open"]).success();
    assert_eq!(stdout(&a).lines().count(), 1, "{}", stdout(&a));

    let a = sf(&dir, &["task", "done", "1", "--by", "zhao"]).success();
    assert!(
        stdout(&a).starts_with("closed task #1 报价单"),
        "{}",
        stdout(&a)
    );
    let a = sf(&dir, &["task", "done", "1"]).success();
    assert!(stdout(&a).contains("already done"));
    sf(&dir, &["task", "done", "99"]).code(1);
    let a = sf(&dir, &["task", "list", "--open", "--customer", "c1"]).success();
    assert_eq!(stdout(&a), "no tasks\n");

    let store = Store::open_read_only(&dir.join("crm.db")).unwrap();
    let h = store.history("c1").unwrap().unwrap();
    let done = h.events.iter().find(|e| e.kind == "task_done").unwrap();
    assert_eq!(done.attrs["task"], h.tasks[0].key);
    assert_eq!(done.at, t("2026-03-10T01:00:00Z"));
}

#[test]
fn signals_list_and_take_a_verdict() {
    let dir = project("cli_signals");
    let db = dir.join("crm.db");
    {
        let mut store = Store::open(&db).unwrap();
        let mut visit = store_common::note("c1", "2026-03-05T10:00:00+08:00", "需要法务审核");
        visit.source = "cli".into();
        let event = store.record_event(&visit).unwrap().unwrap().0;
        let effects: Vec<Effect> = every_effect(event)
            .into_iter()
            .filter(|e| matches!(e, Effect::Signal { .. }))
            .collect();
        let refs: Vec<&Effect> = effects.iter().collect();
        let eval = evaluation(Vec::new(), event, "2026-03-20T00:00:00Z");
        store
            .apply_customer(
                &salesflow::store::RuleSet::from_the_beginning(),
                &eval,
                &refs,
                t("2026-03-06T00:00:00Z"),
            )
            .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let a = sf(&dir, &["signal", "list", "--open", "--format", "json"]).success();
    let signals: serde_json::Value = serde_json::from_str(&stdout(&a)).unwrap();
    assert_eq!(signals[0]["risk"], "legal_review");
    assert_eq!(signals[0]["label"], "合同审核周期拉长");
    assert_eq!(signals[0]["verdict"], serde_json::Value::Null);
    // What to do about it, and what worked before: the strategy and the cases.
    assert!(
        signals[0]["strategy"][0]
            .as_str()
            .unwrap()
            .contains("预留两周审核期")
    );
    assert!(
        signals[0]["cases"][0]
            .as_str()
            .unwrap()
            .contains("常州某机加工厂")
    );
    let a = sf(&dir, &["signal", "list", "--open"]).success();
    assert!(
        stdout(&a).contains("    strategy: 采购流程新增法务环节"),
        "{}",
        stdout(&a)
    );
    assert!(
        stdout(&a).contains("    case: 2025-11 常州某机加工厂"),
        "{}",
        stdout(&a)
    );
    sf(&dir, &["task", "list"]).success();
    assert!(
        std::fs::read(&db).unwrap() == before,
        "listing changed the store"
    );

    let a = sf(&dir, &["signal", "verdict", "1", "confirmed", "--by", "li"]).success();
    assert!(stdout(&a).contains("judged confirmed"), "{}", stdout(&a));
    sf(&dir, &["signal", "verdict", "7", "false"]).code(1);
    sf(&dir, &["signal", "verdict", "1", "maybe"]).code(2);
    let a = sf(&dir, &["signal", "list", "--open"]).success();
    assert_eq!(stdout(&a), "no signals\n");
    let a = sf(&dir, &["signal", "list"]).success();
    assert!(stdout(&a).contains("confirmed"), "{}", stdout(&a));
}
