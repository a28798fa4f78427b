//! Reading and printing instants and durations as ops people write them: times
//! without an offset are in the flow's time zone, and output always states the
//! offset.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// Parses RFC 3339, `YYYY-MM-DD HH:MM[:SS]` or `YYYY-MM-DDTHH:MM` (in `tz`), or a
/// bare date (midnight in `tz`).
pub fn parse_instant(text: &str, tz: Tz) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    let naive = [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    .or_else(|| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    })
    .ok_or_else(|| format!("`{text}` is not a time: write `2026-03-02 09:00` or RFC 3339"))?;
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| format!("`{text}` does not exist in {tz} (a daylight-saving gap)"))
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
    fn durations_print_compactly() {
        assert_eq!(format_working(12 * 3600), "12h");
        assert_eq!(format_working(7 * 3600 + 1800), "7h30m");
        assert_eq!(format_seconds(16 * 86_400 + 3 * 3600), "16d3h");
        assert_eq!(format_seconds(0), "0m");
    }
}
