//! A damaged store is said to be damaged: a command that meets a page of random
//! bytes stops with `salesflow::store::damaged` (exit 2), never lists part of
//! the customers, and `--verify` checks the whole file on demand.

mod cli_common;

use std::path::{Path, PathBuf};

use cli_common::{demo_project, salesflow as sf};

const AT: &str = "2026-11-01 09:00";

/// A demo project of 300 customers in a fresh folder.
fn project(name: &str) -> PathBuf {
    demo_project("store-damage", name, 300, AT)
}

/// Overwrites every `nth` page of the store (never the first, which names the
/// file a database) with bytes from a fixed-seed generator: spread over the
/// whole file, so every table has damaged pages.
fn damage(db: &Path, nth: usize) {
    let mut bytes = std::fs::read(db).unwrap();
    let size = 4096;
    let count = bytes.len() / size;
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    for page in (1..count).step_by(nth) {
        for b in &mut bytes[page * size..(page + 1) * size] {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *b = x.to_le_bytes()[0];
        }
    }
    std::fs::write(db, bytes).unwrap();
}

#[test]
fn a_damaged_store_stops_every_reader_with_the_damage_named() {
    let dir = project("readers");
    damage(&dir.join("salesflow.db"), 5);
    // `list` reads every customer, `task list` every task: both meet the damage.
    // (A command that reads only undamaged pages, such as `plan` visiting the
    // few customers due, still works; `--verify` finds the damage for it.)
    for args in [&["list", "--at", AT][..], &["task", "list", "--at", AT]] {
        let out = sf(&dir).args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("the store is damaged"),
            "{args:?}: {stderr}"
        );
        assert!(
            stderr.contains("restore the store from a backup"),
            "{stderr}"
        );
    }
    // JSON: the error alone, no list of the customers that could be read.
    let out = sf(&dir)
        .args(["list", "--at", AT, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["error"]["code"], "salesflow::store::damaged", "{doc:#}");
    // And in Chinese.
    let out = sf(&dir)
        .args(["list", "--at", AT, "--lang", "zh"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("数据库文件已损坏"));
}

#[test]
fn verify_checks_the_whole_file_on_demand() {
    let dir = project("verify");
    sf(&dir)
        .args(["list", "--verify", "--at", AT])
        .assert()
        .success();
    damage(&dir.join("salesflow.db"), 50);
    let out = sf(&dir)
        .args(["--verify", "list", "--at", AT, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["error"]["code"], "salesflow::store::damaged", "{doc:#}");
}
