//! The instants after which a condition could change its value with no new
//! record: a `since … > D` threshold passed, a window closing on the record it
//! counted, a stage's `expect` or a task's due time passing.
//!
//! The replay asks for the earliest of them after every instant it derives. Each
//! operand's earliest crossing is kept in a [`Crossings`] slot and computed again
//! only when the state changed (a record applied, an action run, another health
//! state or segment) or the instant it named was reached: with the state fixed, the
//! set of crossings does not depend on the instant asking, so its least member
//! after `t0` is still the least after any `t` before it. Computing every operand at
//! every instant walked the customer's records once per instant, which made a
//! replay quadratic in its records.

use chrono::{DateTime, TimeDelta, Utc};

use super::cond::Ctx;
use crate::model::{CmpOp, Cond, Const, Duration, Operand, TaskState};

/// What the state looked like when the slots were filled: they hold while it is
/// the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StateMark {
    /// Bumped by the replay whenever it applies records or runs actions.
    pub revision: u64,
    /// Health and segment change without a record; an event filter may read them.
    pub health: Option<usize>,
    /// See `health`.
    pub segment: Option<usize>,
}

/// What one operand's slot holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// Not computed on this state.
    Unknown,
    /// Its earliest crossing after the instant it was computed at.
    At(DateTime<Utc>),
    /// None ahead while the state holds.
    Never,
}

/// Per operand that can cross (in the fixed order the flow's conditions are
/// walked), its slot.
#[derive(Debug, Default)]
pub struct Crossings {
    mark: StateMark,
    slots: Vec<Slot>,
    cursor: usize,
}

impl Crossings {
    /// Starts a walk of the flow's conditions; forgets every slot when the state
    /// is not the one they were computed on.
    pub fn begin(&mut self, mark: StateMark) {
        if mark != self.mark {
            self.mark = mark;
            self.slots.fill(Slot::Unknown);
        }
        self.cursor = 0;
    }

    fn slot(&mut self) -> &mut Slot {
        let i = self.cursor;
        self.cursor += 1;
        if i >= self.slots.len() {
            self.slots.resize(i + 1, Slot::Unknown);
        }
        &mut self.slots[i]
    }
}

/// Whether an operand can change with no new record (the ones `operand_crossing`
/// knows; `since` and `time_in_stage` against a duration): the others take no slot.
fn can_cross(op: &Operand, against: Option<(CmpOp, Duration)>) -> bool {
    matches!(
        (op, against),
        (Operand::Since(..) | Operand::TimeInStage, Some(_))
    ) || matches!(
        op,
        Operand::Overdue
            | Operand::Count(_, Some(_))
            | Operand::Signal(_, Some(_))
            | Operand::Mentions(_, Some(_))
            | Operand::Task(_, TaskState::Overdue)
    )
}

impl Ctx<'_, '_> {
    /// Lowers `best` to the earliest instant after `t` at which a condition could
    /// change with no new record, reusing what `memo` kept for each operand.
    pub fn next_crossing(&self, c: &Cond, memo: &mut Crossings, best: &mut Option<DateTime<Utc>>) {
        match c {
            Cond::Or(a, b) | Cond::And(a, b) => {
                self.next_crossing(a, memo, best);
                self.next_crossing(b, memo, best);
            }
            Cond::Not(a) => self.next_crossing(a, memo, best),
            Cond::Holds(op) => self.operand_next(op, None, memo, best),
            Cond::In(op, list, _) => {
                self.operand_next(op, None, memo, best);
                for o in list {
                    self.operand_next(o, None, memo, best);
                }
            }
            Cond::Compare(l, op, r, _) => {
                let d = |o: &Operand| match o {
                    Operand::Const(Const::Duration(d)) => Some(*d),
                    _ => None,
                };
                self.operand_next(l, d(r).map(|d| (*op, d)), memo, best);
                self.operand_next(r, d(l).map(|d| (op.flipped(), d)), memo, best);
            }
        }
    }

    /// One operand's earliest crossing after `t`: the one kept in its slot while
    /// that is still ahead (or there is none), else computed again and kept.
    fn operand_next(
        &self,
        op: &Operand,
        against: Option<(CmpOp, Duration)>,
        memo: &mut Crossings,
        best: &mut Option<DateTime<Utc>>,
    ) {
        if !can_cross(op, against) {
            return;
        }
        let slot = memo.slot();
        let next = match *slot {
            Slot::Never => None,
            Slot::At(kept) if kept > self.t => Some(kept),
            Slot::At(_) | Slot::Unknown => {
                let next = self.operand_crossing(op, against);
                *slot = next.map_or(Slot::Never, Slot::At);
                next
            }
        };
        if let Some(n) = next {
            *best = Some(best.map_or(n, |b| b.min(n)));
        }
    }

    /// The earliest instant after `t` at which one operand could change its value
    /// (compared as `operand OP duration` when `against` is given).
    fn operand_crossing(
        &self,
        op: &Operand,
        against: Option<(CmpOp, Duration)>,
    ) -> Option<DateTime<Utc>> {
        match op {
            Operand::Since(which, filter, _) => {
                let (cmp, d) = against?;
                let from = self
                    .since_event(*which, filter)
                    .map_or(self.state.history.customer.created_at, |e| e.at);
                self.reached(self.add(from, d)?, cmp)
            }
            Operand::TimeInStage => {
                let (cmp, d) = against?;
                self.reached(self.add(self.state.visit()?.entered_at, d)?, cmp)
            }
            Operand::Overdue => self.passed(self.overdue_at()?),
            Operand::Count(filter, Some(w)) => {
                let events = self.recent_events(Some(*w)).iter();
                let ats = events.filter(|e| self.matches(e, filter));
                self.earliest_closing(ats.map(|e| e.at), *w)
            }
            Operand::Signal(which, Some(w)) => {
                let open = self.window_start(*w);
                let ats = self.state.signals.iter();
                let ats = ats.filter(|s| s.at >= open && self.signal_counts(s, *which));
                self.earliest_closing(ats.map(|s| s.at), *w)
            }
            Operand::Mentions(_, Some(w)) => {
                let events = self.recent_events(Some(*w)).iter();
                self.earliest_closing(events.map(|e| e.at), *w)
            }
            Operand::Task(title, TaskState::Overdue) => {
                self.passed(self.state.latest_task(title, self.t)?.due_at?)
            }
            _ => None,
        }
    }

    /// When `elapsed OP d` changes, `limit` being the instant `d` has elapsed
    /// (`threshold` compares `t` with it): `>=` and `<` turn at `limit` itself,
    /// `>` and `<=` one second later (instants are whole seconds), `=` and `!=` at
    /// both. `None` when that is not after `t`.
    fn reached(&self, limit: DateTime<Utc>, cmp: CmpOp) -> Option<DateTime<Utc>> {
        let next = limit + TimeDelta::seconds(1);
        let turns: &[DateTime<Utc>] = match cmp {
            CmpOp::Ge | CmpOp::Lt => &[limit],
            CmpOp::Gt | CmpOp::Le => &[next],
            CmpOp::Eq | CmpOp::Ne => &[limit, next],
        };
        turns.iter().copied().find(|x| *x > self.t)
    }

    /// When something that holds up to `limit` and no longer after it (a record in
    /// a window ending then, `overdue` past a due time) changes: the second after.
    fn passed(&self, limit: DateTime<Utc>) -> Option<DateTime<Utc>> {
        Some(limit + TimeDelta::seconds(1)).filter(|x| *x > self.t)
    }

    /// The earliest instant after `t` at which a window of `w` closes on one of
    /// the instants `ats`: the second after `at + w`, the first at which the
    /// record no longer counts (`within` holds while `at + w >= t`).
    ///
    /// Only the earliest matters to the caller (the next instant to evaluate),
    /// and `add` never goes back as its start moves forward, so an instant no
    /// earlier than the one that gave the best so far cannot do better, and one
    /// no later than an instant whose window closed before `t` cannot count at
    /// all: in time order, one `add` decides, not one per record in the window.
    fn earliest_closing(
        &self,
        ats: impl Iterator<Item = DateTime<Utc>>,
        w: Duration,
    ) -> Option<DateTime<Utc>> {
        let mut best: Option<(DateTime<Utc>, DateTime<Utc>)> = None;
        let mut closed_by: Option<DateTime<Utc>> = None;
        for at in ats {
            if best.is_some_and(|(b, _)| at >= b) || closed_by.is_some_and(|c| at <= c) {
                continue;
            }
            let Some(end) = self.add(at, w) else {
                continue;
            };
            let Some(candidate) = self.passed(end) else {
                closed_by = Some(closed_by.map_or(at, |c| c.max(at)));
                continue;
            };
            if best.is_none_or(|(_, c)| candidate < c) {
                best = Some((at, candidate));
            }
        }
        best.map(|(_, c)| c)
    }
}
