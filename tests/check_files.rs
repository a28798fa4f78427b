//! What `salesflow check` reads, driven as a process on scratch projects: include
//! and holiday paths relative to the including file, never the working directory;
//! only regular `*.flow` / `*.json` files under the size limits, inside the
//! project; a GBK rule file as a diagnostic; a refused file never quoted.

mod check_common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use salesflow::check::{AllowPaths, DiskLoader, check_path};
use serde_json::Value;

/// A scratch folder outside any git work tree (the crate's own target folder is
/// inside one), marked as a project with `.git` when `git` is true.
fn project(name: &str, git: bool) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("salesflow-check-files-{}", std::process::id()))
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    if git {
        std::fs::create_dir_all(dir.join(".git")).unwrap();
    }
    dir
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A minimal valid flow after `head`.
fn flow(head: &str) -> String {
    format!("{head}\npipeline {{\n  lead   \"线索\"\n  signed \"合同签署\"  won\n}}\n")
}

/// Runs `salesflow ARGS…` in `dir`: exit code, stdout, stderr, and how long it took.
fn run(dir: &Path, args: &[&str]) -> (i32, String, String, Duration) {
    let start = Instant::now();
    let (code, out, err) = check_common::run(dir, args);
    (code, out, err, start.elapsed())
}

#[test]
fn a_gbk_rule_file_gets_a_diagnostic_with_offset_line_and_hint() {
    let dir = project("gbk", true);
    let text = "# 销售流程\nroles sales\nflow \"智链云服销售流\"\n";
    let gbk = encoding_gbk(text);
    std::fs::write(dir.join("main.flow"), &gbk).unwrap();
    let (code, _, err, _) = run(&dir, &["check", "main.flow"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("salesflow::not_utf8"), "{err}");
    assert!(err.contains("is not UTF-8 text"), "{err}");
    assert!(err.contains("at offset 2 (line 1)"), "{err}");
    assert!(err.contains("save the file as UTF-8"), "{err}");
    assert!(!err.contains("stream did not contain"), "{err}");

    let (code, out, _, _) = run(&dir, &["check", "--format", "json", "main.flow"]);
    assert_eq!(code, 1);
    let json: Value = serde_json::from_str(&out).expect("JSON");
    let d = &json[0];
    assert_eq!(d["code"], "salesflow::not_utf8");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["labels"][0]["offset"], 2);
    assert_eq!(d["labels"][0]["line"], 1);
    assert!(d["help"].as_str().unwrap().contains("UTF-8"));
}

/// GBK bytes of a text of ASCII and common Chinese characters, from a table small
/// enough to keep here (the test does not need an encoder crate).
fn encoding_gbk(text: &str) -> Vec<u8> {
    let table: &[(char, [u8; 2])] = &[
        ('销', [0xCF, 0xFA]),
        ('售', [0xCA, 0xDB]),
        ('流', [0xC1, 0xF7]),
        ('程', [0xB3, 0xCC]),
        ('智', [0xD6, 0xC7]),
        ('链', [0xC1, 0xB4]),
        ('云', [0xD4, 0xC6]),
        ('服', [0xB7, 0xFE]),
    ];
    let mut out = Vec::new();
    for c in text.chars() {
        if c.is_ascii() {
            out.push(u8::try_from(c).unwrap());
        } else {
            let (_, b) = table.iter().find(|(t, _)| *t == c).expect("in the table");
            out.extend_from_slice(b);
        }
    }
    out
}

#[test]
fn includes_resolve_against_the_including_file_not_the_working_directory() {
    let dir = project("relative", true);
    write(
        &dir.join("team/rules/main.flow"),
        &flow("include \"../../shared/common.flow\""),
    );
    write(&dir.join("shared/common.flow"), "roles presales\n");
    // What the include would name if `../..` were lost, seen from the rules folder.
    write(
        &dir.join("team/rules/shared/common.flow"),
        "this decoy is not a rule file\n",
    );
    let (code, _, err, _) = run(&dir.join("team/rules"), &["check", "main.flow"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("(2 files): 0 errors"), "{err}");
    let (code, _, err, _) = run(&dir, &["check", "team/rules/main.flow"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_file_outside_the_project_is_refused_unless_allowed() {
    let dir = project("outside", true);
    let elsewhere = project("outside-shared", false);
    write(&elsewhere.join("common.flow"), "roles presales\n");
    let include = format!("include \"{}\"", elsewhere.join("common.flow").display());
    write(&dir.join("main.flow"), &flow(&include));
    let (code, _, err, _) = run(&dir, &["check", "main.flow"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("salesflow::refused_path"), "{err}");
    assert!(err.contains("outside the project"), "{err}");
    assert!(err.contains("allow_paths"), "{err}");

    // The same flow with the folder allowed (as salesflow.yaml's `allow_paths:`).
    let allowed = AllowPaths {
        loader: DiskLoader,
        paths: vec![elsewhere.clone()],
    };
    let checked = check_path(&dir.join("main.flow"), &allowed).unwrap();
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    assert_eq!(checked.files.len(), 2);
}

#[test]
fn without_git_the_project_is_the_folder_of_salesflow_yaml() {
    let dir = project("yaml", false);
    write(&dir.join("salesflow.yaml"), "rules: rules/main.flow\n");
    write(
        &dir.join("rules/main.flow"),
        &flow("include \"../shared/common.flow\""),
    );
    write(&dir.join("shared/common.flow"), "roles presales\n");
    let (code, _, err, _) = run(&dir, &["check", "rules/main.flow"]);
    assert_eq!(code, 0, "{err}");

    // No git and no salesflow.yaml: only the root file's own folder.
    let bare = project("bare", false);
    write(
        &bare.join("rules/main.flow"),
        &flow("include \"../shared/common.flow\""),
    );
    write(&bare.join("shared/common.flow"), "roles presales\n");
    let (code, _, err, _) = run(&bare, &["check", "rules/main.flow"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("outside the project"), "{err}");
}

#[test]
fn secrets_are_never_quoted() {
    let dir = project("secrets", true);
    write(&dir.join(".env"), "DB_PASSWORD=hunter2-secret\n");
    write(&dir.join("creds.json"), "{\"token\": \"hunter2-secret\"}\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join(".env"), dir.join("env.flow")).unwrap();
    write(
        &dir.join("main.flow"),
        &flow(
            "include \".env\"\ninclude \"env.flow\"\ninclude \"/proc/self/environ\"\n\
             calendar work {\n  hours mon-fri 09:00-18:00\n  holidays \"creds.json\", \".env\"\n}",
        ),
    );
    let (code, out, err, _) = run(&dir, &["check", "main.flow"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        !err.contains("hunter2") && !out.contains("hunter2"),
        "{err}"
    );
    assert_eq!(err.matches("salesflow::refused_path").count(), 4, "{err}");
    assert!(err.contains("salesflow::holiday_file_malformed"), "{err}");
    let (_, out, _, _) = run(&dir, &["check", "--format", "json", "main.flow"]);
    assert!(!out.contains("hunter2"), "{out}");
    // A link named like a rule file, given as the root, is refused too.
    #[cfg(unix)]
    {
        let (code, out, err, _) = run(&dir, &["check", "env.flow"]);
        assert_eq!(code, 2, "{err}");
        assert!(
            !err.contains("hunter2") && !out.contains("hunter2"),
            "{err}"
        );
    }
}

#[cfg(unix)]
#[test]
fn fifos_devices_folders_and_huge_files_are_refused_fast() {
    let dir = project("special", true);
    let fifo = |p: &Path| {
        let ok = Command::new("mkfifo").arg(p).status().unwrap().success();
        assert!(ok, "mkfifo {}", p.display());
    };
    fifo(&dir.join("pipe.flow"));
    fifo(&dir.join("pipe.json"));
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.flow")).unwrap();
    std::fs::create_dir_all(dir.join("folder.flow")).unwrap();
    // A sparse gigabyte: nothing is written, but its size says 1 GB.
    std::fs::File::create(dir.join("big.flow"))
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    write(
        &dir.join("main.flow"),
        &flow(
            "include \"pipe.flow\"\ninclude \"zero.flow\"\ninclude \"folder.flow\"\n\
             include \"big.flow\"\ninclude \"/dev/zero\"\n\
             calendar work {\n  hours mon-fri 09:00-18:00\n  holidays \"pipe.json\"\n}",
        ),
    );
    let (code, _, err, took) = run(&dir, &["check", "main.flow"]);
    assert_eq!(code, 1, "{err}");
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert!(err.contains("a FIFO, not a regular file"), "{err}");
    assert!(err.contains("a directory, not a regular file"), "{err}");
    assert!(err.contains("1024 MB over the limit of 16 MB"), "{err}");
    assert!(err.len() < 20_000, "{} bytes of diagnostics", err.len());
    assert_eq!(
        err.matches("salesflow::unreadable_file").count(),
        4,
        "{err}"
    );
    assert_eq!(err.matches("salesflow::refused_path").count(), 2, "{err}");

    // (A folder given as a root is a folder of rule files, not one.)
    for root in ["pipe.flow", "big.flow", "zero.flow"] {
        let (code, _, err, took) = run(&dir, &["check", root]);
        assert!(took < Duration::from_secs(5), "{root} took {took:?}");
        assert_eq!(code, 2, "{root}: {err}");
        assert!(err.contains("cannot read"), "{root}: {err}");
    }
}
