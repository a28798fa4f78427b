//! The replayed state of one customer at the current instant of the replay: which
//! records are known so far, the stage visits, field values, signals with their
//! verdicts, tasks, and the derived health, segment and tags.
//!
//! Records become known at their counted time (`max(at, known_at)`), so the known
//! events are not always a prefix of the history in time order: they are kept
//! sorted by their true `at`, which is what `since`, `within` and `count` measure.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};

use super::effects::{Evidence, Visit};
use super::records::{CustomerHistory, Event, FieldValue};

/// A signal raised by a risk keyword in an event.
#[derive(Debug, Clone)]
pub struct SignalRec {
    /// Its effect key.
    pub key: String,
    /// The risk's index.
    pub risk: usize,
    /// The event.
    pub event: i64,
    /// The event's true time.
    pub at: DateTime<Utc>,
    /// The latest verdict applied so far (`true`: confirmed) and the instant it
    /// was applied (its counted time).
    pub verdict: Option<(bool, DateTime<Utc>)>,
}

impl SignalRec {
    /// Whether it counts in `signal …` conditions: not judged `false`.
    pub fn counts(&self) -> bool {
        self.verdict.is_none_or(|(confirmed, _)| confirmed)
    }
}

/// A task the customer has: a record (imported, or made by earlier rules), or
/// created by the current rules during the replay.
#[derive(Debug, Clone)]
pub struct TaskRec {
    /// Stable key.
    pub key: String,
    /// Title.
    pub title: String,
    /// Assignee.
    pub assignee: String,
    /// Created (its true time).
    pub created_at: DateTime<Utc>,
    /// When it became part of the state (its counted time).
    pub visible_at: DateTime<Utc>,
    /// Due.
    pub due_at: Option<DateTime<Utc>>,
    /// Done: when (never before its creation) and by which `task_done` event.
    pub done: Option<(DateTime<Utc>, i64)>,
    /// Closed as suppressed: asked for before the customer went live.
    pub suppressed: bool,
}

impl TaskRec {
    /// Neither done nor suppressed.
    pub fn open(&self) -> bool {
        self.done.is_none() && !self.suppressed
    }
}

/// The visit whose `on enter` actions ran: the current stage as the engine acted on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acted {
    /// The stage.
    pub stage: String,
    /// The `stage_change` event that entered it.
    pub event: i64,
}

/// The state at the replay's current instant.
#[derive(Debug)]
pub struct State<'h> {
    /// The history being replayed.
    pub history: &'h CustomerHistory,
    /// Known events, in (at, id) order.
    pub known: Vec<&'h Event>,
    /// Field values.
    pub fields: BTreeMap<String, FieldValue>,
    /// The last `field_change` event of each field.
    pub field_events: BTreeMap<String, i64>,
    /// Stage visits so far, in time order (consecutive moves into one stage are one
    /// visit).
    pub visits: Vec<Visit>,
    /// The visit the engine has run `on enter` actions for.
    pub acted: Option<Acted>,
    /// Signals so far.
    pub signals: Vec<SignalRec>,
    /// Tasks so far.
    pub tasks: Vec<TaskRec>,
    /// `task_done` events naming a task (by key) the replay has not created yet.
    pub pending_done: Vec<&'h Event>,
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
        Self {
            history,
            known: Vec::with_capacity(history.events.len()),
            fields: history.customer.fields.clone(),
            field_events: BTreeMap::new(),
            visits: Vec::new(),
            acted: None,
            signals: Vec::new(),
            tasks: Vec::new(),
            pending_done: Vec::new(),
            health: None,
            segment: None,
            tags: BTreeSet::new(),
            tags_stale: true,
        }
    }

    /// Events known so far, in (at, id) order.
    pub fn events(&self) -> &[&'h Event] {
        &self.known
    }

    /// Makes an event known, keeping (at, id) order.
    pub fn learn(&mut self, e: &'h Event) {
        let key = (e.at, e.id);
        if self.known.last().is_none_or(|l| (l.at, l.id) <= key) {
            self.known.push(e);
        } else {
            let i = self.known.partition_point(|k| (k.at, k.id) <= key);
            self.known.insert(i, e);
        }
    }

    /// The current stage visit (the latest in time).
    pub fn visit(&self) -> Option<&Visit> {
        self.visits.last().filter(|v| v.left_at.is_none())
    }

    /// Rebuilds the visits from the known `stage_change` events, in time order.
    pub fn rebuild_visits(&mut self) {
        let mut visits: Vec<Visit> = Vec::new();
        for e in self.known.iter().filter(|e| e.kind == "stage_change") {
            let Some(stage) = e.attrs.get("stage") else {
                continue;
            };
            match visits.last_mut() {
                Some(v) if &v.stage == stage => {
                    for ev in &e.evidence {
                        if !v.evidence.contains(ev) {
                            v.evidence.push(ev.clone());
                        }
                    }
                }
                last => {
                    if let Some(v) = last {
                        v.left_at = Some(e.at);
                    }
                    visits.push(Visit {
                        stage: stage.clone(),
                        entered_at: e.at,
                        left_at: None,
                        evidence: e.evidence.clone(),
                        event: e.id,
                    });
                }
            }
        }
        self.visits = visits;
    }

    /// The latest task of a title at `t` (the one created last): the one `task "T"`
    /// conditions test and templates call `assignee`/`due`.
    pub fn latest_task(&self, title: &str, t: DateTime<Utc>) -> Option<&TaskRec> {
        self.tasks
            .iter()
            .filter(|k| k.title == title && k.visible_at <= t)
            .fold(None, |best: Option<&TaskRec>, k| match best {
                Some(b) if b.created_at > k.created_at => Some(b),
                _ => Some(k),
            })
    }

    /// The latest non-blank blocker recorded so far.
    pub fn topic(&self) -> Option<&'h str> {
        self.known
            .iter()
            .rev()
            .filter_map(|e| e.blocker.as_deref())
            .find(|b| !b.trim().is_empty())
    }
}
