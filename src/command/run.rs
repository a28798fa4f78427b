//! `salesflow run --every 5m` (or `--once`, for cron): the scheduler. Each tick
//! applies the rules (the one evaluation path, [`crate::apply::Pass`]), queues the
//! digests whose time has come, then delivers the outbox, and writes one log line
//! (`--format json`: one JSON object per line). SIGINT or SIGTERM finish the
//! message in hand (or the apply in hand), record it, and exit 0; a second signal
//! exits at once with 1.
//!
//! Digests (`digests:` of salesflow.yaml) are queued after the apply, once per
//! period each, and delivered with the rest.
//!
//! The rules, team and salesflow.yaml are read once at start: restart `run` after
//! changing them (README shows a systemd unit). Under `--every`, a tick that
//! fails (the store busy beyond its retries, say) is logged and the next tick
//! runs; under `--once` its error is the command's.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, SubsecRound, TimeDelta, Utc};
use chrono_tz::Tz;
use serde_json::json;

use super::delivery::{Delivery, counts, report_json};
use super::digest_source::ReportDigests;
use super::output::{Printer, outln};
use super::{CommandError, Outcome, Result, Settings};
use crate::apply::{ApplyReport, Pass};
use crate::cli::{Format, RunArgs};
use crate::deliver::{Clock, DigestSource, Digests, Report, plan_digests};
use crate::engine::Engine;
use crate::model::Flow;
use crate::store::Store;
use crate::team::Team;
use crate::timefmt::{format_instant, rfc3339};

/// A flag set by SIGINT or SIGTERM; a second signal ends the process at once.
pub(super) fn stop_on_signals() -> Result<Arc<AtomicBool>> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let flag = Arc::new(AtomicBool::new(false));
    for signal in [SIGINT, SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&flag))
            .and_then(|_| signal_hook::flag::register(signal, Arc::clone(&flag)))
            .map_err(|e| CommandError::usage(t!("error-signals", reason = e.to_string()), None))?;
    }
    Ok(flag)
}

pub(super) fn run(args: &RunArgs, s: &Settings, p: &mut Printer) -> Result {
    let every = args.every.as_deref().map(parse_every).transpose()?;
    let flow = s.require_flow("run")?;
    let delivery = Delivery::prepare(s, true)?;
    let configured = s
        .config
        .as_ref()
        .map_or(&[][..], |l| l.config.digests.as_slice());
    let digests = Digests::new(plan_digests(configured, &delivery.team)?);
    let source = (!digests.is_empty())
        .then(|| ReportDigests::new(flow, &delivery.team, s.db.clone(), s.lang));
    let digests = Pushed {
        digests: &digests,
        source: source.as_ref().map(|r| r as &dyn DigestSource),
    };
    let mut store = s.open_store()?;
    let stop = stop_on_signals()?;
    let stopped = || stop.load(Ordering::Relaxed);
    loop {
        // Whole seconds: the store keeps no less, and `--at 12:05` ticks at 12:05.
        let started = delivery.clock.now().trunc_subsecs(0);
        let tick = every.map(|every| started + every);
        let outcome = run_tick(
            flow, &delivery, &digests, &mut store, started, tick, &stopped,
        );
        let failed = match &outcome {
            Ok(done) => done.failed(),
            Err(_) => true,
        };
        log(p, s.format, started, delivery.tz, &outcome);
        if let Some(e) = p.finish() {
            return Err(CommandError::Output(e));
        }
        let Some(next) = tick else {
            outcome?;
            return Ok(if failed {
                Outcome::Failed
            } else {
                Outcome::Done
            });
        };
        if stopped() || !delivery.clock.sleep_until(next, &stopped) {
            return Ok(Outcome::Done);
        }
    }
}

/// The digests and where their text comes from.
struct Pushed<'a> {
    digests: &'a Digests,
    source: Option<&'a dyn DigestSource>,
}

/// What one tick did.
struct Tick {
    applied: ApplyReport,
    digests: usize,
    delivered: Option<Report>,
}

impl Tick {
    /// Whether the rules failed for a customer or a message was given up.
    fn failed(&self) -> bool {
        !self.applied.errors.is_empty() || self.delivered.as_ref().is_some_and(|d| d.dead > 0)
    }
}

/// Apply at `now`, then deliver (waiting for rate windows until `until`, the
/// next tick).
fn run_tick(
    flow: &Flow,
    delivery: &Delivery,
    pushed: &Pushed<'_>,
    store: &mut Store,
    now: DateTime<Utc>,
    until: Option<DateTime<Utc>>,
    stopped: &dyn Fn() -> bool,
) -> Result<Tick> {
    let applied = apply(flow, &delivery.team, store, now)?;
    let digests = match pushed.source {
        Some(source) => pushed.digests.queue_due(store, source, now, delivery.tz)?,
        None => 0,
    };
    if stopped() || delivery.channels.list.is_empty() {
        return Ok(Tick {
            applied,
            digests,
            delivered: None,
        });
    }
    let delivered = delivery.deliver(store, until, stopped)?;
    Ok(Tick {
        applied,
        digests,
        delivered: Some(delivered),
    })
}

/// The rules applied at `now`: the one place `run` evaluates them.
fn apply(flow: &Flow, team: &Team, store: &mut Store, now: DateTime<Utc>) -> Result<ApplyReport> {
    let engine = Engine::new(flow, team);
    Ok(Pass::new(store, &engine, now)?.apply(store, &mut |_| {}, &mut |_, _| {})?)
}

/// One line per tick.
fn log(p: &mut Printer, format: Format, at: DateTime<Utc>, tz: Tz, outcome: &Result<Tick>) {
    let json = format == Format::Json;
    match outcome {
        Err(e) if json => {
            let mut doc = e.to_json();
            doc["at"] = json!(rfc3339(at, tz));
            outln!(p, "{doc}");
        }
        Err(e) => {
            let line = t!(
                "run-tick-failed",
                at = format_instant(at, tz),
                error = e.to_string()
            );
            outln!(p, "{line}");
        }
        Ok(tick) if json => {
            let mut applied: BTreeMap<String, u64> = tick.applied.applied.clone();
            applied.insert("customers".into(), tick.applied.visited as u64);
            let doc = json!({
                "at": rfc3339(at, tz),
                "applied": applied,
                "errors": tick.applied.errors,
                "digests": tick.digests,
                "delivered": tick.delivered.as_ref().map(|r| {
                    let mut d = report_json(r, at, tz);
                    if let Some(map) = d.as_object_mut() {
                        map.remove("at");
                    }
                    d
                }),
            });
            outln!(p, "{doc}");
        }
        Ok(tick) => {
            let kinds: Vec<String> = tick
                .applied
                .applied
                .iter()
                .map(|(k, n)| format!("{n} {}", super::plan::kind_name(k)))
                .collect();
            let applied = if kinds.is_empty() {
                t!("nothing-new")
            } else {
                kinds.join(t!("list-separator").as_str())
            };
            let delivered = tick
                .delivered
                .as_ref()
                .map_or_else(|| t!("run-no-channels"), counts);
            let line = t!(
                "run-tick",
                at = format_instant(at, tz),
                customers = tick.applied.visited,
                applied = applied,
                errors = tick.applied.errors.len(),
                digests = tick.digests,
                delivered = delivered
            );
            outln!(p, "{line}");
        }
    }
}

/// `--every`: a positive duration (`5m`, `1h`, `30s`).
fn parse_every(text: &str) -> Result<TimeDelta> {
    humantime::parse_duration(text)
        .ok()
        .and_then(|d| TimeDelta::from_std(d).ok())
        .filter(|d| *d >= TimeDelta::seconds(1))
        .ok_or_else(|| CommandError::BadValue {
            message: t!("error-run-every", value = text),
            help: Some(t!("help-run-every")),
        })
}
