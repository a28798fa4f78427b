//! A real team's history through the binary, as a user records it: customers never
//! contacted, moves logged weeks late, records dated before the customer existed,
//! imported tasks, pauses on working time, a second POC, a risk judged false, a
//! store that goes live over old history, and rules edited between two applies.
//! Each test is one numbered failure of issue 9, from the user's side: the commands,
//! then what `plan`, `explain` and the store's tables show.

mod store_common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use serde_json::Value;
use store_common::scratch;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/history")
        .join(name)
}

/// A project folder with its store, the history rules and team, live since
/// `live_from`.
struct Project {
    dir: PathBuf,
}

impl Project {
    fn new(name: &str, live_from: &str) -> Project {
        let dir = scratch(name);
        std::fs::copy(fixture("rules.flow"), dir.join("rules.flow")).unwrap();
        std::fs::copy(fixture("team.yaml"), dir.join("team.yaml")).unwrap();
        std::fs::write(
            dir.join("salesflow.yaml"),
            "db: crm.db\nrules: rules.flow\nteam: team.yaml\n",
        )
        .unwrap();
        let p = Project { dir };
        p.sf(&["init", "--live-from", live_from]).success();
        p.sf(&["import", "team", "team.yaml"]).success();
        p
    }

    fn sf(&self, args: &[&str]) -> Assert {
        Command::cargo_bin("salesflow")
            .unwrap()
            .current_dir(&self.dir)
            .args(args)
            .env("NO_COLOR", "1")
            .assert()
    }

    fn import(&self, kind: &str, file: &str, text: &str) {
        std::fs::write(self.dir.join(file), text).unwrap();
        self.sf(&["import", kind, file]).success();
    }

    fn apply(&self, at: &str) {
        self.sf(&["apply", "--at", at]).success();
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.sf(args).success().get_output().stdout.clone();
        serde_json::from_slice(&out).unwrap()
    }

    fn plan(&self, at: &str) -> Value {
        self.json(&["plan", "--format", "json", "--at", at])
    }

    /// Rows of a query on the store, each as its text columns.
    fn rows(&self, sql: &str) -> Vec<Vec<String>> {
        let conn = rusqlite::Connection::open(self.dir.join("crm.db")).unwrap();
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        stmt.query_map([], |r| {
            (0..n)
                .map(|i| {
                    r.get::<_, rusqlite::types::Value>(i).map(|v| match v {
                        rusqlite::types::Value::Null => "NULL".to_string(),
                        rusqlite::types::Value::Integer(i) => i.to_string(),
                        rusqlite::types::Value::Real(f) => f.to_string(),
                        rusqlite::types::Value::Text(t) => t,
                        rusqlite::types::Value::Blob(_) => "<blob>".to_string(),
                    })
                })
                .collect()
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    }
}

fn instant(text: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

fn stderr(a: &Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).to_string()
}

fn actions<'a>(plan: &'a Value, kind: &str) -> Vec<&'a Value> {
    plan["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == kind)
        .collect()
}

const CUSTOMERS: &str = "id,name,owner,stage,evidence,created_at\n";

#[test]
fn a_customer_never_contacted_turns_yellow_fourteen_days_after_creation_citing_it() {
    let p = Project::new("history_never_contacted", "2026-01-01 00:00");
    p.import(
        "customers",
        "customers.csv",
        &format!("{CUSTOMERS}c1,宁波某整车配套厂,zhang,lead,,2026-03-02 09:00\n"),
    );
    p.apply("2026-03-02 10:00");
    // Fresh, not dormant and not yellow at creation.
    assert_eq!(
        p.rows("SELECT from_state, to_state, at, creation FROM health_changes"),
        [["NULL", "green", "2026-03-02T01:00:00Z", "1"]]
    );
    assert_eq!(p.rows("SELECT segment FROM customers"), [["active"]]);
    assert!(p.rows("SELECT title FROM tasks").is_empty());
    // Fourteen days (and a second) after creation, yellow, with the creation record
    // as evidence.
    let x = p.json(&[
        "explain",
        "c1",
        "--format",
        "json",
        "--at",
        "2026-03-16 09:00",
    ]);
    assert_eq!(x["evaluation"]["health"][0], "green");
    p.apply("2026-03-20 09:00");
    assert_eq!(
        p.rows(
            "SELECT from_state, to_state, at, creation, witness FROM health_changes ORDER BY id"
        ),
        [
            ["NULL", "green", "2026-03-02T01:00:00Z", "1", "[]"],
            ["green", "yellow", "2026-03-16T01:00:01Z", "1", "[]"],
        ]
    );
    let text = String::from_utf8(
        p.sf(&["explain", "c1", "--at", "2026-03-20 09:00"])
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    assert!(
        text.contains(
            "since last contact = 18d (no such event: since the customer was created) > 14d"
        ),
        "{text}"
    );
}

#[test]
fn late_moves_add_effects_only_from_when_they_were_known() {
    let p = Project::new("history_late_moves", "2026-01-01 00:00");
    p.import(
        "customers",
        "customers.csv",
        &format!("{CUSTOMERS}c2,常州某机加工厂,zhang,lead,,2026-01-05 09:00\n"),
    );
    p.apply("2026-03-10 09:00");
    let health_before = p.rows("SELECT key FROM health_changes ORDER BY key");
    // Both moves are logged weeks late, after the apply at 03-10 09:00.
    p.sf(&["move", "c2", "demo", "--at", "2026-02-01 09:00"])
        .success();
    p.sf(&[
        "move",
        "c2",
        "poc",
        "--evidence",
        "POC申请单.pdf",
        "--at",
        "2026-02-15 09:00",
    ])
    .success();
    let plan = p.plan("2026-03-10 12:00");
    // Nothing is back-dated: every action is at or after the moment salesflow knew.
    let known = instant("2026-03-10T09:00:00+08:00");
    for a in plan["actions"].as_array().unwrap() {
        for key in ["at", "created_at", "due_at"] {
            if let Some(t) = a[key].as_str() {
                assert!(instant(t) >= known, "{a:#}");
            }
        }
    }
    // The demo visit had ended (by the POC move) when it became known: it asks for
    // nothing. The POC visit asks for its report from the moment it was known.
    let tasks = actions(&plan, "task");
    assert_eq!(tasks.len(), 1, "{plan:#}");
    assert_eq!(tasks[0]["title"], "报告");
    assert_eq!(instant(tasks[0]["created_at"].as_str().unwrap()), known);
    assert!(actions(&plan, "health").is_empty(), "{plan:#}");
    p.apply("2026-03-10 12:00");
    p.apply("2026-03-10 12:00");
    assert_eq!(
        p.rows("SELECT key FROM health_changes ORDER BY key"),
        health_before
    );
    assert_eq!(p.rows("SELECT title FROM tasks"), [["报告"]]);
    // The visits themselves keep their true times, for the reports.
    assert_eq!(
        p.rows("SELECT stage, entered_at, coalesce(left_at, '') FROM stage_visits ORDER BY seq"),
        [
            ["lead", "2026-01-05T01:00:00Z", "2026-02-01T01:00:00Z"],
            ["demo", "2026-02-01T01:00:00Z", "2026-02-15T01:00:00Z"],
            ["poc", "2026-02-15T01:00:00Z", ""],
        ]
    );
    // The moves were recorded with the time salesflow knew them.
    assert_eq!(
        p.rows("SELECT at, known_at FROM events WHERE kind = 'stage_change' ORDER BY at"),
        [
            ["2026-01-05T01:00:00Z", "NULL"],
            ["2026-02-01T01:00:00Z", "2026-03-10T01:00:00Z"],
            ["2026-02-15T01:00:00Z", "2026-03-10T01:00:00Z"],
        ]
    );
}

#[test]
fn records_dated_before_the_customer_existed_are_refused_and_nothing_is_written() {
    let p = Project::new("history_impossible", "2026-01-01 00:00");
    p.import(
        "customers",
        "customers.csv",
        &format!("{CUSTOMERS}c3,无锡某精密件厂,zhang,poc,POC申请单,2026-03-01 09:00\n"),
    );
    p.apply("2026-03-02 09:00");
    let events = p.rows("SELECT count(*) FROM events");
    let refused = p
        .sf(&[
            "update",
            "c3",
            "--status",
            "推进中",
            "--next",
            "约演示",
            "--blocker",
            "预算审批",
            "--at",
            "2020-01-01 09:00",
        ])
        .code(1);
    assert!(
        stderr(&refused).contains("2020-01-01 09:00 is before c3 was created (2026-03-01 09:00)"),
        "{}",
        stderr(&refused)
    );
    let refused = p
        .sf(&["move", "c3", "lost", "--at", "0000-01-01 00:00"])
        .code(1);
    assert!(
        stderr(&refused).contains("outside the years a record may fall in"),
        "{}",
        stderr(&refused)
    );
    let task = &p.rows("SELECT id FROM tasks")[0][0];
    let refused = p
        .sf(&["task", "done", task, "--at", "2025-06-01 09:00"])
        .code(1);
    assert!(
        stderr(&refused).contains("2025-06-01 09:00 is before c3 was created"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(p.rows("SELECT count(*) FROM events"), events);
    assert_eq!(
        p.rows("SELECT count(*) FROM tasks WHERE done_at IS NOT NULL"),
        [["0"]]
    );
    // `plan` and `apply` still work on the store.
    p.apply("2026-03-03 09:00");
}

#[test]
fn imported_tasks_wake_the_engine_and_an_imported_done_time_closes_them() {
    let p = Project::new("history_imported_tasks", "2026-01-01 00:00");
    p.import(
        "customers",
        "customers.csv",
        &format!(
            "{CUSTOMERS}c4,苏州某储能电池厂,zhang,lead,,2026-03-02 09:00\nc5,合肥某电芯厂,zhang,lead,,2026-03-02 09:00\n"
        ),
    );
    p.import(
        "tasks",
        "tasks.csv",
        "customer,title,role,assignee,created_at,due_at,done_at\n\
         c4,报告,presales,wang,2026-03-03 10:00,2026-03-05 10:00,\n\
         c5,报告,presales,wang,2026-03-03 10:00,2026-03-05 10:00,2026-03-04 11:00\n",
    );
    p.apply("2026-03-03 09:00");
    // The task appears at 10:00 and its first reminder is due 4 working hours
    // later: the engine wakes then, and not before (nothing changes at 10:00).
    assert_eq!(
        p.rows("SELECT id, wake_at FROM customers ORDER BY id"),
        [
            ["c4", "2026-03-03T06:00:00Z"],
            ["c5", "2026-03-03T06:00:00Z"]
        ]
    );
    p.apply("2026-03-10 09:00");
    assert_eq!(
        p.rows("SELECT customer, step, due_at FROM fired_steps ORDER BY customer, due_at"),
        [
            ["c4", "after 4h", "2026-03-03T06:00:00Z"],
            ["c4", "after 2d", "2026-03-05T02:00:00Z"],
            ["c5", "after 4h", "2026-03-03T06:00:00Z"],
        ]
    );
    // c5's report came in after the first reminder: met late, at its done time.
    assert_eq!(
        p.rows("SELECT customer, state, coalesce(ended_at, '') FROM timers ORDER BY customer"),
        [
            ["c4", "running", ""],
            ["c5", "met_late", "2026-03-04T03:00:00Z"],
        ]
    );
    assert_eq!(
        p.rows("SELECT customer, coalesce(done_at, '') FROM tasks ORDER BY customer"),
        [["c4", ""], ["c5", "2026-03-04T03:00:00Z"]]
    );
    let text = String::from_utf8(
        p.sf(&["explain", "c5", "--at", "2026-03-10 09:00"])
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    assert!(
        text.contains("报告催办 #1 met_late since 2026-03-03 10:00 +08:00 Tue, ended 2026-03-04 11:00 +08:00 Wed"),
        "{text}"
    );
}

#[test]
fn a_pause_moves_day_based_steps_to_the_next_unpaused_opening() {
    let p = Project::new("history_pause", "2026-01-01 00:00");
    p.import(
        "customers",
        "customers.csv",
        &format!("{CUSTOMERS}c6,宁波某模具厂,zhang,lead,,2026-02-27 09:00\n"),
    );
    p.apply("2026-03-01 09:00");
    // POC on Monday before opening; lost (paused) from Monday 09:00 to Wednesday 09:00.
    p.sf(&[
        "move",
        "c6",
        "poc",
        "--evidence",
        "申请单",
        "--at",
        "2026-03-02 08:00",
    ])
    .success();
    p.apply("2026-03-02 08:30");
    p.sf(&["move", "c6", "lost", "--at", "2026-03-02 09:00"])
        .success();
    p.apply("2026-03-02 09:30");
    p.sf(&["move", "c6", "demo", "--at", "2026-03-04 09:00"])
        .success();
    p.apply("2026-03-10 09:00");
    assert_eq!(
        p.rows(
            "SELECT step, due_at FROM fired_steps WHERE escalation = '报告催办' ORDER BY due_at"
        ),
        [
            // 4 working hours counted from the resume.
            ["after 4h", "2026-03-04T05:00:00Z"],
            // 2 working days = 18 unpaused working hours, which end Thursday 18:00:
            // due at the next opening, Friday 09:00.
            ["after 2d", "2026-03-06T01:00:00Z"],
        ]
    );
    let pauses = &p.rows("SELECT pauses FROM timers WHERE escalation = '报告催办'")[0][0];
    assert_eq!(
        pauses,
        r#"[["2026-03-02T01:00:00Z","2026-03-04T01:00:00Z"]]"#
    );
}

#[test]
fn the_latest_task_so_titled_is_the_one_chased_after_a_second_poc() {
    let p = Project::new("history_second_poc", "2026-01-01 00:00");
    p.import(
        "customers",
        "customers.csv",
        &format!("{CUSTOMERS}c7,嘉兴某汽配厂,zhang,lead,,2026-02-27 09:00\n"),
    );
    p.sf(&[
        "move",
        "c7",
        "poc",
        "--evidence",
        "第一次POC",
        "--at",
        "2026-03-02 09:00",
    ])
    .success();
    p.apply("2026-03-02 10:00");
    let first = p.rows("SELECT id FROM tasks WHERE title = '报告'")[0][0].clone();
    p.sf(&["task", "done", &first, "--at", "2026-03-02 11:00"])
        .success();
    p.apply("2026-03-03 09:00");
    p.sf(&["move", "c7", "lost", "--at", "2026-03-05 09:00"])
        .success();
    p.sf(&[
        "move",
        "c7",
        "poc",
        "--evidence",
        "第二次POC",
        "--at",
        "2026-03-09 09:00",
    ])
    .success();
    p.apply("2026-03-10 09:00");
    // The second report is chased in a new epoch; the first (done) stays done.
    assert_eq!(
        p.rows("SELECT epoch, step, due_at FROM fired_steps ORDER BY due_at"),
        [["2", "after 4h", "2026-03-09T05:00:00Z"]]
    );
    assert_eq!(
        p.rows("SELECT epoch, state FROM timers ORDER BY epoch"),
        [["1", "met"], ["2", "running"]]
    );
    let x = p.json(&[
        "explain",
        "c7",
        "--format",
        "json",
        "--at",
        "2026-03-10 09:00",
    ]);
    assert_eq!(x["evaluation"]["stage"], "poc");
}

#[test]
fn a_signal_judged_false_stops_driving_health_from_the_verdict_on() {
    let p = Project::new("history_false_signal", "2026-01-01 00:00");
    p.import(
        "customers",
        "customers.csv",
        &format!("{CUSTOMERS}c8,杭州某电池pack厂,zhang,lead,,2026-03-02 09:00\n"),
    );
    p.import(
        "events",
        "events.csv",
        "customer,at,kind,role,text\nc8,2026-03-02 10:00,visit,decision_maker,客户说预算冻结了\n",
    );
    p.apply("2026-03-02 11:00");
    assert_eq!(p.rows("SELECT health FROM customers"), [["red"]]);
    let signal = p.rows("SELECT id FROM signals")[0][0].clone();
    p.sf(&[
        "signal",
        "verdict",
        &signal,
        "false",
        "--at",
        "2026-03-03 09:00",
    ])
    .success();
    p.apply("2026-03-03 10:00");
    assert_eq!(
        p.rows("SELECT from_state, to_state, at FROM health_changes ORDER BY id"),
        [
            ["NULL", "green", "2026-03-02T01:00:00Z"],
            ["green", "red", "2026-03-02T02:00:00Z"],
            ["red", "green", "2026-03-03T01:00:00Z"],
        ]
    );
    assert_eq!(p.rows("SELECT verdict FROM signals"), [["false"]]);
}

#[test]
fn explain_shows_the_witness_of_the_condition_that_holds_now() {
    let p = Project::new("history_witness_now", "2026-01-01 00:00");
    p.import(
        "customers",
        "customers.csv",
        &format!("{CUSTOMERS}c9,湖州某锂电厂,zhang,lead,,2026-03-01 09:00\n"),
    );
    p.import(
        "events",
        "events.csv",
        "customer,at,kind,role,text\n\
         c9,2026-03-02 10:00,visit,decision_maker,客户说预算冻结\n\
         c9,2026-03-20 10:00,call,decision_maker,财务再次确认预算冻结，冻结到年底\n",
    );
    p.apply("2026-04-05 09:00");
    // Red since 03-02 on the first note; on 04-05 only the second note keeps it red.
    let stored = p.rows("SELECT witness FROM health_changes WHERE to_state = 'red'");
    let x = p.json(&[
        "explain",
        "c9",
        "--format",
        "json",
        "--at",
        "2026-04-05 09:00",
    ]);
    let ids: Vec<i64> = x["witnesses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_i64().unwrap())
        .collect();
    let second = p.rows("SELECT id FROM events WHERE kind = 'call'")[0][0]
        .parse::<i64>()
        .unwrap();
    assert_eq!(ids, [second], "stored at the change: {stored:?}");
}

#[test]
fn going_live_records_what_the_rules_would_have_sent_before_as_suppressed() {
    let p = Project::new("history_live", "2026-03-10 00:00");
    p.import(
        "customers",
        "customers.csv",
        &format!("{CUSTOMERS}c10,温州某阀门厂,zhang,poc,POC申请单,2026-02-01 09:00\n"),
    );
    let plan = p.plan("2026-03-10 09:00");
    let notify = actions(&plan, "notify");
    assert!(!notify.is_empty());
    assert!(notify.iter().all(|n| n["suppressed"] == true), "{plan:#}");
    let human = String::from_utf8(
        p.sf(&["plan", "--at", "2026-03-10 09:00"])
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    assert!(human.contains("[suppressed: before going live]"), "{human}");
    p.apply("2026-03-10 09:00");
    assert!(
        p.rows("SELECT status FROM outbox")
            .iter()
            .all(|r| r[0] == "suppressed")
    );
    assert_eq!(
        p.rows("SELECT title, suppressed FROM tasks"),
        [["报告", "1"]]
    );
    let open = p.json(&["task", "list", "--open", "--format", "json"]);
    assert_eq!(open, serde_json::json!([]));
    // A suppressed task is never chased: no escalation about the past.
    assert!(p.rows("SELECT * FROM fired_steps").is_empty());

    // Later, old customers imported into the live store go live when told.
    p.import(
        "customers",
        "more.csv",
        &format!("{CUSTOMERS}c11,台州某泵业,zhang,poc,POC申请单,2026-01-10 09:00\n"),
    );
    p.sf(&[
        "apply",
        "--at",
        "2026-03-12 09:00",
        "--live-from",
        "2026-03-12 09:00",
    ])
    .success();
    assert_eq!(
        p.rows("SELECT id, coalesce(live_from, '') FROM customers ORDER BY id"),
        [["c10", ""], ["c11", "2026-03-12T01:00:00Z"]]
    );
    assert!(
        p.rows("SELECT status FROM outbox WHERE customer = 'c11'")
            .iter()
            .all(|r| r[0] == "suppressed")
    );
    // From then on, messages are sent.
    p.apply("2026-03-20 09:00");
    assert!(
        p.rows("SELECT status FROM outbox WHERE customer = 'c11' AND created_at > '2026-03-12T01:00:00Z'")
            .iter()
            .all(|r| r[0] == "pending")
    );
}

#[test]
fn edited_rules_change_health_from_the_apply_that_first_runs_them() {
    let p = Project::new("history_rules_change", "2026-01-01 00:00");
    p.import(
        "customers",
        "customers.csv",
        &format!("{CUSTOMERS}c12,南通某机床厂,zhang,lead,,2026-03-01 09:00\n"),
    );
    p.apply("2026-03-10 09:00");
    assert_eq!(p.rows("SELECT health FROM customers"), [["green"]]);
    // The ops person tightens the threshold to 5 days: under the new rules the
    // customer would have been yellow since 03-06, but nothing is back-dated.
    let rules = std::fs::read_to_string(p.dir.join("rules.flow"))
        .unwrap()
        .replace(
            "yellow \"需关注\" when since last contact > 14d",
            "yellow \"需关注\" when since last contact > 5d",
        );
    std::fs::write(p.dir.join("rules.flow"), rules).unwrap();
    p.apply("2026-03-10 10:00");
    assert_eq!(
        p.rows("SELECT from_state, to_state, at FROM health_changes ORDER BY id"),
        [
            ["NULL", "green", "2026-03-01T01:00:00Z"],
            ["green", "yellow", "2026-03-10T02:00:00Z"],
        ]
    );
    p.apply("2026-03-11 10:00");
    assert_eq!(p.rows("SELECT count(*) FROM health_changes"), [["2"]]);
    assert_eq!(p.rows("SELECT count(*) FROM rule_sets"), [["2"]]);
}

#[test]
fn a_step_the_edited_rules_would_have_fired_before_is_skipped_not_fired() {
    let p = Project::new("history_rules_skip", "2026-01-01 00:00");
    p.import(
        "customers",
        "customers.csv",
        &format!("{CUSTOMERS}c13,绍兴某纺机厂,zhang,lead,,2026-03-09 08:00\n"),
    );
    p.sf(&[
        "move",
        "c13",
        "poc",
        "--evidence",
        "申请单",
        "--at",
        "2026-03-09 09:00",
    ])
    .success();
    p.apply("2026-03-09 10:00");
    // The first reminder now comes after 30 minutes: under the new rules it was due
    // at 09:30, before they were applied.
    let rules = std::fs::read_to_string(p.dir.join("rules.flow"))
        .unwrap()
        .replace("after 4h {", "after 30m {");
    std::fs::write(p.dir.join("rules.flow"), rules).unwrap();
    p.apply("2026-03-09 10:30");
    assert!(p.rows("SELECT step FROM fired_steps").is_empty());
    let text = String::from_utf8(
        p.sf(&["explain", "c13", "--at", "2026-03-09 10:30"])
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    assert!(
        text.contains("skipped after 30m (due 2026-03-09 09:30 +08:00 Mon, before the current rules took over)"),
        "{text}"
    );
    // The next step still fires on time.
    p.apply("2026-03-11 10:00");
    assert_eq!(
        p.rows("SELECT step, due_at FROM fired_steps"),
        [["after 2d", "2026-03-11T01:00:00Z"]]
    );
}

/// `topic` is the latest blocker an update recorded, never a risk keyword from a
/// note: an internal note "听说友商也在做对比方案" must not put 对比方案 into a
/// message to the customer; without a blocker the template's default speaks.
#[test]
fn topic_is_the_latest_blocker_never_a_keyword_from_a_note() {
    let p = Project::new("history_topic", "2026-03-01 00:00");
    let mut rules = std::fs::read_to_string(p.dir.join("rules.flow")).unwrap();
    rules.push_str(
        r#"
risk 竞品 "竞品进场" {
  severity yellow
  keywords "对比方案"
  strategy "强调交付能力"
}

on enter signed {
  message customer "关于您关心的{{ topic | default('方案落地') }}事宜,我们已专项跟进"
}
"#,
    );
    std::fs::write(p.dir.join("rules.flow"), rules).unwrap();
    p.import(
        "customers",
        "customers.csv",
        "id,name,owner,stage,created_at\nc1,宁波某整车配套厂,zhang,lead,2026-03-02 09:00\nc2,常州某机加工厂,zhang,lead,2026-03-02 09:00\n",
    );
    p.import(
        "events",
        "events.jsonl",
        concat!(
            r#"{"customer":"c1","at":"2026-03-02 10:00","kind":"visit","actor":"zhang","text":"听说友商也在做对比方案"}"#,
            "\n",
            r#"{"customer":"c2","at":"2026-03-02 09:30","kind":"update","actor":"zhang","status":"推进中","next_action":"约演示","blocker":"预算审批中"}"#,
            "\n",
            r#"{"customer":"c2","at":"2026-03-02 10:00","kind":"update","actor":"zhang","status":"推进中","next_action":"开通环境","blocker":"客户内部测试环境未就绪"}"#,
            "\n",
        ),
    );
    for c in ["c1", "c2"] {
        p.sf(&["move", c, "signed", "--at", "2026-03-02 11:00"])
            .success();
    }
    p.apply("2026-03-02 12:00");
    let bodies =
        p.rows("SELECT customer, body FROM outbox WHERE kind = 'message' ORDER BY customer");
    assert_eq!(
        bodies,
        [
            vec![
                "c1".to_string(),
                "关于您关心的方案落地事宜,我们已专项跟进".to_string()
            ],
            vec![
                "c2".to_string(),
                "关于您关心的客户内部测试环境未就绪事宜,我们已专项跟进".to_string()
            ],
        ]
    );
}
