//! A test file compiled: every time an instant, every name checked against the
//! rules and the team. What [`super::run`] drives and [`super::verify`] compares.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::rc::Rc;

use chrono::{DateTime, Utc};

use super::spec::MessageKind;
use super::when::When;
use crate::engine::CustomerRecord;
use crate::model::Flow;
use crate::store::NewEvent;
use crate::team::Team;

/// The tests of one file, with the rules and team they share.
#[derive(Debug)]
pub struct Suite {
    /// The test file, as given.
    pub file: PathBuf,
    /// The root rule file (normalised path).
    pub rules: PathBuf,
    /// The checked rules.
    pub flow: Rc<Flow>,
    /// The team.
    pub team: Rc<Team>,
    /// What offsets count from.
    pub start: DateTime<Utc>,
    /// The tests, in file order.
    pub tests: Vec<Case>,
}

/// One test: customers, a timeline, expectations, and when to tick.
#[derive(Debug)]
pub struct Case {
    /// Its name (the file's stem when none is written).
    pub name: String,
    /// Where it starts in the file.
    pub line: Option<usize>,
    /// The customers, imported before the first tick.
    pub customers: Vec<CustomerRecord>,
    /// Their initial stage visits (a `stage_change` at `created_at`).
    pub initial: Vec<NewEvent>,
    /// The timeline, in time order (entries of one instant in file order).
    pub entries: Vec<Entry>,
    /// The expectations, in time order.
    pub expects: Vec<Expectation>,
    /// Every instant at which `apply` runs, ascending.
    pub ticks: Vec<DateTime<Utc>>,
}

/// One timeline entry.
#[derive(Debug)]
pub struct Entry {
    /// When.
    pub at: DateTime<Utc>,
    /// Where in the file.
    pub line: Option<usize>,
    /// What is recorded.
    pub action: EntryAction,
}

/// What a timeline entry records.
#[derive(Debug)]
pub enum EntryAction {
    /// An event, recorded as `import` or `update`/`move`/`signal verdict` would.
    Record(Box<NewEvent>),
    /// `task done` of the customer's open task with this title.
    TaskDone {
        /// The customer.
        customer: String,
        /// The task's title.
        title: String,
        /// Who closed it.
        actor: Option<String>,
    },
}

/// One expectation.
#[derive(Debug)]
pub struct Expectation {
    /// Where in the file.
    pub line: Option<usize>,
    /// Its name, if written.
    pub name: Option<String>,
    /// When, as written.
    pub written: When,
    /// When.
    pub at: DateTime<Utc>,
    /// The previous expectation's time (before `at`), for `no_outbox`.
    pub since: Option<DateTime<Utc>>,
    /// Whose (`None`: every customer).
    pub customer: Option<String>,
    /// What is compared.
    pub checks: Vec<Check>,
}

/// One comparison of an expectation.
#[derive(Debug)]
pub enum Check {
    /// The health state.
    Health(String),
    /// The segment.
    Segment(String),
    /// The stage.
    Stage(String),
    /// The tags, exactly.
    Tags(BTreeSet<String>),
    /// The risks that raised a signal so far, exactly.
    Signals(BTreeSet<String>),
    /// Tasks created so far.
    Tasks {
        /// Expected tasks.
        items: Vec<TaskSpec>,
        /// No other task.
        exactly: bool,
    },
    /// Outbox messages created so far.
    Outbox {
        /// Expected messages.
        items: Vec<OutboxSpec>,
        /// No other message.
        exactly: bool,
    },
    /// Nothing new in the outbox since the previous expectation's time.
    NoOutbox,
    /// Escalation steps fired so far.
    Fired {
        /// Expected steps.
        items: Vec<FiredSpec>,
        /// No other step.
        exactly: bool,
    },
}

impl Check {
    /// The key as written in the test file.
    pub fn key(&self) -> &'static str {
        match self {
            Check::Health(_) => "health",
            Check::Segment(_) => "segment",
            Check::Stage(_) => "stage",
            Check::Tags(_) => "tags",
            Check::Signals(_) => "signals",
            Check::Tasks { .. } => "tasks",
            Check::Outbox { .. } => "outbox",
            Check::NoOutbox => "no_outbox",
            Check::Fired { .. } => "fired",
        }
    }
}

/// An expected task; unset parts match anything.
#[derive(Debug, Clone)]
pub struct TaskSpec {
    /// Title.
    pub title: String,
    /// The person.
    pub assignee: Option<String>,
    /// Due.
    pub due: Option<DateTime<Utc>>,
    /// Done by the expectation's time.
    pub done: Option<bool>,
}

/// An expected outbox message; unset parts match anything.
#[derive(Debug, Clone)]
pub struct OutboxSpec {
    /// Recipient.
    pub to: Option<String>,
    /// Copies, as a set.
    pub cc: Option<BTreeSet<String>>,
    /// `notify` or `message`.
    pub kind: Option<MessageKind>,
    /// Template name.
    pub template: Option<String>,
    /// A part of the text.
    pub text_contains: Option<String>,
}

/// An expected escalation step; unset parts match anything.
#[derive(Debug, Clone)]
pub struct FiredSpec {
    /// The escalation.
    pub escalation: String,
    /// The step label.
    pub step: Option<String>,
    /// When it was due.
    pub due: Option<DateTime<Utc>>,
    /// The epoch.
    pub epoch: Option<u32>,
}
