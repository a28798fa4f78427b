//! `salesflow import KIND FILE`: reads and checks every row against the rules, the
//! team and the store, then writes the whole file in one transaction — or, when
//! any row is wrong, lists every error and writes nothing.

use std::collections::HashSet;
use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::json;

use super::output::{Printer, outln};
use super::{CommandError, Outcome, Result, Settings};
use crate::cli::{Format, ImportArgs};
use crate::import::{Context, ImportKind, Progress, load};
use crate::store::ImportCounts;

/// Files with fewer rows than this get no progress bar.
const BAR_FROM_ROWS: usize = 2_000;

pub(super) fn run(args: &ImportArgs, s: &Settings, p: &mut Printer) -> Result {
    if args.map.is_some() {
        return Err(CommandError::usage(
            t!("error-map-not-implemented"),
            Some(t!("help-map-not-implemented")),
        ));
    }
    let flow = match args.kind {
        ImportKind::Team => None,
        ImportKind::Tasks => s.flow()?,
        kind => Some(s.require_flow(&format!("import {}", kind.name()))?),
    };
    let team_file = s.team_file()?;
    let mut store = s.open_store()?;
    let ctx = context(&store, flow, team_file.as_ref())?;
    let bar = Bar::new(s.format == Format::Human && std::io::stderr().is_terminal());
    let loaded = load(args.kind, &args.file, &ctx, &bar);
    bar.bar.finish_and_clear();
    let batch = loaded.map_err(|e| CommandError::import(e, args.kind.name()))?;
    let counts = store.import(&batch, args.dry_run)?;
    if s.format == Format::Json {
        outln!(
            p,
            "{}",
            super::pretty(&json!({
                "file": args.file.display().to_string(),
                "kind": args.kind.name(),
                "dry_run": args.dry_run,
                "written": !args.dry_run,
                "counts": counts,
            }))
        );
    } else {
        let summary = summary(&counts);
        let file = args.file.display().to_string();
        if args.dry_run {
            outln!(
                p,
                "{}",
                t!("import-dry-run", file = file, summary = summary)
            );
        } else {
            outln!(p, "{}", t!("import-done", file = file, summary = summary));
        }
    }
    Ok(Outcome::Done)
}

/// What rows are checked against: the rules, people of the store and of the team
/// file, customers of the store.
fn context<'a>(
    store: &crate::store::Store,
    flow: Option<&'a crate::model::Flow>,
    team_file: Option<&crate::team::Team>,
) -> Result<Context<'a>, crate::store::StoreError> {
    let stored = store.team()?;
    let mut people: HashSet<String> = stored.people.iter().map(|p| p.id.clone()).collect();
    people.extend(
        team_file
            .iter()
            .flat_map(|t| t.people.iter().map(|p| p.id.clone())),
    );
    Ok(Context {
        flow,
        people,
        customers: store.all_customer_ids()?.into_iter().collect(),
        defaults: stored.defaults,
    })
}

fn summary(c: &ImportCounts) -> String {
    let mut parts = Vec::new();
    for (n, part) in [
        (c.people, t!("import-people", n = c.people)),
        (
            c.customers_new,
            t!("import-customers-new", n = c.customers_new),
        ),
        (
            c.customers_changed,
            t!("import-customers-changed", n = c.customers_changed),
        ),
        (c.events_new, t!("import-events-new", n = c.events_new)),
        (
            c.events_known,
            t!("import-events-known", n = c.events_known),
        ),
        (
            c.tasks_written,
            t!("import-tasks-written", n = c.tasks_written),
        ),
        (c.tasks_known, t!("import-tasks-known", n = c.tasks_known)),
    ] {
        if n > 0 {
            parts.push(part);
        }
    }
    if parts.is_empty() {
        t!("nothing-new")
    } else {
        parts.join(t!("list-separator").as_str())
    }
}

/// A progress bar over the rows on a terminal, for large files only.
struct Bar {
    bar: ProgressBar,
    visible: bool,
}

impl Bar {
    fn new(visible: bool) -> Bar {
        Bar {
            bar: ProgressBar::hidden(),
            visible,
        }
    }
}

impl Progress for Bar {
    fn start(&self, total: usize) {
        if self.visible && total >= BAR_FROM_ROWS {
            if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} rows {eta}") {
                self.bar.set_style(style);
            }
            self.bar.set_length(total as u64);
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    fn row(&self) {
        self.bar.inc(1);
    }
}
