//! `salesflow list --where` as a user types it: conditions in the rule language
//! checked against the flow (declared fields, labels for names, date literals),
//! on a store made by the CLI from a CSV as an office exports it.

mod check_common;

use std::path::{Path, PathBuf};

use check_common::run;

/// Two customers as an office's CSV has them: one amount left blank.
const CUSTOMERS: &str = "id,name,owner,stage,created_at,industry,estimated_margin\n\
    c1,宁波某整车配套厂,zhang,demo,2026-03-02 09:00,新能源汽车电池pack,320000\n\
    c2,常州某机加工厂,zhang,requirement,2026-02-27 09:00,机加工,\n";

/// A scratch folder with the example flow (and `extra` appended), its team and
/// holidays, and a store with the customers of `csv` imported.
fn store(name: &str, extra: &str, csv: &str) -> PathBuf {
    let dir = check_common::scratch("check-where", name);
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
    std::fs::write(dir.join("customers.csv"), csv).unwrap();
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

/// The ids of the customers `list --where COND` gives, in its order.
fn ids(dir: &Path, cond: &str) -> Vec<String> {
    let (code, out, err) = run(
        dir,
        &[
            "list",
            "--where",
            cond,
            "--at",
            "2026-03-03 09:00",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{cond}: {err}");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).expect("list's JSON");
    rows.iter()
        .map(|row| row["id"].as_str().expect("an id").to_string())
        .collect()
}

#[test]
fn a_declared_field_in_where_is_read_not_a_panic() {
    let dir = store("declared", "", CUSTOMERS);
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
    let dir = store("labels", "", CUSTOMERS);
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

#[test]
fn date_literals_compare_with_date_fields_and_instants() {
    let dir = store(
        "dates",
        "field 签约日期: date\n",
        "id,name,owner,stage,created_at,签约日期\n\
         c1,宁波某整车配套厂,zhang,demo,2026-03-02 09:00,2026-03-20\n\
         c2,常州某机加工厂,zhang,requirement,2026-02-27 09:00,\n\
         c3,嘉兴某注塑厂,zhang,lead,2026-03-02 07:00,2026-02-28\n",
    );
    assert_eq!(ids(&dir, "customer.签约日期 >= 2026-03-15"), ["c1"]);
    assert_eq!(ids(&dir, "customer.签约日期 == 2026-03-20"), ["c1"]);
    assert_eq!(ids(&dir, "customer.签约日期 < 2026-03-01"), ["c3"]);
    // c2 left the date blank: no comparison holds for it.
    assert_eq!(ids(&dir, "customer.签约日期 != 2026-03-20"), ["c3"]);
    // A date against an instant is 00:00 of that day in Asia/Shanghai: c3 was
    // created at 07:00 there, which is still 2026-03-01 in UTC.
    assert_eq!(ids(&dir, "customer.created_at >= 2026-03-02"), ["c1", "c3"]);
    assert_eq!(ids(&dir, "2026-03-01 > customer.created_at"), ["c2"]);
    assert_eq!(
        ids(&dir, "customer.created_at in [2026-03-02]"),
        Vec::<String>::new()
    );

    for (cond, message) in [
        ("customer.签约日期 > 5", "cannot compare date with number"),
        (
            "customer.name == 2026-03-02",
            "cannot compare text with date",
        ),
        (
            "customer.签约日期 > 14d",
            "cannot compare date with duration",
        ),
    ] {
        let (code, _, err) = run(&dir, &["list", "--where", cond]);
        assert_eq!(code, 1, "{cond}: {err}");
        assert!(err.contains(message), "{cond}: {err}");
        assert_eq!(
            err.matches("── this is").count(),
            2,
            "both sides labelled: {err}"
        );
    }
    let (code, _, err) = run(&dir, &["list", "--where", "customer.签约日期 > 2026-02-30"]);
    assert_eq!(code, 1);
    assert!(err.contains("invalid date `2026-02-30`"), "{err}");
}
