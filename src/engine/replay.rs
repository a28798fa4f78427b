//! The replay: from the customer's creation to `now`, one instant of interest after
//! the other (a record's counted time, a threshold crossing, a timer deadline). At
//! each instant the records counted then are applied, then tags, health, segment
//! and escalation timers are derived, in that order.
//!
//! An instant has two phases. Phase 0 applies the records that were known in time
//! (`known_at` before `at`); phase 1, only when there are any, applies the *late*
//! records counted at that instant (recorded after an apply had already evaluated
//! it) and derives again, so a late record acts after the effects already applied
//! at its counted time, and nothing applied is derived again under another key.
//!
//! Two gates decide which derivations become effects (PRODUCT.md, "Rules change from
//! the moment they are applied"): actions (blocks, steps, signals, tasks, messages)
//! are derived only after the current rules' `from`; state changes (health,
//! segment, tags) are shown from the rules' `switch` on, measured against the
//! baseline that was applied when they took over.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::Engine;
use super::actions::Site;
use super::cond::{Ctx, Witness, add};
use super::crossings::{Crossings, StateMark};
use super::effects::{Effect, Evaluation, Evidence, SignalView, TaskView, signal_key};
use super::records::{CustomerHistory, Event, FieldValue};
use super::state::{Acted, SignalRec, State, TaskRec};
use super::timers::{Timer, TimerState};
use crate::model::{FieldRef, Trigger};
use crate::text::normalize;

/// More instants than any real history has; a guard against a runaway replay.
const MAX_STEPS: usize = 200_000;

/// How many instants after `now` the wake-up probe looks at for one that changes
/// something; past them it wakes at the last one looked at (early, never late).
const PROBE_STEPS: usize = 64;

/// What has been shown as effects: the state as applied, which the rules' first
/// state changes are measured against.
#[derive(Debug, Default)]
struct Shown {
    health: Option<String>,
    segment: Option<String>,
    tags: BTreeSet<String>,
    /// `tags` were compared with the state's since the state's last changed.
    tags_current: bool,
}

/// One customer's replay in progress.
pub struct Replay<'e, 'h> {
    pub(super) engine: &'e Engine<'e>,
    pub(super) state: State<'h>,
    pub(super) effects: Vec<Effect>,
    pub(super) errors: Vec<String>,
    /// Per escalation, its timers (one per epoch).
    pub(super) timers: Vec<Vec<Timer>>,
    /// Events in the order they are applied: (counted, late, at, id).
    order: Vec<&'h Event>,
    next_event: usize,
    /// Recorded tasks in the order they appear.
    task_order: Vec<usize>,
    next_task: usize,
    /// The instant being derived and its phase (1: late records).
    pub(super) t: DateTime<Utc>,
    pub(super) phase: u8,
    shown: Shown,
    /// Bumped whenever records are applied or actions run: what the conditions'
    /// crossings depend on besides health and segment.
    pub(super) revision: u64,
    /// Each condition operand's next crossing, kept while the state holds.
    crossings: Crossings,
}

impl<'e, 'h> Replay<'e, 'h> {
    /// A replay of `history` with nothing applied yet.
    pub fn new(engine: &'e Engine<'e>, history: &'h CustomerHistory) -> Self {
        let mut order: Vec<&Event> = history.events.iter().collect();
        order.sort_by_key(|e| (e.counted(), e.late(), e.at, e.id));
        let mut task_order: Vec<usize> = (0..history.tasks.len()).collect();
        task_order.sort_by_key(|&i| {
            let k = &history.tasks[i];
            (k.counted(), k.late(), k.created_at, i)
        });
        let baseline = &history.rules.baseline;
        let shown = if history.rules.from.is_some() {
            Shown {
                health: baseline.health.clone(),
                segment: baseline.segment.clone(),
                tags: baseline.tags.iter().cloned().collect(),
                tags_current: false,
            }
        } else {
            Shown::default()
        };
        Self {
            engine,
            state: State::new(history),
            effects: Vec::new(),
            errors: Vec::new(),
            timers: vec![Vec::new(); engine.flow.escalations.len()],
            order,
            next_event: 0,
            task_order,
            next_task: 0,
            t: history.customer.created_at,
            phase: 0,
            shown,
            revision: 0,
            crossings: Crossings::default(),
        }
    }

    pub(super) fn ctx(&self, t: DateTime<Utc>) -> Ctx<'_, 'h> {
        Ctx {
            flow: self.engine.flow,
            state: &self.state,
            t,
        }
    }

    fn cid(&self) -> &'h str {
        &self.state.history.customer.id
    }

    /// The key part naming the instant and phase being derived.
    pub(super) fn stamp(&self) -> String {
        match self.phase {
            0 => self.t.timestamp().to_string(),
            p => format!("{}.{p}", self.t.timestamp()),
        }
    }

    /// Whether actions derived now become effects: after the current rules' `from`.
    pub(super) fn acting(&self) -> bool {
        self.state
            .history
            .rules
            .from
            .is_none_or(|f| self.t > f || (self.t == f && self.phase > 0))
    }

    /// Whether state changes derived now are shown: from the rules' `switch` on.
    fn showing(&self) -> bool {
        let rules = &self.state.history.rules;
        match rules.switch.or(rules.from) {
            None => true,
            Some(s) => self.t >= s,
        }
    }

    /// Whether something asked for at `at` is suppressed: before the customer went live.
    pub(super) fn suppressed(&self, at: DateTime<Utc>) -> bool {
        self.state.history.live_from.is_some_and(|l| at < l)
    }

    /// Runs the replay up to `now`, then looks ahead for the wake-up time.
    pub fn run(mut self, now: DateTime<Utc>) -> Evaluation {
        let next = self.advance(now);
        let mut eval = self.snapshot(now);
        eval.next_wake = next.and_then(|t| self.probe(t));
        eval
    }

    /// The earliest instant from `t` on at which, with no new record, the result
    /// changes: an effect, or a new health state, segment or tag set. Candidate
    /// instants (threshold crossings, windows closing, deadlines) that change
    /// nothing are stepped over, so `apply` visits a customer only when there is
    /// something to do.
    fn probe(&mut self, mut t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        for _ in 0..PROBE_STEPS {
            let before = (
                self.effects.len(),
                self.state.health.as_ref().map(|h| h.0),
                self.state.segment,
                self.state.tags.clone(),
            );
            self.step(t);
            let after = (
                self.effects.len(),
                self.state.health.as_ref().map(|h| h.0),
                self.state.segment,
                self.state.tags.clone(),
            );
            if before != after {
                return Some(t);
            }
            t = self.next_instant(t)?;
        }
        Some(t)
    }

    /// Replays every instant up to `now`; returns the next instant of interest.
    pub(super) fn advance(&mut self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let history = self.state.history;
        let mut t = history.customer.created_at;
        if let Some(e) = self.order.first() {
            t = t.min(e.counted());
        }
        if let Some(&i) = self.task_order.first() {
            t = t.min(history.tasks[i].counted());
        }
        if t > now {
            return Some(t);
        }
        for _ in 0..MAX_STEPS {
            self.step(t);
            match self.next_instant(t) {
                Some(n) if n <= now => t = n,
                other => return other,
            }
        }
        self.errors.push(format!(
            "{}: replay stopped after {MAX_STEPS} instants",
            self.cid()
        ));
        None
    }

    /// One instant: the records known in time, then the late ones.
    fn step(&mut self, t: DateTime<Utc>) {
        self.t = t;
        self.phase = 0;
        self.apply_records(t, false);
        self.derive(t);
        if self.late_at(t) {
            self.phase = 1;
            self.apply_records(t, true);
            self.derive(t);
        }
    }

    /// Whether late records are counted at `t`.
    fn late_at(&self, t: DateTime<Utc>) -> bool {
        let history = self.state.history;
        self.order[self.next_event..]
            .iter()
            .take_while(|e| e.counted() == t)
            .any(|e| e.late())
            || self.task_order[self.next_task..]
                .iter()
                .map(|&i| &history.tasks[i])
                .take_while(|k| k.counted() == t)
                .any(super::records::RecordedTask::late)
    }

    /// Applies the records (tasks, then events) counted at `t` that are late or not.
    fn apply_records(&mut self, t: DateTime<Utc>, late: bool) {
        let history = self.state.history;
        while let Some(&i) = self.task_order.get(self.next_task) {
            let k = &history.tasks[i];
            if k.counted() != t || k.late() != late {
                break;
            }
            self.next_task += 1;
            self.revision += 1;
            self.state.tasks.push(TaskRec {
                key: k.key.clone(),
                title: k.title.clone(),
                assignee: k.assignee.clone(),
                created_at: k.created_at,
                visible_at: t,
                due_at: k.due_at,
                done: None,
                suppressed: false,
            });
            self.close_pending_done();
        }
        let mut moved = false;
        while let Some(&e) = self.order.get(self.next_event) {
            if e.counted() != t || e.late() != late {
                break;
            }
            self.next_event += 1;
            self.revision += 1;
            self.state.learn(e);
            match e.kind.as_str() {
                "stage_change" if e.attrs.contains_key("stage") => {
                    self.state.rebuild_visits();
                    moved = true;
                }
                "field_change" => {
                    if let (Some(f), Some(v)) = (e.attrs.get("field"), e.attrs.get("value")) {
                        self.state
                            .fields
                            .insert(f.clone(), FieldValue::Text(v.clone()));
                        self.state.field_events.insert(f.clone(), e.id);
                        self.state.tags_stale = true;
                    }
                }
                "task_done" => self.task_done(e),
                "verdict" => self.judge(e, t),
                _ => {}
            }
            self.match_risks(e);
        }
        // Once all the moves known together are in: a visit that had already
        // ended when it became known runs no actions.
        if moved {
            self.act_on_stage(t);
        }
    }

    /// Closes the task a `task_done` event names: by key (held until the replay
    /// creates that task), else by title (the latest open task so titled).
    fn task_done(&mut self, e: &'h Event) {
        if let Some(key) = e.attrs.get("task") {
            if let Some(task) = self.state.tasks.iter_mut().find(|k| &k.key == key) {
                close(task, e);
            } else {
                self.state.pending_done.push(e);
            }
            return;
        }
        let title = e.attrs.get("title").or(e.text.as_ref());
        let Some(title) = title.map(|t| t.trim()) else {
            return;
        };
        let latest = self
            .state
            .tasks
            .iter_mut()
            .filter(|k| k.title == title && k.open())
            .max_by_key(|k| k.created_at);
        if let Some(task) = latest {
            close(task, e);
        }
    }

    /// Applies held `task_done` events to the task just added (the last one).
    pub(super) fn close_pending_done(&mut self) {
        let Some(task) = self.state.tasks.last_mut() else {
            return;
        };
        if let Some(i) = self
            .state
            .pending_done
            .iter()
            .position(|e| e.attrs.get("task") == Some(&task.key))
        {
            let e = self.state.pending_done.remove(i);
            close(task, e);
        }
    }

    /// A verdict judges a signal (`attrs.signal`, its key) or every signal of its
    /// risk raised at or before it; the latest verdict applied holds, from its
    /// counted time on.
    fn judge(&mut self, e: &Event, t: DateTime<Utc>) {
        let confirmed = match e.attrs.get("verdict").map(String::as_str) {
            Some("confirmed") => true,
            Some("false") => false,
            _ => return,
        };
        let flow = self.engine.flow;
        let risk = e.attrs.get("risk");
        for s in &mut self.state.signals {
            let hit = match e.attrs.get("signal") {
                Some(key) => &s.key == key,
                None => risk.is_some_and(|r| flow.risks[s.risk].name == *r) && s.at <= e.at,
            };
            if hit {
                s.verdict = Some((confirmed, t));
            }
        }
    }

    fn match_risks(&mut self, e: &Event) {
        let flow = self.engine.flow;
        let acting = self.acting();
        let mut seen = BTreeSet::new();
        for text in e.texts() {
            for hit in self.engine.matchers.risk_hits(text) {
                if !seen.insert((hit.entry, hit.keyword)) {
                    continue;
                }
                let risk = &flow.risks[hit.entry];
                let keyword = risk.keywords[hit.keyword].clone();
                let key = signal_key(self.cid(), &risk.name, e.id, &keyword);
                self.state.signals.push(SignalRec {
                    key: key.clone(),
                    risk: hit.entry,
                    event: e.id,
                    at: e.at,
                    verdict: None,
                });
                if acting {
                    self.effects.push(Effect::Signal {
                        key,
                        at: e.at,
                        risk: risk.name.clone(),
                        event: e.id,
                        keyword,
                        strategy: risk.strategy.clone(),
                    });
                }
            }
        }
    }

    /// After the visits changed: when the current stage is another one than the
    /// engine acted on, the old visit's `on exit` and the new one's `on enter` run
    /// now. A visit that had already ended when it became known runs nothing.
    fn act_on_stage(&mut self, t: DateTime<Utc>) {
        let Some(current) = self.state.visit().map(|v| Acted {
            stage: v.stage.clone(),
            event: v.event,
        }) else {
            return;
        };
        let previous = self.state.acted.clone();
        if previous.as_ref().is_some_and(|p| p.stage == current.stage) {
            return;
        }
        let flow = self.engine.flow;
        if let Some(old) = previous {
            if let Some(id) = flow.stage(&old.stage) {
                self.run_blocks(
                    Trigger::ExitStage(id),
                    &format!("exit/{}/{}", old.stage, old.event),
                    t,
                    &format!("exit {}", old.stage),
                );
            }
        }
        if let Some(id) = flow.stage(&current.stage) {
            self.run_blocks(
                Trigger::EnterStage(id),
                &format!("enter/{}/{}", current.stage, current.event),
                t,
                &format!("enter {}", current.stage),
            );
        }
        self.state.acted = Some(current);
    }

    fn run_blocks(&mut self, trigger: Trigger, origin: &str, at: DateTime<Utc>, label: &str) {
        if !self.acting() {
            return;
        }
        let flow = self.engine.flow;
        for (i, block) in flow
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.trigger == trigger)
        {
            let origin = format!("{}/{origin}/b{i}", self.cid());
            self.effects.push(Effect::StageAction {
                key: origin.clone(),
                at,
                trigger: label.to_string(),
            });
            let subject = match trigger {
                Trigger::EnterStage(s) | Trigger::ExitStage(s) => {
                    flow.stages[s.index()].label.clone()
                }
                Trigger::EnterSegment(s) | Trigger::ExitSegment(s) => {
                    flow.segments[s.index()].label.clone()
                }
            };
            let site = Site {
                origin,
                at,
                subject,
                clock: None,
                escalation: None,
                until_task: None,
            };
            self.run_actions(&block.actions, &site);
        }
    }

    fn derive(&mut self, t: DateTime<Utc>) {
        self.derive_tags(t);
        self.derive_health(t);
        self.derive_segment(t);
        self.run_timers(t);
    }

    fn derive_tags(&mut self, t: DateTime<Utc>) {
        // Tags read only fields, so they change only when a field does.
        if std::mem::take(&mut self.state.tags_stale) {
            self.state.tags = self.compute_tags();
            self.shown.tags_current = false;
        }
        if !self.showing() || self.shown.tags_current {
            return;
        }
        self.shown.tags_current = true;
        let flow = self.engine.flow;
        let now: BTreeSet<String> = self
            .state
            .tags
            .iter()
            .map(|i| flow.tags[*i].name.clone())
            .collect();
        if now == self.shown.tags {
            return;
        }
        let (cid, stamp) = (self.cid(), self.stamp());
        for (added, set) in [
            (true, now.difference(&self.shown.tags)),
            (false, self.shown.tags.difference(&now)),
        ] {
            for tag in set {
                let key = format!(
                    "{cid}/tag/{tag}/{}/{stamp}",
                    if added { "add" } else { "remove" },
                );
                self.effects.push(Effect::Tag {
                    key,
                    at: t,
                    tag: tag.clone(),
                    added,
                });
            }
        }
        self.shown.tags = now;
    }

    fn compute_tags(&self) -> BTreeSet<usize> {
        let flow = self.engine.flow;
        let c = &self.state.history.customer;
        let mut tags = BTreeSet::new();
        for (i, tag) in flow.tags.iter().enumerate() {
            let hit = tag.fields.iter().any(|f| {
                let text = match f {
                    FieldRef::Builtin(crate::model::BuiltinField::Name) => Some(c.name.as_str()),
                    FieldRef::Builtin(crate::model::BuiltinField::Id) => Some(c.id.as_str()),
                    FieldRef::Declared(id) => {
                        match self.state.fields.get(&flow.fields[id.index()].name) {
                            Some(FieldValue::Text(s)) => Some(s.as_str()),
                            _ => None,
                        }
                    }
                    FieldRef::Builtin(_) => None,
                };
                text.is_some_and(|text| {
                    self.engine
                        .matchers
                        .tags
                        .find(&normalize(text))
                        .iter()
                        .any(|h| h.entry == i)
                })
            });
            if hit {
                tags.insert(i);
            }
        }
        tags
    }

    fn derive_health(&mut self, t: DateTime<Utc>) {
        let flow = self.engine.flow;
        let decided = {
            let ctx = self.ctx(t);
            flow.health.iter().enumerate().find_map(|(i, s)| {
                let (holds, witness) = match &s.when {
                    None => (true, Witness::default()),
                    Some(c) => ctx.eval(c),
                };
                holds.then(|| (i, evidence(s, witness)))
            })
        };
        let Some((to, evidence)) = decided else {
            return;
        };
        if self.state.health.as_ref().map(|h| h.0) != Some(to) {
            self.state.health = Some((to, evidence));
        }
        if !self.showing() {
            return;
        }
        let to_name = &flow.health[to].name;
        if self.shown.health.as_ref() == Some(to_name) {
            return;
        }
        let evidence = self.state.health.as_ref().map(|h| h.1.clone());
        self.effects.push(Effect::Health {
            key: format!("{}/health/{}/{to_name}", self.cid(), self.stamp()),
            at: t,
            from: self.shown.health.take(),
            to: to_name.clone(),
            evidence: evidence.unwrap_or_default(),
        });
        self.shown.health = Some(to_name.clone());
    }

    fn derive_segment(&mut self, t: DateTime<Utc>) {
        let flow = self.engine.flow;
        let to = {
            let ctx = self.ctx(t);
            flow.segments
                .iter()
                .position(|s| s.when.as_ref().is_none_or(|c| ctx.eval(c).0))
        };
        self.state.segment = to;
        if !self.showing() {
            return;
        }
        let to_name = to.map(|s| flow.segments[s].name.clone());
        if to_name == self.shown.segment {
            return;
        }
        let stamp = self.stamp();
        if let Some(name) = self.shown.segment.clone() {
            if let Some(id) = flow.segments.iter().position(|s| s.name == name) {
                let id = crate::model::SegmentId(u32::try_from(id).unwrap_or(0));
                self.run_blocks(
                    Trigger::ExitSegment(id),
                    &format!("exit-segment/{name}/{stamp}"),
                    t,
                    &format!("exit segment {name}"),
                );
            }
        }
        let from = std::mem::replace(&mut self.shown.segment, to_name.clone());
        if let (Some(s), Some(name)) = (to, to_name) {
            self.effects.push(Effect::Segment {
                key: format!("{}/segment/{stamp}/{name}", self.cid()),
                at: t,
                from,
                to: name.clone(),
            });
            let id = crate::model::SegmentId(u32::try_from(s).unwrap_or(0));
            self.run_blocks(
                Trigger::EnterSegment(id),
                &format!("enter-segment/{name}/{stamp}"),
                t,
                &format!("enter segment {name}"),
            );
        }
    }

    /// The next instant after `t` worth looking at, with no new record.
    fn next_instant(&mut self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let flow = self.engine.flow;
        let history = self.state.history;
        let mut next: Option<DateTime<Utc>> = None;
        let mut candidate = |c: DateTime<Utc>| {
            if c > t && next.is_none_or(|n| c < n) {
                next = Some(c);
            }
        };
        if let Some(e) = self.order.get(self.next_event) {
            candidate(e.counted());
        }
        if let Some(&i) = self.task_order.get(self.next_task) {
            candidate(history.tasks[i].counted());
        }
        history.rules.from.into_iter().for_each(&mut candidate);
        history.rules.switch.into_iter().for_each(&mut candidate);
        self.crossings.begin(StateMark {
            revision: self.revision,
            health: self.state.health.as_ref().map(|h| h.0),
            segment: self.state.segment,
        });
        let ctx = Ctx {
            flow,
            state: &self.state,
            t,
        };
        let memo = &mut self.crossings;
        let mut crossing = None;
        for s in flow.health.iter().chain(&flow.segments) {
            if let Some(c) = &s.when {
                ctx.next_crossing(c, memo, &mut crossing);
            }
        }
        for (i, esc) in flow.escalations.iter().enumerate() {
            ctx.next_crossing(&esc.when, memo, &mut crossing);
            for c in esc.until.iter().chain(&esc.pause) {
                ctx.next_crossing(c, memo, &mut crossing);
            }
            if let Some(timer) = self.timers[i]
                .last()
                .filter(|k| k.state == TimerState::Running)
            {
                if let Some((_, due)) = timer.next_step(flow, esc) {
                    candidate(due);
                }
            }
        }
        crossing.into_iter().for_each(&mut candidate);
        next
    }

    pub(super) fn finish(
        mut self,
        now: DateTime<Utc>,
        next_wake: Option<DateTime<Utc>>,
    ) -> Evaluation {
        let mut eval = self.snapshot(now);
        eval.next_wake = next_wake;
        eval
    }

    /// The evaluation at `now` (its effects taken out of the replay); the wake-up
    /// time is left for the caller.
    fn snapshot(&mut self, now: DateTime<Utc>) -> Evaluation {
        let flow = self.engine.flow;
        let timers = flow
            .escalations
            .iter()
            .zip(&self.timers)
            .flat_map(|(esc, timers)| timers.iter().map(move |k| k.view(flow, esc)))
            .collect();
        let tasks = self
            .state
            .tasks
            .iter()
            .map(|k| TaskView {
                key: k.key.clone(),
                done_at: k.done.map(|d| d.0),
                done_event: k.done.map(|d| d.1),
            })
            .collect();
        let signals = self
            .state
            .signals
            .iter()
            .map(|s| SignalView {
                key: s.key.clone(),
                verdict: s.verdict.map(|v| v.0),
            })
            .collect();
        Evaluation {
            customer: self.state.history.customer.id.clone(),
            at: now,
            stage: self.state.visit().map(|v| v.stage.clone()),
            health: self
                .state
                .health
                .as_ref()
                .map(|(h, e)| (flow.health[*h].name.clone(), e.clone())),
            segment: self.state.segment.map(|s| flow.segments[s].name.clone()),
            tags: self
                .state
                .tags
                .iter()
                .map(|t| flow.tags[*t].name.clone())
                .collect(),
            visits: self.state.visits.clone(),
            timers,
            effects: std::mem::take(&mut self.effects),
            tasks,
            signals,
            errors: std::mem::take(&mut self.errors),
            next_wake: None,
        }
    }
}

/// A state's evidence from the witness of its condition.
pub(super) fn evidence(s: &crate::model::StateDef, witness: Witness) -> Evidence {
    Evidence {
        rule: s.when_text.clone().unwrap_or_else(|| "otherwise".into()),
        creation: witness.events.is_empty(),
        events: witness.events,
        elapsed: witness.elapsed,
    }
}

/// Marks a task done by a `task_done` event; done before it was created counts as
/// done at its creation.
fn close(task: &mut TaskRec, e: &Event) {
    if task.done.is_none() && !task.suppressed {
        task.done = Some((e.at.max(task.created_at), e.id));
    }
}

/// Adds on the flow's clocks (re-exported for timers).
pub(super) fn add_on(
    flow: &crate::model::Flow,
    from: DateTime<Utc>,
    d: crate::model::Duration,
) -> Option<DateTime<Utc>> {
    add(flow, from, d)
}
