//! `salesflow apply`: evaluates the customers with new records or a due time and
//! writes each one's new effects and outbox rows in one transaction. A second
//! `apply` at the same time does nothing; a crash leaves every customer either
//! fully applied or untouched.

use std::collections::BTreeMap;
use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

use super::Exit;
use super::plan::pending;
use super::runtime::{Runtime, usage};
use crate::cli::{Format, RunArgs};
use crate::engine::Engine;
use crate::store::Tick;

pub(super) fn run(args: &RunArgs) -> Exit {
    let rt = match Runtime::resolve(args) {
        Ok(rt) => rt,
        Err(e) => return e,
    };
    let mut store = match rt.write_store() {
        Ok(s) => s,
        Err(e) => return e,
    };
    let started = chrono::Utc::now();
    let engine = Engine::new(&rt.flow, &rt.team);
    let ids = match store.customers_to_visit(rt.now) {
        Ok(ids) => ids,
        Err(e) => return usage(&e.to_string()),
    };
    let bar = if std::io::stderr().is_terminal() && args.format == Format::Human && ids.len() > 1 {
        let bar = ProgressBar::new(ids.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} customers {eta}") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let mut errors = Vec::new();
    for id in &ids {
        bar.inc(1);
        let p = match pending(&store, &engine, id, rt.now) {
            Ok(Some(p)) => p,
            Ok(None) => continue,
            Err(e) => return usage(&e),
        };
        errors.extend(p.eval.errors.iter().cloned());
        let new: Vec<_> = p.effects().collect();
        match store.apply_customer(id, &p.eval, &new, rt.now) {
            Ok(outcome) => {
                for (kind, n) in outcome.by_kind {
                    *counts.entry(kind.to_string()).or_default() += n as u64;
                }
            }
            Err(e) => return usage(&format!("customer `{id}`: {e}")),
        }
    }
    bar.finish_and_clear();
    counts.insert("customers".into(), ids.len() as u64);
    let tick = Tick {
        at: rt.now,
        rules_digest: rt.flow.digest.clone(),
        started,
        finished: Some(chrono::Utc::now()),
        counts: counts.clone(),
    };
    if let Err(e) = store.record_tick(&tick) {
        return usage(&e.to_string());
    }
    match args.format {
        Format::Json => {
            let out = serde_json::json!({ "at": rt.now.to_rfc3339(), "applied": counts, "errors": errors });
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        Format::Human => {
            let visited = counts.remove("customers").unwrap_or(0);
            let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
            println!(
                "applied at {}: {visited} customers visited{}",
                crate::timefmt::format_instant(rt.now, rt.flow.timezone),
                if parts.is_empty() {
                    ", nothing new".into()
                } else {
                    format!(", {}", parts.join(", "))
                }
            );
            for e in &errors {
                eprintln!("error: {e}");
            }
        }
    }
    if errors.is_empty() {
        Exit::Success
    } else {
        Exit::Failure
    }
}
