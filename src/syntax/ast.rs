//! The typed syntax tree of one rule file.
//!
//! Lowered from pest pairs by `lower`; every node carries a [`Span`] into the file's
//! source. Names are not resolved here: that is the checker's job.

use std::sync::Arc;

use crate::source::{SourceFile, Span};

/// One parsed rule file.
#[derive(Debug, Clone)]
pub struct File {
    /// The source the spans point into.
    pub source: Arc<SourceFile>,
    /// Items in file order.
    pub items: Vec<Item>,
    /// Every comment, in file order (the formatter puts them back).
    pub comments: Vec<Comment>,
    /// Every full-width punctuation mark read as its ASCII form (`，` as `,`), in
    /// file order: each is warned about, and `fmt` writes the ASCII form.
    pub fullwidth: Vec<Span>,
}

/// A `# …` comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The comment's text, `#` included.
    pub text: String,
    /// Where it stands.
    pub span: Span,
}

/// A name as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Where it stands.
    pub span: Span,
}

/// A string literal, escapes decoded (and a text block's indentation removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrLit {
    /// The decoded value.
    pub value: String,
    /// The whole literal, quotes included.
    pub span: Span,
    /// Whether it was written `"""…"""`.
    pub block: bool,
}

/// A duration unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DurationUnit {
    /// `m`
    Minutes,
    /// `h`
    Hours,
    /// `d`
    Days,
    /// `w`
    Weeks,
}

/// A duration literal such as `1d12h`: its parts in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurationLit {
    /// `(amount, unit)` pairs as written.
    pub parts: Vec<(u64, DurationUnit)>,
    /// Where it stands.
    pub span: Span,
}

/// A top-level item.
#[derive(Debug, Clone)]
pub enum Item {
    /// `flow "name"`
    Flow(StrLit, Span),
    /// `include "path"`
    Include(StrLit, Span),
    /// `timezone "Area/City"`
    Timezone(StrLit, Span),
    /// `calendar NAME { … }`
    Calendar(CalendarDecl),
    /// `roles a, b`
    Roles(Vec<Ident>, Span),
    /// `events a, b`
    Events(Vec<Ident>, Span),
    /// `event group = a | b`
    EventGroup(EventGroup),
    /// `field name: type`
    Field(FieldDecl),
    /// `pipeline { … }`
    Pipeline(Vec<StageDecl>, Span),
    /// `on enter|exit [segment] NAME { … }`
    On(OnBlock),
    /// `health { … }`
    Health(Vec<StateDecl>, Span),
    /// `escalation NAME "label" { … }`
    Escalation(EscalationDecl),
    /// `risk NAME "label" { … }`
    Risk(RiskDecl),
    /// `tags from customer.a, … { … }`
    Tags(TagsDecl),
    /// `segment NAME "label" when …` (one line)
    Segment(StateDecl),
    /// `update requires a, b`
    UpdateRequires(Vec<Ident>, Span),
    /// `goal metric >= 80%`
    Goal(GoalDecl),
    /// `template NAME "…"`
    Template(TemplateDecl),
}

impl Item {
    /// The span of the whole item.
    pub fn span(&self) -> Span {
        match self {
            Item::Flow(_, s)
            | Item::Include(_, s)
            | Item::Timezone(_, s)
            | Item::Roles(_, s)
            | Item::Events(_, s)
            | Item::Pipeline(_, s)
            | Item::Health(_, s)
            | Item::UpdateRequires(_, s) => *s,
            Item::Calendar(c) => c.span,
            Item::EventGroup(g) => g.span,
            Item::Field(f) => f.span,
            Item::On(o) => o.span,
            Item::Escalation(e) => e.span,
            Item::Risk(r) => r.span,
            Item::Tags(t) => t.span,
            Item::Segment(s) => s.span,
            Item::Goal(g) => g.span,
            Item::Template(t) => t.span,
        }
    }
}

/// `calendar NAME { … }`
#[derive(Debug, Clone)]
pub struct CalendarDecl {
    /// The calendar's name.
    pub name: Ident,
    /// Its lines in order.
    pub lines: Vec<CalendarLine>,
    /// The whole item.
    pub span: Span,
}

/// A weekday as written (`mon` … `sun`), 0 = Monday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekdayLit {
    /// Days from Monday.
    pub index: u8,
    /// Where it stands.
    pub span: Span,
}

/// `09:00` as minutes since midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeLit {
    /// Minutes since midnight (`24:00` is 1440).
    pub minutes: u16,
    /// Where it stands.
    pub span: Span,
}

/// A date or an inclusive range of dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRangeLit {
    /// First day.
    pub from: chrono::NaiveDate,
    /// Last day (the same as `from` for a single date).
    pub to: chrono::NaiveDate,
    /// Where it stands.
    pub span: Span,
}

/// One line inside a `calendar` block.
#[derive(Debug, Clone)]
pub enum CalendarLine {
    /// `hours mon-fri 09:00-12:00, 13:30-18:00`
    Hours {
        /// Day ranges (`mon-fri` is one, `sat` another).
        days: Vec<(WeekdayLit, WeekdayLit)>,
        /// Time ranges.
        ranges: Vec<(TimeLit, TimeLit)>,
        /// The whole line.
        span: Span,
    },
    /// `holidays "a.json", "b.json"`
    Holidays(Vec<StrLit>, Span),
    /// `off 2026-10-01..2026-10-07 "国庆"`
    Off(Vec<DateRangeLit>, Option<StrLit>, Span),
    /// `work 2026-10-10`
    Work(Vec<DateRangeLit>, Span),
}

/// `event contact = visit | call`
#[derive(Debug, Clone)]
pub struct EventGroup {
    /// The group's name.
    pub name: Ident,
    /// Its members.
    pub members: Vec<Ident>,
    /// The whole item.
    pub span: Span,
}

/// `field name: type`
#[derive(Debug, Clone)]
pub struct FieldDecl {
    /// The field.
    pub name: Ident,
    /// Its type as written.
    pub ty: Ident,
    /// The whole item.
    pub span: Span,
}

/// One line of the `pipeline`.
#[derive(Debug, Clone)]
pub struct StageDecl {
    /// The stage.
    pub name: Ident,
    /// Its label.
    pub label: StrLit,
    /// `milestone`
    pub milestone: Option<Span>,
    /// `expect D`
    pub expect: Option<DurationLit>,
    /// `evidence required`
    pub evidence_required: Option<Span>,
    /// `won`
    pub won: Option<Span>,
    /// `lost`
    pub lost: Option<Span>,
    /// The whole line.
    pub span: Span,
}

/// What an `on` block reacts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnWhen {
    /// `on enter`
    Enter,
    /// `on exit`
    Exit,
}

/// `on enter|exit [segment] NAME { actions }`
#[derive(Debug, Clone)]
pub struct OnBlock {
    /// Enter or exit.
    pub when: OnWhen,
    /// Whether the target is a segment (else a stage).
    pub segment: bool,
    /// The stage or segment.
    pub target: Ident,
    /// The actions in order.
    pub actions: Vec<Action>,
    /// The whole item.
    pub span: Span,
}

/// Who receives a task or a notice.
#[derive(Debug, Clone)]
pub enum Recipient {
    /// `owner` or a role name.
    Name(Ident),
    /// `manager of R`
    ManagerOf(Box<Recipient>, Span),
    /// `person "id"`
    Person(StrLit, Span),
}

impl Recipient {
    /// Where it stands.
    pub fn span(&self) -> Span {
        match self {
            Recipient::Name(i) => i.span,
            Recipient::ManagerOf(_, s) | Recipient::Person(_, s) => *s,
        }
    }
}

/// An inline text or a named template.
#[derive(Debug, Clone)]
pub enum Body {
    /// `"text {{ customer.name }}"`
    Text(StrLit),
    /// `template NAME`
    Template(Ident),
}

/// An action in an `on` block or an escalation step.
#[derive(Debug, Clone)]
pub enum Action {
    /// `task R "title" due D`
    Task {
        /// Assignee.
        to: Recipient,
        /// Title.
        title: StrLit,
        /// Due after the trigger.
        due: DurationLit,
        /// The whole action.
        span: Span,
    },
    /// `notify R [cc R, …] body`
    Notify {
        /// Main recipient.
        to: Recipient,
        /// Copies.
        cc: Vec<Recipient>,
        /// What is sent.
        body: Body,
        /// The whole action.
        span: Span,
    },
    /// `message customer body`
    Message {
        /// What is sent.
        body: Body,
        /// The whole action.
        span: Span,
    },
    /// `set customer.F = EXPR`
    Set {
        /// The field.
        field: Ident,
        /// Its new value.
        value: Expr,
        /// The whole action.
        span: Span,
    },
}

impl Action {
    /// Where it stands.
    pub fn span(&self) -> Span {
        match self {
            Action::Task { span, .. }
            | Action::Notify { span, .. }
            | Action::Message { span, .. }
            | Action::Set { span, .. } => *span,
        }
    }
}

/// A health state or a segment: `NAME "label" when EXPR` or `… otherwise`.
#[derive(Debug, Clone)]
pub struct StateDecl {
    /// Its name.
    pub name: Ident,
    /// Its label.
    pub label: Option<StrLit>,
    /// The condition, `None` for `otherwise`.
    pub when: Option<Expr>,
    /// Span of `otherwise` or of the `when` clause.
    pub clause_span: Span,
    /// The whole declaration.
    pub span: Span,
}

/// `escalation NAME "label" { … }`
#[derive(Debug, Clone)]
pub struct EscalationDecl {
    /// Its name.
    pub name: Ident,
    /// Its label.
    pub label: Option<StrLit>,
    /// Clauses in order.
    pub clauses: Vec<EscClause>,
    /// The whole item.
    pub span: Span,
}

/// One clause of an escalation.
#[derive(Debug, Clone)]
pub enum EscClause {
    /// `when EXPR`
    When(Expr, Span),
    /// `until EXPR`
    Until(Expr, Span),
    /// `clock NAME`
    Clock(Ident, Span),
    /// `pause when EXPR`
    Pause(Expr, Span),
    /// `after D { … }`
    After(DurationLit, Vec<Action>, Span),
    /// `every P after D[, max N] { … }`
    Every {
        /// The period.
        period: DurationLit,
        /// The first offset (the first firing is at `after + period`).
        after: DurationLit,
        /// At most this many firings.
        max: Option<(u32, Span)>,
        /// The actions.
        actions: Vec<Action>,
        /// The whole clause.
        span: Span,
    },
}

/// `risk NAME "label" { … }`
#[derive(Debug, Clone)]
pub struct RiskDecl {
    /// Its name.
    pub name: Ident,
    /// Its label.
    pub label: Option<StrLit>,
    /// `severity STATE` lines.
    pub severity: Vec<Ident>,
    /// Keywords of every `keywords` line.
    pub keywords: Vec<StrLit>,
    /// Phrases of every `unless` line.
    pub unless: Vec<StrLit>,
    /// `strategy` texts.
    pub strategy: Vec<StrLit>,
    /// `case` texts.
    pub cases: Vec<StrLit>,
    /// The whole item.
    pub span: Span,
}

/// `tags from customer.a, … { TAG "kw", … }`
#[derive(Debug, Clone)]
pub struct TagsDecl {
    /// The fields read.
    pub from: Vec<Ident>,
    /// One line per tag.
    pub tags: Vec<(Ident, Vec<StrLit>, Span)>,
    /// The whole item.
    pub span: Span,
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `==` (and `=` in filters)
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// The operator as written canonically.
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

/// `goal metric OP value`
#[derive(Debug, Clone)]
pub struct GoalDecl {
    /// The metric.
    pub metric: Ident,
    /// The comparison.
    pub op: CmpOp,
    /// The threshold.
    pub value: Value,
    /// The whole item.
    pub span: Span,
}

/// `template NAME "…"`
#[derive(Debug, Clone)]
pub struct TemplateDecl {
    /// Its name.
    pub name: Ident,
    /// Its text.
    pub text: StrLit,
    /// The whole item.
    pub span: Span,
}

/// A boolean expression.
#[derive(Debug, Clone)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it stands.
    pub span: Span,
}

/// The kinds of expression.
#[derive(Debug, Clone)]
pub enum ExprKind {
    /// `a or b`
    Or(Box<Expr>, Box<Expr>),
    /// `a and b`
    And(Box<Expr>, Box<Expr>),
    /// `not a`
    Not(Box<Expr>),
    /// `a OP b`
    Compare(Value, CmpOp, Value),
    /// `a is NAME`
    Is(Value, Ident),
    /// `a in [b, c]`
    In(Value, Vec<Value>),
    /// A value used as a condition.
    Value(Value),
}

/// Which end of the history `since` looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SinceWhich {
    /// `since last`
    Last,
    /// `since first`
    First,
}

/// `KIND(attr = value, …)`
#[derive(Debug, Clone)]
pub struct Filter {
    /// An event kind or group.
    pub kind: Ident,
    /// Attribute tests.
    pub tests: Vec<AttrTest>,
    /// Where it stands.
    pub span: Span,
}

/// `attr = value` inside a filter.
#[derive(Debug, Clone)]
pub struct AttrTest {
    /// The attribute.
    pub attr: Ident,
    /// Whether the test is `!=`.
    pub negated: bool,
    /// The value compared with.
    pub value: Value,
    /// Where it stands.
    pub span: Span,
}

/// What a `signal` condition names.
#[derive(Debug, Clone)]
pub enum SignalTarget {
    /// `signal NAME`
    Risk(Ident),
    /// `signal any [SEVERITY]`
    Any(Option<Ident>),
}

/// The state a `task` condition tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskState {
    /// `done`
    Done,
    /// `open`
    Open,
    /// `overdue`
    Overdue,
}

/// An operand.
#[derive(Debug, Clone)]
pub struct Value {
    /// What it is.
    pub kind: ValueKind,
    /// Where it stands.
    pub span: Span,
}

/// The kinds of operand.
#[derive(Debug, Clone)]
pub enum ValueKind {
    /// `3`, `2.5`, `-1`
    Number(f64),
    /// `80%` (stored as 0.8)
    Percent(f64),
    /// `2026-03-02`
    Date(chrono::NaiveDate),
    /// `14d`
    Duration(DurationLit),
    /// `"text"`
    Str(String),
    /// `true`, `false`
    Bool(bool),
    /// A bare name, resolved by what it is compared with.
    Name(Ident),
    /// `customer.FIELD`
    Field(Ident),
    /// `stage`
    Stage,
    /// `health`
    Health,
    /// `segment`
    Segment,
    /// `since last|first FILTER`
    Since(SinceWhich, Filter),
    /// `count FILTER [within D]`
    Count(Filter, Option<DurationLit>),
    /// `time_in_stage`
    TimeInStage,
    /// `overdue`
    Overdue,
    /// `signal NAME|any [SEV] [within D]`
    Signal(SignalTarget, Option<DurationLit>),
    /// `task "title" done|open|overdue`
    Task(StrLit, TaskState),
    /// `tagged NAME`
    Tagged(Ident),
    /// `mentions "text" [within D]`
    Mentions(StrLit, Option<DurationLit>),
}
