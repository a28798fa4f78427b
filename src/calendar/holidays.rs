//! Holiday files: takes the text of a holiday-cn JSON file
//! (`{"year":2026,"days":[{"name":"春节","date":"2026-02-15","isOffDay":true}, ...]}`) and
//! produces a list of [`HolidayDay`]s. Unknown keys (`$schema`, `$id`, `papers`, ...) are ignored.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};
use thiserror::Error;

/// One listed date: a day off, or a make-up working day (调休) when `off` is false.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayDay {
    /// The local date.
    pub date: NaiveDate,
    /// The holiday's name, e.g. "春节".
    pub name: String,
    /// `true`: day off; `false`: make-up working day with the normal weekday hours.
    pub off: bool,
}

/// Why a holiday file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum HolidayFileError {
    /// Invalid JSON, a wrong shape, or a bad value; `line`/`column` are 1-based, as `serde_json` reports.
    #[error("{message} at line {line} column {column}")]
    Json {
        /// What is wrong, without the position.
        message: String,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
    },
    /// The same date is listed twice, once as a day off and once as a working day.
    #[error("{date} is listed both as a day off and as a working day")]
    Contradiction {
        /// The date listed twice.
        date: NaiveDate,
    },
}

impl HolidayFileError {
    /// The 1-based `(line, column)` the error points at, when it has one.
    pub fn location(&self) -> Option<(usize, usize)> {
        match self {
            Self::Json { line, column, .. } => Some((*line, *column)),
            Self::Contradiction { .. } => None,
        }
    }
}

impl From<serde_json::Error> for HolidayFileError {
    fn from(e: serde_json::Error) -> Self {
        let (line, column) = (e.line(), e.column());
        let full = e.to_string();
        let suffix = format!(" at line {line} column {column}");
        let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
        Self::Json {
            message,
            line,
            column,
        }
    }
}

#[derive(Deserialize)]
struct RawFile {
    days: Vec<RawDay>,
}

#[derive(Deserialize)]
struct RawDay {
    name: String,
    #[serde(deserialize_with = "iso_date")]
    date: NaiveDate,
    #[serde(rename = "isOffDay")]
    off: bool,
}

fn iso_date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let s = String::deserialize(d)?;
    NaiveDate::parse_from_str(&s, "%Y-%m-%d")
        .map_err(|e| serde::de::Error::custom(format!("bad date {s:?} ({e}), expected YYYY-MM-DD")))
}

/// Parses one holiday-cn file; dates keep file order and may fall outside the file's `year`.
pub fn parse_holiday_file(text: &str) -> Result<Vec<HolidayDay>, HolidayFileError> {
    let raw: RawFile = serde_json::from_str(text)?;
    let mut days: Vec<HolidayDay> = Vec::with_capacity(raw.days.len());
    for d in raw.days {
        if let Some(prev) = days.iter().find(|p| p.date == d.date) {
            if prev.off != d.off {
                return Err(HolidayFileError::Contradiction { date: d.date });
            }
            continue;
        }
        days.push(HolidayDay {
            date: d.date,
            name: d.name,
            off: d.off,
        });
    }
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn real_files_parse() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/holidays/2026.json"
        ))
        .unwrap();
        let days = parse_holiday_file(&text).unwrap();
        assert_eq!(days.len(), 39);
        assert!(days.contains(&HolidayDay {
            date: date(2026, 2, 14),
            name: "春节".into(),
            off: false
        }));
        assert!(days.contains(&HolidayDay {
            date: date(2026, 2, 15),
            name: "春节".into(),
            off: true
        }));
        let empty = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/holidays/2027.json"
        ))
        .unwrap();
        assert!(parse_holiday_file(&empty).unwrap().is_empty());
    }

    #[test]
    fn unknown_keys_ignored() {
        let text = r#"{"$schema":"x","year":2026,"papers":["a"],
            "days":[{"name":"元旦","date":"2026-01-01","isOffDay":true,"extra":1}]}"#;
        let days = parse_holiday_file(text).unwrap();
        assert_eq!(days.len(), 1);
        assert!(days[0].off);
    }

    #[test]
    fn syntax_error_has_position() {
        let text = "{\n  \"days\": [\n    {\"name\": \"x\", \"date\": \"2026-01-01\" \"isOffDay\": true}\n  ]\n}";
        let err = parse_holiday_file(text).unwrap_err();
        let (line, column) = err.location().unwrap();
        assert_eq!(line, 3);
        assert!(column > 30, "{err}");
        assert!(
            err.to_string()
                .ends_with(&format!("at line 3 column {column}"))
        );
    }

    #[test]
    fn shape_errors_have_position() {
        let missing = "{\"days\": [{\"name\": \"x\", \"date\": \"2026-01-01\"}]}";
        let err = parse_holiday_file(missing).unwrap_err();
        let HolidayFileError::Json { message, line, .. } = &err else {
            panic!("{err:?}")
        };
        assert!(message.contains("isOffDay"), "{message}");
        assert_eq!(*line, 1);

        let bad_type = "{\"days\": [{\"name\": \"x\", \"date\": \"2026-01-01\", \"isOffDay\": 1}]}";
        assert!(
            parse_holiday_file(bad_type)
                .unwrap_err()
                .location()
                .is_some()
        );

        let bad_date =
            "{\"days\": [\n{\"name\": \"x\", \"date\": \"2026-02-30\", \"isOffDay\": true}]}";
        let err = parse_holiday_file(bad_date).unwrap_err();
        assert_eq!(err.location().map(|l| l.0), Some(2));
        assert!(err.to_string().contains("2026-02-30"), "{err}");

        assert!(parse_holiday_file("{}").is_err());
        assert!(parse_holiday_file("[]").is_err());
        assert!(parse_holiday_file("").is_err());
    }

    #[test]
    fn contradiction_in_one_file() {
        let text = r#"{"days":[{"name":"a","date":"2026-01-01","isOffDay":true},
                               {"name":"a","date":"2026-01-01","isOffDay":false}]}"#;
        assert_eq!(
            parse_holiday_file(text).unwrap_err(),
            HolidayFileError::Contradiction {
                date: date(2026, 1, 1)
            }
        );
    }
}
