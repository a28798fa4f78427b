//! `salesflow list --where` as a user types it: conditions in the rule language
//! checked against the flow (declared fields, labels for names, date literals),
//! on a store made by the CLI from a CSV as an office exports it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A scratch folder with the example flow, its team and holidays, a store with
/// two customers imported from a CSV (one with a blank amount), and `extra`
/// appended to the flow.
fn store(name: &str, extra: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("check-where")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("holidays")).unwrap();
    for f in ["zhilian.flow", "risks.flow", "team.yaml"] {
        std::fs::copy(Path::new("examples").join(f), dir.join(f)).unwrap();
    }
    for f in ["2025.json", "2026.json"] {
        std::fs::copy(
            Path::new("examples/holidays").join(f),
            dir.join("holidays").join(f),
        )
        .unwrap();
    }
    if !extra.is_empty() {
        let mut text = std::fs::read_to_string(dir.join("zhilian.flow")).unwrap();
        text.push_str(extra);
        std::fs::write(dir.join("zhilian.flow"), text).unwrap();
    }
    std::fs::write(
        dir.join("salesflow.yaml"),
        "db: crm.db\nrules: zhilian.flow\nteam: team.yaml\n",
    )
    .unwrap();
    let fields = if extra.contains("签约日期") {
        ",签约日期"
    } else {
        ""
    };
    let (c1, c2) = if fields.is_empty() {
        ("", "")
    } else {
        (",2026-03-20", ",")
    };
    std::fs::write(
        dir.join("customers.csv"),
        format!(
            "id,name,owner,stage,created_at,industry,estimated_margin{fields}\n\
             c1,宁波某整车配套厂,zhang,demo,2026-03-02 09:00,新能源汽车电池pack,320000{c1}\n\
             c2,常州某机加工厂,zhang,requirement,2026-02-27 09:00,机加工,{c2}\n"
        ),
    )
    .unwrap();
    for args in [
        &["init", "--db", "crm.db"][..],
        &["import", "team", "team.yaml"],
        &["import", "customers", "customers.csv"],
    ] {
        let (code, out, err) = run(&dir, args);
        assert_eq!(code, 0, "{args:?}: {out}{err}");
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_salesflow"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("salesflow runs");
    (
        out.status.code().expect("exited"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The ids `list --where COND` prints, one per line.
fn ids(dir: &Path, cond: &str) -> Vec<String> {
    let (code, out, err) = run(dir, &["list", "--where", cond, "--at", "2026-03-03 09:00"]);
    assert_eq!(code, 0, "{cond}: {err}");
    out.lines()
        .filter_map(|l| l.split('\t').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn a_declared_field_in_where_is_read_not_a_panic() {
    let dir = store("declared", "");
    assert_eq!(ids(&dir, "customer.estimated_margin > 1000"), ["c1"]);
    assert_eq!(
        ids(&dir, "customer.estimated_margin > 500000"),
        Vec::<String>::new()
    );
    assert_eq!(ids(&dir, "customer.industry == \"机加工\""), ["c2"]);
    assert_eq!(
        ids(&dir, "customer.contract_disputes < 3"),
        Vec::<String>::new()
    );
    let (code, _, err) = run(&dir, &["list", "--where", "customer.预算 > 1"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("unknown field `customer.预算`"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn labels_work_where_names_do() {
    let dir = store("labels", "");
    assert_eq!(ids(&dir, "stage is demo"), ["c1"]);
    assert_eq!(ids(&dir, "stage is 方案演示"), ["c1"]);
    assert_eq!(ids(&dir, "stage == \"需求确认\""), ["c2"]);
    assert_eq!(ids(&dir, "stage in [方案演示, 需求确认]"), ["c1", "c2"]);
    assert_eq!(ids(&dir, "stage >= 方案演示"), ["c1"]);
    // Health and segments follow the engine; a label finds what its name finds.
    for (name, label) in [
        ("health is green", "health is 正常推进"),
        ("health is yellow", "health is 需关注"),
        ("health != red", "health != \"高危\""),
        ("segment is new", "segment is 新客首触"),
        ("segment is dormant", "segment is \"沉睡唤醒\""),
        (
            "tagged 新能源 and segment is dormant",
            "tagged 新能源 and segment is 沉睡唤醒",
        ),
    ] {
        assert_eq!(ids(&dir, label), ids(&dir, name), "{label}");
    }
    assert_eq!(
        ids(&dir, "health is yellow or health != yellow"),
        ["c1", "c2"]
    );
    // Full-width parentheses as an input method types them.
    assert_eq!(
        ids(
            &dir,
            "（stage is 方案演示 or stage is 需求确认） and health != 高危"
        ),
        ["c1", "c2"]
    );
    let (code, _, err) = run(&dir, &["list", "--where", "stage is 方案演"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("unknown stage `方案演`"), "{err}");
    assert!(err.contains("did you mean `方案演示`?"), "{err}");
}
