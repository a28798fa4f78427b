//! Reading and printing instants and durations as ops people write them: times
//! without an offset are in the flow's time zone, and output always states the
//! offset.
//!
//! Reading takes what a Chinese office types or Excel exports: RFC 3339,
//! `2026-03-02 09:00`, `2026/3/2 9:00`, `2026年3月2日 9:00`, full-width digits
//! and colons. A bare date is midnight in the flow's zone. A near miss
//! (`2026/2/30`, `25:00`) is refused with what is wrong, never rolled over.
//! (Whether a time may be *recorded*, 1970–2199 and not before its customer, is
//! the record rules' question: [`crate::record`].)

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// Parses an instant: RFC 3339 (with its offset), or a local date and time in
/// `tz` (`2026-03-02 09:00`, `2026-03-02T09:00:05`, `2026/3/2 9:00`,
/// `2026年3月2日 9:00`), or a bare date (midnight in `tz`).
pub fn parse_instant(text: &str, tz: Tz) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    let ascii = to_ascii(text);
    if let Ok(t) = DateTime::parse_from_rfc3339(&ascii) {
        return Ok(t.with_timezone(&Utc));
    }
    let naive = parse_local(&ascii).map_err(|why| crate::t!("time-why", text = text, why = why))?;
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| crate::t!("time-dst-gap", text = text, tz = tz.to_string()))
}

/// Parses a local date with an optional time of day (midnight when absent):
/// `2026-03-02 09:00`, `2026/3/2 9:00:05`, `2026年3月2日`. The error says what
/// is wrong, to follow the text in backticks.
pub fn parse_local(text: &str) -> Result<NaiveDateTime, String> {
    let (date, rest) = parse_date(text)?;
    let rest = rest.strip_prefix('T').unwrap_or_else(|| rest.trim_start());
    let time = if rest.is_empty() {
        NaiveTime::MIN
    } else {
        parse_time_of_day(rest)?
    };
    Ok(date.and_time(time))
}

/// What follows a text that is no time at all (`is not a time: write …`).
pub fn not_a_time() -> String {
    crate::t!("time-not-a-time")
}

/// A date at the start of `text` (`2026-03-02`, `2026/3/2`, `2026.3.2`,
/// `2026年3月2日`) and what follows it.
fn parse_date(text: &str) -> Result<(NaiveDate, &str), String> {
    let (year, rest) = digits(text, 4, 4).ok_or_else(not_a_time)?;
    let sep = rest.chars().next().ok_or_else(not_a_time)?;
    let (month_end, day_end): (&[char], &[char]) = match sep {
        '-' => (&['-'], &[]),
        '/' => (&['/'], &[]),
        '.' => (&['.'], &[]),
        '年' => (&['月'], &['日', '号']),
        _ => return Err(not_a_time()),
    };
    let rest = &rest[sep.len_utf8()..];
    let (month, rest) = digits(rest, 1, 2).ok_or_else(not_a_time)?;
    let rest = rest.strip_prefix(month_end).ok_or_else(not_a_time)?;
    let (day, mut rest) = digits(rest, 1, 2).ok_or_else(not_a_time)?;
    if !day_end.is_empty() {
        rest = rest.strip_prefix(day_end).ok_or_else(not_a_time)?;
    }
    let year = i32::try_from(year).map_err(|_| not_a_time())?;
    if !(1..=12).contains(&month) {
        return Err(crate::t!("time-no-month", month = month.to_string()));
    }
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        };
        let days = next.and_then(|d| d.pred_opt()).map_or(31, |d| d.day());
        crate::t!(
            "time-month-days",
            month = format!("{year}-{month:02}"),
            days = days.to_string()
        )
    })?;
    Ok((date, rest))
}

/// `H:MM`, `HH:MM:SS` or `HH:MM:SS.fff`.
fn parse_time_of_day(text: &str) -> Result<NaiveTime, String> {
    let (hour, rest) = digits(text, 1, 2).ok_or_else(not_a_time)?;
    let rest = rest.strip_prefix(':').ok_or_else(not_a_time)?;
    let (minute, rest) = digits(rest, 2, 2).ok_or_else(not_a_time)?;
    let (second, rest) = match rest.strip_prefix(':') {
        Some(rest) => digits(rest, 2, 2).ok_or_else(not_a_time)?,
        None => (0, rest),
    };
    let nanos = match rest.strip_prefix('.') {
        Some(fraction) => {
            let (n, rest) = digits(fraction, 1, 9).ok_or_else(not_a_time)?;
            if !rest.is_empty() {
                return Err(not_a_time());
            }
            let places = u32::try_from(fraction.len()).unwrap_or(9);
            n * 10u32.pow(9 - places)
        }
        None if rest.is_empty() => 0,
        None => return Err(not_a_time()),
    };
    NaiveTime::from_hms_nano_opt(hour, minute, second, nanos).ok_or_else(|| {
        crate::t!(
            "time-past-midnight",
            time = format!("{hour}:{minute:02}:{second:02}")
        )
    })
}

/// `min..=max` ASCII digits at the start of `text`, and what follows them.
fn digits(text: &str, min: usize, max: usize) -> Option<(u32, &str)> {
    let n = text.bytes().take_while(u8::is_ascii_digit).count();
    if !(min..=max).contains(&n) {
        return None;
    }
    Some((text[..n].parse().ok()?, &text[n..]))
}

/// Full-width ASCII (`２０２６／３／２　９：００`, typed with a Chinese input
/// method) as ASCII; everything else as it is.
pub fn to_ascii(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect()
}

/// `2026-03-10 12:00 +08:00 Tue` (seconds shown only when not zero; the weekday
/// in the language of the messages).
pub fn format_instant(t: DateTime<Utc>, tz: Tz) -> String {
    let local = t.with_timezone(&tz);
    let time = if local.format("%S").to_string() == "00" {
        "%H:%M"
    } else {
        "%H:%M:%S"
    };
    format!(
        "{} {}",
        local.format(&format!("%Y-%m-%d {time} %:z")),
        crate::i18n::weekday(local.weekday())
    )
}

/// RFC 3339 in the time zone, for JSON.
pub fn rfc3339(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).to_rfc3339()
}

/// `12h`, `7h30m`, `45m`, `3d2h` (days of 24 hours), `0m`.
pub fn format_seconds(seconds: i64) -> String {
    let minutes = seconds / 60;
    let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let mut out = String::new();
    if d > 0 {
        let _ = write!(out, "{d}d");
    }
    if h > 0 {
        let _ = write!(out, "{h}h");
    }
    if m > 0 || out.is_empty() {
        let _ = write!(out, "{m}m");
    }
    out
}

/// A number without a useless `.0`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

/// Working hours and minutes: `12h`, `7h30m` (never days, which on a calendar
/// clock would read as working days).
pub fn format_working(seconds: i64) -> String {
    let minutes = seconds / 60;
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h{m}m"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_take_the_flow_zone_and_print_the_offset() {
        let tz: Tz = "Asia/Shanghai".parse().unwrap();
        let t = parse_instant("2026-03-02 09:00", tz).unwrap();
        assert_eq!(t, parse_instant("2026-03-02T01:00:00Z", tz).unwrap());
        assert_eq!(format_instant(t, tz), "2026-03-02 09:00 +08:00 Mon");
        assert!(parse_instant("next monday", tz).is_err());
    }

    #[test]
    fn excel_and_chinese_date_styles_are_read_in_the_flow_zone() {
        let tz: Tz = "Asia/Shanghai".parse().unwrap();
        let nine = parse_instant("2026-03-02T01:00:00Z", tz).unwrap();
        let midnight = parse_instant("2026-03-01T16:00:00Z", tz).unwrap();
        for text in [
            "2026/3/2 9:00",
            "2026/03/02 09:00:00",
            "2026年3月2日 9:00",
            "2026-3-2 09:00",
            "2026.3.2 9:00",
            "２０２６／３／２　９：００",
            "2026-03-02T09:00:00.000",
        ] {
            assert_eq!(parse_instant(text, tz), Ok(nine), "{text}");
        }
        for text in ["2026/3/2", "2026年3月2日", "2026-03-02", "2026年3月2号"] {
            assert_eq!(parse_instant(text, tz), Ok(midnight), "{text} is midnight");
        }
    }

    #[test]
    fn near_misses_are_refused_with_what_is_wrong() {
        let tz = Tz::UTC;
        let err = |text: &str| parse_instant(text, tz).unwrap_err();
        assert_eq!(
            err("2026/2/30"),
            "`2026/2/30` is not a date: 2026-02 has 28 days"
        );
        assert_eq!(
            err("2024/2/30"),
            "`2024/2/30` is not a date: 2024-02 has 29 days"
        );
        assert_eq!(
            err("2026/13/1"),
            "`2026/13/1` is not a date: there is no month 13"
        );
        assert_eq!(
            err("2026/3/2 25:00"),
            "`2026/3/2 25:00` is not a time of day: `25:00:00` is past 23:59:59"
        );
        for text in [
            "2026/3/2 9",
            "2026/3/2 9:0",
            "2026年3月2",
            "2026-03",
            "20260302",
            "2026/3-2",
            "2026/3/2 9:00 pm",
        ] {
            assert!(
                err(text).contains("is not a time: write"),
                "{text}: {}",
                err(text)
            );
        }
    }

    #[test]
    fn durations_print_compactly() {
        assert_eq!(format_working(12 * 3600), "12h");
        assert_eq!(format_working(7 * 3600 + 1800), "7h30m");
        assert_eq!(format_seconds(16 * 86_400 + 3 * 3600), "16d3h");
        assert_eq!(format_seconds(0), "0m");
    }
}
