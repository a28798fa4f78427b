//! A fast, non-cryptographic hasher for the checker's symbol tables.
//!
//! The standard `HashMap` hashes with `SipHash`, which resists collision attacks
//! but costs ~100 instructions per short name. The names hashed here come from the
//! flow being checked, not from an adversary over a network, so a multiplicative
//! hash in the style of rustc's `FxHash` (a word at a time) is enough.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` hashed with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// See the module documentation.
#[derive(Default, Clone, Copy)]
pub struct FastHasher {
    hash: u64,
}

/// An odd constant with well-spread bits (the one of `rustc-hash` 2).
const SEED: u64 = 0xf135_7aea_2e62_a9c5;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.hash = self.hash.wrapping_add(word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
        // Tell "ab" + "" from "a" + "b" when several fields are hashed.
        self.add(bytes.len() as u64);
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        // The multiplication leaves the best-mixed bits at the top; hashbrown
        // takes its bucket index from the bottom ones.
        self.hash.rotate_left(26)
    }
}

#[cfg(test)]
mod tests {
    use super::FastMap;

    #[test]
    fn finds_what_it_holds() {
        let mut m: FastMap<&str, usize> = FastMap::default();
        let words = [
            "",
            "a",
            "ab",
            "降价",
            "降价〔0〕",
            "customer.estimated_margin",
        ];
        for (i, w) in words.iter().enumerate() {
            m.insert(w, i);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(m.get(w), Some(&i));
        }
        assert_eq!(m.get("降"), None);
    }
}
