//! Nothing of a row is silently lost: a cell beyond the header, a key written
//! twice, a number's digits. Each is an error with file, line and column, or
//! kept exactly as written.

use rust_xlsxwriter::Workbook;

use crate::common::{Has, customer_ids, history, import, project, write};

#[test]
fn a_csv_cell_beyond_the_header_is_an_error_with_its_line_and_column() {
    let dir = project("strict_extra_cell");
    let file = write(
        &dir,
        "extra.csv",
        "id,name,owner,created_at\n\
         c1,甲,zhang,2026-03-02 09:00,,\n\
         c2,乙,zhang,2026-03-02 09:00,备注：老客户\n",
    );
    import(&dir, "customers", &file, &[])
        .code(1)
        .stderr_has(&format!(
            "{}:3: column `(column E)`: `备注：老客户` stands beyond the last column: the header names 4 columns",
            file.display()
        ))
        .stderr_has("1 error; nothing was written");
    assert!(customer_ids(&dir).is_empty());
}

#[test]
fn a_json_lines_key_written_twice_is_an_error() {
    let dir = project("strict_duplicate_key");
    let file = write(
        &dir,
        "c.jsonl",
        "{\"id\": \"c1\", \"name\": \"甲\", \"owner\": \"zhang\", \"created_at\": \"2026-03-02 09:00\"}\n\
         {\"id\": \"c2\", \"name\": \"乙\", \"owner\": \"zhang\", \"owner\": \"wang\", \"created_at\": \"2026-03-02 09:00\"}\n",
    );
    import(&dir, "customers", &file, &[])
        .code(1)
        .stderr_has(&format!(
            "{}:2: the key `owner` is written twice in one object",
            file.display()
        ));
    assert!(customer_ids(&dir).is_empty());
}

#[test]
fn ids_written_as_numbers_keep_their_exact_digits() {
    let dir = project("strict_digits");
    let jsonl = write(
        &dir,
        "c.jsonl",
        "{\"id\": 12345678901234567890, \"name\": \"甲\", \"owner\": \"zhang\", \"created_at\": \"2026-03-02 09:00\", \"contact_mobile\": 13800000001}\n",
    );
    import(&dir, "customers", &jsonl, &[]).success();
    let yaml = write(
        &dir,
        "c.yaml",
        "- id: 0x1F\n  name: 乙\n  owner: zhang\n  created_at: 2026-03-02 09:00\n\
         - {id: 007, name: 丙, owner: zhang, created_at: '2026/3/2'}\n",
    );
    import(&dir, "customers", &yaml, &[]).success();
    assert_eq!(customer_ids(&dir), ["007", "0x1F", "12345678901234567890"]);
    assert_eq!(
        history(&dir, "12345678901234567890")
            .customer
            .contact
            .mobile
            .as_deref(),
        Some("13800000001")
    );
}

#[test]
fn a_spreadsheet_number_too_long_to_be_exact_is_an_error_not_a_rounding() {
    let dir = project("strict_xlsx_digits");
    let file = dir.join("ids.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (i, h) in ["id", "name", "owner", "created_at"].iter().enumerate() {
        sheet
            .write_string(0, u16::try_from(i).unwrap(), *h)
            .unwrap();
    }
    sheet
        .write_number(1, 0, 12_345_678_901_234_567_890.0)
        .unwrap();
    sheet.write_number(2, 0, 13_800_000_001.0).unwrap();
    for row in 1..=2 {
        sheet.write_string(row, 1, "客户").unwrap();
        sheet.write_string(row, 2, "zhang").unwrap();
        sheet.write_string(row, 3, "2026/3/2 9:00").unwrap();
    }
    book.save(&file).unwrap();
    import(&dir, "customers", &file, &[])
        .code(1)
        .stderr_has(&format!(
            "{} row 2: column `id`: `12345678901234567168` is a number too long for a spreadsheet to keep exactly",
            file.display()
        ));
    assert!(customer_ids(&dir).is_empty());
}

#[test]
fn an_event_before_its_customer_existed_is_refused_with_both_times() {
    let dir = project("strict_before_creation");
    import(
        &dir,
        "customers",
        &crate::common::repo("tests/fixtures/import/customers.csv"),
        &[],
    )
    .success();
    let file = write(
        &dir,
        "early.csv",
        "customer,at,kind,text\r\nc2,2026/3/3 10:30,visit,刚好\r\nc1,2026/3/1 9:00,visit,太早\r\n",
    );
    import(&dir, "events", &file, &[])
        .code(1)
        .stderr_has(&format!(
            "{}:3: column `at`: 2026-03-01 09:00 is before c1 was created (2026-03-02 09:00)",
            file.display()
        ))
        .stderr_has("1 error; nothing was written");
}
