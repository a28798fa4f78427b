//! A read-only store (`plan`) can read everything and changes nothing: the file is
//! byte-identical afterwards.

mod store_common;

use salesflow::engine::Effect;
use salesflow::store::{Store, StoreError};
use store_common::{evaluation, every_effect, note, scratch, store_with_c1, t};

/// FNV-1a 64 of the file, for a readable assertion message.
fn digest(path: &std::path::Path) -> (u64, Vec<u8>) {
    let bytes = std::fs::read(path).unwrap();
    let h = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    });
    (h, bytes)
}

#[test]
fn a_read_only_store_reads_everything_and_leaves_the_file_byte_identical() {
    let dir = scratch("read_only_identical");
    let db = dir.join("crm.db");
    let (mut store, event) = store_with_c1(&dir);
    let effects = every_effect(event);
    let refs: Vec<&Effect> = effects.iter().collect();
    let eval = evaluation(effects.clone(), event, "2026-03-09T10:00:00+08:00");
    store
        .apply_customer(
            &salesflow::store::RuleSet::from_the_beginning(),
            &eval,
            &refs,
            t("2026-03-06T12:00:00+08:00"),
        )
        .unwrap();
    drop(store); // the last connection checkpoints the WAL into the file
    let (before, bytes_before) = digest(&db);

    let mut ro = Store::open_read_only(&db).unwrap();
    let history = ro.history("c1").unwrap().unwrap();
    assert_eq!(history.events.len(), 2);
    assert!(ro.history("nobody").unwrap().is_none());
    ro.customers_to_visit(t("2026-04-01T00:00:00Z"), None)
        .unwrap();
    ro.all_customer_ids().unwrap();
    assert_eq!(ro.applied_keys("c1").unwrap().len(), effects.len());
    ro.tasks(None, false).unwrap();
    ro.signals(None, false).unwrap();
    ro.outbox(None).unwrap();
    ro.team().unwrap();
    // Writing is refused.
    assert!(
        ro.record_event(&note("c1", "2026-03-07T09:00:00Z", "x"))
            .is_err()
    );
    assert!(
        ro.apply_customer(
            &salesflow::store::RuleSet::from_the_beginning(),
            &eval,
            &refs,
            t("2026-03-07T00:00:00Z")
        )
        .is_err()
    );
    drop(ro);

    let (after, bytes_after) = digest(&db);
    assert_eq!(before, after, "the store file changed");
    assert!(bytes_before == bytes_after);
}

#[test]
fn a_read_only_open_never_migrates() {
    let dir = scratch("read_only_outdated");
    let db = dir.join("old.db");
    // An SQLite file at schema version 0.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("CREATE TABLE t (x INTEGER)").unwrap();
    drop(conn);
    let (before, _) = digest(&db);
    assert!(matches!(
        Store::open_read_only(&db).err().unwrap(),
        StoreError::Outdated { found: 0, .. }
    ));
    assert_eq!(digest(&db).0, before);
}
