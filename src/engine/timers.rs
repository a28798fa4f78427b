//! Escalation timers: an epoch starts when `when` becomes true (at that true
//! instant), ends when `until` holds (met) or `when` stops holding (cancelled);
//! `pause when` stops the clock and the deadlines move back by the paused time.
//! Each step fires once per epoch, at its due time, in order.

use std::cell::Cell;

use chrono::{DateTime, Utc};

use super::actions::Site;
use super::effects::{Effect, TimerView};
use super::replay::{Replay, add_on};
use crate::model::TaskState;
use crate::model::{Cond, Duration, Escalation, Flow, Operand, StepTiming};

/// The state of one epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerState {
    /// Counting.
    Running,
    /// `until` held; `late` when a step had already been due.
    Met {
        /// A step was due before `until` held.
        late: bool,
    },
    /// `when` stopped holding.
    Cancelled,
}

/// One epoch of an escalation's timer.
#[derive(Debug, Clone)]
pub struct Timer {
    /// Epoch number, from 1.
    pub epoch: u32,
    /// When `when` became true.
    pub started_at: DateTime<Utc>,
    /// Paused intervals; the last may be open.
    pub pauses: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)>,
    /// Running, met or cancelled.
    pub state: TimerState,
    /// When it was met or cancelled.
    pub ended_at: Option<DateTime<Utc>>,
    /// Per step, how many times it was due (fired, or skipped before the rules
    /// took over).
    pub fired: Vec<u32>,
    /// Steps due before the current rules took over: not fired.
    pub skipped: Vec<(String, DateTime<Utc>)>,
    /// The next step and deadline, computed once per change of `pauses` or `fired`.
    pub memo: Cell<Option<NextStep>>,
}

/// The next step (index, firing number) and its deadline, if any.
type NextStep = Option<((usize, u32), DateTime<Utc>)>;

impl Timer {
    /// The next unfired step (index and firing number) and its deadline, unless
    /// the clock is paused.
    pub fn next_step(&self, flow: &Flow, esc: &Escalation) -> NextStep {
        if let Some(next) = self.memo.get() {
            return next;
        }
        let next = self.compute_next(flow, esc);
        self.memo.set(Some(next));
        next
    }

    fn compute_next(&self, flow: &Flow, esc: &Escalation) -> Option<((usize, u32), DateTime<Utc>)> {
        if self.pauses.last().is_some_and(|p| p.1.is_none()) {
            return None;
        }
        let mut best: Option<((usize, u32), DateTime<Utc>)> = None;
        for (i, step) in esc.steps.iter().enumerate() {
            let n = self.fired[i] + 1;
            let offset = match step.timing {
                StepTiming::After(d) if n == 1 => d,
                StepTiming::Every { period, after, max } if n <= max => {
                    let k = i64::from(n);
                    Duration {
                        days: after.days.saturating_add(period.days.saturating_mul(n)),
                        seconds: after
                            .seconds
                            .saturating_add(period.seconds.saturating_mul(k)),
                        clock: after.clock,
                    }
                }
                _ => continue,
            };
            let Some(due) = self.deadline(flow, offset) else {
                continue;
            };
            if best.is_none_or(|(_, b)| due < b) {
                best = Some(((i, n), due));
            }
        }
        best
    }

    /// When the running clock reaches `offset` on unpaused time (LANGUAGE.md,
    /// `pause when`): the days first (a day-based deadline is the first unpaused
    /// working minute after the working time they span), then the hours; a zero
    /// offset that starts inside a pause is due at the resume. No step is due
    /// inside a pause.
    fn deadline(&self, flow: &Flow, offset: Duration) -> Option<DateTime<Utc>> {
        let closed: Vec<(DateTime<Utc>, DateTime<Utc>)> = self
            .pauses
            .iter()
            .filter_map(|(a, b)| b.map(|b| (*a, b)))
            .collect();
        let resumed = |t: DateTime<Utc>| {
            closed
                .iter()
                .find(|(a, b)| *a <= t && t < *b)
                .map_or(t, |(_, b)| *b)
        };
        match offset.clock.and_then(|c| flow.calendars.get(c.index())) {
            Some(def) => {
                let cal = &def.calendar;
                let start = if offset.days > 0 {
                    cal.add_working_days_paused(self.started_at, offset.days, &closed)?
                } else {
                    self.started_at
                };
                if offset.seconds == 0 {
                    return Some(resumed(start));
                }
                cal.add_working_paused(start, offset.seconds, &closed)
            }
            None => {
                let mut due = add_on(flow, self.started_at, offset)?;
                let mut sorted = closed;
                sorted.sort_unstable();
                for (a, b) in sorted {
                    let a = a.max(self.started_at);
                    if a < due && b > a {
                        due += b - a;
                    }
                }
                Some(due)
            }
        }
    }

    /// The view `explain` and the store show.
    pub fn view(&self, flow: &Flow, esc: &Escalation) -> TimerView {
        let next = if self.state == TimerState::Running {
            self.next_step(flow, esc)
                .map(|((i, n), due)| (step_label(esc, i, n), due))
        } else {
            None
        };
        TimerView {
            escalation: esc.name.clone(),
            epoch: self.epoch,
            started_at: self.started_at,
            pauses: self.pauses.clone(),
            state: match self.state {
                TimerState::Running => "running",
                TimerState::Met { late: false } => "met",
                TimerState::Met { late: true } => "met_late",
                TimerState::Cancelled => "cancelled",
            }
            .into(),
            ended_at: self.ended_at,
            next,
            skipped: self.skipped.clone(),
        }
    }
}

/// `after 48h`, `every 24h after 48h #2`.
pub fn step_label(esc: &Escalation, step: usize, n: u32) -> String {
    let s = &esc.steps[step];
    match s.timing {
        StepTiming::After(_) => s.label.clone(),
        StepTiming::Every { .. } => format!("{} #{n}", s.label),
    }
}

/// The title of the task an `until` names (`until task "…" done`).
fn until_task(c: &Cond) -> Option<&str> {
    match c {
        Cond::Holds(Operand::Task(title, TaskState::Done)) => Some(title),
        Cond::And(a, b) | Cond::Or(a, b) => until_task(a).or_else(|| until_task(b)),
        _ => None,
    }
}

impl Replay<'_, '_> {
    /// Advances every escalation's timer at instant `t`.
    pub(super) fn run_timers(&mut self, t: DateTime<Utc>) {
        let flow = self.engine.flow;
        for (i, esc) in flow.escalations.iter().enumerate() {
            let running = self.timers[i]
                .last()
                .is_some_and(|k| k.state == TimerState::Running);
            if running {
                self.fire_due(i, esc, t, false);
                let (until, when, pause) = {
                    let ctx = self.ctx(t);
                    (
                        esc.until.as_ref().is_some_and(|c| ctx.eval(c).0),
                        ctx.eval(&esc.when).0,
                        esc.pause.as_ref().is_some_and(|c| ctx.eval(c).0),
                    )
                };
                let timer = self.timers[i].last_mut().expect("running");
                if until {
                    timer.state = TimerState::Met {
                        late: timer.fired.iter().any(|n| *n > 0),
                    };
                    timer.ended_at = Some(t);
                    close_pause(timer, t);
                    continue;
                }
                if !when {
                    timer.state = TimerState::Cancelled;
                    timer.ended_at = Some(t);
                    close_pause(timer, t);
                    continue;
                }
                let open = timer.pauses.last().is_some_and(|p| p.1.is_none());
                if pause && !open {
                    timer.pauses.push((t, None));
                    timer.memo.set(None);
                } else if !pause && open {
                    close_pause(timer, t);
                }
                self.fire_due(i, esc, t, true);
            } else {
                let (when, until, pause) = {
                    let ctx = self.ctx(t);
                    let when = ctx.eval(&esc.when).0;
                    (
                        when,
                        when && esc.until.as_ref().is_some_and(|c| ctx.eval(c).0),
                        when && esc.pause.as_ref().is_some_and(|c| ctx.eval(c).0),
                    )
                };
                if !when || until {
                    continue;
                }
                let epoch = u32::try_from(self.timers[i].len()).unwrap_or(u32::MAX - 1) + 1;
                self.timers[i].push(Timer {
                    epoch,
                    started_at: t,
                    pauses: if pause { vec![(t, None)] } else { Vec::new() },
                    state: TimerState::Running,
                    ended_at: None,
                    fired: vec![0; esc.steps.len()],
                    skipped: Vec::new(),
                    memo: Cell::new(None),
                });
                self.fire_due(i, esc, t, true);
            }
        }
    }

    /// Fires, in order, every step due before `t` (or at `t` when `inclusive`).
    fn fire_due(
        &mut self,
        i: usize,
        esc: &crate::model::Escalation,
        t: DateTime<Utc>,
        inclusive: bool,
    ) {
        let flow = self.engine.flow;
        loop {
            let Some(timer) = self.timers[i].last() else {
                return;
            };
            let Some(((step, n), due)) = timer.next_step(flow, esc) else {
                return;
            };
            if due > t || (!inclusive && due == t) {
                return;
            }
            let epoch = timer.epoch;
            let label = step_label(esc, step, n);
            // Due before the current rules took over: skipped, never fired.
            let skip = self.state.history.rules.from.is_some_and(|f| due <= f);
            let timer = self.timers[i].last_mut().expect("exists");
            timer.fired[step] = n;
            timer.memo.set(None);
            if skip {
                timer.skipped.push((label, due));
                continue;
            }
            let origin = format!(
                "{}/esc/{}/{epoch}/{label}",
                self.state.history.customer.id, esc.name
            );
            self.effects.push(Effect::EscalationStep {
                key: origin.clone(),
                escalation: esc.name.clone(),
                epoch,
                step: label,
                due_at: due,
            });
            let site = Site {
                origin,
                at: due,
                subject: esc.label.clone(),
                clock: esc.clock,
                escalation: Some((&esc.name, &esc.label)),
                until_task: esc.until.as_ref().and_then(until_task),
            };
            self.run_actions(&esc.steps[step].actions, &site);
        }
    }
}

fn close_pause(timer: &mut Timer, t: DateTime<Utc>) {
    if let Some(p) = timer.pauses.last_mut().filter(|p| p.1.is_none()) {
        p.1 = Some(t);
        timer.memo.set(None);
    }
}
