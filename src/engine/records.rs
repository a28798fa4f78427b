//! What the engine reads about one customer: plain data loaded by the store (or
//! built by a rule test), never SQL. Everything here is history; what the engine
//! derives from it (health, signals, timers, tasks it created, messages) is in
//! [`super::effects`].

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A value of a customer field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FieldValue {
    /// `bool`
    Bool(bool),
    /// `number`, `money`
    Number(f64),
    /// `text`, and `date`/`time` in their text form
    Text(String),
}

/// The customer's contact person (for `message customer`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Name.
    pub name: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Mobile.
    pub mobile: Option<String>,
    /// WeCom handle.
    pub wecom: Option<String>,
}

/// The customer row as imported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerRecord {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: String,
    /// The sales owner's person id.
    pub owner: String,
    /// Assignee per role (`presales` → `wang`).
    pub assignees: BTreeMap<String, String>,
    /// Declared fields, as imported (later changes are `field_change` events).
    pub fields: BTreeMap<String, FieldValue>,
    /// When the customer was created (the witness of "no event at all").
    pub created_at: DateTime<Utc>,
    /// The contact.
    pub contact: Contact,
}

/// One event of the customer's history (append-only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Store id (the witness reference).
    pub id: i64,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Event kind (`visit`, `update`, `stage_change`, …).
    pub kind: String,
    /// Who recorded it (a person id).
    pub actor: Option<String>,
    /// The contact's role (`decision_maker`).
    pub role: Option<String>,
    /// Free text (a visit note).
    pub text: Option<String>,
    /// `update`: status.
    pub status: Option<String>,
    /// `update`: next action.
    pub next_action: Option<String>,
    /// `update`: blocker.
    pub blocker: Option<String>,
    /// Evidence references.
    pub evidence: Vec<String>,
    /// Free attributes (`attrs.KEY`); `stage_change` has `stage`, `task_done` has
    /// `task`, `verdict` has `risk` and `verdict`, `field_change` has `field` and
    /// `value`.
    pub attrs: BTreeMap<String, String>,
}

impl Event {
    /// An attribute for filters: the built-in ones, then `attrs`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        match name {
            "role" => self.role.as_deref(),
            "actor" => self.actor.as_deref(),
            "status" => self.status.as_deref(),
            "blocker" => self.blocker.as_deref(),
            "kind" => Some(self.kind.as_str()),
            other => self.attrs.get(other).map(String::as_str),
        }
    }

    /// Every text of the event that risks and `mentions` read: the note, the
    /// update's fields and the blocker.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        [&self.text, &self.status, &self.next_action, &self.blocker]
            .into_iter()
            .filter_map(|t| t.as_deref())
    }
}

/// A task that came from outside the rules (imported).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedTask {
    /// Stable key.
    pub key: String,
    /// Title.
    pub title: String,
    /// Role, when given.
    pub role: Option<String>,
    /// Assignee person id.
    pub assignee: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Due.
    pub due_at: Option<DateTime<Utc>>,
    /// Done, when imported as done.
    pub done_at: Option<DateTime<Utc>>,
}

/// Everything the engine needs to evaluate one customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerHistory {
    /// The customer row.
    pub customer: CustomerRecord,
    /// Its events, in (at, id) order.
    pub events: Vec<Event>,
    /// Imported tasks.
    pub tasks: Vec<ImportedTask>,
}
