//! Applying a [`Map`] to a foreign table: joins, date formats, columns,
//! constants, defaults and value maps give a table in our columns; event rules
//! give one table of events per rule. Every row keeps its foreign place, so the
//! checks that follow report the export's own lines.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{NaiveDate, NaiveDateTime};

use super::{EventRule, Map, StageRule};
use crate::import::error::{ImportError, RowError};
use crate::import::table::{self, Cell, Place, ReadOptions, Row, Table};

/// A foreign table in our columns.
#[derive(Debug, Clone)]
pub struct Mapped {
    /// The rows in our columns.
    pub table: Table,
    /// Per event rule (by index), the events its rows yield.
    pub events: Vec<(usize, Table)>,
    /// Our column → where its values come from, for error messages.
    pub origin: BTreeMap<String, Origin>,
}

/// Where one of our columns comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The foreign column, when one is read.
    pub column: Option<String>,
    /// The map rule (`columns.owner`, `constants.stage`, `events[1].at`).
    pub rule: String,
}

impl Mapped {
    /// An error of our checks, told in the export's terms: the foreign column
    /// and the map rule that fed ours.
    pub fn explain(origin: &BTreeMap<String, Origin>, mut e: RowError) -> RowError {
        if let Some(o) = e.column.as_ref().and_then(|c| origin.get(c)) {
            e.message = format!("{} (map: {})", e.message, o.rule);
            if let Some(foreign) = &o.column {
                e.column = Some(foreign.clone());
            }
        }
        e
    }
}

/// Maps a foreign table.
pub fn apply(map: &Map, foreign: &Table) -> Result<Mapped, ImportError> {
    let lookups = load_lookups(map)?;
    let mut errors = foreign.errors.clone();
    errors.extend(lookups.iter().flat_map(|l| l.errors.iter().cloned()));
    let known = foreign_columns(map);
    let needed = needed_columns(map);
    let push = |errors: &mut Vec<RowError>, place: Place, column: &str, message: String| {
        errors.push(RowError::new(&foreign.file, place, Some(column), message));
    };
    if let Some((place, header)) = &foreign.header {
        for name in header.iter().filter(|h| !known.contains(h.as_str())) {
            push(&mut errors, *place, name, not_mapped(name));
        }
        for (column, rule) in &needed {
            if !header.iter().any(|h| h == column) {
                push(
                    &mut errors,
                    *place,
                    column,
                    format!("the map's `{rule}` reads this column; the file has none such"),
                );
            }
        }
    }
    let mut ours: Vec<String> = map.columns.keys().cloned().collect();
    for name in map.constants.keys().chain(map.defaults.keys()) {
        if !ours.contains(name) {
            ours.push(name.clone());
        }
    }
    let mut rows = Vec::with_capacity(foreign.rows.len());
    let mut events: Vec<(usize, Table)> = (0..map.events.len())
        .map(|i| {
            let table = Table {
                file: foreign.file.clone(),
                header: None,
                rows: Vec::new(),
                errors: Vec::new(),
                encoding: None,
            };
            (i, table)
        })
        .collect();
    for row in &foreign.rows {
        if foreign.header.is_none() {
            for (name, _) in &row.cells {
                if !known.contains(name.as_str()) {
                    push(&mut errors, row.place, name, not_mapped(name));
                }
            }
        }
        let mut cells = row.cells.clone();
        for lookup in &lookups {
            lookup.join(row, &mut cells, &mut errors, &foreign.file);
        }
        for (column, format) in &map.dates {
            if let Some((_, cell)) = cells.iter_mut().find(|(c, _)| c == column) {
                if let Cell::Text(text) = cell {
                    match parse_date(text, format) {
                        Some(t) => *cell = Cell::DateTime(t),
                        None => {
                            push(
                                &mut errors,
                                row.place,
                                column,
                                format!(
                                    "`{text}` is not a date in the form `{format}` (map: dates.{column})"
                                ),
                            );
                            // Reported once, here: what reads it later sees a blank.
                            *cell = Cell::Empty;
                        }
                    }
                }
            }
        }
        let source = Row {
            place: row.place,
            cells,
        };
        let mapped = map_row(map, &source, &ours);
        let id = mapped.get("id").map(ToString::to_string);
        for (i, rule) in map.events.iter().enumerate() {
            let Some(id) = &id else { break };
            match event_row(rule, i, &source, id) {
                Ok(Some(event)) => events[i].1.rows.push(event),
                Ok(None) => {}
                Err((column, message)) => push(&mut errors, row.place, &column, message),
            }
        }
        rows.push(mapped);
    }
    let mut origin = BTreeMap::new();
    for (ours, foreign_column) in &map.columns {
        origin.insert(
            ours.clone(),
            Origin {
                column: Some(foreign_column.clone()),
                rule: format!("columns.{ours}"),
            },
        );
    }
    for (what, table) in [("constants", &map.constants), ("defaults", &map.defaults)] {
        for ours in table.keys() {
            origin.entry(ours.clone()).or_insert_with(|| Origin {
                column: None,
                rule: format!("{what}.{ours}"),
            });
        }
    }
    Ok(Mapped {
        table: Table {
            file: foreign.file.clone(),
            header: foreign.header.as_ref().map(|(place, _)| (*place, ours)),
            rows,
            errors,
            encoding: foreign.encoding,
        },
        events,
        origin,
    })
}

fn not_mapped(name: &str) -> String {
    format!("`{name}` is not in the map: read it under `columns:` or list it under `drop:`")
}

/// One row in our columns.
fn map_row(map: &Map, source: &Row, ours: &[String]) -> Row {
    let foreign = |column: &str| {
        source
            .cells
            .iter()
            .find(|(c, _)| c == column)
            .map(|(_, cell)| cell.clone())
    };
    let mut cells = Vec::with_capacity(ours.len());
    for name in ours {
        let mut cell = map
            .columns
            .get(name)
            .and_then(|f| foreign(f))
            .unwrap_or(Cell::Empty);
        if let Some(constant) = map.constants.get(name) {
            cell = text_cell(&interpolate(constant, source));
        }
        if cell.is_blank() {
            if let Some(default) = map.defaults.get(name) {
                cell = text_cell(&interpolate(default, source));
            }
        }
        if let Some(values) = map.values.get(name) {
            if let Some(ours) = values.get(cell.to_string().trim()) {
                cell = text_cell(ours);
            }
        }
        cells.push((name.clone(), cell));
    }
    Row {
        place: source.place,
        cells,
    }
}

/// The event `rule` yields for a row: `None` when its time is blank (or its
/// stage value is one to skip); an error naming the rule otherwise.
fn event_row(
    rule: &EventRule,
    index: usize,
    source: &Row,
    customer: &str,
) -> Result<Option<Row>, (String, String)> {
    let Some(at) = source.get(&rule.at) else {
        return Ok(None);
    };
    let mut cells = vec![
        ("customer".to_string(), Cell::Text(customer.to_string())),
        ("at".to_string(), at.clone()),
        ("kind".to_string(), Cell::Text(rule.kind.clone())),
    ];
    match &rule.stage {
        Some(StageRule::Fixed(stage)) => cells.push(("stage".into(), Cell::Text(stage.clone()))),
        Some(StageRule::FromColumn {
            column,
            values,
            skip,
        }) => {
            let value = source
                .get(column)
                .map(ToString::to_string)
                .unwrap_or_default();
            let value = value.trim();
            if skip.iter().any(|s| s == value) {
                return Ok(None);
            }
            let Some(stage) = values.get(value) else {
                let listed = values
                    .keys()
                    .chain(skip)
                    .map(|v| format!("`{v}`"))
                    .collect::<Vec<_>>();
                return Err((
                    column.clone(),
                    format!(
                        "`{value}` is not in the map's `events[{index}].stage.values` ({}): add it there or under `skip`",
                        listed.join(", ")
                    ),
                ));
            };
            cells.push(("stage".into(), Cell::Text(stage.clone())));
        }
        None => {}
    }
    if let Some(text) = rule.text.as_ref().and_then(|c| source.get(c)) {
        cells.push(("text".into(), text.clone()));
    }
    if let Some(evidence) = &rule.evidence {
        cells.push(("evidence".into(), Cell::Text(evidence.clone())));
    }
    Ok(Some(Row {
        place: source.place,
        cells,
    }))
}

/// `{column}` replaced by that column's value in the row.
fn interpolate(template: &str, row: &Row) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..open + close];
        out.push_str(&row.get(name).map(ToString::to_string).unwrap_or_default());
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// The `{column}` names a template reads.
fn references(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    out
}

fn text_cell(text: &str) -> Cell {
    if text.trim().is_empty() {
        Cell::Empty
    } else {
        Cell::Text(text.trim().to_string())
    }
}

fn parse_date(text: &str, format: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    NaiveDateTime::parse_from_str(text, format)
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(text, format)
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })
}

/// Every foreign column the map reads or drops (lookup columns included).
fn foreign_columns(map: &Map) -> BTreeSet<&str> {
    let mut known: BTreeSet<&str> = map.columns.values().map(String::as_str).collect();
    known.extend(map.drop.iter().map(String::as_str));
    known.extend(needed_columns(map).into_iter().map(|(c, _)| c));
    known.extend(
        map.lookups
            .iter()
            .flat_map(|l| l.take.iter().map(String::as_str)),
    );
    known
}

/// The foreign columns the file itself must have, with the rule reading each.
fn needed_columns(map: &Map) -> Vec<(&str, String)> {
    let taken: BTreeSet<&str> = map
        .lookups
        .iter()
        .flat_map(|l| l.take.iter().map(String::as_str))
        .collect();
    let mut out: Vec<(&str, String)> = Vec::new();
    for (ours, foreign) in &map.columns {
        out.push((foreign, format!("columns.{ours}")));
    }
    for (what, table) in [("constants", &map.constants), ("defaults", &map.defaults)] {
        for (ours, template) in table {
            for r in references(template) {
                out.push((r, format!("{what}.{ours}")));
            }
        }
    }
    for column in map.dates.keys() {
        out.push((column, format!("dates.{column}")));
    }
    for (i, l) in map.lookups.iter().enumerate() {
        out.push((&l.key, format!("lookups[{i}].key")));
    }
    for (i, e) in map.events.iter().enumerate() {
        out.push((&e.at, format!("events[{i}].at")));
        if let Some(StageRule::FromColumn { column, .. }) = &e.stage {
            out.push((column, format!("events[{i}].stage")));
        }
        if let Some(text) = &e.text {
            out.push((text, format!("events[{i}].text")));
        }
    }
    out.retain(|(c, _)| !taken.contains(c));
    let mut seen = BTreeSet::new();
    out.retain(|(c, _)| seen.insert(*c));
    out
}

/// A lookup file, indexed by its key column.
struct LoadedLookup {
    key: String,
    index: usize,
    rows: HashMap<String, Vec<(String, Cell)>>,
    take: Vec<String>,
    required: bool,
    file: String,
    errors: Vec<RowError>,
}

fn load_lookups(map: &Map) -> Result<Vec<LoadedLookup>, ImportError> {
    let mut out = Vec::new();
    for (index, lookup) in map.lookups.iter().enumerate() {
        let path = map.beside(&lookup.file);
        let table = table::read(&path, &ReadOptions::default())?;
        let matched = lookup
            .match_column
            .clone()
            .unwrap_or_else(|| lookup.key.clone());
        let fail = |message: String| ImportError::Map {
            file: map.path.display().to_string(),
            message: format!("lookups[{index}]: {message}"),
        };
        if let Some((_, header)) = &table.header {
            for column in std::iter::once(&matched).chain(&lookup.take) {
                if !header.iter().any(|h| h == column) {
                    return Err(fail(format!("`{}` has no column `{column}`", table.file)));
                }
            }
        }
        let mut rows: HashMap<String, Vec<(String, Cell)>> = HashMap::new();
        let mut first: HashMap<String, Place> = HashMap::new();
        let mut errors = table.errors.clone();
        for row in &table.rows {
            let Some(key) = row.get(&matched).map(|c| c.to_string().trim().to_string()) else {
                continue;
            };
            if let Some(place) = first.get(&key) {
                errors.push(RowError::new(
                    &table.file,
                    row.place,
                    Some(&matched),
                    format!(
                        "key `{key}` is listed twice (first at {place}) (map: lookups[{index}])"
                    ),
                ));
                continue;
            }
            first.insert(key.clone(), row.place);
            let taken = lookup
                .take
                .iter()
                .map(|c| (c.clone(), row.get(c).cloned().unwrap_or(Cell::Empty)))
                .collect();
            rows.insert(key, taken);
        }
        out.push(LoadedLookup {
            key: lookup.key.clone(),
            index,
            rows,
            take: lookup.take.clone(),
            required: lookup.required,
            file: table.file,
            errors,
        });
    }
    Ok(out)
}

impl LoadedLookup {
    /// Adds the taken columns of the row's match (blank when none).
    fn join(
        &self,
        row: &Row,
        cells: &mut Vec<(String, Cell)>,
        errors: &mut Vec<RowError>,
        file: &str,
    ) {
        let key = row.get(&self.key).map(|c| c.to_string().trim().to_string());
        match key.as_ref().and_then(|k| self.rows.get(k)) {
            Some(taken) => cells.extend(taken.iter().cloned()),
            None => {
                if self.required {
                    errors.push(RowError::new(
                        file,
                        row.place,
                        Some(&self.key),
                        format!(
                            "`{}` has no row in `{}` (map: lookups[{}], required)",
                            key.unwrap_or_default(),
                            self.file,
                            self.index
                        ),
                    ));
                }
                cells.extend(self.take.iter().map(|c| (c.clone(), Cell::Empty)));
            }
        }
    }
}
