//! A message on its way out: the stored row, routed to one channel, with the
//! people it names there. Every channel kind builds its request from this.

use chrono_tz::Tz;

use super::route::Addressee;
use crate::store::OutboxRow;

/// A routed message.
#[derive(Debug, Clone, Copy)]
pub struct Outgoing<'a> {
    /// The row.
    pub row: &'a OutboxRow,
    /// The customer's name (`None`: a digest).
    pub customer_name: Option<&'a str>,
    /// The recipient.
    pub to: &'a Addressee,
    /// The copies.
    pub cc: &'a [Addressee],
    /// The flow's zone, for times in payloads.
    pub tz: Tz,
}

impl Outgoing<'_> {
    /// Everyone named, recipient first, each once.
    pub fn everyone(&self) -> Vec<&Addressee> {
        let mut out: Vec<&Addressee> = Vec::with_capacity(1 + self.cc.len());
        for a in std::iter::once(self.to).chain(self.cc) {
            if !out.iter().any(|b| b.id == a.id) {
                out.push(a);
            }
        }
        out
    }

    /// The handles of everyone named who has one on the channel.
    pub fn handles(&self) -> Vec<String> {
        self.everyone()
            .into_iter()
            .filter_map(|a| a.handle.clone())
            .collect()
    }
}
