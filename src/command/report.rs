//! `salesflow report funnel|dwell|journey`: resolves the flags (period, groups,
//! comparison, language), reads the store read-only, and writes the report in
//! the format asked, to standard output or `--out FILE`.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};

use super::Exit;
use super::runtime::{Runtime, usage};
use super::settings::store_error;
use crate::cli::{Format, LangArg, ReportArgs, ReportBy, ReportFormat, ReportKind, RunArgs};
use crate::report::{self, By, Kind, Lang, Options, Period, ReportError};

pub(super) fn run(args: &ReportArgs) -> Exit {
    let run = RunArgs {
        db: args.db.clone(),
        rules: args.rules.clone(),
        team: args.team.clone(),
        at: args.at.clone(),
        format: if args.format == ReportFormat::Json {
            Format::Json
        } else {
            Format::Human
        },
    };
    let (rt, store) = match Runtime::reading(&run) {
        Ok(x) => x,
        Err(e) => return e,
    };
    let tz = rt.flow.timezone;
    let opts = match options(args, &rt, tz) {
        Ok(o) => o,
        Err(e) => return report_error(&e, args.format),
    };
    let mut names: HashMap<String, String> = match store.people() {
        Ok(people) => people.into_iter().map(|p| (p.id, p.name)).collect(),
        Err(e) => return store_error(&e),
    };
    for p in &rt.team.people {
        names.entry(p.id.clone()).or_insert_with(|| p.name.clone());
    }
    let report = match report::build(&store, &rt.flow, &names, &opts) {
        Ok(r) => r,
        Err(e) => return report_error(&e, args.format),
    };
    let to_file = args.out.is_some();
    let text = match args.format {
        ReportFormat::Human => report::human::render(
            &report,
            !to_file && super::color(std::io::stdout().is_terminal()),
        ),
        ReportFormat::Json => {
            serde_json::to_string_pretty(&report::json::render(&report)).unwrap_or_default() + "\n"
        }
        // Excel reads a CSV file as UTF-8 only after a byte-order mark.
        ReportFormat::Csv if to_file => format!("\u{feff}{}", report::csv::render(&report)),
        ReportFormat::Csv => report::csv::render(&report),
        ReportFormat::Html => report::html::render(&report),
    };
    match &args.out {
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => Exit::Success,
            Err(e) => usage(&format!("cannot write `{}`: {e}", path.display())),
        },
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                // A closed pipe (`| head`) ends the command quietly.
                Ok(()) => Exit::Success,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Exit::Success,
                Err(e) => usage(&format!("cannot write the report: {e}")),
            }
        }
    }
}

fn options(args: &ReportArgs, rt: &Runtime, tz: chrono_tz::Tz) -> Result<Options, ReportError> {
    let period = Period::resolve(args.from.as_deref(), args.to.as_deref(), rt.now, tz)?;
    let compare = args
        .compare_to
        .as_deref()
        .map(|c| period.compare_to(c, tz))
        .transpose()?;
    let lang = match (args.lang, args.format) {
        // Machine formats do not depend on the runner's locale.
        (Some(LangArg::En), _) | (None, ReportFormat::Json | ReportFormat::Csv) => Lang::En,
        (Some(LangArg::Zh), _) => Lang::Zh,
        (None, ReportFormat::Human | ReportFormat::Html) => Lang::from_env(),
    };
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
        now: rt.now,
        lang,
        calendar: args.calendar.clone(),
    })
}

/// Prints the error (as JSON on stdout with `--format json`) and gives its exit
/// code: a store that cannot be read as `store_error` says, the rest usage.
fn report_error(e: &ReportError, format: ReportFormat) -> Exit {
    if let ReportError::Store(s) = e {
        if format != ReportFormat::Json {
            return store_error(s);
        }
    }
    if format == ReportFormat::Json {
        let code = miette::Diagnostic::code(e).map(|c| c.to_string());
        let help = miette::Diagnostic::help(e).map(|h| h.to_string());
        let out = serde_json::json!({ "error": { "code": code, "message": e.to_string(), "help": help } });
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        return Exit::Usage;
    }
    eprintln!("error: {e}");
    if let Some(help) = miette::Diagnostic::help(e) {
        eprintln!("  help: {help}");
    }
    Exit::Usage
}
