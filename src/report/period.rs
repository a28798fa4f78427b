//! The period a report covers, `[from, to)`: read from `--from`/`--to` (a date
//! is a whole day in the flow's zone, so `--to 2026-03-31` counts that day), the
//! 30 days up to `--at` by default; the period to compare with; and the ISO weeks
//! a period spans, for `--by week` and the heatmap.

use chrono::{DateTime, Datelike, Days, NaiveDate, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::error::ReportError;
use crate::store::{Window, iso_week};
use crate::timefmt;

/// How long the default period is.
const DEFAULT_DAYS: i64 = 30;

/// `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First instant counted.
    pub from: DateTime<Utc>,
    /// First instant not counted.
    pub to: DateTime<Utc>,
}

impl Period {
    /// The period of `--from`/`--to`, defaulting to the 30 days up to `at`.
    pub fn resolve(
        from: Option<&str>,
        to: Option<&str>,
        at: DateTime<Utc>,
        tz: Tz,
    ) -> Result<Period, ReportError> {
        let to_at = match to {
            Some(text) => bound(text, "to", tz)?,
            None => at,
        };
        let from_at = match from {
            Some(text) => bound(text, "from", tz)?,
            None => to_at - TimeDelta::days(DEFAULT_DAYS),
        };
        let shown = |text: Option<&str>, t: DateTime<Utc>| {
            text.map_or_else(|| timefmt::format_instant(t, tz), str::to_string)
        };
        Period::checked(from_at, to_at).ok_or_else(|| ReportError::EmptyPeriod {
            from: shown(from, from_at),
            to: shown(to, to_at),
        })
    }

    /// `previous` (the period of the same length just before this one) or
    /// `YYYY-MM-DD..YYYY-MM-DD` (both days counted).
    pub fn compare_to(&self, text: &str, tz: Tz) -> Result<Period, ReportError> {
        let text = text.trim();
        if text == "previous" {
            let len = self.to - self.from;
            return Ok(Period {
                from: self.from - len,
                to: self.from,
            });
        }
        let bad = || ReportError::BadCompare(text.to_string());
        let (a, b) = text.split_once("..").ok_or_else(bad)?;
        let day = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| bad());
        let (a, b) = (day(a)?, day(b)?);
        let next = b.checked_add_days(Days::new(1)).ok_or_else(bad)?;
        Period::checked(
            midnight(a, tz).ok_or_else(bad)?,
            midnight(next, tz).ok_or_else(bad)?,
        )
        .ok_or_else(bad)
    }

    fn checked(from: DateTime<Utc>, to: DateTime<Utc>) -> Option<Period> {
        (from < to).then_some(Period { from, to })
    }

    /// The period as the store's queries take it.
    pub fn window(&self) -> Window {
        Window {
            from: self.from,
            to: self.to,
        }
    }

    /// The ISO weeks the period touches, in order, each clipped to the period:
    /// `(2026-W10, [max(from, Monday 00:00), min(to, next Monday 00:00)))`.
    pub fn weeks(&self, tz: Tz) -> Vec<(String, Period)> {
        let mut out = Vec::new();
        let first = self.from.with_timezone(&tz).date_naive();
        let mut monday = first - Days::new(u64::from(first.weekday().num_days_from_monday()));
        while let Some(start) = midnight(monday, tz) {
            if start >= self.to {
                break;
            }
            let Some(next) = monday.checked_add_days(Days::new(7)) else {
                break;
            };
            let end = midnight(next, tz).unwrap_or(self.to);
            let week = Period {
                from: start.max(self.from),
                to: end.min(self.to),
            };
            if week.from < week.to {
                out.push((iso_week(week.from, tz), week));
            }
            monday = next;
        }
        out
    }

    /// The period as JSON shows it: RFC 3339 in the flow's zone.
    pub fn json(&self, tz: Tz) -> PeriodJson {
        PeriodJson {
            from: timefmt::rfc3339(self.from, tz),
            to: timefmt::rfc3339(self.to, tz),
        }
    }

    /// `2026-02-08 – 2026-03-09` (the last day counted) or with times when the
    /// bounds are not midnights.
    pub fn show(&self, tz: Tz) -> String {
        let (a, b) = (self.from.with_timezone(&tz), self.to.with_timezone(&tz));
        let midnight = |t: &DateTime<Tz>| t.time() == chrono::NaiveTime::MIN;
        if midnight(&a) && midnight(&b) {
            let last = b.date_naive().pred_opt().unwrap_or(b.date_naive());
            format!("{} – {}", a.date_naive(), last)
        } else {
            format!(
                "{} – {}",
                a.format("%Y-%m-%d %H:%M"),
                b.format("%Y-%m-%d %H:%M")
            )
        }
    }
}

/// A period in JSON.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodJson {
    /// First instant counted.
    pub from: String,
    /// First instant not counted.
    pub to: String,
}

/// A bound: a bare date is its day's midnight for `from` and the next day's for
/// `to` (the day counts); anything else is an instant.
fn bound(text: &str, flag: &'static str, tz: Tz) -> Result<DateTime<Utc>, ReportError> {
    let bad = || ReportError::BadTime {
        flag,
        value: text.to_string(),
    };
    if let Ok(day) = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        let day = if flag == "to" {
            day.checked_add_days(Days::new(1)).ok_or_else(bad)?
        } else {
            day
        };
        return midnight(day, tz).ok_or_else(bad);
    }
    timefmt::parse_instant(text, tz).map_err(|_| bad())
}

/// The first instant of a day in a zone.
fn midnight(day: NaiveDate, tz: Tz) -> Option<DateTime<Utc>> {
    tz.from_local_datetime(&day.and_time(chrono::NaiveTime::MIN))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh() -> Tz {
        chrono_tz::Asia::Shanghai
    }

    fn at(text: &str) -> DateTime<Utc> {
        timefmt::parse_instant(text, sh()).unwrap()
    }

    #[test]
    fn the_default_is_the_30_days_up_to_at() {
        let p = Period::resolve(None, None, at("2026-03-31 12:00"), sh()).unwrap();
        assert_eq!(p.from, at("2026-03-01 12:00"));
        assert_eq!(p.to, at("2026-03-31 12:00"));
    }

    #[test]
    fn dates_are_whole_days_in_the_flow_zone() {
        let p = Period::resolve(
            Some("2026-03-01"),
            Some("2026-03-31"),
            at("2026-05-01 00:00"),
            sh(),
        )
        .unwrap();
        assert_eq!(p.from, at("2026-03-01 00:00"));
        assert_eq!(p.to, at("2026-04-01 00:00"));
        assert_eq!(p.show(sh()), "2026-03-01 – 2026-03-31");
        let prev = p.compare_to("previous", sh()).unwrap();
        assert_eq!(prev.to, p.from);
        assert_eq!(prev.to - prev.from, p.to - p.from);
        let feb = p.compare_to("2026-02-01..2026-02-28", sh()).unwrap();
        assert_eq!(feb.from, at("2026-02-01 00:00"));
        assert_eq!(feb.to, at("2026-03-01 00:00"));
    }

    #[test]
    fn bad_bounds_are_refused_with_the_flag() {
        let e = Period::resolve(Some("3月1日"), None, at("2026-03-31 12:00"), sh()).unwrap_err();
        assert!(matches!(e, ReportError::BadTime { flag: "from", .. }));
        let e = Period::resolve(
            Some("2026-03-31"),
            Some("2026-03-01"),
            at("2026-03-31 12:00"),
            sh(),
        )
        .unwrap_err();
        assert!(matches!(e, ReportError::EmptyPeriod { .. }));
        let p = Period::resolve(None, None, at("2026-03-31 12:00"), sh()).unwrap();
        assert!(matches!(
            p.compare_to("last", sh()),
            Err(ReportError::BadCompare(_))
        ));
        assert!(matches!(
            p.compare_to("2026-02-30..2026-03-01", sh()),
            Err(ReportError::BadCompare(_))
        ));
    }

    #[test]
    fn weeks_are_iso_weeks_clipped_to_the_period() {
        // Wednesday 2026-03-04 to Tuesday 2026-03-17 (inclusive).
        let p = Period::resolve(
            Some("2026-03-04"),
            Some("2026-03-17"),
            at("2026-04-01 00:00"),
            sh(),
        )
        .unwrap();
        let weeks = p.weeks(sh());
        let labels: Vec<_> = weeks.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, ["2026-W10", "2026-W11", "2026-W12"]);
        assert_eq!(weeks[0].1.from, at("2026-03-04 00:00"));
        assert_eq!(weeks[0].1.to, at("2026-03-09 00:00"));
        assert_eq!(weeks[2].1.to, at("2026-03-18 00:00"));
    }
}
