//! The one evaluation path that `plan`, `apply`, `salesflow test` and `run` share:
//! pick the customers due at `now`, evaluate each (engine), keep the effects the
//! store has not applied, and (for `apply`) write them a batch of customers per
//! transaction, then record the tick.
//!
//! Takes a store, a compiled [`Engine`] and `now`; gives each customer's
//! [`Pending`] work and, when applying, an [`ApplyReport`]. No SQL here (the store
//! does it) and no rule evaluation (the engine does it).
//!
//! An apply of more than one batch runs on two threads: one evaluates the next
//! batch on a second connection (reading, as `plan` does) while the caller's
//! connection writes the current one, so the apply takes about as long as the
//! larger of the two, not their sum. Customers are independent (a customer's
//! writes touch only its own rows), each batch is still one transaction, and
//! what a history read noted for the apply (`Seen`) travels with its customer.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::engine::{Effect, Engine, Evaluation};
use crate::store::{RuleSet, Seen, Store, StoreError, Tick};

/// The engine's semantics version: a new version starts a new rule set, so that
/// nothing applied is derived again after an upgrade changed how effects are keyed.
pub const ENGINE_VERSION: i64 = 2;

/// Customers written per transaction: each is all or nothing either way, and a
/// batch writes the index pages they share once.
const BATCH: usize = 100;

/// Why a pass of the rules could not run.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ApplyError {
    /// The store failed.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Store(#[from] StoreError),
    /// `apply --at` before the latest apply's `now`.
    #[error("cannot apply at {at}: the store was already applied at {last}")]
    #[diagnostic(
        code(salesflow::apply::backwards),
        help(
            "an apply never goes back in time: use `plan --at` to look at an earlier moment, or apply at {last} or later"
        )
    )]
    Backwards {
        /// The requested `now`, as shown to the user.
        at: String,
        /// The latest apply's `now`, as shown.
        last: String,
    },
}

/// One customer's pending work: its evaluation and the effects not yet applied.
pub struct Pending {
    /// The evaluation.
    pub eval: Evaluation,
    /// Indices into `eval.effects` of the effects not applied yet.
    pub new: Vec<usize>,
}

impl Pending {
    /// A customer whose stored history cannot be read: no effects, the reason
    /// as its one error, so `plan` reports it beside the others.
    fn unreadable(customer: &str, at: DateTime<Utc>, e: &StoreError) -> Pending {
        Pending {
            eval: Evaluation {
                customer: customer.to_string(),
                at,
                stage: None,
                health: None,
                segment: None,
                tags: Vec::new(),
                visits: Vec::new(),
                timers: Vec::new(),
                effects: Vec::new(),
                tasks: Vec::new(),
                signals: Vec::new(),
                errors: vec![e.to_string()],
                next_wake: None,
            },
            new: Vec::new(),
        }
    }

    /// The new effects.
    pub fn effects(&self) -> impl Iterator<Item = &Effect> {
        self.new.iter().map(|i| &self.eval.effects[*i])
    }
}

/// What an apply did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplyReport {
    /// Customers evaluated.
    pub visited: usize,
    /// Effects written, per kind ([`Effect::kind`]).
    pub applied: BTreeMap<String, u64>,
    /// Rule errors met (a template undefined at run time), each with its origin.
    pub errors: Vec<String>,
    /// Whether this apply began a new rule set (the rules or the engine changed).
    pub new_rules: bool,
}

/// A pass of the rules over a store at one instant.
pub struct Pass<'e> {
    engine: &'e Engine<'e>,
    rules: RuleSet,
    now: DateTime<Utc>,
}

impl<'e> Pass<'e> {
    /// A pass at `now` under the engine's rules: the rule set they run under is
    /// the latest stored one if it is theirs, else a new one from the latest
    /// apply's `now` (stored when an apply begins).
    pub fn new(
        store: &Store,
        engine: &'e Engine<'e>,
        now: DateTime<Utc>,
    ) -> Result<Self, ApplyError> {
        let rules = store.rule_set_for(&engine.flow().digest, ENGINE_VERSION, now)?;
        Ok(Pass { engine, rules, now })
    }

    /// The rule set of the pass.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The customers due: those with new records, a due wake-up time, or not yet
    /// evaluated under the pass's rules; ordered by id.
    pub fn customers(&self, store: &Store) -> Result<Vec<String>, ApplyError> {
        let unevaluated_before = (self.rules.id.is_none()
            || !store.rule_set_complete(&self.rules)?)
        .then_some(self.rules.switch);
        Ok(store.customers_to_visit(self.now, unevaluated_before)?)
    }

    /// One customer's history under the pass's rules (`explain`, `list`): what
    /// [`Pass::evaluate`] evaluates.
    pub fn history(
        &self,
        store: &Store,
        id: &str,
    ) -> Result<Option<crate::engine::CustomerHistory>, ApplyError> {
        Ok(store.history_under(id, &self.rules)?)
    }

    /// Evaluates one customer and keeps the effects the store has not applied.
    pub fn evaluate(&self, store: &Store, id: &str) -> Result<Option<Pending>, ApplyError> {
        let Some(history) = self.history(store, id)? else {
            return Ok(None);
        };
        let eval = self.engine.evaluate(&history, self.now);
        let applied = store.applied_keys(id)?;
        let new = eval
            .effects
            .iter()
            .enumerate()
            .filter(|(_, e)| !applied.contains(e.key()))
            .map(|(i, _)| i)
            .collect();
        Ok(Some(Pending { eval, new }))
    }

    /// Evaluates every customer due and hands each one's pending work to `sink`, in
    /// id order, writing nothing (`plan`).
    pub fn plan(
        &self,
        store: &Store,
        mut sink: impl FnMut(Pending) -> Result<(), ApplyError>,
    ) -> Result<usize, ApplyError> {
        let ids = self.customers(store)?;
        for id in &ids {
            match self.evaluate(store, id) {
                Ok(Some(p)) => sink(p)?,
                Ok(None) => {}
                // One customer's unreadable row stops that customer, not the pass.
                Err(ApplyError::Store(e @ StoreError::UnreadableRow { .. })) => {
                    sink(Pending::unreadable(id, self.now, &e))?;
                }
                Err(e) => return Err(e),
            }
        }
        Ok(ids.len())
    }

    /// Evaluates every customer due and writes their new effects, a batch of
    /// customers per transaction, then records the tick. `progress` is told the
    /// number of customers, then called once per customer evaluated; `written` gets
    /// each customer's pending work with the keys this apply wrote.
    pub fn apply(
        mut self,
        store: &mut Store,
        progress: &mut dyn FnMut(Progress),
        written: &mut dyn FnMut(&Pending, &[String]),
    ) -> Result<ApplyReport, ApplyError> {
        if let Some(last) = store.last_apply_at()?.filter(|last| *last > self.now) {
            let tz = self.engine.flow().timezone;
            return Err(ApplyError::Backwards {
                at: crate::timefmt::format_instant(self.now, tz),
                last: crate::timefmt::format_instant(last, tz),
            });
        }
        let started = Utc::now();
        let new_rules = self.rules.id.is_none() && self.rules.from.is_some();
        let ids = self.customers(store)?;
        self.rules = store.begin_rule_set(&self.rules)?;
        progress(Progress::Start(ids.len()));
        let mut report = ApplyReport {
            visited: ids.len(),
            new_rules,
            ..ApplyReport::default()
        };
        // More than one batch: the next batch is evaluated on a second connection
        // while this one writes (`Store::reader`); in memory, one after the other.
        let reader = if ids.len() > BATCH {
            store.reader()?
        } else {
            None
        };
        match reader {
            None => {
                for chunk in ids.chunks(BATCH) {
                    let batch = self.evaluate_batch(store, chunk)?;
                    self.write_batch(store, batch, &mut report, progress, written)?;
                }
            }
            Some(reader) => std::thread::scope(|scope| -> Result<(), ApplyError> {
                // One batch evaluated ahead, at most: memory stays that of two.
                let (send, batches) = std::sync::mpsc::sync_channel(1);
                let pass = &self;
                let ids = &ids;
                scope.spawn(move || {
                    for chunk in ids.chunks(BATCH) {
                        let batch = pass.evaluate_batch(&reader, chunk);
                        let failed = batch.is_err();
                        // The writer stopped (an error): nothing more to evaluate.
                        if send.send(batch).is_err() || failed {
                            break;
                        }
                    }
                });
                for batch in batches {
                    self.write_batch(store, batch?, &mut report, progress, written)?;
                }
                Ok(())
            })?,
        }
        let mut counts = report.applied.clone();
        counts.insert("customers".into(), report.visited as u64);
        store.record_tick(&Tick {
            at: self.now,
            rules_digest: self.rules.digest.clone(),
            started,
            finished: Some(Utc::now()),
            counts,
        })?;
        Ok(report)
    }
}

/// One batch of customers evaluated, on its way to the connection that writes.
struct Evaluated {
    /// How many customers the batch asked for (the progress bar's steps).
    asked: usize,
    /// Each customer's pending work, with what its history read noted for the apply.
    pendings: Vec<(Pending, Option<Seen>)>,
    /// Rule errors and unreadable rows met, in customer order.
    errors: Vec<String>,
}

impl Pass<'_> {
    /// Evaluates a batch of customers on `store` (the writing store itself, or a
    /// second connection to it).
    fn evaluate_batch(&self, store: &Store, chunk: &[String]) -> Result<Evaluated, ApplyError> {
        let mut batch = Evaluated {
            asked: chunk.len(),
            pendings: Vec::with_capacity(chunk.len()),
            errors: Vec::new(),
        };
        for id in chunk {
            let evaluated = match self.evaluate(store, id) {
                // One customer's unreadable row stops that customer (left due,
                // so the next apply tries again), not the pass.
                Err(ApplyError::Store(e @ StoreError::UnreadableRow { .. })) => {
                    batch.errors.push(e.to_string());
                    continue;
                }
                other => other?,
            };
            if let Some(mut p) = evaluated {
                // A message that failed to render is retried on every apply
                // until the data or the rules are fixed.
                if !p.eval.errors.is_empty() {
                    p.eval.next_wake = Some(self.now);
                    batch.errors.extend(p.eval.errors.iter().cloned());
                }
                let seen = store.take_seen(id);
                batch.pendings.push((p, seen));
            }
        }
        Ok(batch)
    }

    /// Writes a batch's new effects in one transaction.
    fn write_batch(
        &self,
        store: &mut Store,
        batch: Evaluated,
        report: &mut ApplyReport,
        progress: &mut dyn FnMut(Progress),
        written: &mut dyn FnMut(&Pending, &[String]),
    ) -> Result<(), ApplyError> {
        (0..batch.asked).for_each(|_| progress(Progress::Customer));
        report.errors.extend(batch.errors);
        let mut pendings = Vec::with_capacity(batch.pendings.len());
        for (p, seen) in batch.pendings {
            if let Some(seen) = seen {
                store.put_seen(p.eval.customer.clone(), seen);
            }
            pendings.push(p);
        }
        let effects: Vec<_> = pendings
            .iter()
            .map(|p| (&p.eval, p.effects().collect()))
            .collect();
        let outcomes = store.apply_batch(&self.rules, &effects, self.now)?;
        for (p, outcome) in pendings.iter().zip(outcomes) {
            for (kind, n) in &outcome.by_kind {
                *report.applied.entry((*kind).to_string()).or_default() += *n as u64;
            }
            written(p, &outcome.inserted);
        }
        Ok(())
    }
}

/// Progress of an apply, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// This many customers are due.
    Start(usize),
    /// One more customer was evaluated.
    Customer,
}
