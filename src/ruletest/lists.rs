//! The list comparisons `tasks` and `fired` (and what `outbox` shares with them). Rows created up
//! to the expectation's time are the actual list; each expected item must match a
//! row of its own ([`super::matching`]); with `exactly`, no row may be left over.
//! The diff lists the expected items (`  ` matched, `- ` missing) and the rows
//! no item matched (`+ `).

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

use super::matching::match_items;
use super::run::World;
use super::suite::{Expectation, FiredSpec, TaskSpec};
use super::verify::Mismatch;
use crate::engine::Effect;
use crate::store::StoreError;
use crate::timefmt::format_instant;

/// One actual row, as JSON (for the report) and as a line (for the diff).
pub(super) struct Row {
    pub(super) json: Value,
    pub(super) line: String,
}

/// An item or row as `{ key: value, … }`, the parts in the order given.
pub(super) fn brace(parts: &[(&str, Option<String>)]) -> String {
    let inner: Vec<String> = parts
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}: {v}")))
        .collect();
    format!("{{ {} }}", inner.join(", "))
}

pub(super) fn object(parts: &[(&str, Value)]) -> Value {
    let map: Map<String, Value> = parts
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| ((*k).to_string(), v.clone()))
        .collect();
    Value::Object(map)
}

pub(super) fn list(items: &BTreeSet<String>) -> String {
    format!("[{}]", items.iter().cloned().collect::<Vec<_>>().join(", "))
}

/// The mismatch of a list comparison, if any.
pub(super) fn compare(
    key: &str,
    exp: &Expectation,
    expected: Vec<(Value, String)>,
    rows: Vec<Row>,
    exactly: bool,
    fits: impl Fn(usize, usize) -> bool,
) -> Option<Mismatch> {
    let matched = match_items(expected.len(), rows.len(), fits);
    let missing = matched.iter().filter(|m| m.is_none()).count();
    let used: BTreeSet<usize> = matched.iter().flatten().copied().collect();
    let extra = rows.len() - used.len();
    if missing == 0 && (!exactly || extra == 0) {
        return None;
    }
    let mut diff = Vec::new();
    for ((_, line), m) in expected.iter().zip(&matched) {
        diff.push(format!("{} {line}", if m.is_some() { " " } else { "-" }));
    }
    for (j, row) in rows.iter().enumerate() {
        if !used.contains(&j) {
            diff.push(format!("+ {}", row.line));
        }
    }
    let mut parts = Vec::new();
    if missing > 0 {
        parts.push(match &exp.customer {
            Some(c) => crate::t!(
                "test-list-missing-of",
                missing = missing,
                expected = expected.len(),
                customer = c
            ),
            None => crate::t!(
                "test-list-missing-any",
                missing = missing,
                expected = expected.len()
            ),
        });
    }
    if exactly && extra > 0 {
        parts.push(crate::t!("test-list-extra", extra = extra));
    }
    Some(Mismatch {
        key: key.into(),
        message: format!("{key}: {}", parts.join("; ")),
        expected: Value::Array(expected.into_iter().map(|(v, _)| v).collect()),
        actual: Value::Array(rows.into_iter().map(|r| r.json).collect()),
        diff,
        decided_by: Vec::new(),
    })
}

/// `tasks`: tasks created up to the expectation's time.
pub fn tasks(
    world: &World<'_>,
    exp: &Expectation,
    items: &[TaskSpec],
    exactly: bool,
) -> Result<Option<Mismatch>, StoreError> {
    let tz = world.tz;
    let at = |t: DateTime<Utc>| format_instant(t, tz);
    let all = world.store.tasks(exp.customer.as_deref(), false)?;
    let actual: Vec<_> = all.into_iter().filter(|t| t.created_at <= exp.at).collect();
    let done = |t: &crate::store::TaskRow| t.done_at.is_some_and(|d| d <= exp.at);
    let who = |c: &str| (exp.customer.is_none()).then(|| c.to_string());
    let rows = actual
        .iter()
        .map(|t| Row {
            json: object(&[
                ("customer", json!(t.customer)),
                ("title", json!(t.title)),
                ("assignee", json!(t.assignee)),
                ("due", json!(t.due_at.map(|d| d.to_rfc3339()))),
                ("done", json!(done(t))),
            ]),
            line: brace(&[
                ("customer", who(&t.customer)),
                ("title", Some(t.title.clone())),
                ("assignee", Some(t.assignee.clone())),
                ("due", t.due_at.map(at)),
                ("done", Some(done(t).to_string())),
            ]),
        })
        .collect();
    let expected = items
        .iter()
        .map(|s| {
            (
                object(&[
                    ("title", json!(s.title)),
                    ("assignee", json!(s.assignee)),
                    ("due", json!(s.due.map(|d| d.to_rfc3339()))),
                    ("done", json!(s.done)),
                ]),
                brace(&[
                    ("title", Some(s.title.clone())),
                    ("assignee", s.assignee.clone()),
                    ("due", s.due.map(at)),
                    ("done", s.done.map(|d| d.to_string())),
                ]),
            )
        })
        .collect();
    Ok(compare("tasks", exp, expected, rows, exactly, |i, j| {
        let (s, t) = (&items[i], &actual[j]);
        s.title == t.title
            && s.assignee.as_ref().is_none_or(|a| *a == t.assignee)
            && s.due.is_none_or(|d| Some(d) == t.due_at)
            && s.done.is_none_or(|d| d == done(t))
    }))
}

/// `fired`: escalation steps `apply` recorded, due up to the expectation's time.
pub fn fired(
    world: &World<'_>,
    exp: &Expectation,
    items: &[FiredSpec],
    exactly: bool,
) -> Option<Mismatch> {
    let tz = world.tz;
    let actual: Vec<(&str, &str, u32, &str, DateTime<Utc>)> = world
        .applied
        .iter()
        .filter(|a| exp.customer.as_ref().is_none_or(|c| *c == a.customer))
        .filter_map(|a| match &a.effect {
            Effect::EscalationStep {
                escalation,
                epoch,
                step,
                due_at,
                ..
            } if *due_at <= exp.at => Some((
                a.customer.as_str(),
                escalation.as_str(),
                *epoch,
                step.as_str(),
                *due_at,
            )),
            _ => None,
        })
        .collect();
    let rows = actual
        .iter()
        .map(|(c, esc, epoch, step, due)| Row {
            json: json!({"customer": c, "escalation": esc, "epoch": epoch, "step": step,
                         "due": due.to_rfc3339()}),
            line: brace(&[
                ("customer", exp.customer.is_none().then(|| (*c).to_string())),
                ("escalation", Some((*esc).to_string())),
                ("step", Some((*step).to_string())),
                ("due", Some(format_instant(*due, tz))),
                ("epoch", Some(epoch.to_string())),
            ]),
        })
        .collect();
    let expected = items
        .iter()
        .map(|s| {
            (
                object(&[
                    ("escalation", json!(s.escalation)),
                    ("step", json!(s.step)),
                    ("due", json!(s.due.map(|d| d.to_rfc3339()))),
                    ("epoch", json!(s.epoch)),
                ]),
                brace(&[
                    ("escalation", Some(s.escalation.clone())),
                    ("step", s.step.clone()),
                    ("due", s.due.map(|d| format_instant(d, tz))),
                    ("epoch", s.epoch.map(|e| e.to_string())),
                ]),
            )
        })
        .collect();
    compare("fired", exp, expected, rows, exactly, |i, j| {
        let (s, (_, esc, epoch, step, due)) = (&items[i], &actual[j]);
        s.escalation == *esc
            && s.step.as_deref().is_none_or(|x| x == *step)
            && s.due.is_none_or(|d| d == *due)
            && s.epoch.is_none_or(|e| e == *epoch)
    })
}
