//! The same rows read from CSV, XLSX, JSON Lines and YAML give the same records;
//! Chinese text, typed cells and re-imports behave.

mod store_common;

use salesflow::engine::{CustomerHistory, FieldValue};
use salesflow::import::ImportKind;
use salesflow::store::Store;
use store_common::{fixture, flow, import, scratch, t};

/// Imports customers from `file` (then the events of events.csv) into a new store
/// and returns every customer's history.
fn histories(test: &str, file: &str) -> Vec<CustomerHistory> {
    let dir = scratch(test);
    let flow = flow();
    let mut store = Store::create(&dir.join("crm.db")).unwrap();
    let counts = import(&mut store, &flow, ImportKind::Customers, &fixture(file));
    assert_eq!(counts.customers_new, 3, "{file}");
    store
        .all_customer_ids()
        .unwrap()
        .iter()
        .map(|id| {
            let mut h = store.history(id).unwrap().unwrap();
            // Ids differ only by insertion order, which is the same in every format.
            for e in &mut h.events {
                e.id = 0;
            }
            h
        })
        .collect()
}

#[test]
fn customers_read_the_same_from_csv_xlsx_jsonl_and_yaml() {
    let csv = histories("formats_csv", "customers.csv");
    assert_eq!(csv.len(), 3);
    let c1 = &csv[0].customer;
    assert_eq!(c1.name, "宁波某整车配套厂");
    assert_eq!(
        c1.created_at,
        t("2026-03-02T01:00:00Z"),
        "in the flow's zone"
    );
    assert_eq!(c1.assignees["finance"], "zhao");
    assert_eq!(
        c1.fields["estimated_margin"],
        FieldValue::Text("120000".into())
    );
    assert_eq!(c1.fields["test_env_ready"], FieldValue::Bool(false));
    assert_eq!(c1.fields["contract_disputes"], FieldValue::Number(0.0));
    assert_eq!(c1.contact.mobile.as_deref(), Some("13800000001"));
    // A stage gives a stage_change at created_at, with its evidence.
    let c2 = &csv[1];
    assert_eq!(c2.events.len(), 1);
    assert_eq!(c2.events[0].kind, "stage_change");
    assert_eq!(c2.events[0].attrs["stage"], "poc");
    assert_eq!(c2.events[0].at, c2.customer.created_at);
    assert_eq!(c2.events[0].evidence, ["poc申请单.pdf", "测试方案.docx"]);
    assert!(csv[2].events.is_empty(), "no stage, no event");

    for file in ["customers.xlsx", "customers.jsonl", "customers.yaml"] {
        let other = histories(&format!("formats_{file}"), file);
        assert_eq!(other, csv, "{file} reads differently from customers.csv");
    }
}

#[test]
fn events_read_the_same_from_csv_and_jsonl_with_their_attributes() {
    let flow = flow();
    let mut seen = Vec::new();
    for file in ["events.csv", "events.jsonl"] {
        let dir = scratch(&format!("events_{file}"));
        let mut store = Store::create(&dir.join("crm.db")).unwrap();
        import(
            &mut store,
            &flow,
            ImportKind::Customers,
            &fixture("customers.csv"),
        );
        let counts = import(&mut store, &flow, ImportKind::Events, &fixture(file));
        assert_eq!(counts.events_new, 5, "{file}");
        let c1 = store.history("c1").unwrap().unwrap();
        let visit = c1.events.iter().find(|e| e.kind == "visit").unwrap();
        assert_eq!(visit.attrs["channel"], "现场");
        assert_eq!(visit.role.as_deref(), Some("decision_maker"));
        let update = c1.events.iter().find(|e| e.kind == "update").unwrap();
        assert_eq!(update.blocker.as_deref(), Some("客户内部测试环境未就绪"));
        let verdict = c1.events.iter().find(|e| e.kind == "verdict").unwrap();
        assert_eq!(verdict.attrs["risk"], "legal_review");
        assert_eq!(verdict.attrs["verdict"], "confirmed");
        let c2 = store.history("c2").unwrap().unwrap();
        assert_eq!(c2.events[1].text.as_deref(), Some("他说:\"下周再说\""));
        let mut all: Vec<_> = [c1, c2].into_iter().flat_map(|h| h.events).collect();
        for e in &mut all {
            e.id = 0;
        }
        seen.push(all);
    }
    assert_eq!(seen[0], seen[1]);
}

#[test]
fn stages_tasks_and_team_rows_import() {
    let dir = scratch("stages_tasks_team");
    let flow = flow();
    let mut store = Store::create(&dir.join("crm.db")).unwrap();
    let team = import(&mut store, &flow, ImportKind::Team, &fixture("team.csv"));
    assert_eq!(team.people, 5);
    assert_eq!(
        store.person("wang").unwrap().unwrap().manager.as_deref(),
        Some("chen")
    );
    // The team.yaml shape replaces it, defaults included.
    import(
        &mut store,
        &flow,
        ImportKind::Team,
        std::path::Path::new("examples/team.yaml"),
    );
    assert_eq!(store.team().unwrap(), store_common::team());

    import(
        &mut store,
        &flow,
        ImportKind::Customers,
        &fixture("customers.csv"),
    );
    let stages = import(
        &mut store,
        &flow,
        ImportKind::Stages,
        &fixture("stages.csv"),
    );
    assert_eq!(stages.events_new, 3);
    let c3 = store.history("c3").unwrap().unwrap();
    let stages: Vec<_> = c3
        .events
        .iter()
        .map(|e| e.attrs["stage"].as_str())
        .collect();
    assert_eq!(stages, ["requirement", "demo", "poc"]);

    let tasks = import(&mut store, &flow, ImportKind::Tasks, &fixture("tasks.yaml"));
    assert_eq!(tasks.tasks_written, 2);
    let c2 = store.history("c2").unwrap().unwrap();
    assert_eq!(c2.tasks[0].title, "技术交流纪要");
    // Imported as done: a `task_done` event closes it.
    let done = c2.events.iter().find(|e| e.kind == "task_done").unwrap();
    assert_eq!(done.at, t("2026-03-06T02:00:00Z"));
    assert_eq!(done.attrs["task"], c2.tasks[0].key);
    assert_eq!(store.tasks(None, true).unwrap().len(), 1);
}

#[test]
fn reimporting_the_same_files_is_harmless() {
    let dir = scratch("reimport_files");
    let flow = flow();
    let mut store = Store::create(&dir.join("crm.db")).unwrap();
    let mut runs = Vec::new();
    for _ in 0..2 {
        runs.push((
            import(
                &mut store,
                &flow,
                ImportKind::Customers,
                &fixture("customers.csv"),
            ),
            import(
                &mut store,
                &flow,
                ImportKind::Events,
                &fixture("events.csv"),
            ),
            import(&mut store, &flow, ImportKind::Tasks, &fixture("tasks.yaml")),
        ));
    }
    let (c, e, tk) = &runs[1];
    assert_eq!(
        (c.customers_new, c.customers_changed, c.events_new),
        (0, 0, 0)
    );
    assert_eq!((e.events_new, e.events_known), (0, 5));
    assert_eq!((tk.tasks_written, tk.tasks_known), (0, 2));
    assert_eq!(store.history("c1").unwrap().unwrap().events.len(), 5);
    // The same events from the other format are the same events.
    let jsonl = import(
        &mut store,
        &flow,
        ImportKind::Events,
        &fixture("events.jsonl"),
    );
    assert_eq!(jsonl.events_new, 0);
    // Nothing new: an apply would not need to revisit anyone it had just seen.
    let h = store.history("c1").unwrap().unwrap();
    assert_eq!(h.events.len(), 5);
}
