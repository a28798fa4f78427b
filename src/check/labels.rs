//! Labels as names: a stage, health state or segment may be named by its label
//! (`stage is 方案演示`) when no other name or label of the same kind is the same
//! after NFKC and ASCII case folding. Such a clash is an error at the label, so a
//! label never means two things.

use rustc_hash::FxHashMap;

use super::Checker;
use super::names::{Names, Site};
use crate::diagnostic::{Code, Diagnostic};
use crate::text::normalize;

impl Checker<'_> {
    /// Reports every label that equals another item's name or label of its kind.
    pub(super) fn label_clashes(&mut self) {
        for (what, names) in [
            ("stage", &self.stages),
            ("health state", &self.states),
            ("segment", &self.segments),
        ] {
            let found = clashes(names);
            for Clash {
                label,
                site,
                own,
                other,
                other_site,
                other_is_name,
            } in found
            {
                let d = Diagnostic::new(
                    Code::AmbiguousLabel,
                    if other_is_name {
                        crate::t!(
                            "check-label-is-other-name",
                            label = label,
                            what = crate::i18n::noun(what),
                            own = own,
                            other = other
                        )
                    } else {
                        crate::t!(
                            "check-label-is-other-label",
                            label = label,
                            what = crate::i18n::noun(what),
                            own = own,
                            other = other
                        )
                    },
                    &self.files[site.0].source,
                    site.1,
                    crate::t!("check-label-this-label"),
                )
                .with_label(
                    &self.files[other_site.0].source,
                    other_site.1,
                    if other_is_name {
                        crate::t!("check-label-same-name")
                    } else {
                        crate::t!("check-label-same-label")
                    },
                )
                .with_help(crate::t!(
                    "check-help-ambiguous-label",
                    what = crate::i18n::noun(what)
                ));
                self.diags.push(d);
            }
        }
    }
}

/// A label that is another item's name or label.
struct Clash<'a> {
    label: &'a str,
    site: Site,
    /// The name the label belongs to.
    own: &'a str,
    /// The other item's name.
    other: &'a str,
    /// Where the other item's name or label is.
    other_site: Site,
    other_is_name: bool,
}

/// Each label that clashes, reported once per pair.
fn clashes<'a>(names: &Names<'a>) -> Vec<Clash<'a>> {
    let by_name: FxHashMap<String, usize> = names
        .order
        .iter()
        .enumerate()
        .map(|(i, (n, _))| (normalize(n), i))
        .collect();
    let mut first_label: FxHashMap<String, (&'a str, Site, usize)> = FxHashMap::default();
    let mut out = Vec::new();
    for (label, site, owner) in names.labels() {
        let key = normalize(label);
        if let Some(&i) = by_name.get(&key) {
            if i != owner {
                let (other, other_site) = names.order[i];
                out.push(Clash {
                    label,
                    site,
                    own: names.order[owner].0,
                    other,
                    other_site,
                    other_is_name: true,
                });
                continue;
            }
        }
        match first_label.get(&key) {
            Some(&(_, other_site, other_owner)) if other_owner != owner => {
                out.push(Clash {
                    label,
                    site,
                    own: names.order[owner].0,
                    other: names.order[other_owner].0,
                    other_site,
                    other_is_name: false,
                });
            }
            Some(_) => {}
            None => {
                first_label.insert(key, (label, site, owner));
            }
        }
    }
    out
}
