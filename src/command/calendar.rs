//! `salesflow calendar NAME add|between|show`: a calendar of the rules, for ops to
//! check a deadline by hand.

use chrono::Datelike as _;
use serde_json::json;

use super::output::{Printer, outln};
use super::settings::time_arg;
use super::{CommandError, Outcome, Result, Settings};
use crate::calendar::{DayInfo, DayKind, WorkDuration};
use crate::cli::{CalendarArgs, CalendarOp, Format};
use crate::syntax::ast::DurationUnit;
use crate::timefmt::{format_instant, format_working, rfc3339};

pub(super) fn run(args: &CalendarArgs, s: &Settings, p: &mut Printer) -> Result {
    let flow = s.require_flow("calendar")?;
    let Some(def) = flow.calendar(&args.name) else {
        let names: Vec<_> = flow
            .calendars
            .iter()
            .map(|c| format!("`{}`", c.name))
            .collect();
        return Err(CommandError::UnknownCalendar {
            name: args.name.clone(),
            declared: names.join(", "),
        });
    };
    let cal = &def.calendar;
    let tz = flow.timezone;
    let json = s.format == Format::Json;
    let out = match &args.op {
        CalendarOp::Add { time, duration } => {
            let start = time_arg(time, tz)?;
            let d = work_duration(duration)?;
            let end = cal.add(start, d).ok_or_else(|| {
                CommandError::usage(
                    t!("calendar-no-working-time", name = args.name, time = time),
                    None,
                )
            })?;
            if json {
                super::pretty(
                    &json!({"calendar": args.name, "start": rfc3339(start, tz), "duration": duration, "result": rfc3339(end, tz)}),
                )
            } else {
                format_instant(end, tz)
            }
        }
        CalendarOp::Between { from, to } => {
            let (a, b) = (time_arg(from, tz)?, time_arg(to, tz)?);
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
            let (from, to) = (date_arg(from)?, date_arg(to)?);
            if to < from || (to - from).num_days() > 3660 {
                return Err(CommandError::BadValue {
                    message: t!("calendar-bad-range"),
                    help: None,
                });
            }
            let days = cal.show(from, to);
            if json {
                super::pretty(&serde_json::to_value(&days).unwrap_or_default())
            } else {
                days.iter().map(day_line).collect::<Vec<_>>().join("\n")
            }
        }
    };
    outln!(p, "{out}");
    Ok(Outcome::Done)
}

/// `2026-02-14 Sat  make-up working day for 春节  09:00-12:00 13:30-18:00`, in
/// the language of the messages.
fn day_line(day: &DayInfo) -> String {
    let why = match &day.kind {
        DayKind::Weekday => t!("calendar-weekday"),
        DayKind::Weekend => t!("calendar-weekend"),
        DayKind::Holiday { name } => t!("calendar-holiday", name = name),
        DayKind::MakeUp { name } => t!("calendar-make-up", name = name),
        DayKind::InlineOff { name: Some(name) } => t!("calendar-off-named", name = name),
        DayKind::InlineOff { name: None } => t!("calendar-off"),
        DayKind::InlineWork => t!("calendar-work"),
    };
    let hours = if day.ranges.is_empty() {
        "-".to_string()
    } else {
        day.ranges
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!(
        "{} {}  {why}  {hours}",
        day.date.format("%Y-%m-%d"),
        crate::i18n::weekday(day.date.weekday())
    )
}

fn date_arg(text: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| CommandError::BadValue {
        message: t!("error-not-a-date", value = text),
        help: Some(t!("help-date")),
    })
}

/// `48h`, `7h30m`, `2d`, `1d4h`: working time; `w` is refused as in the rules.
fn work_duration(text: &str) -> Result<WorkDuration> {
    let bad = |message: String, help: Option<String>| CommandError::BadValue { message, help };
    let too_large = || bad(t!("error-duration-too-large", value = text), None);
    let parts = crate::syntax::parse_duration(text).map_err(|_| {
        bad(
            t!("error-not-a-duration", value = text),
            Some(t!("help-duration")),
        )
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
                return Err(bad(
                    t!("error-weeks-of-working-time", value = text),
                    Some(t!("help-weeks-of-working-time")),
                ));
            }
        }
    }
    Ok(d)
}
