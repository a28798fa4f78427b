//! Helpers shared by the command-line tests (`cli_*.rs`, `readme.rs`): the repo's
//! files, scratch folders, and the binary run as a user runs it, with no colour
//! and no locale (so English unless a test sets one).
#![allow(dead_code, reason = "each test file uses a different part")]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::assert::Assert;

/// A path of the repository, as text for a command line.
pub fn repo(path: &str) -> String {
    repo_path(path).display().to_string()
}

/// A path of the repository.
pub fn repo_path(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// An empty folder for one test, below the group's folder.
pub fn scratch(group: &str, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(group)
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `salesflow` in `dir`, with no colour and no locale.
pub fn salesflow(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("salesflow").unwrap();
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}

/// The flags that stand for the bundled example project, no salesflow.yaml
/// needed: the store `crm.db` in the working folder, `examples/zhilian.flow` and
/// `examples/team.yaml`.
pub fn example_flags() -> Vec<String> {
    [
        "--db",
        "crm.db",
        "--rules",
        &repo("examples/zhilian.flow"),
        "--team",
        &repo("examples/team.yaml"),
    ]
    .map(String::from)
    .to_vec()
}

/// A copy of a folder and everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// What a run printed on stdout.
pub fn stdout(a: &Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).to_string()
}

/// What a run printed on stderr.
pub fn stderr(a: &Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).to_string()
}

/// A `salesflow demo` project of `customers` customers over 15 days before
/// `at`, in a folder that does not exist yet below the group's folder.
pub fn demo_project(group: &str, name: &str, customers: u32, at: &str) -> PathBuf {
    let parent = scratch(group, &format!("{name}-parent"));
    let dir = parent.join(name);
    salesflow(&parent)
        .args(["demo", "--dir"])
        .arg(&dir)
        .args(["--customers", &customers.to_string(), "--days", "15"])
        .args(["--no-tour", "--at", at])
        .assert()
        .success();
    dir
}
