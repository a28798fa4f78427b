//! The generator's days: day 0 is the first day of the history, in the flow's
//! time zone. People record things during office hours (mostly on working days
//! of the flow's first calendar, holidays and make-up days included), and the
//! rules are applied once a day, in the evening, as a cron line would.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::dice::Dice;
use crate::calendar::Calendar;

/// Minutes after midnight of the daily apply (20:00).
const TICK_MINUTE: u32 = 20 * 60;
/// Office hours in which records are made (08:30–19:00).
const FIRST_MINUTE: u32 = 8 * 60 + 30;
const LAST_MINUTE: u32 = 19 * 60;

/// Days and instants of one generated history.
pub struct Clock<'f> {
    start: NaiveDate,
    tz: Tz,
    calendar: Option<&'f Calendar>,
}

impl<'f> Clock<'f> {
    /// Day 0 is `start`, in `tz`; working days are `calendar`'s (else Monday to
    /// Friday).
    pub fn new(start: NaiveDate, tz: Tz, calendar: Option<&'f Calendar>) -> Clock<'f> {
        Clock {
            start,
            tz,
            calendar,
        }
    }

    /// The date of a day (negative: before the history starts).
    pub fn date(&self, day: i64) -> NaiveDate {
        self.start + Duration::days(day)
    }

    /// The instant `minute` minutes after the day's local midnight.
    pub fn at(&self, day: i64, minute: u32) -> DateTime<Utc> {
        let date = self.date(day);
        let time = NaiveTime::from_num_seconds_from_midnight_opt(minute.min(1439) * 60, 0)
            .unwrap_or(NaiveTime::MIN);
        let local = date.and_time(time);
        // A time that a clock change skips is taken an hour later.
        self.tz
            .from_local_datetime(&local)
            .earliest()
            .or_else(|| {
                self.tz
                    .from_local_datetime(&(local + Duration::hours(1)))
                    .earliest()
            })
            .map_or_else(|| local.and_utc(), |t| t.with_timezone(&Utc))
    }

    /// A time in office hours of the day.
    pub fn office_time(&self, day: i64, dice: &mut Dice) -> DateTime<Utc> {
        self.at(day, dice.below(FIRST_MINUTE, LAST_MINUTE))
    }

    /// When the rules are applied on the day.
    pub fn tick(&self, day: i64) -> DateTime<Utc> {
        self.at(day, TICK_MINUTE)
    }

    /// The store goes live at the first day's midnight.
    pub fn live_from(&self) -> DateTime<Utc> {
        self.at(0, 0)
    }

    /// The day an instant falls on.
    pub fn day_of(&self, t: DateTime<Utc>) -> i64 {
        (t.with_timezone(&self.tz).date_naive() - self.start).num_days()
    }

    /// Whether people work on the day.
    pub fn is_workday(&self, day: i64) -> bool {
        let date = self.date(day);
        match self.calendar {
            Some(c) => c.is_working_day(date),
            None => !matches!(
                chrono::Datelike::weekday(&date),
                chrono::Weekday::Sat | chrono::Weekday::Sun
            ),
        }
    }

    /// The first office instant at or after `t` (the next morning when `t` is
    /// after hours), for work that follows an event.
    pub fn in_office(&self, t: DateTime<Utc>, dice: &mut Dice) -> DateTime<Utc> {
        let day = self.day_of(t);
        let local = t.with_timezone(&self.tz).time();
        let minute = local.hour_minute();
        if minute < FIRST_MINUTE {
            self.at(day, FIRST_MINUTE + dice.below(0, 90))
        } else if minute >= LAST_MINUTE {
            self.at(day + 1, FIRST_MINUTE + dice.below(0, 90))
        } else {
            t
        }
    }
}

trait HourMinute {
    fn hour_minute(&self) -> u32;
}

impl HourMinute for NaiveTime {
    fn hour_minute(&self) -> u32 {
        chrono::Timelike::num_seconds_from_midnight(self) / 60
    }
}

#[cfg(test)]
mod tests {
    use super::super::dice::Stream;
    use super::*;

    fn clock() -> Clock<'static> {
        Clock::new(
            NaiveDate::from_ymd_opt(2026, 9, 28).unwrap(),
            chrono_tz::Asia::Shanghai,
            None,
        )
    }

    #[test]
    fn days_and_ticks_are_local() {
        let c = clock();
        assert_eq!(c.tick(0).to_rfc3339(), "2026-09-28T12:00:00+00:00");
        assert_eq!(c.day_of(c.tick(3)), 3);
        assert_eq!(c.day_of(c.live_from()), 0);
        assert_eq!(c.day_of(c.at(-2, 600)), -2);
        assert!(c.is_workday(0) && !c.is_workday(5));
    }

    #[test]
    fn office_times_fall_in_office_hours_before_the_tick() {
        let c = clock();
        let mut dice = Dice::new(1, Stream::Day, &[]);
        for _ in 0..100 {
            let t = c.office_time(2, &mut dice);
            assert_eq!(c.day_of(t), 2);
            assert!(t < c.tick(2) && t > c.tick(1));
        }
        let evening = c.at(2, 21 * 60);
        let next = c.in_office(evening, &mut dice);
        assert_eq!(c.day_of(next), 3);
    }
}
