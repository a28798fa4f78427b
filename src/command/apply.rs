//! `salesflow apply`: evaluates the customers with new records or a due time and
//! writes their new effects and outbox rows, a batch of customers per
//! transaction. A second `apply` at the same time does nothing; a crash leaves
//! every customer either fully applied or untouched.

use std::collections::BTreeMap;
use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

use super::output::{Printer, errln, outln};
use super::plan::pending;
use super::{Outcome, Result, Settings};
use crate::cli::Format;
use crate::engine::Engine;
use crate::store::Tick;

/// Customers written per transaction: each is all or nothing either way, and a
/// batch writes the index pages they share once.
const BATCH: usize = 100;

pub(super) fn run(s: &Settings, p: &mut Printer) -> Result {
    let flow = s.require_flow("apply")?;
    let team = s.run_team()?;
    let now = s.now(flow.timezone)?;
    let mut store = s.open_store()?;
    let started = chrono::Utc::now();
    let engine = Engine::new(flow, &team);
    let ids = store.customers_to_visit(now)?;
    let bar = if std::io::stderr().is_terminal() && s.format == Format::Human && ids.len() > 1 {
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
            if let Some(mut pending) = pending(&store, &engine, id, now)? {
                // A message that failed to render is retried on every apply
                // until the data or the rules are fixed.
                if !pending.eval.errors.is_empty() {
                    pending.eval.next_wake = Some(now);
                }
                pendings.push(pending);
            }
        }
        let batch: Vec<_> = pendings
            .iter()
            .map(|p| (&p.eval, p.effects().collect()))
            .collect();
        for pending in &pendings {
            errors.extend(pending.eval.errors.iter().cloned());
        }
        for (kind, n) in store
            .apply_batch(&batch, now)?
            .into_iter()
            .flat_map(|o| o.by_kind)
        {
            *counts.entry(kind.to_string()).or_default() += n as u64;
        }
    }
    bar.finish_and_clear();
    counts.insert("customers".into(), ids.len() as u64);
    let tick = Tick {
        at: now,
        rules_digest: flow.digest.clone(),
        started,
        finished: Some(chrono::Utc::now()),
        counts: counts.clone(),
    };
    store.record_tick(&tick)?;
    let tz = flow.timezone;
    if s.format == Format::Json {
        let out = serde_json::json!({ "at": crate::timefmt::rfc3339(now, tz), "applied": counts, "errors": errors });
        outln!(p, "{}", super::pretty(&out));
    } else {
        let visited = counts.remove("customers").unwrap_or(0);
        let parts: Vec<String> = counts
            .iter()
            .map(|(k, n)| format!("{n} {}", super::plan::kind_name(k)))
            .collect();
        let at = crate::timefmt::format_instant(now, tz);
        let line = if parts.is_empty() {
            t!("apply-nothing-new", at = at, customers = visited)
        } else {
            t!(
                "apply-summary",
                at = at,
                customers = visited,
                counts = parts.join(t!("list-separator").as_str())
            )
        };
        outln!(p, "{line}");
        for e in &errors {
            errln!(p, "{}", t!("error-line", message = e));
        }
    }
    if errors.is_empty() {
        Ok(Outcome::Done)
    } else {
        Ok(Outcome::Failed)
    }
}
