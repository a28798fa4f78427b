//! `salesflow list --where EXPR`: the rule language as a query over customers.

use super::output::{Printer, errln, outln};
use super::{CommandError, Outcome, Result, Settings};
use crate::apply::Pass;
use crate::check::{DiskLoader, check_condition};
use crate::cli::{Format, ListArgs};
use crate::engine::Engine;

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
    let ids = store.all_customer_ids()?;
    let engine = Engine::new(flow, &team);
    let pass = Pass::new(&store, &engine, now)?;
    let mut rows = Vec::new();
    for id in ids {
        let Some(history) = pass.history(&store, &id)? else {
            continue;
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
        for r in &rows {
            let s = |k: &str| r[k].as_str().unwrap_or("-").to_string();
            let tags: Vec<&str> = r["tags"]
                .as_array()
                .map(|a| a.iter().filter_map(|t| t.as_str()).collect())
                .unwrap_or_default();
            outln!(
                p,
                "{}\t{}\t{}\t{}\t{}\t{}",
                s("id"),
                s("name"),
                s("stage"),
                s("health"),
                s("segment"),
                tags.join(",")
            );
        }
        errln!(p, "{}", t!("list-count", count = rows.len()));
    }
    Ok(Outcome::Done)
}
