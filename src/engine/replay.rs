//! The replay: from the customer's creation to `now`, one instant of interest after
//! the other (a record's time, a threshold crossing, a timer deadline). At each
//! instant the events of that instant are applied, then tags, health, segment and
//! escalation timers are derived, in that order.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::Engine;
use super::actions::Site;
use super::cond::{Ctx, add};
use super::effects::{Effect, Evaluation, Evidence, Visit};
use super::records::{CustomerHistory, FieldValue};
use super::state::{SignalRec, State};
use super::timers::{Timer, TimerState};
use crate::model::{FieldRef, Trigger};
use crate::text::normalize;

/// More instants than any real history has; a guard against a runaway replay.
const MAX_STEPS: usize = 200_000;

/// One customer's replay in progress.
pub struct Replay<'e, 'h> {
    pub(super) engine: &'e Engine<'e>,
    pub(super) state: State<'h>,
    pub(super) effects: Vec<Effect>,
    pub(super) errors: Vec<String>,
    /// Per escalation, its timers (one per epoch).
    pub(super) timers: Vec<Vec<Timer>>,
}

impl<'e, 'h> Replay<'e, 'h> {
    /// A replay of `history` with nothing applied yet.
    pub fn new(engine: &'e Engine<'e>, history: &'h CustomerHistory) -> Self {
        Self {
            engine,
            state: State::new(history),
            effects: Vec::new(),
            errors: Vec::new(),
            timers: vec![Vec::new(); engine.flow.escalations.len()],
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

    /// Runs the replay up to `now`.
    pub fn run(mut self, now: DateTime<Utc>) -> Evaluation {
        let next_wake = self.advance(now);
        self.finish(now, next_wake)
    }

    /// Replays every instant up to `now`; returns the next instant of interest.
    pub(super) fn advance(&mut self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let history = self.state.history;
        let mut t = history
            .events
            .first()
            .map_or(history.customer.created_at, |e| {
                e.at.min(history.customer.created_at)
            });
        if t > now {
            return Some(t);
        }
        for _ in 0..MAX_STEPS {
            self.apply_events(t);
            self.derive(t);
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

    fn apply_events(&mut self, t: DateTime<Utc>) {
        let history = self.state.history;
        while let Some(e) = history.events.get(self.state.applied).filter(|e| e.at <= t) {
            self.state.applied += 1;
            match e.kind.as_str() {
                "stage_change" => {
                    if let Some(stage) = e.attrs.get("stage") {
                        self.change_stage(stage, e.at, e.id, &e.evidence);
                    }
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
                "task_done" => {
                    if let Some(key) = e.attrs.get("task") {
                        for task in self
                            .state
                            .tasks
                            .iter_mut()
                            .filter(|k| &k.key == key && k.done_at.is_none())
                        {
                            task.done_at = Some(e.at);
                            task.done_event = Some(e.id);
                        }
                    }
                }
                _ => {}
            }
            self.match_risks(e);
        }
    }

    /// Marks a task the rules just created done when a `task_done` event already
    /// names it (a task created again by a replay).
    pub(super) fn apply_task_done_events(&mut self, key: &str) {
        let done = self
            .state
            .events()
            .iter()
            .find(|e| e.kind == "task_done" && e.attrs.get("task").is_some_and(|k| k == key));
        if let (Some(e), Some(task)) = (done, self.state.tasks.last_mut()) {
            task.done_at = Some(e.at);
            task.done_event = Some(e.id);
        }
    }

    fn match_risks(&mut self, e: &super::records::Event) {
        let flow = self.engine.flow;
        let mut seen = BTreeSet::new();
        for text in e.texts() {
            for hit in self.engine.matchers.risk_hits(text) {
                if !seen.insert((hit.entry, hit.keyword)) {
                    continue;
                }
                let risk = &flow.risks[hit.entry];
                let keyword = risk.keywords[hit.keyword].clone();
                self.state.signals.push(SignalRec {
                    risk: hit.entry,
                    event: e.id,
                    at: e.at,
                });
                self.effects.push(Effect::Signal {
                    key: format!(
                        "{}/signal/{}/{}/{}",
                        self.cid(),
                        risk.name,
                        e.id,
                        normalize(&keyword)
                    ),
                    at: e.at,
                    risk: risk.name.clone(),
                    event: e.id,
                    keyword,
                    strategy: risk.strategy.clone(),
                });
            }
        }
    }

    fn change_stage(&mut self, stage: &str, at: DateTime<Utc>, event: i64, evidence: &[String]) {
        let flow = self.engine.flow;
        if self.state.visit().is_some_and(|v| v.stage == stage) {
            return;
        }
        if let Some(old) = self.state.visits.last_mut().filter(|v| v.left_at.is_none()) {
            old.left_at = Some(at);
            let old_stage = old.stage.clone();
            if let Some(id) = flow.stage(&old_stage) {
                self.run_blocks(
                    Trigger::ExitStage(id),
                    &format!("exit/{old_stage}/{event}"),
                    at,
                    &format!("exit {old_stage}"),
                );
            }
        }
        self.state.visits.push(Visit {
            stage: stage.to_string(),
            entered_at: at,
            left_at: None,
            evidence: evidence.to_vec(),
            event,
        });
        if let Some(id) = flow.stage(stage) {
            self.run_blocks(
                Trigger::EnterStage(id),
                &format!("enter/{stage}/{event}"),
                at,
                &format!("enter {stage}"),
            );
        }
    }

    fn run_blocks(&mut self, trigger: Trigger, origin: &str, at: DateTime<Utc>, label: &str) {
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
        if !std::mem::take(&mut self.state.tags_stale) {
            return;
        }
        let flow = self.engine.flow;
        let c = &self.state.history.customer;
        let mut tags = BTreeSet::new();
        for (i, tag) in flow.tags.iter().enumerate() {
            let hit = tag.fields.iter().any(|f| {
                let text = match f {
                    FieldRef::Builtin(crate::model::BuiltinField::Name) => Some(c.name.clone()),
                    FieldRef::Builtin(crate::model::BuiltinField::Id) => Some(c.id.clone()),
                    FieldRef::Declared(id) => {
                        match self.state.fields.get(&flow.fields[id.index()].name) {
                            Some(FieldValue::Text(s)) => Some(s.clone()),
                            _ => None,
                        }
                    }
                    FieldRef::Builtin(_) => None,
                };
                text.is_some_and(|text| {
                    self.engine
                        .matchers
                        .tags
                        .find(&normalize(&text))
                        .iter()
                        .any(|h| h.entry == i)
                })
            });
            if hit {
                tags.insert(i);
            }
        }
        if tags == self.state.tags {
            return;
        }
        let cid = self.cid();
        for (added, set) in [
            (true, tags.difference(&self.state.tags)),
            (false, self.state.tags.difference(&tags)),
        ] {
            for i in set {
                let tag = flow.tags[*i].name.clone();
                let key = format!(
                    "{cid}/tag/{tag}/{}/{}",
                    if added { "add" } else { "remove" },
                    t.timestamp()
                );
                self.effects.push(Effect::Tag {
                    key,
                    at: t,
                    tag,
                    added,
                });
            }
        }
        self.state.tags = tags;
    }

    fn derive_health(&mut self, t: DateTime<Utc>) {
        let flow = self.engine.flow;
        let mut decided = None;
        {
            let ctx = self.ctx(t);
            for (i, s) in flow.health.iter().enumerate() {
                let (holds, witness) = match &s.when {
                    None => (true, super::cond::Witness::default()),
                    Some(c) => ctx.eval(c),
                };
                if holds {
                    let creation = witness.events.is_empty();
                    let rule = s.when_text.clone().unwrap_or_else(|| "otherwise".into());
                    decided = Some((
                        i,
                        Evidence {
                            rule,
                            events: witness.events,
                            creation,
                            elapsed: witness.elapsed,
                        },
                    ));
                    break;
                }
            }
        }
        let Some((to, evidence)) = decided else {
            return;
        };
        let from = self.state.health.as_ref().map(|h| h.0);
        if from == Some(to) {
            return;
        }
        let to_name = flow.health[to].name.clone();
        self.effects.push(Effect::Health {
            key: format!("{}/health/{}/{to_name}", self.cid(), t.timestamp()),
            at: t,
            from: from.map(|f| flow.health[f].name.clone()),
            to: to_name,
            evidence: evidence.clone(),
        });
        self.state.health = Some((to, evidence));
    }

    fn derive_segment(&mut self, t: DateTime<Utc>) {
        let flow = self.engine.flow;
        let to = {
            let ctx = self.ctx(t);
            flow.segments
                .iter()
                .position(|s| s.when.as_ref().is_none_or(|c| ctx.eval(c).0))
        };
        if to == self.state.segment {
            return;
        }
        let from = self.state.segment;
        let stamp = t.timestamp();
        if let Some(f) = from {
            let name = flow.segments[f].name.clone();
            let id = crate::model::SegmentId(u32::try_from(f).unwrap_or(0));
            self.run_blocks(
                Trigger::ExitSegment(id),
                &format!("exit-segment/{name}/{stamp}"),
                t,
                &format!("exit segment {name}"),
            );
        }
        self.state.segment = to;
        if let Some(s) = to {
            let name = flow.segments[s].name.clone();
            self.effects.push(Effect::Segment {
                key: format!("{}/segment/{stamp}/{name}", self.cid()),
                at: t,
                from: from.map(|f| flow.segments[f].name.clone()),
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
    fn next_instant(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let flow = self.engine.flow;
        let mut candidates = Vec::new();
        if let Some(e) = self.state.history.events.get(self.state.applied) {
            candidates.push(e.at);
        }
        let ctx = self.ctx(t);
        for s in flow.health.iter().chain(&flow.segments) {
            if let Some(c) = &s.when {
                ctx.crossings(c, &mut candidates);
            }
        }
        for (i, esc) in flow.escalations.iter().enumerate() {
            ctx.crossings(&esc.when, &mut candidates);
            for c in esc.until.iter().chain(&esc.pause) {
                ctx.crossings(c, &mut candidates);
            }
            if let Some(timer) = self.timers[i]
                .last()
                .filter(|k| k.state == TimerState::Running)
            {
                if let Some((_, due)) = timer.next_step(flow, esc) {
                    candidates.push(due);
                }
            }
        }
        candidates.into_iter().filter(|c| *c > t).min()
    }

    pub(super) fn finish(self, now: DateTime<Utc>, next_wake: Option<DateTime<Utc>>) -> Evaluation {
        let flow = self.engine.flow;
        let timers = flow
            .escalations
            .iter()
            .zip(&self.timers)
            .flat_map(|(esc, timers)| timers.iter().map(move |k| k.view(flow, esc)))
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
            effects: self.effects,
            errors: self.errors,
            next_wake,
        }
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
