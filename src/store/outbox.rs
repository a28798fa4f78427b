//! `outbox`: the messages the rules produced, one row per idempotency key: waiting
//! for delivery (`pending`), `sent`, `failed` (to be retried at
//! `next_attempt_at`), `dead` (given up), or `suppressed` (produced before the
//! customer went live; never sent). Reading, listing with filters, `outbox retry`
//! and queueing a digest are here; claiming and recording a delivery are in
//! [`outbox_send`](super::outbox_send).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use super::Store;
use super::error::Result;
use super::ids::OutboxId;
use super::json::Json;
use super::sqltime::{SqlTime, opt};

/// The columns [`outbox_row`] reads, in its order (`o` is the outbox).
pub(super) const COLUMNS: &str = "o.id, o.key, o.customer, o.created_at, o.kind, o.recipient,
    o.cc, o.subject, o.body, o.origin, o.channel, o.status, o.attempts, o.next_attempt_at,
    o.last_error, o.delivered_at";

/// A message as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutboxRow {
    /// Row id.
    pub id: OutboxId,
    /// Idempotency key.
    pub key: String,
    /// The customer it is about (`None`: a digest, about no one customer).
    pub customer: Option<String>,
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
    /// When the next delivery attempt is due (after a failure).
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// The last delivery error.
    pub last_error: Option<String>,
    /// Delivered.
    pub delivered_at: Option<DateTime<Utc>>,
}

impl OutboxRow {
    /// When the row is due to be (re)sent: `None` once sent, dead or suppressed.
    pub fn due_at(&self) -> Option<DateTime<Utc>> {
        match self.status.as_str() {
            "pending" | "failed" => Some(self.next_attempt_at.unwrap_or(self.created_at)),
            _ => None,
        }
    }
}

/// Which messages `outbox list` shows; every filter given must hold.
#[derive(Debug, Clone, Default)]
pub struct OutboxFilter {
    /// Only this status.
    pub status: Option<String>,
    /// Only about this customer.
    pub customer: Option<String>,
    /// Only created at or after this instant.
    pub since: Option<DateTime<Utc>>,
}

/// One delivery request, as logged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutboxAttempt {
    /// When it started.
    pub at: DateTime<Utc>,
    /// The channel it went to.
    pub channel: String,
    /// `sent`, `failed`, `dead`; `None` while in flight or when its process died.
    pub outcome: Option<String>,
    /// Why it failed.
    pub error: Option<String>,
}

/// What `outbox retry` did to a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Retried {
    /// A `failed` or `dead` message is `pending` again, due now, its attempts reset.
    Requeued {
        /// The status it had.
        from: String,
    },
    /// Already pending: now due at once.
    Hurried,
    /// Sent already (at this time): retrying would send it twice.
    AlreadySent(Option<DateTime<Utc>>),
    /// Suppressed: never sent.
    Suppressed,
}

/// A message queued outside `apply` (a digest), for the outbox.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMessage {
    /// Idempotency key.
    pub key: String,
    /// The customer it is about (`None` for a digest).
    pub customer: Option<String>,
    /// When it was produced.
    pub created_at: DateTime<Utc>,
    /// `notify` or `message`.
    pub kind: String,
    /// Person id, or `customer`.
    pub recipient: String,
    /// Copies (person ids).
    pub cc: Vec<String>,
    /// Subject.
    pub subject: String,
    /// Body.
    pub body: String,
    /// What produced it (`digest:journey`).
    pub origin: String,
}

impl Store {
    /// Messages, of one status or all; by id.
    pub fn outbox(&self, status: Option<&str>) -> Result<Vec<OutboxRow>> {
        self.outbox_list(&OutboxFilter {
            status: status.map(str::to_string),
            ..OutboxFilter::default()
        })
    }

    /// Messages matching every filter given; by id.
    pub fn outbox_list(&self, filter: &OutboxFilter) -> Result<Vec<OutboxRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM outbox o
             WHERE (?1 IS NULL OR o.status = ?1) AND (?2 IS NULL OR o.customer = ?2)
               AND (?3 IS NULL OR o.created_at >= ?3)
             ORDER BY o.id"
        ))?;
        let rows = stmt.query_map(
            params![filter.status, filter.customer, filter.since.map(SqlTime)],
            outbox_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One message; `None` for an unknown id.
    pub fn outbox_message(&self, id: OutboxId) -> Result<Option<OutboxRow>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM outbox o WHERE o.id = ?1"),
                [id],
                outbox_row,
            )
            .optional()?)
    }

    /// Every delivery request of one message, oldest first.
    pub fn outbox_attempts(&self, id: OutboxId) -> Result<Vec<OutboxAttempt>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, channel, outcome, error FROM outbox_attempts
             WHERE outbox = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(OutboxAttempt {
                at: r.get::<_, SqlTime>(0)?.0,
                channel: r.get(1)?,
                outcome: r.get(2)?,
                error: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// `outbox retry`: a failed or dead message becomes pending and due at once,
    /// with a fresh count of attempts (its attempt log stays); `None` for an
    /// unknown id.
    pub fn outbox_retry(&mut self, id: OutboxId) -> Result<Option<Retried>> {
        self.write(|tx| {
            let found: Option<(String, Option<SqlTime>)> = tx
                .query_row(
                    "SELECT status, delivered_at FROM outbox WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((status, delivered)) = found else {
                return Ok(None);
            };
            let retried = match status.as_str() {
                "sent" => Retried::AlreadySent(opt(delivered)),
                "suppressed" => Retried::Suppressed,
                "pending" => Retried::Hurried,
                _ => Retried::Requeued { from: status },
            };
            if matches!(retried, Retried::Requeued { .. } | Retried::Hurried) {
                tx.execute(
                    "UPDATE outbox SET status = 'pending', next_attempt_at = NULL,
                       attempts = CASE status WHEN 'pending' THEN attempts ELSE 0 END
                     WHERE id = ?1",
                    [id],
                )?;
            }
            Ok(Some(retried))
        })
    }

    /// Whether a message with this idempotency key exists.
    pub fn outbox_has_key(&self, key: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM outbox WHERE key = ?1", [key], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Queues a message unless one with its key exists; whether it was new.
    pub fn queue_message(&mut self, m: &NewMessage) -> Result<bool> {
        self.write(|tx| {
            let n = tx
                .prepare_cached(
                    "INSERT INTO outbox (key, customer, created_at, kind, recipient, cc, subject,
                                         body, origin, status)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'pending')
                     ON CONFLICT (key) DO NOTHING",
                )?
                .execute(params![
                    m.key,
                    m.customer,
                    SqlTime(m.created_at),
                    m.kind,
                    m.recipient,
                    Json(&m.cc),
                    m.subject,
                    m.body,
                    m.origin
                ])?;
            Ok(n == 1)
        })
    }

    /// The `now` of the first `apply` the store recorded: a schedule's
    /// occurrences before it belong to before salesflow ran here.
    pub fn first_tick_at(&self) -> Result<Option<DateTime<Utc>>> {
        let at: Option<SqlTime> = self
            .conn
            .query_row("SELECT min(at) FROM ticks", [], |r| r.get(0))?;
        Ok(opt(at))
    }
}

/// Reads the columns of [`COLUMNS`] from the first of `r`.
pub(super) fn outbox_row(r: &Row<'_>) -> rusqlite::Result<OutboxRow> {
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
