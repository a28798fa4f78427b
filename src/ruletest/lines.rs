//! Lines of a test file's parts, for messages: serde gives the line of a syntax
//! error but not of a value it parsed, so the line of, say, the third expectation
//! is found by reading the YAML's block structure (indentation, `- ` items, `key:`
//! lines). A part written in flow style (`[{…}, {…}]`) has no line of its own;
//! then the nearest enclosing part's line is given.

/// One step of a path into the file: a map key or a list item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    /// `key:`
    Key(&'a str),
    /// The n-th (from 0) `- ` item.
    Item(usize),
}

/// A non-blank, non-comment line: its number (from 1), indentation and text.
#[derive(Debug, Clone, Copy)]
struct Line<'t> {
    number: usize,
    indent: usize,
    text: &'t str,
}

/// The block structure of a YAML text.
#[derive(Debug)]
pub struct Lines<'t> {
    lines: Vec<Line<'t>>,
}

impl<'t> Lines<'t> {
    /// Indexes a text.
    pub fn new(text: &'t str) -> Self {
        let lines = text
            .lines()
            .enumerate()
            .filter_map(|(i, raw)| {
                let text = raw.trim_start_matches(' ');
                let blank = text.trim().is_empty() || text.starts_with('#');
                (!blank && raw != "---").then_some(Line {
                    number: i + 1,
                    indent: raw.len() - text.len(),
                    text,
                })
            })
            .collect();
        Lines { lines }
    }

    /// The line of the part at `path`, or of the nearest enclosing part that has
    /// one; `None` when not even the first step is found.
    pub fn find(&self, path: &[Seg<'_>]) -> Option<usize> {
        let mut block = self.lines.clone();
        let mut found = None;
        for seg in path {
            let Some((line, inner)) = step(&block, *seg) else {
                break;
            };
            found = Some(line);
            block = inner;
        }
        found
    }
}

/// The line a step lands on and the block inside it.
fn step<'t>(block: &[Line<'t>], seg: Seg<'_>) -> Option<(usize, Vec<Line<'t>>)> {
    let margin = block.iter().map(|l| l.indent).min()?;
    match seg {
        Seg::Key(key) => {
            let at = block.iter().position(|l| {
                l.indent == margin
                    && l.text.strip_prefix(key).is_some_and(|rest| {
                        rest == ":" || rest.starts_with(": ") || rest.starts_with(":\t")
                    })
            })?;
            // A list may sit at the key's own indentation (`events:\n- …`).
            let inner = block[at + 1..]
                .iter()
                .take_while(|l| l.indent > margin || (l.indent == margin && is_item(l.text)))
                .copied()
                .collect();
            Some((block[at].number, inner))
        }
        Seg::Item(n) => {
            let starts: Vec<usize> = block
                .iter()
                .enumerate()
                .filter(|(_, l)| l.indent == margin && is_item(l.text))
                .map(|(i, _)| i)
                .collect();
            let first = *starts.get(n)?;
            let end = starts.get(n + 1).copied().unwrap_or(block.len());
            let head = block[first];
            let rest = head.text[1..].trim_start_matches(' ');
            let mut inner = Vec::new();
            if !rest.is_empty() {
                // `- name: x` holds its first key on the dash's line.
                inner.push(Line {
                    number: head.number,
                    indent: head.indent + head.text.len() - rest.len(),
                    text: rest,
                });
            }
            inner.extend_from_slice(&block[first + 1..end]);
            Some((head.number, inner))
        }
    }
}

fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

#[cfg(test)]
mod tests {
    use super::{Lines, Seg};

    const TEXT: &str = "\
# a test
rules: x.flow
events:
  - { at: 0h, customer: c1 }   # one
  - at: 1h
    customer: c1

expect:
- at: 1h
  outbox:
    - to: chen
    - to: li
tests:
  - name: a
    expect:
      - at: 2h
      -
        at: 3h
";

    #[test]
    fn items_and_keys_are_found_by_indentation() {
        let lines = Lines::new(TEXT);
        let find = |path: &[Seg<'_>]| lines.find(path);
        assert_eq!(find(&[Seg::Key("events"), Seg::Item(0)]), Some(4));
        assert_eq!(find(&[Seg::Key("events"), Seg::Item(1)]), Some(5));
        assert_eq!(find(&[Seg::Key("expect"), Seg::Item(0)]), Some(9));
        assert_eq!(
            find(&[
                Seg::Key("expect"),
                Seg::Item(0),
                Seg::Key("outbox"),
                Seg::Item(1)
            ]),
            Some(12)
        );
        assert_eq!(
            find(&[
                Seg::Key("tests"),
                Seg::Item(0),
                Seg::Key("expect"),
                Seg::Item(1)
            ]),
            Some(17)
        );
        assert_eq!(
            find(&[Seg::Key("tests"), Seg::Item(0), Seg::Key("name")]),
            Some(14)
        );
    }

    #[test]
    fn a_part_without_a_line_gives_its_parent() {
        let lines = Lines::new(TEXT);
        // Item 0 of `events` is in flow style: its `customer` has no line of its own.
        assert_eq!(
            lines.find(&[Seg::Key("events"), Seg::Item(0), Seg::Key("customer")]),
            Some(4)
        );
        assert_eq!(lines.find(&[Seg::Key("events"), Seg::Item(5)]), Some(3));
        assert_eq!(lines.find(&[Seg::Key("nothing")]), None);
    }
}
