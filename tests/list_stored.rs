//! `list --where` answers from the store's columns what they decide (issue 16):
//! on a generated store, every condition lists exactly what replaying every
//! customer lists (`--replay`), at the latest apply, later (when some customers
//! are due again) and after new records made some dirty.

mod cli_common;

use std::fmt::Write as _;
use std::path::Path;

fn sf(dir: &Path, args: &[&str]) -> String {
    let out = cli_common::salesflow(dir).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// Atoms on stored columns and atoms that need the history.
const STORED: &[&str] = &[
    "health is yellow",
    "health is red",
    "health is green",
    "stage is poc",
    "stage in [lead, demo]",
    "stage > demo",
    "segment is dormant",
    "segment is new",
    "tagged 新能源",
    "tagged 汽车",
];
const REPLAYED: &[&str] = &[
    "since last contact > 14d",
    "count visit within 30d >= 2",
    "signal any yellow within 14d",
    "time_in_stage > 10d",
];

/// A small deterministic generator (xorshift).
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % n as u64).unwrap()
    }

    /// A random condition of depth at most `depth`.
    fn cond(&mut self, depth: u32) -> String {
        if depth == 0 || self.below(3) == 0 {
            return if self.below(4) == 0 {
                REPLAYED[self.below(REPLAYED.len())].to_string()
            } else {
                STORED[self.below(STORED.len())].to_string()
            };
        }
        match self.below(3) {
            0 => format!("not ({})", self.cond(depth - 1)),
            1 => format!("({}) and ({})", self.cond(depth - 1), self.cond(depth - 1)),
            _ => format!("({}) or ({})", self.cond(depth - 1), self.cond(depth - 1)),
        }
    }
}

fn conditions() -> Vec<String> {
    let mut all: Vec<String> = STORED
        .iter()
        .chain(REPLAYED)
        .map(ToString::to_string)
        .collect();
    all.push("health is yellow and tagged 新能源".into());
    all.push("not (health is yellow) and since last contact > 14d".into());
    let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
    all.extend((0..24).map(|_| dice.cond(3)));
    all
}

/// Every condition (and none) lists the same customers, with the same columns,
/// both ways, at `at`.
fn same_both_ways(dir: &Path, at: &str, conditions: &[String]) -> usize {
    let mut listed = 0;
    let mut check = |extra: &[&str]| {
        let mut args = vec!["list", "--format", "json", "--at", at];
        args.extend_from_slice(extra);
        let stored = sf(dir, &args);
        args.push("--replay");
        let replayed = sf(dir, &args);
        assert_eq!(stored, replayed, "list {extra:?} at {at}");
        let rows: serde_json::Value = serde_json::from_str(&stored).unwrap();
        listed += rows.as_array().unwrap().len();
    };
    check(&[]);
    for c in conditions {
        check(&["--where", c]);
    }
    listed
}

#[test]
fn stored_columns_list_what_a_replay_lists() {
    let dir = cli_common::scratch("list-stored", "demo");
    let demo = dir.join("demo");
    let run = cli_common::salesflow(&dir)
        .args(["demo", "--dir", "demo", "--customers", "60", "--days", "40"])
        .args(["--seed", "11", "--no-tour"])
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    let conn = rusqlite::Connection::open(demo.join("salesflow.db")).unwrap();
    let last: String = conn
        .query_row("SELECT max(at) FROM ticks", [], |r| r.get(0))
        .unwrap();
    let last = chrono::DateTime::parse_from_rfc3339(&last).unwrap();
    let at = |hours: i64| (last + chrono::TimeDelta::hours(hours)).to_rfc3339();
    let conditions = conditions();
    let mut listed = 0;
    for hours in [0, 1, 30, 24 * 20] {
        listed += same_both_ways(&demo, &at(hours), &conditions);
    }
    // New records: some customers dirty, one of them with a record older than
    // the latest apply.
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM customers ORDER BY id LIMIT 5")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut lines = String::new();
    for (days_back, id) in (0_i64..).zip(&ids) {
        writeln!(
            lines,
            "{{\"customer\": \"{id}\", \"at\": \"{}\", \"kind\": \"visit\", \"role\": \"decision_maker\", \"text\": \"竞品已进场\"}}",
            at(-24 * days_back)
        )
        .unwrap();
    }
    std::fs::write(demo.join("late.jsonl"), lines).unwrap();
    sf(&demo, &["import", "events", "late.jsonl"]);
    for hours in [0, 2] {
        listed += same_both_ways(&demo, &at(hours), &conditions);
    }
    assert!(
        listed > 100,
        "too few customers listed to compare: {listed}"
    );
}
