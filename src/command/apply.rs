//! `salesflow apply`: evaluates the customers with new records or a due time and
//! writes their new effects and outbox rows, a batch of customers per
//! transaction. A second `apply` at the same time does nothing; a crash leaves
//! every customer either fully applied or untouched.

use std::collections::BTreeMap;
use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

use super::Exit;
use super::runtime::{Runtime, usage};
use crate::apply::{Pass, Progress};
use crate::cli::{ApplyArgs, Format};
use crate::engine::Engine;

pub(super) fn run(apply: &ApplyArgs) -> Exit {
    let args = &apply.run;
    let rt = match Runtime::resolve(args) {
        Ok(rt) => rt,
        Err(e) => return e,
    };
    let mut store = match rt.write_store() {
        Ok(s) => s,
        Err(e) => return e,
    };
    if let Some(at) = &apply.live_from {
        let at = match crate::timefmt::parse_instant(at, rt.flow.timezone) {
            Ok(at) => at,
            Err(e) => return usage(&e),
        };
        if let Err(e) = store.move_live_from(at) {
            return usage(&e.to_string());
        }
    }
    let engine = Engine::new(&rt.flow, &rt.team);
    let pass = match Pass::new(&store, &engine, rt.now) {
        Ok(p) => p,
        Err(e) => return usage(&e.to_string()),
    };
    let show_bar = std::io::stderr().is_terminal() && args.format == Format::Human;
    let mut bar = ProgressBar::hidden();
    let mut progress = |p: Progress| match p {
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
    let report = match pass.apply(&mut store, &mut progress, &mut |_, _| {}) {
        Ok(r) => r,
        Err(e) => return usage(&e.to_string()),
    };
    bar.finish_and_clear();
    let mut counts: BTreeMap<String, u64> = report.applied.clone();
    let errors = report.errors;
    match args.format {
        Format::Json => {
            counts.insert("customers".into(), report.visited as u64);
            let out = serde_json::json!({ "at": rt.now.to_rfc3339(), "applied": counts, "errors": errors });
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        Format::Human => {
            let visited = report.visited;
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
