//! What `salesflow demo` reads back from a store it built: counts of what the
//! rules did (health changes, signals and verdicts, escalation steps, tasks,
//! messages), a few concrete examples with their evidence, and a digest over
//! every row, by which two stores built from one seed are compared.
//!
//! Every query is an aggregate or has a `LIMIT`, so the tour of a store of a
//! hundred thousand customers reads as little as the tour of two hundred.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest as _, Sha256};

use super::Store;
use super::error::Result;
use super::json::Json;
use super::sqltime::SqlTime;

/// Columns that hold the wall clock of the machine, not store contents: left out
/// of [`Store::content_digest`].
const WALL_CLOCK: [(&str, &str); 2] = [("ticks", "started"), ("ticks", "finished")];

/// A count per name (a state, a risk, an escalation, a task title…).
pub type Counts = Vec<(String, u64)>;

/// How much the rules did, in counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Activity {
    /// Customers.
    pub customers: u64,
    /// Events people recorded (not those the rules wrote).
    pub events: u64,
    /// Of them, recorded after an apply had passed their time.
    pub late_events: u64,
    /// Customers per current stage.
    pub stages: Counts,
    /// Health changes per state entered.
    pub health: Counts,
    /// Signals per risk.
    pub signals: Counts,
    /// Signals judged confirmed, and false.
    pub verdicts: (u64, u64),
    /// Escalation steps fired per escalation.
    pub steps: Counts,
    /// Tasks the rules created (not suppressed), per title.
    pub tasks: Counts,
    /// Tasks done by their due time, done late, and open past it at `now`.
    pub task_timeliness: (u64, u64, u64),
    /// Messages per kind and status (`notify/pending`).
    pub outbox: Counts,
}

/// An event given as evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Witness {
    /// When.
    pub at: DateTime<Utc>,
    /// Its kind.
    pub kind: String,
    /// Who recorded it.
    pub actor: Option<String>,
    /// What it says (the note, else the blocker, else the status).
    pub text: Option<String>,
}

/// A health change with its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HealthExample {
    /// The customer's id.
    pub customer: String,
    /// Its name.
    pub name: String,
    /// The state left.
    pub from: Option<String>,
    /// The state entered.
    pub to: String,
    /// When.
    pub at: DateTime<Utc>,
    /// The deciding condition, as written.
    pub rule: String,
    /// The events that made it true.
    pub witnesses: Vec<Witness>,
}

/// A risk signal with the note that raised it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignalExample {
    /// The customer's id.
    pub customer: String,
    /// Its name.
    pub name: String,
    /// The risk.
    pub risk: String,
    /// The keyword, as written in the rules.
    pub keyword: String,
    /// The risk's strategy.
    pub strategy: Vec<String>,
    /// Its judgement, if given.
    pub verdict: Option<String>,
    /// The event whose text matched.
    pub event: Witness,
}

/// An escalation step with the messages it sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepExample {
    /// The customer's id.
    pub customer: String,
    /// Its name.
    pub name: String,
    /// The escalation.
    pub escalation: String,
    /// The step (`after 48h`).
    pub step: String,
    /// When it was due.
    pub due_at: DateTime<Utc>,
    /// Its messages: recipient, copies, body.
    pub messages: Vec<(String, Vec<String>, String)>,
}

/// A message in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MessageExample {
    /// The customer's id.
    pub customer: String,
    /// `notify` or `message`.
    pub kind: String,
    /// Person id, or `customer`.
    pub recipient: String,
    /// Its subject (the block or escalation label).
    pub subject: String,
    /// Its text.
    pub body: String,
    /// When it was produced.
    pub created_at: DateTime<Utc>,
}

impl Store {
    /// The latest message waiting for delivery of each subject, newest first.
    pub fn outbox_highlights(&self, limit: usize) -> Result<Vec<MessageExample>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT customer, kind, recipient, subject, body, created_at FROM outbox o
             WHERE status = 'pending'
               AND id = (SELECT max(id) FROM outbox p
                         WHERE p.status = 'pending' AND p.subject = o.subject)
             ORDER BY created_at DESC, id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit_of(limit)], |r| {
            Ok(MessageExample {
                customer: r.get(0)?,
                kind: r.get(1)?,
                recipient: r.get(2)?,
                subject: r.get(3)?,
                body: r.get(4)?,
                created_at: r.get::<_, SqlTime>(5)?.0,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How much the rules did; tasks overdue are counted at `now`.
    pub fn activity(&self, now: DateTime<Utc>) -> Result<Activity> {
        let c = &self.conn;
        let one = |sql: &str| -> Result<u64> { Ok(c.query_row(sql, [], |r| count(r, 0))?) };
        let (on_time, late, overdue) = c.query_row(
            "SELECT coalesce(sum(done_at IS NOT NULL AND (due_at IS NULL OR done_at <= due_at)), 0),
                    coalesce(sum(done_at IS NOT NULL AND done_at > due_at), 0),
                    coalesce(sum(done_at IS NULL AND due_at < ?1), 0)
             FROM tasks WHERE source = 'rules' AND suppressed = 0",
            [SqlTime(now)],
            |r| Ok((count(r, 0)?, count(r, 1)?, count(r, 2)?)),
        )?;
        Ok(Activity {
            customers: one("SELECT count(*) FROM customers")?,
            events: one("SELECT count(*) FROM events WHERE source <> 'rules'")?,
            late_events: one(
                "SELECT count(*) FROM events WHERE source <> 'rules' AND known_at >= at",
            )?,
            stages: counts(c, "SELECT stage, count(*) FROM customers GROUP BY stage")?,
            health: counts(c, "SELECT to_state, count(*) FROM health_changes GROUP BY to_state")?,
            signals: counts(c, "SELECT risk, count(*) FROM signals GROUP BY risk")?,
            verdicts: c.query_row(
                "SELECT coalesce(sum(verdict = 'confirmed'), 0), coalesce(sum(verdict = 'false'), 0)
                 FROM signals",
                [],
                |r| Ok((count(r, 0)?, count(r, 1)?)),
            )?,
            steps: counts(c, "SELECT escalation, count(*) FROM fired_steps GROUP BY escalation")?,
            tasks: counts(
                c,
                "SELECT title, count(*) FROM tasks WHERE source = 'rules' AND suppressed = 0
                 GROUP BY title",
            )?,
            task_timeliness: (on_time, late, overdue),
            outbox: counts(
                c,
                "SELECT kind || '/' || status, count(*) FROM outbox GROUP BY kind, status",
            )?,
        })
    }

    /// The latest changes into `state` with evidence, those whose first
    /// witness is a note (not a stage change) first, newest first.
    pub fn health_examples(&self, state: &str, limit: usize) -> Result<Vec<HealthExample>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT h.customer, c.name, h.from_state, h.to_state, h.at,
                    (SELECT text FROM texts WHERE id = h.rule), h.witness
             FROM health_changes h JOIN customers c ON c.id = h.customer
             WHERE h.to_state = ?1 AND h.witness <> '[]'
             ORDER BY (SELECT e.text IS NULL OR e.kind = 'stage_change' FROM events e
                       WHERE e.id = json_extract(h.witness, '$[0]')),
                      h.at DESC, h.id DESC
             LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![state, limit_of(limit)], |r| {
            Ok((
                HealthExample {
                    customer: r.get(0)?,
                    name: r.get(1)?,
                    from: r.get(2)?,
                    to: r.get(3)?,
                    at: r.get::<_, SqlTime>(4)?.0,
                    rule: r.get(5)?,
                    witnesses: Vec::new(),
                },
                r.get::<_, Json<Vec<i64>>>(6)?.0,
            ))
        })?;
        let found: Vec<_> = rows.collect::<rusqlite::Result<_>>()?;
        found
            .into_iter()
            .map(|(mut example, ids)| {
                for id in ids {
                    if let Some(w) = witness(&self.conn, id)? {
                        example.witnesses.push(w);
                    }
                }
                Ok(example)
            })
            .collect()
    }

    /// The latest signals, judged confirmed first, newest first.
    pub fn signal_examples(&self, limit: usize) -> Result<Vec<SignalExample>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.customer, c.name, s.risk, s.keyword,
                    (SELECT text FROM texts WHERE id = s.strategy), s.verdict, s.event
             FROM signals s JOIN customers c ON c.id = s.customer
             ORDER BY s.verdict = 'confirmed' DESC, s.at DESC, s.id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit_of(limit)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Json<Vec<String>>>(4)?.0,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, i64>(6)?,
            ))
        })?;
        let found: Vec<_> = rows.collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for (customer, name, risk, keyword, strategy, verdict, event) in found {
            if let Some(event) = witness(&self.conn, event)? {
                out.push(SignalExample {
                    customer,
                    name,
                    risk,
                    keyword,
                    strategy,
                    verdict,
                    event,
                });
            }
        }
        Ok(out)
    }

    /// The latest escalation steps that sent a message, those of the escalation
    /// with the most kinds of step first.
    pub fn step_examples(&self, limit: usize) -> Result<Vec<StepExample>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.customer, c.name, f.escalation, f.step, f.due_at, f.key
             FROM fired_steps f JOIN customers c ON c.id = f.customer
             WHERE EXISTS (SELECT 1 FROM outbox o WHERE o.origin = f.key)
             ORDER BY (SELECT count(DISTINCT g.step) FROM fired_steps g
                       WHERE g.escalation = f.escalation) DESC,
                      (SELECT count(*) FROM outbox o WHERE o.origin = f.key) DESC,
                      f.due_at DESC, f.id DESC
             LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit_of(limit)], |r| {
            Ok((
                StepExample {
                    customer: r.get(0)?,
                    name: r.get(1)?,
                    escalation: r.get(2)?,
                    step: r.get(3)?,
                    due_at: r.get::<_, SqlTime>(4)?.0,
                    messages: Vec::new(),
                },
                r.get::<_, String>(5)?,
            ))
        })?;
        let found: Vec<_> = rows.collect::<rusqlite::Result<_>>()?;
        let mut messages = self.conn.prepare_cached(
            "SELECT recipient, cc, body FROM outbox WHERE origin = ?1 ORDER BY id",
        )?;
        let mut out = Vec::new();
        for (mut example, key) in found {
            let rows = messages.query_map([key], |r| {
                Ok((r.get(0)?, r.get::<_, Json<Vec<String>>>(1)?.0, r.get(2)?))
            })?;
            example.messages = rows.collect::<rusqlite::Result<_>>()?;
            out.push(example);
        }
        Ok(out)
    }

    /// A SHA-256 over every row of every table, in primary-key order, but for
    /// the columns that hold the machine's wall clock (when a tick started and
    /// finished). Two stores with the same contents have the same digest.
    pub fn content_digest(&self) -> Result<String> {
        let c = &self.conn;
        let tables: Vec<String> = c
            .prepare(
                "SELECT name FROM sqlite_schema
                 WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut hash = Sha256::new();
        for table in &tables {
            let columns: Vec<(String, bool)> = c
                .prepare(&format!(
                    "SELECT name, pk FROM pragma_table_info('{table}') ORDER BY cid"
                ))?
                .query_map([], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? > 0))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let kept: Vec<&str> = columns
                .iter()
                .map(|(name, _)| name.as_str())
                .filter(|name| !WALL_CLOCK.contains(&(table.as_str(), *name)))
                .collect();
            let keys: Vec<&str> = columns
                .iter()
                .filter(|(_, pk)| *pk)
                .map(|(name, _)| name.as_str())
                .collect();
            // Every column in turn, so rows with equal keys still sort alike.
            let order = if keys.is_empty() { kept.clone() } else { keys };
            let sql = format!(
                "SELECT {} FROM \"{table}\" ORDER BY {}",
                quoted(&kept),
                quoted(&order)
            );
            hash.update(table.as_bytes());
            let mut stmt = c.prepare(&sql)?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                for i in 0..kept.len() {
                    feed(&mut hash, row.get_ref(i)?);
                }
            }
        }
        let mut hex = String::with_capacity(64);
        for b in hash.finalize() {
            let _ = write!(hex, "{b:02x}");
        }
        Ok(hex)
    }
}

fn quoted(columns: &[&str]) -> String {
    columns
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One value, tagged with its type so that `1` and `'1'` differ.
fn feed(hash: &mut Sha256, value: rusqlite::types::ValueRef<'_>) {
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Null => hash.update([0]),
        ValueRef::Integer(i) => {
            hash.update([1]);
            hash.update(i.to_le_bytes());
        }
        ValueRef::Real(f) => {
            hash.update([2]);
            hash.update(f.to_le_bytes());
        }
        ValueRef::Text(t) | ValueRef::Blob(t) => {
            hash.update([3]);
            hash.update((t.len() as u64).to_le_bytes());
            hash.update(t);
        }
    }
}

/// A count column (never negative).
fn count(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<u64> {
    Ok(u64::try_from(r.get::<_, i64>(i)?).unwrap_or(0))
}

fn counts(c: &Connection, sql: &str) -> Result<Counts> {
    let mut stmt = c.prepare(sql)?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, Option<String>>(0)?.unwrap_or_default(),
            count(r, 1)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn witness(c: &Connection, id: i64) -> Result<Option<Witness>> {
    Ok(c.prepare_cached(
        "SELECT at, kind, actor, coalesce(text, blocker, status) FROM events WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok(Witness {
            at: r.get::<_, SqlTime>(0)?.0,
            kind: r.get(1)?,
            actor: r.get(2)?,
            text: r.get(3)?,
        })
    })
    .optional()?)
}

fn limit_of(limit: usize) -> i64 {
    i64::try_from(limit).unwrap_or(i64::MAX)
}
