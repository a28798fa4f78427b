//! `salesflow import KIND FILE`: rows of a CSV, XLSX, JSON Lines or YAML file →
//! a validated [`ImportBatch`] for the store.
//!
//! Takes a file and what the rows are checked against (the flow's stages, event
//! kinds, typed fields, `update requires`, evidence rules and time zone; the known
//! people and customers). Produces either the whole batch, or every wrong row with
//! its file, line (or sheet row) and column — never a part: the store writes the
//! batch in one transaction, so a rejected file writes nothing.
//!
//! Column names are those of PRODUCT.md "Import formats"; `--map` turns a foreign
//! CRM's export into them first ([`map`]). Reading a file ([`table`]) is bounded
//! and strict: a regular file under [`table::MAX_FILE_BYTES`], CSV in UTF-8 or
//! GB18030, numbers as the digits written, no cell or key silently dropped.

mod amount;
pub mod cells;
mod checker;
mod csv_file;
mod customers;
mod error;
mod events;
mod jsonl_file;
pub mod map;
pub mod table;
mod tasks;
mod team;
mod xlsx_file;
mod yaml_file;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, Utc};

pub use error::{ImportError, RowError};
pub use table::{Encoding, ReadOptions};

use crate::model::Flow;
use crate::store::ImportBatch;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportKind {
    /// People: the team.yaml shape, or rows of id, name, title, role, manager, …
    Team,
    /// Customers, upserted by id.
    Customers,
    /// Events of customers.
    Events,
    /// Stage changes of customers.
    Stages,
    /// Tasks of customers.
    Tasks,
}

impl ImportKind {
    /// The word on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ImportKind::Team => "team",
            ImportKind::Customers => "customers",
            ImportKind::Events => "events",
            ImportKind::Stages => "stages",
            ImportKind::Tasks => "tasks",
        }
    }
}

/// What rows are checked against.
#[derive(Debug, Clone, Default)]
pub struct Context<'a> {
    /// The checked rules (needed for customers, events and stages).
    pub flow: Option<&'a Flow>,
    /// Known person ids.
    pub people: HashSet<String>,
    /// Customer ids already in the store.
    pub customers: HashSet<String>,
    /// When each stored customer was created (a re-import may not change it).
    pub created: HashMap<String, DateTime<Utc>>,
    /// The import's time (`--at`, else the clock): when a re-import's changes
    /// happen, and when a new customer without `created_at` is created.
    pub now: Option<DateTime<Utc>>,
    /// The stored team's role defaults (kept when a team is imported as rows).
    pub defaults: BTreeMap<String, String>,
}

/// Reports progress through the rows (a progress bar on a terminal).
pub trait Progress {
    /// `total` rows are about to be checked.
    fn start(&self, total: usize);
    /// One more row was checked.
    fn row(&self);
}

/// No progress shown.
impl Progress for () {
    fn start(&self, _: usize) {}
    fn row(&self) {}
}

/// For each event rule of a map, where its event columns come from.
fn event_origins(map: &map::Map, mapped: &map::Mapped) -> Vec<BTreeMap<String, map::Origin>> {
    map.events
        .iter()
        .enumerate()
        .map(|(i, rule)| {
            let origin = |column: Option<&String>, what: &str| map::Origin {
                column: column.cloned(),
                rule: format!("events[{i}].{what}"),
            };
            let stage_column = match &rule.stage {
                Some(map::StageRule::FromColumn { column, .. }) => Some(column),
                _ => None,
            };
            let mut out = BTreeMap::from([
                ("at".to_string(), origin(Some(&rule.at), "at")),
                ("kind".to_string(), origin(None, "kind")),
                ("stage".to_string(), origin(stage_column, "stage")),
                ("text".to_string(), origin(rule.text.as_ref(), "text")),
                ("evidence".to_string(), origin(None, "evidence")),
            ]);
            if let Some(id) = mapped.origin.get("id") {
                out.insert("customer".into(), id.clone());
            }
            out
        })
        .collect()
}

/// What a file gave: the batch to write and how the file was read.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Everything to write.
    pub batch: ImportBatch,
    /// The encoding a CSV file was read in.
    pub encoding: Option<Encoding>,
}

/// Reads and validates a file: the batch, or every error.
pub fn load(
    kind: ImportKind,
    path: &Path,
    options: &ReadOptions,
    ctx: &Context<'_>,
    progress: &dyn Progress,
) -> Result<Loaded, ImportError> {
    if kind == ImportKind::Team {
        if let Some(batch) = team::load_team_file(path)? {
            return Ok(Loaded {
                batch,
                encoding: None,
            });
        }
    }
    let table = table::read(path, options)?;
    check(kind, table, options, ctx, progress)
}

/// Validates the rows of a file already read (a fuzz target's entry point too):
/// the batch, or every error.
pub fn check(
    kind: ImportKind,
    table: table::Table,
    options: &ReadOptions,
    ctx: &Context<'_>,
    progress: &dyn Progress,
) -> Result<Loaded, ImportError> {
    let flow = ctx.flow;
    let need_flow = || flow.ok_or(ImportError::NoRules { kind: kind.name() });
    let (table, mapped) = match &options.map {
        Some(map_path) => {
            let map = map::Map::load(map_path)?;
            if !map.events.is_empty() && kind != ImportKind::Customers {
                return Err(ImportError::Map {
                    file: map_path.display().to_string(),
                    message: format!(
                        "`events:` derive customers' events: use the map with `import customers`, not `{}`",
                        kind.name()
                    ),
                });
            }
            let mapped = map::apply(&map, &table)?;
            let events = event_origins(&map, &mapped);
            (mapped.table, Some((mapped.events, mapped.origin, events)))
        }
        None => (table, None),
    };
    progress.start(table.rows.len());
    let (mut batch, mut errors) = match kind {
        ImportKind::Team => team::load(&table, ctx, progress),
        ImportKind::Customers => customers::load(&table, need_flow()?, ctx, progress),
        ImportKind::Events => events::load(&table, need_flow()?, ctx, progress, false),
        ImportKind::Stages => events::load(&table, need_flow()?, ctx, progress, true),
        ImportKind::Tasks => tasks::load(&table, flow, ctx, progress),
    };
    batch.at = ctx.now;
    errors.extend(table.errors.iter().cloned());
    if let Some((event_tables, origin, event_origin)) = mapped {
        errors = errors
            .into_iter()
            .map(|e| map::Mapped::explain(&origin, e))
            .collect();
        if let Some(flow) = flow {
            // The map's events may name the customers this very file creates.
            let mut with_new = ctx.clone();
            with_new.customers.extend(
                table
                    .rows
                    .iter()
                    .filter_map(|r| r.get("id").map(ToString::to_string)),
            );
            with_new
                .created
                .extend(batch.customers.iter().map(|c| (c.id.clone(), c.created_at)));
            for ((_, events_table), origin) in event_tables.iter().zip(&event_origin) {
                let (more, more_errors) = events::load(events_table, flow, &with_new, &(), false);
                batch.events.extend(more.events);
                errors.extend(
                    more_errors
                        .into_iter()
                        .map(|e| map::Mapped::explain(origin, e)),
                );
            }
        }
    }
    // File order: by line, the reader's findings before the checker's.
    errors.sort_by_key(|e| e.line);
    if errors.is_empty() {
        Ok(Loaded {
            batch,
            encoding: table.encoding,
        })
    } else {
        Err(ImportError::Rejected {
            file: table.file,
            errors,
        })
    }
}
