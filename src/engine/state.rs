//! The replayed state of one customer at the current instant of the replay: what
//! events have happened, the stage visits, field values, signals, tasks, and the
//! derived health, segment and tags.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};

use super::effects::{Evidence, Visit};
use super::records::{CustomerHistory, Event, FieldValue};

/// A signal raised by a risk keyword in an event.
#[derive(Debug, Clone)]
pub struct SignalRec {
    /// The risk's index.
    pub risk: usize,
    /// The event.
    pub event: i64,
    /// When.
    pub at: DateTime<Utc>,
}

/// A task the customer has: imported, or created by the rules.
#[derive(Debug, Clone)]
pub struct TaskRec {
    /// Stable key.
    pub key: String,
    /// Title.
    pub title: String,
    /// Assignee.
    pub assignee: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Due.
    pub due_at: Option<DateTime<Utc>>,
    /// Done.
    pub done_at: Option<DateTime<Utc>>,
    /// The `task_done` event.
    pub done_event: Option<i64>,
}

/// The state at the replay's current instant.
#[derive(Debug)]
pub struct State<'h> {
    /// The history being replayed.
    pub history: &'h CustomerHistory,
    /// How many events (in order) have happened.
    pub applied: usize,
    /// Field values.
    pub fields: BTreeMap<String, FieldValue>,
    /// The last `field_change` event of each field.
    pub field_events: BTreeMap<String, i64>,
    /// Stage visits so far.
    pub visits: Vec<Visit>,
    /// Signals so far.
    pub signals: Vec<SignalRec>,
    /// Tasks so far.
    pub tasks: Vec<TaskRec>,
    /// Current health state (index) and why.
    pub health: Option<(usize, Evidence)>,
    /// Current segment (index).
    pub segment: Option<usize>,
    /// Current tags (indices).
    pub tags: BTreeSet<usize>,
    /// Whether a field changed since tags were last computed.
    pub tags_stale: bool,
}

impl<'h> State<'h> {
    /// The state before anything happened.
    pub fn new(history: &'h CustomerHistory) -> Self {
        let tasks = history
            .tasks
            .iter()
            .map(|t| TaskRec {
                key: t.key.clone(),
                title: t.title.clone(),
                assignee: t.assignee.clone(),
                created_at: t.created_at,
                due_at: t.due_at,
                done_at: t.done_at,
                done_event: None,
            })
            .collect();
        Self {
            history,
            applied: 0,
            fields: history.customer.fields.clone(),
            field_events: BTreeMap::new(),
            visits: Vec::new(),
            signals: Vec::new(),
            tasks,
            health: None,
            segment: None,
            tags: BTreeSet::new(),
            tags_stale: true,
        }
    }

    /// Events that have happened so far.
    pub fn events(&self) -> &'h [Event] {
        &self.history.events[..self.applied]
    }

    /// The current stage visit.
    pub fn visit(&self) -> Option<&Visit> {
        self.visits.last().filter(|v| v.left_at.is_none())
    }

    /// Tasks of a title that exist at `t`.
    pub fn tasks_titled<'s>(
        &'s self,
        title: &'s str,
        t: DateTime<Utc>,
    ) -> impl Iterator<Item = &'s TaskRec> + 's {
        self.tasks
            .iter()
            .filter(move |k| k.title == title && k.created_at <= t)
    }

    /// The latest non-blank blocker recorded so far.
    pub fn topic(&self) -> Option<&'h str> {
        self.events()
            .iter()
            .rev()
            .filter_map(|e| e.blocker.as_deref())
            .find(|b| !b.trim().is_empty())
    }
}
