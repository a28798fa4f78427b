//! Writing one customer's evaluation: in ONE transaction, every new effect into its
//! table and its key into the `effects` ledger, the timers, the stage visits, the
//! tasks' and signals' states, the derived columns, the wake-up time, and the
//! baseline of a rule set that first evaluates the customer. All or nothing.
//!
//! Exactly once: each effect first claims its key in `effects` with
//! `ON CONFLICT DO NOTHING`; only a claim that inserted a row writes the effect.
//! Signals, by far the most numerous effect, claim their key in their own table
//! (unique by event, risk and keyword, which the key is made of) the same way,
//! and take no ledger row.
//! Write transactions are `BEGIN IMMEDIATE`, so two processes applying the same
//! customer run one after the other and the second finds every key taken.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{CachedStatement, OptionalExtension, Transaction, params};
use serde::Serialize;

use super::error::{Result, StoreError};
use super::events::{self, NewEvent};
use super::json::Json;
use super::rule_sets::RuleSet;
use super::sqltime::SqlTime;
use super::tasks::{self, TaskRow};
use super::texts::Texts;
use super::{Seen, Store, TaskId};
use crate::engine::{Effect, Evaluation};

/// What [`Store::apply_customer`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ApplyOutcome {
    /// Keys of the effects this call wrote, in the order given.
    pub inserted: Vec<String>,
    /// How many of them per kind ([`Effect::kind`]).
    pub by_kind: BTreeMap<&'static str, usize>,
    /// Effects whose key was already applied (by an earlier or a concurrent
    /// apply): not written again.
    pub already_applied: usize,
    /// The customer stays `dirty`: a record arrived after its history was read, or
    /// this apply recorded a field change the next evaluation must read.
    pub still_dirty: bool,
}

impl Store {
    /// Every effect key applied to the customer so far.
    pub fn applied_keys(&self, customer: &str) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key FROM effects WHERE customer = ?1
             UNION ALL SELECT key FROM signals WHERE customer = ?1",
        )?;
        let keys = stmt.query_map([customer], |r| r.get(0))?;
        Ok(keys.collect::<rusqlite::Result<_>>()?)
    }

    /// Writes the customer's evaluation at `now` in one transaction: each of
    /// `new_effects` into its table (once, whatever else runs), every key into the
    /// ledger, timers upserted from `eval.timers`, stage visits replaced by
    /// `eval.visits`, stage/health/segment/tags, `wake_at = eval.next_wake`, and
    /// `dirty` cleared unless records arrived since [`Store::history`] read them.
    pub fn apply_customer(
        &mut self,
        rules: &RuleSet,
        eval: &Evaluation,
        new_effects: &[&Effect],
        now: DateTime<Utc>,
    ) -> Result<ApplyOutcome> {
        let seen = self.seen.borrow_mut().remove(&eval.customer);
        self.write(|tx| {
            let claims = &mut Claims::prepare(tx)?;
            apply_one(tx, claims, rules, eval, new_effects, now, seen.as_ref())
        })
    }

    /// [`Store::apply_customer`] for several customers in one transaction: each
    /// customer is still all or nothing (the batch is), and a page an index shares
    /// between customers is written once per batch instead of once per customer.
    pub fn apply_batch(
        &mut self,
        rules: &RuleSet,
        batch: &[(&Evaluation, Vec<&Effect>)],
        now: DateTime<Utc>,
    ) -> Result<Vec<ApplyOutcome>> {
        let seen: Vec<Option<Seen>> = {
            let mut seen = self.seen.borrow_mut();
            batch
                .iter()
                .map(|(eval, _)| seen.remove(&eval.customer))
                .collect()
        };
        self.without_reference_checks(|store| {
            store.write(|tx| {
                let claims = &mut Claims::prepare(tx)?;
                batch
                    .iter()
                    .zip(&seen)
                    .map(|((eval, new), seen)| {
                        apply_one(tx, claims, rules, eval, new, now, seen.as_ref())
                    })
                    .collect()
            })
        })
    }
}

/// What one write transaction reuses from one effect to the next: the two
/// statements that claim keys, prepared once rather than looked up in the
/// statement cache for every effect, and the ids of texts.
struct Claims<'tx> {
    /// A ledger row in `effects`.
    effect: CachedStatement<'tx>,
    /// A signal, which is its own claim.
    signal: CachedStatement<'tx>,
    /// Per risk, the strategy its signals were written with and its id in `texts`
    /// (kept by risk, so a signal's strategy is not serialized to be looked up).
    strategies: HashMap<String, (Vec<String>, i64)>,
    /// The ids of texts looked up or added in this transaction.
    texts: Texts,
}

impl<'tx> Claims<'tx> {
    fn prepare(tx: &'tx Transaction<'_>) -> Result<Self> {
        Ok(Claims {
            effect: tx.prepare_cached(
                "INSERT INTO effects (key, customer, kind, at, applied_at, detail)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (key) DO NOTHING",
            )?,
            signal: tx.prepare_cached(
                "INSERT INTO signals (customer, risk, event, keyword, norm, at, strategy)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
            )?,
            strategies: HashMap::new(),
            texts: Texts::default(),
        })
    }
}

/// Writes one customer's evaluation inside a transaction.
fn apply_one(
    tx: &Transaction<'_>,
    claims: &mut Claims<'_>,
    rules: &RuleSet,
    eval: &Evaluation,
    new_effects: &[&Effect],
    now: DateTime<Utc>,
    seen: Option<&Seen>,
) -> Result<ApplyOutcome> {
    let customer = eval.customer.as_str();
    let rev: i64 = tx
        .prepare_cached("SELECT rev FROM customers WHERE id = ?1")?
        .query_row([customer], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::UnknownCustomer(customer.to_string()))?;
    let mut outcome = ApplyOutcome::default();
    let mut field_changed = false;
    for effect in new_effects {
        let written = if let Effect::Signal { .. } = effect {
            write_signal(tx, claims, customer, effect)?
        } else {
            claim(claims, customer, effect, now)? && {
                write_effect(tx, &mut claims.texts, customer, effect, now)?;
                true
            }
        };
        if !written {
            outcome.already_applied += 1;
            continue;
        }
        field_changed |= matches!(effect, Effect::FieldChange { .. });
        outcome.inserted.push(effect.key().to_string());
        *outcome.by_kind.entry(effect.kind()).or_default() += 1;
    }
    if let (Some(set), Some(baseline)) = (rules.id, seen.and_then(|s| s.baseline.as_ref())) {
        tx.prepare_cached(
            "INSERT INTO rule_baselines (customer, rule_set, health, segment, tags)
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
        )?
        .execute(params![
            customer,
            set,
            baseline.health,
            baseline.segment,
            Json(&baseline.tags)
        ])?;
    }
    write_task_states(tx, eval)?;
    write_verdicts(tx, eval)?;
    write_timers(tx, customer, eval)?;
    write_visits(tx, customer, eval)?;
    outcome.still_dirty = field_changed || seen.is_some_and(|s| s.rev != rev);
    tx.prepare_cached(
        "UPDATE customers SET stage = ?2, health = ?3, segment = ?4, tags = ?5,
                wake_at = ?6, dirty = ?7, applied_at = ?8
         WHERE id = ?1",
    )?
    .execute(params![
        customer,
        eval.stage,
        eval.health.as_ref().map(|(state, _)| state),
        eval.segment,
        Json(&eval.tags),
        eval.next_wake.map(SqlTime::ceil),
        outcome.still_dirty,
        SqlTime(now),
    ])?;
    Ok(outcome)
}

/// Tasks closed (or still open) as the engine decided: a `task_done` event closes
/// the task it names, never before the task was created.
fn write_task_states(tx: &Transaction<'_>, eval: &Evaluation) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "UPDATE tasks SET done_at = ?2, done_event = ?3
         WHERE key = ?1 AND (done_at, done_event) IS NOT (?2, ?3)",
    )?;
    for t in &eval.tasks {
        stmt.execute(params![t.key, t.done_at.map(SqlTime), t.done_event])?;
    }
    Ok(())
}

/// Each signal's latest verdict, as the engine applied it: the customer's signals
/// read once, and only those whose verdict changed written. When the engine
/// judged none of them, only the stored verdicts can differ (`signals_judged`
/// lists them, and for most customers nothing).
fn write_verdicts(tx: &Transaction<'_>, eval: &Evaluation) -> Result<()> {
    if eval.signals.is_empty() {
        return Ok(());
    }
    let sql = if eval.signals.iter().any(|s| s.verdict.is_some()) {
        "SELECT id, key, verdict FROM signals WHERE customer = ?1"
    } else {
        "SELECT id, key, verdict FROM signals WHERE customer = ?1 AND verdict IS NOT NULL"
    };
    let wanted: HashMap<&str, Option<&str>> = eval
        .signals
        .iter()
        .map(|s| {
            let verdict = s.verdict.map(|c| if c { "confirmed" } else { "false" });
            (s.key.as_str(), verdict)
        })
        .collect();
    let mut changed = Vec::new();
    {
        let mut stmt = tx.prepare_cached(sql)?;
        let mut rows = stmt.query([&eval.customer])?;
        while let Some(r) = rows.next()? {
            let key: String = r.get(1)?;
            let old: Option<String> = r.get(2)?;
            if let Some(&verdict) = wanted.get(key.as_str()) {
                if verdict != old.as_deref() {
                    changed.push((r.get::<_, i64>(0)?, verdict));
                }
            }
        }
    }
    let mut stmt = tx.prepare_cached("UPDATE signals SET verdict = ?2 WHERE id = ?1")?;
    for (id, verdict) in changed {
        stmt.execute(params![id, verdict])?;
    }
    Ok(())
}

/// Records the effect's key in the ledger; false when it was there already.
fn claim(
    claims: &mut Claims<'_>,
    customer: &str,
    effect: &Effect,
    now: DateTime<Utc>,
) -> Result<bool> {
    // Kinds without a table of their own keep the whole effect here.
    let detail = match effect {
        Effect::StageAction { .. } | Effect::Tag { .. } | Effect::Segment { .. } => {
            Some(Json(effect))
        }
        _ => None,
    };
    let n = claims.effect.execute(params![
        effect.key(),
        customer,
        effect.kind(),
        SqlTime(effect_at(effect)),
        SqlTime(now),
        detail,
    ])?;
    Ok(n == 1)
}

/// Inserts a signal unless its key is taken (the signal's claim); false when it
/// was there already.
fn write_signal(
    tx: &Transaction<'_>,
    claims: &mut Claims<'_>,
    customer: &str,
    effect: &Effect,
) -> Result<bool> {
    let Effect::Signal {
        key,
        at,
        risk,
        event,
        keyword,
        strategy,
    } = effect
    else {
        return Ok(false);
    };
    debug_assert_eq!(
        key,
        &crate::engine::signal_key(customer, risk, *event, keyword)
    );
    // A risk's signals share its strategy: its id is kept per risk.
    let strategy = match claims.strategies.get(risk.as_str()) {
        Some((kept, id)) if kept == strategy => *id,
        _ => {
            let text = serde_json::to_string(strategy)
                .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
            let id = claims.texts.id(tx, &text)?;
            claims
                .strategies
                .insert(risk.clone(), (strategy.clone(), id));
            id
        }
    };
    let matched = crate::text::normalized(keyword);
    let norm = (matched != keyword.as_str()).then_some(&*matched);
    let n = claims.signal.execute(params![
        customer,
        risk,
        event,
        keyword,
        norm,
        SqlTime(*at),
        strategy
    ])?;
    Ok(n == 1)
}

/// When the effect happened (or was due).
fn effect_at(effect: &Effect) -> DateTime<Utc> {
    match effect {
        Effect::Health { at, .. }
        | Effect::Segment { at, .. }
        | Effect::Tag { at, .. }
        | Effect::Signal { at, .. }
        | Effect::StageAction { at, .. }
        | Effect::FieldChange { at, .. } => *at,
        Effect::Task { created_at, .. } | Effect::Outbox { created_at, .. } => *created_at,
        Effect::EscalationStep { due_at, .. } => *due_at,
    }
}

fn write_effect(
    tx: &Transaction<'_>,
    texts: &mut Texts,
    customer: &str,
    effect: &Effect,
    now: DateTime<Utc>,
) -> Result<()> {
    match effect {
        Effect::Health {
            key,
            at,
            from,
            to,
            evidence,
        } => {
            tx.prepare_cached(
                "INSERT INTO health_changes
                   (key, customer, from_state, to_state, at, rule, witness, creation, elapsed)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                key,
                customer,
                from,
                to,
                SqlTime(*at),
                texts.id(tx, &evidence.rule)?,
                Json(&evidence.events),
                evidence.creation,
                evidence.elapsed,
            ])?;
        }
        Effect::Task {
            key,
            title,
            assignee,
            role,
            created_at,
            due_at,
            origin,
            suppressed,
        } => {
            tasks::upsert(
                tx,
                &TaskRow {
                    id: TaskId(0),
                    key: key.clone(),
                    customer: customer.to_string(),
                    title: title.clone(),
                    role: role.clone(),
                    assignee: assignee.clone(),
                    created_at: *created_at,
                    due_at: Some(*due_at),
                    done_at: None,
                    origin: origin.clone(),
                    source: "rules".into(),
                    suppressed: *suppressed,
                },
            )?;
        }
        Effect::EscalationStep {
            key,
            escalation,
            epoch,
            step,
            due_at,
        } => {
            tx.prepare_cached(
                "INSERT INTO fired_steps (key, customer, escalation, epoch, step, due_at, fired_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                key,
                customer,
                escalation,
                epoch,
                step,
                SqlTime(*due_at),
                SqlTime(now)
            ])?;
        }
        Effect::Outbox {
            key,
            created_at,
            kind,
            recipient,
            cc,
            subject,
            body,
            origin,
            // Not stored: the outbox keeps the rendered text.
            template: _,
            suppressed,
        } => {
            tx.prepare_cached(
                "INSERT INTO outbox (key, customer, created_at, kind, recipient, cc, subject,
                                     body, origin, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                key,
                customer,
                SqlTime(*created_at),
                kind,
                recipient,
                Json(cc),
                subject,
                body,
                origin,
                if *suppressed { "suppressed" } else { "pending" },
            ])?;
        }
        Effect::FieldChange {
            key,
            at,
            field,
            value,
        } => {
            let mut event = NewEvent::new(customer, *at, "field_change", "rules");
            event.attrs.insert("field".into(), field.clone());
            event.attrs.insert("value".into(), value.clone());
            events::insert(tx, &event, &format!("rules:{key}"))?;
        }
        // Signals are written by `write_signal`, which is also their claim.
        Effect::StageAction { .. }
        | Effect::Tag { .. }
        | Effect::Segment { .. }
        | Effect::Signal { .. } => {}
    }
    Ok(())
}

fn write_timers(tx: &Transaction<'_>, customer: &str, eval: &Evaluation) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO timers (customer, escalation, epoch, started_at, pauses, state,
                             next_step, next_due, skipped, ended_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (customer, escalation, epoch) DO UPDATE SET
           started_at = excluded.started_at, pauses = excluded.pauses, state = excluded.state,
           next_step = excluded.next_step, next_due = excluded.next_due,
           skipped = excluded.skipped, ended_at = excluded.ended_at",
    )?;
    for t in &eval.timers {
        stmt.execute(params![
            customer,
            t.escalation,
            t.epoch,
            SqlTime(t.started_at),
            Json(&t.pauses),
            t.state,
            t.next.as_ref().map(|(step, _)| step),
            t.next.as_ref().map(|(_, due)| SqlTime(*due)),
            Json(&t.skipped),
            t.ended_at.map(SqlTime),
        ])?;
    }
    Ok(())
}

fn write_visits(tx: &Transaction<'_>, customer: &str, eval: &Evaluation) -> Result<()> {
    tx.prepare_cached("DELETE FROM stage_visits WHERE customer = ?1")?
        .execute([customer])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO stage_visits (customer, seq, stage, entered_at, left_at, evidence, event)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (seq, v) in eval.visits.iter().enumerate() {
        stmt.execute(params![
            customer,
            i64::try_from(seq).unwrap_or(i64::MAX),
            v.stage,
            SqlTime(v.entered_at),
            v.left_at.map(SqlTime),
            Json(&v.evidence),
            v.event,
        ])?;
    }
    Ok(())
}
