//! From local days to UTC: takes a local date and minute (or a local date-time) and produces a
//! UTC instant; and, from a starting instant, produces the calendar's working intervals in UTC,
//! day by day, in order, without allocating.
//!
//! DST policy: a local time that occurs twice (fold) means its earliest occurrence; a local time
//! that does not exist (gap) is shifted forward to the first existing local minute after it, i.e.
//! to the instant the clocks jumped. Resolution is monotonic, so the intervals of consecutive
//! days stay sorted and never overlap; a range that falls entirely inside a gap is empty and
//! skipped.

use chrono::{DateTime, MappedLocalTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone};
use chrono::{Datelike, Timelike, Utc};

use super::days::Calendar;
use super::range::{MINUTES_PER_DAY, MinuteRange};

/// Years after this one are never searched: results that would lie there are `None`.
pub(super) const LAST_SEARCHED_YEAR: i32 = 9999;

/// After the last override, this many consecutive days without working time end the search.
const IDLE_DAYS_LIMIT: u32 = 400;

/// A UTC working interval `[start, end)`.
pub(super) type Interval = (DateTime<Utc>, DateTime<Utc>);

impl Calendar {
    /// Local date-time to UTC with the DST policy of this module.
    pub(super) fn resolve_local(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        match self.tz.from_local_datetime(&local) {
            MappedLocalTime::Single(t) | MappedLocalTime::Ambiguous(t, _) => {
                Some(t.with_timezone(&Utc))
            }
            MappedLocalTime::None => {
                // Gap: walk to the first existing whole local minute (gaps are at most a day).
                let minute = local.with_second(0)?.with_nanosecond(0)?;
                (1..=2 * i64::from(MINUTES_PER_DAY)).find_map(|k| {
                    let candidate = minute.checked_add_signed(TimeDelta::minutes(k))?;
                    self.tz
                        .from_local_datetime(&candidate)
                        .earliest()
                        .map(|t| t.with_timezone(&Utc))
                })
            }
        }
    }

    /// Local `date` at `minute` (0..=1440; 1440 is the next midnight) to UTC.
    pub(super) fn resolve_minute(&self, date: NaiveDate, minute: u16) -> Option<DateTime<Utc>> {
        let local = if minute >= MINUTES_PER_DAY {
            date.succ_opt()?.and_time(NaiveTime::MIN)
        } else {
            let time = NaiveTime::from_hms_opt(u32::from(minute / 60), u32::from(minute % 60), 0)?;
            date.and_time(time)
        };
        self.resolve_local(local)
    }

    /// Working intervals (non-empty, sorted, disjoint) from the start of `t`'s local date on.
    ///
    /// Intervals of earlier dates all end at or before `t`, so callers that clip to `t` miss
    /// nothing. The iterator ends when no working time can follow (see [`IDLE_DAYS_LIMIT`]).
    pub(super) fn intervals_from(&self, t: DateTime<Utc>) -> Intervals<'_> {
        let local = t.with_timezone(&self.tz).naive_local();
        let date = local.date();
        let ranges = self.day_ranges(date);
        // Ranges of t's date ending at or before t's local minute end at or before t (the
        // resolution is monotonic and maps t's own reading to t or earlier): skip them unresolved.
        let minute = local.hour() * 60 + local.minute();
        let idx = ranges.partition_point(|r| u32::from(r.end) <= minute);
        Intervals {
            cal: self,
            date,
            ranges,
            idx,
            last_override: self.last_override(),
            no_weekly_hours: self.hours.is_empty(),
            idle_days: 0,
        }
    }
}

/// Iterator over a calendar's UTC working intervals, see [`Calendar::intervals_from`].
pub(super) struct Intervals<'a> {
    cal: &'a Calendar,
    date: NaiveDate,
    ranges: &'a [MinuteRange],
    idx: usize,
    last_override: Option<NaiveDate>,
    no_weekly_hours: bool,
    idle_days: u32,
}

impl Intervals<'_> {
    /// Moves to the next date; `None` once no working time can follow.
    fn next_day(&mut self) -> Option<()> {
        self.date = self.date.succ_opt()?;
        if self.date.year() > LAST_SEARCHED_YEAR {
            return None;
        }
        if self.last_override.is_none_or(|last| self.date > last) {
            // Only the weekly hours are left and they repeat: empty ones end the search at once;
            // otherwise a year without any resolvable interval (all inside DST gaps) does.
            if self.no_weekly_hours || self.idle_days > IDLE_DAYS_LIMIT {
                return None;
            }
            self.idle_days += 1;
        }
        self.ranges = self.cal.day_ranges(self.date);
        self.idx = 0;
        Some(())
    }
}

impl Iterator for Intervals<'_> {
    type Item = Interval;

    fn next(&mut self) -> Option<Interval> {
        loop {
            if let Some(r) = self.ranges.get(self.idx) {
                self.idx += 1;
                let start = self.cal.resolve_minute(self.date, r.start)?;
                let end = self.cal.resolve_minute(self.date, r.end)?;
                if start < end {
                    self.idle_days = 0;
                    return Some((start, end));
                }
            } else {
                self.next_day()?;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::WeeklyHours;
    use chrono::Weekday;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn ny() -> Calendar {
        let mut h = WeeklyHours::new();
        h.add(&[Weekday::Sun], MinuteRange::hm(1, 0, 4, 0)).unwrap();
        Calendar::new(chrono_tz::America::New_York, h)
    }

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    #[test]
    fn gap_shifts_forward_fold_takes_earliest() {
        let c = ny();
        // 2026-03-08 02:00 EST -> 03:00 EDT
        assert_eq!(
            c.resolve_local(local("2026-03-08 02:30:00")),
            Some(utc("2026-03-08T07:00:00Z"))
        );
        // 2026-11-01 02:00 EDT -> 01:00 EST: 01:30 happens twice
        assert_eq!(
            c.resolve_local(local("2026-11-01 01:30:00")),
            Some(utc("2026-11-01T05:30:00Z"))
        );
    }

    #[test]
    fn dst_days_have_short_and_long_intervals() {
        let c = ny();
        let spring: Vec<_> = c
            .intervals_from(utc("2026-03-08T00:00:00Z"))
            .take(1)
            .collect();
        // 01:00 EST .. 04:00 EDT = 2 hours
        assert_eq!(
            spring,
            [(utc("2026-03-08T06:00:00Z"), utc("2026-03-08T08:00:00Z"))]
        );
        let fall: Vec<_> = c
            .intervals_from(utc("2026-11-01T00:00:00Z"))
            .take(1)
            .collect();
        // 01:00 EDT .. 04:00 EST = 4 hours
        assert_eq!(
            fall,
            [(utc("2026-11-01T05:00:00Z"), utc("2026-11-01T09:00:00Z"))]
        );
    }

    #[test]
    fn empty_calendar_ends() {
        let c = Calendar::new(chrono_tz::UTC, WeeklyHours::new());
        assert_eq!(c.intervals_from(utc("2026-01-01T00:00:00Z")).next(), None);
    }
}
