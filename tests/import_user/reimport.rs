//! Re-importing customers updates what the file says and nothing else: absent
//! columns and empty cells keep the stored value, a changed field or stage is an
//! event at the import's time, `created_at` cannot change, and a new customer
//! without one is created at the import's time.

use salesflow::engine::FieldValue;

use crate::common::{Has, history, import, list, project, repo, sf, write};
use crate::store_common::t;

const FIRST_AT: &str = "2026-03-05 09:00";
const AGAIN_AT: &str = "2026-03-10 09:00";

fn first_import(name: &str) -> std::path::PathBuf {
    let dir = project(name);
    import(
        &dir,
        "customers",
        &repo("tests/fixtures/import/customers.csv"),
        &["--at", FIRST_AT],
    )
    .success()
    .stdout_has("3 new customers");
    dir
}

#[test]
fn a_reimport_with_fewer_columns_keeps_the_rest_and_records_changes_when_imported() {
    let dir = first_import("reimport_fewer");
    // An Excel export: CRLF, a blank cell, only some columns.
    let file = write(
        &dir,
        "again.csv",
        "id,contract_disputes,stage,evidence,contact_mobile\r\n\
         c1,3,poc,poc申请单.pdf,\r\n\
         c3,,,,13900000003\r\n",
    );
    import(&dir, "customers", &file, &["--at", AGAIN_AT])
        .success()
        .stdout_has("2 customers changed, 1 field change recorded, 1 stage change recorded");

    let c1 = history(&dir, "c1");
    // Nothing the file left out was wiped.
    assert_eq!(c1.customer.name, "宁波某整车配套厂");
    assert_eq!(
        c1.customer.fields["estimated_margin"],
        FieldValue::Text("120000".into())
    );
    assert_eq!(
        c1.customer.fields["contract_disputes"],
        FieldValue::Number(0.0)
    );
    assert_eq!(c1.customer.contact.mobile.as_deref(), Some("13800000001"));
    assert_eq!(c1.customer.created_at, t("2026-03-02T09:00:00+08:00"));
    // The changes are events at the import's time, never at created_at.
    let at = t("2026-03-10T09:00:00+08:00");
    let field = c1.events.iter().find(|e| e.kind == "field_change").unwrap();
    assert_eq!(
        (field.at, &field.attrs["field"], &field.attrs["value"]),
        (at, &"contract_disputes".to_string(), &"3".to_string())
    );
    let stages: Vec<_> = c1
        .events
        .iter()
        .filter(|e| e.kind == "stage_change")
        .collect();
    assert_eq!(stages.len(), 2, "the initial demo, then poc");
    assert_eq!(
        (stages[1].at, stages[1].attrs["stage"].as_str()),
        (at, "poc")
    );
    assert_eq!(stages[1].evidence, ["poc申请单.pdf"]);
    // A blank cell kept c3's fields; the given mobile was updated in place.
    let c3 = history(&dir, "c3");
    assert_eq!(c3.customer.contact.mobile.as_deref(), Some("13900000003"));
    assert_eq!(
        c3.customer.fields["industry"],
        FieldValue::Text("光伏".into())
    );
    assert!(c3.events.is_empty());

    // The rules see the stage from the import's time on, not before.
    assert_eq!(list(&dir, "stage is poc", "2026-03-09 09:00"), ["c2"]);
    assert_eq!(list(&dir, "stage is poc", "2026-03-10 10:00"), ["c1", "c2"]);

    // The same file again: nothing new.
    import(&dir, "customers", &file, &["--at", "2026-03-11 09:00"])
        .success()
        .stdout_has("nothing new");
    // A stage moved on outside customer files (an events import) is left
    // alone by a customer file that still says what it said before.
    let moves = write(
        &dir,
        "moves.csv",
        "customer,stage,at,evidence
c2,negotiation,2026-03-10 15:00,报价单.pdf
",
    );
    import(&dir, "stages", &moves, &[]).success();
    // The original file again: a change back for c1 (it says `demo` and
    // 0 disputes where the last customer file said `poc` and 3), none for c2.
    import(
        &dir,
        "customers",
        &repo("tests/fixtures/import/customers.csv"),
        &["--at", "2026-03-12 09:00"],
    )
    .success()
    .stdout_has("1 customer changed, 1 field change recorded, 1 stage change recorded");
    assert_eq!(list(&dir, "stage is demo", "2026-03-12 10:00"), ["c1"]);
    assert_eq!(
        list(&dir, "stage is negotiation", "2026-03-12 10:00"),
        ["c2"]
    );
}

#[test]
fn a_different_created_at_is_refused_naming_both_times_and_writes_nothing() {
    let dir = first_import("reimport_created");
    let db = std::fs::read(dir.join("crm.db")).unwrap();
    let file = write(
        &dir,
        "moved.csv",
        "id,created_at\nc1,2026/3/1 9:00\nc2,2026-03-03 10:30\n",
    );
    import(&dir, "customers", &file, &["--at", AGAIN_AT])
        .code(1)
        .stderr_has(
            "moved.csv:2: column `created_at`: `2026-03-01 09:00 +08:00 Sun` differs from the stored \
             creation time of `c1`, 2026-03-02 09:00 +08:00 Mon",
        )
        .stderr_has("1 error; nothing was written");
    assert_eq!(std::fs::read(dir.join("crm.db")).unwrap(), db);
}

#[test]
fn a_new_customer_without_created_at_is_created_at_the_import_time_and_the_summary_says_so() {
    let dir = first_import("reimport_new");
    let file = write(&dir, "new.csv", "id,name,owner\nc9,新客户（无锡）,zhang\n");
    import(&dir, "customers", &file, &["--at", AGAIN_AT])
        .success()
        .stdout_has(
            "1 new customer, 1 new customer without `created_at` created at the import's time",
        );
    assert_eq!(
        history(&dir, "c9").customer.created_at,
        t("2026-03-10T09:00:00+08:00")
    );
    // A new customer still needs a name and an owner.
    let bad = write(&dir, "bad.csv", "id,owner\nc10,zhang\n");
    import(&dir, "customers", &bad, &[])
        .code(1)
        .stderr_has("bad.csv:2: column `name`: missing value");
}

#[test]
fn changes_dated_before_the_customer_existed_are_refused() {
    let dir = first_import("reimport_early");
    let file = write(&dir, "early.csv", "id,contract_disputes\nc3,2\n");
    sf(&dir)
        .args(["import", "customers"])
        .arg(&file)
        .args(["--at", "2026-03-01 09:00"])
        .assert()
        .code(1)
        .stderr_has(
            "early.csv:2: column `id`: the import's time: 2026-03-01 09:00 is before c3 was created (2026-03-04 09:00)",
        );
}
