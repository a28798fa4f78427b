//! `ticks`: one row per `apply` run, with the rules it ran and what it did.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::Store;
use super::error::Result;
use super::ids::TickId;
use super::json::Json;
use super::sqltime::SqlTime;

/// One `apply` run.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// The evaluation instant (`--at`, or the clock).
    pub at: DateTime<Utc>,
    /// The rules' digest.
    pub rules_digest: String,
    /// Wall-clock start.
    pub started: DateTime<Utc>,
    /// Wall-clock end (`None`: interrupted).
    pub finished: Option<DateTime<Utc>>,
    /// Counts by effect kind (and `customers` visited).
    pub counts: BTreeMap<String, u64>,
}

impl Store {
    /// Records a tick.
    pub fn record_tick(&mut self, tick: &Tick) -> Result<TickId> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO ticks (at, rules_digest, started, finished, counts)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                SqlTime(tick.at),
                tick.rules_digest,
                SqlTime(tick.started),
                tick.finished.map(SqlTime),
                Json(&tick.counts),
            ])?;
            Ok(TickId(tx.last_insert_rowid()))
        })
    }

    /// The latest tick, if any.
    pub fn last_tick(&self) -> Result<Option<(TickId, Tick)>> {
        use rusqlite::OptionalExtension as _;
        Ok(self
            .conn
            .query_row(
                "SELECT id, at, rules_digest, started, finished, counts FROM ticks
                 ORDER BY id DESC LIMIT 1",
                [],
                |r| {
                    Ok((
                        r.get(0)?,
                        Tick {
                            at: r.get::<_, SqlTime>(1)?.0,
                            rules_digest: r.get(2)?,
                            started: r.get::<_, SqlTime>(3)?.0,
                            finished: r.get::<_, Option<SqlTime>>(4)?.map(|t| t.0),
                            counts: r.get::<_, Json<BTreeMap<String, u64>>>(5)?.0,
                        },
                    ))
                },
            )
            .optional()?)
    }
}
