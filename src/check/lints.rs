//! Warnings: unreachable states, segments without `otherwise`, duplicate and
//! overlapping risk keywords, unused templates.

use aho_corasick::AhoCorasick;

use super::Checker;
use crate::diagnostic::{Code, Diagnostic};
use crate::syntax::ast::{ExprKind, Item, StateDecl, ValueKind};
use crate::text::normalize;

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
                    "no segment is `otherwise`".into(),
                    "a customer may have no segment",
                )
                .help =
                    Some("add a last segment such as `segment new \"新客首触\" otherwise`".into());
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
                    .find(|(n, _)| *n == name)
                    .map_or_else(Default::default, |(_, s)| s.1);
                self.report(
                    Code::UnusedTemplate,
                    span,
                    format!("template `{name}` is never used"),
                    "unused",
                )
                .help = Some(format!(
                    "use it with `template {name}` in a `notify` or `message`, or remove it"
                ));
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
                format!("{what} `{}` can never be reached", s.name.name),
                self.file(*file),
                s.name.span,
                "unreachable",
            )
            .with_label(
                self.file(cover_file),
                cover.clause_span,
                format!("`{}` always holds before it", cover.name.name),
            )
            .with_help(format!(
                "states are tried in order; move `{}` last",
                cover.name.name
            ));
            self.diags.push(d);
        }
    }

    /// Identical keywords in two risks, and a keyword containing another risk's.
    fn keyword_overlaps(&mut self, items: &[(usize, &Item)]) {
        let mut keywords = Vec::new();
        for (file, item) in items {
            if let Item::Risk(r) = item {
                for k in &r.keywords {
                    let n = normalize(&k.value);
                    if !n.is_empty() {
                        keywords.push((n, *file, k.span, r.name.name.clone(), k.value.clone()));
                    }
                }
            }
        }
        let Ok(ac) = AhoCorasick::new(keywords.iter().map(|k| k.0.as_str())) else {
            return;
        };
        let mut reported = std::collections::HashSet::new();
        for (i, (text, file, span, risk, raw)) in keywords.iter().enumerate() {
            for m in ac.find_overlapping_iter(text.as_str()) {
                let j = m.pattern().as_usize();
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
                        format!("keyword `{raw}` is in risks `{risk}` and `{other_risk}`"),
                        "the same keyword again",
                    )
                } else {
                    (
                        Code::OverlappingKeywords,
                        format!(
                            "keyword `{raw}` of risk `{risk}` contains `{other_raw}` of risk `{other_risk}`"
                        ),
                        "contains another risk's keyword",
                    )
                };
                let (primary, secondary) = if identical {
                    ((*other_file, *other_span), (*file, *span))
                } else {
                    ((*file, *span), (*other_file, *other_span))
                };
                let d = Diagnostic::new(code, message, self.file(primary.0), primary.1, label)
                    .with_label(
                        self.file(secondary.0),
                        secondary.1,
                        if identical {
                            "first here"
                        } else {
                            "the keyword it contains"
                        },
                    )
                    .with_help("one text would raise both signals; keep the keyword in one risk");
                self.diags.push(d);
            }
        }
    }
}

/// Whether a state always holds: `otherwise`, or a condition that is literally true.
fn always(s: &StateDecl) -> bool {
    match &s.when {
        None => true,
        Some(e) => matches!(&e.kind, ExprKind::Value(v) if matches!(v.kind, ValueKind::Bool(true))),
    }
}
