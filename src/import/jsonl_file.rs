//! JSON Lines: one object per line; blank lines are skipped. A row's place is its
//! line. Rows are strict: a key written twice in one object is an error (JSON
//! parsers differ on which one wins), and a number keeps the exact digits
//! written (`12345678901234567890` stays itself, never passes through a float).
//! A nested `attrs` object gives `attrs.KEY` cells; a list (evidence) gives
//! `;`-joined text. Nesting deeper than that is refused by `serde_json`'s own
//! recursion limit before it costs anything.

use std::fmt;

use serde::de::{self, Deserializer as _, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::error::{ImportError, RowError};
use super::table::{Cell, Place, Row, Table, utf8};

/// Reads JSON Lines bytes.
pub fn read(bytes: &[u8], file: String) -> Result<Table, ImportError> {
    let text = utf8(bytes, &file, "JSON is UTF-8")?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let place = Place::Line(i + 1);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match object(line) {
            Ok(cells) => rows.push(Row { place, cells }),
            Err(message) => errors.push(RowError::new(&file, place, None, message)),
        }
    }
    Ok(Table {
        file,
        header: None,
        rows,
        errors,
        encoding: None,
    })
}

/// One line's object as cells, or why it is not one.
pub(super) fn object(line: &str) -> Result<Vec<(String, Cell)>, String> {
    let top = pairs(line)?;
    let mut cells = Vec::with_capacity(top.len());
    for (key, raw) in top {
        if key == "attrs" && raw.get().starts_with('{') {
            for (attr, raw) in pairs(raw.get())? {
                let value = cell(&raw).map_err(|e| format!("`attrs.{attr}`: {e}"))?;
                cells.push((format!("attrs.{attr}"), value));
            }
        } else {
            let value = cell(&raw).map_err(|e| format!("`{key}`: {e}"))?;
            cells.push((key, value));
        }
    }
    Ok(cells)
}

/// The keys and raw values of an object, in order; an error for a repeated key.
fn pairs(text: &str) -> Result<Vec<(String, Box<RawValue>)>, String> {
    let mut de = serde_json::Deserializer::from_str(text);
    let pairs = de.deserialize_map(Pairs).map_err(|e| strip_position(&e))?;
    de.end().map_err(|e| strip_position(&e))?;
    Ok(pairs)
}

/// `serde_json`'s message with `at line 1 column 9` turned into `column 9`.
fn strip_position(e: &serde_json::Error) -> String {
    let message = e.to_string();
    match message.find(" at line ") {
        Some(i) => format!("{} (column {})", &message[..i], e.column().max(1)),
        None => message,
    }
}

struct Pairs;

impl<'de> Visitor<'de> for Pairs {
    type Value = Vec<(String, Box<RawValue>)>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object (one row per line)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out: Vec<(String, Box<RawValue>)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.iter().any(|(k, _)| *k == key) {
                return Err(de::Error::custom(format_args!(
                    "the key `{key}` is written twice in one object"
                )));
            }
            out.push((key, map.next_value()?));
        }
        Ok(out)
    }
}

/// A raw JSON value as a cell: a number as its digits, a list as `;`-joined text.
fn cell(raw: &RawValue) -> Result<Cell, String> {
    let text = raw.get();
    Ok(match text.as_bytes().first() {
        Some(b'"') => Cell::Text(
            serde_json::from_str::<String>(text)
                .map_err(|e| e.to_string())?
                .trim()
                .to_string(),
        ),
        Some(b'n') => Cell::Empty,
        Some(b't') => Cell::Bool(true),
        Some(b'f') => Cell::Bool(false),
        Some(b'[') => {
            let items: Vec<Box<RawValue>> =
                serde_json::from_str(text).map_err(|e| e.to_string())?;
            let mut parts = Vec::with_capacity(items.len());
            for item in &items {
                if item.get().starts_with(['[', '{']) {
                    return Err("a list holds only texts or numbers".into());
                }
                let cell = cell(item)?;
                if !cell.is_blank() {
                    parts.push(cell.to_string());
                }
            }
            Cell::Text(parts.join(";"))
        }
        Some(b'{') => return Err("an object is only taken under `attrs`".into()),
        _ => Cell::Number(text.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_digits_and_repeated_keys_are_refused() {
        let cells = object(r#"{"id": 12345678901234567890, "m": 1.50, "e": ["a", 2]}"#).unwrap();
        assert_eq!(cells[0].1, Cell::Number("12345678901234567890".into()));
        assert_eq!(cells[1].1, Cell::Number("1.50".into()));
        assert_eq!(cells[2].1, Cell::Text("a;2".into()));
        assert_eq!(
            object(r#"{"id": "c1", "name": "a", "id": "c2"}"#).unwrap_err(),
            "the key `id` is written twice in one object (column 30)"
        );
        assert!(object(r#"{"attrs": {"k": 1, "k": 2}}"#).is_err());
        assert!(object("[1]").is_err());
        assert!(
            object(&format!(
                "{{\"a\": {}1{}}}",
                "[".repeat(200),
                "]".repeat(200)
            ))
            .is_err()
        );
    }
}
