//! Evaluating checked conditions on the replayed state at an instant: the truth
//! value and the witness events that made it true. The instants after which a
//! value could change with no new record are [`super::crossings`].

use chrono::{DateTime, TimeDelta, Utc};

use super::records::{Event, FieldValue};
use super::state::{SignalRec, State};
use crate::model::{
    BuiltinField, CalendarId, CmpOp, Cond, Const, Duration, EventFilter, FieldRef, Flow, Operand,
    SignalWhich, SinceWhich, TaskState, Type,
};
use crate::text::normalize;

/// A runtime value.
#[derive(Debug, Clone, PartialEq)]
enum Val {
    Num(f64),
    /// Money: exact.
    Dec(rust_decimal::Decimal),
    /// Seconds; `None` is infinitely long (`since` with no matching event).
    Dur(Option<i64>),
    Text(String),
    Bool(bool),
    /// Stage, state and segment indices (`None`: the customer has none).
    Index(Option<usize>),
    Time(DateTime<Utc>),
    Date(chrono::NaiveDate),
    Missing,
}

/// What made a condition true.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Witness {
    /// Witness event ids.
    pub events: Vec<i64>,
    /// For a time-only condition, the time elapsed since the witness.
    pub elapsed: Option<i64>,
}

impl Witness {
    fn merge(&mut self, other: Witness) {
        for e in other.events {
            if !self.events.contains(&e) {
                self.events.push(e);
            }
        }
        self.elapsed = self.elapsed.or(other.elapsed);
    }
}

/// What conditions are evaluated against.
pub struct Ctx<'a, 'h> {
    /// The flow.
    pub flow: &'a Flow,
    /// The replayed state.
    pub state: &'a State<'h>,
    /// The instant.
    pub t: DateTime<Utc>,
}

impl<'a, 'h> Ctx<'a, 'h> {
    /// Adds a duration on its clock (wall-clock when it has none).
    pub fn add(&self, from: DateTime<Utc>, d: Duration) -> Option<DateTime<Utc>> {
        add(self.flow, from, d)
    }

    /// Evaluates a condition: its value and, when true, its witness.
    pub fn eval(&self, c: &Cond) -> (bool, Witness) {
        match c {
            Cond::Or(a, b) => {
                let (va, wa) = self.eval(a);
                if va {
                    return (true, wa);
                }
                self.eval(b)
            }
            Cond::And(a, b) => {
                let (va, mut wa) = self.eval(a);
                if !va {
                    return (false, Witness::default());
                }
                let (vb, wb) = self.eval(b);
                wa.merge(wb);
                (vb, if vb { wa } else { Witness::default() })
            }
            Cond::Not(a) => (!self.eval(a).0, Witness::default()),
            Cond::Holds(op) => {
                let (v, w) = self.operand(op);
                (v == Val::Bool(true), w)
            }
            Cond::In(lhs, list, _) => {
                let (v, w) = self.operand(lhs);
                let hit = list
                    .iter()
                    .any(|o| compare(&v, CmpOp::Eq, &self.operand(o).0));
                (hit, if hit { w } else { Witness::default() })
            }
            Cond::Compare(l, op, r, _) => {
                if let Some(result) = self.threshold(l, *op, r) {
                    return result;
                }
                let ((lv, mut lw), (rv, rw)) = (self.operand(l), self.operand(r));
                let hit = compare(&lv, *op, &rv);
                lw.merge(rw);
                (hit, if hit { lw } else { Witness::default() })
            }
        }
    }

    /// `since … OP D` and `time_in_stage OP D` compare instants, so a duration on a
    /// calendar clock (working days included) is exact.
    fn threshold(&self, l: &Operand, op: CmpOp, r: &Operand) -> Option<(bool, Witness)> {
        let (anchor_op, d, op) = match (l, r) {
            (a, Operand::Const(Const::Duration(d))) => (a, *d, op),
            (Operand::Const(Const::Duration(d)), a) => (a, *d, op.flipped()),
            _ => return None,
        };
        let (anchor, witness) = match anchor_op {
            // With no matching event, `since` counts from the customer's creation
            // (the witness is then the creation record: no event).
            Operand::Since(which, filter, _) => match self.since_event(*which, filter) {
                Some(e) => (Some(e.at), vec![e.id]),
                None => (Some(self.state.history.customer.created_at), Vec::new()),
            },
            Operand::TimeInStage => {
                let v = self.state.visit();
                (
                    v.map(|v| v.entered_at),
                    v.map(|v| vec![v.event]).unwrap_or_default(),
                )
            }
            _ => return None,
        };
        let hit = match anchor {
            // Infinitely long: greater than any duration.
            None => matches!(op, CmpOp::Gt | CmpOp::Ge | CmpOp::Ne),
            Some(a) => {
                let Some(limit) = self.add(a, d) else {
                    return Some((false, Witness::default()));
                };
                match op {
                    CmpOp::Gt => self.t > limit,
                    CmpOp::Ge => self.t >= limit,
                    CmpOp::Lt => self.t < limit,
                    CmpOp::Le => self.t <= limit,
                    CmpOp::Eq => self.t == limit,
                    CmpOp::Ne => self.t != limit,
                }
            }
        };
        let elapsed = anchor.map(|a| (self.t - a).num_seconds());
        Some((
            hit,
            if hit {
                Witness {
                    events: witness,
                    elapsed,
                }
            } else {
                Witness::default()
            },
        ))
    }

    pub(super) fn since_event(&self, which: SinceWhich, filter: &EventFilter) -> Option<&Event> {
        let mut matching = self
            .state
            .events()
            .iter()
            .copied()
            .filter(|e| self.matches(e, filter));
        match which {
            SinceWhich::Last => matching.next_back(),
            SinceWhich::First => matching.next(),
        }
    }

    /// Whether a signal counts in `signal WHICH …`: one of that risk (or of any
    /// risk, of that severity) not judged false.
    pub(super) fn signal_counts(&self, s: &SignalRec, which: SignalWhich) -> bool {
        s.counts()
            && match which {
                SignalWhich::Risk(r) => s.risk == r.index(),
                SignalWhich::Any(None) => true,
                SignalWhich::Any(Some(sev)) => self.flow.risks[s.risk].severity == sev,
            }
    }

    /// Whether an event passes a filter.
    pub fn matches(&self, e: &Event, filter: &EventFilter) -> bool {
        // Kind names are unique, so comparing with the filter's few kinds is enough.
        if !filter
            .kinds
            .iter()
            .any(|k| self.flow.event_kinds[k.index()] == e.kind)
        {
            return false;
        }
        filter.tests.iter().all(|(attr, negated, value)| {
            let got = e.attr(attr);
            // A text constant (`role = decision_maker`) is compared as it is,
            // without making a value of it for every event.
            let equal = match value {
                Operand::Const(Const::Text(want)) => got == Some(want.as_str()),
                _ => {
                    let want = match self.operand(value).0 {
                        Val::Text(s) => s,
                        Val::Num(n) => n.to_string(),
                        Val::Bool(b) => b.to_string(),
                        _ => return *negated,
                    };
                    got == Some(want.as_str())
                }
            };
            equal != *negated
        })
    }

    /// The earliest instant whose window can still be open at `t`, so older records
    /// are skipped without arithmetic. Working time elapses no faster than wall
    /// time, so for a calendar window nothing is skipped.
    pub(super) fn window_start(&self, w: Duration) -> DateTime<Utc> {
        if w.clock.is_some() {
            return DateTime::<Utc>::MIN_UTC;
        }
        let wall = TimeDelta::seconds(w.seconds.saturating_add(i64::from(w.days) * 86_400));
        self.t
            .checked_sub_signed(wall)
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    }

    /// Whether an instant lies within a window back from now: `at <= t` and
    /// `at + window >= t`. A wall-clock window is one comparison with its start,
    /// computed once per test rather than once per record.
    fn within(&self, window: Option<Duration>) -> impl Fn(DateTime<Utc>) -> bool + '_ {
        let open = window
            .filter(|w| w.clock.is_none())
            .map(|w| self.window_start(w));
        move |at| {
            at <= self.t
                && match (window, open) {
                    (None, _) => true,
                    (Some(_), Some(open)) => at >= open,
                    (Some(w), None) => self.add(at, w).is_some_and(|end| end >= self.t),
                }
        }
    }

    /// The known events that can lie within a window back from `t`: for a
    /// wall-clock window those from its start on (known events are in time order,
    /// so the rest are skipped without a look); every one for a calendar window.
    pub(super) fn recent_events(&self, window: Option<Duration>) -> &'a [&'h Event] {
        let events = self.state.events();
        match window {
            Some(w) => {
                let open = self.window_start(w);
                &events[events.partition_point(|e| e.at < open)..]
            }
            None => events,
        }
    }

    fn operand(&self, op: &Operand) -> (Val, Witness) {
        let none = Witness::default;
        let st = self.state;
        match op {
            Operand::Const(c) => (constant(c), none()),
            Operand::Field(f) => self.field(*f),
            Operand::Stage => (Val::Index(self.stage()), self.visit_witness()),
            Operand::Health => (Val::Index(st.health.as_ref().map(|h| h.0)), none()),
            Operand::Segment => (Val::Index(st.segment), none()),
            Operand::Since(which, filter, clock) => {
                let e = self.since_event(*which, filter);
                let from = e.map_or(st.history.customer.created_at, |e| e.at);
                let secs = elapsed(self.flow, *clock, from, self.t);
                (
                    Val::Dur(Some(secs)),
                    Witness {
                        events: e.map(|e| e.id).into_iter().collect(),
                        elapsed: Some(secs),
                    },
                )
            }
            Operand::Count(filter, window) => {
                let within = self.within(*window);
                let ids: Vec<i64> = self
                    .recent_events(*window)
                    .iter()
                    .filter(|e| self.matches(e, filter) && within(e.at))
                    .map(|e| e.id)
                    .collect();
                #[expect(
                    clippy::cast_precision_loss,
                    reason = "event counts are far below 2^52"
                )]
                let n = ids.len() as f64;
                (
                    Val::Num(n),
                    Witness {
                        events: ids,
                        elapsed: None,
                    },
                )
            }
            Operand::TimeInStage => match st.visit() {
                None => (Val::Dur(Some(0)), none()),
                Some(v) => (
                    Val::Dur(Some((self.t - v.entered_at).num_seconds())),
                    self.visit_witness(),
                ),
            },
            Operand::Overdue => {
                let over = self.overdue_at().is_some_and(|limit| self.t > limit);
                (
                    Val::Bool(over),
                    if over { self.visit_witness() } else { none() },
                )
            }
            Operand::Signal(which, window) => {
                let within = self.within(*window);
                let mut ids: Vec<i64> = st
                    .signals
                    .iter()
                    .filter(|s| self.signal_counts(s, *which) && within(s.at))
                    .map(|s| s.event)
                    .collect();
                // Two keywords in one event are one witness.
                ids.dedup();
                (
                    Val::Bool(!ids.is_empty()),
                    Witness {
                        events: ids,
                        elapsed: None,
                    },
                )
            }
            // The latest task so titled (the one created last) decides.
            Operand::Task(title, want) => {
                let hit = st.latest_task(title, self.t).filter(|task| match want {
                    TaskState::Done => task.done.is_some(),
                    TaskState::Open => task.open(),
                    TaskState::Overdue => task.open() && task.due_at.is_some_and(|d| self.t > d),
                });
                let w = Witness {
                    events: hit.and_then(|k| k.done).map(|d| d.1).into_iter().collect(),
                    elapsed: None,
                };
                (Val::Bool(hit.is_some()), w)
            }
            Operand::Tagged(tag) => (Val::Bool(st.tags.contains(&tag.index())), none()),
            Operand::Mentions(text, window) => {
                let needle = normalize(text);
                let within = self.within(*window);
                let hit =
                    self.recent_events(*window).iter().rev().copied().find(|e| {
                        within(e.at) && e.texts().any(|x| normalize(x).contains(&needle))
                    });
                (
                    Val::Bool(hit.is_some()),
                    Witness {
                        events: hit.map(|e| e.id).into_iter().collect(),
                        elapsed: None,
                    },
                )
            }
        }
    }

    fn stage(&self) -> Option<usize> {
        self.state
            .visit()
            .and_then(|v| self.flow.stages.iter().position(|s| s.name == v.stage))
    }

    fn visit_witness(&self) -> Witness {
        Witness {
            events: self
                .state
                .visit()
                .map(|v| vec![v.event])
                .unwrap_or_default(),
            elapsed: None,
        }
    }

    /// When the current visit becomes overdue (its `expect` passes).
    pub(super) fn overdue_at(&self) -> Option<DateTime<Utc>> {
        let visit = self.state.visit()?;
        let expect = self.flow.stages.get(self.stage()?)?.expect?;
        self.add(visit.entered_at, expect)
    }

    fn field(&self, f: FieldRef) -> (Val, Witness) {
        let c = &self.state.history.customer;
        match f {
            FieldRef::Builtin(b) => {
                let v = match b {
                    BuiltinField::Id => Val::Text(c.id.clone()),
                    BuiltinField::Name => Val::Text(c.name.clone()),
                    BuiltinField::Owner => Val::Text(c.owner.clone()),
                    BuiltinField::Stage => Val::Index(self.stage()),
                    BuiltinField::Health => Val::Index(self.state.health.as_ref().map(|h| h.0)),
                    BuiltinField::Segment => Val::Index(self.state.segment),
                    BuiltinField::CreatedAt => Val::Time(c.created_at),
                };
                (v, Witness::default())
            }
            FieldRef::Declared(id) => {
                let def = &self.flow.fields[id.index()];
                let witness = Witness {
                    events: self
                        .state
                        .field_events
                        .get(&def.name)
                        .copied()
                        .into_iter()
                        .collect(),
                    elapsed: None,
                };
                let v = match self.state.fields.get(&def.name) {
                    None => Val::Missing,
                    Some(v) if def.ty.value_type() == Type::Money => {
                        crate::money::of(v).map_or(Val::Missing, Val::Dec)
                    }
                    Some(FieldValue::Bool(b)) => Val::Bool(*b),
                    Some(FieldValue::Number(n)) => Val::Num(*n),
                    Some(FieldValue::Text(s)) => match def.ty.value_type() {
                        Type::Number => s.trim().parse().map_or(Val::Missing, Val::Num),
                        Type::Bool => Val::Bool(s == "true"),
                        // Stored as `2026-03-02` and RFC 3339; unreadable is unset.
                        Type::Date => s
                            .get(..10)
                            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                            .map_or(Val::Missing, Val::Date),
                        Type::Time => DateTime::parse_from_rfc3339(s.trim())
                            .map_or(Val::Missing, |t| Val::Time(t.with_timezone(&Utc))),
                        _ => Val::Text(s.clone()),
                    },
                };
                (v, witness)
            }
        }
    }
}

/// Adds a duration on its clock (wall-clock when it has none).
pub fn add(flow: &Flow, from: DateTime<Utc>, d: Duration) -> Option<DateTime<Utc>> {
    match d.clock {
        None => from.checked_add_signed(TimeDelta::seconds(d.seconds + i64::from(d.days) * 86_400)),
        Some(c) => {
            let cal = &flow.calendars.get(c.index())?.calendar;
            cal.add(
                from,
                crate::calendar::WorkDuration {
                    days: d.days,
                    seconds: d.seconds,
                },
            )
        }
    }
}

/// Time between two instants on a clock, in seconds.
fn elapsed(flow: &Flow, clock: Option<CalendarId>, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    match clock.and_then(|c| flow.calendars.get(c.index())) {
        Some(def) => def.calendar.between(from, to),
        None => (to - from).num_seconds(),
    }
}

fn constant(c: &Const) -> Val {
    match c {
        Const::Number(n) | Const::Percent(n) => Val::Num(*n),
        Const::Duration(d) => Val::Dur(Some(d.seconds + i64::from(d.days) * 86_400)),
        Const::Text(s) => Val::Text(s.clone()),
        Const::Bool(b) => Val::Bool(*b),
        Const::Stage(i) => Val::Index(Some(i.index())),
        Const::State(i) => Val::Index(Some(i.index())),
        Const::Segment(i) => Val::Index(Some(i.index())),
        Const::Date(d) => Val::Date(*d),
        Const::Time(t) => Val::Time(*t),
    }
}

fn compare(l: &Val, op: CmpOp, r: &Val) -> bool {
    use std::cmp::Ordering;
    let ord = match (l, r) {
        (Val::Num(a), Val::Num(b)) => a.partial_cmp(b),
        (Val::Dec(a), Val::Dec(b)) => Some(a.cmp(b)),
        // A number literal compared with money: the literal as written, exactly.
        (Val::Dec(a), Val::Num(b)) => crate::money::from_f64(*b).map(|b| a.cmp(&b)),
        (Val::Num(a), Val::Dec(b)) => crate::money::from_f64(*a).map(|a| a.cmp(b)),
        (Val::Dur(a), Val::Dur(b)) => Some(match (a, b) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (Some(a), Some(b)) => a.cmp(b),
        }),
        (Val::Text(a), Val::Text(b)) => Some(a.cmp(b)),
        (Val::Bool(a), Val::Bool(b)) => Some(a.cmp(b)),
        (Val::Index(Some(a)), Val::Index(Some(b))) => Some(a.cmp(b)),
        (Val::Time(a), Val::Time(b)) => Some(a.cmp(b)),
        (Val::Date(a), Val::Date(b)) => Some(a.cmp(b)),
        _ => None,
    };
    ord.is_some_and(|ord| op.holds(ord))
}

impl Ctx<'_, '_> {
    /// An operand's actual value, as `explain` prints it.
    pub fn describe(&self, op: &Operand) -> String {
        let flow = self.flow;
        match self.operand(op).0 {
            Val::Num(n) => crate::timefmt::format_number(n),
            Val::Dec(d) => crate::money::text(d),
            Val::Dur(None) => crate::t!("explain-value-never"),
            Val::Dur(Some(s)) => {
                let shown = match op {
                    Operand::Since(_, _, Some(_)) => {
                        crate::t!(
                            "explain-value-working",
                            duration = crate::timefmt::format_working(s)
                        )
                    }
                    _ => crate::timefmt::format_seconds(s),
                };
                match op {
                    Operand::Since(which, filter, _)
                        if self.since_event(*which, filter).is_none() =>
                    {
                        crate::t!("explain-value-no-event", duration = shown)
                    }
                    _ => shown,
                }
            }
            Val::Text(t) => format!("\"{t}\""),
            Val::Bool(b) => b.to_string(),
            Val::Index(None) => crate::t!("explain-value-none"),
            Val::Index(Some(i)) => match op {
                Operand::Health | Operand::Field(FieldRef::Builtin(BuiltinField::Health)) => {
                    flow.health[i].name.clone()
                }
                Operand::Segment | Operand::Field(FieldRef::Builtin(BuiltinField::Segment)) => {
                    flow.segments[i].name.clone()
                }
                _ => flow.stages[i].name.clone(),
            },
            Val::Time(t) => crate::timefmt::format_instant(t, flow.timezone),
            Val::Date(d) => d.to_string(),
            Val::Missing => crate::t!("explain-value-not-set"),
        }
    }
}

/// What the store keeps of a customer's latest evaluation, by name: its stage,
/// health state, segment and tags (`list --where` without a replay).
#[derive(Debug, Clone, Copy)]
pub struct Stored<'a> {
    /// The stage.
    pub stage: Option<&'a str>,
    /// The health state.
    pub health: Option<&'a str>,
    /// The segment.
    pub segment: Option<&'a str>,
    /// The tags.
    pub tags: &'a [String],
}

/// The condition's value on the stored columns when they decide it: `Some` when
/// every part it needs is a stage, health, segment or tag test (or an `and` with a
/// stored part that is false, an `or` with one that is true); `None` when it needs
/// the history (a replay). A stored name the flow no longer has is undecided.
pub fn decide_stored(flow: &Flow, cond: &Cond, s: &Stored<'_>) -> Option<bool> {
    match cond {
        Cond::And(a, b) => match (decide_stored(flow, a, s), decide_stored(flow, b, s)) {
            (Some(false), _) | (_, Some(false)) => Some(false),
            (Some(true), Some(true)) => Some(true),
            _ => None,
        },
        Cond::Or(a, b) => match (decide_stored(flow, a, s), decide_stored(flow, b, s)) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (Some(false), Some(false)) => Some(false),
            _ => None,
        },
        Cond::Not(a) => decide_stored(flow, a, s).map(|v| !v),
        Cond::Holds(op) => Some(stored_operand(flow, op, s)? == Val::Bool(true)),
        Cond::In(lhs, list, _) => {
            let v = stored_operand(flow, lhs, s)?;
            let list = list
                .iter()
                .map(|o| stored_operand(flow, o, s))
                .collect::<Option<Vec<_>>>()?;
            Some(list.iter().any(|o| compare(&v, CmpOp::Eq, o)))
        }
        Cond::Compare(l, op, r, _) => {
            let (l, r) = (stored_operand(flow, l, s)?, stored_operand(flow, r, s)?);
            Some(compare(&l, *op, &r))
        }
    }
}

/// An operand's value from the stored columns, as [`Ctx::operand`] gives it on
/// the replayed state; `None` for an operand that needs the history.
fn stored_operand(flow: &Flow, op: &Operand, s: &Stored<'_>) -> Option<Val> {
    fn index<T>(all: &[T], name: Option<&str>, of: impl Fn(&T) -> &str) -> Option<Val> {
        match name {
            None => Some(Val::Index(None)),
            Some(n) => all
                .iter()
                .position(|x| of(x) == n)
                .map(|i| Val::Index(Some(i))),
        }
    }
    match op {
        Operand::Const(c @ (Const::Stage(_) | Const::State(_) | Const::Segment(_))) => {
            Some(constant(c))
        }
        Operand::Stage => index(&flow.stages, s.stage, |x| x.name.as_str()),
        Operand::Health => index(&flow.health, s.health, |x| x.name.as_str()),
        Operand::Segment => index(&flow.segments, s.segment, |x| x.name.as_str()),
        Operand::Tagged(tag) => {
            let name = &flow.tags.get(tag.index())?.name;
            Some(Val::Bool(s.tags.contains(name)))
        }
        _ => None,
    }
}
