//! The store's file: created only where nothing exists, opened only where a store
//! exists, WAL and foreign keys on, migrations by `user_version` applied once.

mod store_common;

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
