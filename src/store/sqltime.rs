//! How instants are stored: RFC 3339 in UTC with whole seconds and a `Z`
//! (`2026-03-02T01:00:00Z`), a fixed-width text that sorts as time does, so
//! `ORDER BY at` and `wake_at <= ?` compare correctly and a person reading the file
//! with `sqlite3` sees a time. Sub-second parts are dropped on write (rounded up for
//! `wake_at`, so a customer is never woken before its time has come).

use chrono::{DateTime, Datelike, SecondsFormat, SubsecRound, TimeDelta, Timelike, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

/// An instant as stored in a time column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct SqlTime(pub DateTime<Utc>);

impl SqlTime {
    /// The instant rounded up to the next whole second (for wake-up times).
    pub fn ceil(t: DateTime<Utc>) -> SqlTime {
        let floor = t.trunc_subsecs(0);
        SqlTime(if floor == t {
            t
        } else {
            floor + TimeDelta::seconds(1)
        })
    }

    /// The stored text. Written digit by digit: an apply writes one or two for
    /// every row, and chrono's general formatter cost more than the row's other
    /// columns together. Years outside 0–9999 and leap seconds take chrono's way.
    pub fn text(t: DateTime<Utc>) -> String {
        let year = u32::try_from(t.year()).ok().filter(|y| *y <= 9999);
        let Some(year) = year.filter(|_| t.nanosecond() < 1_000_000_000) else {
            return t.to_rfc3339_opts(SecondsFormat::Secs, true);
        };
        let mut text = *b"0000-00-00T00:00:00Z";
        let mut put = |at: usize, width: usize, mut n: u32| {
            for i in (at..at + width).rev() {
                // A digit: n % 10 < 10.
                text[i] = b'0' + u8::try_from(n % 10).unwrap_or(0);
                n /= 10;
            }
        };
        put(0, 4, year);
        put(5, 2, t.month());
        put(8, 2, t.day());
        put(11, 2, t.hour());
        put(14, 2, t.minute());
        put(17, 2, t.second());
        // ASCII digits and separators only.
        String::from_utf8(text.to_vec()).unwrap_or_default()
    }
}

impl ToSql for SqlTime {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(SqlTime::text(self.0)))
    }
}

/// The years a stored time may lie in, as at every entry point (`record`).
const YEARS: std::ops::RangeInclusive<i32> = 1970..=2199;

impl FromSql for SqlTime {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        let t = match stored_shape(text) {
            Some(t) => t,
            None => DateTime::parse_from_rfc3339(text)
                .map(|t| t.with_timezone(&Utc))
                .map_err(|e| FromSqlError::Other(format!("`{text}` is not a time: {e}").into()))?,
        };
        if !YEARS.contains(&chrono::Datelike::year(&t)) {
            return Err(FromSqlError::Other(
                format!("`{text}` lies outside the years 1970–2199").into(),
            ));
        }
        Ok(SqlTime(t))
    }
}

/// The shape this module writes (`2026-03-02T01:00:00Z`), read without the
/// general RFC 3339 parser: a store-wide pass reads millions of them. `None` for
/// any other text, which the parser then reads or refuses.
fn stored_shape(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return None;
    }
    if b[16] != b':' || b[19] != b'Z' {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        b[from..to].iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let date =
        chrono::NaiveDate::from_ymd_opt(i32::try_from(num(0, 4)?).ok()?, num(5, 7)?, num(8, 10)?)?;
    let time = date.and_hms_opt(num(11, 13)?, num(14, 16)?, num(17, 19)?)?;
    Some(time.and_utc())
}

/// Reads an optional time column.
pub(crate) fn opt(t: Option<SqlTime>) -> Option<DateTime<Utc>> {
    t.map(|t| t.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_whole_seconds_in_utc_with_z_and_wake_rounds_up() {
        let t = DateTime::parse_from_rfc3339("2026-03-02T09:00:00.250+08:00")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(SqlTime::text(t), "2026-03-02T01:00:00Z");
        assert_eq!(SqlTime::text(SqlTime::ceil(t).0), "2026-03-02T01:00:01Z");
        let whole = t.trunc_subsecs(0);
        assert_eq!(SqlTime::ceil(whole).0, whole);
    }

    #[test]
    fn the_stored_text_is_what_chrono_writes() {
        let start = DateTime::parse_from_rfc3339("1969-12-30T23:59:58Z")
            .unwrap()
            .timestamp();
        // Every day boundary and an odd second across a few centuries, and
        // sub-second parts, which are dropped.
        for k in 0..20_000i64 {
            for extra in [0, 1, 86_399] {
                let secs = start + k * 86_400 * 11 + extra;
                let t = DateTime::from_timestamp(secs, 250_000_000).unwrap();
                let chrono = t.to_rfc3339_opts(SecondsFormat::Secs, true);
                assert_eq!(SqlTime::text(t), chrono);
            }
        }
        // A year of five digits takes chrono's way, and writes what chrono writes.
        let far = chrono::NaiveDate::from_ymd_opt(12_026, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap()
            .and_utc();
        assert_eq!(
            SqlTime::text(far),
            far.to_rfc3339_opts(SecondsFormat::Secs, true)
        );
    }

    #[test]
    fn the_stored_shape_reads_as_the_rfc3339_parser_reads_it() {
        for text in [
            "2026-03-02T01:00:00Z",
            "1970-01-01T00:00:00Z",
            "2199-12-31T23:59:59Z",
            "2024-02-29T12:30:45Z",
        ] {
            let general = DateTime::parse_from_rfc3339(text)
                .unwrap()
                .with_timezone(&Utc);
            assert_eq!(stored_shape(text), Some(general), "{text}");
            let read = SqlTime::column_result(ValueRef::Text(text.as_bytes())).unwrap();
            assert_eq!(read.0, general);
        }
        // Not the stored shape: left to the general parser, which reads or refuses.
        for text in [
            "2026-03-02T09:00:00+08:00",
            "2026-03-02 01:00:00Z",
            "2026-02-30T01:00:00Z",
            "2026-03-02T24:00:00Z",
            "2026-03-02T01:00:60Z",
            "２０２６-03-02T01:00:00Z",
            "2026-03-02T01:00:00z",
        ] {
            assert_eq!(stored_shape(text), None, "{text}");
        }
        let offset = SqlTime::column_result(ValueRef::Text(b"2026-03-02T09:00:00+08:00")).unwrap();
        assert_eq!(SqlTime::text(offset.0), "2026-03-02T01:00:00Z");
        assert!(SqlTime::column_result(ValueRef::Text(b"2026-02-30T01:00:00Z")).is_err());
    }
}
