//! Paused working time: takes pause intervals `[start, end)` (any order, may overlap) and
//! produces working-time additions and differences that skip them (`add_working_paused`,
//! `between_paused`).

use chrono::{DateTime, TimeDelta, Utc};

use super::arithmetic::{advance, total_within};
use super::days::Calendar;
use super::intervals::Interval;

/// Sorts pauses, drops empty ones and merges overlapping or touching ones.
pub(super) fn normalize_pauses(pauses: &[(DateTime<Utc>, DateTime<Utc>)]) -> Vec<Interval> {
    let mut sorted: Vec<Interval> = pauses.iter().copied().filter(|(a, b)| a < b).collect();
    sorted.sort_unstable();
    let mut merged: Vec<Interval> = Vec::with_capacity(sorted.len());
    for (a, b) in sorted {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// Working intervals minus normalized pauses (sorted, disjoint).
struct Unpaused<'p, I> {
    inner: I,
    pauses: &'p [Interval],
    /// Rest of an interval cut by a pause, to resume with.
    pending: Option<Interval>,
}

impl<I: Iterator<Item = Interval>> Iterator for Unpaused<'_, I> {
    type Item = Interval;

    fn next(&mut self) -> Option<Interval> {
        loop {
            let (start, end) = match self.pending.take() {
                Some(rest) => rest,
                None => self.inner.next()?,
            };
            while self.pauses.first().is_some_and(|p| p.1 <= start) {
                self.pauses = &self.pauses[1..];
            }
            let Some(&(pause_start, pause_end)) = self.pauses.first() else {
                return Some((start, end));
            };
            if pause_start >= end {
                return Some((start, end));
            }
            if pause_end < end {
                self.pending = Some((pause_end, end));
            }
            if pause_start > start {
                return Some((start, pause_start));
            }
        }
    }
}

impl Calendar {
    /// Like [`add_working`](Self::add_working), but time inside `pauses` does not count.
    ///
    /// Starting inside a pause counts from its end (or the next opening after it). Landing
    /// exactly where a pause begins returns that instant.
    pub fn add_working_paused(
        &self,
        t: DateTime<Utc>,
        seconds: i64,
        pauses: &[(DateTime<Utc>, DateTime<Utc>)],
    ) -> Option<DateTime<Utc>> {
        match seconds {
            0 => Some(t),
            1.. => {
                let pauses = normalize_pauses(pauses);
                let unpaused = Unpaused {
                    inner: self.intervals_from(t),
                    pauses: &pauses,
                    pending: None,
                };
                advance(unpaused, t, TimeDelta::try_seconds(seconds)?)
            }
            _ => None,
        }
    }

    /// The start of the first unpaused working minute strictly after the working time
    /// up to `t` (an instant inside working hours and outside every pause is itself;
    /// a range's end or a pause moves to the next unpaused opening).
    pub fn next_unpaused_opening(
        &self,
        t: DateTime<Utc>,
        pauses: &[(DateTime<Utc>, DateTime<Utc>)],
    ) -> Option<DateTime<Utc>> {
        let pauses = normalize_pauses(pauses);
        let mut unpaused = Unpaused {
            inner: self.intervals_from(t),
            pauses: &pauses,
            pending: None,
        };
        unpaused
            .find(|&(_, end)| end > t)
            .map(|(start, _)| start.max(t))
    }

    /// `days` working days after `t` on unpaused time (LANGUAGE.md, `pause when`): with
    /// W the working time from `t` to the unpaused deadline `t + days`, the start of the
    /// first unpaused working minute after W has been counted. A day-based deadline is
    /// therefore an opening, never a closing; with no pause this is
    /// [`add_working_days`](Self::add_working_days).
    pub fn add_working_days_paused(
        &self,
        t: DateTime<Utc>,
        days: u32,
        pauses: &[(DateTime<Utc>, DateTime<Utc>)],
    ) -> Option<DateTime<Utc>> {
        let unpaused = self.add_working_days(t, days)?;
        if pauses
            .iter()
            .all(|&(a, b)| b <= t || a >= unpaused || a >= b)
        {
            return Some(unpaused);
        }
        let work = self.between(t, unpaused);
        let counted = self.add_working_paused(t, work, pauses)?;
        self.next_unpaused_opening(counted, pauses)
    }

    /// Like [`between`](Self::between), minus the working time inside `pauses`.
    pub fn between_paused(
        &self,
        a: DateTime<Utc>,
        b: DateTime<Utc>,
        pauses: &[(DateTime<Utc>, DateTime<Utc>)],
    ) -> i64 {
        if b <= a {
            return 0;
        }
        let pauses = normalize_pauses(pauses);
        let unpaused = Unpaused {
            inner: self.intervals_from(a),
            pauses: &pauses,
            pending: None,
        };
        total_within(unpaused, a, b)
    }
}
