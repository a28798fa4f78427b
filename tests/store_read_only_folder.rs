//! Read-only commands work on a store in a folder the user cannot write (a
//! shared read-only mount, a colleague's folder): tested as an unprivileged
//! user through `setpriv`, since root ignores permissions. A WAL store there
//! cannot get its `-shm` file, so it is read `immutable=1` when no `-wal` file
//! holds transactions outside the main file.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

const AT: &str = "2026-11-01 09:00";

fn folder(name: &str) -> PathBuf {
    // Under the system's temporary folder: every parent is searchable by anyone.
    let dir = std::env::temp_dir().join(format!("salesflow-ro-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

fn chmod_tree(path: &Path, dirs: u32, files: u32) {
    for entry in std::fs::read_dir(path).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            chmod_tree(&p, dirs, files);
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(dirs)).unwrap();
        } else {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(files)).unwrap();
        }
    }
}

/// Whether this test can switch to the `nobody` user.
fn can_drop_privileges() -> bool {
    Command::new("setpriv")
        .args([
            "--reuid",
            "65534",
            "--regid",
            "65534",
            "--clear-groups",
            "true",
        ])
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs the salesflow binary `bin` as `nobody` in `project`.
fn as_nobody(bin: &Path, project: &Path, args: &[&str]) -> std::process::Output {
    Command::new("setpriv")
        .args(["--reuid", "65534", "--regid", "65534", "--clear-groups"])
        .arg(bin)
        .args(args)
        .current_dir(project)
        .env("NO_COLOR", "1")
        .env("HOME", project)
        .output()
        .unwrap()
}

#[test]
fn read_only_commands_work_in_a_folder_nobody_can_write() {
    if !can_drop_privileges() {
        // CI runs as root, where setpriv works; say so rather than pass silently
        // elsewhere.
        eprintln!("skipped: setpriv cannot switch to uid 65534 here (not root?)");
        return;
    }
    let base = folder("base");
    let bin = base.join("salesflow");
    std::fs::copy(env!("CARGO_BIN_EXE_salesflow"), &bin).unwrap();
    let project = base.join("shop");
    let built = Command::new(&bin)
        .args(["demo", "--dir"])
        .arg(&project)
        .args([
            "--customers",
            "120",
            "--days",
            "15",
            "--no-tour",
            "--at",
            AT,
        ])
        .output()
        .unwrap();
    assert!(built.status.success(), "{built:?}");
    assert!(
        !project.join("salesflow.db-wal").exists(),
        "the last connection checkpointed the log"
    );
    chmod_tree(&project, 0o555, 0o444);
    std::fs::set_permissions(&project, std::fs::Permissions::from_mode(0o555)).unwrap();
    let before = std::fs::read(project.join("salesflow.db")).unwrap();
    for args in [
        &["list", "--at", AT][..],
        &["plan", "--at", AT],
        &["explain", "c0001", "--at", AT],
        &["task", "list"],
        &["report", "funnel", "--at", AT],
        &["outbox", "list"],
    ] {
        let out = as_nobody(&bin, &project, args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty(), "{args:?} printed nothing");
    }
    // `apply` must write: a clear refusal, and nothing changed.
    let out = as_nobody(&bin, &project, &["apply", "--at", "2026-11-02 09:00"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the store cannot be written") && err.contains("need write access"),
        "{err}"
    );
    let out = as_nobody(
        &bin,
        &project,
        &["apply", "--format", "json", "--at", "2026-11-02 09:00"],
    );
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["error"]["code"], "salesflow::store::read_only",
        "{json}"
    );
    assert_eq!(std::fs::read(project.join("salesflow.db")).unwrap(), before);
    chmod_tree(&project, 0o755, 0o644);
    std::fs::set_permissions(&project, std::fs::Permissions::from_mode(0o755)).unwrap();
    let _ = std::fs::remove_dir_all(&base);
}
