//! How instants are stored: RFC 3339 in UTC with whole seconds and a `Z`
//! (`2026-03-02T01:00:00Z`), a fixed-width text that sorts as time does, so
//! `ORDER BY at` and `wake_at <= ?` compare correctly and a person reading the file
//! with `sqlite3` sees a time. Sub-second parts are dropped on write (rounded up for
//! `wake_at`, so a customer is never woken before its time has come).

use chrono::{DateTime, SecondsFormat, SubsecRound, TimeDelta, Utc};
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

    /// The stored text.
    pub fn text(t: DateTime<Utc>) -> String {
        t.to_rfc3339_opts(SecondsFormat::Secs, true)
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
        let t = DateTime::parse_from_rfc3339(text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| FromSqlError::Other(format!("`{text}` is not a time: {e}").into()))?;
        if !YEARS.contains(&chrono::Datelike::year(&t)) {
            return Err(FromSqlError::Other(
                format!("`{text}` lies outside the years 1970–2199").into(),
            ));
        }
        Ok(SqlTime(t))
    }
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
}
