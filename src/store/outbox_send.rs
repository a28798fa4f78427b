//! Delivering the outbox with several processes on one store: which messages are
//! due, a claim on one message before it is sent (one write transaction that also
//! counts the channel's rate limit on the attempt log), and the outcome recorded
//! after. Two processes never send one message twice: a claim holds a lease
//! (`lease_owner`, `lease_until`) that only expires if its process died mid-send,
//! and only then is the message sent again (at least once, never silently lost).
//!
//! The rules of delivery (which channel, backoff, when to give up) are the
//! caller's: this file only makes each step atomic.

use chrono::{DateTime, TimeDelta, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::Store;
use super::error::Result;
use super::ids::OutboxId;
use super::json::Json;
use super::outbox::{COLUMNS, OutboxRow, outbox_row};
use super::sqltime::{SqlTime, opt};
use crate::engine::Contact;

/// A message due for delivery, with what routing it needs about its customer.
#[derive(Debug, Clone, PartialEq)]
pub struct DueMessage {
    /// The row.
    pub row: OutboxRow,
    /// The customer's name (`None` for a digest).
    pub customer_name: Option<String>,
    /// The customer's contact person (for `message customer`).
    pub contact: Option<Contact>,
}

/// A claim on one message, to send it on `channel`.
#[derive(Debug, Clone)]
pub struct Claim<'a> {
    /// The message.
    pub id: OutboxId,
    /// Who claims it (one id per process).
    pub owner: &'a str,
    /// The instant of the claim.
    pub now: DateTime<Utc>,
    /// Until when the claim holds if its process dies.
    pub lease_until: DateTime<Utc>,
    /// The channel it goes to.
    pub channel: &'a str,
    /// The channel's rate limits: at most `n` requests in any `window`.
    pub limits: &'a [(u32, TimeDelta)],
}

/// What a claim gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claimed {
    /// Ours to send: the attempt's log id and the attempts made before it.
    Ours {
        /// The attempt's row in `outbox_attempts`.
        attempt: i64,
        /// Attempts before this one.
        attempts_before: i64,
    },
    /// The channel's rate limit is reached until then; nothing was written.
    Throttled(DateTime<Utc>),
    /// Sent, given up, claimed by another process or not due any more.
    Gone,
}

/// One claimed attempt, as [`Store::outbox_finish`] records it.
#[derive(Debug, Clone, Copy)]
pub struct Attempt<'a> {
    /// The message.
    pub id: OutboxId,
    /// The attempt's row in `outbox_attempts` (from [`Claimed::Ours`]).
    pub attempt: i64,
    /// Who claimed it.
    pub owner: &'a str,
    /// The channel it went to.
    pub channel: &'a str,
}

/// How a claimed attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finished {
    /// Accepted by the channel.
    Sent,
    /// Failed; tried again from `retry_at`.
    Failed {
        /// Why (free of secrets).
        error: String,
        /// The next attempt.
        retry_at: DateTime<Utc>,
    },
    /// Failed for the last time.
    Dead {
        /// Why (free of secrets).
        error: String,
    },
}

impl Store {
    /// Messages due at `now` (pending, or failed with their retry time come) that
    /// no live claim holds, oldest first, at most `limit`.
    pub fn outbox_due(&self, now: DateTime<Utc>, limit: usize) -> Result<Vec<DueMessage>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS}, c.name, c.contact FROM outbox o
             LEFT JOIN customers c ON c.id = o.customer
             WHERE o.status IN ('pending', 'failed')
               AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?1)
               AND (o.lease_until IS NULL OR o.lease_until <= ?1)
             ORDER BY o.id LIMIT ?2"
        ))?;
        let rows = stmt.query_map(
            params![SqlTime(now), i64::try_from(limit).unwrap_or(i64::MAX)],
            |r| {
                Ok(DueMessage {
                    row: outbox_row(r)?,
                    customer_name: r.get(16)?,
                    contact: r.get::<_, Option<Json<Contact>>>(17)?.map(|c| c.0),
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Claims one message for sending, in one write transaction: still due, no
    /// other live claim, and the channel under each of its limits.
    pub fn outbox_claim(&mut self, claim: &Claim<'_>) -> Result<Claimed> {
        self.write(|tx| {
            let row = tx
                .query_row(
                    "SELECT status, attempts, lease_owner, lease_until, next_attempt_at
                     FROM outbox WHERE id = ?1",
                    [claim.id],
                    |r| {
                        Ok(ClaimState {
                            status: r.get(0)?,
                            attempts: r.get(1)?,
                            owner: r.get(2)?,
                            lease: opt(r.get(3)?),
                            next: opt(r.get(4)?),
                        })
                    },
                )
                .optional()?;
            let Some(row) = row else {
                return Ok(Claimed::Gone);
            };
            let leased = row.lease.is_some_and(|until| until > claim.now)
                && row.owner.as_deref() != Some(claim.owner);
            let early = row.next.is_some_and(|t| t > claim.now);
            if !matches!(row.status.as_str(), "pending" | "failed") || leased || early {
                return Ok(Claimed::Gone);
            }
            let at = SqlTime::ceil(claim.now);
            let held: Option<SqlTime> = tx
                .prepare_cached(
                    "SELECT until FROM channel_holds WHERE channel = ?1 AND until > ?2",
                )?
                .query_row(params![claim.channel, SqlTime(claim.now)], |r| r.get(0))
                .optional()?;
            if let Some(until) = held {
                return Ok(Claimed::Throttled(until.0));
            }
            for &(n, window) in claim.limits {
                if let Some(until) = throttled(tx, claim.channel, at.0, n, window)? {
                    return Ok(Claimed::Throttled(until));
                }
            }
            tx.execute(
                "UPDATE outbox SET lease_owner = ?2, lease_until = ?3, channel = ?4 WHERE id = ?1",
                params![
                    claim.id,
                    claim.owner,
                    SqlTime::ceil(claim.lease_until),
                    claim.channel
                ],
            )?;
            tx.execute(
                "INSERT INTO outbox_attempts (outbox, channel, at) VALUES (?1, ?2, ?3)",
                params![claim.id, claim.channel, at],
            )?;
            Ok(Claimed::Ours {
                attempt: tx.last_insert_rowid(),
                attempts_before: row.attempts,
            })
        })
    }

    /// Records how a claimed attempt ended and releases the claim; `hold`: the
    /// channel's vendor asked for quiet until then. A message the channel
    /// accepted is recorded as sent even if its claim had lapsed; a failure only
    /// while the claim is still `owner`'s.
    pub fn outbox_finish(
        &mut self,
        attempt: &Attempt<'_>,
        now: DateTime<Utc>,
        finished: &Finished,
        hold: Option<DateTime<Utc>>,
    ) -> Result<()> {
        let Attempt {
            id,
            attempt,
            owner,
            channel,
        } = *attempt;
        let (outcome, error, next) = match finished {
            Finished::Sent => ("sent", None, None),
            Finished::Failed { error, retry_at } => (
                "failed",
                Some(error.as_str()),
                Some(SqlTime::ceil(*retry_at)),
            ),
            Finished::Dead { error } => ("dead", Some(error.as_str()), None),
        };
        self.write(|tx| {
            if let Some(until) = hold {
                tx.execute(
                    "INSERT INTO channel_holds (channel, until) VALUES (?1, ?2)
                     ON CONFLICT (channel) DO UPDATE SET until = max(until, excluded.until)",
                    params![channel, SqlTime::ceil(until)],
                )?;
            }
            tx.execute(
                "UPDATE outbox_attempts SET outcome = ?2, error = ?3 WHERE id = ?1",
                params![attempt, outcome, error],
            )?;
            if outcome == "sent" {
                tx.execute(
                    "UPDATE outbox SET status = 'sent', attempts = attempts + 1,
                       delivered_at = ?2, next_attempt_at = NULL,
                       lease_owner = NULL, lease_until = NULL
                     WHERE id = ?1 AND status <> 'sent'",
                    params![id, SqlTime(now)],
                )?;
            } else {
                tx.execute(
                    "UPDATE outbox SET status = ?3, attempts = attempts + 1, last_error = ?4,
                       next_attempt_at = ?5, lease_owner = NULL, lease_until = NULL
                     WHERE id = ?1 AND lease_owner = ?2 AND status IN ('pending', 'failed')",
                    params![id, owner, outcome, error, next],
                )?;
            }
            Ok(())
        })
    }

    /// Gives up on a message no channel can take (an unknown person, no handle),
    /// unless another process holds it; whether it was given up.
    pub fn outbox_give_up(
        &mut self,
        id: OutboxId,
        owner: &str,
        now: DateTime<Utc>,
        error: &str,
    ) -> Result<bool> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE outbox SET status = 'dead', last_error = ?4, next_attempt_at = NULL,
                   lease_owner = NULL, lease_until = NULL
                 WHERE id = ?1 AND status IN ('pending', 'failed')
                   AND (lease_until IS NULL OR lease_until <= ?3 OR lease_owner = ?2)",
                params![id, owner, SqlTime(now), error],
            )?;
            Ok(n == 1)
        })
    }
}

/// What a claim checks of a message.
struct ClaimState {
    status: String,
    attempts: i64,
    owner: Option<String>,
    lease: Option<DateTime<Utc>>,
    next: Option<DateTime<Utc>>,
}

/// When the channel may take another request, if `n` already started within
/// `window` before `at`: the instant the oldest of the excess leaves the window.
fn throttled(
    tx: &Transaction<'_>,
    channel: &str,
    at: DateTime<Utc>,
    n: u32,
    window: TimeDelta,
) -> Result<Option<DateTime<Utc>>> {
    let since = SqlTime(at - window);
    let count: i64 = tx
        .prepare_cached("SELECT count(*) FROM outbox_attempts WHERE channel = ?1 AND at > ?2")?
        .query_row(params![channel, since], |r| r.get(0))?;
    if count < i64::from(n) {
        return Ok(None);
    }
    let oldest: SqlTime = tx
        .prepare_cached(
            "SELECT at FROM outbox_attempts WHERE channel = ?1 AND at > ?2
             ORDER BY at LIMIT 1 OFFSET ?3",
        )?
        .query_row(params![channel, since, count - i64::from(n)], |r| r.get(0))?;
    Ok(Some(oldest.0 + window))
}
