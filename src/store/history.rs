//! Reading what the engine needs about one customer, in one snapshot: the customer
//! row, its events with `known_at`, its recorded tasks, the current rules' window
//! (with the baseline it is measured against) and when it went live.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

use super::error::Result;
use super::json::Json;
use super::rule_sets::RuleSet;
use super::sqltime::{SqlTime, opt};
use super::{Seen, Store, events, tasks};
use crate::engine::{Baseline, Contact, CustomerHistory, CustomerRecord, FieldValue, RuleWindow};

impl Store {
    /// Everything the engine needs about one customer, as if the rules had held from
    /// the beginning (no rule window): for reading and tests. Runs of the rules use
    /// [`Store::history_under`].
    pub fn history(&self, customer: &str) -> Result<Option<CustomerHistory>> {
        self.history_under(customer, &RuleSet::from_the_beginning())
    }

    /// Everything the engine needs about one customer under the rule set `rules`
    /// (events in (at, id) order, recorded tasks, the rules' window), read in one
    /// snapshot; `None` for an unknown id.
    pub fn history_under(
        &self,
        customer: &str,
        rules: &RuleSet,
    ) -> Result<Option<CustomerHistory>> {
        let tx = self.conn.unchecked_transaction()?;
        let row = tx
            .prepare_cached(
                "SELECT id, name, owner, assignees, fields, contact, created_at, rev,
                        health, segment, tags, applied_at, live_from
                 FROM customers WHERE id = ?1",
            )?
            .query_row([customer], |r| {
                Ok((
                    CustomerRecord {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        owner: r.get(2)?,
                        assignees: r.get::<_, Json<BTreeMap<String, String>>>(3)?.0,
                        fields: r.get::<_, Json<BTreeMap<String, FieldValue>>>(4)?.0,
                        contact: r.get::<_, Json<Contact>>(5)?.0,
                        created_at: r.get::<_, SqlTime>(6)?.0,
                    },
                    r.get::<_, i64>(7)?,
                    Baseline {
                        health: r.get(8)?,
                        segment: r.get(9)?,
                        tags: r.get::<_, Json<Vec<String>>>(10)?.0,
                    },
                    opt(r.get(11)?),
                    opt(r.get(12)?),
                ))
            })
            .optional()
            .map_err(|e| events::unreadable("customers", customer.to_string(), customer, e))?;
        let Some((record, rev, current, applied_at, own_live_from)) = row else {
            return Ok(None);
        };
        let stored = match rules.id {
            Some(set) => tx
                .prepare_cached(
                    "SELECT health, segment, tags FROM rule_baselines
                     WHERE customer = ?1 AND rule_set = ?2",
                )?
                .query_row(rusqlite::params![customer, set], |r| {
                    Ok(Baseline {
                        health: r.get(0)?,
                        segment: r.get(1)?,
                        tags: r.get::<_, Json<Vec<String>>>(2)?.0,
                    })
                })
                .optional()?,
            None => None,
        };
        // A customer an earlier set of rules evaluated is measured against what was
        // applied; one the rules never saw has no window: nothing was applied.
        let evaluated_before = |from: DateTime<Utc>| applied_at.is_some_and(|a| a <= from);
        let (window, pending) = match (stored, rules.from) {
            (Some(b), from) => (Some((from, b)), None),
            (None, Some(from)) if evaluated_before(from) => {
                (Some((Some(from), current.clone())), Some(current))
            }
            _ => (None, None),
        };
        let rules_until = window.as_ref().and_then(|(from, _)| *from);
        let history = CustomerHistory {
            events: events::load(&tx, customer)?,
            tasks: tasks::load_recorded(&tx, customer, rules_until)?,
            rules: window.map_or_else(RuleWindow::default, |(from, baseline)| RuleWindow {
                from,
                switch: Some(rules.switch),
                baseline,
            }),
            live_from: match own_live_from {
                Some(t) => Some(t),
                None => self.live_from()?,
            },
            customer: record,
        };
        tx.finish()?;
        // Noted for the apply that follows, which takes it. A store opened
        // read-only never applies, so a pass over every customer (`plan`,
        // `list --where`) keeps nothing and its memory stays that of one customer.
        if !self.conn.is_readonly(rusqlite::MAIN_DB)? {
            self.seen.borrow_mut().insert(
                customer.to_string(),
                Seen {
                    rev,
                    baseline: pending,
                },
            );
        }
        Ok(Some(history))
    }
}
