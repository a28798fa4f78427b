//! A store holding a value it should not (an event at year 0 written by an
//! older salesflow, a time that is no time) names the table, the row and the
//! customer, and every other customer is still evaluated: `plan`, `apply` and
//! `list` go on and exit 1; `explain` of that customer says why.

mod cli_common;

use std::path::{Path, PathBuf};

use cli_common::{demo_project, salesflow as sf};

const AT: &str = "2026-11-01 09:00";

/// A demo project of 60 customers in a fresh folder.
fn project(name: &str) -> PathBuf {
    demo_project("store-unreadable", name, 60, AT)
}

/// Writes, behind salesflow's back, an event at `at` for `customer` and marks
/// the customer and `also` due.
fn plant(db: &Path, customer: &str, at: &str, also: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute(
        "INSERT INTO events (customer, at, kind, actor, source, natural_key)
         VALUES (?1, ?2, 'visit', NULL, 'import', ?3)",
        rusqlite::params![customer, at, format!("planted-{customer}")],
    )
    .unwrap();
    let id = conn.last_insert_rowid();
    conn.execute(
        "UPDATE customers SET dirty = 1 WHERE id IN (?1, ?2)",
        rusqlite::params![customer, also],
    )
    .unwrap();
    id
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[test]
fn an_unreadable_row_names_its_customer_and_the_others_are_still_evaluated() {
    let dir = project("one_bad_row");
    let db = dir.join("salesflow.db");
    let year0 = plant(&db, "c0005", "0000-01-01T00:00:00Z", "c0007");
    let garbage = plant(&db, "c0006", "not a time", "c0007");

    let out = sf(&dir).args(["plan", "--at", AT]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "unreadable row {year0} of `events` (customer c0005)"
        )),
        "{err}"
    );
    assert!(err.contains("lies outside the years 1970–2199"), "{err}");
    assert!(
        err.contains(&format!(
            "unreadable row {garbage} of `events` (customer c0006)"
        )),
        "{err}"
    );

    // `list` lists the 58 others and names the two.
    let out = sf(&dir)
        .args(["list", "--at", AT, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.len(), 58);
    assert!(stderr(&out).contains("customer c0005"));

    // `apply` applies the others (c0007 is no longer due) and keeps the two due.
    let out = sf(&dir).args(["apply", "--at", AT]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let due: Vec<String> = conn
        .prepare("SELECT id FROM customers WHERE dirty = 1 ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(due, ["c0005", "c0006"]);

    // `explain` of a bad customer says why, exit 1.
    let out = sf(&dir)
        .args(["explain", "c0005", "--at", AT, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["error"]["code"], "salesflow::store::unreadable_row",
        "{doc:#}"
    );
}
