//! Reproducible chance: every random choice of the generator comes from a
//! [`Dice`] seeded by the run's seed and a *stream* naming what it decides (a
//! customer's profile, one stage visit, one day of one customer, one task). A
//! choice never depends on how many numbers another stream drew, so the same
//! seed gives the same store however the work is batched, and a change to one
//! part of the generator leaves the other parts' choices alone.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// What a stream of dice decides; its number keeps streams apart.
#[derive(Debug, Clone, Copy)]
pub enum Stream {
    /// The team's generated people.
    Team = 1,
    /// A customer's profile: name, owner, fields, temperament.
    Profile = 2,
    /// One stage visit of a customer: how long, where it goes next, what blocks it.
    Visit = 3,
    /// One day of one customer: contacts, notes, updates.
    Day = 4,
    /// One task the rules created: when (or whether) it is done.
    Task = 5,
    /// One signal the rules raised: whether and how it is judged.
    Signal = 6,
    /// One stage change: whether a milestone's evidence is attached.
    Evidence = 7,
}

/// A seeded source of choices.
pub struct Dice(ChaCha8Rng);

impl Dice {
    /// The dice of `stream` for the parts `ids` (a customer index, a day, …).
    pub fn new(seed: u64, stream: Stream, ids: &[u64]) -> Dice {
        let mut h = mix(seed ^ (stream as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        for id in ids {
            h = mix(h ^ mix(*id));
        }
        Dice(ChaCha8Rng::seed_from_u64(h))
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.0.random_bool(p.clamp(0.0, 1.0))
    }

    /// A number in `lo..hi` (`lo` when the range is empty).
    pub fn below(&mut self, lo: u32, hi: u32) -> u32 {
        if hi <= lo {
            lo
        } else {
            self.0.random_range(lo..hi)
        }
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        self.0.random::<f64>()
    }

    /// One of `items` (which must not be empty).
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        *self.pick_ref(items)
    }

    /// A reference to one of `items` (which must not be empty).
    pub fn pick_ref<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.0.random_range(0..items.len())]
    }

    /// One of `items` by weight (which must not all be zero).
    pub fn weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let total: u32 = items.iter().map(|(_, w)| *w).sum();
        let mut roll = self.below(0, total.max(1));
        for (item, w) in items {
            if roll < *w {
                return item;
            }
            roll -= w;
        }
        &items[items.len() - 1].0
    }
}

/// A day (negative before the history starts) as a stream part.
pub fn day_id(day: i64) -> u64 {
    u64::from_le_bytes(day.to_le_bytes())
}

/// A stable number for a text key (64-bit FNV-1a), to seed the dice of a task
/// or signal by its key.
pub fn key_id(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// `SplitMix64`'s finalizer: spreads every input bit over the output.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_stream_gives_the_same_choices_every_time() {
        let draw = || {
            let mut d = Dice::new(7, Stream::Day, &[12, 3]);
            (0..20).map(|_| d.below(0, 1000)).collect::<Vec<_>>()
        };
        assert_eq!(draw(), draw());
    }

    #[test]
    fn streams_and_parts_differ() {
        let first = |stream, ids: &[u64]| Dice::new(7, stream, ids).below(0, u32::MAX);
        assert_ne!(first(Stream::Day, &[1, 2]), first(Stream::Day, &[2, 1]));
        assert_ne!(first(Stream::Day, &[1]), first(Stream::Visit, &[1]));
        assert_ne!(
            Dice::new(7, Stream::Day, &[1]).below(0, u32::MAX),
            Dice::new(8, Stream::Day, &[1]).below(0, u32::MAX)
        );
    }

    #[test]
    fn weights_are_respected() {
        let mut d = Dice::new(1, Stream::Profile, &[]);
        let items = [("never", 0), ("always", 5)];
        assert!((0..100).all(|_| *d.weighted(&items) == "always"));
    }
}
