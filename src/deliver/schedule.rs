//! When a digest is due: `every:` of salesflow.yaml, in the flow's time zone.
//!
//! - `daily 18:00` (also `每天 18:00`)
//! - `weekdays 09:00`: Monday to Friday (also `工作日 09:00`; by the week, not a
//!   calendar of the rules: a digest is not a deadline)
//! - `mon 09:00` … `sun 09:00`, full names too (`monday`), and `周一` … `周日`,
//!   `星期一` … `星期日`
//! - `monthly 1 09:00`: a day of the month, 1 to 28 (every month has it)

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

use super::error::ScheduleProblem;

/// A repeating instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    days: Days,
    time: NaiveTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Days {
    Daily,
    Weekdays,
    Weekly(Weekday),
    Monthly(u32),
}

/// How far back an occurrence is looked for: more than a month.
const LOOKBACK_DAYS: i64 = 32;

impl Schedule {
    /// Parses `every:`; the error says what is expected.
    pub fn parse(text: &str) -> Result<Schedule, ScheduleProblem> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let (days, time) = match words.as_slice() {
            [day, time] => (day_word(day)?, *time),
            [monthly, day, time] if monthly.eq_ignore_ascii_case("monthly") => {
                let d: u32 = day
                    .parse()
                    .ok()
                    .filter(|d| (1..=28).contains(d))
                    .ok_or_else(|| ScheduleProblem::MonthDay((*day).to_string()))?;
                (Days::Monthly(d), *time)
            }
            _ => return Err(ScheduleProblem::Shape),
        };
        let time = NaiveTime::parse_from_str(time, "%H:%M")
            .map_err(|_| ScheduleProblem::Time(time.to_string()))?;
        Ok(Schedule { days, time })
    }

    /// The latest occurrence at or before `now`.
    pub fn latest(&self, now: DateTime<Utc>, tz: Tz) -> Option<DateTime<Utc>> {
        let today = now.with_timezone(&tz).date_naive();
        (0..=LOOKBACK_DAYS)
            .filter_map(|back| today.checked_sub_signed(TimeDelta::days(back)))
            .filter(|day| self.days.includes(*day))
            .filter_map(|day| tz.from_local_datetime(&day.and_time(self.time)).earliest())
            .map(|t| t.with_timezone(&Utc))
            .find(|t| *t <= now)
    }

    /// The occurrence before `occurrence`.
    pub fn previous(&self, occurrence: DateTime<Utc>, tz: Tz) -> Option<DateTime<Utc>> {
        self.latest(occurrence - TimeDelta::seconds(1), tz)
    }
}

impl Days {
    fn includes(self, day: NaiveDate) -> bool {
        match self {
            Days::Daily => true,
            Days::Weekdays => day.weekday().number_from_monday() <= 5,
            Days::Weekly(w) => day.weekday() == w,
            Days::Monthly(d) => day.day() == d,
        }
    }
}

fn day_word(word: &str) -> Result<Days, ScheduleProblem> {
    let lower = word.to_lowercase();
    let weekday = |w| Ok(Days::Weekly(w));
    match lower.as_str() {
        "daily" | "每天" | "每日" => Ok(Days::Daily),
        "weekdays" | "工作日" => Ok(Days::Weekdays),
        "mon" | "monday" | "周一" | "星期一" => weekday(Weekday::Mon),
        "tue" | "tuesday" | "周二" | "星期二" => weekday(Weekday::Tue),
        "wed" | "wednesday" | "周三" | "星期三" => weekday(Weekday::Wed),
        "thu" | "thursday" | "周四" | "星期四" => weekday(Weekday::Thu),
        "fri" | "friday" | "周五" | "星期五" => weekday(Weekday::Fri),
        "sat" | "saturday" | "周六" | "星期六" => weekday(Weekday::Sat),
        "sun" | "sunday" | "周日" | "星期日" | "周天" | "星期天" => weekday(Weekday::Sun),
        _ => Err(ScheduleProblem::Day(word.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    const SH: Tz = chrono_tz::Asia::Shanghai;

    #[test]
    fn a_weekly_digest_is_due_from_its_monday_morning_for_a_week() {
        let s = Schedule::parse("mon 09:00").unwrap();
        // Wednesday 2026-03-04: the Monday before.
        assert_eq!(
            s.latest(t("2026-03-04T15:00:00+08:00"), SH),
            Some(t("2026-03-02T09:00:00+08:00"))
        );
        // Monday 08:59: the Monday before that.
        assert_eq!(
            s.latest(t("2026-03-09T08:59:00+08:00"), SH),
            Some(t("2026-03-02T09:00:00+08:00"))
        );
        assert_eq!(
            s.latest(t("2026-03-09T09:00:00+08:00"), SH),
            Some(t("2026-03-09T09:00:00+08:00"))
        );
        assert_eq!(
            s.previous(t("2026-03-09T09:00:00+08:00"), SH),
            Some(t("2026-03-02T09:00:00+08:00"))
        );
    }

    #[test]
    fn days_read_in_english_and_chinese() {
        assert_eq!(
            Schedule::parse("周一 09:00"),
            Schedule::parse("Monday 09:00")
        );
        let daily = Schedule::parse("每天 18:00").unwrap();
        assert_eq!(
            daily.latest(t("2026-03-04T17:00:00+08:00"), SH),
            Some(t("2026-03-03T18:00:00+08:00"))
        );
        let weekdays = Schedule::parse("weekdays 09:00").unwrap();
        // Sunday: Friday's.
        assert_eq!(
            weekdays.latest(t("2026-03-08T12:00:00+08:00"), SH),
            Some(t("2026-03-06T09:00:00+08:00"))
        );
        let monthly = Schedule::parse("monthly 1 09:00").unwrap();
        assert_eq!(
            monthly.latest(t("2026-03-31T12:00:00+08:00"), SH),
            Some(t("2026-03-01T09:00:00+08:00"))
        );
    }

    #[test]
    fn wrong_schedules_say_what_is_expected() {
        assert_eq!(Schedule::parse("mon"), Err(ScheduleProblem::Shape));
        assert_eq!(
            Schedule::parse("mon 9am"),
            Err(ScheduleProblem::Time("9am".into()))
        );
        assert_eq!(
            Schedule::parse("someday 09:00"),
            Err(ScheduleProblem::Day("someday".into()))
        );
        assert_eq!(
            Schedule::parse("monthly 31 09:00"),
            Err(ScheduleProblem::MonthDay("31".into()))
        );
    }
}
