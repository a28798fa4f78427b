//! PRODUCT.md's scenario through the binary, as a user runs it: init, import the
//! team, a customer that entered POC and a visit note mentioning 法务, then plan and
//! apply at Monday 10:00, Friday 16:30 and the next Tuesday 12:00. Nothing fires
//! twice, and `plan` leaves the database file byte-identical.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("scenario")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Shop {
    dir: PathBuf,
}

impl Shop {
    fn new(name: &str) -> Shop {
        let dir = scratch(name);
        let shop = Shop { dir };
        Command::cargo_bin("salesflow")
            .unwrap()
            .current_dir(&shop.dir)
            .args(["init", "--db", "crm.db", "--live-from", "2026-03-01 00:00"])
            .assert()
            .success();
        let root = env!("CARGO_MANIFEST_DIR");
        shop.run(&["import", "team", &format!("{root}/examples/team.yaml")])
            .success();
        std::fs::write(
            shop.dir.join("customers.yaml"),
            "- { id: c1, name: 宁波某整车配套厂, owner: zhang, stage: poc, evidence: POC申请单.pdf, created_at: \"2026-03-02 09:00\" }\n",
        )
        .unwrap();
        std::fs::write(
            shop.dir.join("events.jsonl"),
            "{\"customer\": \"c1\", \"at\": \"2026-03-02 09:00\", \"kind\": \"visit\", \"role\": \"decision_maker\", \"text\": \"客户提到需要法务审核\"}\n",
        )
        .unwrap();
        shop.run(&["import", "customers", "customers.yaml"])
            .success();
        shop.run(&["import", "events", "events.jsonl"]).success();
        shop
    }

    fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        let root = env!("CARGO_MANIFEST_DIR");
        self.run_with(args, &format!("{root}/examples/zhilian.flow"))
    }

    fn run_with(&self, args: &[&str], rules: &str) -> assert_cmd::assert::Assert {
        Command::cargo_bin("salesflow")
            .unwrap()
            .current_dir(&self.dir)
            .args(args)
            .args(["--db", "crm.db", "--rules", rules])
            .env("NO_COLOR", "1")
            .assert()
    }

    fn plan(&self, at: &str) -> Value {
        let out = self
            .run(&["plan", "--format", "json", "--at", at])
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice(&out).unwrap()
    }

    fn db_bytes(&self) -> Vec<u8> {
        std::fs::read(self.dir.join("crm.db")).unwrap()
    }
}

fn actions<'a>(plan: &'a Value, kind: &str) -> Vec<&'a Value> {
    plan["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == kind)
        .collect()
}

#[test]
fn the_legal_review_scenario_fires_each_step_once_on_working_time() {
    let shop = Shop::new("legal_review");

    // Monday 10:00: the note made the customer yellow, with the note as evidence.
    let monday = shop.plan("2026-03-02 10:00");
    let health = actions(&monday, "health");
    assert_eq!(health.len(), 1);
    assert_eq!(health[0]["to"], "yellow");
    let witness = health[0]["evidence"]["events"].as_array().unwrap().clone();
    assert_eq!(witness.len(), 1);
    let signal = actions(&monday, "signal");
    assert_eq!(signal.len(), 1);
    assert_eq!(signal[0]["risk"], "legal_review");
    assert_eq!(signal[0]["event"], witness[0]);
    assert!(signal[0]["strategy"][0].as_str().unwrap().contains("法务"));
    // Entering POC: the report task for presales, finance asked for the margin,
    // the customer invited to book.
    let task = actions(&monday, "task");
    assert_eq!(task.len(), 1);
    assert_eq!(task[0]["assignee"], "wang");
    let notify = actions(&monday, "notify");
    assert_eq!(notify.len(), 1);
    assert_eq!(notify[0]["recipient"], "zhao");
    assert_eq!(actions(&monday, "message").len(), 1);
    shop.run(&["apply", "--at", "2026-03-02 10:00"]).success();

    // Friday 16:29 nothing is due; 16:30 the presales reminder.
    assert!(actions(&shop.plan("2026-03-06 16:29"), "notify").is_empty());
    let friday = shop.plan("2026-03-06 16:30");
    let notify = actions(&friday, "notify");
    assert_eq!(notify.len(), 1);
    assert_eq!(notify[0]["recipient"], "wang");
    assert_eq!(
        actions(&friday, "escalation_step")[0]["due_at"],
        "2026-03-06T16:30:00+08:00"
    );
    shop.run(&["apply", "--at", "2026-03-06 16:30"]).success();

    // Tuesday 12:00: the manager of presales, the director in cc, and the care
    // message to the customer. `plan` writes nothing.
    let before = shop.db_bytes();
    let tuesday = shop.plan("2026-03-10 12:00");
    assert_eq!(
        before,
        shop.db_bytes(),
        "plan leaves the database file byte-identical"
    );
    let notify = actions(&tuesday, "notify");
    assert_eq!(notify.len(), 1, "{tuesday:#}");
    assert_eq!(notify[0]["recipient"], "chen");
    assert_eq!(notify[0]["cc"], serde_json::json!(["li"]));
    let message = actions(&tuesday, "message");
    assert_eq!(message.len(), 1);
    assert_eq!(message[0]["recipient"], "customer");
    // No blocker recorded: the care message speaks of 方案落地, never of the risk
    // keyword in the internal visit note.
    let body = message[0]["body"].as_str().unwrap();
    assert!(body.contains("关于您关心的方案落地事宜"), "{body}");
    assert!(!body.contains("法务"), "{body}");
    assert_eq!(tuesday["summary"]["escalation_step"], 1);
    shop.run(&["apply", "--at", "2026-03-10 12:00"]).success();

    // Nothing fires twice: a second apply at the same time does nothing, and the
    // plan is empty with --detailed-exitcode 0.
    let again = shop
        .run(&["apply", "--at", "2026-03-10 12:00"])
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(again).unwrap().contains("nothing new"));
    shop.run(&["plan", "--detailed-exitcode", "--at", "2026-03-10 12:00"])
        .code(0);
    shop.run(&["plan", "--detailed-exitcode", "--at", "2026-03-13 15:00"])
        .code(2);
}

#[test]
fn one_late_apply_records_every_passed_step_with_its_due_time() {
    let shop = Shop::new("late");
    shop.run(&["apply", "--at", "2026-03-10 12:00"]).success();
    let out = shop
        .run(&["explain", "c1", "--at", "2026-03-10 12:00"])
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("✓ signal any yellow within 14d"), "{text}");
    assert!(
        text.contains("since last contact(role = decision_maker) = 8d3h > 14d"),
        "{text}"
    );
    assert!(
        text.contains("next: every 24h after 48h #1 at 2026-03-13 15:00 +08:00"),
        "{text}"
    );
    shop.run(&["plan", "--detailed-exitcode", "--at", "2026-03-10 12:00"])
        .code(0);
}

#[test]
fn list_where_queries_in_the_rule_language() {
    let shop = Shop::new("list");
    let out = shop
        .run(&[
            "list",
            "--format",
            "json",
            "--where",
            "health is yellow and signal legal_review",
            "--at",
            "2026-03-03 09:00",
        ])
        .success()
        .get_output()
        .stdout
        .clone();
    let rows: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["id"], "c1");
    let none = shop.run(&[
        "list",
        "--format",
        "json",
        "--where",
        "tagged 新能源",
        "--at",
        "2026-03-03 09:00",
    ]);
    let rows: Value = serde_json::from_slice(&none.success().get_output().stdout.clone()).unwrap();
    assert!(rows.as_array().unwrap().is_empty());
    let bad = shop
        .run(&["list", "--where", "health is yelow"])
        .code(1)
        .get_output()
        .stderr
        .clone();
    assert!(
        String::from_utf8(bad)
            .unwrap()
            .contains("did you mean `yellow`?")
    );
}

#[test]
fn a_message_that_cannot_render_is_reported_by_every_apply_and_never_sent_empty() {
    let shop = Shop::new("undefined_topic");
    // The same rules with `care` reading `topic` unguarded: c1 records no blocker,
    // so the care message has no topic to speak of.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let flow = std::fs::read_to_string(root.join("zhilian.flow"))
        .unwrap()
        .replace("{{ topic | default(\"方案落地\") }}", "{{ topic }}");
    std::fs::write(shop.dir.join("zhilian.flow"), flow).unwrap();
    std::fs::copy(root.join("risks.flow"), shop.dir.join("risks.flow")).unwrap();
    std::fs::create_dir_all(shop.dir.join("holidays")).unwrap();
    for year in ["2025", "2026"] {
        std::fs::copy(
            root.join(format!("holidays/{year}.json")),
            shop.dir.join(format!("holidays/{year}.json")),
        )
        .unwrap();
    }
    for _ in 0..2 {
        let out = shop
            .run_with(&["apply", "--at", "2026-03-10 12:00"], "zhilian.flow")
            .code(1)
            .get_output()
            .stderr
            .clone();
        let err = String::from_utf8(out).unwrap();
        assert!(
            err.contains("c1/esc/feasibility/1/after 48h: template `care`"),
            "{err}"
        );
    }
    let out = shop
        .run_with(
            &["plan", "--format", "json", "--at", "2026-03-10 12:00"],
            "zhilian.flow",
        )
        .code(1)
        .get_output()
        .stdout
        .clone();
    let plan: Value = serde_json::from_slice(&out).unwrap();
    assert!(actions(&plan, "message").is_empty());
    assert!(
        plan["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e.as_str().unwrap().contains("care"))
    );
}
