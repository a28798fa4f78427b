//! `signals`: risk keyword matches the rules found, listing them, and judging one
//! (`signal verdict`), which records a `verdict` event so the engine and the
//! `risk_accuracy` metric see it.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use super::error::{Result, StoreError};
use super::events::{self, NewEvent};
use super::ids::{EventId, SignalId};
use super::json::Json;
use super::sqltime::SqlTime;
use super::{Store, customers, verdicts};

/// A judgement of a signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The risk was real.
    Confirmed,
    /// A false alarm.
    False,
}

impl Verdict {
    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Confirmed => "confirmed",
            Verdict::False => "false",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Verdict {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "confirmed" => Ok(Verdict::Confirmed),
            "false" => Ok(Verdict::False),
            other => Err(format!(
                "`{other}` is not a verdict: write `confirmed` or `false`"
            )),
        }
    }
}

/// A signal as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignalRow {
    /// Row id (what `signal verdict` takes).
    pub id: SignalId,
    /// Stable key.
    pub key: String,
    /// The customer.
    pub customer: String,
    /// The risk.
    pub risk: String,
    /// The event whose text matched.
    pub event: EventId,
    /// The keyword.
    pub keyword: String,
    /// The event's time.
    pub at: DateTime<Utc>,
    /// The risk's strategy.
    pub strategy: Vec<String>,
    /// The judgement, once given.
    pub verdict: Option<Verdict>,
}

/// A signal's columns, its strategy read from `texts`.
const COLUMNS: &str = "id, key, customer, risk, event, keyword, at,
    (SELECT text FROM texts WHERE texts.id = signals.strategy), verdict";

impl Store {
    /// Signals of one customer or of all, unjudged ones only if asked; by time.
    pub fn signals(&self, customer: Option<&str>, open_only: bool) -> Result<Vec<SignalRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM signals
             WHERE (?1 IS NULL OR customer = ?1) AND (?2 = 0 OR verdict IS NULL)
             ORDER BY at, id"
        ))?;
        let rows = stmt.query_map(params![customer, open_only], signal_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One signal.
    pub fn signal(&self, id: SignalId) -> Result<Option<SignalRow>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM signals WHERE id = ?1"),
                [id],
                signal_row,
            )
            .optional()?)
    }

    /// Judges a signal at `at`: records a `verdict` event (`attrs.risk`,
    /// `attrs.verdict`, `attrs.signal` = the signal's key) and updates the signal.
    /// Judging again is a correction: a new event that overrides the old one.
    pub fn judge_signal(
        &mut self,
        id: SignalId,
        verdict: Verdict,
        at: DateTime<Utc>,
        actor: Option<&str>,
    ) -> Result<SignalRow> {
        self.write(|tx| {
            let signal = tx
                .query_row(
                    &format!("SELECT {COLUMNS} FROM signals WHERE id = ?1"),
                    [id],
                    signal_row,
                )
                .optional()?
                .ok_or(StoreError::UnknownSignal(id.0))?;
            let mut event = NewEvent::new(&signal.customer, at, "verdict", "cli");
            event.actor = actor.map(str::to_string);
            event.attrs.insert("risk".into(), signal.risk.clone());
            event
                .attrs
                .insert("verdict".into(), verdict.as_str().into());
            event.attrs.insert("signal".into(), signal.key.clone());
            events::insert(tx, &event, &events::natural_key(&event, 1))?;
            customers::touch(tx, &signal.customer)?;
            verdicts::refresh(tx, &signal.customer)?;
            Ok(SignalRow {
                verdict: Some(verdict),
                ..signal
            })
        })
    }
}

pub(super) fn signal_row(r: &Row<'_>) -> rusqlite::Result<SignalRow> {
    let verdict: Option<String> = r.get(8)?;
    Ok(SignalRow {
        id: r.get(0)?,
        key: r.get(1)?,
        customer: r.get(2)?,
        risk: r.get(3)?,
        event: r.get(4)?,
        keyword: r.get(5)?,
        at: r.get::<_, SqlTime>(6)?.0,
        strategy: r.get::<_, Json<Vec<String>>>(7)?.0,
        verdict: verdict.and_then(|v| v.parse().ok()),
    })
}
