//! `salesflow explain CUSTOMER`: every health state and segment in order with each
//! condition and its actual values, the witness events, the stage visit and the
//! running timers with their next deadlines.

use std::fmt::Write as _;

use super::labels;
use super::output::{Printer, out, outln};
use super::{Outcome, Result, Settings};
use crate::apply::Pass;
use crate::cli::{ExplainArgs, Format};
use crate::engine::Engine;
use crate::engine::explain::{Explanation, StateExplain};
use crate::model::Flow;
use crate::store::StoreError;
use crate::timefmt::{format_instant, format_seconds};

pub(super) fn run(args: &ExplainArgs, s: &Settings, p: &mut Printer) -> Result {
    let flow = s.require_flow("explain")?;
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
        out!(p, "{}", render(&x, &history.customer.name, flow));
    }
    Ok(Outcome::Done)
}

/// The human explanation.
fn render(x: &Explanation, name: &str, flow: &Flow) -> String {
    let tz = flow.timezone;
    let e = &x.evaluation;
    let at = |t| format_instant(t, tz);
    let none = t!("none");
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        t!(
            "explain-head",
            customer = e.customer,
            name = name,
            at = at(e.at)
        )
    );
    let stage = match e.visits.last().filter(|v| v.left_at.is_none()) {
        Some(v) => t!(
            "explain-stage-since",
            stage = labels::stage(flow, &v.stage),
            since = at(v.entered_at),
            dwell = format_seconds((e.at - v.entered_at).num_seconds())
        ),
        None => none.clone(),
    };
    let _ = writeln!(out, "{}", t!("explain-stage", stage = stage));
    let health = e
        .health
        .as_ref()
        .map_or_else(|| none.clone(), |h| labels::health(flow, &h.0));
    let _ = writeln!(out, "\n{}", t!("explain-health", health = health));
    states(&mut out, &x.health);
    if !x.witnesses.is_empty() {
        let _ = writeln!(out, "  {}", t!("explain-witness"));
        for w in &x.witnesses {
            let text = w.texts().collect::<Vec<_>>().join(" / ");
            let _ = writeln!(
                out,
                "    {}",
                t!(
                    "explain-event",
                    id = w.id,
                    at = at(w.at),
                    kind = w.kind,
                    text = text
                )
            );
        }
    } else if e.health.as_ref().is_some_and(|h| h.1.creation) {
        let created = at(x.evaluation.visits.first().map_or(e.at, |v| v.entered_at));
        let _ = writeln!(out, "  {}", t!("explain-witness-creation", at = created));
    }
    let segment = e
        .segment
        .as_deref()
        .map_or_else(|| none.clone(), |s| labels::segment(flow, s));
    let _ = writeln!(out, "\n{}", t!("explain-segment", segment = segment));
    states(&mut out, &x.segments);
    if !e.tags.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            t!("explain-tags", tags = e.tags.join(&t!("list-separator")))
        );
    }
    if !e.timers.is_empty() {
        let _ = writeln!(out, "\n{}", t!("explain-timers"));
        for timer in &e.timers {
            let mut line = t!(
                "explain-timer",
                escalation = timer.escalation,
                epoch = timer.epoch,
                state = timer_state(&timer.state),
                since = at(timer.started_at)
            );
            // `met_late`: the `until` held after a step had fired; both instants shown.
            if let Some(ended) = timer.ended_at {
                line.push_str(&t!("explain-timer-ended", at = at(ended)));
            }
            if timer.pauses.iter().any(|p| p.1.is_none()) {
                line.push_str(&t!("explain-timer-paused"));
            }
            if let Some((step, due)) = &timer.next {
                line.push_str(&t!("explain-timer-next", step = step, at = at(*due)));
            }
            let _ = writeln!(out, "  {line}");
            for (step, due) in &timer.skipped {
                let _ = writeln!(
                    out,
                    "      {}",
                    t!("explain-timer-skipped", step = step, due = at(*due))
                );
            }
        }
    }
    for err in &e.errors {
        let _ = writeln!(out, "\n{}", t!("error-line", message = err));
    }
    out
}

fn states(out: &mut String, states: &[StateExplain]) {
    for line in crate::engine::explain::explain_lines(states) {
        let _ = writeln!(out, "{line}");
    }
}

/// A timer's state for people: `running`, `met`, `met_late`, `cancelled`.
fn timer_state(state: &str) -> String {
    match state {
        "running" => t!("timer-running"),
        "met" => t!("timer-met"),
        "met_late" => t!("timer-met-late"),
        "cancelled" => t!("timer-cancelled"),
        other => other.to_string(),
    }
}
