//! Blocks that react to customers: `on`, `health`, `segment`, `escalation`.
//!
//! Takes one item; writes it with its conditions laid out by [`super::expr`]: a
//! health state is `NAME "label" when COND` or `NAME "label" otherwise`; a run of
//! segments is a table (name, label, then `when`/`otherwise`); an escalation's
//! clauses keep their order and its steps are blocks of actions.

use super::actions::actions;
use super::expr::condition;
use super::items::lit;
use super::printer::Printer;
use super::table::align;
use crate::source::Span;
use crate::syntax::ast::{EscClause, EscalationDecl, OnBlock, OnWhen, StateDecl};

/// Indentation of a block's lines.
const INNER: usize = 2;

/// `on enter|exit [segment] NAME { actions }`
pub(crate) fn on_block(p: &mut Printer<'_>, o: &OnBlock) {
    let when = match o.when {
        OnWhen::Enter => "enter",
        OnWhen::Exit => "exit",
    };
    let segment = if o.segment { "segment " } else { "" };
    let brace = p.src.find_next(o.target.span.end, '{');
    let target = p.src.slice(o.target.span.start, o.target.span.end);
    let head = format!("on {when} {segment}{target}");
    p.open(0, head, o.span.start, brace);
    actions(p, INNER, &o.actions);
    p.close(0, o.span.end - 1);
}

/// `health { STATE "label" when … / otherwise }`
pub(crate) fn health(p: &mut Printer<'_>, states: &[StateDecl], span: Span) {
    let brace = p.src.find_next(span.start + "health".len(), '{');
    p.open(0, "health", span.start, brace);
    for st in states {
        let mut head = st.name.name.clone();
        if let Some(label) = &st.label {
            head.push(' ');
            head.push_str(lit(p.src, label));
        }
        head.push_str(if st.when.is_some() {
            " when"
        } else {
            " otherwise"
        });
        state(p, INNER, &head, st);
    }
    p.close(0, span.end - 1);
}

/// A state or segment whose `head` ends with `when` or `otherwise`.
fn state(p: &mut Printer<'_>, indent: usize, head: &str, st: &StateDecl) {
    match &st.when {
        Some(e) => {
            let when_end = st.clause_span.start + "when".len();
            condition(p, indent, head, st.span.start, when_end, e);
        }
        None => p.line(indent, head, st.span.start, st.span.end),
    }
}

/// Consecutive `segment` items, aligned as a table.
pub(crate) fn segments(p: &mut Printer<'_>, run: &[&StateDecl]) {
    let rows: Vec<Vec<String>> = run
        .iter()
        .map(|s| {
            let label = s.label.as_ref().map(|l| lit(p.src, l).to_string());
            let clause = if s.when.is_some() {
                "when"
            } else {
                "otherwise"
            };
            vec![
                format!("segment {}", s.name.name),
                label.unwrap_or_default(),
                clause.to_string(),
            ]
        })
        .collect();
    for (s, head) in run.iter().zip(align(&rows, &[" ", " "])) {
        state(p, 0, &head, s);
    }
}

/// `escalation NAME "label" { clauses }`
pub(crate) fn escalation(p: &mut Printer<'_>, e: &EscalationDecl) {
    let mut head = format!("escalation {}", e.name.name);
    let mut head_end = e.name.span.end;
    if let Some(label) = &e.label {
        head.push(' ');
        head.push_str(lit(p.src, label));
        head_end = label.span.end;
    }
    let brace = p.src.find_next(head_end, '{');
    p.open(0, head, e.span.start, brace);
    for c in &e.clauses {
        clause(p, INNER, c);
    }
    p.close(0, e.span.end - 1);
}

fn clause(p: &mut Printer<'_>, indent: usize, c: &EscClause) {
    let src = p.src;
    let duration = |d: &crate::syntax::ast::DurationLit| src.slice(d.span.start, d.span.end);
    match c {
        EscClause::When(e, span) => condition(p, indent, "when", span.start, span.start + 4, e),
        EscClause::Until(e, span) => condition(p, indent, "until", span.start, span.start + 5, e),
        EscClause::Pause(e, span) => {
            let when = src.find_next(span.start + "pause".len(), 'w');
            condition(p, indent, "pause when", span.start, when + 4, e);
        }
        EscClause::Clock(name, span) => {
            p.line(indent, format!("clock {}", name.name), span.start, span.end);
        }
        EscClause::After(after, list, span) => {
            let brace = src.find_next(after.span.end, '{');
            p.open(
                indent,
                format!("after {}", duration(after)),
                span.start,
                brace,
            );
            actions(p, indent + INNER, list);
            p.close(indent, span.end - 1);
        }
        EscClause::Every {
            period,
            after,
            max,
            actions: list,
            span,
        } => {
            let mut head = format!("every {} after {}", duration(period), duration(after));
            let mut head_end = after.span.end;
            if let Some((_, at)) = max {
                head.push_str(", max ");
                head.push_str(src.slice(at.start, at.end));
                head_end = at.end;
            }
            let brace = src.find_next(head_end, '{');
            p.open(indent, head, span.start, brace);
            actions(p, indent + INNER, list);
            p.close(indent, span.end - 1);
        }
    }
}
