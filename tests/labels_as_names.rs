//! A stage may be named by its label wherever a user types one: `move c3
//! 方案演示` and an import cell `POC验证` record the stage's name, exactly as
//! `move c3 demo` does; a label that is no stage is refused with the
//! pipeline's names.

mod cli_common;

use cli_common::{demo_project, salesflow};

const AT: &str = "2026-11-01 09:00";

fn stage_of(dir: &std::path::Path, customer: &str, at: &str) -> String {
    let out = salesflow(dir)
        .args(["explain", customer, "--at", at, "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["evaluation"]["stage"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn move_and_import_take_a_stage_by_its_label() {
    let dir = demo_project("labels-as-names", "shop", 20, AT);
    salesflow(&dir)
        .args(["move", "c0003", "方案演示", "--at", "2026-11-01 10:00"])
        .assert()
        .success();
    assert_eq!(stage_of(&dir, "c0003", "2026-11-01 10:05"), "demo");

    std::fs::write(
        dir.join("stages.csv"),
        "customer,stage,at,evidence\r\nc0004,POC验证,2026-11-01 10:10,POC申请单.pdf\r\n",
    )
    .unwrap();
    salesflow(&dir)
        .args(["import", "stages", "stages.csv"])
        .assert()
        .success();
    assert_eq!(stage_of(&dir, "c0004", "2026-11-01 10:15"), "poc");

    let out = salesflow(&dir)
        .args(["move", "c0005", "方案演", "--at", "2026-11-01 10:20"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown stage `方案演`"), "{err}");
    assert!(err.contains("`demo`"), "{err}");
}
