//! The store's file: created only where nothing exists, opened only where a store
//! exists, WAL and foreign keys on, migrations by `user_version` applied once.

mod store_common;

use salesflow::engine::signal_key;
use salesflow::store::{Store, StoreError, schema_version};
use store_common::scratch;

fn schema(db: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// A store file as the salesflow of schema version `n` made it: the first `n`
/// migrations, as released.
fn store_at_version(db: &std::path::Path, n: usize) -> rusqlite::Connection {
    const RELEASED: [&str; 5] = [
        include_str!("../src/store/migrations/001_initial.sql"),
        include_str!("../src/store/migrations/002_records_as_known.sql"),
        include_str!("../src/store/migrations/003_team_snapshots.sql"),
        include_str!("../src/store/migrations/004_delivery.sql"),
        include_str!("../src/store/migrations/005_compact.sql"),
    ];
    let conn = rusqlite::Connection::open(db).unwrap();
    for sql in &RELEASED[..n] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", i64::try_from(n).unwrap())
        .unwrap();
    conn
}

#[test]
fn create_refuses_a_path_that_exists() {
    let dir = scratch("create_refuses");
    let db = dir.join("crm.db");
    std::fs::write(&db, "not mine").unwrap();
    let err = Store::create(&db).err().unwrap();
    assert!(matches!(err, StoreError::Exists { .. }), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), b"not mine");
}

#[test]
fn open_refuses_a_missing_store_and_creates_nothing() {
    let dir = scratch("open_missing");
    let db = dir.join("crm.db");
    assert!(matches!(
        Store::open(&db).err().unwrap(),
        StoreError::NotFound { .. }
    ));
    assert!(matches!(
        Store::open_read_only(&db).err().unwrap(),
        StoreError::NotFound { .. }
    ));
    assert!(!db.exists());
}

#[test]
fn migrations_are_idempotent() {
    let dir = scratch("migrations_idempotent");
    let db = dir.join("crm.db");
    let store = Store::create(&db).unwrap();
    assert_eq!(store.schema_version().unwrap(), schema_version());
    drop(store);
    let first = schema(&db);
    assert!(first.iter().any(|s| s.contains("CREATE TABLE events")));
    for _ in 0..3 {
        let store = Store::open(&db).unwrap();
        assert_eq!(store.schema_version().unwrap(), schema_version());
    }
    assert_eq!(
        schema(&db),
        first,
        "opening again must not change the schema"
    );
}

#[test]
fn a_store_from_a_newer_salesflow_is_refused() {
    let dir = scratch("too_new");
    let db = dir.join("crm.db");
    drop(Store::create(&db).unwrap());
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "user_version", schema_version() + 1)
        .unwrap();
    drop(conn);
    assert!(matches!(
        Store::open(&db).err().unwrap(),
        StoreError::TooNew { .. }
    ));
    assert!(matches!(
        Store::open_read_only(&db).err().unwrap(),
        StoreError::TooNew { .. }
    ));
}

#[test]
fn wal_mode_is_persistent_and_foreign_keys_are_enforced() {
    let dir = scratch("wal_fk");
    let db = dir.join("crm.db");
    drop(Store::create(&db).unwrap());
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    // Through the store, an event of an unknown customer is refused.
    let mut store = Store::open(&db).unwrap();
    let event = salesflow::store::NewEvent::new(
        "nobody",
        store_common::t("2026-03-02T09:00:00Z"),
        "visit",
        "cli",
    );
    assert!(matches!(
        store.record_event(&event).err().unwrap(),
        StoreError::UnknownCustomer(_)
    ));
}

#[test]
fn events_are_append_only() {
    let dir = scratch("append_only");
    let (store, id) = store_common::store_with_c1(&dir);
    drop(store);
    let conn = rusqlite::Connection::open(dir.join("crm.db")).unwrap();
    let update = conn.execute("UPDATE events SET text = 'x' WHERE id = ?1", [id]);
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = conn.execute("DELETE FROM events WHERE id = ?1", [id]);
    assert!(delete.unwrap_err().to_string().contains("append-only"));
}

/// A store written by the version before migration 5 (strategy and rule text on
/// every row, signals in the `effects` ledger) keeps every signal, health change,
/// verdict and claim, with each repeated text stored once.
#[test]
fn migration_5_keeps_signals_and_health_changes_with_texts_once() {
    let dir = scratch("migration_5");
    let db = dir.join("crm.db");
    {
        let conn = store_at_version(&db, 4);
        conn.execute_batch(
            r#"
            INSERT INTO customers (id, name, owner, created_at)
                VALUES ('c1', '常州某机加工厂', 'wang', '2026-03-01T01:00:00Z');
            INSERT INTO events (id, customer, at, kind, text, source, natural_key)
                VALUES (1, 'c1', '2026-03-02T02:00:00Z', 'note', '法务要看合同，预算冻结', 'import', 'k1'),
                       (2, 'c1', '2026-03-03T02:00:00Z', 'note', '法务再审', 'import', 'k2');
            INSERT INTO signals (key, customer, risk, event, keyword, at, strategy, verdict)
                VALUES ('c1/signal/legal_review/1/法务', 'c1', 'legal_review', 1, '法务',
                        '2026-03-02T02:00:00Z', '["提前把标准合同发给客户法务"]', 'confirmed'),
                       ('c1/signal/budget_freeze/1/预算冻结', 'c1', 'budget_freeze', 1, '预算冻结',
                        '2026-03-02T02:00:00Z', '["确认冻结范围与解冻时间"]', NULL),
                       ('c1/signal/legal_review/2/法务', 'c1', 'legal_review', 2, '法务',
                        '2026-03-03T02:00:00Z', '["提前把标准合同发给客户法务"]', NULL),
                       ('c1/signal/integration_gap/2/erp对接', 'c1', 'integration_gap', 2, 'ERP对接',
                        '2026-03-03T02:00:00Z', '["提前把标准合同发给客户法务"]', 'false');
            INSERT INTO health_changes (key, customer, from_state, to_state, at, rule, witness, creation)
                VALUES ('c1/health/1/green', 'c1', NULL, 'green', '2026-03-01T01:00:00Z',
                        'otherwise', '[]', 1),
                       ('c1/health/2/yellow', 'c1', 'green', 'yellow', '2026-03-02T02:00:00Z',
                        'signal any yellow within 14d', '[1]', 0);
            INSERT INTO effects (key, customer, kind, at, applied_at) VALUES
                ('c1/signal/legal_review/1/法务', 'c1', 'signal', '2026-03-02T02:00:00Z', '2026-03-04T00:00:00Z'),
                ('c1/signal/budget_freeze/1/预算冻结', 'c1', 'signal', '2026-03-02T02:00:00Z', '2026-03-04T00:00:00Z'),
                ('c1/signal/legal_review/2/法务', 'c1', 'signal', '2026-03-03T02:00:00Z', '2026-03-04T00:00:00Z'),
                ('c1/signal/integration_gap/2/erp对接', 'c1', 'signal', '2026-03-03T02:00:00Z', '2026-03-04T00:00:00Z'),
                ('c1/health/1/green', 'c1', 'health', '2026-03-01T01:00:00Z', '2026-03-04T00:00:00Z'),
                ('c1/health/2/yellow', 'c1', 'health', '2026-03-02T02:00:00Z', '2026-03-04T00:00:00Z');
            "#,
        )
        .unwrap();
    }

    let store = Store::open(&db).unwrap();
    assert_eq!(store.schema_version().unwrap(), schema_version());
    let signals = store.signals(Some("c1"), false).unwrap();
    let found: Vec<(&str, &str, Vec<String>, Option<String>)> = signals
        .iter()
        .map(|s| {
            (
                s.key.as_str(),
                s.keyword.as_str(),
                s.strategy.clone(),
                s.verdict.map(|v| v.as_str().to_string()),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "c1/signal/legal_review/1/法务",
                "法务",
                vec!["提前把标准合同发给客户法务".to_string()],
                Some("confirmed".to_string())
            ),
            (
                "c1/signal/budget_freeze/1/预算冻结",
                "预算冻结",
                vec!["确认冻结范围与解冻时间".to_string()],
                None
            ),
            (
                "c1/signal/legal_review/2/法务",
                "法务",
                vec!["提前把标准合同发给客户法务".to_string()],
                None
            ),
            (
                "c1/signal/integration_gap/2/erp对接",
                "ERP对接",
                vec!["提前把标准合同发给客户法务".to_string()],
                Some("false".to_string())
            ),
        ]
    );
    let yellow = store.health_examples("yellow", 5).unwrap();
    assert_eq!(yellow.len(), 1);
    assert_eq!(yellow[0].rule, "signal any yellow within 14d");
    // Every key is still claimed, the signals' in their own table, each the key
    // the engine makes.
    let keys = store.applied_keys("c1").unwrap();
    assert_eq!(keys.len(), 6);
    for s in &signals {
        assert_eq!(s.key, signal_key("c1", &s.risk, s.event.0, &s.keyword));
        assert!(keys.contains(&s.key), "{}", s.key);
    }
    drop(store);
    // Two strategies and two rules, each once.
    assert_eq!(store_common::count(&db, "texts"), 4);
    assert_eq!(store_common::count(&db, "effects"), 2);
}

/// Migration 6 replaces the signals' two indexes by one claim index that leads
/// with the customer: a signal already claimed (same event, risk and keyword as
/// matched) is still refused, a customer's signals are still found by index, and
/// the judged ones have a partial index of their own.
#[test]
fn migration_6_keeps_the_claim_and_indexes_a_customers_signals_once() {
    let dir = scratch("migration_6");
    let db = dir.join("crm.db");
    {
        let conn = store_at_version(&db, 5);
        conn.execute_batch(
            r#"
            INSERT INTO customers (id, name, owner, created_at)
                VALUES ('c1', '常州某机加工厂', 'wang', '2026-03-01T01:00:00Z'),
                       ('c2', '苏州精密', 'li', '2026-03-01T01:00:00Z');
            INSERT INTO events (id, customer, at, kind, text, source, natural_key)
                VALUES (1, 'c1', '2026-03-02T02:00:00Z', 'note', '法务要看合同，ＥＲＰ对接', 'import', 'k1'),
                       (2, 'c2', '2026-03-03T02:00:00Z', 'note', '法务再审', 'import', 'k2');
            INSERT INTO texts (id, text) VALUES (1, '["提前把标准合同发给客户法务"]');
            INSERT INTO signals (customer, risk, event, keyword, norm, at, strategy, verdict)
                VALUES ('c1', 'legal_review', 1, '法务', NULL, '2026-03-02T02:00:00Z', 1, 'confirmed'),
                       ('c1', 'integration_gap', 1, 'ERP对接', 'erp对接', '2026-03-02T02:00:00Z', 1, NULL),
                       ('c2', 'legal_review', 2, '法务', NULL, '2026-03-03T02:00:00Z', 1, NULL);
            "#,
        )
        .unwrap();
    }

    let store = Store::open(&db).unwrap();
    assert_eq!(store.schema_version().unwrap(), schema_version());
    let keys = store.applied_keys("c1").unwrap();
    assert!(keys.contains("c1/signal/legal_review/1/法务"));
    assert!(keys.contains("c1/signal/integration_gap/1/erp对接"));
    assert_eq!(keys.len(), 2);
    drop(store);

    let conn = rusqlite::Connection::open(&db).unwrap();
    let indexes: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'signals' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(indexes, ["signals_claim", "signals_judged"]);
    // The same keyword as matched (full-width, upper case) is the same claim.
    let n = conn
        .execute(
            "INSERT INTO signals (customer, risk, event, keyword, norm, at, strategy)
             VALUES ('c1', 'integration_gap', 1, 'ERP对接', 'erp对接', '2026-03-02T02:00:00Z', 1)
             ON CONFLICT DO NOTHING",
            [],
        )
        .unwrap();
    assert_eq!(n, 0);
    let plan = |sql: &str| -> String {
        conn.query_row(&format!("EXPLAIN QUERY PLAN {sql}"), [], |r| r.get(3))
            .unwrap()
    };
    assert!(
        plan("SELECT key FROM signals WHERE customer = 'c1'").contains("signals_claim"),
        "a customer's signals are read by the claim index"
    );
    assert!(
        plan("SELECT id FROM signals WHERE customer = 'c1' AND verdict IS NOT NULL")
            .contains("signals_judged")
    );
    let judged: i64 = conn
        .query_row(
            "SELECT count(*) FROM signals INDEXED BY signals_judged WHERE customer = 'c1' AND verdict IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(judged, 1);
}
