//! The checked flow: every name resolved to an id, every expression typed, every
//! duration bound to its clock, every template parsed. The engine reads only this.

mod duration;
mod expr;
mod types;
mod vocab;

pub use duration::Duration;
pub use expr::{Cond, Const, EventFilter, Operand, SignalWhich};
pub use types::{FieldType, Type};
pub use vocab::{CmpOp, SinceWhich, TaskState};

use crate::calendar::Calendar;

macro_rules! ids {
    ($($name:ident),*) => {$(
        #[doc = concat!("Index of a ", stringify!($name), "'s item in the flow.")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);

        impl $name {
            /// The index into the flow's list.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    )*};
}

ids!(
    StageId,
    StateId,
    SegmentId,
    RiskId,
    TagId,
    RoleId,
    EventKindId,
    FieldId,
    CalendarId,
    TemplateId,
    EscalationId
);

/// Event kinds every flow has.
pub const BUILTIN_EVENT_KINDS: [&str; 6] = [
    "update",
    "note",
    "stage_change",
    "field_change",
    "task_done",
    "verdict",
];

/// Fields every customer has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BuiltinField {
    /// `id`
    Id,
    /// `name`
    Name,
    /// `owner`
    Owner,
    /// `stage`
    Stage,
    /// `health`
    Health,
    /// `segment`
    Segment,
    /// `created_at`
    CreatedAt,
}

impl BuiltinField {
    /// Every built-in field with its name.
    pub const ALL: [(&'static str, BuiltinField); 7] = [
        ("id", BuiltinField::Id),
        ("name", BuiltinField::Name),
        ("owner", BuiltinField::Owner),
        ("stage", BuiltinField::Stage),
        ("health", BuiltinField::Health),
        ("segment", BuiltinField::Segment),
        ("created_at", BuiltinField::CreatedAt),
    ];

    /// The operand type of the field.
    pub fn value_type(self) -> Type {
        match self {
            BuiltinField::Id | BuiltinField::Name | BuiltinField::Owner => Type::Text,
            BuiltinField::Stage => Type::Stage,
            BuiltinField::Health => Type::State,
            BuiltinField::Segment => Type::Segment,
            BuiltinField::CreatedAt => Type::Time,
        }
    }
}

/// A customer field, built in or declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldRef {
    /// One of [`BuiltinField`].
    Builtin(BuiltinField),
    /// A declared `field`.
    Declared(FieldId),
}

/// A declared `field`.
#[derive(Debug, Clone)]
pub struct FieldDef {
    /// Its name.
    pub name: String,
    /// Its type.
    pub ty: FieldType,
}

/// An event group, expanded to kinds.
#[derive(Debug, Clone)]
pub struct EventGroupDef {
    /// Its name.
    pub name: String,
    /// Its kinds.
    pub kinds: Vec<EventKindId>,
}

/// How a stage ends a deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// `won`
    Won,
    /// `lost`
    Lost,
}

/// A pipeline stage.
#[derive(Debug, Clone)]
pub struct Stage {
    /// Its name.
    pub name: String,
    /// Its label.
    pub label: String,
    /// A core journey node.
    pub milestone: bool,
    /// Normal dwell (wall-clock).
    pub expect: Option<Duration>,
    /// Entering needs at least one evidence item.
    pub evidence_required: bool,
    /// Terminal outcome.
    pub outcome: Option<Outcome>,
}

/// A health state or a segment.
#[derive(Debug, Clone)]
pub struct StateDef {
    /// Its name.
    pub name: String,
    /// Its label (the name when none is written).
    pub label: String,
    /// Its condition; `None` is `otherwise`.
    pub when: Option<Cond>,
    /// The condition as written (whitespace folded), for evidence and `explain`.
    pub when_text: Option<String>,
}

/// Who receives a task or notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipient {
    /// The customer's sales owner.
    Owner,
    /// The customer's assignee in a role, else the team default for it.
    Role(RoleId),
    /// The manager of a recipient, from the team file.
    ManagerOf(Box<Recipient>),
    /// A person by id.
    Person(String),
}

/// What a block does.
#[derive(Debug, Clone)]
pub enum Action {
    /// A task.
    Task {
        /// Assignee.
        to: Recipient,
        /// Title.
        title: String,
        /// Due after the trigger.
        due: Duration,
    },
    /// An internal notice.
    Notify {
        /// Main recipient.
        to: Recipient,
        /// Copies.
        cc: Vec<Recipient>,
        /// The text.
        template: TemplateId,
    },
    /// A message to the customer's contact.
    Message {
        /// The text.
        template: TemplateId,
    },
    /// A field change.
    Set {
        /// The field.
        field: FieldId,
        /// The new value.
        value: SetValue,
    },
}

/// The value of a `set`.
#[derive(Debug, Clone)]
pub enum SetValue {
    /// An operand.
    Operand(Operand),
    /// A condition (for a bool field).
    Cond(Cond),
}

/// What triggers an action block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// Entering a stage.
    EnterStage(StageId),
    /// Leaving a stage.
    ExitStage(StageId),
    /// Entering a segment.
    EnterSegment(SegmentId),
    /// Leaving a segment.
    ExitSegment(SegmentId),
}

/// An `on` block.
#[derive(Debug, Clone)]
pub struct ActionBlock {
    /// What triggers it.
    pub trigger: Trigger,
    /// Its actions in order.
    pub actions: Vec<Action>,
}

/// When an escalation step fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepTiming {
    /// Once, when the running clock reaches the duration.
    After(Duration),
    /// At `after + period`, `after + 2·period`, … at most `max` times.
    Every {
        /// The period.
        period: Duration,
        /// The offset the period counts from.
        after: Duration,
        /// At most this many firings.
        max: u32,
    },
}

/// One step of an escalation.
#[derive(Debug, Clone)]
pub struct Step {
    /// How the rules write it (`after 48h`, `every 24h after 48h`): the step's
    /// name in effect keys, `explain` and rule tests.
    pub label: String,
    /// When it fires.
    pub timing: StepTiming,
    /// What it does.
    pub actions: Vec<Action>,
}

/// An escalation timer.
#[derive(Debug, Clone)]
pub struct Escalation {
    /// Its name.
    pub name: String,
    /// Its label.
    pub label: String,
    /// Starts the timer.
    pub when: Cond,
    /// Ends it (met).
    pub until: Option<Cond>,
    /// Durations count working time of this calendar.
    pub clock: Option<CalendarId>,
    /// Stops the clock while it holds.
    pub pause: Option<Cond>,
    /// Steps in the order written.
    pub steps: Vec<Step>,
}

/// A risk of the dictionary.
#[derive(Debug, Clone)]
pub struct Risk {
    /// Its name.
    pub name: String,
    /// Its label.
    pub label: String,
    /// The health state it stands for.
    pub severity: StateId,
    /// Keywords as written.
    pub keywords: Vec<String>,
    /// Phrases that suppress a match.
    pub unless: Vec<String>,
    /// What to do.
    pub strategy: Vec<String>,
    /// Past cases.
    pub cases: Vec<String>,
}

/// A tag and the keywords that give it.
#[derive(Debug, Clone)]
pub struct Tag {
    /// Its name.
    pub name: String,
    /// The fields read.
    pub fields: Vec<FieldRef>,
    /// Keywords as written.
    pub keywords: Vec<String>,
}

/// A field every `update` must carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateField {
    /// `status`
    Status,
    /// `next_action`
    NextAction,
    /// `blocker`
    Blocker,
    /// `note`
    Note,
    /// `evidence`
    Evidence,
}

impl UpdateField {
    /// Every update field with its name.
    pub const ALL: [(&'static str, UpdateField); 5] = [
        ("status", UpdateField::Status),
        ("next_action", UpdateField::NextAction),
        ("blocker", UpdateField::Blocker),
        ("note", UpdateField::Note),
        ("evidence", UpdateField::Evidence),
    ];

    /// Its name in `update requires`.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("", |(n, _)| n)
    }
}

/// A journey metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// `node_coverage`
    NodeCoverage,
    /// `response_sla`
    ResponseSla,
    /// `risk_accuracy`
    RiskAccuracy,
}

impl Metric {
    /// Every metric with its name.
    pub const ALL: [(&'static str, Metric); 3] = [
        ("node_coverage", Metric::NodeCoverage),
        ("response_sla", Metric::ResponseSla),
        ("risk_accuracy", Metric::RiskAccuracy),
    ];
}

/// A `goal`.
#[derive(Debug, Clone, Copy)]
pub struct Goal {
    /// The metric.
    pub metric: Metric,
    /// The comparison.
    pub op: CmpOp,
    /// The threshold, a fraction.
    pub threshold: f64,
}

/// Where a template is used, which decides the variables it may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateSite {
    /// In an `on` block (with `due` when the block makes a task).
    Block {
        /// Whether `due` is available.
        has_due: bool,
    },
    /// In an escalation step.
    Escalation,
}

/// A template, named or inline.
#[derive(Debug, Clone)]
pub struct Template {
    /// Its name (`None` for inline text).
    pub name: Option<String>,
    /// Its Jinja source.
    pub source: String,
}

/// A calendar of the flow.
#[derive(Debug, Clone)]
pub struct CalendarDef {
    /// Its name.
    pub name: String,
    /// Its working time.
    pub calendar: Calendar,
}

/// A whole checked flow.
#[derive(Debug, Clone)]
pub struct Flow {
    /// `flow "…"`
    pub name: Option<String>,
    /// The flow's time zone (UTC unless set).
    pub timezone: chrono_tz::Tz,
    /// Calendars.
    pub calendars: Vec<CalendarDef>,
    /// Declared roles (`owner` is built in).
    pub roles: Vec<String>,
    /// Event kinds, the built-in ones first.
    pub event_kinds: Vec<String>,
    /// Event groups.
    pub event_groups: Vec<EventGroupDef>,
    /// Declared fields.
    pub fields: Vec<FieldDef>,
    /// The pipeline in funnel order.
    pub stages: Vec<Stage>,
    /// `on` blocks.
    pub blocks: Vec<ActionBlock>,
    /// Health states in order.
    pub health: Vec<StateDef>,
    /// Segments in order.
    pub segments: Vec<StateDef>,
    /// Escalations.
    pub escalations: Vec<Escalation>,
    /// Risks.
    pub risks: Vec<Risk>,
    /// Tags.
    pub tags: Vec<Tag>,
    /// Fields every update must carry.
    pub update_requires: Vec<UpdateField>,
    /// Goals.
    pub goals: Vec<Goal>,
    /// Templates, named and inline.
    pub templates: Vec<Template>,
    /// A digest of every source file of the flow.
    pub digest: String,
}

impl Flow {
    /// The stage called `name`.
    pub fn stage(&self, name: &str) -> Option<StageId> {
        position(self.stages.iter().map(|s| s.name.as_str()), name).map(StageId)
    }

    /// The health state called `name`.
    pub fn state(&self, name: &str) -> Option<StateId> {
        position(self.health.iter().map(|s| s.name.as_str()), name).map(StateId)
    }

    /// The calendar called `name`.
    pub fn calendar(&self, name: &str) -> Option<&CalendarDef> {
        self.calendars.iter().find(|c| c.name == name)
    }
}

fn position<'a>(mut names: impl Iterator<Item = &'a str>, name: &str) -> Option<u32> {
    names
        .position(|n| n == name)
        .and_then(|i| u32::try_from(i).ok())
}
