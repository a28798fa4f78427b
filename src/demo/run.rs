//! The generator's loop, a day at a time, through the paths a real team's records
//! take: each day the new customers and the day's records (and those logged late)
//! are checked by the record rules and written by the store's import, the tasks
//! and signals people deal with that day are closed and judged as `task done` and
//! `signal verdict` do, then the rules are applied in the evening by
//! [`crate::apply::Pass`], the one evaluation path of `plan` and `apply`. What the
//! rules derive (health, signals, tasks, escalations, messages) is therefore
//! theirs, and what people do about it is planned from what `apply` wrote.
//!
//! Memory stays bounded by the customers' small [`Story`]s and one day's records:
//! nothing else of the history is held.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};

use super::agenda::{Agenda, Job};
use super::clock::Clock;
use super::context::Ctx;
use super::error::DemoError;
use super::people::Roster;
use super::story::{Story, arrival_day, arrive};
use super::tasks::{NewTask, closing};
use super::verdicts::{NewSignal, judging};
use crate::apply::{Pass, Pending};
use crate::engine::{Effect, Engine};
use crate::model::Flow;
use crate::record::{CustomerFacts, RecordRules, check_time};
use crate::store::{ImportBatch, NewEvent, Store};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// Customers in all (about 30% already in the CRM on the first day).
    pub customers: u32,
    /// Days of history.
    pub days: u32,
    /// The seed: the same seed, sizes and start give the same store.
    pub seed: u64,
    /// The first day, in the flow's time zone.
    pub start: NaiveDate,
}

/// Progress of a run, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// This many days are to come.
    Start(u32),
    /// One more day is done.
    Day,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Customers created.
    pub customers: usize,
    /// Events recorded by imports (customers' first stages included).
    pub events: usize,
    /// Of them, logged after an apply had passed their time.
    pub late: usize,
    /// Tasks closed, by whether on time.
    pub tasks_on_time: usize,
    /// Tasks closed after their due time.
    pub tasks_late: usize,
    /// Signals judged confirmed.
    pub confirmed: usize,
    /// Signals judged false alarms.
    pub false_alarms: usize,
    /// Applies run (one a day).
    pub applies: usize,
    /// Effects the applies wrote, by kind.
    pub applied: BTreeMap<String, u64>,
    /// Errors the rules met (a template undefined at run time), each once.
    pub errors: Vec<String>,
    /// The store's `live_from`.
    pub live_from: Option<DateTime<Utc>>,
    /// The last apply's `now`.
    pub last_apply: Option<DateTime<Utc>>,
}

/// Generates the history of `spec` into `store` under `flow`, with the team of
/// `roster` (imported on the first day).
pub fn generate(
    store: &mut Store,
    flow: &Flow,
    roster: Roster,
    spec: &Spec,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary, DemoError> {
    let calendar = flow.calendars.first().map(|c| &c.calendar);
    let clock = Clock::new(spec.start, flow.timezone, calendar);
    let ctx = Ctx::new(spec.seed, flow, clock, roster, spec.customers);
    let engine = Engine::new(flow, &ctx.roster.team);
    let rules = RecordRules::new(flow);
    // `demo`, like `salesflow test`, goes live at its start.
    store.set_live_from(ctx.clock.live_from())?;
    let mut summary = Summary {
        live_from: Some(ctx.clock.live_from()),
        ..Summary::default()
    };
    let mut stories: Vec<Story> = Vec::new();
    let mut agenda = Agenda::default();
    progress(Progress::Start(spec.days));
    for day in 0..i64::from(spec.days) {
        let mut batch = ImportBatch {
            team: (day == 0).then(|| ctx.roster.team.clone()),
            ..ImportBatch::default()
        };
        while let Some(index) = u32::try_from(stories.len())
            .ok()
            .filter(|i| *i < spec.customers)
        {
            if arrival_day(&ctx, index, spec.days) > day {
                break;
            }
            let (customer, story, records) = arrive(&ctx, index, day);
            batch.customers.push(customer.record);
            batch.events.extend(records);
            stories.push(story);
        }
        for (index, story) in stories.iter_mut().enumerate() {
            let records = story.day(&ctx, u32::try_from(index).unwrap_or(u32::MAX), day);
            batch.events.extend(records.now);
            for (when, event) in records.late {
                agenda.plan(when, Job::Record(Box::new(event)));
            }
        }
        let mut work = Vec::new();
        for job in agenda.take(day) {
            match job {
                Job::Record(event) => {
                    summary.late += 1;
                    batch.events.push(*event);
                }
                other => work.push(other),
            }
        }
        for event in &batch.events {
            check(&rules, &stories, event)?;
        }
        summary.customers += batch.customers.len();
        summary.events += store.import(&batch, false)?.events_new;
        drop(batch);
        for job in work {
            do_job(store, &rules, &ctx, &stories, &mut summary, job)?;
        }
        let tick = ctx.clock.tick(day);
        apply(
            store,
            &engine,
            &ctx,
            &stories,
            &mut agenda,
            &mut summary,
            tick,
        )?;
        progress(Progress::Day);
    }
    Ok(summary)
}

/// The record rules for a generated record (its customer is known: the
/// generator made it).
fn check(rules: &RecordRules<'_>, stories: &[Story], event: &NewEvent) -> Result<(), DemoError> {
    let facts = created(stories, &event.customer).map(|created_at| CustomerFacts {
        id: &event.customer,
        created_at,
        events: &[],
    });
    match rules.check(event, facts.as_ref()).into_iter().next() {
        Some(refused) => Err(refused.into()),
        None => Ok(()),
    }
}

/// When a generated customer was created.
fn created(stories: &[Story], customer: &str) -> Option<DateTime<Utc>> {
    Ctx::customer_index(customer)
        .and_then(|i| stories.get(i as usize))
        .map(|s| s.created)
}

/// Closes a task or judges a signal, as `task done` and `signal verdict` do.
fn do_job(
    store: &mut Store,
    rules: &RecordRules<'_>,
    ctx: &Ctx<'_>,
    stories: &[Story],
    summary: &mut Summary,
    job: Job,
) -> Result<(), DemoError> {
    match job {
        Job::Close {
            customer,
            key,
            at,
            actor,
        } => {
            // Closed since (a re-evaluation) or suppressed: nothing to do.
            let open = store.tasks(Some(&customer), true)?;
            let Some(task) = open.into_iter().find(|t| t.key == key) else {
                return Ok(());
            };
            check_time(
                &customer,
                at,
                created(stories, &customer),
                ctx.flow.timezone,
            )?;
            let (task, closed) = store.complete_task(task.id, at, Some(&actor))?;
            if closed {
                if task.due_at.is_some_and(|due| at > due) {
                    summary.tasks_late += 1;
                } else {
                    summary.tasks_on_time += 1;
                }
            }
        }
        Job::Judge {
            customer,
            key,
            verdict,
            at,
            actor,
        } => {
            let signals = store.signals(Some(&customer), false)?;
            let Some(signal) = signals.into_iter().find(|s| s.key == key) else {
                return Ok(());
            };
            if signal.verdict.is_some() {
                return Ok(());
            }
            let mut event = NewEvent::new(&customer, at, "verdict", "cli");
            event.attrs.insert("risk".into(), signal.risk.clone());
            event
                .attrs
                .insert("verdict".into(), verdict.as_str().into());
            if let Some(history) = store.history(&customer)? {
                let facts = CustomerFacts {
                    id: &customer,
                    created_at: history.customer.created_at,
                    events: &history.events,
                };
                if let Some(refused) = rules.check(&event, Some(&facts)).into_iter().next() {
                    return Err(refused.into());
                }
            }
            store.judge_signal(signal.id, verdict, at, Some(&actor))?;
            match verdict {
                crate::store::Verdict::Confirmed => summary.confirmed += 1,
                crate::store::Verdict::False => summary.false_alarms += 1,
            }
        }
        Job::Record(_) => {}
    }
    Ok(())
}

/// The evening's apply; what it wrote plans the tasks closed and signals judged
/// on later days.
fn apply(
    store: &mut Store,
    engine: &Engine<'_>,
    ctx: &Ctx<'_>,
    stories: &[Story],
    agenda: &mut Agenda,
    summary: &mut Summary,
    tick: DateTime<Utc>,
) -> Result<(), DemoError> {
    let pass = Pass::new(store, engine, tick)?;
    let mut written = |p: &Pending, keys: &[String]| {
        let inserted: HashSet<&str> = keys.iter().map(String::as_str).collect();
        let customer = p.eval.customer.as_str();
        for effect in p.effects().filter(|e| inserted.contains(e.key())) {
            let planned = match effect {
                Effect::Task {
                    key,
                    assignee,
                    created_at,
                    due_at,
                    suppressed: false,
                    ..
                } => closing(
                    ctx.seed,
                    &ctx.clock,
                    &NewTask {
                        customer,
                        key,
                        assignee,
                        created_at: *created_at,
                        due_at: *due_at,
                    },
                    tick,
                ),
                Effect::Signal { key, at, .. } => {
                    let owner = Ctx::customer_index(customer)
                        .and_then(|i| stories.get(i as usize))
                        .map(|s| usize::from(s.profile.owner) % ctx.roster.owners.len())
                        .map_or("", |o| ctx.roster.owners[o].as_str());
                    judging(
                        ctx.seed,
                        &ctx.clock,
                        &NewSignal {
                            customer,
                            key,
                            at: *at,
                            judge: owner,
                        },
                        tick,
                    )
                }
                _ => None,
            };
            if let Some((day, job)) = planned {
                agenda.plan(day, job);
            }
        }
    };
    let report = pass.apply(store, &mut |_| {}, &mut written)?;
    summary.applies += 1;
    summary.last_apply = Some(tick);
    for (kind, n) in report.applied {
        *summary.applied.entry(kind).or_default() += n;
    }
    for e in report.errors {
        if summary.errors.len() < 20 && !summary.errors.contains(&e) {
            summary.errors.push(e);
        }
    }
    Ok(())
}
