//! `salesflow apply`: evaluates the customers with new records or a due time and
//! writes their new effects and outbox rows, a batch of customers per
//! transaction. A second `apply` at the same time does nothing; a crash leaves
//! every customer either fully applied or untouched.

use std::collections::BTreeMap;
use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

use super::Exit;
use super::plan::pending;
use super::runtime::{Runtime, usage};
use crate::cli::{Format, RunArgs};
use crate::engine::Engine;
use crate::store::Tick;

/// Customers written per transaction: each is all or nothing either way, and a
/// batch writes the index pages they share once.
const BATCH: usize = 100;

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
    for chunk in ids.chunks(BATCH) {
        let mut pendings = Vec::with_capacity(chunk.len());
        for id in chunk {
            bar.inc(1);
            match pending(&store, &engine, id, rt.now) {
                Ok(Some(mut p)) => {
                    // A message that failed to render is retried on every apply
                    // until the data or the rules are fixed.
                    if !p.eval.errors.is_empty() {
                        p.eval.next_wake = Some(rt.now);
                    }
                    pendings.push(p);
                }
                Ok(None) => {}
                Err(e) => return usage(&e),
            }
        }
        let batch: Vec<_> = pendings
            .iter()
            .map(|p| (&p.eval, p.effects().collect()))
            .collect();
        for p in &pendings {
            errors.extend(p.eval.errors.iter().cloned());
        }
        match store.apply_batch(&batch, rt.now) {
            Ok(outcomes) => {
                for (kind, n) in outcomes.into_iter().flat_map(|o| o.by_kind) {
                    *counts.entry(kind.to_string()).or_default() += n as u64;
                }
            }
            Err(e) => return usage(&e.to_string()),
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
