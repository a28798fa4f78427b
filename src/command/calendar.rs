//! `salesflow calendar NAME add|between|show`: a calendar of the rules, for ops to
//! check a deadline by hand.

use serde_json::json;

use super::output::{Printer, outln};
use super::{CommandError, Outcome, Result, Settings};
use crate::calendar::WorkDuration;
use crate::cli::{CalendarArgs, CalendarOp, Format};
use crate::syntax::ast::DurationUnit;
use crate::timefmt::{format_instant, format_working, parse_instant, rfc3339};

pub(super) fn run(args: &CalendarArgs, s: &Settings, p: &mut Printer) -> Result {
    let flow = s.require_flow("`calendar`")?;
    let Some(def) = flow.calendar(&args.name) else {
        let names: Vec<_> = flow
            .calendars
            .iter()
            .map(|c| format!("`{}`", c.name))
            .collect();
        return Err(CommandError::UnknownCalendar {
            name: args.name.clone(),
            declared: if names.is_empty() {
                "none".into()
            } else {
                names.join(", ")
            },
        });
    };
    let cal = &def.calendar;
    let tz = flow.timezone;
    let json = s.format == Format::Json;
    let time = |text: &str| parse_instant(text, tz).map_err(CommandError::bad_value);
    let out = match &args.op {
        CalendarOp::Add {
            time: start,
            duration,
        } => {
            let start_at = time(start)?;
            let d = work_duration(duration)?;
            let end = cal.add(start_at, d).ok_or_else(|| {
                CommandError::bad_value(format!(
                    "calendar `{}` has no working time after {start}",
                    args.name
                ))
            })?;
            if json {
                super::pretty(
                    &json!({"calendar": args.name, "start": rfc3339(start_at, tz), "duration": duration, "result": rfc3339(end, tz)}),
                )
            } else {
                format_instant(end, tz)
            }
        }
        CalendarOp::Between { from, to } => {
            let (a, b) = (time(from)?, time(to)?);
            let seconds = cal.between(a, b);
            if json {
                super::pretty(
                    &json!({"calendar": args.name, "from": rfc3339(a, tz), "to": rfc3339(b, tz), "seconds": seconds, "working": format_working(seconds)}),
                )
            } else {
                format_working(seconds)
            }
        }
        CalendarOp::Show { from, to } => {
            let date = |s: &str| {
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
                    CommandError::BadValue {
                        message: format!("`{s}` is not a date"),
                        help: Some("write a day as YYYY-MM-DD: `2026-02-13`".into()),
                    }
                })
            };
            let (from, to) = (date(from)?, date(to)?);
            if to < from || (to - from).num_days() > 3660 {
                return Err(CommandError::bad_value(
                    "`--to` must be on or after `--from`, within ten years",
                ));
            }
            let days = cal.show(from, to);
            if json {
                super::pretty(&serde_json::to_value(&days).unwrap_or_default())
            } else {
                days.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            }
        }
    };
    outln!(p, "{out}");
    Ok(Outcome::Done)
}

/// `48h`, `7h30m`, `2d`, `1d4h`: working time; `w` is refused as in the rules.
fn work_duration(text: &str) -> Result<WorkDuration> {
    let too_large = || CommandError::bad_value(format!("`{text}`: duration too large"));
    let parts = crate::syntax::parse_duration(text).map_err(|_| CommandError::BadValue {
        message: format!("`{text}` is not a duration"),
        help: Some("write `48h`, `7h30m` or `2d`".into()),
    })?;
    let mut d = WorkDuration::default();
    for (amount, unit) in parts {
        let amount = i64::try_from(amount).map_err(|_| too_large())?;
        match unit {
            DurationUnit::Minutes | DurationUnit::Hours => {
                let unit = if unit == DurationUnit::Minutes {
                    60
                } else {
                    3600
                };
                d.seconds = amount
                    .checked_mul(unit)
                    .and_then(|s| d.seconds.checked_add(s))
                    .ok_or_else(too_large)?;
            }
            DurationUnit::Days => {
                let days = u32::try_from(amount).map_err(|_| too_large())?;
                d.days = d.days.checked_add(days).ok_or_else(too_large)?;
            }
            DurationUnit::Weeks => {
                return Err(CommandError::BadValue {
                    message: format!("`{text}`: `w` is not a unit of working time"),
                    help: Some("say `5d`".into()),
                });
            }
        }
    }
    Ok(d)
}
