//! Checked conditions: every name resolved, every operand typed.

use super::{CmpOp, SinceWhich, TaskState};
use super::{Duration, EventKindId, FieldRef, RiskId, SegmentId, StageId, StateId, TagId};
use crate::source::Span;

/// A checked boolean condition.
#[derive(Debug, Clone)]
pub enum Cond {
    /// Either holds.
    Or(Box<Cond>, Box<Cond>),
    /// Both hold.
    And(Box<Cond>, Box<Cond>),
    /// Negation.
    Not(Box<Cond>),
    /// `lhs OP rhs`, both of one type (`is` becomes `==`).
    Compare(Operand, CmpOp, Operand, Span),
    /// `lhs in [..]`
    In(Operand, Vec<Operand>, Span),
    /// A bool operand.
    Holds(Operand),
}

/// A constant.
#[derive(Debug, Clone, PartialEq)]
pub enum Const {
    /// A number (also compared with money).
    Number(f64),
    /// A fraction, `80%` is 0.8.
    Percent(f64),
    /// A duration.
    Duration(Duration),
    /// Text.
    Text(String),
    /// A bool.
    Bool(bool),
    /// A stage.
    Stage(StageId),
    /// A health state.
    State(StateId),
    /// A segment.
    Segment(SegmentId),
}

/// Which events a filter keeps.
#[derive(Debug, Clone)]
pub struct EventFilter {
    /// The kinds kept (a group is expanded).
    pub kinds: Vec<EventKindId>,
    /// `attr = value` tests, all of which must hold.
    pub tests: Vec<(String, bool, Operand)>,
}

/// What a signal condition looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignalWhich {
    /// One risk.
    Risk(RiskId),
    /// Any risk, optionally only those of a severity.
    Any(Option<StateId>),
}

/// A typed operand.
#[derive(Debug, Clone)]
pub enum Operand {
    /// A constant.
    Const(Const),
    /// `customer.FIELD`
    Field(FieldRef),
    /// The current stage.
    Stage,
    /// The current health state.
    Health,
    /// The current segment.
    Segment,
    /// Time since the last or first matching event; infinite when there is none.
    Since(SinceWhich, EventFilter, Option<super::CalendarId>),
    /// Matching events, optionally only within a window back from now.
    Count(EventFilter, Option<Duration>),
    /// Time in the current stage.
    TimeInStage,
    /// Whether the current stage visit is beyond its `expect`.
    Overdue,
    /// Whether a signal was raised (within a window).
    Signal(SignalWhich, Option<Duration>),
    /// The state of the customer's task with this title.
    Task(String, TaskState),
    /// Whether the customer carries the tag.
    Tagged(TagId),
    /// Whether some event text mentions this (NFKC, case-folded), within a window.
    Mentions(String, Option<Duration>),
}
