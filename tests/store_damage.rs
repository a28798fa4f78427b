//! A damaged store is said to be damaged: a command that meets a page of random
//! bytes stops with `salesflow::store::damaged` (exit 2), never lists part of
//! the customers, and `--verify` checks the whole file on demand.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const AT: &str = "2026-11-01 09:00";

/// A demo project of 300 customers in a fresh folder.
fn project(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("store-damage")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    sf(&dir.parent().unwrap().to_path_buf())
        .args(["demo", "--dir"])
        .arg(&dir)
        .args([
            "--customers",
            "300",
            "--days",
            "20",
            "--no-tour",
            "--at",
            AT,
        ])
        .assert()
        .success();
    dir
}

fn sf(dir: &PathBuf) -> Command {
    let mut cmd = Command::cargo_bin("salesflow").unwrap();
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}

/// Overwrites `pages` pages of the store (never the first, which names the
/// file a database) with bytes from a fixed-seed generator.
fn damage(db: &Path, pages: usize) {
    let mut bytes = std::fs::read(db).unwrap();
    let size = 4096;
    let count = bytes.len() / size;
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for _ in 0..pages {
        let page = 1 + usize::try_from(next() % (count as u64 - 1)).unwrap();
        for b in &mut bytes[page * size..(page + 1) * size] {
            *b = next().to_le_bytes()[0];
        }
    }
    std::fs::write(db, bytes).unwrap();
}

#[test]
fn a_damaged_store_stops_every_reader_with_the_damage_named() {
    let dir = project("readers");
    damage(&dir.join("salesflow.db"), 20);
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
    damage(&dir.join("salesflow.db"), 3);
    let out = sf(&dir)
        .args(["--verify", "list", "--at", AT, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["error"]["code"], "salesflow::store::damaged", "{doc:#}");
}
