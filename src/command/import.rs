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
            "`--map` is not implemented yet",
            Some("rename the columns to those README.md lists under \"Import columns\""),
        ));
    }
    let flow = match args.kind {
        ImportKind::Team => None,
        ImportKind::Tasks => s.flow()?,
        kind => Some(s.require_flow(&format!("importing {}", kind.name()))?),
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
        outln!(
            p,
            "{} `{}`: {}",
            if args.dry_run {
                "dry run, nothing written;"
            } else {
                "imported"
            },
            args.file.display(),
            summary(&counts)
        );
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
    let mut add = |n: usize, what: &str| {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    };
    add(c.people, "people in the team");
    add(c.customers_new, "new customers");
    add(c.customers_changed, "customers changed");
    add(c.events_new, "new events");
    add(c.events_known, "events already recorded");
    add(c.tasks_written, "tasks written");
    add(c.tasks_known, "tasks already recorded");
    if parts.is_empty() {
        "nothing new".into()
    } else {
        parts.join(", ")
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
