//! Weekly working hours: takes `hours` lines (a set of weekdays plus one minute range each) and
//! produces, per weekday, a sorted list of non-overlapping ranges. Several lines add up.

use chrono::Weekday;
use thiserror::Error;

use super::range::{MINUTES_PER_DAY, MinuteRange};

/// Why a range could not be added to [`WeeklyHours`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum HoursError {
    /// The range starts at or after its end.
    #[error("hours {range} end before they start")]
    Inverted {
        /// The rejected range.
        range: MinuteRange,
    },
    /// The range ends after 24:00.
    #[error("hours {range} end after 24:00")]
    PastMidnight {
        /// The rejected range.
        range: MinuteRange,
    },
    /// The range overlaps hours already set for that day (touching ranges are fine).
    #[error("hours overlap {existing} already set for {day}")]
    Overlaps {
        /// The weekday on which the ranges overlap.
        day: Weekday,
        /// The range that was there first.
        existing: MinuteRange,
    },
}

/// Working hours for each weekday: sorted, non-overlapping minute ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WeeklyHours {
    days: [Vec<MinuteRange>; 7],
}

/// The days that count as weekdays for make-up working days, in order of preference.
const WORKWEEK: [Weekday; 5] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];

impl WeeklyHours {
    /// Empty hours: no working time on any day.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `range` to every day in `days`; all or nothing (on error nothing is added).
    ///
    /// Repeated weekdays in `days` count once. Ranges that merely touch (09:00-12:00 and
    /// 12:00-13:00) are accepted and kept as two ranges.
    pub fn add(&mut self, days: &[Weekday], range: MinuteRange) -> Result<(), HoursError> {
        if range.start >= range.end {
            return Err(HoursError::Inverted { range });
        }
        if range.end > MINUTES_PER_DAY {
            return Err(HoursError::PastMidnight { range });
        }
        let mut seen = [false; 7];
        for &day in days {
            let i = day.num_days_from_monday() as usize;
            if seen[i] {
                continue;
            }
            seen[i] = true;
            if let Some(&existing) = self.days[i].iter().find(|r| r.overlaps(range)) {
                return Err(HoursError::Overlaps { day, existing });
            }
        }
        for (i, list) in self.days.iter_mut().enumerate() {
            if seen[i] {
                let at = list.partition_point(|r| r.start < range.start);
                list.insert(at, range);
            }
        }
        Ok(())
    }

    /// The ranges of `day`, sorted by start.
    pub fn ranges(&self, day: Weekday) -> &[MinuteRange] {
        &self.days[day.num_days_from_monday() as usize]
    }

    /// Whether no day has any hours.
    pub fn is_empty(&self) -> bool {
        self.days.iter().all(Vec::is_empty)
    }

    /// "The normal hours of a weekday", used for make-up working days and inline `work` days.
    ///
    /// Defined as the hours of the first of Monday..Friday that has any hours; empty when
    /// none of Monday..Friday has hours (such a make-up day then has no working time).
    pub fn normal_weekday(&self) -> &[MinuteRange] {
        WORKWEEK
            .iter()
            .map(|&d| self.ranges(d))
            .find(|r| !r.is_empty())
            .unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Weekday::{Fri, Mon, Sat, Sun, Thu, Tue, Wed};

    #[test]
    fn lines_add_up_sorted() {
        let mut h = WeeklyHours::new();
        h.add(&[Mon, Tue], MinuteRange::hm(13, 30, 18, 0)).unwrap();
        h.add(&[Mon], MinuteRange::hm(9, 0, 12, 0)).unwrap();
        assert_eq!(
            h.ranges(Mon),
            [MinuteRange::hm(9, 0, 12, 0), MinuteRange::hm(13, 30, 18, 0)]
        );
        assert_eq!(h.ranges(Tue), [MinuteRange::hm(13, 30, 18, 0)]);
        assert!(h.ranges(Sun).is_empty());
        assert_eq!(h.normal_weekday(), h.ranges(Mon));
    }

    #[test]
    fn adjacent_is_not_overlap() {
        let mut h = WeeklyHours::new();
        h.add(&[Wed], MinuteRange::hm(9, 0, 12, 0)).unwrap();
        h.add(&[Wed], MinuteRange::hm(12, 0, 13, 0)).unwrap();
        h.add(&[Wed], MinuteRange::hm(8, 0, 9, 0)).unwrap();
        assert_eq!(h.ranges(Wed).len(), 3);
    }

    #[test]
    fn overlap_and_inverted_errors() {
        let mut h = WeeklyHours::new();
        h.add(&[Mon, Fri], MinuteRange::hm(9, 0, 12, 0)).unwrap();
        let err = h
            .add(&[Thu, Fri], MinuteRange::hm(11, 0, 14, 0))
            .unwrap_err();
        assert_eq!(
            err,
            HoursError::Overlaps {
                day: Fri,
                existing: MinuteRange::hm(9, 0, 12, 0)
            }
        );
        assert_eq!(
            err.to_string(),
            "hours overlap 09:00-12:00 already set for Fri"
        );
        // all or nothing: Thursday was not touched
        assert!(h.ranges(Thu).is_empty());
        assert!(matches!(
            h.add(&[Sat], MinuteRange::hm(12, 0, 9, 0)),
            Err(HoursError::Inverted { .. })
        ));
        assert!(matches!(
            h.add(&[Sat], MinuteRange::hm(10, 0, 10, 0)),
            Err(HoursError::Inverted { .. })
        ));
        assert!(matches!(
            h.add(&[Sat], MinuteRange::new(600, 1441)),
            Err(HoursError::PastMidnight { .. })
        ));
        h.add(&[Sat, Sat], MinuteRange::new(600, 1440)).unwrap();
        assert_eq!(h.ranges(Sat).len(), 1);
    }

    #[test]
    fn normal_weekday_falls_through_to_first_with_hours() {
        let mut h = WeeklyHours::new();
        assert!(h.is_empty());
        assert!(h.normal_weekday().is_empty());
        h.add(&[Sat], MinuteRange::hm(9, 0, 12, 0)).unwrap();
        assert!(!h.is_empty());
        assert!(h.normal_weekday().is_empty());
        h.add(&[Wed], MinuteRange::hm(10, 0, 11, 0)).unwrap();
        assert_eq!(h.normal_weekday(), [MinuteRange::hm(10, 0, 11, 0)]);
    }
}
