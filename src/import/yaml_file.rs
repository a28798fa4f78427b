//! YAML: a list of maps, read event by event (saphyr's YAML 1.2 parser), so each
//! row's place is the true line of its item and each scalar keeps the text
//! written: an id `0x1F` or `0012` stays itself, never a number's reading of it.
//! (A row's line is that of its map's first key: the `-` line, unless the
//! map starts on the next one.) A map's value is a scalar, a list of scalars (evidence, `;`-joined) or, under
//! `attrs`, a map of scalars; anything nested deeper, an alias, or a second
//! document is refused at the event where it starts, so a hostile file (a
//! `[[[…]]]` of 400 KB) costs no more than its first few bytes.

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use super::error::{ImportError, RowError};
use super::table::{Cell, Place, Row, Table, utf8};

/// Reads a YAML list of maps.
pub fn read(bytes: &[u8], file: String) -> Result<Table, ImportError> {
    let fail = |line: usize, message: String| ImportError::Read {
        file: file.clone(),
        message: if line > 0 {
            format!("line {line}: {message}")
        } else {
            message
        },
    };
    let text = utf8(bytes, &file, "save the file as UTF-8")?;
    let mut events = Events {
        parser: Parser::new_from_str(text),
    };
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    events.expect_start().map_err(|(l, m)| fail(l, m))?;
    match events.next().map_err(|(l, m)| fail(l, m))? {
        (Event::SequenceStart(..), _) => loop {
            match events.next().map_err(|(l, m)| fail(l, m))? {
                (Event::SequenceEnd, _) => break,
                (Event::MappingStart(..), span) => {
                    let place = Place::Line(span.start.line());
                    let cells = events
                        .mapping(&mut |message| {
                            errors.push(RowError::new(&file, place, None, message));
                        })
                        .map_err(|(l, m)| fail(l, m))?;
                    rows.push(Row { place, cells });
                }
                (_, span) => {
                    return Err(fail(
                        span.start.line(),
                        "expected a map (`- id: c1`)".into(),
                    ));
                }
            }
        },
        (Event::Scalar(value, ScalarStyle::Plain, ..), _) if is_null(&value) => {}
        (Event::DocumentEnd | Event::StreamEnd, _) => {}
        (_, span) => {
            return Err(fail(
                span.start.line(),
                "expected a list of maps (`- id: c1`)".into(),
            ));
        }
    }
    events.expect_end().map_err(|(l, m)| fail(l, m))?;
    Ok(Table {
        file,
        header: None,
        rows,
        errors,
        encoding: None,
    })
}

type Failure = (usize, String);

struct Events<'a> {
    parser: Parser<'a, saphyr_parser::StrInput<'a>>,
}

impl<'a> Events<'a> {
    fn next(&mut self) -> Result<(Event<'a>, Span), Failure> {
        match self.parser.next_event() {
            Some(Ok((Event::Alias(_), span))) => Err((
                span.start.line(),
                "aliases (`*name`) are not taken in import files: write the value out".into(),
            )),
            Some(Ok(event)) => Ok(event),
            Some(Err(e)) if e.info().contains("recursion limit") => Err((
                e.marker().line(),
                "nested too deeply: a row is a map of texts, numbers and lists of them".into(),
            )),
            Some(Err(e)) => Err((e.marker().line(), e.info().to_string())),
            None => Ok((Event::StreamEnd, Span::default())),
        }
    }

    /// The stream's and the document's start (an empty stream is fine).
    fn expect_start(&mut self) -> Result<(), Failure> {
        loop {
            match self.next()? {
                (Event::StreamStart | Event::DocumentStart(_), _) => {
                    if matches!(self.parser.peek(), Some(Ok((Event::DocumentStart(_), _)))) {
                        continue;
                    }
                    return Ok(());
                }
                (_, span) => return Err((span.start.line(), "not a YAML document".into())),
            }
        }
    }

    /// Nothing after the list but the end of the stream.
    fn expect_end(&mut self) -> Result<(), Failure> {
        loop {
            match self.next()? {
                (Event::DocumentEnd, _) => {}
                (Event::StreamEnd, _) => return Ok(()),
                (_, span) => {
                    return Err((
                        span.start.line(),
                        "one list of maps per file (a second document or value follows)".into(),
                    ));
                }
            }
        }
    }

    /// The cells of one row (its `MappingStart` already read); `row_error` gets
    /// what is wrong with the row without stopping the file.
    fn mapping(
        &mut self,
        row_error: &mut dyn FnMut(String),
    ) -> Result<Vec<(String, Cell)>, Failure> {
        let mut cells: Vec<(String, Cell)> = Vec::new();
        let mut push = |cells: &mut Vec<(String, Cell)>, key: String, cell: Cell| {
            if cells.iter().any(|(k, _)| *k == key) {
                row_error(format!("the key `{key}` is written twice in one map"));
            } else {
                cells.push((key, cell));
            }
        };
        loop {
            let key = match self.next()? {
                (Event::MappingEnd, _) => return Ok(cells),
                (Event::Scalar(key, ..), _) => key.trim().to_string(),
                (_, span) => return Err((span.start.line(), "a key must be a plain name".into())),
            };
            match self.next()? {
                (Event::Scalar(value, style, ..), _) => {
                    push(&mut cells, key, scalar(&value, style));
                }
                (Event::SequenceStart(..), _) => {
                    let mut parts = Vec::new();
                    loop {
                        match self.next()? {
                            (Event::SequenceEnd, _) => break,
                            (Event::Scalar(value, style, ..), _) => {
                                let cell = scalar(&value, style);
                                if !cell.is_blank() {
                                    parts.push(cell.to_string());
                                }
                            }
                            (_, span) => {
                                return Err((
                                    span.start.line(),
                                    format!("`{key}`: a list holds only texts or numbers"),
                                ));
                            }
                        }
                    }
                    push(&mut cells, key, Cell::Text(parts.join(";")));
                }
                (Event::MappingStart(..), span) if key == "attrs" => loop {
                    let attr = match self.next()? {
                        (Event::MappingEnd, _) => break,
                        (Event::Scalar(attr, ..), _) => attr.trim().to_string(),
                        (_, span) => {
                            return Err((span.start.line(), "a key must be a plain name".into()));
                        }
                    };
                    match self.next()? {
                        (Event::Scalar(value, style, ..), _) => {
                            push(&mut cells, format!("attrs.{attr}"), scalar(&value, style));
                        }
                        _ => {
                            return Err((
                                span.start.line(),
                                format!("`attrs.{attr}`: an attribute is a text or a number"),
                            ));
                        }
                    }
                },
                (_, span) => {
                    return Err((
                        span.start.line(),
                        format!("`{key}`: a value is a text, a number or a list of them"),
                    ));
                }
            }
        }
    }
}

/// A scalar as YAML 1.2's core schema reads it, keeping a number's digits.
fn scalar(value: &str, style: ScalarStyle) -> Cell {
    let text = value.trim();
    if style != ScalarStyle::Plain {
        return if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(text.to_string())
        };
    }
    match text {
        t if is_null(t) => Cell::Empty,
        "true" | "True" | "TRUE" => Cell::Bool(true),
        "false" | "False" | "FALSE" => Cell::Bool(false),
        t if is_number(t) => Cell::Number(t.to_string()),
        t => Cell::Text(t.to_string()),
    }
}

fn is_null(text: &str) -> bool {
    matches!(text.trim(), "" | "~" | "null" | "Null" | "NULL")
}

/// YAML 1.2 core schema ints and floats (not `.inf`/`.nan`, which are no amount).
fn is_number(t: &str) -> bool {
    if let Some(hex) = t.strip_prefix("0x") {
        return !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    if let Some(oct) = t.strip_prefix("0o") {
        return !oct.is_empty() && oct.bytes().all(|b| (b'0'..=b'7').contains(&b));
    }
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let digits = mantissa.bytes().filter(u8::is_ascii_digit).count();
    digits > 0
        && mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && mantissa.bytes().filter(|b| *b == b'.').count() <= 1
        && exponent.is_none_or(|e| {
            let e = e.strip_prefix(['-', '+']).unwrap_or(e);
            !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Result<Table, ImportError> {
        read(text.as_bytes(), "t.yaml".into())
    }

    #[test]
    fn rows_keep_their_lines_and_their_digits() {
        let t = table("# c\n- id: 0x1F\n  tags:\n    - x\n-\n  id: '007'\n  n: 1.50\n").unwrap();
        assert_eq!(t.rows[0].place, Place::Line(2));
        assert_eq!(t.rows[0].cells[0].1, Cell::Number("0x1F".into()));
        assert_eq!(t.rows[0].cells[0].1.to_string(), "0x1F");
        assert_eq!(
            t.rows[1].place,
            Place::Line(6),
            "where the map's first key is"
        );
        assert_eq!(t.rows[1].cells[0].1, Cell::Text("007".into()));
        assert_eq!(t.rows[1].cells[1].1, Cell::Number("1.50".into()));
        let flow = table("[{id: a}, {id: b, attrs: {risk: legal}}]").unwrap();
        assert_eq!(flow.rows.len(), 2);
        assert_eq!(flow.rows[1].cells[1].0, "attrs.risk");
    }

    #[test]
    fn hostile_shapes_are_refused_quickly() {
        let started = std::time::Instant::now();
        let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
        assert!(table(&deep).is_err());
        assert!(started.elapsed().as_secs() < 2, "{:?}", started.elapsed());
        assert!(table("- &a {id: x}\n- *a\n").is_err());
        assert!(table("- id: a\n---\n- id: b\n").is_err());
        let dup = table("- id: a\n  id: b\n").unwrap();
        assert_eq!(dup.errors.len(), 1);
        assert!(table("").unwrap().rows.is_empty());
    }
}
