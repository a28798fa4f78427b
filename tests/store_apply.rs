//! `apply_customer`: every effect into its table exactly once, in one transaction
//! with the derived columns, whatever else runs at the same time.

mod store_common;

use salesflow::engine::Effect;
use salesflow::store::Store;
use store_common::{claimed, count, evaluation, every_effect, scratch, store_with_c1, t};

#[test]
fn each_effect_goes_to_its_table() {
    let dir = scratch("apply_tables");
    let db = dir.join("crm.db");
    let (mut store, event) = store_with_c1(&dir);
    let effects = every_effect(event);
    let refs: Vec<&Effect> = effects.iter().collect();
    let now = t("2026-03-06T12:00:00+08:00");
    let eval = evaluation(effects.clone(), event, "2026-03-09T10:00:00+08:00");
    let out = store
        .apply_customer(
            &salesflow::store::RuleSet::from_the_beginning(),
            &eval,
            &refs,
            now,
        )
        .unwrap();
    assert_eq!(out.inserted.len(), effects.len());
    assert_eq!(out.already_applied, 0);
    assert_eq!(out.by_kind.get("notify"), Some(&1));

    assert_eq!(count(&db, "health_changes"), 1);
    assert_eq!(count(&db, "fired_steps"), 1);
    assert_eq!(claimed(&db), i64::try_from(effects.len()).unwrap());
    assert_eq!(count(&db, "timers"), 1);
    assert_eq!(count(&db, "stage_visits"), 1);
    let signals = store.signals(Some("c1"), false).unwrap();
    assert_eq!(signals.len(), 1);
    assert_eq!(signals[0].keyword, "法务");
    let tasks = store.tasks(None, true).unwrap();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].source, "rules");
    let outbox = store.outbox(Some("pending")).unwrap();
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].cc, vec!["li".to_string()]);
    assert_eq!(store.applied_keys("c1").unwrap().len(), effects.len());

    // The field change is a `field_change` event from the rules.
    let history = store.history("c1").unwrap().unwrap();
    let change = history
        .events
        .iter()
        .find(|e| e.kind == "field_change")
        .unwrap();
    assert_eq!(change.attrs["field"], "test_env_ready");
    assert_eq!(change.attrs["value"], "true");

    // Derived columns.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (stage, health, tags, wake): (String, String, String, String) = conn
        .query_row(
            "SELECT stage, health, tags, wake_at FROM customers WHERE id = 'c1'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        (stage.as_str(), health.as_str(), wake.as_str()),
        ("poc", "yellow", "2026-03-09T02:00:00Z")
    );
    assert_eq!(tags, r#"["新能源","汽车"]"#);
    let fired_at: String = conn
        .query_row("SELECT fired_at FROM fired_steps", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fired_at, "2026-03-06T04:00:00Z");
}

#[test]
fn applying_the_same_effects_twice_writes_them_once() {
    let dir = scratch("apply_twice");
    let db = dir.join("crm.db");
    let (mut store, event) = store_with_c1(&dir);
    let effects = every_effect(event);
    let refs: Vec<&Effect> = effects.iter().collect();
    let now = t("2026-03-06T12:00:00+08:00");
    let eval = evaluation(effects.clone(), event, "2026-03-09T10:00:00+08:00");
    store
        .apply_customer(
            &salesflow::store::RuleSet::from_the_beginning(),
            &eval,
            &refs,
            now,
        )
        .unwrap();
    let again = store
        .apply_customer(
            &salesflow::store::RuleSet::from_the_beginning(),
            &eval,
            &refs,
            now,
        )
        .unwrap();
    assert!(again.inserted.is_empty());
    assert_eq!(again.already_applied, effects.len());
    for table in [
        "health_changes",
        "signals",
        "tasks",
        "fired_steps",
        "outbox",
    ] {
        assert_eq!(count(&db, table), 1, "{table}");
    }
    assert_eq!(count(&db, "events"), 2, "the note and one field change");
    assert_eq!(count(&db, "timers"), 1);
    assert_eq!(count(&db, "stage_visits"), 1);
}

#[test]
fn a_failing_effect_leaves_nothing_of_the_customer_written() {
    let dir = scratch("apply_atomic");
    let db = dir.join("crm.db");
    let (mut store, event) = store_with_c1(&dir);
    let mut effects = every_effect(event);
    // The last effect violates a constraint: a signal on an event that does not
    // exist (foreign key), after every other effect was written.
    effects.push(Effect::Signal {
        key: salesflow::engine::signal_key("c1", "legal_review", 999_999, "法务"),
        at: t("2026-03-02T10:00:00Z"),
        risk: "legal_review".into(),
        event: 999_999,
        keyword: "法务".into(),
        strategy: Vec::new(),
    });
    let refs: Vec<&Effect> = effects.iter().collect();
    let eval = evaluation(effects.clone(), event, "2026-03-09T10:00:00+08:00");
    let now = t("2026-03-06T12:00:00+08:00");
    assert!(
        store
            .apply_customer(
                &salesflow::store::RuleSet::from_the_beginning(),
                &eval,
                &refs,
                now
            )
            .is_err()
    );
    for table in [
        "effects",
        "health_changes",
        "signals",
        "tasks",
        "fired_steps",
        "outbox",
        "timers",
        "stage_visits",
    ] {
        assert_eq!(count(&db, table), 0, "{table}");
    }
    assert_eq!(count(&db, "events"), 1, "no field_change event");
    assert_eq!(
        store.customers_to_visit(now, None).unwrap(),
        vec!["c1".to_string()],
        "still dirty"
    );
    // Without the bad effect the same apply succeeds.
    effects.pop();
    let refs: Vec<&Effect> = effects.iter().collect();
    store
        .apply_customer(
            &salesflow::store::RuleSet::from_the_beginning(),
            &eval,
            &refs,
            now,
        )
        .unwrap();
    assert_eq!(claimed(&db), i64::try_from(effects.len()).unwrap());
}

#[test]
fn concurrent_applies_insert_each_effect_once_without_lock_errors() {
    let dir = scratch("apply_concurrent");
    let db = dir.join("crm.db");
    let (store, event) = store_with_c1(&dir);
    drop(store);
    let effects = every_effect(event);
    let threads: Vec<_> = (0..6)
        .map(|_| {
            let db = db.clone();
            let effects = effects.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&db).unwrap();
                let mut inserted = 0;
                // Each thread applies every effect, one per call, many calls.
                for e in &effects {
                    let eval = evaluation(vec![e.clone()], event, "2026-03-09T10:00:00+08:00");
                    let now = t("2026-03-06T12:00:00+08:00");
                    let out = store
                        .apply_customer(
                            &salesflow::store::RuleSet::from_the_beginning(),
                            &eval,
                            &[e],
                            now,
                        )
                        .expect("no `database is locked` error");
                    inserted += out.inserted.len();
                }
                inserted
            })
        })
        .collect();
    let total: usize = threads.into_iter().map(|h| h.join().unwrap()).sum();
    assert_eq!(total, effects.len());
    assert_eq!(claimed(&db), i64::try_from(effects.len()).unwrap());
    for table in [
        "health_changes",
        "signals",
        "tasks",
        "fired_steps",
        "outbox",
    ] {
        assert_eq!(count(&db, table), 1, "{table}");
    }
}

#[test]
fn apply_clears_dirty_and_the_wake_up_time_decides_the_next_visit() {
    let dir = scratch("apply_wake");
    let (mut store, event) = store_with_c1(&dir);
    let now = t("2026-03-06T12:00:00+08:00");
    assert_eq!(store.customers_to_visit(now, None).unwrap(), vec!["c1"]);
    store.history("c1").unwrap();
    let eval = evaluation(Vec::new(), event, "2026-03-09T10:00:00+08:00");
    let out = store
        .apply_customer(
            &salesflow::store::RuleSet::from_the_beginning(),
            &eval,
            &[],
            now,
        )
        .unwrap();
    assert!(!out.still_dirty);
    assert!(store.customers_to_visit(now, None).unwrap().is_empty());
    assert!(
        store
            .customers_to_visit(t("2026-03-09T09:59:59+08:00"), None)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .customers_to_visit(t("2026-03-09T10:00:00+08:00"), None)
            .unwrap(),
        vec!["c1"]
    );
}

#[test]
fn a_record_arriving_after_the_history_was_read_keeps_the_customer_dirty() {
    let dir = scratch("apply_race");
    let (mut store, event) = store_with_c1(&dir);
    let now = t("2026-03-06T12:00:00+08:00");
    store.history("c1").unwrap();
    // Another process records an event between this evaluation's read and write.
    let mut other = Store::open(store.path()).unwrap();
    other
        .record_event(&store_common::note(
            "c1",
            "2026-03-06T11:00:00+08:00",
            "客户说预算冻结",
        ))
        .unwrap();
    let eval = evaluation(Vec::new(), event, "2026-03-20T10:00:00+08:00");
    let out = store
        .apply_customer(
            &salesflow::store::RuleSet::from_the_beginning(),
            &eval,
            &[],
            now,
        )
        .unwrap();
    assert!(out.still_dirty);
    assert_eq!(store.customers_to_visit(now, None).unwrap(), vec!["c1"]);
}

/// Run by `concurrent_processes_insert_each_effect_once` in child processes: applies
/// every effect of the store named by `SALESFLOW_TEST_DB`, printing how many it
/// inserted.
#[test]
#[ignore = "run as a child process by concurrent_processes_insert_each_effect_once"]
fn child_applier() {
    let Some(db) = std::env::var_os("SALESFLOW_TEST_DB") else {
        return;
    };
    let event: i64 = std::env::var("SALESFLOW_TEST_EVENT")
        .unwrap()
        .parse()
        .unwrap();
    let mut store = Store::open(std::path::Path::new(&db)).unwrap();
    let effects = every_effect(event);
    let mut inserted = 0;
    for round in 0..20 {
        let e = &effects[round % effects.len()];
        let eval = evaluation(vec![e.clone()], event, "2026-03-09T10:00:00+08:00");
        let out = store
            .apply_customer(
                &salesflow::store::RuleSet::from_the_beginning(),
                &eval,
                &[e],
                t("2026-03-06T12:00:00+08:00"),
            )
            .expect("no `database is locked` error");
        inserted += out.inserted.len();
    }
    println!("INSERTED={inserted}");
}

#[test]
fn concurrent_processes_insert_each_effect_once() {
    let dir = scratch("apply_processes");
    let db = dir.join("crm.db");
    let (store, event) = store_with_c1(&dir);
    drop(store);
    let children: Vec<_> = (0..4)
        .map(|_| {
            std::process::Command::new(std::env::current_exe().unwrap())
                .args(["--ignored", "--exact", "child_applier", "--nocapture"])
                .env("SALESFLOW_TEST_DB", &db)
                .env("SALESFLOW_TEST_EVENT", event.to_string())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut total = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{stdout}");
        total += stdout
            .lines()
            .find_map(|l| l.strip_prefix("INSERTED="))
            .expect("the child reports")
            .parse::<usize>()
            .unwrap();
    }
    let effects = every_effect(event).len();
    assert_eq!(total, effects);
    assert_eq!(claimed(&db), i64::try_from(effects).unwrap());
}
