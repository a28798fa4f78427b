//! `customers`: the imported row (upserted by id), the derived columns `apply`
//! keeps current, and the two columns that decide which customers `apply` visits:
//! `dirty` (new records since the last apply) and `wake_at`.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::Store;
use super::error::Result;
use super::json::Json;
use super::sqltime::SqlTime;
use super::{events, tasks};
use crate::engine::{Contact, CustomerHistory, CustomerRecord, FieldValue};

impl Store {
    /// Everything the engine needs about one customer (events in (at, id) order,
    /// imported tasks), read in one snapshot; `None` for an unknown id.
    pub fn history(&self, customer: &str) -> Result<Option<CustomerHistory>> {
        let tx = self.conn.unchecked_transaction()?;
        let row = tx
            .query_row(
                "SELECT id, name, owner, assignees, fields, contact, created_at, rev
                 FROM customers WHERE id = ?1",
                [customer],
                |r| {
                    Ok((
                        CustomerRecord {
                            id: r.get(0)?,
                            name: r.get(1)?,
                            owner: r.get(2)?,
                            assignees: r.get::<_, Json<BTreeMap<String, String>>>(3)?.0,
                            fields: r.get::<_, Json<BTreeMap<String, FieldValue>>>(4)?.0,
                            contact: r.get::<_, Json<Contact>>(5)?.0,
                            created_at: r.get::<_, SqlTime>(6)?.0,
                        },
                        r.get::<_, i64>(7)?,
                    ))
                },
            )
            .optional()?;
        let Some((record, rev)) = row else {
            return Ok(None);
        };
        let history = CustomerHistory {
            events: events::load(&tx, customer)?,
            tasks: tasks::load_imported(&tx, customer)?,
            customer: record,
        };
        tx.finish()?;
        self.seen.borrow_mut().insert(customer.to_string(), rev);
        Ok(Some(history))
    }

    /// The customers `apply` must evaluate at `now`: those with new records since
    /// the last apply, and those whose wake-up time has come; ordered by id.
    pub fn customers_to_visit(&self, now: DateTime<Utc>) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM customers WHERE dirty = 1
             UNION SELECT id FROM customers WHERE wake_at <= ?1
             ORDER BY id",
        )?;
        let ids = stmt.query_map([SqlTime(now)], |r| r.get(0))?;
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

    /// When each customer was created, by id (a re-import may not change it).
    pub fn customer_created_times(&self) -> Result<HashMap<String, DateTime<Utc>>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, created_at FROM customers")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, SqlTime>(1)?.0)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
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
