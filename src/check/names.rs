//! Symbol tables: one per kind of name, remembering where each was declared, with
//! "did you mean" suggestions drawn from the declared names.

use std::collections::HashMap;

use crate::source::Span;

/// Where a name was declared: a file index and a span.
pub type Site = (usize, Span);

/// The names of one kind, in declaration order.
#[derive(Debug, Default)]
pub struct Names {
    index: HashMap<String, u32>,
    /// `(name, site)` in declaration order.
    pub order: Vec<(String, Site)>,
}

impl Names {
    /// Declares a name; on a duplicate returns the first declaration's site.
    pub fn declare(&mut self, name: &str, site: Site) -> Result<u32, Site> {
        if let Some(&i) = self.index.get(name) {
            return Err(self.order[i as usize].1);
        }
        let i = u32::try_from(self.order.len()).unwrap_or(u32::MAX);
        self.index.insert(name.to_string(), i);
        self.order.push((name.to_string(), site));
        Ok(i)
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

    /// A help text suggesting the closest declared name, or listing a few.
    pub fn suggest(&self, name: &str, what: &str) -> Option<String> {
        suggest(name, self.order.iter().map(|(n, _)| n.as_str()), what)
    }
}

/// "did you mean `x`?" for the closest candidate, else the list of candidates when
/// it is short.
pub fn suggest<'a>(
    name: &str,
    candidates: impl Iterator<Item = &'a str> + Clone,
    what: &str,
) -> Option<String> {
    let len = name.chars().count();
    let best = candidates
        .clone()
        .map(|c| (strsim::osa_distance(name, c), c))
        .filter(|(d, c)| {
            let longest = len.max(c.chars().count());
            *d <= (longest / 3).max(1) && *d < longest
        })
        .min_by_key(|(d, _)| *d);
    if let Some((_, c)) = best {
        return Some(format!("did you mean `{c}`?"));
    }
    let all: Vec<&str> = candidates.collect();
    match all.len() {
        0 => Some(format!("no {what} is declared")),
        1..=8 => Some(format!(
            "the declared {what}s are {}",
            all.iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        _ => None,
    }
}
