//! `salesflow explain CUSTOMER`: every health state and segment in order with each
//! condition and its actual values, the witness events, the stage visit and the
//! running timers with their next deadlines.

use std::fmt::Write as _;

use super::output::{Printer, out, outln};
use super::{Outcome, Result, Settings};
use crate::apply::Pass;
use crate::cli::{ExplainArgs, Format};
use crate::engine::Engine;
use crate::engine::explain::{Explanation, StateExplain};
use crate::store::StoreError;
use crate::timefmt::{format_instant, format_seconds};

pub(super) fn run(args: &ExplainArgs, s: &Settings, p: &mut Printer) -> Result {
    let flow = s.require_flow("`explain`")?;
    let team = s.run_team()?;
    let now = s.now(flow.timezone)?;
    let store = s.read_store()?;
    let engine = Engine::new(flow, &team);
    let history = Pass::new(&store, &engine, now)?
        .history(&store, &args.customer)?
        .ok_or_else(|| StoreError::UnknownCustomer(args.customer.clone()))?;
    let x = engine.explain(&history, now);
    if s.format == Format::Json {
        let mut json = serde_json::to_value(&x).unwrap_or_default();
        super::json_time::localize(&mut json, flow.timezone);
        outln!(p, "{}", super::pretty(&json));
    } else {
        out!(p, "{}", render(&x, &history.customer.name, flow.timezone));
    }
    Ok(Outcome::Done)
}

/// The human explanation.
fn render(x: &Explanation, name: &str, tz: chrono_tz::Tz) -> String {
    let e = &x.evaluation;
    let at = |t| format_instant(t, tz);
    let mut out = String::new();
    let _ = writeln!(out, "{} {name} at {}", e.customer, at(e.at));
    match e.visits.last().filter(|v| v.left_at.is_none()) {
        Some(v) => {
            let _ = writeln!(
                out,
                "stage: {} since {} ({})",
                v.stage,
                at(v.entered_at),
                format_seconds((e.at - v.entered_at).num_seconds())
            );
        }
        None => {
            let _ = writeln!(out, "stage: (none)");
        }
    }
    let _ = writeln!(
        out,
        "\nhealth: {}",
        e.health.as_ref().map_or("(none)", |h| h.0.as_str())
    );
    states(&mut out, &x.health);
    if !x.witnesses.is_empty() {
        let _ = writeln!(out, "  witness:");
        for w in &x.witnesses {
            let text = w.texts().collect::<Vec<_>>().join(" / ");
            let _ = writeln!(out, "    event {} {} {} {text}", w.id, at(w.at), w.kind);
        }
    } else if e.health.as_ref().is_some_and(|h| h.1.creation) {
        let _ = writeln!(
            out,
            "  witness: the customer's creation record ({})",
            at(x.evaluation.visits.first().map_or(e.at, |v| v.entered_at))
        );
    }
    let _ = writeln!(
        out,
        "\nsegment: {}",
        e.segment.as_deref().unwrap_or("(none)")
    );
    states(&mut out, &x.segments);
    if !e.tags.is_empty() {
        let _ = writeln!(out, "\ntags: {}", e.tags.join(", "));
    }
    if !e.timers.is_empty() {
        let _ = writeln!(out, "\ntimers:");
        for t in &e.timers {
            let next = t
                .next
                .as_ref()
                .map(|(step, due)| format!(", next: {step} at {}", at(*due)))
                .unwrap_or_default();
            let paused = if t.pauses.iter().any(|p| p.1.is_none()) {
                ", paused"
            } else {
                ""
            };
            // `met_late`: the `until` held after a step had fired; both instants shown.
            let ended = t
                .ended_at
                .map(|e| format!(", ended {}", at(e)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {} #{} {} since {}{ended}{paused}{next}",
                t.escalation,
                t.epoch,
                t.state,
                at(t.started_at)
            );
            for (step, due) in &t.skipped {
                let _ = writeln!(
                    out,
                    "      skipped {step} (due {}, before the current rules took over)",
                    at(*due)
                );
            }
        }
    }
    for err in &e.errors {
        let _ = writeln!(out, "\nerror: {err}");
    }
    out
}

fn states(out: &mut String, states: &[StateExplain]) {
    for line in crate::engine::explain::explain_lines(states) {
        let _ = writeln!(out, "{line}");
    }
}
