//! The import's refusals as the user reads them, pinned by snapshots: one run
//! per kind of diagnostic the import code gives (a file it cannot read, a map
//! it cannot use, rows it rejects, a re-import that would change history).

use std::fmt::Write as _;
use std::path::Path;

use crate::common::{project, repo, sf, write};

/// Stderr of `salesflow import ARGS…` in `dir`, with `dir` written `DIR`.
fn stderr(dir: &Path, args: &[&str]) -> String {
    let out = sf(dir).arg("import").args(args).output().unwrap();
    String::from_utf8_lossy(&out.stderr).replace(&dir.display().to_string(), "DIR")
}

#[test]
fn refusals_read_the_same_every_time() {
    let dir = project("messages");
    let fixtures = repo("tests/fixtures/import");
    let customers = fixtures.join("customers.csv");
    let customers = customers.to_str().unwrap();
    sf(&dir)
        .args(["import", "customers", customers])
        .assert()
        .success();
    write(&dir, "zero.csv", "");
    write(&dir, "broken_map.yaml", "columns: {id: a}\nrenames: {}\n");
    write(&dir, "events_map.yaml", "events: [{at: t, stage: demo}]\n");
    write(&dir, "moved.csv", "id,created_at\nc1,2026/3/1 9:00\n");
    std::fs::write(dir.join("gbk.csv"), b"id,name\n\xff\xff,x\n").unwrap();
    let mut all = String::new();
    for args in [
        &["customers", "nowhere.csv"][..],
        &["customers", "notes.txt"],
        &["customers", "gbk.csv"],
        &["customers", "gbk.csv", "--encoding", "gb18030"],
        &["customers", "zero.csv", "--map", "broken_map.yaml"],
        &["events", "zero.csv", "--map", "events_map.yaml"],
        &["customers", "moved.csv", "--at", "2026-03-10 09:00"],
    ] {
        let _ = writeln!(all, "$ salesflow import {}", args.join(" "));
        all.push_str(&stderr(&dir, args));
        all.push('\n');
    }
    insta::assert_snapshot!("import_refusals", all);
}
