//! What evaluating one customer produces. Every effect carries a stable `key`
//! derived from history alone (never from when a tick ran), so the store can
//! insert each exactly once however often, late or concurrently `apply` runs.

use chrono::{DateTime, Utc};
use serde::Serialize;

/// Why a health state holds: the deciding condition and the events that made it
/// true (or the creation record, for a condition true with no event at all).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Evidence {
    /// The condition that decided, as written in the rules.
    pub rule: String,
    /// Witness event ids.
    pub events: Vec<i64>,
    /// True when the witness is the customer's creation record.
    pub creation: bool,
    /// For a time-only condition: how long since the witness, in seconds.
    pub elapsed: Option<i64>,
}

/// A stage visit as derived from `stage_change` events.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Visit {
    /// The stage.
    pub stage: String,
    /// Entered.
    pub entered_at: DateTime<Utc>,
    /// Left (`None`: current).
    pub left_at: Option<DateTime<Utc>>,
    /// Evidence given on entering.
    pub evidence: Vec<String>,
    /// The `stage_change` event.
    pub event: i64,
}

/// One effect of the rules on a customer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Effect {
    /// The health state changed.
    Health {
        /// Stable key.
        key: String,
        /// When it truly changed.
        at: DateTime<Utc>,
        /// The previous state.
        from: Option<String>,
        /// The new state.
        to: String,
        /// Why.
        evidence: Evidence,
    },
    /// The segment changed.
    Segment {
        /// Stable key.
        key: String,
        /// When.
        at: DateTime<Utc>,
        /// Previous.
        from: Option<String>,
        /// New.
        to: String,
    },
    /// The tag set changed.
    Tag {
        /// Stable key.
        key: String,
        /// When.
        at: DateTime<Utc>,
        /// The tag.
        tag: String,
        /// Added (else removed).
        added: bool,
    },
    /// A risk keyword matched an event.
    Signal {
        /// Stable key: customer, risk, event, keyword.
        key: String,
        /// The event's time.
        at: DateTime<Utc>,
        /// The risk.
        risk: String,
        /// The event.
        event: i64,
        /// The keyword as written in the rules.
        keyword: String,
        /// The risk's strategy.
        strategy: Vec<String>,
    },
    /// An `on enter`/`on exit` block ran.
    StageAction {
        /// Stable key: trigger and visit.
        key: String,
        /// When the trigger happened.
        at: DateTime<Utc>,
        /// `enter poc`, `exit segment dormant`, …
        trigger: String,
    },
    /// A task was created.
    Task {
        /// Stable key.
        key: String,
        /// Title.
        title: String,
        /// The person.
        assignee: String,
        /// The role it was given to, when a role.
        role: Option<String>,
        /// Created (the trigger time).
        created_at: DateTime<Utc>,
        /// Due.
        due_at: DateTime<Utc>,
        /// What created it (the effect key of the block or step).
        origin: String,
        /// Asked for before the customer went live: closed as suppressed.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        suppressed: bool,
    },
    /// An escalation step fired.
    EscalationStep {
        /// Stable key: customer, escalation, epoch, step.
        key: String,
        /// The escalation.
        escalation: String,
        /// Which epoch of the timer.
        epoch: u32,
        /// The step (`after 48h`, `every 24h after 48h #2`).
        step: String,
        /// When it was due.
        due_at: DateTime<Utc>,
    },
    /// A message for the outbox (`notify` or `message customer`).
    Outbox {
        /// Idempotency key.
        key: String,
        /// Created (the trigger or due time).
        created_at: DateTime<Utc>,
        /// `notify` or `message` (serialized as the effect's own `kind`).
        #[serde(skip)]
        kind: String,
        /// Person id, or `customer`.
        recipient: String,
        /// Copies (person ids).
        cc: Vec<String>,
        /// A short subject (the block or escalation label).
        subject: String,
        /// The rendered text.
        body: String,
        /// What produced it.
        origin: String,
        /// The named template it was rendered from (`None`: inline text).
        #[serde(skip_serializing_if = "Option::is_none")]
        template: Option<String>,
        /// Produced before the customer went live: recorded, never sent.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        suppressed: bool,
    },
    /// A `set customer.F = …` (recorded as a `field_change` event).
    FieldChange {
        /// Stable key.
        key: String,
        /// When.
        at: DateTime<Utc>,
        /// The field.
        field: String,
        /// The new value, as text.
        value: String,
    },
}

/// A signal's key: the customer, the risk, the event whose text matched and the
/// keyword as matched (NFKC, ASCII lower case). The store derives it from those
/// columns instead of keeping it (migration 5), so this is the one place it is
/// spelled.
pub fn signal_key(customer: &str, risk: &str, event: i64, keyword: &str) -> String {
    // Built by hand: one is made for every signal of every replay, and `format!`
    // cost four times as much.
    let keyword = crate::text::normalized(keyword);
    let event = event.to_string();
    let parts = [customer, "/signal/", risk, "/", &event, "/", &keyword];
    let mut key = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        key.push_str(part);
    }
    key
}

impl Effect {
    /// The effect's stable key.
    pub fn key(&self) -> &str {
        match self {
            Effect::Health { key, .. }
            | Effect::Segment { key, .. }
            | Effect::Tag { key, .. }
            | Effect::Signal { key, .. }
            | Effect::StageAction { key, .. }
            | Effect::Task { key, .. }
            | Effect::EscalationStep { key, .. }
            | Effect::Outbox { key, .. }
            | Effect::FieldChange { key, .. } => key,
        }
    }

    /// The kind, as in `plan --format json`.
    pub fn kind(&self) -> &'static str {
        match self {
            Effect::Health { .. } => "health",
            Effect::Segment { .. } => "segment",
            Effect::Tag { .. } => "tag",
            Effect::Signal { .. } => "signal",
            Effect::StageAction { .. } => "stage_action",
            Effect::Task { .. } => "task",
            Effect::EscalationStep { .. } => "escalation_step",
            Effect::Outbox { kind, .. } if kind == "message" => "message",
            Effect::Outbox { .. } => "notify",
            Effect::FieldChange { .. } => "field_change",
        }
    }
}

/// The state of an escalation timer at the evaluation instant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimerView {
    /// The escalation.
    pub escalation: String,
    /// Epoch number (from 1).
    pub epoch: u32,
    /// When `when` became true.
    pub started_at: DateTime<Utc>,
    /// Paused intervals (an open one has no end).
    pub pauses: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)>,
    /// `running`, `met`, `met_late` (`until` held after a step fired), `cancelled`.
    pub state: String,
    /// When it was met or cancelled.
    pub ended_at: Option<DateTime<Utc>>,
    /// The next step and its deadline, while running.
    pub next: Option<(String, DateTime<Utc>)>,
    /// Steps due before the current rules took over: skipped, never fired.
    pub skipped: Vec<(String, DateTime<Utc>)>,
}

/// A task's state as the engine sees it, for the store's `tasks` rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskView {
    /// The task's key.
    pub key: String,
    /// Done: when (never before its creation).
    pub done_at: Option<DateTime<Utc>>,
    /// The `task_done` event that closed it.
    pub done_event: Option<i64>,
}

/// A signal's verdict as the engine sees it, for the store's `signals` rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignalView {
    /// The signal's effect key.
    pub key: String,
    /// `confirmed` (true) or `false`, the latest applied.
    pub verdict: Option<bool>,
}

/// The result of evaluating one customer at one instant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// The customer.
    pub customer: String,
    /// The instant.
    pub at: DateTime<Utc>,
    /// Current stage.
    pub stage: Option<String>,
    /// Current health state and why.
    pub health: Option<(String, Evidence)>,
    /// Current segment.
    pub segment: Option<String>,
    /// Current tags.
    pub tags: Vec<String>,
    /// Stage visits, in order.
    pub visits: Vec<Visit>,
    /// Timers, every epoch.
    pub timers: Vec<TimerView>,
    /// Every effect the history has produced up to the instant, in time order.
    pub effects: Vec<Effect>,
    /// Every task's state.
    pub tasks: Vec<TaskView>,
    /// Every signal's verdict.
    pub signals: Vec<SignalView>,
    /// Errors met while evaluating (a template variable undefined at run time).
    pub errors: Vec<String>,
    /// The next instant at which the result could change without new records.
    pub next_wake: Option<DateTime<Utc>>,
}
