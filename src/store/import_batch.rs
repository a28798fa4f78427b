//! Writing one validated import in one transaction: the team, customers (upserted
//! by id), events and tasks (deduplicated by natural key). Customers that got
//! anything new are marked `dirty`. A dry run does the same and rolls back, so its
//! counts say exactly what a real run would write.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::customers::{self, Upsert};
use super::error::Result;
use super::events::{self, NewEvent};
use super::tasks::{self, TaskRow};
use super::{Store, TaskId, people, verdicts};
use crate::engine::CustomerRecord;
use crate::team::Team;

/// A task to import.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewTask {
    /// The customer.
    pub customer: String,
    /// Title.
    pub title: String,
    /// The role it was given to.
    pub role: Option<String>,
    /// The person.
    pub assignee: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Due.
    pub due_at: Option<DateTime<Utc>>,
    /// Done.
    pub done_at: Option<DateTime<Utc>>,
}

impl NewTask {
    /// Its stable key: the customer, title, assignee and creation time, so a
    /// re-export of the same task (perhaps now done) is the same task.
    pub fn key(&self) -> String {
        let mut e = NewEvent::new(&self.customer, self.created_at, "task", "import");
        e.text = Some(self.title.clone());
        e.actor = Some(self.assignee.clone());
        format!("import:{}", events::natural_key(&e, 1))
    }
}

/// Everything one import writes, already validated.
#[derive(Debug, Clone, Default)]
pub struct ImportBatch {
    /// A team to replace the stored one.
    pub team: Option<Team>,
    /// Customers to upsert.
    pub customers: Vec<CustomerRecord>,
    /// Events to record (customers' initial stages included).
    pub events: Vec<NewEvent>,
    /// Tasks to record.
    pub tasks: Vec<NewTask>,
}

/// What an import wrote (or, in a dry run, would write).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportCounts {
    /// People in the team now.
    pub people: usize,
    /// Customers new to the store.
    pub customers_new: usize,
    /// Existing customers whose row changed.
    pub customers_changed: usize,
    /// Events recorded.
    pub events_new: usize,
    /// Events already in the store (same natural key).
    pub events_known: usize,
    /// Tasks new or changed.
    pub tasks_written: usize,
    /// Tasks already in the store, unchanged.
    pub tasks_known: usize,
}

impl Store {
    /// Writes the batch in one transaction (`dry_run`: then rolls it back).
    pub fn import(&mut self, batch: &ImportBatch, dry_run: bool) -> Result<ImportCounts> {
        let body = |tx: &rusqlite::Transaction<'_>| {
            let mut counts = ImportCounts::default();
            let mut touched = BTreeSet::new();
            if let Some(team) = &batch.team {
                counts.people = people::replace_team(tx, team)?;
            }
            for c in &batch.customers {
                match customers::upsert(tx, c)? {
                    Upsert::New => counts.customers_new += 1,
                    Upsert::Changed => counts.customers_changed += 1,
                    Upsert::Same => {}
                }
            }
            let mut occurrences: HashMap<String, u32> = HashMap::new();
            let mut verdicts = BTreeSet::new();
            for e in &batch.events {
                // The n-th identical record of the batch gets key `digest#n`.
                let digest = events::natural_key(e, 1);
                let n = occurrences.entry(digest.clone()).or_default();
                *n += 1;
                let key = if *n == 1 {
                    digest
                } else {
                    format!("{digest}#{n}")
                };
                if events::insert(tx, e, &key)?.is_some() {
                    counts.events_new += 1;
                    touched.insert(e.customer.as_str());
                    if e.kind == "verdict" {
                        verdicts.insert(e.customer.as_str());
                    }
                } else {
                    counts.events_known += 1;
                }
            }
            for t in &batch.tasks {
                let row = TaskRow {
                    id: TaskId(0),
                    key: t.key(),
                    customer: t.customer.clone(),
                    title: t.title.clone(),
                    role: t.role.clone(),
                    assignee: t.assignee.clone(),
                    created_at: t.created_at,
                    due_at: t.due_at,
                    done_at: t.done_at,
                    origin: "import".into(),
                    source: "import".into(),
                    suppressed: false,
                };
                if tasks::upsert(tx, &row)? {
                    counts.tasks_written += 1;
                    touched.insert(t.customer.as_str());
                } else {
                    counts.tasks_known += 1;
                }
            }
            for customer in touched {
                customers::touch(tx, customer)?;
            }
            for customer in verdicts {
                verdicts::refresh(tx, customer)?;
            }
            Ok(counts)
        };
        if dry_run {
            self.rehearse(body)
        } else {
            self.write(body)
        }
    }
}
