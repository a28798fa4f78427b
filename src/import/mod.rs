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
    let flow = ctx.flow;
    let need_flow = || flow.ok_or(ImportError::NoRules { kind: kind.name() });
    if kind == ImportKind::Team {
        if let Some(batch) = team::load_team_file(path)? {
            return Ok(Loaded {
                batch,
                encoding: None,
            });
        }
    }
    let table = table::read(path, options)?;
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
