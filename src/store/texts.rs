//! Texts the rules repeat on many rows (a risk's strategy, a health rule's
//! condition), kept once in `texts` and referenced by id (migration 5).

use rusqlite::{OptionalExtension, Transaction};

use super::error::Result;

/// The id of `text` in `texts`, adding it when new.
pub(super) fn id(tx: &Transaction<'_>, text: &str) -> Result<i64> {
    let found = tx
        .prepare_cached("SELECT id FROM texts WHERE text = ?1")?
        .query_row([text], |r| r.get(0))
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    tx.prepare_cached("INSERT INTO texts (text) VALUES (?1)")?
        .execute([text])?;
    Ok(tx.last_insert_rowid())
}
