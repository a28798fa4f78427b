//! Warnings: unreachable states, segments without `otherwise`, duplicate and
//! overlapping risk keywords, unused templates.

use std::borrow::Cow;
use std::collections::HashSet;
use std::collections::hash_map::Entry;

use super::Checker;
use super::names::Site;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;
use crate::syntax::ast::{ExprKind, Item, StateDecl, ValueKind};
use crate::text::normalized;
use rustc_hash::FxHashMap;

impl Checker<'_> {
    pub(super) fn lint(&mut self) {
        let items: Vec<_> = self.items().collect();
        let mut segments: Vec<(usize, &StateDecl)> = Vec::new();
        let mut health_seen = false;
        for (file, item) in &items {
            match item {
                Item::Health(states, _) if !health_seen => {
                    health_seen = true;
                    let list: Vec<_> = states.iter().map(|s| (*file, s)).collect();
                    self.unreachable(&list, "health state");
                }
                Item::Segment(s) => segments.push((*file, s)),
                _ => {}
            }
        }
        self.unreachable(&segments, "segment");
        if let Some((file, last)) = segments.last() {
            if !segments.iter().any(|(_, s)| s.when.is_none()) {
                self.cur = *file;
                self.report(
                    Code::SegmentWithoutOtherwise,
                    last.span,
                    crate::t!("check-no-otherwise-segment"),
                    crate::t!("check-label-may-have-no-segment"),
                )
                .help = Some(crate::t!("check-help-no-otherwise-segment"));
            }
        }
        self.keyword_overlaps(&items);
        // A misspelt `template NAME` most likely meant one of the unused ones.
        let misspelt = self.diags.iter().any(|d| d.code == Code::UnknownTemplate);
        let all_uses = if misspelt {
            Vec::new()
        } else {
            self.template_uses.clone()
        };
        for (id, uses) in all_uses.iter().enumerate() {
            if uses.is_empty() && self.flow.templates[id].name.is_some() {
                let (file, _) = self.template_sources[id];
                self.cur = file;
                let name = self.flow.templates[id].name.clone().unwrap_or_default();
                let span = self
                    .templates
                    .order
                    .iter()
                    .find(|(n, _)| *n == name.as_str())
                    .map_or_else(Default::default, |(_, s)| s.1);
                self.report(
                    Code::UnusedTemplate,
                    span,
                    crate::t!("check-unused-template", name = name),
                    crate::t!("check-label-unused"),
                )
                .help = Some(crate::t!("check-help-unused-template", name = name));
            }
        }
    }

    /// States after one that always holds can never be reached.
    fn unreachable(&mut self, states: &[(usize, &StateDecl)], what: &str) {
        let Some(pos) = states.iter().position(|(_, s)| always(s)) else {
            return;
        };
        let (cover_file, cover) = states[pos];
        for (file, s) in &states[pos + 1..] {
            let d = Diagnostic::new(
                Code::UnreachableState,
                crate::t!(
                    "check-unreachable",
                    what = crate::i18n::noun(what),
                    name = s.name.name
                ),
                self.file(*file),
                s.name.span,
                crate::t!("check-label-unreachable"),
            )
            .with_label(
                self.file(cover_file),
                cover.clause_span,
                crate::t!("check-label-always-holds", name = cover.name.name),
            )
            .with_help(crate::t!("check-help-unreachable", name = cover.name.name));
            self.diags.push(d);
        }
    }

    /// Identical keywords in two risks, and a keyword containing another risk's.
    fn keyword_overlaps(&mut self, items: &[(usize, &Item)]) {
        /// A keyword: normalized text, file, span, risk name, text as written.
        type Keyword<'k> = (Cow<'k, str>, usize, Span, &'k str, &'k str);
        let mut keywords: Vec<Keyword<'_>> = Vec::new();
        for (file, item) in items {
            if let Item::Risk(r) = item {
                for k in &r.keywords {
                    let n = normalized(&k.value);
                    if !n.is_empty() {
                        keywords.push((n, *file, k.span, &r.name.name, &k.value));
                    }
                }
            }
        }
        let texts: Vec<&str> = keywords.iter().map(|k| &*k.0).collect();
        let mut reported = HashSet::new();
        let mut found = Vec::new();
        let mut starts = Vec::new();
        let table = Contained::new(&texts);
        let mut limit = Limit::default();
        let mut budget = LOOKUP_BUDGET;
        for (i, (text, file, span, risk, raw)) in keywords.iter().enumerate() {
            found.clear();
            if !table.find(text, &mut found, &mut starts, &mut budget) {
                limit.incomplete = true;
            }
            // A keyword that contains another several times is one pair.
            found.sort_unstable();
            found.dedup();
            for &j in &found {
                let (other_text, other_file, other_span, other_risk, other_raw) = &keywords[j];
                if j == i || other_risk == risk {
                    continue;
                }
                let identical = other_text == text;
                if identical && !reported.insert((i.min(j), i.max(j))) {
                    continue;
                }
                if identical && j < i {
                    continue;
                }
                let (code, message, label) = if identical {
                    (
                        Code::DuplicateKeyword,
                        crate::t!(
                            "check-duplicate-keyword",
                            keyword = raw,
                            risk = risk,
                            other = other_risk
                        ),
                        crate::t!("check-label-same-keyword"),
                    )
                } else {
                    (
                        Code::OverlappingKeywords,
                        crate::t!(
                            "check-overlapping-keyword",
                            keyword = raw,
                            risk = risk,
                            contained = other_raw,
                            other = other_risk
                        ),
                        crate::t!("check-label-contains-keyword"),
                    )
                };
                let (primary, secondary) = if identical {
                    ((*other_file, *other_span), (*file, *span))
                } else {
                    ((*file, *span), (*other_file, *other_span))
                };
                if !limit.admit(code, primary) {
                    continue;
                }
                let d = Diagnostic::new(code, message, self.file(primary.0), primary.1, label)
                    .with_label(
                        self.file(secondary.0),
                        secondary.1,
                        if identical {
                            crate::t!("check-label-first-here")
                        } else {
                            crate::t!("check-label-keyword-contained")
                        },
                    )
                    .with_help(crate::t!("check-help-keyword-overlap"));
                self.diags.push(d);
            }
        }
        for (code, (total, first)) in limit.over() {
            let what = if code == Code::DuplicateKeyword {
                crate::t!("check-what-shared-keyword")
            } else {
                crate::t!("check-what-contained-keyword")
            };
            let incomplete = if limit.incomplete { "yes" } else { "no" };
            let d = Diagnostic::new(
                code,
                crate::t!(
                    "check-more-pairs",
                    incomplete = incomplete,
                    more = (total - MAX_PAIRS).to_string(),
                    total = total.to_string(),
                    shown = MAX_PAIRS.to_string(),
                    what = what
                ),
                self.file(first.0),
                first.1,
                crate::t!("check-label-first-not-shown"),
            )
            .with_help(crate::t!("check-help-more-pairs"));
            self.diags.push(d);
        }
    }
}

/// Most keyword pairs reported of each kind: a dictionary with hundreds of
/// overlapping keywords gets the first ones and a count, not pages of warnings.
const MAX_PAIRS: usize = 50;

/// Most substrings of keywords looked up in the keyword table: keywords that
/// repeat themselves (`法`, `法法`, … `法` × 300) contain each other in n³ ways, and
/// the search stops there (a real dictionary of thousands of risks needs a few
/// thousand lookups).
const LOOKUP_BUDGET: usize = 1_000_000;

/// Counts the keyword pairs of each kind and admits the first [`MAX_PAIRS`].
#[derive(Default)]
struct Limit {
    /// Per code: pairs seen, and where the first pair not admitted is.
    seen: Vec<(Code, usize, Option<Site>)>,
    /// Whether the search stopped at [`LOOKUP_BUDGET`]: the counts are lower bounds.
    incomplete: bool,
}

impl Limit {
    fn admit(&mut self, code: Code, at: Site) -> bool {
        let i = match self.seen.iter().position(|(c, _, _)| *c == code) {
            Some(i) => i,
            None => {
                self.seen.push((code, 0, None));
                self.seen.len() - 1
            }
        };
        let (_, count, first_over) = &mut self.seen[i];
        *count += 1;
        if *count > MAX_PAIRS {
            first_over.get_or_insert(at);
            return false;
        }
        true
    }

    /// The kinds over the limit: their total and the first pair not shown.
    fn over(&self) -> impl Iterator<Item = (Code, (usize, Site))> + '_ {
        self.seen
            .iter()
            .filter_map(|(code, total, first)| first.map(|f| (*code, (*total, f))))
    }
}

/// Which of a list of keywords occur inside a text: a hash table of the keywords
/// probed with the text's substrings.
///
/// Risk keywords are short, so this is far cheaper to build than an Aho-Corasick
/// automaton over thousands of them, and it reports the same matches in the same
/// order as that automaton's overlapping search (`MatchKind::Standard`): by end
/// position, then longest first, then in keyword order.
struct Contained<'k> {
    /// Each distinct keyword: its first and last index in the list.
    first_last: FxHashMap<&'k str, (usize, usize)>,
    /// For each keyword, the next index with the same text.
    next: Vec<Option<usize>>,
    /// Bloom filters (see [`Bloom`]) of the keywords' first characters, last
    /// characters and whole texts: most substrings of a text are no keyword, and
    /// these rule them out without hashing them.
    first_chars: Bloom,
    last_chars: Bloom,
    whole: Bloom,
}

/// A one-hash Bloom filter of 2^16 bits: "no" is certain, "maybe" is checked.
struct Bloom(Vec<u64>);

impl Bloom {
    const BITS: u32 = 16;

    fn new() -> Self {
        Self(vec![0; 1 << (Self::BITS - 6)])
    }

    /// The bit of a 64-bit key: its top bits after a multiplicative mix.
    fn bit(key: u64) -> usize {
        let h = key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - Self::BITS);
        usize::try_from(h).expect("16 bits")
    }

    fn insert(&mut self, key: u64) {
        let bit = Self::bit(key);
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    fn may_contain(&self, key: u64) -> bool {
        let bit = Self::bit(key);
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// The key of a text for [`Contained::whole`]: its length and its first and
/// last eight bytes (which, for short keywords, is all of them).
fn sketch(text: &[u8]) -> u64 {
    let n = text.len();
    let word = |part: &[u8]| part.iter().rev().fold(0, |w, &b| w << 8 | u64::from(b));
    let (head, tail) = if n >= 8 {
        let head = u64::from_le_bytes(text[..8].try_into().expect("8 bytes"));
        let tail = u64::from_le_bytes(text[n - 8..].try_into().expect("8 bytes"));
        (head, tail)
    } else {
        let w = word(text);
        (w, w)
    };
    head ^ tail.rotate_left(29) ^ n as u64
}

impl<'k> Contained<'k> {
    fn new(keywords: &[&'k str]) -> Self {
        let mut first_last: FxHashMap<&str, (usize, usize)> = FxHashMap::default();
        first_last.reserve(keywords.len());
        let mut next = vec![None; keywords.len()];
        let (mut first_chars, mut last_chars, mut whole) =
            (Bloom::new(), Bloom::new(), Bloom::new());
        for (i, k) in keywords.iter().enumerate() {
            match first_last.entry(k) {
                Entry::Occupied(mut e) => {
                    let (_, last) = e.get_mut();
                    next[*last] = Some(i);
                    *last = i;
                }
                Entry::Vacant(e) => {
                    e.insert((i, i));
                }
            }
            if let (Some(first), Some(last)) = (k.chars().next(), k.chars().next_back()) {
                first_chars.insert(u64::from(first));
                last_chars.insert(u64::from(last));
            }
            whole.insert(sketch(k.as_bytes()));
        }
        Self {
            first_last,
            next,
            first_chars,
            last_chars,
            whole,
        }
    }

    /// Appends to `out` the index of every keyword occurring in `text`, once per
    /// occurrence; `starts` is scratch space. Each table lookup spends one of
    /// `budget`; false when it ran out before the end of `text`.
    fn find(
        &self,
        text: &str,
        out: &mut Vec<usize>,
        starts: &mut Vec<usize>,
        budget: &mut usize,
    ) -> bool {
        // A keyword is valid UTF-8, so it can only match between character
        // boundaries of the text: from where a keyword's first character may
        // be to past where its last character may be.
        starts.clear();
        for (i, c) in text.char_indices() {
            if self.first_chars.may_contain(u64::from(c)) {
                starts.push(i);
            }
            let end = i + c.len_utf8();
            if !self.last_chars.may_contain(u64::from(c)) {
                continue;
            }
            for &start in starts.iter() {
                if !self.whole.may_contain(sketch(&text.as_bytes()[start..end])) {
                    continue;
                }
                let Some(left) = budget.checked_sub(1) else {
                    return false;
                };
                *budget = left;
                let Some(&(first, _)) = self.first_last.get(&text[start..end]) else {
                    continue;
                };
                let mut at = Some(first);
                while let Some(k) = at {
                    out.push(k);
                    at = self.next[k];
                }
            }
        }
        true
    }
}

/// Whether a state always holds: `otherwise`, or a condition that is literally true.
fn always(s: &StateDecl) -> bool {
    match &s.when {
        None => true,
        Some(e) => matches!(&e.kind, ExprKind::Value(v) if matches!(v.kind, ValueKind::Bool(true))),
    }
}

#[cfg(test)]
mod tests {
    use aho_corasick::AhoCorasick;
    use proptest::prelude::*;

    use super::Contained;

    /// What the lint reported before: Aho-Corasick's overlapping matches.
    fn reference(keywords: &[&str]) -> Vec<Vec<usize>> {
        let ac = AhoCorasick::new(keywords).expect("small");
        keywords
            .iter()
            .map(|k| {
                ac.find_overlapping_iter(*k)
                    .map(|m| m.pattern().as_usize())
                    .collect()
            })
            .collect()
    }

    fn ours(keywords: &[&str]) -> Vec<Vec<usize>> {
        let table = Contained::new(keywords);
        keywords
            .iter()
            .map(|k| {
                let mut out = Vec::new();
                let mut budget = usize::MAX;
                table.find(k, &mut out, &mut Vec::new(), &mut budget);
                out
            })
            .collect()
    }

    #[test]
    fn same_matches_as_aho_corasick() {
        let keywords = [
            "降价",
            "降价",
            "降",
            "价",
            "降价〔0〕",
            "a",
            "aa",
            "aaa",
            "aa",
            "b",
            "ab",
            "〔0〕",
        ];
        assert_eq!(ours(&keywords), reference(&keywords));
    }

    proptest! {
        #[test]
        fn same_matches_as_aho_corasick_on_any_keywords(
            keywords in prop::collection::vec("[ab降价é〔]{1,5}", 0..24)
        ) {
            let keywords: Vec<&str> = keywords.iter().map(String::as_str).collect();
            prop_assert_eq!(ours(&keywords), reference(&keywords));
        }
    }
}
