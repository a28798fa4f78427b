//! An apply of more than one batch of customers evaluates the next batch on a
//! second connection while it writes the current one (`Store::reader`). It must
//! write exactly what `plan` showed, leave nothing pending, and still stop only
//! the customer whose row cannot be read.

mod cli_common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cli_common::{demo_project, salesflow as sf};

const AT: &str = "2026-11-01 09:00";
/// Seven weeks on: most customers have a threshold crossed or a timer due.
const LATER: &str = "2026-12-20 09:00";

/// A demo project of 250 customers (three batches of 100).
fn project(name: &str) -> PathBuf {
    demo_project("apply-pipeline", name, 250, AT)
}

/// Every key applied so far: the ledger's and the signals'.
fn keys(db: &Path) -> BTreeSet<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT key FROM effects UNION ALL SELECT key FROM signals")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

/// `apply --at LATER --format json`: its exit code and its report.
fn apply_later(dir: &Path) -> (Option<i32>, serde_json::Value) {
    let out = sf(dir)
        .args(["apply", "--at", LATER, "--format", "json"])
        .output()
        .unwrap();
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "{code:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (code, json(&out))
}

fn plan_keys(dir: &Path) -> (BTreeSet<String>, serde_json::Value) {
    let out = sf(dir)
        .args(["plan", "--at", LATER, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let plan = json(&out);
    let keys = plan["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["key"].as_str().unwrap().to_string())
        .collect();
    (keys, plan["summary"].clone())
}

#[test]
fn an_apply_of_several_batches_writes_what_plan_showed_and_nothing_else() {
    let dir = project("several_batches");
    let db = dir.join("salesflow.db");
    let before = keys(&db);
    let (planned, summary) = plan_keys(&dir);
    assert!(planned.len() > 100, "{}", planned.len());

    let (code, report) = apply_later(&dir);
    assert_eq!(code, Some(0));
    let visited = report["applied"]["customers"].as_u64().unwrap();
    assert!(visited > 200, "more than two batches: {visited}");
    for (kind, n) in summary.as_object().unwrap() {
        assert_eq!(&report["applied"][kind], n, "{kind}");
    }

    let written: BTreeSet<String> = keys(&db).difference(&before).cloned().collect();
    assert_eq!(written, planned);
    // Nothing is left to do at that instant, and no customer is left due.
    let (again, _) = plan_keys(&dir);
    assert!(again.is_empty(), "{again:?}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let dirty: i64 = conn
        .query_row("SELECT count(*) FROM customers WHERE dirty", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(dirty, 0);
}

#[test]
fn an_unreadable_row_in_a_later_batch_stops_only_its_customer() {
    let dir = project("bad_row_later");
    let db = dir.join("salesflow.db");
    // c0180 and c0240 are in the second and third batches (customers in id order).
    let conn = rusqlite::Connection::open(&db).unwrap();
    for customer in ["c0180", "c0240"] {
        conn.execute(
            "INSERT INTO events (customer, at, kind, source, natural_key)
             VALUES (?1, 'not a time', 'visit', 'import', ?2)",
            rusqlite::params![customer, format!("planted-{customer}")],
        )
        .unwrap();
        conn.execute("UPDATE customers SET dirty = 1 WHERE id = ?1", [customer])
            .unwrap();
    }
    drop(conn);

    let (code, report) = apply_later(&dir);
    assert_eq!(code, Some(1));
    let errors = report["errors"].to_string();
    assert!(errors.contains("customer c0180"), "{errors}");
    assert!(errors.contains("customer c0240"), "{errors}");
    assert!(report["applied"]["customers"].as_u64().unwrap() > 200);

    // Only the two are still due; every other customer's work is written.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut stmt = conn
        .prepare("SELECT id FROM customers WHERE dirty ORDER BY id")
        .unwrap();
    let due: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(due, ["c0180", "c0240"]);
}

/// New rules are measured against what was applied: the first apply under them
/// stores every customer's baseline, which the connection that read the customer
/// hands to the one that writes.
#[test]
fn new_rules_store_every_customers_baseline_across_batches() {
    let dir = project("new_rules");
    let db = dir.join("salesflow.db");
    let rules = dir.join("rules").join("risks.flow");
    let mut text = std::fs::read_to_string(&rules).unwrap();
    text.push_str("\n# 新规则：季度复盘后调整\n");
    std::fs::write(&rules, text).unwrap();

    let (code, report) = apply_later(&dir);
    assert_eq!(code, Some(0));
    assert_eq!(report["applied"]["customers"].as_u64(), Some(250));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (sets, baselines): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM rule_sets),
                    (SELECT count(*) FROM rule_baselines
                     WHERE rule_set = (SELECT max(id) FROM rule_sets))",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(sets, 2);
    assert_eq!(baselines, 250);
}
