//! Minute ranges: takes a start and end minute since local midnight, produces a half-open
//! `[start, end)` range with `Display` ("09:00-12:00") and JSON output as that same string.

use std::fmt;

use serde::{Serialize, Serializer};

/// Minutes in a day; the largest allowed `end` of a [`MinuteRange`].
pub const MINUTES_PER_DAY: u16 = 1440;

/// A half-open range `[start, end)` of minutes since local midnight; `end` may be 1440.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MinuteRange {
    /// First minute inside the range.
    pub start: u16,
    /// First minute after the range (excluded); at most 1440.
    pub end: u16,
}

impl MinuteRange {
    /// Builds a range without checking it; [`WeeklyHours::add`](super::WeeklyHours::add) checks.
    pub const fn new(start: u16, end: u16) -> Self {
        Self { start, end }
    }

    /// Builds a range from hours and minutes, e.g. `hm(9, 0, 12, 0)` for 09:00-12:00.
    pub const fn hm(start_h: u16, start_m: u16, end_h: u16, end_m: u16) -> Self {
        Self::new(start_h * 60 + start_m, end_h * 60 + end_m)
    }

    /// Length of the range in minutes (0 for an inverted range).
    pub const fn minutes(self) -> u16 {
        self.end.saturating_sub(self.start)
    }

    /// Whether the two half-open ranges share at least one minute (touching ends do not).
    pub const fn overlaps(self, other: Self) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `minute` lies inside the range (the end is excluded).
    pub const fn contains(self, minute: u16) -> bool {
        self.start <= minute && minute < self.end
    }
}

impl fmt::Display for MinuteRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}:{:02}-{:02}:{:02}",
            self.start / 60,
            self.start % 60,
            self.end / 60,
            self.end % 60
        )
    }
}

/// Serialized as its display form, e.g. `"09:00-12:00"` (an end of 1440 is `"24:00"`).
impl Serialize for MinuteRange {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_json() {
        let r = MinuteRange::hm(9, 0, 12, 0);
        assert_eq!(r.to_string(), "09:00-12:00");
        assert_eq!(MinuteRange::new(1320, 1440).to_string(), "22:00-24:00");
        assert_eq!(serde_json::to_string(&r).unwrap(), "\"09:00-12:00\"");
    }

    #[test]
    fn overlap_is_half_open() {
        let a = MinuteRange::hm(9, 0, 12, 0);
        assert!(!a.overlaps(MinuteRange::hm(12, 0, 13, 0)));
        assert!(a.overlaps(MinuteRange::hm(11, 59, 13, 0)));
        assert!(a.contains(9 * 60));
        assert!(!a.contains(12 * 60));
    }
}
