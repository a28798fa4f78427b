//! Money: an exact decimal in yuan, never an `f64`. A `money` field is stored as
//! the text of its exact digits (`"12345678901234567.89"`), compared as a decimal,
//! and shown in messages and reports as written, without a float's rounding.
//!
//! Values from before (a JSON number in the store, a number in a rule test) are read
//! through their shortest decimal form, which is the number as it was written.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::engine::FieldValue;

/// A stored field value as money.
pub fn of(value: &FieldValue) -> Option<Decimal> {
    match value {
        FieldValue::Number(n) => from_f64(*n),
        FieldValue::Text(s) => parse(s),
        FieldValue::Bool(_) => None,
    }
}

/// The decimal a float literal was written as (`1000000.5` → `1000000.5`).
pub fn from_f64(n: f64) -> Option<Decimal> {
    if !n.is_finite() {
        return None;
    }
    // Rust prints the shortest text that reads back as the same float: the
    // literal as written.
    Decimal::from_str(&n.to_string()).ok()
}

/// Exact digits, with or without a fractional part (`320000`, `-12.50`).
pub fn parse(text: &str) -> Option<Decimal> {
    Decimal::from_str(text.trim()).ok()
}

/// The value to store for an amount: its exact digits, without trailing zeros.
pub fn stored(amount: Decimal) -> FieldValue {
    FieldValue::Text(text(amount))
}

/// An amount as people read it: `320000`, `12345678901234567.89`.
pub fn text(amount: Decimal) -> String {
    amount.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seventeen_digit_amounts_stay_exact() {
        let big = parse("12345678901234567.89").unwrap();
        assert_eq!(text(big), "12345678901234567.89");
        assert_eq!(of(&stored(big)), Some(big));
        // The float of the same digits is not the same amount.
        assert_ne!(from_f64(12_345_678_901_234_567.89), Some(big));
    }

    #[test]
    fn literals_and_old_numbers_read_as_written() {
        assert_eq!(text(from_f64(1_000_000.5).unwrap()), "1000000.5");
        assert_eq!(text(from_f64(320_000.0).unwrap()), "320000");
        assert_eq!(text(parse(" 320000.00 ").unwrap()), "320000");
        assert_eq!(of(&FieldValue::Number(0.1)), parse("0.1"));
        assert_eq!(from_f64(f64::NAN), None);
        assert_eq!(parse("32万"), None);
    }
}
