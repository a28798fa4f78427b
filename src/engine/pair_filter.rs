//! Where a keyword can start, told by its first two characters: the scan of a
//! large dictionary. Two thousand Chinese keywords make a DFA over UTF-8 bytes of
//! tens of thousands of states, too large for the processor's caches, and a
//! Chinese character costs three of its transitions; most positions of a note
//! start no keyword. Here a text is read a character at a time against a bit per
//! (hashed) pair of first characters, small enough to stay in the fastest cache,
//! and aho-corasick searches, anchored, only where a keyword can start: every
//! keyword starting there is reported, so overlapping ones are all found.

use aho_corasick::automaton::OverlappingState;
use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, PatternID, StartKind};

/// Bits per table: 8 KiB each.
const BITS: u32 = 1 << 16;

/// The prefilter and the anchored search of one dictionary.
#[derive(Debug)]
pub(super) struct PairFilter {
    /// A bit per hash of the first two characters of a keyword of two or more.
    pairs: Box<[u64]>,
    /// A bit per hash of a keyword of one character.
    singles: Box<[u64]>,
    /// The keywords, searched from a position where one can start.
    anchored: AhoCorasick,
}

impl PairFilter {
    /// The filter over normalized, non-empty `patterns`; `None` if aho-corasick
    /// cannot build them.
    pub(super) fn new(patterns: &[String]) -> Option<PairFilter> {
        let words = usize::try_from(BITS / 64).ok()?;
        let mut pairs = vec![0u64; words].into_boxed_slice();
        let mut singles = vec![0u64; words].into_boxed_slice();
        for p in patterns {
            let mut chars = p.chars();
            let Some(first) = chars.next() else {
                continue;
            };
            match chars.next() {
                Some(second) => set(&mut pairs, pair(first, second)),
                None => set(&mut singles, one(first)),
            }
        }
        let anchored = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Anchored)
            .build(patterns)
            .ok()?;
        Some(PairFilter {
            pairs,
            singles,
            anchored,
        })
    }

    /// Every pattern occurring in `text`, overlapping ones included.
    pub(super) fn scan(&self, text: &str, mut found: impl FnMut(PatternID)) {
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let starts = test(&self.singles, one(c))
                || chars
                    .peek()
                    .is_some_and(|&(_, next)| test(&self.pairs, pair(c, next)));
            if !starts {
                continue;
            }
            let input = Input::new(text).range(i..).anchored(Anchored::Yes);
            let mut state = OverlappingState::start();
            loop {
                self.anchored.find_overlapping(input.clone(), &mut state);
                let Some(m) = state.get_match() else {
                    break;
                };
                found(m.pattern());
            }
        }
    }
}

/// A character's bit.
fn one(c: char) -> u32 {
    u32::from(c).wrapping_mul(0x9E37_79B1) >> 16
}

/// A pair's bit.
fn pair(a: char, b: char) -> u32 {
    (u32::from(a).wrapping_mul(0x9E37_79B1) ^ u32::from(b).wrapping_mul(0x85EB_CA77)) >> 16
}

fn set(bits: &mut [u64], bit: u32) {
    if let Some(word) = bits.get_mut((bit / 64) as usize) {
        *word |= 1 << (bit % 64);
    }
}

fn test(bits: &[u64], bit: u32) -> bool {
    bits.get((bit / 64) as usize)
        .is_some_and(|word| word & (1 << (bit % 64)) != 0)
}
