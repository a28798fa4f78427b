//! A project folder with a store, the example rules and team; the binary run in
//! it; the store read back.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use salesflow::engine::CustomerHistory;
use salesflow::store::Store;

use crate::store_common::scratch;

/// Checks what a run printed.
pub trait Has {
    /// Stdout contains `text`.
    fn stdout_has(self, text: &str) -> Self;
    /// Stderr contains `text`.
    fn stderr_has(self, text: &str) -> Self;
}

impl Has for Assert {
    fn stdout_has(self, text: &str) -> Self {
        let out = String::from_utf8_lossy(&self.get_output().stdout).to_string();
        assert!(out.contains(text), "stdout lacks {text:?}:\n{out}");
        self
    }

    fn stderr_has(self, text: &str) -> Self {
        let err = String::from_utf8_lossy(&self.get_output().stderr).to_string();
        assert!(err.contains(text), "stderr lacks {text:?}:\n{err}");
        self
    }
}

/// A path in the repository.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// `salesflow` run in `dir`.
pub fn sf(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_salesflow"));
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// A folder with a store and a salesflow.yaml naming the example rules and team.
pub fn project(name: &str) -> PathBuf {
    let dir = scratch(&format!("user_{name}"));
    // A copy of the example team: `import team` writes into the team file.
    std::fs::copy(repo("examples/team.yaml"), dir.join("team.yaml")).unwrap();
    std::fs::write(
        dir.join("salesflow.yaml"),
        format!(
            "db: crm.db\nrules: {}\nteam: team.yaml\n",
            repo("examples/zhilian.flow").display(),
        ),
    )
    .unwrap();
    sf(&dir).arg("init").assert().success();
    dir
}

/// `salesflow import KIND FILE ARGS…` in `dir`.
pub fn import(dir: &Path, kind: &str, file: &Path, args: &[&str]) -> Assert {
    sf(dir).args(["import", kind]).arg(file).args(args).assert()
}

/// Writes `text` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// A customer's history as the store holds it.
pub fn history(dir: &Path, id: &str) -> CustomerHistory {
    Store::open(&dir.join("crm.db"))
        .unwrap()
        .history(id)
        .unwrap()
        .unwrap_or_else(|| panic!("no customer {id}"))
}

/// Every customer id in the store.
pub fn customer_ids(dir: &Path) -> Vec<String> {
    Store::open(&dir.join("crm.db"))
        .unwrap()
        .all_customer_ids()
        .unwrap()
}

/// `salesflow ARGS` in `dir`, which must succeed: its stdout as JSON.
pub fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let out = sf(dir).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The ids `list --where COND --at AT --format json` prints.
pub fn list(dir: &Path, cond: &str, at: &str) -> Vec<String> {
    let json = json(
        dir,
        &["list", "--where", cond, "--at", at, "--format", "json"],
    );
    let rows = json
        .as_array()
        .or_else(|| json["customers"].as_array())
        .cloned()
        .unwrap_or_default();
    rows.iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}
