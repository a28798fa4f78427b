//! `customers`: the imported row, the derived columns `apply` keeps current, and
//! the two columns that decide which customers `apply` visits: `dirty` (new
//! records since the last apply) and `wake_at`. A re-import updates what it
//! gives and nothing else, and records changed fields and stages as events at
//! the import's time ([`apply_change`]), never rewriting history.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::Store;
use super::error::{Result, StoreError};
use super::events::{self, NewEvent};
use super::import_batch::CustomerChange;
use super::json::Json;
use super::sqltime::SqlTime;
use crate::engine::{Contact, CustomerRecord, FieldValue};

/// A customer's row with the columns `apply` derives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCustomer {
    /// The id.
    pub id: String,
    /// The name.
    pub name: String,
    /// The owner.
    pub owner: String,
    /// The stage at the latest apply.
    pub stage: Option<String>,
    /// The health state at the latest apply.
    pub health: Option<String>,
    /// The segment at the latest apply.
    pub segment: Option<String>,
    /// The tags at the latest apply.
    pub tags: Vec<String>,
    /// When the latest apply evaluated the customer (never: `None`).
    pub applied_at: Option<DateTime<Utc>>,
}

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

    /// Every customer's derived columns as the latest apply left them, ordered by
    /// id (`list` answers from them what they decide).
    pub fn stored_customers(&self) -> Result<Vec<StoredCustomer>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, owner, stage, health, segment, tags, applied_at
             FROM customers ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(StoredCustomer {
                id: r.get(0)?,
                name: r.get(1)?,
                owner: r.get(2)?,
                stage: r.get(3)?,
                health: r.get(4)?,
                segment: r.get(5)?,
                tags: r.get::<_, Json<Vec<String>>>(6)?.0,
                applied_at: r.get::<_, Option<SqlTime>>(7)?.map(|t| t.0),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
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

/// Inserts a customer new to the store.
pub(super) fn insert(tx: &Transaction<'_>, c: &CustomerRecord) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO customers (id, name, owner, assignees, fields, contact, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
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
    Ok(())
}

/// Whether a customer with this id is stored.
pub(super) fn exists(tx: &Transaction<'_>, id: &str) -> Result<bool> {
    Ok(tx
        .prepare_cached("SELECT 1 FROM customers WHERE id = ?1")?
        .exists([id])?)
}

/// What re-importing an existing customer changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Changed {
    /// Name, owner, assignees or contact differ (updated in place).
    pub row: bool,
    /// `field_change` events recorded.
    pub fields: usize,
    /// Whether a `stage_change` was recorded.
    pub stage: bool,
}

/// Re-imports an existing customer: what the change gives replaces the stored
/// value, what it leaves out stays; a field whose value differs from the
/// customer's current one (its latest `field_change`, else the imported row)
/// is recorded as a `field_change` at `at`, and a stage other than the current
/// one as a `stage_change` at `at` (never at `created_at`, which would back-date
/// its effects). A different `created_at` is refused.
pub(super) fn apply_change(
    tx: &Transaction<'_>,
    change: &CustomerChange,
    at: DateTime<Utc>,
) -> Result<Changed> {
    let stored = tx
        .query_row(
            "SELECT name, owner, assignees, contact, created_at FROM customers WHERE id = ?1",
            [&change.id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Json<BTreeMap<String, String>>>(2)?.0,
                    r.get::<_, Json<Contact>>(3)?.0,
                    r.get::<_, SqlTime>(4)?.0,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| StoreError::UnknownCustomer(change.id.clone()))?;
    let (name, owner, mut assignees, contact, created_at) = stored;
    if let Some(given) = change.created_at.filter(|g| *g != created_at) {
        return Err(StoreError::CreatedAtChanged {
            customer: change.id.clone(),
            stored: created_at.to_rfc3339(),
            given: given.to_rfc3339(),
        });
    }
    let mut changed = Changed::default();
    let new_name = change.name.clone().unwrap_or_else(|| name.clone());
    let new_owner = change.owner.clone().unwrap_or_else(|| owner.clone());
    let old_assignees = assignees.clone();
    assignees.extend(change.assignees.clone());
    let c = &change.contact;
    let new_contact = Contact {
        name: c.name.clone().or_else(|| contact.name.clone()),
        email: c.email.clone().or_else(|| contact.email.clone()),
        mobile: c.mobile.clone().or_else(|| contact.mobile.clone()),
        wecom: c.wecom.clone().or_else(|| contact.wecom.clone()),
    };
    if (&new_name, &new_owner, &assignees, &new_contact)
        != (&name, &owner, &old_assignees, &contact)
    {
        tx.prepare_cached(
            "UPDATE customers SET name = ?2, owner = ?3, assignees = ?4, contact = ?5
             WHERE id = ?1",
        )?
        .execute(params![
            change.id,
            new_name,
            new_owner,
            Json(&assignees),
            Json(&new_contact)
        ])?;
        changed.row = true;
    }
    for (field, value) in &change.fields {
        let text = field_text(value);
        if current_field(tx, &change.id, field)?.as_deref() != Some(text.as_str()) {
            let mut e = NewEvent::new(&change.id, at, "field_change", "import");
            e.attrs.insert("field".into(), field.clone());
            e.attrs.insert("value".into(), text);
            if events::insert(tx, &e, &events::natural_key(&e, 1))?.is_some() {
                changed.fields += 1;
            }
        }
    }
    if let Some((stage, evidence)) = &change.stage {
        if last_stage(tx, &change.id)?.as_deref() != Some(stage.as_str()) {
            let mut e = NewEvent::new(&change.id, at, "stage_change", STAGE_SOURCE);
            e.attrs.insert("stage".into(), stage.clone());
            e.evidence.clone_from(evidence);
            changed.stage = events::insert(tx, &e, &events::natural_key(&e, 1))?.is_some();
        }
    }
    if changed != Changed::default() {
        touch(tx, &change.id)?;
    }
    Ok(changed)
}

/// A field value as `field_change` events hold it (as the engine's `set` writes it).
fn field_text(value: &FieldValue) -> String {
    match value {
        FieldValue::Bool(b) => b.to_string(),
        FieldValue::Number(n) => n.to_string(),
        FieldValue::Text(s) => s.clone(),
    }
}

/// The customer's current value of a field: its latest `field_change`, else
/// the value imported with the row.
fn current_field(tx: &Transaction<'_>, customer: &str, field: &str) -> Result<Option<String>> {
    let latest: Option<String> = tx
        .prepare_cached(
            "SELECT json_extract(attrs, '$.value') FROM events
             WHERE customer = ?1 AND kind = 'field_change'
               AND json_extract(attrs, '$.field') = ?2
             ORDER BY at DESC, id DESC LIMIT 1",
        )?
        .query_row(params![customer, field], |r| r.get(0))
        .optional()?;
    if latest.is_some() {
        return Ok(latest);
    }
    let fields: Json<BTreeMap<String, FieldValue>> = tx
        .prepare_cached("SELECT fields FROM customers WHERE id = ?1")?
        .query_row([customer], |r| r.get(0))?;
    Ok(fields.0.get(field).map(field_text))
}

/// The `source` of a `stage_change` that a customer row gave (its `stage`
/// column), so a re-import compares with what the file said last time.
pub const STAGE_SOURCE: &str = "import:customers";

/// The stage a customer file last gave this customer, else its current stage.
/// A re-import of an unchanged file therefore moves no one, even a customer
/// moved on since by `move` or an events import; a file whose `stage` cell
/// changed records the change.
fn last_stage(tx: &Transaction<'_>, customer: &str) -> Result<Option<String>> {
    let stage = |only_customer_files: bool| -> Result<Option<String>> {
        Ok(tx
            .prepare_cached(
                "SELECT json_extract(attrs, '$.stage') FROM events
                 WHERE customer = ?1 AND kind = 'stage_change' AND (?2 = 0 OR source = ?3)
                 ORDER BY at DESC, id DESC LIMIT 1",
            )?
            .query_row(params![customer, only_customer_files, STAGE_SOURCE], |r| {
                r.get(0)
            })
            .optional()?
            .flatten())
    };
    match stage(true)? {
        Some(stage) => Ok(Some(stage)),
        None => stage(false),
    }
}

/// Marks the customer as having new records: `apply` must visit it.
pub(super) fn touch(tx: &Transaction<'_>, customer: &str) -> Result<()> {
    tx.prepare_cached("UPDATE customers SET dirty = 1, rev = rev + 1 WHERE id = ?1")?
        .execute([customer])?;
    Ok(())
}
