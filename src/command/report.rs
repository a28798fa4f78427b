//! `salesflow report funnel|dwell|journey`: the period, groups, comparison and
//! language resolved from the flags, the store read read-only, the report written
//! in the format asked (`human`, `json`, `csv`, `html`) to standard output or
//! `--out FILE`.

use std::collections::HashMap;
use std::io::IsTerminal;

use chrono::{DateTime, Utc};

use super::output::{Printer, out};
use super::{CommandError, Outcome, Result, Settings};
use crate::cli::{Format, ReportArgs, ReportBy, ReportKind};
use crate::model::Flow;
use crate::report::{self, By, Kind, Lang, Options, Period};

pub(super) fn run(
    args: &ReportArgs,
    lang: Option<crate::cli::Lang>,
    s: &Settings,
    p: &mut Printer,
) -> Result {
    let flow = s.require_flow("`report`")?;
    let team = s.run_team()?;
    let now = s.now(flow.timezone)?;
    let store = s.read_store()?;
    let opts = options(args, lang, s, flow, now)?;
    let mut names: HashMap<String, String> = store
        .people()?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    for person in &team.people {
        names
            .entry(person.id.clone())
            .or_insert_with(|| person.name.clone());
    }
    let report = report::build(&store, flow, &names, &opts)?;
    let to_file = args.out.is_some();
    let text = match s.format {
        Format::Json => super::pretty(&report::json::render(&report)) + "\n",
        // Excel reads a CSV file as UTF-8 only after a byte-order mark.
        Format::Csv if to_file => format!("\u{feff}{}", report::csv::render(&report)),
        Format::Csv => report::csv::render(&report),
        Format::Html => report::html::render(&report),
        _ => report::human::render(
            &report,
            !to_file && super::color(std::io::stdout().is_terminal()),
        ),
    };
    match &args.out {
        Some(path) => std::fs::write(path, text).map_err(|source| CommandError::Write {
            path: path.clone(),
            source,
        })?,
        None => out!(p, "{text}"),
    }
    Ok(Outcome::Done)
}

fn options(
    args: &ReportArgs,
    lang: Option<crate::cli::Lang>,
    s: &Settings,
    flow: &Flow,
    now: DateTime<Utc>,
) -> Result<Options> {
    let tz = flow.timezone;
    let period = Period::resolve(args.from.as_deref(), args.to.as_deref(), now, tz)?;
    let compare = args
        .compare_to
        .as_deref()
        .map(|c| period.compare_to(c, tz))
        .transpose()?;
    Ok(Options {
        kind: match args.kind {
            ReportKind::Funnel => Kind::Funnel,
            ReportKind::Dwell => Kind::Dwell,
            ReportKind::Journey => Kind::Journey,
        },
        period,
        compare,
        by: args.by.map(|b| match b {
            ReportBy::Owner => By::Owner,
            ReportBy::Segment => By::Segment,
            ReportBy::Tag => By::Tag,
            ReportBy::Week => By::Week,
        }),
        now,
        // `--lang` wins; machine formats stay English without it; tables and
        // HTML follow the locale.
        lang: match (lang, s.format.is_machine()) {
            (Some(crate::cli::Lang::En), _) | (None, true) => Lang::En,
            (Some(crate::cli::Lang::Zh), _) => Lang::Zh,
            (None, false) => Lang::of(crate::i18n::Lang::from_locale()),
        },
        calendar: args.calendar.clone(),
    })
}
