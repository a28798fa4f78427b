//! Symbol tables: one per kind of name, remembering where each was declared, with
//! "did you mean" suggestions drawn from the declared names. Stages, health states
//! and segments are also found by their labels (compared after NFKC and ASCII case
//! folding, as keywords are), so `stage is 方案演示` means `stage is demo`.

use crate::source::Span;
use crate::text::{normalize, normalized};
use rustc_hash::FxHashMap;

/// Where a name was declared: a file index and a span.
pub type Site = (usize, Span);

/// The names of one kind, in declaration order, borrowed from the syntax trees.
#[derive(Default)]
pub struct Names<'a> {
    index: FxHashMap<&'a str, u32>,
    /// `(name, site)` in declaration order.
    pub order: Vec<(&'a str, Site)>,
    /// Normalized labels and the first name each belongs to (stages, states and
    /// segments only; a label shared by two names is an error reported elsewhere).
    labels: FxHashMap<String, u32>,
    /// `(label, site, index of its name)` in declaration order.
    label_order: Vec<(&'a str, Site, usize)>,
}

impl<'a> Names<'a> {
    /// Declares a name; on a duplicate returns the first declaration's site.
    pub fn declare(&mut self, name: &'a str, site: Site) -> Result<u32, Site> {
        match self.index.entry(name) {
            std::collections::hash_map::Entry::Occupied(e) => Err(self.order[*e.get() as usize].1),
            std::collections::hash_map::Entry::Vacant(e) => {
                let i = u32::try_from(self.order.len()).unwrap_or(u32::MAX);
                e.insert(i);
                self.order.push((name, site));
                Ok(i)
            }
        }
    }

    /// Whether the declaration at `site` is the one the name resolves to (a
    /// duplicate is reported once and then skipped).
    pub fn is_declared_at(&self, name: &str, site: Site) -> bool {
        self.get(name)
            .is_some_and(|i| self.order[i as usize].1 == site)
    }

    /// The index of a declared name.
    pub fn get(&self, name: &str) -> Option<u32> {
        self.index.get(name).copied()
    }

    /// Records the label of the name with index `id`.
    pub fn label(&mut self, label: &'a str, id: u32, site: Site) {
        self.labels.entry(normalize(label)).or_insert(id);
        self.label_order.push((label, site, id as usize));
    }

    /// The index of a name, else of the name whose label this is.
    pub fn get_or_label(&self, name: &str) -> Option<u32> {
        self.get(name)
            .or_else(|| self.labels.get(normalized(name).as_ref()).copied())
    }

    /// A help text suggesting the closest declared name (else the closest label),
    /// or listing a few names.
    pub fn suggest(&self, name: &str, what: &str) -> Option<String> {
        did_you_mean(name, self.order.iter().map(|(n, _)| *n))
            .or_else(|| did_you_mean(name, self.label_order.iter().map(|(n, _, _)| *n)))
            .or_else(|| suggest(name, self.order.iter().map(|(n, _)| *n), what))
    }

    /// Every label with its site and the index of its name, in declaration order.
    pub fn labels(&self) -> impl Iterator<Item = (&'a str, Site, usize)> + '_ {
        self.label_order.iter().copied()
    }
}

/// "did you mean `x`?" for the closest candidate, else the list of candidates when
/// it is short.
pub fn suggest<'a>(
    name: &str,
    candidates: impl Iterator<Item = &'a str> + Clone,
    what: &str,
) -> Option<String> {
    if let Some(guess) = did_you_mean(name, candidates.clone()) {
        return Some(guess);
    }
    let all: Vec<&str> = candidates.collect();
    match all.len() {
        0 => Some(crate::t!(
            "check-help-none-declared",
            what = crate::i18n::noun(what)
        )),
        1..=8 => Some(crate::t!(
            "check-help-declared-are",
            what = crate::i18n::noun(what),
            names = all
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(&crate::t!("list-separator"))
        )),
        _ => None,
    }
}

/// "did you mean `x`?" for the candidate closest to `name`, when one is close.
pub fn did_you_mean<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let len = name.chars().count();
    candidates
        .map(|c| (strsim::osa_distance(name, c), c))
        .filter(|(d, c)| {
            let longest = len.max(c.chars().count());
            *d <= (longest / 3).max(1) && *d < longest
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| crate::t!("check-help-did-you-mean", name = c))
}
