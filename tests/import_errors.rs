//! A wrong row is reported with its file, line (or sheet row) and column — every
//! wrong row, not only the first — and nothing of that import is written.

mod store_common;

use std::io::Write as _;

use salesflow::import::{ImportError, ImportKind, ReadOptions, RowError, load};
use salesflow::store::Store;
use store_common::{context, fixture, flow, import, scratch};

/// A store with the team and the customers of customers.csv.
fn store(test: &str) -> (Store, std::path::PathBuf) {
    let dir = scratch(test);
    let db = dir.join("crm.db");
    let flow = flow();
    let mut store = Store::create(&db).unwrap();
    import(
        &mut store,
        &flow,
        ImportKind::Customers,
        &fixture("customers.csv"),
    );
    (store, dir)
}

/// The errors of importing `path`, rendered.
fn rejected(store: &Store, kind: ImportKind, path: &std::path::Path) -> Vec<RowError> {
    let flow = flow();
    match load(
        kind,
        path,
        &ReadOptions::default(),
        &context(store, &flow),
        &(),
    ) {
        Err(ImportError::Rejected { errors, .. }) => errors,
        other => panic!("expected a rejection, got {other:?}"),
    }
}

fn lines(errors: &[RowError]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

#[test]
fn every_bad_event_row_is_reported_with_its_line_and_column() {
    let (store, _dir) = store("errors_events");
    let errors = rejected(&store, ImportKind::Events, &fixture("events_bad.csv"));
    let f = "tests/fixtures/import/events_bad.csv";
    assert_eq!(
        lines(&errors),
        [
            format!("{f}:2: column `customer`: unknown customer `c9` (did you mean `c1`?)"),
            format!("{f}:3: column `actor`: unknown person `zhng` (did you mean `zhang`?)"),
            format!("{f}:4: column `kind`: unknown event kind `vist` (did you mean `visit`?)"),
            format!("{f}:5: column `at`: `2026-13-01 10:00` is not a date: there is no month 13"),
            format!(
                "{f}:6: column `blocker`: an `update` must carry `blocker` (the rules say `update requires`)"
            ),
            format!(
                "{f}:7: column `evidence`: stage `poc` says `evidence required`: give at least one reference (`;`-separated)"
            ),
            format!("{f}:8: column `stage`: unknown stage `pco` (did you mean `poc`?)"),
            format!(
                "{f}:9: column `attrs.verdict`: `maybe` is not a verdict: write `confirmed` or `false`"
            ),
            format!("{f}:11: column `stage`: `stage` is only for `kind: stage_change`, not `call`"),
        ]
    );
    assert_eq!(
        store.history("c1").unwrap().unwrap().events.len(),
        1,
        "only the stage_change of customers.csv"
    );
}

#[test]
fn unknown_and_missing_columns_are_reported_at_the_header() {
    let (store, _dir) = store("errors_columns");
    let errors = rejected(&store, ImportKind::Events, &fixture("events_columns.csv"));
    let f = "tests/fixtures/import/events_columns.csv";
    assert_eq!(
        lines(&errors),
        [
            format!("{f}:1: column `colour`: unknown column"),
            format!("{f}:1: column `blockr`: unknown column (did you mean `blocker`?)"),
            format!("{f}:1: column `at`: missing required column"),
        ]
    );
}

#[test]
fn every_bad_customer_row_is_reported_and_no_customer_is_written() {
    let dir = scratch("errors_customers");
    let flow = flow();
    let store = Store::create(&dir.join("crm.db")).unwrap();
    let errors = rejected(&store, ImportKind::Customers, &fixture("customers_bad.csv"));
    let f = "tests/fixtures/import/customers_bad.csv";
    assert_eq!(
        lines(&errors),
        [
            format!(
                "{f}:2: column `contract_disputes`: `三` is not a number: write digits such as `12` or `3.5`"
            ),
            format!(
                "{f}:2: column `test_env_ready`: `maybe` is not true or false: write `是`/`否`, `有`/`无`, `true`/`false`, `Y`/`N` or `1`/`0`"
            ),
            format!("{f}:3: column `name`: missing value"),
            format!("{f}:3: column `owner`: unknown person `nobody`"),
            format!("{f}:3: column `presales`: unknown person `wangg` (did you mean `wang`?)"),
            format!(
                "{f}:3: column `evidence`: stage `poc` says `evidence required`: give at least one reference (`;`-separated)"
            ),
            format!("{f}:4: column `id`: customer `c1` is listed twice (first at line 2)"),
            format!(
                "{f}:4: column `created_at`: `yesterday` is not a time: write `2026-03-02 09:00`, `2026/3/2 9:00`, `2026年3月2日` or RFC 3339"
            ),
        ]
    );
    drop(flow);
    assert!(store.all_customer_ids().unwrap().is_empty());
}

#[test]
fn spreadsheet_errors_name_the_sheet_row() {
    let dir = scratch("errors_xlsx");
    let store = Store::create(&dir.join("crm.db")).unwrap();
    let errors = rejected(
        &store,
        ImportKind::Customers,
        &fixture("customers_bad.xlsx"),
    );
    let f = "tests/fixtures/import/customers_bad.xlsx";
    assert_eq!(
        lines(&errors),
        [
            format!(
                "{f} row 2: column `contract_disputes`: `三` is not a number: write digits such as `12` or `3.5`"
            ),
            format!("{f} row 3: column `owner`: unknown person `nobody`"),
            format!(
                "{f} row 3: column `evidence`: stage `poc` says `evidence required`: give at least one reference (`;`-separated)"
            ),
        ]
    );
}

#[test]
fn a_bad_row_at_the_end_of_ten_thousand_writes_nothing() {
    let (mut store, dir) = store("errors_large");
    let path = dir.join("events_10k.csv");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(file, "customer,at,kind,actor,text").unwrap();
    for i in 0..9_999 {
        let (day, minute) = (1 + i / 1440 % 28, i % 1440);
        writeln!(
            file,
            "c{},2026-04-{day:02} {:02}:{:02},visit,zhang,第{i}次拜访",
            1 + i % 3,
            minute / 60,
            minute % 60
        )
        .unwrap();
    }
    writeln!(file, "c1,2026-04-30 25:00,visit,zhang,最后一行").unwrap();
    drop(file);
    let errors = rejected(&store, ImportKind::Events, &path);
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].line, errors[0].column.as_deref()),
        (10_001, Some("at"))
    );
    let before: usize = ["c1", "c2", "c3"]
        .iter()
        .map(|c| store.history(c).unwrap().unwrap().events.len())
        .sum();
    assert_eq!(before, 2, "only the stage changes of customers.csv");

    // Without the bad row, all 9,999 go in, in one transaction.
    let text = std::fs::read_to_string(&path).unwrap();
    let good = text.lines().take(10_000).collect::<Vec<_>>().join("\n") + "\n";
    std::fs::write(&path, good).unwrap();
    let flow = flow();
    let counts = import(&mut store, &flow, ImportKind::Events, &path);
    assert_eq!(counts.events_new, 9_999);
}

#[test]
fn a_file_of_an_unknown_type_or_unreadable_is_refused_whole() {
    let (store, dir) = store("errors_unreadable");
    let flow = flow();
    let ctx = context(&store, &flow);
    let txt = dir.join("events.txt");
    std::fs::write(&txt, "customer,at,kind\n").unwrap();
    assert!(matches!(
        load(ImportKind::Events, &txt, &ReadOptions::default(), &ctx, &()),
        Err(ImportError::Format { .. })
    ));
    let jsonl = dir.join("events.jsonl");
    std::fs::write(&jsonl, "{\"customer\": \"c1\"}\n[1, 2]\n").unwrap();
    // A line that is not an object is a wrong row like any other: listed with
    // the rest, not a stop at the first.
    let errors = rejected(&store, ImportKind::Events, &jsonl);
    assert_eq!(
        errors.last().map(ToString::to_string),
        Some(format!(
            "{}:2: invalid type: sequence, expected a JSON object (one row per line) (column 1)",
            jsonl.display()
        )),
    );
    // Without rules, customers cannot be checked.
    let no_rules = salesflow::import::Context::default();
    assert!(matches!(
        load(
            ImportKind::Customers,
            &fixture("customers.csv"),
            &ReadOptions::default(),
            &no_rules,
            &()
        ),
        Err(ImportError::NoRules { .. })
    ));
}
