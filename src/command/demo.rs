//! `salesflow demo`: builds the demo project (in `--dir`, or a new temporary
//! folder that is kept), generates its history day by day, then prints the tour
//! (or, with `--format json`, a summary object). A progress bar shows the days on
//! a terminal, and nothing when the output is piped or JSON.

use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::{Duration, Utc};
use indicatif::{ProgressBar, ProgressStyle};

use super::output::{Printer, out, outln};
use super::{CommandError, Outcome, Result, Settings};
use crate::cli::{DemoArgs, Format};
use crate::demo::tour::reports::TourReports;
use crate::demo::tour::{self, Tour};
use crate::demo::{self, DemoError, Progress, Project, Spec};
use crate::store::Store;

pub(super) fn run(args: &DemoArgs, s: &Settings, p: &mut Printer) -> Result {
    let dir = match &args.dir {
        Some(dir) => dir.clone(),
        None => temporary_folder()?,
    };
    let project = Project::at(&dir);
    let roster = demo::people::roster(args.seed, args.customers);
    project.write(&demo::people::team_file(&roster.team))?;
    let flow = project.flow()?;
    // The history ends the day before "now" (`--at`, else the clock), so every
    // command run afterwards is later than the last apply.
    let today = s
        .now(flow.timezone)?
        .with_timezone(&flow.timezone)
        .date_naive();
    let spec = Spec {
        customers: args.customers,
        days: args.days,
        seed: args.seed,
        start: today - Duration::days(i64::from(args.days)),
    };
    let mut store = Store::create(&project.db)?;
    let show_bar = std::io::stderr().is_terminal() && s.format == Format::Human;
    let mut bar = ProgressBar::hidden();
    let mut progress = |step: Progress| match step {
        Progress::Start(days) if show_bar => {
            bar = ProgressBar::new(u64::from(days));
            if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {eta}") {
                bar.set_style(style);
            }
        }
        Progress::Start(_) => {}
        Progress::Day => bar.inc(1),
    };
    let team = roster.team.clone();
    let summary = demo::generate(&mut store, &flow, roster, &spec, &mut progress)?;
    bar.finish_and_clear();
    let mut tour = Tour::collect(&store, &project, &flow, &team, &spec, &summary)?;
    if !args.no_tour {
        let now = summary.last_apply.unwrap_or_else(Utc::now);
        let lang = crate::report::Lang::of(s.text_lang());
        tour.reports = Some(TourReports::make(
            &store,
            &flow,
            &team,
            &project.dir,
            now,
            lang,
        )?);
    }
    if s.format == Format::Json {
        let mut doc = tour.to_json();
        if args.no_tour {
            doc["examples"] = serde_json::Value::Null;
        }
        outln!(p, "{}", super::pretty(&doc));
    } else if args.no_tour {
        out!(p, "{}", tour::human::built(&tour));
    } else {
        out!(p, "{}", tour::human::tour(&tour));
    }
    Ok(Outcome::Done)
}

/// A new folder under the system's temporary folder, kept after the command.
fn temporary_folder() -> Result<PathBuf> {
    let dir = tempfile::Builder::new()
        .prefix(&format!("salesflow-demo-{}-", Utc::now().format("%Y%m%d")))
        .tempdir()
        .map_err(|source| CommandError::Write {
            path: std::env::temp_dir(),
            source,
        })?;
    Ok(dir.keep())
}

impl From<DemoError> for CommandError {
    fn from(e: DemoError) -> Self {
        match e {
            DemoError::Store(e) => CommandError::Store(e),
            DemoError::Apply(e) => e.into(),
            e => CommandError::Demo(e),
        }
    }
}
