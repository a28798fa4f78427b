//! The schema as an append-only list of numbered migrations, applied by
//! `PRAGMA user_version` inside one exclusive transaction (the way cargo's SQLite
//! tracker does it): a store at version N gets migrations N+1.. and nothing else,
//! so running them again is a no-op and two processes opening an old store at once
//! cannot both migrate it.
//!
//! Never edit or reorder a migration once released: add a new one at the end.

use rusqlite::{Connection, TransactionBehavior};

use super::error::{Result, StoreError};

/// The migrations, in order; migration `i` takes the store to version `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_records_as_known.sql"),
    include_str!("migrations/003_team_snapshots.sql"),
    include_str!("migrations/004_delivery.sql"),
    include_str!("migrations/005_compact.sql"),
    include_str!("migrations/006_signal_indexes.sql"),
];

/// The schema version this build writes.
pub fn latest() -> i64 {
    i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX)
}

/// The store's `user_version`.
pub(crate) fn version(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT user_version FROM pragma_user_version", [], |r| {
            r.get(0)
        })?,
    )
}

/// Applies every migration the store lacks, all in one exclusive transaction.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    let found = version(&tx)?;
    let known = latest();
    if found > known {
        return Err(StoreError::TooNew { found, known });
    }
    let done = usize::try_from(found).unwrap_or(0);
    if done < MIGRATIONS.len() {
        for sql in &MIGRATIONS[done..] {
            tx.execute_batch(sql)?;
        }
        tx.pragma_update(None, "user_version", known)?;
    }
    tx.commit()?;
    Ok(())
}
