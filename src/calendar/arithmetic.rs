//! Working-time arithmetic: takes UTC instants and durations, produces UTC instants and
//! durations counted only inside working hours (`is_working`, `next_opening`, `add_working`,
//! `add_working_days`, `add`, `between`).
//!
//! Everything walks whole UTC intervals day by day (see `intervals.rs`), never minute by
//! minute, and allocates nothing. `None` means "no such instant": the calendar has no working
//! time at or after the start (e.g. no hours at all), the input is negative or out of range, or
//! the answer would lie after the year 9999.

use chrono::{DateTime, Datelike, TimeDelta, Utc};

use super::days::Calendar;
use super::intervals::{Interval, LAST_SEARCHED_YEAR};

/// A working duration: whole working days, then working seconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct WorkDuration {
    /// Working days, applied first (see [`Calendar::add_working_days`]).
    pub days: u32,
    /// Working seconds, applied after the days (see [`Calendar::add_working`]).
    pub seconds: i64,
}

impl WorkDuration {
    /// A duration of `seconds` working seconds and no days.
    pub const fn seconds(seconds: i64) -> Self {
        Self { days: 0, seconds }
    }

    /// A duration of `days` working days and no seconds.
    pub const fn days(days: u32) -> Self {
        Self { days, seconds: 0 }
    }
}

/// The instant at which `amount` of time inside `intervals` has passed since `t`.
pub(super) fn advance(
    intervals: impl Iterator<Item = Interval>,
    t: DateTime<Utc>,
    amount: TimeDelta,
) -> Option<DateTime<Utc>> {
    let mut remaining = amount;
    for (start, end) in intervals {
        if end <= t {
            continue;
        }
        let start = start.max(t);
        let len = end - start;
        if remaining <= len {
            return Some(start + remaining);
        }
        remaining -= len;
    }
    None
}

/// Total time of `intervals` inside `[a, b)`, in whole seconds.
pub(super) fn total_within(
    intervals: impl Iterator<Item = Interval>,
    a: DateTime<Utc>,
    b: DateTime<Utc>,
) -> i64 {
    let mut total = TimeDelta::zero();
    for (start, end) in intervals {
        if start >= b {
            break;
        }
        let (start, end) = (start.max(a), end.min(b));
        if start < end {
            total += end - start;
        }
    }
    total.num_seconds()
}

impl Calendar {
    /// Whether `t` is inside a working range (a range's end is not).
    pub fn is_working(&self, t: DateTime<Utc>) -> bool {
        for (start, end) in self.intervals_from(t) {
            if start > t {
                return false;
            }
            if t < end {
                return true;
            }
        }
        false
    }

    /// `t` itself if working, else the start of the next working range.
    ///
    /// `None` when no working time follows `t` (e.g. a calendar with no hours at all): the
    /// search stops once only empty weekly hours are left, instead of looping forever.
    pub fn next_opening(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.intervals_from(t)
            .find(|&(_, end)| end > t)
            .map(|(start, _)| start.max(t))
    }

    /// The earliest instant at which `seconds` of working time have passed since `t`.
    ///
    /// A start outside working hours counts from the next opening. When the sum lands exactly
    /// on a range's end, that end is returned (Monday 09:00 + 7h30m is Monday 18:00, not
    /// Tuesday 09:00). Adding 0 returns `t` itself, even outside working hours. Negative
    /// `seconds` give `None`.
    pub fn add_working(&self, t: DateTime<Utc>, seconds: i64) -> Option<DateTime<Utc>> {
        match seconds {
            0 => Some(t),
            1.. => advance(self.intervals_from(t), t, TimeDelta::try_seconds(seconds)?),
            _ => None,
        }
    }

    /// The same local time of day, `n` working days after the next opening at or after `t`.
    ///
    /// A working day is a local date with any working hours. `t` first moves to
    /// [`next_opening`](Self::next_opening); then the date advances by `n` working days and the
    /// opening's local time of day is kept. If that time is not inside that day's hours (days
    /// with different hours), the result is the next opening after it. Adding 0 days returns
    /// the next opening. Friday 20:00 + 1 is Tuesday 09:00 (via Monday 09:00); Friday 15:00 + 1
    /// is Monday 15:00.
    pub fn add_working_days(&self, t: DateTime<Utc>, n: u32) -> Option<DateTime<Utc>> {
        let open = self.next_opening(t)?;
        if n == 0 {
            return Some(open);
        }
        let local = open.with_timezone(&self.tz).naive_local();
        let last_override = self.last_override();
        let no_weekly_hours = self.hours.is_empty();
        let mut date = local.date();
        let mut left = n;
        while left > 0 {
            date = date.succ_opt()?;
            if date.year() > LAST_SEARCHED_YEAR
                || (no_weekly_hours && last_override.is_none_or(|last| date > last))
            {
                return None;
            }
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        let target = self.resolve_local(date.and_time(local.time()))?;
        self.next_opening(target)
    }

    /// Adds `d.days` working days (if any), then `d.seconds` working seconds.
    ///
    /// With no days this is [`add_working`](Self::add_working) (so a zero duration returns
    /// `t`); with days, see [`add_working_days`](Self::add_working_days).
    pub fn add(&self, t: DateTime<Utc>, d: WorkDuration) -> Option<DateTime<Utc>> {
        let after_days = if d.days == 0 {
            t
        } else {
            self.add_working_days(t, d.days)?
        };
        self.add_working(after_days, d.seconds)
    }

    /// Seconds of working time in `[a, b)`; 0 if `b <= a`.
    pub fn between(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> i64 {
        if b <= a {
            return 0;
        }
        total_within(self.intervals_from(a), a, b)
    }
}
