//! The engine: evaluating one customer is a pure function of (checked flow, team,
//! that customer's history, now) returning every effect the history has produced
//! and the next instant at which the result could change without new records.
//!
//! It replays the history: from the customer's creation it steps from one instant
//! of interest to the next (a record's time, a condition crossing a threshold, a
//! timer deadline), so every derived time (a health change, a timer start, a due
//! step) is the instant it truly happened, whatever the tick schedule, and every
//! effect's key is derived from history alone. No SQL here: the store loads
//! [`records`] and writes [`effects`].

mod actions;
mod cond;
mod crossings;
pub mod effects;
pub mod explain;
pub mod matcher;
mod pair_filter;
pub mod records;
mod render;
mod replay;
mod state;
mod timers;

use chrono::{DateTime, Utc};

pub use cond::{Stored, decide_stored};
pub use effects::{
    Effect, Evaluation, Evidence, SignalView, TaskView, TimerView, Visit, signal_key,
};
pub use records::{
    Baseline, Contact, CustomerHistory, CustomerRecord, Event, FieldValue, RecordedTask, RuleWindow,
};
pub use timers::step_label;

use crate::model::Flow;
use crate::team::Team;

/// A flow compiled for evaluation: keyword automata and templates, built once.
pub struct Engine<'f> {
    flow: &'f Flow,
    team: &'f Team,
    matchers: matcher::Matchers,
    renderer: render::Renderer,
}

impl<'f> Engine<'f> {
    /// Compiles a checked flow with its team.
    pub fn new(flow: &'f Flow, team: &'f Team) -> Self {
        Self {
            flow,
            team,
            matchers: matcher::Matchers::new(flow),
            renderer: render::Renderer::new(flow),
        }
    }

    /// The flow it evaluates.
    pub fn flow(&self) -> &'f Flow {
        self.flow
    }

    /// Evaluates one customer at `now`.
    pub fn evaluate(&self, history: &CustomerHistory, now: DateTime<Utc>) -> Evaluation {
        replay::Replay::new(self, history).run(now)
    }
}
