//! What every part of the generator reads: the run's seed, the flow and what is
//! derived from it once (its pipeline, its note writer, the event kinds people
//! record), the team's owners and presales, and the days of the history.

use super::clock::Clock;
use super::notes::Notes;
use super::people::Roster;
use super::stages::Pipeline;
use crate::model::{BUILTIN_EVENT_KINDS, Flow};

/// How often each kind of contact is recorded, by the kind's name.
const KIND_WEIGHTS: [(&str, u32); 5] = [
    ("visit", 30),
    ("call", 30),
    ("wechat", 25),
    ("email", 10),
    ("meeting", 5),
];

/// The generator's fixed inputs.
pub struct Ctx<'f> {
    /// The seed.
    pub seed: u64,
    /// The rules.
    pub flow: &'f Flow,
    /// The days.
    pub clock: Clock<'f>,
    /// The pipeline.
    pub pipeline: Pipeline,
    /// Notes with the flow's risk words.
    pub notes: Notes,
    /// Owners and presales.
    pub roster: Roster,
    /// Kinds of contact people record, by weight.
    pub contact_kinds: Vec<(String, u32)>,
    /// Customers in all.
    pub customers: u32,
    /// Digits of a customer id's number.
    width: usize,
}

impl<'f> Ctx<'f> {
    /// The context of a run.
    pub fn new(
        seed: u64,
        flow: &'f Flow,
        clock: Clock<'f>,
        roster: Roster,
        customers: u32,
    ) -> Self {
        Ctx {
            seed,
            flow,
            clock,
            pipeline: Pipeline::new(flow),
            notes: Notes::new(flow),
            roster,
            contact_kinds: contact_kinds(flow),
            customers,
            width: customers.to_string().len().max(4),
        }
    }

    /// Whether the flow declares an event kind.
    pub fn has_kind(&self, kind: &str) -> bool {
        self.flow.event_kinds.iter().any(|k| k == kind)
    }

    /// The id of customer `index` (from 0): `c0001`, in creation order.
    pub fn customer_id(&self, index: u32) -> String {
        format!("c{:0w$}", index + 1, w = self.width)
    }

    /// The index of a customer id made by [`Ctx::customer_id`].
    pub fn customer_index(id: &str) -> Option<u32> {
        id.strip_prefix('c')?.parse::<u32>().ok()?.checked_sub(1)
    }
}

/// The kinds of the flow's `contact` group when it has one, else every kind it
/// declares, with the usual shares of visits, calls and chats.
fn contact_kinds(flow: &Flow) -> Vec<(String, u32)> {
    let grouped: Vec<String> = flow
        .event_groups
        .iter()
        .find(|g| g.name == "contact")
        .map_or_else(
            || {
                flow.event_kinds
                    .iter()
                    .filter(|k| !BUILTIN_EVENT_KINDS.contains(&k.as_str()))
                    .filter(|k| !matches!(k.as_str(), "demo" | "demo_cancelled"))
                    .cloned()
                    .collect()
            },
            |g| {
                g.kinds
                    .iter()
                    .map(|k| flow.event_kinds[k.index()].clone())
                    .collect()
            },
        );
    let mut kinds: Vec<(String, u32)> = grouped
        .into_iter()
        .map(|k| {
            let w = KIND_WEIGHTS
                .iter()
                .find(|(name, _)| *name == k)
                .map_or(10, |(_, w)| *w);
            (k, w)
        })
        .collect();
    if kinds.is_empty() {
        // A flow that declares no kind of its own still takes notes.
        kinds.push(("note".to_string(), 1));
    }
    kinds
}
