//! Keyword matching for risks and tags: one Aho-Corasick automaton per flow over
//! the NFKC-normalized, ASCII-case-folded keywords, so a text is scanned once
//! whatever the size of the dictionary.

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::model::Flow;
use crate::text::normalize;

/// Dictionaries up to this many keywords are matched with a DFA.
const DFA_PATTERNS: usize = 10_000;

/// A keyword hit: which entry (risk or tag) and which of its keywords.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    /// Index of the risk or tag.
    pub entry: usize,
    /// Index of the keyword within it.
    pub keyword: usize,
}

/// An automaton over the keywords of a list of entries.
#[derive(Debug)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
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
        // A DFA scans fastest (one table look-up per byte); the automatic choice
        // takes it only for a few dozen patterns. Up to `DFA_PATTERNS` keywords its
        // tables stay within a few megabytes; beyond, aho-corasick chooses.
        let kind = (patterns.len() <= DFA_PATTERNS).then_some(AhoCorasickKind::DFA);
        let automaton = if patterns.is_empty() {
            None
        } else {
            AhoCorasick::builder().kind(kind).build(&patterns).ok()
        };
        Matcher { automaton, owners }
    }

    /// Every (entry, keyword) found in an already normalized text, sorted, unique.
    pub fn find(&self, normalized: &str) -> Vec<Hit> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };

        let mut hits: Vec<Hit> = ac
            .find_overlapping_iter(normalized)
            .map(|m| self.owners[m.pattern().as_usize()])
            .collect();
        hits.sort_unstable();
        hits.dedup();
        hits
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
