//! The hostile inputs of issue 11 that reach rule files, templates and `--where`,
//! run through the binary. Each case lives in `tests/hostile/` (or is generated
//! here when it is too large or cannot be committed: a FIFO, a sparse gigabyte),
//! is copied to a scratch folder inside this work tree, and runs under
//! `ulimit -v` (1 GB of address space) with a time bound. Every run must end
//! with a clear diagnostic or a clean result: no panic, no stack overflow, no
//! secret in the output, and output of bounded size.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const CORPUS: &str = "tests/hostile";

/// Address space a run may use, in KiB (`ulimit -v`).
const MEMORY_KIB: u64 = 1 << 20;

/// What a run gave.
struct Run {
    code: i32,
    out: String,
    err: String,
}

/// A scratch copy of the corpus case `case` (empty for a case made here).
fn scratch(case: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("hostile")
        .join(case);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let from = Path::new(CORPUS).join(case);
    if from.is_dir() {
        copy_dir(&from, &dir);
    }
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs `salesflow ARGS…` in `dir` under the memory limit, and checks what every
/// hostile run must satisfy: done within `seconds`, output under `max_bytes`,
/// no panic or overflow.
fn run(dir: &Path, args: &[&str], seconds: u64, max_bytes: usize) -> Run {
    let start = Instant::now();
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v \"$0\" && exec \"$@\"")
        .arg(MEMORY_KIB.to_string())
        .arg(env!("CARGO_BIN_EXE_salesflow"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("sh runs");
    let took = start.elapsed();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    let all = format!("{}{}", run.out, run.err);
    let head: String = all.chars().take(2000).collect();
    assert!(
        took < Duration::from_secs(seconds),
        "{args:?} took {took:?}: {head}"
    );
    assert!(
        all.len() < max_bytes,
        "{args:?}: {} bytes of output: {head}",
        all.len()
    );
    assert!(!all.contains("panicked"), "{args:?}: {head}");
    assert!(!all.contains("overflow"), "{args:?}: {head}");
    assert!(
        (0..=2).contains(&run.code),
        "{args:?} exited {}: {head}",
        run.code
    );
    run
}

#[test]
fn proc_environ_is_refused_and_never_quoted() {
    let dir = scratch("proc_environ");
    let r = run(&dir, &["check", "main.flow"], 20, 10_000);
    assert_eq!(r.code, 1, "{}", r.err);
    assert_eq!(
        r.err.matches("salesflow::refused_path").count(),
        2,
        "{}",
        r.err
    );
    for secret in ["PATH=", "HOME=", "CARGO"] {
        assert!(!r.err.contains(secret), "{}", r.err);
    }
}

#[test]
fn dotenv_is_refused_and_never_quoted() {
    let dir = scratch("dotenv");
    #[cfg(unix)]
    std::os::unix::fs::symlink(".env", dir.join("secrets.flow")).unwrap();
    for format in ["human", "json"] {
        let r = run(
            &dir,
            &["check", "--format", format, "main.flow"],
            20,
            20_000,
        );
        assert_eq!(r.code, 1, "{}", r.err);
        assert!(!r.out.contains("hunter2") && !r.err.contains("hunter2"));
        assert!(!r.out.contains("HOSTILE_SECRET") && !r.err.contains("HOSTILE_SECRET"));
    }
    let r = run(&dir, &["check", "main.flow"], 20, 20_000);
    assert!(r.err.contains("salesflow::refused_path"), "{}", r.err);
    assert!(
        r.err.contains("salesflow::holiday_file_malformed"),
        "{}",
        r.err
    );
}

#[test]
fn includes_resolve_against_the_including_file() {
    let dir = scratch("decoy");
    let r = run(&dir.join("team/rules"), &["check", "main.flow"], 20, 10_000);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.err.contains("(2 files): 0 errors"), "{}", r.err);
}

#[cfg(unix)]
#[test]
fn fifos_devices_folders_and_huge_files_are_refused_fast() {
    let dir = scratch("special_files");
    for name in ["pipe.flow", "pipe.json"] {
        let ok = Command::new("mkfifo")
            .arg(dir.join(name))
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.flow")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.json")).unwrap();
    std::fs::create_dir_all(dir.join("folder.flow")).unwrap();
    for (name, len) in [("big.flow", 1 << 30), ("big.json", 2 << 20)] {
        std::fs::File::create(dir.join(name))
            .unwrap()
            .set_len(len)
            .unwrap();
    }
    std::fs::write(
        dir.join("main.flow"),
        "include \"pipe.flow\"\ninclude \"zero.flow\"\ninclude \"folder.flow\"\n\
         include \"big.flow\"\ninclude \"/dev/zero\"\n\
         calendar work {\n  hours mon-fri 09:00-18:00\n  \
         holidays \"pipe.json\", \"zero.json\", \"big.json\"\n}\n\
         pipeline {\n  lead \"线索\"\n  signed \"合同签署\" won\n}\n",
    )
    .unwrap();
    let r = run(&dir, &["check", "main.flow"], 10, 20_000);
    assert_eq!(r.code, 1, "{}", r.err);
    assert!(r.err.contains("8 errors"), "{}", r.err);
    for root in ["pipe.flow", "big.flow", "zero.flow"] {
        let r = run(&dir, &["check", root], 10, 2_000);
        assert_eq!(r.code, 2, "{root}: {}", r.err);
    }
}

#[test]
fn overlapping_keywords_give_bounded_output() {
    for (case, total) in [
        ("keywords_100", "4900 more pairs"),
        ("keywords_300", "at least"),
    ] {
        let dir = scratch(case);
        let r = run(&dir, &["check", "main.flow"], 60, 100_000);
        assert_eq!(r.code, 0, "{case}: {}", r.err);
        assert!(r.err.contains("51 warnings"), "{case}: {}", r.err);
        assert!(r.err.contains(total), "{case}: {}", r.err);
        let r = run(
            &dir,
            &["check", "--format", "json", "main.flow"],
            60,
            100_000,
        );
        assert_eq!(r.code, 0);
    }
}

/// A 1.2 MB dictionary of 2,100 risks whose overlapping keywords stand 14,000
/// lines apart: each warning is two short snippets, never the lines between.
#[test]
fn labels_far_apart_render_as_separate_snippets() {
    let dir = scratch("far_labels");
    let mut text = String::from(
        "pipeline {\n  lead \"线索\"\n  won \"合同签署\" won\n}\n\
         health {\n  red \"高危\" when signal any\n  green \"正常\" otherwise\n}\n",
    );
    for i in 0..2_100 {
        // Every 300th keyword is contained in one 1,050 risks later.
        let keyword = if i % 300 == 0 {
            format!("预算冻结{i:04}")
        } else if i % 300 == 150 && i > 1_050 {
            format!("预算冻结{:04}延期", i - 1_050)
        } else {
            format!("关键词{i:04}甲乙")
        };
        let _ = write!(
            text,
            "risk r{i} \"风险{i}\" {{\n  severity red\n  keywords \"{keyword}\"\n  \
             strategy \"{}\"\n}}\n",
            "提前沟通,预留审核期。".repeat(40)
        );
    }
    std::fs::write(dir.join("main.flow"), &text).unwrap();
    assert!(text.len() > 1_000_000);
    let r = run(&dir, &["check", "main.flow"], 60, 20_000);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.err.contains("0 errors, 3 warnings"), "{}", r.err);
    // Each warning: its own snippet and one for the label far away.
    assert_eq!(
        r.err.matches("☞ the keyword it contains").count(),
        3,
        "{}",
        r.err
    );
}

#[test]
fn huge_templates_are_errors_in_check_plan_and_apply() {
    let dir = scratch("template_minus");
    let r = run(&dir, &["check", "main.flow"], 20, 10_000);
    assert_eq!(r.code, 1, "{}", r.err);
    assert!(
        r.err.contains("salesflow::template_too_complex"),
        "{}",
        r.err
    );
    std::fs::write(
        dir.join("team.yaml"),
        "people:\n  - { id: wang, name: 王工, role: presales }\n",
    )
    .unwrap();
    let r = run(&dir, &["init", "--db", "crm.db"], 20, 10_000);
    assert_eq!(r.code, 0, "{}", r.err);
    for command in ["plan", "apply"] {
        let r = run(
            &dir,
            &[
                command,
                "--db",
                "crm.db",
                "--rules",
                "main.flow",
                "--team",
                "team.yaml",
            ],
            20,
            10_000,
        );
        assert_ne!(r.code, 0, "{command}: {}", r.err);
        assert!(r.err.contains("operators"), "{command}: {}", r.err);
    }

    let dir = scratch("template_upper");
    std::fs::write(
        dir.join("main.flow"),
        format!(
            "roles presales\npipeline {{\n  lead \"线索\"\n  signed \"合同签署\" won\n}}\n\
             on enter signed {{\n  notify presales template odd\n}}\n\
             template odd \"{{{{ x{} }}}}\"\n",
            "| upper ".repeat(100_000)
        ),
    )
    .unwrap();
    let r = run(&dir, &["check", "main.flow"], 20, 10_000);
    assert_eq!(r.code, 1, "{}", r.err);
    assert!(r.err.contains("salesflow::template_too_large"), "{}", r.err);
}

#[test]
fn a_gbk_rule_file_is_a_diagnostic() {
    let dir = scratch("gbk");
    let r = run(&dir, &["check", "main.flow"], 20, 5_000);
    assert_eq!(r.code, 1, "{}", r.err);
    assert!(r.err.contains("salesflow::not_utf8"), "{}", r.err);
    assert!(r.err.contains("save the file as UTF-8"), "{}", r.err);
}

#[test]
fn where_conditions_on_declared_fields_and_chinese_names() {
    let dir = scratch("where");
    for f in ["zhilian.flow", "risks.flow", "team.yaml"] {
        std::fs::copy(Path::new("examples").join(f), dir.join(f)).unwrap();
    }
    std::fs::create_dir_all(dir.join("holidays")).unwrap();
    for f in ["2025.json", "2026.json"] {
        std::fs::copy(
            Path::new("examples/holidays").join(f),
            dir.join("holidays").join(f),
        )
        .unwrap();
    }
    std::fs::write(
        dir.join("salesflow.yaml"),
        "db: crm.db\nrules: zhilian.flow\nteam: team.yaml\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("customers.csv"),
        "id,name,owner,stage,created_at,estimated_margin\nc1,宁波某整车配套厂,zhang,demo,2026-03-02 09:00,320000\n",
    )
    .unwrap();
    for args in [
        &["init", "--db", "crm.db"][..],
        &["import", "team", "team.yaml"],
        &["import", "customers", "customers.csv"],
    ] {
        let r = run(&dir, args, 30, 10_000);
        assert_eq!(r.code, 0, "{args:?}: {}", r.err);
    }
    let r = run(
        &dir,
        &["list", "--where", "customer.estimated_margin > 1000"],
        30,
        10_000,
    );
    assert_eq!(r.code, 0, "{}", r.err);
    let header = r.out.lines().next().unwrap_or_default();
    assert!(header.starts_with("id "), "{}", r.out);
    assert!(
        r.out.lines().nth(1).unwrap_or_default().starts_with("c1 "),
        "{}",
        r.out
    );
    for cond in [
        "customer.预算 >= 500000",
        "tagged 新能源汽车",
        "stage is 方案演 and health is 需关注",
        "（stage is demo",
        "customer.estimated_margin > 2026-03-02",
    ] {
        let r = run(&dir, &["list", "--where", cond], 30, 10_000);
        assert_eq!(r.code, 1, "{cond}: {}", r.err);
        assert!(r.err.contains("salesflow::"), "{cond}: {}", r.err);
    }
}
