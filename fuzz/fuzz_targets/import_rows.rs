//! The row importers on any bytes: the first byte picks the format (CSV, XLSX,
//! JSON Lines, YAML), the kind of rows and the CSV encoding; the rest is the
//! file. Reading and checking must end in a table or an error, never a panic,
//! and within the limits the readers promise. The cell readers (amounts,
//! times) run on the same bytes as text.
#![no_main]

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use salesflow::import::{Context, Encoding, ImportKind, ReadOptions, cells, check, table};
use salesflow::model::Flow;

static FLOW: LazyLock<Flow> = LazyLock::new(|| {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/zhilian.flow");
    salesflow::check::check_path(&path, &salesflow::check::DiskLoader)
        .expect("the example flow loads")
        .flow
        .expect("the example flow checks")
});

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let flow: &Flow = &FLOW;
    let ext = ["csv", "xlsx", "jsonl", "yaml"][usize::from(selector % 4)];
    let kind = [
        ImportKind::Customers,
        ImportKind::Events,
        ImportKind::Stages,
        ImportKind::Tasks,
    ][usize::from(selector / 4 % 4)];
    let options = ReadOptions {
        encoding: match selector / 16 % 3 {
            0 => None,
            1 => Some(Encoding::Utf8),
            _ => Some(Encoding::Gb18030),
        },
        sheet: (selector >= 128).then(|| "2".to_string()),
        map: None,
    };
    let now = salesflow::timefmt::parse_instant("2026-03-10 09:00", flow.timezone).ok();
    let ctx = Context {
        flow: Some(flow),
        people: ["zhang", "wang", "chen", "li", "zhao"].map(String::from).into(),
        customers: HashSet::from(["c1".to_string(), "c2".to_string()]),
        created: HashMap::from([(
            "c1".to_string(),
            salesflow::timefmt::parse_instant("2026-03-02 09:00", flow.timezone).unwrap(),
        )]),
        now,
        defaults: Default::default(),
    };
    if let Ok(table) = table::parse(body.to_vec(), "fuzz".into(), ext, &options) {
        let _ = check(kind, table, &options, &ctx, &());
    }
    if let Ok(text) = std::str::from_utf8(body) {
        let _ = cells::money(text);
        let _ = salesflow::timefmt::parse_instant(text, flow.timezone);
    }
});
