//! The calendar itself: takes a time zone, [`WeeklyHours`] and day overrides (holiday files,
//! inline `off`/`work` lines) and produces, for any local date, that day's working ranges.
//!
//! Precedence, per date: an inline `off`/`work` beats a holiday file whatever the order they
//! were added in; among holiday files the one added last wins; inline `off` and `work` on the
//! same date is an error ([`CalendarError::Conflict`]).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;
use thiserror::Error;

use super::holidays::HolidayDay;
use super::range::MinuteRange;
use super::weekly::WeeklyHours;

/// Longest inclusive `off` range accepted, in days (about ten years).
pub const MAX_OFF_DAYS: i64 = 3660;

/// Why an inline override could not be added.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CalendarError {
    /// The date was already set the other way by an inline `off` or `work`.
    #[error("{date} is set both off and work")]
    Conflict {
        /// The date set both ways.
        date: NaiveDate,
    },
    /// An `off` range whose last day is before its first.
    #[error("off range {from}..{to} ends before it starts")]
    InvertedDates {
        /// First day of the range.
        from: NaiveDate,
        /// Last day of the range.
        to: NaiveDate,
    },
    /// An `off` range longer than [`MAX_OFF_DAYS`].
    #[error("off range {from}..{to} is longer than {MAX_OFF_DAYS} days")]
    TooLong {
        /// First day of the range.
        from: NaiveDate,
        /// Last day of the range.
        to: NaiveDate,
    },
}

/// What replaces the weekly hours on one date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum DayOverride {
    /// Day off from a holiday file.
    HolidayOff(String),
    /// Make-up working day from a holiday file.
    HolidayWork(String),
    /// Inline `off`, with an optional name.
    InlineOff(Option<String>),
    /// Inline `work`.
    InlineWork,
}

impl DayOverride {
    const fn is_inline(&self) -> bool {
        matches!(self, Self::InlineOff(_) | Self::InlineWork)
    }
}

/// Working time: a time zone, weekly hours, and per-date overrides.
#[derive(Debug, Clone)]
pub struct Calendar {
    pub(super) tz: Tz,
    pub(super) hours: WeeklyHours,
    pub(super) overrides: BTreeMap<NaiveDate, DayOverride>,
}

impl Calendar {
    /// A calendar with only weekly hours, interpreted in `tz`.
    pub fn new(tz: Tz, hours: WeeklyHours) -> Self {
        Self {
            tz,
            hours,
            overrides: BTreeMap::new(),
        }
    }

    /// The time zone local days are taken in.
    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// The weekly hours.
    pub fn hours(&self) -> &WeeklyHours {
        &self.hours
    }

    /// Adds the days of a holiday file; dates set by inline `off`/`work` keep the inline value.
    ///
    /// Several files combine; where two files list the same date, the one added last wins.
    pub fn add_holidays(&mut self, days: &[HolidayDay]) {
        for d in days {
            if self
                .overrides
                .get(&d.date)
                .is_some_and(DayOverride::is_inline)
            {
                continue;
            }
            let o = if d.off {
                DayOverride::HolidayOff(d.name.clone())
            } else {
                DayOverride::HolidayWork(d.name.clone())
            };
            self.overrides.insert(d.date, o);
        }
    }

    /// Marks `from..=to` off (inline `off`), overriding holiday files; all or nothing.
    ///
    /// A date already marked inline `work` is a [`CalendarError::Conflict`]. Overlapping
    /// inline `off` ranges are fine; the name given last wins.
    pub fn add_off(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        name: Option<&str>,
    ) -> Result<(), CalendarError> {
        if to < from {
            return Err(CalendarError::InvertedDates { from, to });
        }
        if (to - from).num_days() >= MAX_OFF_DAYS {
            return Err(CalendarError::TooLong { from, to });
        }
        if let Some((&date, _)) = self
            .overrides
            .range(from..=to)
            .find(|(_, o)| **o == DayOverride::InlineWork)
        {
            return Err(CalendarError::Conflict { date });
        }
        for date in from.iter_days().take_while(|d| *d <= to) {
            self.overrides
                .insert(date, DayOverride::InlineOff(name.map(str::to_owned)));
        }
        Ok(())
    }

    /// Marks `date` as a working day (inline `work`) with the normal weekday hours.
    ///
    /// See [`WeeklyHours::normal_weekday`]; overrides holiday files; a date already marked
    /// inline `off` is a [`CalendarError::Conflict`].
    pub fn add_work(&mut self, date: NaiveDate) -> Result<(), CalendarError> {
        if matches!(self.overrides.get(&date), Some(DayOverride::InlineOff(_))) {
            return Err(CalendarError::Conflict { date });
        }
        self.overrides.insert(date, DayOverride::InlineWork);
        Ok(())
    }

    /// The working ranges of local `date`, after overrides.
    ///
    /// Make-up days (holiday file `isOffDay: false`) and inline `work` days get
    /// [`WeeklyHours::normal_weekday`], even on a Saturday or Sunday.
    pub fn day_ranges(&self, date: NaiveDate) -> &[MinuteRange] {
        match self.overrides.get(&date) {
            None => self.hours.ranges(date.weekday()),
            Some(DayOverride::HolidayOff(_) | DayOverride::InlineOff(_)) => &[],
            Some(DayOverride::HolidayWork(_) | DayOverride::InlineWork) => {
                self.hours.normal_weekday()
            }
        }
    }

    /// Whether local `date` has any working hours.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !self.day_ranges(date).is_empty()
    }

    /// The last date with an override; after it only the weekly hours apply.
    pub(super) fn last_override(&self) -> Option<NaiveDate> {
        self.overrides.last_key_value().map(|(d, _)| *d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn cal() -> Calendar {
        let mut h = WeeklyHours::new();
        let wd = [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ];
        h.add(&wd, MinuteRange::hm(9, 0, 12, 0)).unwrap();
        h.add(&wd, MinuteRange::hm(13, 30, 18, 0)).unwrap();
        Calendar::new(chrono_tz::Asia::Shanghai, h)
    }

    fn holiday(date: NaiveDate, off: bool) -> HolidayDay {
        HolidayDay {
            date,
            name: "节".into(),
            off,
        }
    }

    #[test]
    fn off_work_conflict() {
        let mut c = cal();
        c.add_off(date(2026, 3, 2), date(2026, 3, 4), Some("trip"))
            .unwrap();
        assert_eq!(
            c.add_work(date(2026, 3, 3)),
            Err(CalendarError::Conflict {
                date: date(2026, 3, 3)
            })
        );
        c.add_work(date(2026, 3, 7)).unwrap();
        assert_eq!(
            c.add_off(date(2026, 3, 6), date(2026, 3, 8), None),
            Err(CalendarError::Conflict {
                date: date(2026, 3, 7)
            })
        );
        // all or nothing: 03-06 and 03-08 untouched
        assert!(c.is_working_day(date(2026, 3, 6)));
        assert!(c.is_working_day(date(2026, 3, 7)));
        assert_eq!(
            c.add_off(date(2026, 3, 8), date(2026, 3, 6), None),
            Err(CalendarError::InvertedDates {
                from: date(2026, 3, 8),
                to: date(2026, 3, 6)
            })
        );
        assert!(matches!(
            c.add_off(date(2026, 1, 1), date(2040, 1, 1), None),
            Err(CalendarError::TooLong { .. })
        ));
        // same kind twice is fine
        c.add_off(date(2026, 3, 4), date(2026, 3, 5), None).unwrap();
        c.add_work(date(2026, 3, 7)).unwrap();
        assert_eq!(
            CalendarError::Conflict {
                date: date(2026, 3, 3)
            }
            .to_string(),
            "2026-03-03 is set both off and work"
        );
    }

    #[test]
    fn inline_beats_holiday_file_in_any_order() {
        let mut c = cal();
        c.add_off(date(2026, 2, 14), date(2026, 2, 14), None)
            .unwrap();
        c.add_work(date(2026, 2, 16)).unwrap();
        c.add_holidays(&[
            holiday(date(2026, 2, 14), false),
            holiday(date(2026, 2, 16), true),
        ]);
        assert!(!c.is_working_day(date(2026, 2, 14)));
        assert!(c.is_working_day(date(2026, 2, 16)));

        c.add_holidays(&[
            holiday(date(2026, 2, 21), false),
            holiday(date(2026, 2, 23), true),
        ]);
        c.add_off(date(2026, 2, 21), date(2026, 2, 21), None)
            .unwrap();
        c.add_work(date(2026, 2, 23)).unwrap();
        assert!(!c.is_working_day(date(2026, 2, 21)));
        assert!(c.is_working_day(date(2026, 2, 23)));
    }

    #[test]
    fn later_holiday_file_wins_and_make_up_uses_weekday_hours() {
        let mut c = cal();
        c.add_holidays(&[holiday(date(2026, 3, 7), true)]);
        c.add_holidays(&[holiday(date(2026, 3, 7), false)]);
        assert_eq!(
            c.day_ranges(date(2026, 3, 7)),
            c.hours().ranges(Weekday::Mon)
        );
        assert!(c.day_ranges(date(2026, 3, 8)).is_empty());
    }
}
