//! Amounts and numbers as Chinese offices write them, read **exactly** into a
//! [`Decimal`], never through a float: `¥320,000.00`, `32万`, `1.2亿`, `3.2万元`,
//! `320000元`, `-1,500`, full-width digits. One unit at most (`千`, `万`, `十万`,
//! `百万`, `千万`, `亿`), after the number; `5万万` or `万5` is refused, and so is
//! a grouping comma in the wrong place (`32,00`), since each is more likely a
//! typing slip than an amount.

use rust_decimal::Decimal;

use crate::timefmt::to_ascii;

/// Why a text is not an amount or a number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// Not shaped like an amount at all.
    #[error("`{0}` is not an amount: write `320000`, `¥320,000.00`, `32万` or `1.2亿`")]
    NotAmount(String),
    /// Not shaped like a number.
    #[error("`{0}` is not a number: write digits such as `12` or `3.5`")]
    NotNumber(String),
    /// Two units, or a unit where digits belong.
    #[error("`{0}` is not an amount: write one unit after the number (`5亿`, not `5万万`)")]
    Units(String),
    /// Grouping commas not every three digits.
    #[error("`{0}` is not an amount: a comma groups three digits (`320,000`)")]
    Grouping(String),
    /// More than 28 significant digits.
    #[error("`{0}` has more digits than salesflow keeps exactly (28)")]
    TooLarge(String),
}

/// The units an amount may carry, longest first so `千万` is not read as `千`.
const UNITS: [(&str, u32); 6] = [
    ("十万", 5),
    ("百万", 6),
    ("千万", 7),
    ("千", 3),
    ("万", 4),
    ("亿", 8),
];

/// An amount of money, exactly.
pub fn money(text: &str) -> Result<Decimal, AmountError> {
    let original = text.trim();
    let not = || AmountError::NotAmount(original.to_string());
    let ascii = to_ascii(original);
    let mut rest = ascii.trim();
    let negative = rest.starts_with('-');
    rest = rest.trim_start_matches('-').trim_start();
    for sign in ["¥", "￥", "RMB", "CNY"] {
        rest = rest.strip_prefix(sign).unwrap_or(rest).trim_start();
    }
    rest = rest.strip_suffix('元').unwrap_or(rest).trim_end();
    if rest.contains(['e', 'E']) {
        // `1.5e3`: a number as JSON or a spreadsheet export writes it, no unit.
        let value = exact(rest, original).map_err(|_| not())?;
        return Ok(if negative { -value } else { value }.normalize());
    }
    let digits_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let (number, unit) = rest.split_at(digits_end);
    if number.is_empty() {
        return Err(if UNITS.iter().any(|(u, _)| rest.starts_with(u)) {
            AmountError::Units(original.to_string())
        } else {
            not()
        });
    }
    let scale = match unit.trim() {
        "" => 0,
        unit => match UNITS.iter().find(|(u, _)| *u == unit) {
            Some((_, scale)) => *scale,
            None if UNITS.iter().any(|(u, _)| unit.starts_with(u)) => {
                return Err(AmountError::Units(original.to_string()));
            }
            None => return Err(not()),
        },
    };
    let plain = ungroup(number).ok_or_else(|| AmountError::Grouping(original.to_string()))?;
    let value = exact(&plain, original).map_err(|e| match e {
        AmountError::NotNumber(_) => not(),
        e => e,
    })?;
    let value = value
        .checked_mul(Decimal::from(10u64.pow(scale)))
        .ok_or_else(|| AmountError::TooLarge(original.to_string()))?;
    Ok(if negative { -value } else { value }.normalize())
}

/// A plain number, exactly: `12`, `-3.5`, `1.2e6` (as JSON and spreadsheets
/// write it), full-width digits. No units and no grouping commas: those are
/// for `money` fields.
pub fn number(text: &str) -> Result<Decimal, AmountError> {
    let original = text.trim();
    let ascii = to_ascii(original);
    exact(ascii.trim(), original).map(|d| d.normalize())
}

/// `12`, `-3.5`, `.5`, `1.2e6`, `0x1F` (YAML's hexadecimal) into a decimal.
fn exact(text: &str, original: &str) -> Result<Decimal, AmountError> {
    let not = || AmountError::NotNumber(original.to_string());
    let (negative, body) = match text.strip_prefix('-') {
        Some(body) => (true, body),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if let Some(hex) = body.strip_prefix("0x") {
        let v = i64::from_str_radix(hex, 16).map_err(|_| not())?;
        return Ok(Decimal::from(if negative { -v } else { v }));
    }
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let well_formed = !mantissa.is_empty()
        && mantissa.bytes().any(|b| b.is_ascii_digit())
        && mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && mantissa.bytes().filter(|b| *b == b'.').count() <= 1
        && exponent.is_none_or(|e| {
            let e = e.strip_prefix(['+', '-']).unwrap_or(e);
            !e.is_empty() && e.len() <= 3 && e.bytes().all(|b| b.is_ascii_digit())
        });
    if !well_formed {
        return Err(not());
    }
    let too_large = || AmountError::TooLarge(original.to_string());
    let value = if exponent.is_some() {
        Decimal::from_scientific(body).map_err(|_| too_large())?
    } else {
        let significant = mantissa.trim_start_matches(['0', '.']).len();
        if significant > 29 {
            return Err(too_large());
        }
        Decimal::from_str_exact(mantissa).map_err(|_| too_large())?
    };
    Ok(if negative { -value } else { value })
}

/// `320,000.00` → `320000.00`; `None` when commas do not group three digits.
fn ungroup(number: &str) -> Option<String> {
    if !number.contains(',') {
        return Some(number.to_string());
    }
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if fraction.contains(',') {
        return None;
    }
    let mut groups = whole.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 {
        return None;
    }
    let mut out = first.to_string();
    for group in groups {
        if group.len() != 3 {
            return None;
        }
        out.push_str(group);
    }
    if !fraction.is_empty() || number.contains('.') {
        out.push('.');
        out.push_str(fraction);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn every_accepted_amount_form_is_exact() {
        for (text, want) in [
            ("¥320,000.00", "320000"),
            ("￥320,000.00", "320000"),
            ("320000元", "320000"),
            ("32万", "320000"),
            ("3.2万元", "32000"),
            ("1.2亿", "120000000"),
            ("1.2千万", "12000000"),
            ("５０万", "500000"),
            ("-1,500", "-1500"),
            ("12345678901234567.89", "12345678901234567.89"),
            ("0.1", "0.1"),
            ("RMB 1,000", "1000"),
            ("1.5e3", "1500"),
        ] {
            assert_eq!(money(text), Ok(d(want)), "{text}");
        }
    }

    #[test]
    fn near_misses_are_refused_with_the_reason() {
        for (text, want) in [
            ("5万万", AmountError::Units("5万万".into())),
            ("5亿万", AmountError::Units("5亿万".into())),
            ("万5", AmountError::Units("万5".into())),
            ("32,00", AmountError::Grouping("32,00".into())),
            ("1,0000", AmountError::Grouping("1,0000".into())),
            ("三十万", AmountError::NotAmount("三十万".into())),
            ("1.2.3", AmountError::NotAmount("1.2.3".into())),
            ("5美元", AmountError::NotAmount("5美元".into())),
            ("", AmountError::NotAmount(String::new())),
            (
                "123456789012345678901234567890",
                AmountError::TooLarge("123456789012345678901234567890".into()),
            ),
        ] {
            assert_eq!(money(text), Err(want), "{text}");
        }
    }

    #[test]
    fn numbers_take_digits_and_exponents_but_not_units() {
        assert_eq!(number("12"), Ok(d("12")));
        assert_eq!(number("-3.50"), Ok(d("-3.5")));
        assert_eq!(number("1.2E+07"), Ok(d("12000000")));
        assert_eq!(number("0x1F"), Ok(d("31")));
        assert!(number("12,000").is_err());
        assert!(number("32万").is_err());
        assert!(number("1e99999").is_err());
        assert!(number("e5").is_err());
    }
}
