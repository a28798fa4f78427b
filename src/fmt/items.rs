//! The items of a file, in order: one-line items here, blocks handed on.
//!
//! Takes the file's items; writes each at column one. One-line items (`flow`,
//! `roles`, `field`, `goal`, `template`, …) are written on one line with single
//! spaces and `, ` between list members, whatever the source's layout; a template's
//! `"""` block is written verbatim. Consecutive `segment` items with no empty line
//! between them form one aligned table.

use super::declarations;
use super::expr::value;
use super::printer::Printer;
use super::rules;
use super::source_view::SourceView;
use crate::syntax::ast::{Ident, Item, StateDecl, StrLit};

/// Writes every item.
pub(crate) fn items(p: &mut Printer<'_>, items: &[Item]) {
    let mut i = 0;
    while i < items.len() {
        let mut run: Vec<&StateDecl> = Vec::new();
        while let Some(Item::Segment(s)) = items.get(i + run.len()) {
            let apart = run
                .last()
                .is_some_and(|prev| p.src.has_blank_line(prev.span.end, s.span.start));
            if apart {
                break;
            }
            run.push(s);
        }
        if run.is_empty() {
            item(p, &items[i]);
            i += 1;
        } else {
            i += run.len();
            rules::segments(p, &run);
        }
    }
}

/// A string literal exactly as written.
pub(crate) fn lit<'a>(src: SourceView<'a>, s: &StrLit) -> &'a str {
    src.slice(s.span.start, s.span.end)
}

fn names(names: &[Ident]) -> String {
    let names: Vec<&str> = names.iter().map(|n| n.name.as_str()).collect();
    names.join(", ")
}

fn item(p: &mut Printer<'_>, item: &Item) {
    let src = p.src;
    let text = match item {
        Item::Flow(s, _) => format!("flow {}", lit(src, s)),
        Item::Include(s, _) => format!("include {}", lit(src, s)),
        Item::Timezone(s, _) => format!("timezone {}", lit(src, s)),
        Item::Roles(list, _) => format!("roles {}", names(list)),
        Item::Events(list, _) => format!("events {}", names(list)),
        Item::EventGroup(g) => {
            let members: Vec<&str> = g.members.iter().map(|m| m.name.as_str()).collect();
            format!("event {} = {}", g.name.name, members.join(" | "))
        }
        Item::Field(f) => format!("field {}: {}", f.name.name, f.ty.name),
        Item::UpdateRequires(list, _) => format!("update requires {}", names(list)),
        Item::Goal(g) => format!(
            "goal {} {} {}",
            g.metric.name,
            g.op.as_str(),
            value(src, &g.value)
        ),
        Item::Template(t) => format!("template {} {}", t.name.name, lit(src, &t.text)),
        Item::Calendar(c) => return declarations::calendar(p, c),
        Item::Pipeline(stages, span) => return declarations::pipeline(p, stages, *span),
        Item::Tags(t) => return declarations::tags(p, t),
        Item::Risk(r) => return declarations::risk(p, r),
        Item::On(o) => return rules::on_block(p, o),
        Item::Health(states, span) => return rules::health(p, states, *span),
        Item::Escalation(e) => return rules::escalation(p, e),
        Item::Segment(s) => return rules::segments(p, &[s]),
    };
    let span = item.span();
    p.line(0, text, span.start, span.end);
}
