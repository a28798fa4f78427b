//! Decoding of literals: string escapes, text-block indentation, durations.

use super::ast::DurationUnit;

/// Why a string's escapes could not be decoded: the escape's byte range in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadEscape {
    /// Offset of the backslash within the body.
    pub offset: usize,
    /// Length of the escape as written.
    pub len: usize,
}

/// Decodes `\"`, `\\`, `\n`, `\t` and `\u{4E2D}` in a string body; every bad escape
/// is returned (the decoded text keeps it verbatim so checking can go on).
pub fn unescape(body: &str) -> (String, Vec<BadEscape>) {
    if !body.contains('\\') {
        return (body.to_string(), Vec::new());
    }
    let mut out = String::with_capacity(body.len());
    let mut bad = Vec::new();
    let mut rest = body.char_indices().peekable();
    while let Some((i, c)) = rest.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match rest.next() {
            Some((_, '"')) => out.push('"'),
            Some((_, '\\')) => out.push('\\'),
            Some((_, 'n')) => out.push('\n'),
            Some((_, 't')) => out.push('\t'),
            Some((_, 'u')) => {
                let tail = &body[i + 2..];
                let decoded = tail
                    .strip_prefix('{')
                    .and_then(|t| t.find('}').map(|end| &t[..end]))
                    .filter(|hex| (1..=6).contains(&hex.len()))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok().map(|v| (hex.len(), v)))
                    .and_then(|(n, v)| char::from_u32(v).map(|ch| (n, ch)));
                if let Some((n, ch)) = decoded {
                    out.push(ch);
                    for _ in 0..n + 2 {
                        rest.next();
                    }
                } else {
                    let len = tail.find('}').map_or(2, |end| end + 3).min(body.len() - i);
                    bad.push(BadEscape { offset: i, len });
                    out.push_str("\\u");
                }
            }
            Some((_, other)) => {
                bad.push(BadEscape {
                    offset: i,
                    len: 1 + other.len_utf8(),
                });
                out.push('\\');
                out.push(other);
            }
            None => {
                bad.push(BadEscape { offset: i, len: 1 });
                out.push('\\');
            }
        }
    }
    (out, bad)
}

/// The value of a `"""…"""` block: a first line that is empty and a last line that
/// is only blanks are dropped, then the indentation common to all non-blank lines
/// is removed. No escapes are decoded inside a block.
pub fn dedent_block(body: &str) -> String {
    let mut lines: Vec<&str> = body
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    if lines.len() > 1 && lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    if lines.len() > 1 && lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or_else(|| l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Why a duration literal is invalid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DurationError {
    /// Digits with no unit, such as `7`.
    NoUnit,
    /// A letter that is not a unit.
    UnknownUnit(String),
    /// An amount that does not fit.
    Overflow,
}

/// The longest duration a rule may name: a hundred years, so that no sum of
/// durations, deadlines or windows can overflow.
pub const MAX_MINUTES: u64 = 100 * 366 * 1440;

/// Splits `1d12h` into its parts.
pub fn parse_duration(text: &str) -> Result<Vec<(u64, DurationUnit)>, DurationError> {
    let mut parts = Vec::new();
    let mut total: u64 = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if digits == 0 {
            return Err(DurationError::UnknownUnit(rest.to_string()));
        }
        let amount: u64 = rest[..digits]
            .parse()
            .map_err(|_| DurationError::Overflow)?;
        if amount > 1_000_000 {
            return Err(DurationError::Overflow);
        }
        rest = &rest[digits..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(rest.len());
        let unit = match &rest[..unit_len] {
            "" => return Err(DurationError::NoUnit),
            "m" => DurationUnit::Minutes,
            "h" => DurationUnit::Hours,
            "d" => DurationUnit::Days,
            "w" => DurationUnit::Weeks,
            other => return Err(DurationError::UnknownUnit(other.to_string())),
        };
        let minutes = match unit {
            DurationUnit::Minutes => 1,
            DurationUnit::Hours => 60,
            DurationUnit::Days => 1440,
            DurationUnit::Weeks => 10_080,
        };
        total = amount
            .checked_mul(minutes)
            .and_then(|m| total.checked_add(m))
            .filter(|t| *t <= MAX_MINUTES)
            .ok_or(DurationError::Overflow)?;
        parts.push((amount, unit));
        rest = &rest[unit_len..];
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescape_decodes_every_escape() {
        let (s, bad) = unescape(r#"a\"b\\c\nd\u{4E2D}"#);
        assert_eq!(s, "a\"b\\c\nd中");
        assert!(bad.is_empty());
    }

    #[test]
    fn unescape_reports_unknown_escapes_with_offsets() {
        let (_, bad) = unescape(r"ok\q and \u{zz}");
        assert_eq!(
            bad,
            vec![
                BadEscape { offset: 2, len: 2 },
                BadEscape { offset: 9, len: 6 }
            ]
        );
    }

    #[test]
    fn dedent_removes_common_indent_and_edge_lines() {
        assert_eq!(dedent_block("\n  关于\n    预计\n  "), "关于\n  预计");
        assert_eq!(dedent_block("one line"), "one line");
    }

    #[test]
    fn durations_split_into_parts() {
        assert_eq!(
            parse_duration("1d12h"),
            Ok(vec![(1, DurationUnit::Days), (12, DurationUnit::Hours)])
        );
        assert_eq!(parse_duration("7"), Err(DurationError::NoUnit));
        assert_eq!(
            parse_duration("5x"),
            Err(DurationError::UnknownUnit("x".into()))
        );
        assert_eq!(
            parse_duration("99999999999999999999h"),
            Err(DurationError::Overflow)
        );
    }
}
