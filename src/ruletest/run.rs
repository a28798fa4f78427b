//! Running one test: a fresh store in memory, the team and customers imported,
//! then virtual time. At each tick the timeline's entries due by then are
//! recorded as the commands record them (`record_event`, `complete_task`), then
//! exactly what `apply` does runs: the customers with new records or a due
//! wake-up time are evaluated and their new effects written by
//! `Store::apply_customer`. The expectations due at the tick are then compared
//! with what the store holds. So a test exercises the real store path, wake-up
//! times included.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};

use super::suite::{Case, Entry, EntryAction, Expectation, Suite};
use crate::apply::{ApplyError, Pass, Pending};
use crate::engine::{Effect, Engine, Evaluation};
use crate::record::{CustomerFacts, RecordRules};
use crate::store::{ImportBatch, Store, StoreError};
use crate::timefmt::format_instant;

/// An effect `apply` wrote.
#[derive(Debug, Clone)]
pub struct Applied {
    /// The customer.
    pub customer: String,
    /// The effect.
    pub effect: Effect,
}

/// A store under virtual time, and what has been written to it.
pub struct World<'a> {
    /// The store.
    pub store: Store,
    /// The rules with the team.
    pub engine: Engine<'a>,
    /// Every effect written, in order.
    pub applied: Vec<Applied>,
    /// Each customer's latest evaluation: what its row's stage, health, segment
    /// and tags were set from.
    pub latest: BTreeMap<String, Evaluation>,
    /// Errors the rules met (a template undefined at run time), each once.
    pub errors: Vec<String>,
    /// The rules' time zone, for messages.
    pub tz: chrono_tz::Tz,
}

/// The outcome of one test run: each expectation's mismatches, in order.
pub struct CaseRun<'a> {
    /// The store and what was written.
    pub world: Option<World<'a>>,
    /// Per expectation (in time order): its mismatches, or why it was not checked.
    pub results: Vec<(
        &'a Expectation,
        Result<Vec<super::verify::Mismatch>, String>,
    )>,
    /// Errors of the run: an entry that could not be recorded, rule errors, a
    /// store error.
    pub errors: Vec<String>,
}

/// Runs one test of a suite.
pub fn run<'a>(suite: &'a Suite, case: &'a Case) -> CaseRun<'a> {
    let mut out = CaseRun {
        world: None,
        results: Vec::new(),
        errors: Vec::new(),
    };
    let mut world = match World::new(suite, case) {
        Ok(w) => w,
        Err(e) => {
            out.errors.push(format!("cannot set up the store: {e}"));
            return out;
        }
    };
    if let Err(e) = drive(&mut world, suite, case, &mut out) {
        out.errors.push(format!("store: {e}"));
    }
    out.errors.extend(world.errors.iter().cloned());
    out.world = Some(world);
    out
}

/// Ticks through the test; stops at a store error.
fn drive<'a>(
    world: &mut World<'a>,
    suite: &'a Suite,
    case: &'a Case,
    out: &mut CaseRun<'a>,
) -> Result<(), StoreError> {
    let mut entries = case.entries.iter().peekable();
    let mut expects = case.expects.iter().peekable();
    for &tick in &case.ticks {
        while let Some(entry) = entries.next_if(|e| e.at <= tick) {
            match world.record(entry) {
                Ok(()) => {}
                Err(Stop::Entry(message)) => {
                    let line = entry.line.map(|l| format!(":{l}")).unwrap_or_default();
                    out.errors
                        .push(format!("{}{line}: {message}", suite.file.display()));
                }
                Err(Stop::Store(e)) => return Err(e),
            }
        }
        world.tick(tick)?;
        while let Some(exp) = expects.next_if(|e| e.at <= tick) {
            let result = super::verify::verify(world, exp).map_err(|e| e.to_string());
            out.results.push((exp, result));
        }
    }
    Ok(())
}

/// Why recording an entry failed.
enum Stop {
    /// The entry cannot be recorded (no such open task): the test fails.
    Entry(String),
    /// The store failed: the run stops.
    Store(StoreError),
}

impl From<StoreError> for Stop {
    fn from(e: StoreError) -> Self {
        Stop::Store(e)
    }
}

impl<'a> World<'a> {
    /// A fresh store holding the suite's team and the test's customers.
    fn new(suite: &'a Suite, case: &Case) -> Result<World<'a>, StoreError> {
        let mut store = Store::in_memory()?;
        let batch = ImportBatch {
            team: Some((*suite.team).clone()),
            customers: case.customers.clone(),
            events: case.initial.clone(),
            ..ImportBatch::default()
        };
        store.import(&batch, false)?;
        // A rule test goes live at its start.
        store.set_live_from(suite.start)?;
        Ok(World {
            store,
            engine: Engine::new(&suite.flow, &suite.team),
            applied: Vec::new(),
            latest: BTreeMap::new(),
            errors: Vec::new(),
            tz: suite.flow.timezone,
        })
    }

    fn record(&mut self, entry: &Entry) -> Result<(), Stop> {
        match &entry.action {
            EntryAction::Record(event) => {
                // The customer's own facts, as `salesflow update` and `move` check
                // them: not before its creation, a verdict with a signal to judge.
                if let Some(history) = self.store.history(&event.customer)? {
                    let facts = CustomerFacts {
                        id: &event.customer,
                        created_at: history.customer.created_at,
                        events: &history.events,
                    };
                    let rules = RecordRules::new(self.engine.flow());
                    if let Some(refused) = rules.check(event, Some(&facts)).first() {
                        return Err(Stop::Entry(refused.to_string()));
                    }
                }
                self.store.record_event(event)?;
            }
            EntryAction::TaskDone {
                customer,
                title,
                actor,
            } => {
                // The tasks due to exist by then must be in the store.
                self.tick(entry.at)?;
                let open = self.store.tasks(Some(customer), true)?;
                let Some(task) = open
                    .iter()
                    .find(|t| &t.title == title && t.created_at <= entry.at)
                else {
                    let titles: Vec<String> =
                        open.iter().map(|t| format!("`{}`", t.title)).collect();
                    return Err(Stop::Entry(format!(
                        "`task_done: {title}` at {}: `{customer}` has no open task of that title \
                         (open: {})",
                        format_instant(entry.at, self.tz),
                        if titles.is_empty() {
                            "none".to_string()
                        } else {
                            titles.join(", ")
                        }
                    )));
                };
                self.store
                    .complete_task(task.id, entry.at, actor.as_deref())?;
            }
        }
        Ok(())
    }

    /// What `apply` does at `now`: the same pass of the rules.
    fn tick(&mut self, now: DateTime<Utc>) -> Result<(), StoreError> {
        let pass = match Pass::new(&self.store, &self.engine, now) {
            Ok(p) => p,
            Err(ApplyError::Store(e)) => return Err(e),
            // Entries and expectations are replayed in time order: never backwards.
            Err(e @ ApplyError::Backwards { .. }) => {
                self.errors.push(e.to_string());
                return Ok(());
            }
        };
        let (applied, latest, errors) = (&mut self.applied, &mut self.latest, &mut self.errors);
        let mut written = |p: &Pending, keys: &[String]| {
            let inserted: HashSet<&str> = keys.iter().map(String::as_str).collect();
            for effect in p.effects().filter(|e| inserted.contains(e.key())) {
                applied.push(Applied {
                    customer: p.eval.customer.clone(),
                    effect: effect.clone(),
                });
            }
            for e in &p.eval.errors {
                if !errors.contains(e) {
                    errors.push(e.clone());
                }
            }
            latest.insert(p.eval.customer.clone(), p.eval.clone());
        };
        match pass.apply(&mut self.store, &mut |_| {}, &mut written) {
            Ok(_) => Ok(()),
            Err(ApplyError::Store(e)) => Err(e),
            Err(e) => {
                self.errors.push(e.to_string());
                Ok(())
            }
        }
    }
}
