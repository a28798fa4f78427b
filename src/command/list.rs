//! `salesflow list --where EXPR`: the rule language as a query over customers.
//!
//! A customer that `apply` would not visit at `now` has its evaluation in the
//! store's columns: a condition (or the part of an `and`/`or` that decides it)
//! on stage, health, segment and tags is answered from them, and only the rest
//! is replayed ([`decide_stored`]). `--replay` (hidden) replays everyone.

use std::collections::HashSet;

use super::output::{Printer, errln, outln};
use super::{CommandError, Outcome, Result, Settings};
use super::{labels, table};
use crate::apply::Pass;
use crate::check::{DiskLoader, check_condition};
use crate::cli::{Format, ListArgs};
use crate::engine::{Engine, Stored, decide_stored};
use crate::model::Flow;

pub(super) fn run(args: &ListArgs, s: &Settings, p: &mut Printer) -> Result {
    let flow = s.require_flow("list")?;
    let team = s.run_team()?;
    let now = s.now(flow.timezone)?;
    let cond = match &args.filter {
        None => None,
        Some(text) => {
            let rules = s.require_rules("list")?;
            let checked =
                check_condition(rules, &DiskLoader, text).map_err(|source| CommandError::Read {
                    path: rules.to_path_buf(),
                    source,
                })?;
            Some(
                checked
                    .map_err(|diagnostics| CommandError::Condition { diagnostics })?
                    .1,
            )
        }
    };
    let store = s.read_store()?;
    let engine = Engine::new(flow, &team);
    let pass = Pass::new(&store, &engine, now)?;
    // Whose stored columns are their evaluation at `now`: evaluated under these
    // rules at or before `now`, with no new record and no wake-up time due since
    // (the customers `apply` would not visit). Only they may skip the replay.
    let stored_ok = !args.replay && pass.rules().id.is_some();
    let due: HashSet<String> = if stored_ok {
        pass.customers(&store)?.into_iter().collect()
    } else {
        HashSet::new()
    };
    let mut rows = Vec::new();
    // Customers whose stored history cannot be read: named on stderr, the
    // others listed, and the command fails (exit 1).
    let mut unreadable = Vec::new();
    for c in store.stored_customers()? {
        if stored_ok && !due.contains(&c.id) && c.applied_at.is_some_and(|t| t <= now) {
            let stored = Stored {
                stage: c.stage.as_deref(),
                health: c.health.as_deref(),
                segment: c.segment.as_deref(),
                tags: &c.tags,
            };
            let decided = cond
                .as_ref()
                .map_or(Some(true), |cond| decide_stored(flow, cond, &stored));
            match decided {
                Some(true) => {
                    rows.push(serde_json::json!({
                        "id": c.id,
                        "name": c.name,
                        "owner": c.owner,
                        "stage": c.stage,
                        "health": c.health,
                        "segment": c.segment,
                        "tags": c.tags,
                    }));
                    continue;
                }
                Some(false) => continue,
                None => {}
            }
        }
        let id = c.id;
        let history = match pass.history(&store, &id) {
            Ok(Some(history)) => history,
            Ok(None) => continue,
            Err(crate::apply::ApplyError::Store(
                e @ crate::store::StoreError::UnreadableRow { .. },
            )) => {
                unreadable.push(e.to_string());
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let eval = match &cond {
            Some(c) => match engine.evaluate_if(&history, now, c) {
                Some(eval) => eval,
                None => continue,
            },
            None => engine.evaluate(&history, now),
        };
        rows.push(serde_json::json!({
            "id": id,
            "name": history.customer.name,
            "owner": history.customer.owner,
            "stage": eval.stage,
            "health": eval.health.map(|h| h.0),
            "segment": eval.segment,
            "tags": eval.tags,
        }));
    }
    if s.format == Format::Json {
        outln!(p, "{}", super::pretty(&serde_json::json!(rows)));
    } else {
        let mut table = table::new(vec![
            t!("column-id"),
            t!("column-name"),
            t!("column-stage"),
            t!("column-health"),
            t!("column-segment"),
            t!("column-tags"),
        ]);
        for r in &rows {
            let text = |k: &str| r[k].as_str().map(str::to_string);
            let tags: Vec<&str> = r["tags"]
                .as_array()
                .map(|a| a.iter().filter_map(|t| t.as_str()).collect())
                .unwrap_or_default();
            let show = |name: Option<String>, label: fn(&Flow, &str) -> String| {
                name.map_or_else(|| "-".to_string(), |n| label(flow, &n))
            };
            table.add_row(vec![
                text("id").unwrap_or_default(),
                text("name").unwrap_or_default(),
                show(text("stage"), labels::stage),
                show(text("health"), labels::health),
                show(text("segment"), labels::segment),
                tags.join(", "),
            ]);
        }
        if !rows.is_empty() {
            table::print(p, &table);
        }
        errln!(p, "{}", t!("list-count", count = rows.len()));
    }
    for e in &unreadable {
        errln!(p, "{}", t!("error-line", message = e));
    }
    Ok(if unreadable.is_empty() {
        Outcome::Done
    } else {
        Outcome::Failed
    })
}
