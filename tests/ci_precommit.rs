//! The hooks of `.pre-commit-hooks.yaml` as a team uses them: `pre-commit
//! try-repo` on this repository, run in a copy of `tests/fixtures/ci/precommit`
//! (a team's repository whose flow has one mistake), fails at `salesflow-check`
//! naming the mistake, while `salesflow-fmt` passes on the well-formatted flow.
//!
//! pre-commit comes from the Python package index (`pip install pre-commit`; `.ci/run` installs it).
//! Without it the tests are skipped with a printed reason. pre-commit builds
//! salesflow with `cargo install` from the committed state of this repository
//! (try-repo adds changes to tracked files, not new files); `CARGO_TARGET_DIR`
//! is `target/pre-commit` so that later runs reuse the dependencies, and the
//! build is at opt-level 1 without debug info: the hooks are under test here,
//! not the optimiser, and the build machines are small.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIXTURE: &str = "tests/fixtures/ci/precommit";

/// How to run pre-commit here, if it can be found.
fn pre_commit() -> Option<Vec<String>> {
    let home_bin = std::env::var_os("HOME").map(|h| {
        Path::new(&h)
            .join(".local/bin/pre-commit")
            .display()
            .to_string()
    });
    let candidates = [
        vec!["pre-commit".to_string()],
        home_bin.into_iter().collect(),
        vec!["python3".into(), "-m".into(), "pre_commit".into()],
    ];
    candidates.into_iter().find(|c| {
        !c.is_empty()
            && Command::new(&c[0])
                .args(&c[1..])
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
    })
}

fn command(prefix: &[String]) -> Command {
    let mut cmd = Command::new(&prefix[0]);
    cmd.args(&prefix[1..]);
    cmd
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", text(&out));
}

/// A fresh git repository holding a copy of the fixture, its files staged.
fn team_repository() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ci_precommit/team");
    let _ = std::fs::remove_dir_all(&dir);
    copy_tree(&root().join(FIXTURE), &dir);
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "-A"]);
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("the fixture").flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

#[test]
fn the_manifest_is_valid() {
    let Some(pre_commit) = pre_commit() else {
        println!("skipped: pre-commit not found (pip install pre-commit; .ci/run installs it)");
        return;
    };
    let out = command(&pre_commit)
        .current_dir(root())
        .args(["validate-manifest", ".pre-commit-hooks.yaml"])
        .output()
        .expect("pre-commit runs");
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn try_repo_fails_on_the_broken_flow() {
    let Some(pre_commit) = pre_commit() else {
        println!("skipped: pre-commit not found (pip install pre-commit; .ci/run installs it)");
        return;
    };
    if !root().join(".git").exists() {
        println!("skipped: {} is not a git checkout", root().display());
        return;
    }
    let team = team_repository();
    let out = command(&pre_commit)
        .current_dir(&team)
        .args(["try-repo"])
        .arg(root())
        .args(["--all-files", "--color", "never"])
        .env("CARGO_TARGET_DIR", root().join("target/pre-commit"))
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
        .env("PRE_COMMIT_HOME", team.with_file_name("pre-commit-home"))
        .env("NO_COLOR", "1")
        .output()
        .expect("pre-commit runs");
    let log = text(&out);
    assert!(
        !log.contains("An unexpected error has occurred"),
        "pre-commit could not install the hooks:\n{log}"
    );
    assert_eq!(out.status.code(), Some(1), "a hook fails:\n{log}");
    let outcome = |hook: &str| {
        log.lines()
            .find(|l| l.starts_with(hook) && l.contains(".."))
            .map(|l| l.rsplit('.').next().unwrap_or_default().trim().to_string())
    };
    assert_eq!(outcome("salesflow check"), Some("Failed".into()), "{log}");
    assert_eq!(outcome("salesflow fmt"), Some("Passed".into()), "{log}");
    assert_eq!(outcome("salesflow test"), Some("Failed".into()), "{log}");
    assert!(log.contains("salesflow::unknown_stage"), "{log}");
    assert!(log.contains("rules/main.flow:11:30"), "{log}");
}
