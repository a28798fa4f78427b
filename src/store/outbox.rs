//! `outbox`: the messages the rules produced, one row per idempotency key: waiting
//! for delivery (`pending`), `sent`, `failed` (to be retried), `dead` (given up), or
//! `suppressed` (produced before the customer went live; never sent).

use chrono::{DateTime, Utc};
use rusqlite::{Row, params};
use serde::Serialize;

use super::Store;
use super::error::Result;
use super::ids::OutboxId;
use super::json::Json;
use super::sqltime::{SqlTime, opt};

/// A message as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutboxRow {
    /// Row id.
    pub id: OutboxId,
    /// Idempotency key.
    pub key: String,
    /// The customer it is about.
    pub customer: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// `notify` or `message`.
    pub kind: String,
    /// Person id, or `customer`.
    pub recipient: String,
    /// Copies.
    pub cc: Vec<String>,
    /// Subject.
    pub subject: String,
    /// Body.
    pub body: String,
    /// What produced it.
    pub origin: String,
    /// The delivery channel chosen, once known.
    pub channel: Option<String>,
    /// `pending`, `sent`, `failed`, `dead`, `suppressed`.
    pub status: String,
    /// Delivery attempts so far.
    pub attempts: i64,
    /// The last delivery error.
    pub last_error: Option<String>,
    /// When the next delivery attempt is due (after a failure).
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// Delivered.
    pub delivered_at: Option<DateTime<Utc>>,
}

impl Store {
    /// Messages, of one status or all; by id.
    pub fn outbox(&self, status: Option<&str>) -> Result<Vec<OutboxRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, key, customer, created_at, kind, recipient, cc, subject, body,
                    origin, channel, status, attempts, next_attempt_at, last_error, delivered_at
             FROM outbox WHERE ?1 IS NULL OR status = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![status], outbox_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn outbox_row(r: &Row<'_>) -> rusqlite::Result<OutboxRow> {
    Ok(OutboxRow {
        id: r.get(0)?,
        key: r.get(1)?,
        customer: r.get(2)?,
        created_at: r.get::<_, SqlTime>(3)?.0,
        kind: r.get(4)?,
        recipient: r.get(5)?,
        cc: r.get::<_, Json<Vec<String>>>(6)?.0,
        subject: r.get(7)?,
        body: r.get(8)?,
        origin: r.get(9)?,
        channel: r.get(10)?,
        status: r.get(11)?,
        attempts: r.get(12)?,
        next_attempt_at: opt(r.get(13)?),
        last_error: r.get(14)?,
        delivered_at: opt(r.get(15)?),
    })
}
