//! Writing one validated import in one transaction: the team, new customers,
//! changes to existing ones (what the file gives, recorded as `field_change` and
//! `stage_change` events at the import's time), events and tasks (deduplicated
//! by natural key). Customers that got anything new are marked `dirty`. A dry
//! run does the same and rolls back, so its counts say exactly what a real run
//! would write.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::customers;
use super::error::Result;
use super::events::{self, NewEvent};
use super::tasks::{self, TaskRow};
use super::{Store, TaskId, people, verdicts};
use crate::engine::{Contact, CustomerRecord, FieldValue};
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

/// What a re-import says about an existing customer: each `None` or absent
/// entry keeps the stored value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerChange {
    /// The customer.
    pub id: String,
    /// A new name.
    pub name: Option<String>,
    /// A new owner.
    pub owner: Option<String>,
    /// Assignees given (other roles keep theirs).
    pub assignees: BTreeMap<String, String>,
    /// Field values given (each differing one becomes a `field_change`).
    pub fields: BTreeMap<String, FieldValue>,
    /// Contact details given.
    pub contact: Contact,
    /// The creation time the file gives: must equal the stored one.
    pub created_at: Option<DateTime<Utc>>,
    /// A stage and its evidence (a `stage_change` unless it is the current one).
    pub stage: Option<(String, Vec<String>)>,
}

impl From<&CustomerRecord> for CustomerChange {
    fn from(c: &CustomerRecord) -> CustomerChange {
        CustomerChange {
            id: c.id.clone(),
            name: Some(c.name.clone()),
            owner: Some(c.owner.clone()),
            assignees: c.assignees.clone(),
            fields: c.fields.clone(),
            contact: c.contact.clone(),
            created_at: Some(c.created_at),
            stage: None,
        }
    }
}

/// Everything one import writes, already validated.
#[derive(Debug, Clone, Default)]
pub struct ImportBatch {
    /// A team to replace the stored one.
    pub team: Option<Team>,
    /// Customers to create; one already stored is re-imported as a
    /// [`CustomerChange`] giving every value.
    pub customers: Vec<CustomerRecord>,
    /// Changes to stored customers.
    pub changes: Vec<CustomerChange>,
    /// The import's time: when changes to stored customers happen (default: the
    /// clock).
    pub at: Option<DateTime<Utc>>,
    /// How many new customers had no `created_at` and are created at `at`.
    pub created_now: usize,
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
    /// Existing customers the import changed (row, fields or stage).
    pub customers_changed: usize,
    /// `field_change` events a re-import recorded.
    pub fields_changed: usize,
    /// `stage_change` events a re-import recorded.
    pub stages_changed: usize,
    /// New customers without `created_at`, created at the import's time.
    pub created_now: usize,
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
            let at = batch.at.unwrap_or_else(Utc::now);
            counts.created_now = batch.created_now;
            let mut changes = Vec::new();
            for c in &batch.customers {
                if customers::exists(tx, &c.id)? {
                    changes.push(CustomerChange::from(c));
                } else {
                    customers::insert(tx, c)?;
                    counts.customers_new += 1;
                }
            }
            for change in changes.iter().chain(&batch.changes) {
                let changed = customers::apply_change(tx, change, at)?;
                counts.fields_changed += changed.fields;
                counts.stages_changed += usize::from(changed.stage);
                if changed.row || changed.fields > 0 || changed.stage {
                    counts.customers_changed += 1;
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
