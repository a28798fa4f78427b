//! Working-time calendar: takes weekly hours, a time zone, holiday files (holiday-cn JSON) and
//! inline `off`/`work` days, and produces working-time arithmetic on UTC instants
//! (add, between, next opening, paused variants) plus per-day explanations for `show`.
//!
//! Files: `range.rs` (minute ranges), `weekly.rs` (weekly hours), `holidays.rs` (holiday
//! files), `days.rs` (the calendar and day resolution), `intervals.rs` (local days to UTC
//! intervals, DST policy), `arithmetic.rs` and `paused.rs` (arithmetic), `show.rs` (per-day
//! explanation).
//!
//! Choices, documented where they live:
//! - Instants are `DateTime<Utc>`; days are local dates in the calendar's time zone. DST: a
//!   local time in a fold means its earliest occurrence; one in a gap moves forward to the
//!   instant the clocks jumped (`intervals.rs`).
//! - Ranges are half-open: a range's end is not working time, but `add_working` returns a
//!   range's end when the sum lands exactly on it; adding 0 returns `t` itself.
//! - `None` from the arithmetic means no such instant: no working time at or after the start,
//!   a negative or out-of-range amount, or an answer after the year 9999.
//! - Make-up days and inline `work` days use [`WeeklyHours::normal_weekday`] (the hours of the
//!   first of Monday..Friday that has any). Inline `off`/`work` beat holiday files; inline
//!   `off` and `work` on one date is [`CalendarError::Conflict`].

mod arithmetic;
mod days;
mod holidays;
mod intervals;
mod paused;
mod range;
mod show;
mod weekly;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use arithmetic::WorkDuration;
pub use days::{Calendar, CalendarError, MAX_OFF_DAYS};
pub use holidays::{HolidayDay, HolidayFileError, parse_holiday_file};
pub use range::{MINUTES_PER_DAY, MinuteRange};
pub use show::{DayInfo, DayKind};
pub use weekly::{HoursError, WeeklyHours};
