//! `salesflow calendar NAME add|between|show`: a calendar of the rules, for ops to
//! check a deadline by hand.

use serde_json::json;

use super::Exit;
use crate::calendar::WorkDuration;
use crate::check::{DiskLoader, check_path};
use crate::cli::{CalendarArgs, CalendarOp, Format};
use crate::model::Flow;
use crate::syntax::ast::DurationUnit;
use crate::timefmt::{format_instant, format_working, parse_instant, rfc3339};

pub(super) fn run(args: &CalendarArgs) -> Exit {
    let Some(rules) = args
        .rules
        .clone()
        .or_else(|| crate::config::Config::load().ok().and_then(|c| c.rules))
    else {
        eprintln!("error: no rules given: pass `--rules FILE` or set `rules:` in salesflow.yaml");
        return Exit::Usage;
    };
    let checked = match check_path(&rules, &DiskLoader) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: cannot read `{}`: {e}", rules.display());
            return Exit::Usage;
        }
    };
    let Some(flow) = checked.flow else {
        for d in &checked.diagnostics {
            eprint!("{}", d.render_to_string(false));
        }
        eprintln!(
            "error: `{}` does not check; run `salesflow check` on it",
            rules.display()
        );
        return Exit::Failure;
    };
    match compute(&flow, args) {
        Ok(out) => {
            println!("{out}");
            Exit::Success
        }
        Err(message) => {
            eprintln!("error: {message}");
            Exit::Usage
        }
    }
}

fn compute(flow: &Flow, args: &CalendarArgs) -> Result<String, String> {
    let Some(def) = flow.calendar(&args.name) else {
        let names: Vec<_> = flow
            .calendars
            .iter()
            .map(|c| format!("`{}`", c.name))
            .collect();
        return Err(format!(
            "no calendar `{}` in the rules (declared: {})",
            args.name,
            if names.is_empty() {
                "none".into()
            } else {
                names.join(", ")
            }
        ));
    };
    let cal = &def.calendar;
    let tz = flow.timezone;
    let json = args.format == Format::Json;
    match &args.op {
        CalendarOp::Add { time, duration } => {
            let start = parse_instant(time, tz)?;
            let d = work_duration(duration)?;
            let end = cal.add(start, d).ok_or_else(|| {
                format!("calendar `{}` has no working time after {time}", args.name)
            })?;
            Ok(if json {
                json!({"calendar": args.name, "start": rfc3339(start, tz), "duration": duration, "result": rfc3339(end, tz)}).to_string()
            } else {
                format_instant(end, tz)
            })
        }
        CalendarOp::Between { from, to } => {
            let (a, b) = (parse_instant(from, tz)?, parse_instant(to, tz)?);
            let seconds = cal.between(a, b);
            Ok(if json {
                json!({"calendar": args.name, "from": rfc3339(a, tz), "to": rfc3339(b, tz), "seconds": seconds, "working": format_working(seconds)}).to_string()
            } else {
                format_working(seconds)
            })
        }
        CalendarOp::Show { from, to } => {
            let parse = |s: &str| {
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_err(|_| format!("`{s}` is not a date (YYYY-MM-DD)"))
            };
            let (from, to) = (parse(from)?, parse(to)?);
            if to < from || (to - from).num_days() > 3660 {
                return Err("`--to` must be on or after `--from`, within ten years".into());
            }
            let days = cal.show(from, to);
            Ok(if json {
                serde_json::to_string_pretty(&days).map_err(|e| e.to_string())?
            } else {
                days.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
    }
}

/// `48h`, `7h30m`, `2d`, `1d4h`: working time; `w` is refused as in the rules.
fn work_duration(text: &str) -> Result<WorkDuration, String> {
    let parts = crate::syntax::parse_duration(text)
        .map_err(|_| format!("`{text}` is not a duration: write `48h`, `7h30m` or `2d`"))?;
    let mut d = WorkDuration::default();
    for (amount, unit) in parts {
        let amount = i64::try_from(amount).map_err(|_| "duration too large".to_string())?;
        match unit {
            DurationUnit::Minutes => d.seconds += amount * 60,
            DurationUnit::Hours => d.seconds += amount * 3600,
            DurationUnit::Days => {
                d.days += u32::try_from(amount).map_err(|_| "duration too large".to_string())?;
            }
            DurationUnit::Weeks => return Err("`w` is not a unit of working time: say `5d`".into()),
        }
    }
    Ok(d)
}
