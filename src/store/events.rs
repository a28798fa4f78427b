//! `events`, the append-only history (triggers refuse UPDATE and DELETE): writing
//! a new event once, however often the same record is imported, and reading a
//! customer's events in (at, id) order.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::error::{Result, StoreError};
use super::ids::EventId;
use super::json::Json;
use super::sqltime::SqlTime;
use super::{Store, customers};
use crate::engine::Event;

/// An event to record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewEvent {
    /// The customer id.
    pub customer: String,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Its kind.
    pub kind: String,
    /// Who recorded it.
    pub actor: Option<String>,
    /// The contact's role.
    pub role: Option<String>,
    /// Free text.
    pub text: Option<String>,
    /// `update`: status.
    pub status: Option<String>,
    /// `update`: next action.
    pub next_action: Option<String>,
    /// `update`: blocker.
    pub blocker: Option<String>,
    /// Evidence references.
    pub evidence: Vec<String>,
    /// Free attributes (`stage`, `task`, `risk`, `verdict`, …).
    pub attrs: BTreeMap<String, String>,
    /// `import`, `cli` or `rules`.
    #[serde(skip)]
    pub source: String,
}

impl NewEvent {
    /// An event with only its customer, time and kind set.
    pub fn new(customer: &str, at: DateTime<Utc>, kind: &str, source: &str) -> NewEvent {
        NewEvent {
            customer: customer.to_string(),
            at,
            kind: kind.to_string(),
            actor: None,
            role: None,
            text: None,
            status: None,
            next_action: None,
            blocker: None,
            evidence: Vec::new(),
            attrs: BTreeMap::new(),
            source: source.to_string(),
        }
    }
}

impl Store {
    /// Records one event (from a command) and marks its customer `dirty`; `None`
    /// when the same event is already recorded.
    pub fn record_event(&mut self, event: &NewEvent) -> Result<Option<EventId>> {
        let key = natural_key(event, 1);
        self.write(|tx| {
            let exists = tx
                .prepare_cached("SELECT 1 FROM customers WHERE id = ?1")?
                .exists([&event.customer])?;
            if !exists {
                return Err(StoreError::UnknownCustomer(event.customer.clone()));
            }
            let id = insert(tx, event, &key)?;
            if id.is_some() {
                customers::touch(tx, &event.customer)?;
            }
            Ok(id)
        })
    }
}

/// The natural key of an event: a digest of everything it says (not of where it
/// came from), with `#n` for the n-th identical record of one batch. Re-importing
/// a file yields the same keys, so it inserts nothing new.
pub fn natural_key(event: &NewEvent, occurrence: u32) -> String {
    // The time as stored (whole seconds), so a record read back keys the same.
    let content = serde_json::to_string(&(SqlTime::text(event.at), event)).unwrap_or_default();
    let digest = fnv1a_128(content.as_bytes());
    if occurrence > 1 {
        format!("{digest:032x}#{occurrence}")
    } else {
        format!("{digest:032x}")
    }
}

/// 128-bit FNV-1a: stable across builds and platforms, unlike `std`'s hasher.
fn fnv1a_128(bytes: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    bytes
        .iter()
        .fold(OFFSET, |h, b| (h ^ u128::from(*b)).wrapping_mul(PRIME))
}

/// When salesflow knows a record of `customer` written now: the `now` of the latest
/// apply that covered the customer (every apply after the customer's first
/// evaluation covers it, visited or not); `None` when no apply has evaluated it.
pub(super) fn known_at(tx: &Transaction<'_>, customer: &str) -> Result<Option<DateTime<Utc>>> {
    let applied: Option<SqlTime> = tx
        .prepare_cached("SELECT applied_at FROM customers WHERE id = ?1")?
        .query_row([customer], |r| r.get(0))
        .optional()?
        .flatten();
    let Some(applied) = applied else {
        return Ok(None);
    };
    let latest = super::rule_sets::last_apply_at(tx)?;
    Ok(Some(latest.map_or(applied.0, |l| l.max(applied.0))))
}

/// Inserts the event unless one with the same natural key exists; its id when new.
/// Its `known_at` is computed here ([`known_at`]); events the rules write (`set`)
/// are derived, not records, and have none.
pub(super) fn insert(tx: &Transaction<'_>, e: &NewEvent, key: &str) -> Result<Option<EventId>> {
    let known = if e.source == "rules" {
        None
    } else {
        known_at(tx, &e.customer)?
    };
    let mut stmt = tx.prepare_cached(
        "INSERT INTO events (customer, at, kind, actor, role, text, status, next_action,
                             blocker, evidence, attrs, source, natural_key, known_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT (natural_key) DO NOTHING",
    )?;
    let inserted = stmt.execute(params![
        e.customer,
        SqlTime(e.at),
        e.kind,
        e.actor,
        e.role,
        e.text,
        e.status,
        e.next_action,
        e.blocker,
        Json(&e.evidence),
        Json(&e.attrs),
        e.source,
        key,
        known.map(SqlTime),
    ])?;
    Ok((inserted == 1).then(|| EventId(tx.last_insert_rowid())))
}

/// A customer's events in (at, id) order.
pub(super) fn load(conn: &rusqlite::Connection, customer: &str) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, kind, actor, role, text, status, next_action, blocker, evidence, attrs,
                known_at
         FROM events WHERE customer = ?1 ORDER BY at, id",
    )?;
    let read = |r: &rusqlite::Row<'_>| -> rusqlite::Result<Event> {
        Ok(Event {
            id: r.get(0)?,
            at: r.get::<_, SqlTime>(1)?.0,
            kind: r.get(2)?,
            actor: r.get(3)?,
            role: r.get(4)?,
            text: r.get(5)?,
            status: r.get(6)?,
            next_action: r.get(7)?,
            blocker: r.get(8)?,
            evidence: r.get::<_, Json<Vec<String>>>(9)?.0,
            attrs: r.get::<_, Json<BTreeMap<String, String>>>(10)?.0,
            known_at: r.get::<_, Option<SqlTime>>(11)?.map(|t| t.0),
        })
    };
    // A row that cannot be read is named (table, row, customer), not passed
    // over and not a bare conversion error.
    let rows = stmt.query_map([customer], |r| {
        Ok(read(r).map_err(|e| (r.get::<_, i64>(0).unwrap_or_default(), e)))
    })?;
    let mut events = Vec::new();
    for row in rows {
        match row? {
            Ok(event) => events.push(event),
            Err((id, e)) => return Err(unreadable("events", id.to_string(), customer, e)),
        }
    }
    Ok(events)
}

/// A row that holds what the schema does not promise; SQLite's own failures
/// (a damaged page) stay theirs.
pub(super) fn unreadable(
    table: &'static str,
    row: String,
    customer: &str,
    e: rusqlite::Error,
) -> StoreError {
    match e {
        rusqlite::Error::FromSqlConversionFailure(_, _, cause) => StoreError::UnreadableRow {
            table,
            row,
            customer: customer.to_string(),
            reason: cause.to_string(),
        },
        rusqlite::Error::InvalidColumnType(_, column, ty) => StoreError::UnreadableRow {
            table,
            row,
            customer: customer.to_string(),
            reason: format!("`{column}` holds a value of type {ty}"),
        },
        e => e.into(),
    }
}
