//! What an `apply` queued for whom: the tasks and outbox messages it wrote,
//! grouped by recipient, for the summary line after `apply` (and its JSON).
//! Messages recorded as suppressed (before the customer went live) are counted
//! apart: they are never sent.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::apply::Pending;
use crate::engine::Effect;
use crate::team::Team;

/// One task or message written by the apply.
struct Item {
    /// Person id, or the customer id for `message customer`.
    to: String,
    /// Whether `to` is the customer.
    to_customer: bool,
    customer: String,
    /// `task`, `notify` or `message`.
    kind: &'static str,
    cc: Vec<String>,
    suppressed: bool,
}

/// Everything one apply queued.
#[derive(Default)]
pub(super) struct Queued {
    items: Vec<Item>,
}

impl Queued {
    /// Takes the tasks and messages among the effects this apply wrote.
    pub(super) fn collect(&mut self, pending: &Pending, inserted: &[String]) {
        let customer = &pending.eval.customer;
        for e in pending
            .effects()
            .filter(|e| inserted.iter().any(|k| k == e.key()))
        {
            let item = match e {
                Effect::Task {
                    assignee,
                    suppressed,
                    ..
                } => Item {
                    to: assignee.clone(),
                    to_customer: false,
                    customer: customer.clone(),
                    kind: e.kind(),
                    cc: Vec::new(),
                    suppressed: *suppressed,
                },
                Effect::Outbox {
                    recipient,
                    cc,
                    suppressed,
                    ..
                } => {
                    let to_customer = recipient == "customer";
                    Item {
                        to: if to_customer {
                            customer.clone()
                        } else {
                            recipient.clone()
                        },
                        to_customer,
                        customer: customer.clone(),
                        kind: e.kind(),
                        cc: cc.clone(),
                        suppressed: *suppressed,
                    }
                }
                _ => continue,
            };
            self.items.push(item);
        }
    }

    /// `queued: 王工 (wang): 1 task, 1 notify; customer c1: 1 message`, or nothing
    /// when the apply queued nothing.
    pub(super) fn line(&self, team: &Team) -> Option<String> {
        let mut by_whom: BTreeMap<(bool, &str), BTreeMap<&str, usize>> = BTreeMap::new();
        let mut suppressed = 0;
        for item in &self.items {
            if item.suppressed {
                suppressed += 1;
            } else {
                *by_whom
                    .entry((item.to_customer, item.to.as_str()))
                    .or_default()
                    .entry(item.kind)
                    .or_default() += 1;
            }
        }
        if by_whom.is_empty() && suppressed == 0 {
            return None;
        }
        let separator = t!("list-separator");
        let entries: Vec<String> = by_whom
            .iter()
            .map(|((to_customer, to), kinds)| {
                let who = if *to_customer {
                    t!("apply-queued-customer", id = *to)
                } else {
                    match team.person(to) {
                        Some(person) if person.name != *to => format!("{} ({to})", person.name),
                        _ => (*to).to_string(),
                    }
                };
                let what: Vec<String> = kinds
                    .iter()
                    .map(|(kind, n)| format!("{n} {}", super::plan::kind_name(kind)))
                    .collect();
                t!(
                    "apply-queued-entry",
                    who = who,
                    what = what.join(separator.as_str())
                )
            })
            .collect();
        let mut line = if entries.is_empty() {
            String::new()
        } else {
            t!(
                "apply-queued",
                list = entries.join(t!("apply-queued-separator").as_str())
            )
        };
        if suppressed > 0 {
            if !line.is_empty() {
                line.push_str(&t!("apply-queued-separator"));
            }
            line.push_str(&t!("apply-suppressed", n = suppressed));
        }
        Some(line)
    }

    /// `[{"to", "customer", "kind", "cc", "suppressed"}]`.
    pub(super) fn json(&self) -> Value {
        Value::Array(
            self.items
                .iter()
                .map(|i| {
                    json!({
                        "to": if i.to_customer { "customer" } else { i.to.as_str() },
                        "customer": i.customer,
                        "kind": i.kind,
                        "cc": i.cc,
                        "suppressed": i.suppressed,
                    })
                })
                .collect(),
        )
    }
}
