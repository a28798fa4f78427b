//! Row-by-row validation shared by every kind of import: the column set (unknown,
//! missing or repeated columns), then typed reads of each cell that record an
//! error — file, line, column, message — and go on, so one run lists every problem.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::cells;
use super::error::RowError;
use super::table::{Cell, Place, Row, Table};

/// The columns a kind of import takes.
pub struct Columns {
    /// Must be present (and non-blank in every row).
    pub required: Vec<String>,
    /// May be present.
    pub optional: Vec<String>,
    /// Whether `attrs.KEY` columns are taken.
    pub attrs: bool,
}

impl Columns {
    fn knows(&self, column: &str) -> bool {
        self.required
            .iter()
            .chain(&self.optional)
            .any(|c| c == column)
            || (self.attrs && column.strip_prefix("attrs.").is_some_and(|k| !k.is_empty()))
    }

    fn names(&self) -> impl Iterator<Item = &str> + Clone {
        self.required
            .iter()
            .chain(&self.optional)
            .map(String::as_str)
    }
}

/// Collects the errors of one file.
pub struct Checker<'a> {
    /// The file.
    pub file: &'a str,
    /// The flow's zone, for times without an offset.
    pub tz: Tz,
    /// Every error so far.
    pub errors: Vec<RowError>,
    columns: Columns,
    /// Required columns the header lacks (reported once, not on every row).
    absent: HashSet<String>,
}

impl<'a> Checker<'a> {
    /// Checks the table's header (if it has one) against `columns`.
    pub fn new(table: &'a Table, columns: Columns, tz: Tz) -> Checker<'a> {
        let mut checker = Checker {
            file: &table.file,
            tz,
            errors: Vec::new(),
            columns,
            absent: HashSet::new(),
        };
        if let Some((place, header)) = &table.header {
            for (i, name) in header.iter().enumerate() {
                if header[..i].contains(name) {
                    checker.push(*place, Some(name), crate::t!("import-column-twice"));
                } else if !checker.columns.knows(name) {
                    let message = checker.unknown_column(name);
                    checker.push(*place, Some(name), message);
                }
            }
            for name in checker.columns.required.clone() {
                if !header.contains(&name) {
                    checker.push(*place, Some(&name), crate::t!("import-column-missing"));
                    checker.absent.insert(name);
                }
            }
        }
        checker
    }

    /// Starts checking a row (for rows with their own keys: its keys first).
    pub fn row<'r>(&'r mut self, row: &'r Row, keyed: bool) -> RowCheck<'r, 'a> {
        if keyed {
            for (name, _) in &row.cells {
                if !self.columns.knows(name) {
                    let message = self.unknown_column(name);
                    self.push(row.place, Some(name), message);
                }
            }
        }
        RowCheck { checker: self, row }
    }

    fn unknown_column(&self, name: &str) -> String {
        crate::t!(
            "import-unknown-column",
            hint = suggest(name, self.columns.names()).unwrap_or_default()
        )
    }

    fn push(&mut self, place: Place, column: Option<&str>, message: String) {
        self.errors
            .push(RowError::new(self.file, place, column, message));
    }
}

/// Checks one row.
pub struct RowCheck<'r, 'a> {
    checker: &'r mut Checker<'a>,
    /// The row.
    pub row: &'r Row,
}

impl RowCheck<'_, '_> {
    /// Records an error about a column of this row.
    pub fn error(&mut self, column: &str, message: String) {
        self.checker.push(self.row.place, Some(column), message);
    }

    /// The cell, unless blank.
    pub fn cell(&self, column: &str) -> Option<&Cell> {
        self.row.get(column)
    }

    /// The cell's text, unless blank.
    pub fn text(&self, column: &str) -> Option<String> {
        self.cell(column).map(ToString::to_string)
    }

    /// The cell's text; an error when blank.
    pub fn required_text(&mut self, column: &str) -> Option<String> {
        let text = self.text(column);
        if text.is_none() && !self.checker.absent.contains(column) {
            self.error(column, crate::t!("import-missing-value"));
        }
        text
    }

    /// The required `id` column, with an error when `seen` (id → where it first
    /// stood in this file) already holds it: `what` names the record (`customer`).
    pub fn unique_id(&mut self, what: &str, seen: &mut HashMap<String, String>) -> Option<String> {
        let id = self.required_text("id")?;
        if let Some(first) = seen.get(&id) {
            let message = crate::t!(
                "import-listed-twice",
                what = crate::i18n::noun(what),
                id = id,
                first = first
            );
            self.error("id", message);
        } else {
            seen.insert(id.clone(), self.row.place.to_string());
        }
        Some(id)
    }

    /// The cell as an instant (`None` and an error when malformed, or blank and
    /// required).
    pub fn time(&mut self, column: &str, required: bool) -> Option<DateTime<Utc>> {
        let Some(cell) = self.cell(column) else {
            if required && !self.checker.absent.contains(column) {
                self.error(column, crate::t!("import-missing-value"));
            }
            return None;
        };
        match cells::time(cell, self.checker.tz) {
            Ok(t) => Some(t),
            Err(message) => {
                self.error(column, message);
                None
            }
        }
    }

    /// The cell as an id among `known` (`what`: `person`, `customer`, `stage`…).
    pub fn known(
        &mut self,
        column: &str,
        required: bool,
        what: &str,
        known: &HashSet<String>,
    ) -> Option<String> {
        let id = if required {
            self.required_text(column)?
        } else {
            self.text(column)?
        };
        self.known_text(column, what, &id, known)
    }

    /// `id`, read from `column`, if it is among `known`; else an error naming
    /// the closest.
    fn known_text(
        &mut self,
        column: &str,
        what: &str,
        id: &str,
        known: &HashSet<String>,
    ) -> Option<String> {
        let id = id.to_string();
        if known.contains(&id) {
            Some(id)
        } else {
            let hint = suggest(&id, known.iter().map(String::as_str)).unwrap_or_default();
            let message = crate::t!(
                "import-unknown-id",
                what = crate::i18n::noun(what),
                id = id,
                hint = hint
            );
            self.error(column, message);
            None
        }
    }

    /// The cell as a stage of `flow`, by its name or its label (`demo` or
    /// `方案演示`, as `move` takes it): the stage's name.
    pub fn stage(
        &mut self,
        column: &str,
        required: bool,
        flow: &crate::model::Flow,
    ) -> Option<String> {
        let text = if required {
            self.required_text(column)?
        } else {
            self.text(column)?
        };
        match flow.stage_named(&text) {
            Some(id) => Some(flow.stages[id.index()].name.clone()),
            None => {
                let names: HashSet<String> = flow.stages.iter().map(|s| s.name.clone()).collect();
                // Not a stage: the unknown-id error with its closest name.
                self.known_text(column, "stage", &text, &names)
            }
        }
    }

    /// The zone times without an offset are read in.
    pub fn tz(&self) -> Tz {
        self.checker.tz
    }
}

/// ` (did you mean `x`?)` for the closest candidate within a few edits.
pub fn suggest<'c>(name: &str, candidates: impl Iterator<Item = &'c str>) -> Option<String> {
    let len = name.chars().count();
    candidates
        .map(|c| (strsim::osa_distance(name, c), c))
        .filter(|(d, c)| *d <= (len.max(c.chars().count()) / 3).max(1))
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| crate::t!("import-did-you-mean", name = c))
}
