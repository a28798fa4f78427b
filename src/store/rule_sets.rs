//! `rule_sets`, `rule_baselines` and `meta`: which rules have held since when, what
//! a customer's derived state was when the current rules took over, and when the
//! store went live (PRODUCT.md, "Records and time").
//!
//! A run of the rules first asks for its [`RuleSet`]: the latest stored one when its
//! digest and engine version match, else a new one whose `from` is the latest
//! apply's `now` (not stored until an apply begins under it, so `plan` sees exactly
//! what `apply` would do).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::Store;
use super::error::Result;
use super::sqltime::{SqlTime, opt};

/// A set of rules as applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSet {
    /// Row id (`None`: not stored yet; the next apply stores it).
    pub id: Option<i64>,
    /// The rules' digest.
    pub digest: String,
    /// The engine version that derived under it.
    pub engine: i64,
    /// The previous apply's `now` when the set was first applied (`None`: no apply
    /// ran before it; the rules hold from the beginning).
    pub from: Option<DateTime<Utc>>,
    /// The `now` of the first apply under it.
    pub switch: DateTime<Utc>,
}

impl RuleSet {
    /// Rules that hold from the beginning, stored nowhere: no window, no baseline.
    pub fn from_the_beginning() -> RuleSet {
        RuleSet {
            id: None,
            digest: String::new(),
            engine: 0,
            from: None,
            switch: DateTime::<Utc>::MIN_UTC,
        }
    }
}

impl Store {
    /// The rule set an apply (or plan) at `now` with these rules runs under.
    pub fn rule_set_for(&self, digest: &str, engine: i64, now: DateTime<Utc>) -> Result<RuleSet> {
        if let Some(set) = latest_rule_set(&self.conn)? {
            if set.digest == digest && set.engine == engine {
                return Ok(set);
            }
        }
        Ok(RuleSet {
            id: None,
            digest: digest.to_string(),
            engine,
            from: self.last_apply_at()?,
            switch: now,
        })
    }

    /// Stores a new rule set (an apply begins under it); a stored one is returned
    /// as it is.
    pub fn begin_rule_set(&mut self, set: &RuleSet) -> Result<RuleSet> {
        if set.id.is_some() {
            return Ok(set.clone());
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO rule_sets (digest, engine, from_at, switch_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    set.digest,
                    set.engine,
                    set.from.map(SqlTime),
                    SqlTime(set.switch)
                ],
            )?;
            Ok(RuleSet {
                id: Some(tx.last_insert_rowid()),
                ..set.clone()
            })
        })
    }

    /// Whether an apply under the set has completed (then every customer has been
    /// evaluated under it).
    pub fn rule_set_complete(&self, set: &RuleSet) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM ticks
                            WHERE finished IS NOT NULL AND at >= ?1 AND rules_digest = ?2)",
            params![SqlTime(set.switch), set.digest],
            |r| r.get(0),
        )?)
    }

    /// The `now` of the latest completed apply.
    pub fn last_apply_at(&self) -> Result<Option<DateTime<Utc>>> {
        last_apply_at(&self.conn)
    }

    /// When the store went live (`None`: it has always been live).
    pub fn live_from(&self) -> Result<Option<DateTime<Utc>>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE key = 'live_from'")?
            .query_row([], |r| r.get::<_, SqlTime>(0))
            .optional()?
            .map(|t| t.0))
    }

    /// Sets when the store goes live.
    pub fn set_live_from(&mut self, at: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('live_from', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [SqlTime(at)],
            )?;
            Ok(())
        })
    }

    /// `apply --live-from T`: moves `live_from` for the customers no apply has
    /// covered yet (old customers imported into a live store) and leaves the
    /// others alone. Returns how many customers it moved.
    pub fn move_live_from(&mut self, at: DateTime<Utc>) -> Result<usize> {
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE customers SET live_from = ?1 WHERE applied_at IS NULL",
                [SqlTime(at)],
            )?)
        })
    }
}

/// The latest stored rule set.
fn latest_rule_set(conn: &Connection) -> Result<Option<RuleSet>> {
    Ok(conn
        .query_row(
            "SELECT id, digest, engine, from_at, switch_at FROM rule_sets
             ORDER BY id DESC LIMIT 1",
            [],
            |r| {
                Ok(RuleSet {
                    id: Some(r.get(0)?),
                    digest: r.get(1)?,
                    engine: r.get(2)?,
                    from: opt(r.get(3)?),
                    switch: r.get::<_, SqlTime>(4)?.0,
                })
            },
        )
        .optional()?)
}

/// The `now` of the latest completed apply.
pub(super) fn last_apply_at(conn: &Connection) -> Result<Option<DateTime<Utc>>> {
    Ok(conn
        .query_row(
            "SELECT max(at) FROM ticks WHERE finished IS NOT NULL",
            [],
            |r| r.get::<_, Option<SqlTime>>(0),
        )?
        .map(|t| t.0))
}
