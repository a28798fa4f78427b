//! Per-day explanation: takes a local date (or an inclusive date range) and produces why that
//! day has the hours it has ([`DayInfo`]), for `show` output as text or JSON.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

use super::days::{Calendar, DayOverride};
use super::range::MinuteRange;

/// Why a day has its hours. JSON: `{"type": "holiday", "name": "春节"}` (`snake_case` tags).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DayKind {
    /// No override; the weekly hours give this weekday some hours.
    Weekday,
    /// No override; the weekly hours give this weekday no hours.
    Weekend,
    /// Day off from a holiday file.
    Holiday {
        /// The holiday's name.
        name: String,
    },
    /// Make-up working day (调休) from a holiday file, with the normal weekday hours.
    MakeUp {
        /// The holiday it makes up for.
        name: String,
    },
    /// Day off from an inline `off` line.
    InlineOff {
        /// The name given on the line, if any.
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    },
    /// Working day from an inline `work` line, with the normal weekday hours.
    InlineWork,
}

impl fmt::Display for DayKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Weekday => f.write_str("weekday"),
            Self::Weekend => f.write_str("weekend"),
            Self::Holiday { name } => write!(f, "holiday {name}"),
            Self::MakeUp { name } => write!(f, "make-up working day for {name}"),
            Self::InlineOff { name: Some(name) } => write!(f, "off {name}"),
            Self::InlineOff { name: None } => f.write_str("off"),
            Self::InlineWork => f.write_str("work"),
        }
    }
}

/// One local date, why it is what it is, and its working ranges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayInfo {
    /// The local date; JSON `"2026-02-15"`.
    #[serde(serialize_with = "iso_date")]
    pub date: NaiveDate,
    /// Why the day has these hours.
    pub kind: DayKind,
    /// The working ranges, sorted; empty on a day off. JSON `["09:00-12:00", ...]`.
    pub ranges: Vec<MinuteRange>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `serialize_with` signature
fn iso_date<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&date.format("%Y-%m-%d"))
}

/// Text form: `2026-02-14 Sat  make-up working day for 春节  09:00-12:00 13:30-18:00`.
impl fmt::Display for DayInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}  {}", self.date, self.date.weekday(), self.kind)?;
        if self.ranges.is_empty() {
            return f.write_str("  -");
        }
        f.write_str(" ")?;
        for r in &self.ranges {
            write!(f, " {r}")?;
        }
        Ok(())
    }
}

impl Calendar {
    /// Explains local `date`: its kind and working ranges.
    pub fn explain_day(&self, date: NaiveDate) -> DayInfo {
        let kind = match self.overrides.get(&date) {
            Some(DayOverride::HolidayOff(name)) => DayKind::Holiday { name: name.clone() },
            Some(DayOverride::HolidayWork(name)) => DayKind::MakeUp { name: name.clone() },
            Some(DayOverride::InlineOff(name)) => DayKind::InlineOff { name: name.clone() },
            Some(DayOverride::InlineWork) => DayKind::InlineWork,
            None if self.hours.ranges(date.weekday()).is_empty() => DayKind::Weekend,
            None => DayKind::Weekday,
        };
        DayInfo {
            date,
            kind,
            ranges: self.day_ranges(date).to_vec(),
        }
    }

    /// Explains every date in `from..=to` (empty if `to < from`).
    pub fn show(&self, from: NaiveDate, to: NaiveDate) -> Vec<DayInfo> {
        from.iter_days()
            .take_while(|d| *d <= to)
            .map(|d| self.explain_day(d))
            .collect()
    }
}
