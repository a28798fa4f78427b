//! Keyword matching for risks and tags: one Aho-Corasick automaton per dictionary
//! over the NFKC-normalized, ASCII-case-folded keywords, so a text is scanned once
//! whatever the size of the dictionary: a DFA up to [`DFA_PATTERNS`] keywords, and
//! beyond, an anchored search where a [`PairFilter`] says a keyword can start.

use aho_corasick::automaton::Automaton as _;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, PatternID};

use super::pair_filter::PairFilter;

use crate::model::Flow;
use crate::text::normalize;

/// Dictionaries up to this many keywords are scanned with a DFA; larger ones
/// with a [`PairFilter`], whose tables stay in the fastest cache.
const DFA_PATTERNS: usize = 500;

/// A keyword hit: which entry (risk or tag) and which of its keywords.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    /// Index of the risk or tag.
    pub entry: usize,
    /// Index of the keyword within it.
    pub keyword: usize,
}

/// The automaton a dictionary is scanned with.
#[derive(Debug)]
enum Automaton {
    /// Up to [`DFA_PATTERNS`] keywords: a DFA, scanned by [`scan`].
    Dfa(Box<DFA>),
    /// Larger dictionaries: searched only where a keyword can start.
    Pairs(Box<PairFilter>),
}

/// An automaton over the keywords of a list of entries.
#[derive(Debug)]
pub struct Matcher {
    automaton: Option<Automaton>,
    /// For each pattern: (entry, keyword index).
    owners: Vec<Hit>,
}

impl Matcher {
    /// Builds the automaton over `entries`, each a list of keywords.
    pub fn new<'a>(entries: impl Iterator<Item = &'a [String]>) -> Matcher {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (entry, keywords) in entries.enumerate() {
            for (keyword, k) in keywords.iter().enumerate() {
                let n = normalize(k);
                if !n.is_empty() {
                    patterns.push(n);
                    owners.push(Hit { entry, keyword });
                }
            }
        }
        // A DFA scans fastest while its table stays in the caches (one look-up per
        // byte); the automatic choice takes it only for a few dozen patterns. No
        // prefilter: in Chinese text the bytes keywords start with are everywhere,
        // and it would be asked again at every return to the start state. A larger
        // dictionary is searched only where one of its keywords can start.
        let automaton = if patterns.is_empty() {
            None
        } else if patterns.len() <= DFA_PATTERNS {
            DFA::builder()
                .match_kind(MatchKind::Standard)
                .prefilter(false)
                .build(&patterns)
                .ok()
                .map(|dfa| Automaton::Dfa(Box::new(dfa)))
        } else {
            PairFilter::new(&patterns).map(|f| Automaton::Pairs(Box::new(f)))
        };
        Matcher { automaton, owners }
    }

    /// Every (entry, keyword) found in an already normalized text, sorted, unique.
    pub fn find(&self, normalized: &str) -> Vec<Hit> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };

        let mut hits: Vec<Hit> = Vec::new();
        match ac {
            Automaton::Dfa(dfa) => scan(dfa, normalized.as_bytes(), |p| {
                hits.push(self.owners[p.as_usize()]);
            }),
            Automaton::Pairs(filter) => filter.scan(normalized, |p| {
                hits.push(self.owners[p.as_usize()]);
            }),
        }
        hits.sort_unstable();
        hits.dedup();
        hits
    }
}

/// Every pattern ending anywhere in `text`, overlapping ones included: one
/// transition per byte, and at a match state each pattern it ends (a DFA built
/// with standard semantics carries, in every state, the matches of the states
/// its suffixes lead to). The same matches as aho-corasick's overlapping
/// iterator, without its per-match bookkeeping.
fn scan(dfa: &DFA, text: &[u8], mut found: impl FnMut(PatternID)) {
    let Ok(mut sid) = dfa.start_state(Anchored::No) else {
        return;
    };
    for &byte in text {
        sid = dfa.next_state(Anchored::No, sid, byte);
        if dfa.is_special(sid) {
            if dfa.is_dead(sid) {
                return;
            }
            for i in 0..dfa.match_len(sid) {
                found(dfa.match_pattern(sid, i));
            }
        }
    }
}

/// The matchers of a flow.
#[derive(Debug)]
pub struct Matchers {
    /// Risk keywords.
    pub risks: Matcher,
    /// Normalized `unless` phrases per risk.
    pub unless: Vec<Vec<String>>,
    /// Tag keywords.
    pub tags: Matcher,
}

impl Matchers {
    /// Compiles the flow's dictionaries.
    pub fn new(flow: &Flow) -> Matchers {
        Matchers {
            risks: Matcher::new(flow.risks.iter().map(|r| r.keywords.as_slice())),
            unless: flow
                .risks
                .iter()
                .map(|r| {
                    r.unless
                        .iter()
                        .map(|u| normalize(u))
                        .filter(|u| !u.is_empty())
                        .collect()
                })
                .collect(),
            tags: Matcher::new(flow.tags.iter().map(|t| t.keywords.as_slice())),
        }
    }

    /// Risk hits in one text, with `unless` phrases of the same text applied.
    pub fn risk_hits(&self, text: &str) -> Vec<Hit> {
        let n = crate::text::normalized(text);
        let mut hits = self.risks.find(&n);
        hits.retain(|h| !self.unless[h.entry].iter().any(|u| n.contains(u.as_str())));
        hits
    }
}

#[cfg(test)]
mod tests {
    use aho_corasick::AhoCorasick;

    use super::*;

    fn kw(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| (*w).to_string()).collect()
    }

    #[test]
    fn full_width_and_case_variants_match_each_other() {
        let entries = [kw(&["POC失败"]), kw(&["pack"])];
        let m = Matcher::new(entries.iter().map(Vec::as_slice));
        assert_eq!(
            m.find(&normalize("客户说ＰＯＣ失败了")),
            vec![Hit {
                entry: 0,
                keyword: 0
            }]
        );
        assert_eq!(
            m.find(&normalize("电池PACK厂")),
            vec![Hit {
                entry: 1,
                keyword: 0
            }]
        );
    }

    proptest::proptest! {
        /// The DFA scan finds what aho-corasick's overlapping search finds, with
        /// keywords inside, around and overlapping one another.
        #[test]
        fn the_scan_finds_every_overlapping_match(
            text in proptest::collection::vec(proptest::sample::select(vec![
                "法务", "法", "务", "审核", "法务审核", "预算", "预算冻结", "冻结",
                "erp", "erp对接", "对接", "poc", "，", "a", "客户",
            ]), 0..30)
        ) {
            let small = kw(&["法务", "法务审核", "务审", "预算冻结", "冻结", "ERP对接", "接", "POC失败"]);
            // Past `DFA_PATTERNS`: the pair filter's path, with the same keywords
            // among generated ones (some of which occur in the text too).
            let syllables = ["法", "务", "审", "核", "预", "算", "冻", "结", "客", "户", "对", "接"];
            let mut large = small.clone();
            for a in syllables {
                for b in syllables {
                    for c in ["", "议", "会", "签"] {
                        large.push(format!("{a}{b}{c}"));
                    }
                }
            }
            assert!(large.len() > DFA_PATTERNS);
            let text = text.concat();
            for keywords in [small, large] {
                let entries = [keywords];
                let m = Matcher::new(entries.iter().map(Vec::as_slice));
                let patterns: Vec<String> = entries[0].iter().map(|k| normalize(k)).collect();
                let reference = AhoCorasick::new(&patterns).unwrap();
                let mut want: Vec<Hit> = reference
                    .find_overlapping_iter(&text)
                    .map(|h| Hit { entry: 0, keyword: h.pattern().as_usize() })
                    .collect();
                want.sort_unstable();
                want.dedup();
                proptest::prop_assert_eq!(m.find(&text), want);
            }
        }
    }

    /// A dictionary past `DFA_PATTERNS` (the pair filter's path): a keyword of one
    /// character wherever it stands (last, before punctuation), keywords inside
    /// and overlapping others, full-width and upper-case text.
    #[test]
    fn a_large_dictionary_finds_single_characters_and_overlaps() {
        let mut keywords = kw(&["接", "法务", "法务审核", "务审", "ERP对接"]);
        keywords.extend((0..600).map(|i| format!("编号{i}")));
        let entries = [keywords];
        let m = Matcher::new(entries.iter().map(Vec::as_slice));
        let hit = |keyword| Hit { entry: 0, keyword };
        assert_eq!(m.find(&normalize("对接")), vec![hit(0)]);
        assert_eq!(m.find(&normalize("接，好")), vec![hit(0)]);
        assert_eq!(
            m.find(&normalize("法务审核后ＥＲＰ对接")),
            vec![hit(0), hit(1), hit(2), hit(3), hit(4)]
        );
        // 编号1, 编号12; 编号5, 编号59, 编号599.
        assert_eq!(m.find(&normalize("编号12与编号599")).len(), 5);
        assert_eq!(m.find(&normalize("没有关键词的一句话")), vec![]);
    }

    #[test]
    fn one_text_gives_every_tag_it_mentions() {
        let entries = [
            kw(&["新能源", "光伏"]),
            kw(&["汽车", "整车"]),
            kw(&["电池", "pack"]),
        ];
        let m = Matcher::new(entries.iter().map(Vec::as_slice));
        let hits = m.find(&normalize("新能源汽车电池pack厂(宁德时代二级供应商)"));
        let entries: Vec<usize> = hits.iter().map(|h| h.entry).collect();
        assert_eq!(entries, [0, 1, 2, 2]);
    }
}
