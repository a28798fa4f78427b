//! Which verdict judges which signal, kept in `signals.verdict` for reports: a
//! `verdict` event naming the signal (`attrs.signal`, from `signal verdict`) judges
//! that signal, the latest such event winning; otherwise the first `verdict` event
//! of the signal's risk at or after the signal judges it (a loss review imported
//! in bulk judges the signals of that risk raised before it).

use std::collections::BTreeMap;

use rusqlite::{Transaction, params};

use super::error::Result;
use super::json::Json;
use super::sqltime::SqlTime;

/// Recomputes the verdict of every signal of the customer.
pub(super) fn refresh(tx: &Transaction<'_>, customer: &str) -> Result<()> {
    // (at, attrs) of verdict events in (at, id) order.
    let mut stmt = tx.prepare_cached(
        "SELECT at, attrs FROM events WHERE customer = ?1 AND kind = 'verdict' ORDER BY at, id",
    )?;
    let verdicts: Vec<(SqlTime, BTreeMap<String, String>)> = stmt
        .query_map([customer], |r| {
            Ok((r.get(0)?, r.get::<_, Json<BTreeMap<String, String>>>(1)?.0))
        })?
        .collect::<rusqlite::Result<_>>()?;
    if verdicts.is_empty() {
        return Ok(());
    }
    let mut stmt =
        tx.prepare_cached("SELECT id, key, risk, at, verdict FROM signals WHERE customer = ?1")?;
    let signals: Vec<(i64, String, String, SqlTime, Option<String>)> = stmt
        .query_map([customer], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = tx.prepare_cached("UPDATE signals SET verdict = ?2 WHERE id = ?1")?;
    for (id, key, risk, at, old) in signals {
        let own = verdicts
            .iter()
            .rev()
            .find(|(_, a)| a.get("signal") == Some(&key));
        let by_risk = || {
            verdicts.iter().find(|(t, a)| {
                *t >= at && a.get("signal").is_none() && a.get("risk") == Some(&risk)
            })
        };
        let new = own
            .or_else(by_risk)
            .and_then(|(_, a)| a.get("verdict"))
            .filter(|v| *v == "confirmed" || *v == "false");
        if new != old.as_ref() {
            update.execute(params![id, new])?;
        }
    }
    Ok(())
}
