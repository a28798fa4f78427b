//! Texts the rules repeat on many rows (a risk's strategy, a health rule's
//! condition), kept once in `texts` and referenced by id (migration 5).

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction};

use super::error::Result;

/// The ids of texts looked up or added in one write transaction: a store-wide
/// apply asks for the same few strategies millions of times. It lives no longer
/// than its transaction, so an id it holds is never one a rollback took back.
#[derive(Debug, Default)]
pub(super) struct Texts {
    ids: HashMap<String, i64>,
}

impl Texts {
    /// The id of `text` in `texts`, adding it when new.
    pub(super) fn id(&mut self, tx: &Transaction<'_>, text: &str) -> Result<i64> {
        if let Some(&id) = self.ids.get(text) {
            return Ok(id);
        }
        let found = tx
            .prepare_cached("SELECT id FROM texts WHERE text = ?1")?
            .query_row([text], |r| r.get(0))
            .optional()?;
        let id = match found {
            Some(id) => id,
            None => {
                tx.prepare_cached("INSERT INTO texts (text) VALUES (?1)")?
                    .execute([text])?;
                tx.last_insert_rowid()
            }
        };
        self.ids.insert(text.to_string(), id);
        Ok(id)
    }
}
