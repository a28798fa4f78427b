//! Input as Chinese offices produce it: a GBK CSV from Excel on Chinese Windows,
//! a workbook whose first sheet is 说明, Excel date styles and date cells,
//! amounts in 万 and 亿, 是/否, CRLF line ends.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use salesflow::engine::FieldValue;

use crate::common::{Has, customer_ids, history, import, list, project, repo, write};
use crate::store_common::t;

/// What Excel's "CSV (逗号分隔)" writes on Chinese Windows: GBK, CRLF.
const CUSTOMERS_GBK: &str = "\
id,name,owner,stage,created_at,presales,industry,contract_disputes,estimated_margin,test_env_ready\r\n\
c1,宁波某整车配套厂,zhang,demo,2026/3/2 9:00,wang,新能源汽车电池pack,0,32万,否\r\n\
c2,常州某机加工厂（二期）,zhang,,2026年3月3日,,数控机加工,1,\"￥320,000.00\",是\r\n\
c3,苏州某光伏组件厂,zhang,,2026-03-04,,,,1.2亿,有\r\n";

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, lossy) = encoding_rs::GBK.encode(text);
    assert!(!lossy, "the fixture is GBK text");
    bytes.into_owned()
}

#[test]
fn a_gbk_csv_from_excel_imports_with_chinese_names_intact_and_says_its_encoding() {
    let dir = project("offices_gbk");
    let file = dir.join("客户.csv");
    std::fs::write(&file, gbk(CUSTOMERS_GBK)).unwrap();
    assert!(std::str::from_utf8(&std::fs::read(&file).unwrap()).is_err());
    import(&dir, "customers", &file, &[])
        .success()
        .stdout_has("(GB18030): 3 new customers, 1 new event");
    let c2 = history(&dir, "c2");
    assert_eq!(c2.customer.name, "常州某机加工厂（二期）");
    assert_eq!(
        c2.customer.created_at,
        t("2026-03-03T00:00:00+08:00"),
        "a bare date is midnight"
    );
    assert_eq!(
        c2.customer.fields["estimated_margin"],
        FieldValue::Text("320000".into())
    );
    assert_eq!(c2.customer.fields["test_env_ready"], FieldValue::Bool(true));
    let c1 = history(&dir, "c1");
    assert_eq!(c1.customer.created_at, t("2026-03-02T09:00:00+08:00"));
    assert_eq!(
        c1.customer.fields["estimated_margin"],
        FieldValue::Text("320000".into())
    );
    assert_eq!(
        c1.customer.fields["test_env_ready"],
        FieldValue::Bool(false)
    );
    let c3 = history(&dir, "c3");
    assert_eq!(
        c3.customer.fields["estimated_margin"],
        FieldValue::Text("120000000".into())
    );
    assert_eq!(c3.customer.fields["test_env_ready"], FieldValue::Bool(true));
    // `--at` reads the same styles.
    assert_eq!(list(&dir, "stage is demo", "2026年3月10日"), ["c1"]);
}

#[test]
fn the_encoding_can_be_forced_and_a_wrong_one_is_a_clear_error() {
    let dir = project("offices_forced");
    let file = dir.join("customers.csv");
    std::fs::write(&file, gbk(CUSTOMERS_GBK)).unwrap();
    import(&dir, "customers", &file, &["--encoding", "utf-8"])
        .code(2)
        .stderr_has("is not UTF-8 (as `--encoding utf-8` says): try `--encoding gb18030`");
    import(
        &dir,
        "customers",
        &file,
        &["--encoding", "gbk", "--dry-run"],
    )
    .success()
    .stdout_has("(GB18030)");
    // UTF-8 with a byte-order mark (Excel's "CSV UTF-8").
    let bom = dir.join("bom.csv");
    std::fs::write(&bom, format!("\u{feff}{CUSTOMERS_GBK}")).unwrap();
    import(&dir, "customers", &bom, &[])
        .success()
        .stdout_has("(UTF-8): 3 new customers");
    assert_eq!(history(&dir, "c2").customer.name, "常州某机加工厂（二期）");
}

#[test]
fn near_misses_are_refused_each_with_its_line_and_column() {
    let dir = project("offices_near_misses");
    let file = write(
        &dir,
        "bad.csv",
        "id,name,owner,created_at,estimated_margin,test_env_ready\r\n\
         c1,甲,zhang,2026/2/30,32万,是\r\n\
         c2,乙,zhang,2026/3/2 25:00,5万万,否\r\n\
         c3,丙,zhang,2026/3/2,\"32,00\",也许\r\n",
    );
    let out = import(&dir, "customers", &file, &[]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    let f = file.display();
    for line in [
        format!("{f}:2: column `created_at`: `2026/2/30` is not a date: 2026-02 has 28 days"),
        format!("{f}:3: column `created_at`: `2026/3/2 25:00` is not a time of day"),
        format!(
            "{f}:3: column `estimated_margin`: `5万万` is not an amount: write one unit after the number"
        ),
        format!(
            "{f}:4: column `estimated_margin`: `32,00` is not an amount: a comma groups three digits"
        ),
        format!("{f}:4: column `test_env_ready`: `也许` is not true or false"),
    ] {
        assert!(stderr.contains(&line), "{line}\nnot in:\n{stderr}");
    }
    assert!(customer_ids(&dir).is_empty());
}

#[test]
fn crlf_files_report_the_true_line() {
    let dir = project("offices_crlf");
    import(
        &dir,
        "customers",
        &repo("tests/fixtures/import/customers.csv"),
        &[],
    )
    .success();
    let file = write(
        &dir,
        "events.csv",
        "customer,at,kind,text\r\nc1,2026/3/5 10:00,visit,\"两行\r\n备注\"\r\nc9,2026/3/5 11:00,visit,拜访\r\n",
    );
    import(&dir, "events", &file, &[])
        .code(1)
        .stderr_has(&format!(
            "{}:4: column `customer`: unknown customer `c9`",
            file.display()
        ));
}

/// A workbook as Excel on Chinese Windows saves it: a 说明 sheet first, then
/// the customers with real date cells, a serial number, amounts as numbers and
/// as text, 是/否.
fn office_workbook(path: &std::path::Path) {
    let mut book = Workbook::new();
    let about = book.add_worksheet();
    about.set_name("说明").unwrap();
    about
        .write_string(0, 0, "本表由销售部维护，每周五更新")
        .unwrap();
    about.write_string(2, 0, "金额单位：元").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("客户").unwrap();
    let header = [
        "id",
        "name",
        "owner",
        "created_at",
        "industry",
        "estimated_margin",
        "test_env_ready",
        "contact_mobile",
    ];
    for (i, h) in header.iter().enumerate() {
        sheet
            .write_string(0, u16::try_from(i).unwrap(), *h)
            .unwrap();
    }
    let date = Format::new().set_num_format("yyyy/m/d h:mm");
    let rows: [(&str, &str, &str, f64, &str); 3] = [
        ("c1", "宁波某整车配套厂", "新能源", 320_000.0, "是"),
        ("c2", "常州某机加工厂", "机加工", 0.0, "否"),
        ("c3", "苏州某光伏组件厂", "光伏", 0.0, "是"),
    ];
    for (r, (id, name, industry, margin, ready)) in rows.iter().enumerate() {
        let row = u32::try_from(r + 1).unwrap();
        sheet.write_string(row, 0, *id).unwrap();
        sheet.write_string(row, 1, *name).unwrap();
        sheet.write_string(row, 2, "zhang").unwrap();
        sheet.write_string(row, 4, *industry).unwrap();
        sheet.write_string(row, 6, *ready).unwrap();
        sheet
            .write_number(row, 7, 13_800_000_001.0 + f64::from(row))
            .unwrap();
        if *margin > 0.0 {
            sheet.write_number(row, 5, *margin).unwrap();
        }
    }
    let t = ExcelDateTime::from_ymd(2026, 3, 2)
        .unwrap()
        .and_hms(9, 0, 0)
        .unwrap();
    sheet.write_datetime_with_format(1, 3, &t, &date).unwrap();
    // A date column whose cell lost its format: Excel's serial number.
    sheet.write_number(2, 3, 46_084.437_5).unwrap();
    sheet.write_string(3, 3, "2026年3月4日").unwrap();
    sheet.write_string(2, 5, "3.2万元").unwrap();
    sheet.write_string(3, 5, "1.2亿").unwrap();
    book.save(path).unwrap();
}

#[test]
fn an_excel_workbook_with_a_notes_sheet_first_imports_with_sheet() {
    let dir = project("offices_xlsx");
    let file = dir.join("客户名单.xlsx");
    office_workbook(&file);
    // The first sheet is the notes: its "header" is no column of ours.
    import(&dir, "customers", &file, &[])
        .code(1)
        .stderr_has("column `本表由销售部维护，每周五更新`: unknown column");
    import(&dir, "customers", &file, &["--sheet", "9"])
        .code(2)
        .stderr_has("no sheet `9`: the workbook has 1 `说明`, 2 `客户`");
    import(&dir, "customers", &file, &["--sheet", "2", "--dry-run"]).success();
    import(&dir, "customers", &file, &["--sheet", "客户"])
        .success()
        .stdout_has("3 new customers");
    let c1 = history(&dir, "c1");
    assert_eq!(c1.customer.created_at, t("2026-03-02T09:00:00+08:00"));
    assert_eq!(
        c1.customer.fields["estimated_margin"],
        FieldValue::Text("320000".into())
    );
    assert_eq!(c1.customer.contact.mobile.as_deref(), Some("13800000002"));
    let c2 = history(&dir, "c2");
    assert_eq!(
        c2.customer.created_at,
        t("2026-03-03T10:30:00+08:00"),
        "serial 46084.4375"
    );
    assert_eq!(
        c2.customer.fields["estimated_margin"],
        FieldValue::Text("32000".into())
    );
    assert_eq!(
        c2.customer.fields["test_env_ready"],
        FieldValue::Bool(false)
    );
    let c3 = history(&dir, "c3");
    assert_eq!(c3.customer.created_at, t("2026-03-04T00:00:00+08:00"));
    assert_eq!(
        c3.customer.fields["estimated_margin"],
        FieldValue::Text("120000000".into())
    );
}
