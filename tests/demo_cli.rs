//! `salesflow demo` as a new user runs it: a project folder with the example
//! rules, a store whose history was generated and ticked day by day, and a tour
//! that quotes what the rules did; the same seed gives the same store; the
//! generator holds to the record rules with any flow.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use serde_json::Value;

use salesflow::store::Store;
use salesflow::text::normalize;

/// "Now" for every run: the history is the days before it.
const AT: &str = "2026-11-01 09:00";

/// A path for a demo folder that does not exist yet.
fn fresh(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("demo-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    dir
}

fn demo(dir: &Path, extra: &[&str]) -> Assert {
    Command::cargo_bin("salesflow")
        .unwrap()
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .args(["demo", "--dir"])
        .arg(dir)
        .args(["--customers", "80", "--days", "40", "--at", AT])
        .args(extra)
        .assert()
}

fn stdout(a: &Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).to_string()
}

fn stderr(a: &Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).to_string()
}

fn json_of(a: &Assert) -> Value {
    serde_json::from_slice(&a.get_output().stdout).expect("stdout is JSON")
}

fn digest(dir: &Path) -> String {
    Store::open_read_only(&dir.join("salesflow.db"))
        .unwrap()
        .content_digest()
        .unwrap()
}

#[test]
fn demo_builds_a_project_and_tours_what_the_rules_did() {
    let dir = fresh("tour");
    let a = demo(&dir, &[]).success();
    let out = stdout(&a);
    // Piped: no progress bar, nothing on stderr.
    assert_eq!(stderr(&a), "");
    for heading in [
        "What the team recorded",
        "What the rules did",
        "Examples",
        "Outbox",
        "Reports",
        "Files",
        "Try next",
    ] {
        assert!(out.contains(heading), "{heading} in\n{out}");
    }
    assert!(
        out.contains("escalation 技术可行性报告超时 (feasibility)")
            || out.contains("escalation POC 超期 (poc_stall)"),
        "{out}"
    );
    assert!(
        out.contains("because: signal") || out.contains("because: since"),
        "{out}"
    );
    assert!(
        out.contains(&format!("store: {}", dir.join("salesflow.db").display())),
        "{out}"
    );
    for file in [
        "salesflow.yaml",
        "team.yaml",
        "rules/zhilian.flow",
        "rules/risks.flow",
        "rules/holidays/2026.json",
        "salesflow.db",
    ] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    // The three reports, each a line or two, and their HTML files.
    let reports = out
        .split("\nReports\n")
        .nth(1)
        .and_then(|r| r.split("\nFiles\n").next())
        .unwrap_or_else(|| panic!("a Reports section in\n{out}"));
    assert!(reports.contains("Funnel: 线索 "), "{reports}");
    assert!(reports.contains(" won, "), "{reports}");
    assert!(
        reports.contains("Stage dwell: the slowest stage is "),
        "{reports}"
    );
    assert!(reports.contains("Journey goals: "), "{reports}");
    assert!(reports.contains("node coverage "), "{reports}");
    for kind in ["funnel", "dwell", "journey"] {
        let html = dir.join("reports").join(format!("{kind}.html"));
        assert!(
            reports.contains(&format!("HTML: {}", html.display())),
            "{reports}"
        );
        let page = std::fs::read_to_string(&html).unwrap();
        assert!(
            page.starts_with("<!DOCTYPE html>") || page.starts_with("<!doctype html>"),
            "{kind}"
        );
        assert!(
            page.contains("POC验证"),
            "{kind}: the stages by their labels"
        );
    }
}

#[test]
fn the_tour_reports_agree_with_salesflow_report_run_in_the_folder() {
    let dir = fresh("tour-reports");
    let doc = json_of(&demo(&dir, &["--format", "json"]).success());
    let tour = &doc["reports"]["funnel"];
    assert!(tour.is_object(), "{doc:#}");
    // `salesflow report funnel` in the demo's folder, over the same 30 days.
    let out = Command::cargo_bin("salesflow")
        .unwrap()
        .current_dir(&dir)
        .args([
            "report",
            "funnel",
            "--format",
            "json",
            "--at",
            "2026-10-31 20:00",
        ])
        .assert()
        .success();
    let report = json_of(&out);
    assert_eq!(
        tour, &report,
        "the tour's funnel is `salesflow report funnel`'s"
    );
    let files = doc["files"]["html"].as_array().unwrap();
    assert_eq!(files.len(), 3, "{doc:#}");
    for kind in ["dwell", "journey"] {
        assert!(doc["reports"][kind].is_object(), "{kind}: {doc:#}");
    }
}

#[test]
fn demo_json_has_an_escalation_and_a_signal_quoting_its_evidence() {
    let dir = fresh("json");
    let a = demo(&dir, &["--format", "json"]).success();
    assert_eq!(stderr(&a), "", "no progress bar under --format json");
    let doc = json_of(&a);
    assert_eq!(doc["customers"], 80);
    assert_eq!(doc["days"], 40);
    assert_eq!(doc["from"], "2026-09-22");
    assert_eq!(doc["to"], "2026-10-31");
    assert_eq!(doc["live_from"], "2026-09-22T00:00:00+08:00");
    assert_eq!(doc["last_apply"], "2026-10-31T20:00:00+08:00");

    let escalation = &doc["examples"]["escalations"][0];
    assert!(escalation["step"].is_string(), "{doc:#}");
    assert!(
        !escalation["messages"][0]["body"]
            .as_str()
            .unwrap()
            .is_empty()
    );
    let signal = &doc["examples"]["signals"][0];
    let keyword = normalize(signal["keyword"].as_str().unwrap());
    let text = normalize(signal["evidence"]["text"].as_str().unwrap());
    assert!(text.contains(&keyword), "{keyword} in {text}");
    let health = &doc["examples"]["health"][0];
    assert!(
        !health["evidence"].as_array().unwrap().is_empty(),
        "{health:#}"
    );

    // The outbox's highlights: messages waiting, each of another subject.
    let outbox = doc["outbox"].as_array().unwrap();
    assert!(!outbox.is_empty(), "{doc:#}");
    let mut subjects: Vec<&str> = outbox
        .iter()
        .map(|m| m["subject"].as_str().unwrap())
        .collect();
    subjects.sort_unstable();
    subjects.dedup();
    assert_eq!(subjects.len(), outbox.len());
    let derived = &doc["derived"];
    assert!(
        derived["escalation_steps"]
            .as_object()
            .unwrap()
            .values()
            .any(|n| n.as_u64() > Some(0))
    );
    assert!(
        derived["signals"].as_object().unwrap().len() >= 3,
        "{derived:#}"
    );
    let recorded = &doc["recorded"];
    for key in ["late", "tasks_on_time", "tasks_late", "confirmed", "false"] {
        assert!(recorded[key].as_u64() > Some(0), "{key}: {recorded:#}");
    }
}

#[test]
fn the_generated_store_holds_what_a_team_records() {
    let dir = fresh("records");
    demo(&dir, &["--no-tour"]).success();
    let conn = rusqlite::Connection::open(dir.join("salesflow.db")).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    // Contacts, demos and their cancellations, updates with a blocker, moves
    // into POC with evidence, tasks done, verdicts.
    for kind in [
        "visit",
        "call",
        "wechat",
        "demo",
        "demo_cancelled",
        "update",
        "stage_change",
        "task_done",
        "verdict",
    ] {
        let n = count(&format!(
            "SELECT count(*) FROM events WHERE kind = '{kind}'"
        ));
        assert!(n > 0, "no `{kind}` event");
    }
    assert_eq!(
        count(
            "SELECT count(*) FROM events WHERE kind = 'update' AND (blocker IS NULL OR status IS NULL OR next_action IS NULL)"
        ),
        0
    );
    assert!(count("SELECT count(*) FROM events WHERE blocker = '客户内部测试环境未就绪'") > 0);
    assert_eq!(
        count(
            "SELECT count(*) FROM events WHERE kind = 'stage_change' AND json_extract(attrs, '$.stage') = 'poc' AND evidence = '[]'"
        ),
        0
    );
    // Late records: known after an apply had passed their time.
    assert!(count("SELECT count(*) FROM events WHERE known_at >= at") > 0);
    // Chinese company names, full-width and mixed-case forms among the notes.
    assert!(
        count("SELECT count(*) FROM customers WHERE name GLOB '*厂' OR name GLOB '*公司*'") > 40
    );
    // Owners are the team's sales people, presales its engineers.
    assert_eq!(
        count(
            "SELECT count(*) FROM customers WHERE owner NOT IN (SELECT id FROM people WHERE role = 'sales')"
        ),
        0
    );
    // POC is the slowest stage among visits begun and ended in the history.
    let slowest: String = conn
        .query_row(
            "SELECT stage FROM stage_visits WHERE left_at IS NOT NULL AND entered_at >= '2026-09-21'
             GROUP BY stage ORDER BY avg(julianday(left_at) - julianday(entered_at)) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(slowest, "poc");
}

#[test]
fn one_seed_gives_one_store_and_another_seed_another() {
    let a = fresh("seed-a");
    let b = fresh("seed-b");
    let c = fresh("seed-c");
    demo(&a, &["--no-tour", "--seed", "11"]).success();
    demo(&b, &["--no-tour", "--seed", "11"]).success();
    demo(&c, &["--no-tour", "--seed", "12"]).success();
    assert_eq!(digest(&a), digest(&b));
    assert_ne!(digest(&a), digest(&c));
}

#[test]
fn the_tour_speaks_chinese_when_asked() {
    let dir = fresh("zh");
    let out = stdout(&demo(&dir, &["--lang", "zh"]).success());
    for text in ["团队记录了什么", "规则做了什么", "实例", "接下来可以试试"] {
        assert!(out.contains(text), "{text} in\n{out}");
    }
}

#[test]
fn the_demo_folder_is_a_project_every_command_reads() {
    let dir = fresh("project");
    let doc = json_of(&demo(&dir, &["--format", "json"]).success());
    let customer = doc["examples"]["health"][0]["customer"]
        .as_str()
        .unwrap()
        .to_string();
    let run = |args: &[&str]| {
        Command::cargo_bin("salesflow")
            .unwrap()
            .current_dir(&dir)
            .args(args)
            .assert()
            .success()
    };
    run(&["check"]);
    let explained = stdout(&run(&["explain", &customer, "--at", AT]));
    assert!(explained.contains(&customer), "{explained}");
    // The rule language as a query gives the customers the store holds as red.
    let listed: Value = serde_json::from_slice(
        &run(&[
            "list",
            "--where",
            "health is red",
            "--at",
            AT,
            "--format",
            "json",
        ])
        .get_output()
        .stdout,
    )
    .unwrap();
    let conn = rusqlite::Connection::open(dir.join("salesflow.db")).unwrap();
    let red: i64 = conn
        .query_row(
            "SELECT count(*) FROM customers WHERE health = 'red'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(red > 0);
    assert_eq!(
        listed.as_array().unwrap().len(),
        usize::try_from(red).unwrap()
    );
    run(&["plan", "--at", AT]);
    run(&["task", "list", "--open"]);
    // An apply in the folder goes on under the demo's rules: no new rule set.
    run(&["apply", "--at", "2026-11-02 09:00"]);
    let sets: i64 = conn
        .query_row("SELECT count(*) FROM rule_sets", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sets, 1);
}

#[test]
fn a_folder_with_files_is_refused_and_left_alone() {
    let dir = fresh("occupied");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let a = demo(&dir, &["--format", "json"]).code(2);
    let doc = json_of(&a);
    assert_eq!(doc["error"]["code"], "salesflow::demo::not_empty");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
}

#[test]
fn demo_errors_read_in_both_languages() {
    let dir = fresh("errors");
    std::fs::create_dir_all(dir.join("occupied")).unwrap();
    std::fs::write(dir.join("occupied/notes.txt"), "mine").unwrap();
    std::fs::write(dir.join("a-file"), "not a folder").unwrap();
    for lang in ["en", "zh"] {
        let mut text = String::new();
        for target in ["occupied", "a-file/demo"] {
            let a = Command::cargo_bin("salesflow")
                .unwrap()
                .current_dir(&dir)
                .env("NO_COLOR", "1")
                .args(["demo", "--dir", target, "--lang", lang])
                .assert()
                .code(2);
            text.push_str("$ salesflow demo --dir ");
            text.push_str(target);
            text.push('\n');
            text.push_str(&stderr(&a));
        }
        insta::assert_snapshot!(format!("demo_errors_{lang}"), text);
    }
}
