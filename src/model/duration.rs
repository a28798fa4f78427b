//! Durations with their clock: wall-clock time, or working time of a calendar.

use super::CalendarId;

/// A checked duration. Without a clock, days and weeks are folded into seconds;
/// under a calendar clock `d` counts working days and `m`/`h` working time, so
/// `1d12h` is one working day, then twelve working hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Duration {
    /// Working days (always 0 without a clock).
    pub days: u32,
    /// Seconds (wall-clock, or working seconds under a clock).
    pub seconds: i64,
    /// The calendar whose working time this counts, if any.
    pub clock: Option<CalendarId>,
}

impl Duration {
    /// A wall-clock duration of `seconds`.
    pub const fn wall(seconds: i64) -> Self {
        Self {
            days: 0,
            seconds,
            clock: None,
        }
    }

    /// Whether it is zero.
    pub fn is_zero(&self) -> bool {
        self.days == 0 && self.seconds == 0
    }

    /// A length for ordering steps on one clock: a working day counts as 24h,
    /// which orders `1d` after any `h` of the same day as an ops person expects.
    pub fn ordering_key(&self) -> i64 {
        i64::from(self.days) * 86_400 + self.seconds
    }
}
