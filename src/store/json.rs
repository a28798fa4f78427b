//! JSON columns (lists and maps such as `evidence`, `attrs`, `assignees`): written
//! with serde, read back into their Rust type, and refused by SQLite's
//! `json_valid` check when malformed.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A value stored as JSON text.
#[derive(Debug, Clone, PartialEq)]
pub struct Json<T>(pub T);

impl<T: Serialize> ToSql for Json<T> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        serde_json::to_string(&self.0)
            .map(ToSqlOutput::from)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
    }
}

impl<T: DeserializeOwned> FromSql for Json<T> {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        if let Some(empty) = empty(text) {
            return Ok(Json(empty));
        }
        serde_json::from_str(text)
            .map(Json)
            .map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

/// `[]` and `{}`, what most events hold in `evidence` and `attrs`, made without
/// the JSON parser; `None` for any other text, or a type an empty list or map
/// does not make (the parser then says why).
fn empty<T: DeserializeOwned>(text: &str) -> Option<T> {
    // serde_json's own value, which a type reads exactly as it reads the text
    // (a list type refuses `{}`); empty, it allocates nothing.
    let value = match text {
        "[]" => serde_json::Value::Array(Vec::new()),
        "{}" => serde_json::Value::Object(serde_json::Map::new()),
        _ => return None,
    };
    T::deserialize(value).ok()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn read<T: DeserializeOwned>(text: &str) -> FromSqlResult<T> {
        Json::<T>::column_result(ValueRef::Text(text.as_bytes())).map(|j| j.0)
    }

    #[derive(serde::Deserialize, Debug, PartialEq, Default)]
    struct Contact {
        #[serde(default)]
        phone: Option<String>,
    }

    #[test]
    fn empty_lists_and_maps_read_as_the_parser_reads_them() {
        assert_eq!(read::<Vec<String>>("[]").unwrap(), Vec::<String>::new());
        assert_eq!(
            read::<BTreeMap<String, String>>("{}").unwrap(),
            BTreeMap::new()
        );
        assert_eq!(
            read::<Vec<String>>("[\"合同\"]").unwrap(),
            vec!["合同".to_string()]
        );
        // The wrong shape is still refused, by the parser, with its words.
        assert!(read::<Vec<String>>("{}").is_err());
        assert!(read::<BTreeMap<String, String>>("[]").is_err());
        assert!(read::<(String, String)>("[]").is_err());
        // And a type an empty map makes reads as the parser makes it.
        assert_eq!(read::<Contact>("{}").unwrap(), Contact::default());
    }
}
