//! `customers`: the imported row (upserted by id), the derived columns `apply`
//! keeps current, and the two columns that decide which customers `apply` visits:
//! `dirty` (new records since the last apply) and `wake_at`.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::Store;
use super::error::Result;
use super::json::Json;
use super::sqltime::SqlTime;
use crate::engine::CustomerRecord;

impl Store {
    /// The customers `apply` must evaluate at `now`: those with new records since
    /// the last apply, those whose wake-up time has come, and (while a new rule set
    /// has not been applied to everyone) those not evaluated since
    /// `unevaluated_before`; ordered by id.
    pub fn customers_to_visit(
        &self,
        now: DateTime<Utc>,
        unevaluated_before: Option<DateTime<Utc>>,
    ) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM customers WHERE dirty = 1
             UNION SELECT id FROM customers WHERE wake_at <= ?1
             UNION SELECT id FROM customers
                   WHERE ?2 IS NOT NULL AND (applied_at IS NULL OR applied_at < ?2)
             ORDER BY id",
        )?;
        let ids = stmt.query_map(
            params![SqlTime(now), unevaluated_before.map(SqlTime)],
            |r| r.get(0),
        )?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// Every customer id, ordered.
    pub fn all_customer_ids(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM customers ORDER BY id")?;
        let ids = stmt.query_map([], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether a customer with this id exists.
    pub fn customer_exists(&self, customer: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM customers WHERE id = ?1", [customer], |_| {
                Ok(())
            })
            .optional()?
            .is_some())
    }
}

/// Inserts or updates the customer row; whether anything changed. The derived
/// columns are left to `apply`.
pub(super) fn upsert(tx: &Transaction<'_>, c: &CustomerRecord) -> Result<Upsert> {
    let existed = tx
        .query_row("SELECT 1 FROM customers WHERE id = ?1", [&c.id], |_| Ok(()))
        .optional()?
        .is_some();
    let changed = tx
        .prepare_cached(
            "INSERT INTO customers (id, name, owner, assignees, fields, contact, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (id) DO UPDATE SET
               name = excluded.name, owner = excluded.owner, assignees = excluded.assignees,
               fields = excluded.fields, contact = excluded.contact,
               created_at = excluded.created_at, dirty = 1, rev = rev + 1
             WHERE (name, owner, assignees, fields, contact, created_at)
                IS NOT (excluded.name, excluded.owner, excluded.assignees, excluded.fields,
                        excluded.contact, excluded.created_at)",
        )?
        .execute(params![
            c.id,
            c.name,
            c.owner,
            Json(&c.assignees),
            Json(&c.fields),
            Json(&c.contact),
            SqlTime(c.created_at),
        ])?;
    Ok(match (existed, changed) {
        (false, _) => Upsert::New,
        (true, 0) => Upsert::Same,
        (true, _) => Upsert::Changed,
    })
}

/// What [`upsert`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Upsert {
    /// A new customer.
    New,
    /// An existing one, now different.
    Changed,
    /// An existing one, unchanged.
    Same,
}

/// Marks the customer as having new records: `apply` must visit it.
pub(super) fn touch(tx: &Transaction<'_>, customer: &str) -> Result<()> {
    tx.prepare_cached("UPDATE customers SET dirty = 1, rev = rev + 1 WHERE id = ?1")?
        .execute([customer])?;
    Ok(())
}
