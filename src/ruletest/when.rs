//! Times in a test file. Takes the text of `at:`, `due:`, `created_at:`, `start:`
//! and `tick:`; produces instants. Two forms:
//!
//! - an offset from the file's `start`: `0h`, `90m`, `8d4h`, `2w`, `-30d`. Offsets
//!   are wall-clock (a day is 24 hours, whatever the rules' calendars say), so the
//!   test states plainly when things happen and the rules do the working-time maths;
//! - an instant: `2026-03-04 18:00` (in the flow's time zone) or RFC 3339.

use std::fmt::{self, Write as _};

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer};

use crate::timefmt::parse_instant;

/// A time as written in a test file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// Seconds from `start` (negative: before it).
    Offset(i64),
    /// An instant, as written (resolved in the flow's zone).
    Instant(String),
}

impl When {
    /// Parses either form.
    pub fn parse(text: &str) -> Result<When, String> {
        let text = text.trim();
        if let Some(seconds) = parse_offset(text) {
            return Ok(When::Offset(seconds));
        }
        // The zone only moves a local time; UTC tells whether the text is a time.
        if parse_instant(text, Tz::UTC).is_ok() {
            return Ok(When::Instant(text.to_string()));
        }
        Err(format!(
            "`{text}` is not a time: write an offset from `start` (`0h`, `90m`, `8d4h`, `-30d`) \
             or an instant (`2026-03-04 18:00`, RFC 3339)"
        ))
    }

    /// The instant, given the file's start and the flow's zone.
    pub fn resolve(&self, start: DateTime<Utc>, tz: Tz) -> Result<DateTime<Utc>, String> {
        match self {
            When::Offset(s) => start
                .checked_add_signed(TimeDelta::seconds(*s))
                .ok_or_else(|| format!("offset `{self}` is out of range")),
            When::Instant(text) => parse_instant(text, tz),
        }
    }
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            When::Offset(s) => f.write_str(&format_offset(*s)),
            When::Instant(text) => f.write_str(text),
        }
    }
}

impl<'de> Deserialize<'de> for When {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<When, D::Error> {
        let text = String::deserialize(d)?;
        When::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// `8d4h` → seconds: one or more `<digits><unit>` with units `w`, `d`, `h`, `m`,
/// `s`, optionally after a `-`; a bare `0` is zero.
pub fn parse_offset(text: &str) -> Option<i64> {
    let (sign, body) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text),
    };
    if body == "0" {
        return Some(0);
    }
    if body.is_empty() {
        return None;
    }
    let mut total: i64 = 0;
    let mut digits = String::new();
    for c in body.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let unit = match c {
            'w' => 7 * 86_400,
            'd' => 86_400,
            'h' => 3_600,
            'm' => 60,
            's' => 1,
            _ => return None,
        };
        let n: i64 = digits.parse().ok()?;
        digits.clear();
        total = total.checked_add(n.checked_mul(unit)?)?;
    }
    digits.is_empty().then_some(sign * total)
}

/// Seconds → the shortest offset text: `8d4h`, `-30d`, `0h`.
pub fn format_offset(seconds: i64) -> String {
    if seconds == 0 {
        return "0h".into();
    }
    let mut out = String::new();
    if seconds < 0 {
        out.push('-');
    }
    let mut rest = seconds.unsigned_abs();
    for (unit, size) in [('d', 86_400), ('h', 3_600), ('m', 60), ('s', 1)] {
        if rest >= size {
            let _ = write!(out, "{}{unit}", rest / size);
            rest %= size;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_wall_clock_and_may_be_negative() {
        assert_eq!(parse_offset("8d4h"), Some(8 * 86_400 + 4 * 3_600));
        assert_eq!(parse_offset("90m"), Some(5_400));
        assert_eq!(parse_offset("-30d"), Some(-30 * 86_400));
        assert_eq!(parse_offset("1w"), Some(7 * 86_400));
        assert_eq!(parse_offset("0"), Some(0));
        for bad in ["", "8", "h", "8x", "1d-2h", "--1d"] {
            assert_eq!(parse_offset(bad), None, "{bad}");
        }
    }

    #[test]
    fn offsets_print_back_as_written() {
        for text in ["8d4h", "90m", "-30d", "0h", "1d30s"] {
            let s = parse_offset(text).unwrap();
            let again = parse_offset(&format_offset(s)).unwrap();
            assert_eq!(s, again, "{text}");
        }
        assert_eq!(format_offset(5_400), "1h30m");
    }

    #[test]
    fn instants_take_the_flow_zone() {
        let tz: Tz = "Asia/Shanghai".parse().unwrap();
        let start = parse_instant("2026-03-02T09:00:00+08:00", tz).unwrap();
        let local = When::parse("2026-03-04 18:00").unwrap();
        assert_eq!(
            local.resolve(start, tz).unwrap(),
            parse_instant("2026-03-04T10:00:00Z", tz).unwrap()
        );
        assert_eq!(
            When::parse("2d").unwrap().resolve(start, tz).unwrap(),
            parse_instant("2026-03-04 09:00", tz).unwrap()
        );
        assert!(When::parse("next monday").is_err());
    }
}
