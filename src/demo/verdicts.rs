//! Judging risk signals, as a team does in its weekly review or a loss review:
//! about two in three signals get a verdict within a few weeks, and about one
//! judged in five is a false alarm (the keyword was there, the risk was not),
//! which is what `risk_accuracy` measures.

use chrono::{DateTime, Utc};

use super::agenda::Job;
use super::clock::Clock;
use super::dice::{Dice, Stream, key_id};
use crate::store::Verdict;

/// Share of signals that are judged.
const JUDGED: f64 = 0.65;
/// Share of judged signals confirmed.
const CONFIRMED: f64 = 0.78;

/// A signal the rules raised.
pub struct NewSignal<'a> {
    /// The customer.
    pub customer: &'a str,
    /// The signal's key.
    pub key: &'a str,
    /// When the matched event happened.
    pub at: DateTime<Utc>,
    /// Who judges it (the owner).
    pub judge: &'a str,
}

/// Whether, when and how the signal is judged: a [`Job::Judge`] on its day,
/// never before `after` (the apply that raised it).
pub fn judging(
    seed: u64,
    clock: &Clock<'_>,
    signal: &NewSignal<'_>,
    after: DateTime<Utc>,
) -> Option<(i64, Job)> {
    let mut dice = Dice::new(seed, Stream::Signal, &[key_id(signal.key)]);
    if !dice.chance(JUDGED) {
        return None;
    }
    let verdict = if dice.chance(CONFIRMED) {
        Verdict::Confirmed
    } else {
        Verdict::False
    };
    let day = clock.day_of(signal.at.max(after)) + i64::from(dice.below(1, 21));
    let at = clock.office_time(day, &mut dice);
    Some((
        day,
        Job::Judge {
            customer: signal.customer.to_string(),
            key: signal.key.to_string(),
            verdict,
            at,
            actor: signal.judge.to_string(),
        },
    ))
}
