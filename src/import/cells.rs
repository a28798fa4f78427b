//! Turning one cell into the value a column needs: a time (RFC 3339, the date
//! styles of [`crate::timefmt`], a spreadsheet date cell or serial number), a
//! typed field value, an evidence list. Errors are messages; the caller adds
//! file, line and column.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, TimeZone as _, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive as _;

use super::amount;
use super::table::Cell;
use crate::engine::FieldValue;
use crate::model::FieldType;
use crate::record::RecordError;
use crate::timefmt::{parse_instant, parse_local};

pub use amount::{AmountError, money};

/// An instant a record may have (1970–2199, as the record rules say).
pub fn time(cell: &Cell, tz: Tz) -> Result<DateTime<Utc>, String> {
    let local = match cell {
        Cell::DateTime(naive) => *naive,
        Cell::Number(serial) => excel_serial(serial)?,
        Cell::Text(text) => {
            let t = parse_instant(text, tz)?;
            return in_range(t, &cell.to_string());
        }
        other => {
            return Err(crate::t!("import-not-a-time", value = other.to_string()));
        }
    };
    let t = tz
        .from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| {
            crate::t!(
                "import-time-does-not-exist",
                value = cell.to_string(),
                tz = tz.to_string()
            )
        })?;
    in_range(t, &cell.to_string())
}

fn in_range(t: DateTime<Utc>, written: &str) -> Result<DateTime<Utc>, String> {
    if crate::record::in_range(t) {
        Ok(t)
    } else {
        Err(RecordError::OutOfRange {
            at: written.to_string(),
        }
        .to_string())
    }
}

/// A spreadsheet serial date (days since 1899-12-30, the fraction the time of
/// day), as a date column shows when its cells lost their date format.
fn excel_serial(serial: &str) -> Result<NaiveDateTime, String> {
    let not = || crate::t!("import-not-a-serial", value = serial);
    let value = amount::number(serial).map_err(|_| not())?;
    // 1970-01-01 to 2199-12-31: outside that a number is not a date someone meant.
    if value < Decimal::from(25_569) || value >= Decimal::from(109_575) {
        return Err(not());
    }
    let seconds = (value * Decimal::from(86_400))
        .round()
        .to_i64()
        .ok_or_else(not)?;
    NaiveDate::from_ymd_opt(1899, 12, 30)
        .and_then(|epoch| epoch.and_hms_opt(0, 0, 0))
        .and_then(|epoch| epoch.checked_add_signed(TimeDelta::seconds(seconds)))
        .ok_or_else(not)
}

/// A value of a declared field of type `ty`.
pub fn field(cell: &Cell, ty: FieldType, tz: Tz) -> Result<FieldValue, String> {
    match ty {
        FieldType::Text => Ok(FieldValue::Text(cell.to_string())),
        FieldType::Number => match cell {
            Cell::Number(text) | Cell::Text(text) => amount::number(text)
                .map(number_value)
                .map_err(|e| e.to_string()),
            other => Err(crate::t!("import-not-a-number", value = other.to_string())),
        },
        FieldType::Money => match cell {
            Cell::Number(text) | Cell::Text(text) => money(text)
                .map(crate::money::stored)
                .map_err(|e| e.to_string()),
            other => Err(crate::t!("import-not-an-amount", value = other.to_string())),
        },
        FieldType::Bool => boolean(cell).map(FieldValue::Bool),
        FieldType::Date => date(cell).map(|d| FieldValue::Text(d.to_string())),
        FieldType::Time => time(cell, tz).map(|t| FieldValue::Text(t.to_rfc3339())),
    }
}

/// A date: a date cell, a serial number, or a date as [`crate::timefmt`] reads
/// it; a time of day other than midnight is refused (the field holds a date).
fn date(cell: &Cell) -> Result<NaiveDate, String> {
    let local = match cell {
        Cell::DateTime(t) => *t,
        Cell::Number(serial) => excel_serial(serial)?,
        Cell::Text(text) => parse_local(&crate::timefmt::to_ascii(text.trim())).map_err(|why| {
            if why == crate::timefmt::not_a_time() {
                crate::t!("import-not-a-date-forms", value = text)
            } else {
                format!("`{text}` {why}")
            }
        })?,
        other => return Err(crate::t!("import-not-a-date", value = other.to_string())),
    };
    if local.time() != chrono::NaiveTime::MIN {
        return Err(crate::t!("import-date-has-time", value = cell.to_string()));
    }
    Ok(local.date())
}

/// A `number` field's value: read exactly, kept as the engine's `f64` (a
/// count, a score; amounts are `money`, kept as their exact digits).
fn number_value(d: Decimal) -> FieldValue {
    FieldValue::Number(d.to_f64().unwrap_or(f64::NAN))
}

/// `true`/`false` as offices write them: `是/否`, `有/无`, `true/false`,
/// `yes/no`, `Y/N`, `1/0`, `√/×`.
pub fn boolean(cell: &Cell) -> Result<bool, String> {
    if let Cell::Bool(b) = cell {
        return Ok(*b);
    }
    let text = cell.to_string();
    match text.trim().to_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "是" | "有" | "√" | "对" => Ok(true),
        "false" | "no" | "n" | "0" | "否" | "无" | "×" | "错" => Ok(false),
        _ => Err(crate::t!("import-not-a-bool", value = text.trim())),
    }
}

/// `;`-separated references (a full-width `；` separates too), blanks dropped.
pub fn evidence(cell: Option<&Cell>) -> Vec<String> {
    cell.map(ToString::to_string)
        .unwrap_or_default()
        .split([';', '；'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_fields_accept_what_people_write_and_refuse_the_rest() {
        let tz = Tz::UTC;
        let text = |s: &str| Cell::Text(s.into());
        let amount = |s: &str| Ok(FieldValue::Text(s.into()));
        assert_eq!(
            field(&text("¥12,000"), FieldType::Money, tz),
            amount("12000")
        );
        assert_eq!(field(&text("32万"), FieldType::Money, tz), amount("320000"));
        assert_eq!(
            field(&text("12345678901234567.89"), FieldType::Money, tz),
            amount("12345678901234567.89"),
            "exact, never through a float"
        );
        assert!(field(&text("12,000"), FieldType::Number, tz).is_err());
        assert!(field(&text("5万万"), FieldType::Money, tz).is_err());
        for (yes, no) in [
            ("是", "否"),
            ("有", "无"),
            ("TRUE", "false"),
            ("Y", "n"),
            ("1", "0"),
        ] {
            assert_eq!(
                field(&text(yes), FieldType::Bool, tz),
                Ok(FieldValue::Bool(true))
            );
            assert_eq!(
                field(&text(no), FieldType::Bool, tz),
                Ok(FieldValue::Bool(false))
            );
        }
        assert_eq!(
            field(&Cell::Number("1".into()), FieldType::Bool, tz),
            Ok(FieldValue::Bool(true))
        );
        assert!(field(&text("maybe"), FieldType::Bool, tz).is_err());
        assert_eq!(
            field(&Cell::Number("13800000000".into()), FieldType::Text, tz),
            Ok(FieldValue::Text("13800000000".into()))
        );
        assert_eq!(
            evidence(Some(&text("a.pdf; b.png；"))),
            vec!["a.pdf", "b.png"]
        );
    }

    #[test]
    fn date_fields_take_office_styles_and_refuse_near_misses() {
        let tz = Tz::UTC;
        let date = |c: Cell| field(&c, FieldType::Date, tz);
        let want = Ok(FieldValue::Text("2026-03-02".into()));
        for text in ["2026-03-02", "2026/3/2", "2026年3月2日"] {
            assert_eq!(date(Cell::Text(text.into())), want, "{text}");
        }
        assert_eq!(date(Cell::Number("46083".into())), want, "a serial number");
        assert_eq!(
            date(Cell::Text("2026/2/30".into())),
            Err("`2026/2/30` is not a date: 2026-02 has 28 days".into())
        );
        assert!(date(Cell::Text("2026/3/2 9:00".into())).is_err());
        assert!(
            date(Cell::Number("12".into())).is_err(),
            "not a plausible date"
        );
    }

    #[test]
    fn serial_numbers_are_spreadsheet_times_in_the_flow_zone() {
        let tz: Tz = "Asia/Shanghai".parse().unwrap();
        assert_eq!(
            time(&Cell::Number("46083.375".into()), tz),
            parse_instant("2026-03-02 09:00", tz)
        );
        assert!(time(&Cell::Number("3".into()), tz).is_err());
    }
}
