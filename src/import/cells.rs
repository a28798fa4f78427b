//! Turning one cell into the value a column needs: a time (RFC 3339, or
//! `YYYY-MM-DD HH:MM` in the flow's zone, or a spreadsheet date), a typed field
//! value, an evidence list. Errors are messages; the caller adds file, line and
//! column.

use chrono::{DateTime, NaiveDate, TimeZone as _, Utc};
use chrono_tz::Tz;

use super::table::Cell;
use crate::engine::FieldValue;
use crate::model::FieldType;
use crate::timefmt::parse_instant;

/// An instant.
pub fn time(cell: &Cell, tz: Tz) -> Result<DateTime<Utc>, String> {
    match cell {
        Cell::DateTime(naive) => tz
            .from_local_datetime(naive)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .ok_or_else(|| format!("`{cell}` does not exist in {tz}")),
        Cell::Text(text) => parse_instant(text, tz),
        other => Err(format!(
            "`{other}` is not a time: write `2026-03-02 09:00` or RFC 3339"
        )),
    }
}

/// A value of a declared field of type `ty`.
pub fn field(cell: &Cell, ty: FieldType, tz: Tz) -> Result<FieldValue, String> {
    match ty {
        FieldType::Text => Ok(FieldValue::Text(cell.to_string())),
        FieldType::Number | FieldType::Money => number(cell, ty == FieldType::Money),
        FieldType::Bool => boolean(cell).map(FieldValue::Bool),
        FieldType::Date => match cell {
            Cell::DateTime(t) => Ok(FieldValue::Text(t.date().to_string())),
            other => {
                let text = other.to_string();
                NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                    .map(|d| FieldValue::Text(d.to_string()))
                    .map_err(|_| format!("`{text}` is not a date: write `2026-03-02`"))
            }
        },
        FieldType::Time => time(cell, tz).map(|t| FieldValue::Text(t.to_rfc3339())),
    }
}

fn number(cell: &Cell, money: bool) -> Result<FieldValue, String> {
    let what = if money { "an amount" } else { "a number" };
    match cell {
        Cell::Number(n) => Ok(FieldValue::Number(*n)),
        Cell::Text(text) => {
            // Amounts are often written with group separators or a currency sign.
            let cleaned: String = if money {
                text.trim()
                    .trim_start_matches(['¥', '￥'])
                    .trim_end_matches('元')
                    .chars()
                    .filter(|c| *c != ',')
                    .collect()
            } else {
                text.trim().to_string()
            };
            cleaned
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map(FieldValue::Number)
                .ok_or_else(|| format!("`{text}` is not {what}"))
        }
        other => Err(format!("`{other}` is not {what}")),
    }
}

fn boolean(cell: &Cell) -> Result<bool, String> {
    match cell {
        Cell::Bool(b) => Ok(*b),
        Cell::Number(n) if n.to_bits() == 0f64.to_bits() => Ok(false),
        Cell::Number(n) if n.to_bits() == 1f64.to_bits() => Ok(true),
        other => match other.to_string().trim().to_lowercase().as_str() {
            "true" | "yes" | "y" | "是" => Ok(true),
            "false" | "no" | "n" | "否" => Ok(false),
            text => Err(format!("`{text}` is not true or false")),
        },
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
        assert_eq!(
            field(&text("¥12,000"), FieldType::Money, tz),
            Ok(FieldValue::Number(12000.0))
        );
        assert!(field(&text("12,000"), FieldType::Number, tz).is_err());
        assert_eq!(
            field(&text("是"), FieldType::Bool, tz),
            Ok(FieldValue::Bool(true))
        );
        assert!(field(&text("maybe"), FieldType::Bool, tz).is_err());
        assert!(field(&text("2026-02-30"), FieldType::Date, tz).is_err());
        assert_eq!(
            field(&Cell::Number(13_800_000_000.0), FieldType::Text, tz),
            Ok(FieldValue::Text("13800000000".into()))
        );
        assert_eq!(
            evidence(Some(&text("a.pdf; b.png；"))),
            vec!["a.pdf", "b.png"]
        );
    }
}
