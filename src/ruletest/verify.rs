//! Comparing one expectation with what the store holds at its time. Each failing
//! comparison becomes a [`Mismatch`]: a one-line message, the expected and the
//! actual value (JSON), a diff for people (`- expected` / `+ actual` lines), and,
//! for a health state or segment, the rule that decided: `explain`'s lines for
//! that customer at that time.
//!
//! Health, segment, stage and tags are read from the customer's latest
//! evaluation (what `apply` set its row from); signals, tasks and the outbox from
//! the store's tables; fired steps from the `escalation_step` effects `apply`
//! wrote.

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::{Value, json};

use super::run::World;
use super::suite::{Check, Expectation};
use super::{lists, messages};
use crate::store::StoreError;
use crate::timefmt::format_instant;

/// One failing comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mismatch {
    /// The key compared (`health`, `outbox`, …).
    pub key: String,
    /// What is wrong, in one line.
    pub message: String,
    /// The expected value.
    pub expected: Value,
    /// The actual value.
    pub actual: Value,
    /// `- expected` / `+ actual` lines (`  ` for matched context).
    pub diff: Vec<String>,
    /// The rule that decided (`explain`'s lines), where there is one.
    pub decided_by: Vec<String>,
}

/// Compares every check of the expectation.
pub fn verify(world: &World<'_>, exp: &Expectation) -> Result<Vec<Mismatch>, StoreError> {
    let mut out = Vec::new();
    for check in &exp.checks {
        let found = match check {
            Check::Health(want) => state(world, exp, "health", want)?,
            Check::Segment(want) => state(world, exp, "segment", want)?,
            Check::Stage(want) => state(world, exp, "stage", want)?,
            Check::Tags(want) => {
                let eval = exp.customer.as_ref().and_then(|c| world.latest.get(c));
                let actual: BTreeSet<String> = eval
                    .map(|e| e.tags.iter().cloned().collect())
                    .unwrap_or_default();
                set("tags", want, &actual, Vec::new())
            }
            Check::Signals(want) => {
                let rows = world.store.signals(exp.customer.as_deref(), false)?;
                let rows: Vec<_> = rows.into_iter().filter(|s| s.at <= exp.at).collect();
                let actual = rows.iter().map(|s| s.risk.clone()).collect();
                let context = rows
                    .iter()
                    .map(|s| {
                        crate::t!(
                            "test-signal-context",
                            risk = s.risk,
                            keyword = s.keyword,
                            event = s.event.0.to_string(),
                            customer = s.customer,
                            at = format_instant(s.at, world.tz)
                        )
                    })
                    .collect();
                set("signals", want, &actual, context)
            }
            Check::Tasks { items, exactly } => lists::tasks(world, exp, items, *exactly)?,
            Check::Outbox { items, exactly } => messages::outbox(world, exp, items, *exactly)?,
            Check::NoOutbox => messages::no_outbox(world, exp)?,
            Check::Fired { items, exactly } => lists::fired(world, exp, items, *exactly),
        };
        out.extend(found);
    }
    Ok(out)
}

/// Health, segment or stage of the expectation's customer.
fn state(
    world: &World<'_>,
    exp: &Expectation,
    key: &str,
    want: &str,
) -> Result<Option<Mismatch>, StoreError> {
    let Some(customer) = exp.customer.as_deref() else {
        return Ok(None);
    };
    let eval = world.latest.get(customer);
    let actual = eval.and_then(|e| match key {
        "health" => e.health.as_ref().map(|h| h.0.clone()),
        "segment" => e.segment.clone(),
        _ => e.stage.clone(),
    });
    if actual.as_deref() == Some(want) {
        return Ok(None);
    }
    let shown = actual.clone().unwrap_or_else(|| crate::t!("none"));
    let decided_by = match (key, world.store.history(customer)?) {
        ("stage", _) | (_, None) => stage_lines(world, eval),
        (_, Some(history)) => {
            let x = world.engine.explain(&history, exp.at);
            let states = if key == "health" {
                &x.health
            } else {
                &x.segments
            };
            let mut lines = vec![crate::t!(
                "test-explain-at",
                customer = customer,
                at = format_instant(exp.at, world.tz)
            )];
            lines.extend(crate::engine::explain::explain_lines(states));
            lines
        }
    };
    Ok(Some(Mismatch {
        key: key.into(),
        message: crate::t!(
            "test-state-mismatch",
            key = key,
            customer = customer,
            want = want,
            actual = shown
        ),
        expected: json!(want),
        actual: json!(actual),
        diff: vec![format!("- {want}"), format!("+ {shown}")],
        decided_by,
    }))
}

/// The stage visits, for a stage mismatch.
fn stage_lines(world: &World<'_>, eval: Option<&crate::engine::Evaluation>) -> Vec<String> {
    let Some(eval) = eval else {
        return Vec::new();
    };
    let mut lines = vec![crate::t!("test-stage-visits")];
    for v in &eval.visits {
        let from = format_instant(v.entered_at, world.tz);
        let line = match v.left_at {
            Some(left) => crate::t!(
                "test-stage-visit-left",
                stage = v.stage,
                from = from,
                to = format_instant(left, world.tz)
            ),
            None => crate::t!("test-stage-visit", stage = v.stage, from = from),
        };
        lines.push(format!("  {line}"));
    }
    if eval.visits.is_empty() {
        lines.push(format!("  {}", crate::t!("none")));
    }
    lines
}

/// Tags or signals: the sets must be equal.
fn set(
    key: &str,
    want: &BTreeSet<String>,
    actual: &BTreeSet<String>,
    context: Vec<String>,
) -> Option<Mismatch> {
    if want == actual {
        return None;
    }
    let list =
        |s: &BTreeSet<String>| format!("[{}]", s.iter().cloned().collect::<Vec<_>>().join(", "));
    let missing: Vec<&String> = want.difference(actual).collect();
    let extra: Vec<&String> = actual.difference(want).collect();
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(crate::t!("test-set-missing", items = join_ticked(&missing)));
    }
    if !extra.is_empty() {
        parts.push(crate::t!(
            "test-set-unexpected",
            items = join_ticked(&extra)
        ));
    }
    Some(Mismatch {
        key: key.into(),
        message: format!("{key}: {}", parts.join(&crate::t!("list-separator"))),
        expected: json!(want),
        actual: json!(actual),
        diff: vec![format!("- {}", list(want)), format!("+ {}", list(actual))],
        decided_by: context,
    })
}

fn join_ticked(items: &[&String]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
