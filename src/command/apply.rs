//! `salesflow apply`: evaluates the customers with new records or a due time and
//! writes their new effects and outbox rows, a batch of customers per
//! transaction. A second `apply` at the same time does nothing; a crash leaves
//! every customer either fully applied or untouched.

use std::collections::BTreeMap;
use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

use super::output::{Printer, errln, outln};
use super::{Outcome, Result, Settings};
use crate::apply::{Pass, Progress};
use crate::cli::{ApplyArgs, Format};
use crate::engine::Engine;

pub(super) fn run(args: &ApplyArgs, s: &Settings, p: &mut Printer) -> Result {
    let flow = s.require_flow("apply")?;
    let team = s.run_team()?;
    let now = s.now(flow.timezone)?;
    let mut store = s.open_store()?;
    if let Some(at) = &args.live_from {
        let at = super::settings::time_arg(at, flow.timezone)?;
        store.move_live_from(at)?;
    }
    let engine = Engine::new(flow, &team);
    let pass = Pass::new(&store, &engine, now)?;
    let show_bar = std::io::stderr().is_terminal() && s.format == Format::Human;
    let mut bar = ProgressBar::hidden();
    let mut progress = |step: Progress| match step {
        Progress::Start(n) if show_bar && n > 1 => {
            bar = ProgressBar::new(n as u64);
            if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} customers {eta}")
            {
                bar.set_style(style);
            }
        }
        Progress::Start(_) => {}
        Progress::Customer => bar.inc(1),
    };
    let report = pass.apply(&mut store, &mut progress, &mut |_, _| {})?;
    bar.finish_and_clear();
    let mut counts: BTreeMap<String, u64> = report.applied.clone();
    let errors = report.errors;
    let tz = flow.timezone;
    if s.format == Format::Json {
        counts.insert("customers".into(), report.visited as u64);
        let out = serde_json::json!({ "at": crate::timefmt::rfc3339(now, tz), "applied": counts, "errors": errors });
        outln!(p, "{}", super::pretty(&out));
    } else {
        let visited = report.visited;
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
