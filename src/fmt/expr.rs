//! Conditions and values, as text; and the layout of a condition after its keyword.
//!
//! Takes expression nodes and the source; produces their canonical text: one space
//! around operators, `customer.f`, `kind(attr = v, …)`, literals as written. The
//! parentheses the author wrote are kept (the tree does not record them, so they
//! are found in the source), and any the tree's shape needs are added.
//!
//! A chain of `or` (or of `and`) that was written over several lines is laid out one
//! operand per line, as in the `health` block of `examples/zhilian.flow`: the
//! keyword (`when`) ends its line, each `or` / `and` line is indented one step (two
//! columns) from the line that holds the keyword, and the first operand is indented
//! so that it lines up with the operands after `or ` / `and `. A condition written
//! on one line stays on one line.

use super::printer::{Blank, Printer};
use super::source_view::SourceView;
use crate::source::Span;
use crate::syntax::ast::{
    Expr, ExprKind, Filter, SignalTarget, SinceWhich, TaskState, Value, ValueKind,
};

/// Columns from a condition's line to its `or`/`and` lines when laid out over lines.
const OPERATOR_INDENT: usize = 2;

/// The parentheses written around `e`: how many pairs, and the range they cover.
pub(crate) fn outer(src: SourceView<'_>, e: &Expr) -> (usize, usize, usize) {
    let (start, end) = match &e.kind {
        ExprKind::Or(l, r) | ExprKind::And(l, r) => (outer(src, l).1, outer(src, r).2),
        ExprKind::Not(x) => (e.span.start, outer(src, x).2),
        _ => (e.span.start, e.span.end),
    };
    src.parens_around(start, end)
}

/// `e` with the parentheses written around it.
pub(crate) fn expr(src: SourceView<'_>, e: &Expr) -> String {
    operand(src, e, false)
}

/// `e` as an operand: with its written parentheses, plus a pair when `needs` and
/// none was written.
fn operand(src: SourceView<'_>, e: &Expr, needs: bool) -> String {
    let layers = outer(src, e).0.max(usize::from(needs));
    let mut text = "(".repeat(layers);
    text.push_str(&bare(src, e));
    text.push_str(&")".repeat(layers));
    text
}

fn is_or(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Or(..))
}

fn is_and(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::And(..))
}

/// Whether the right operand of `op` needs parentheses to keep the tree's shape
/// (`and`/`or` associate to the left, `and` binds tighter).
fn right_needs(op: &str, rhs: &Expr) -> bool {
    is_or(rhs) || (op == "and" && is_and(rhs))
}

/// `e` without the parentheses around it.
fn bare(src: SourceView<'_>, e: &Expr) -> String {
    match &e.kind {
        ExprKind::Or(l, r) => format!(
            "{} or {}",
            operand(src, l, false),
            operand(src, r, right_needs("or", r))
        ),
        ExprKind::And(l, r) => format!(
            "{} and {}",
            operand(src, l, is_or(l)),
            operand(src, r, right_needs("and", r))
        ),
        ExprKind::Not(x) => format!("not {}", operand(src, x, is_or(x) || is_and(x))),
        ExprKind::Compare(a, op, b) => {
            format!("{} {} {}", value(src, a), op.as_str(), value(src, b))
        }
        // As written: a name, or a label in quotes.
        ExprKind::Is(a, name) => format!("{} is {}", value(src, a), slice(src, name.span)),
        ExprKind::In(a, list) => {
            let items: Vec<String> = list.iter().map(|v| value(src, v)).collect();
            format!("{} in [{}]", value(src, a), items.join(", "))
        }
        ExprKind::Value(v) => value(src, v),
    }
}

fn slice(src: SourceView<'_>, span: Span) -> &str {
    src.slice(span.start, span.end)
}

fn within(src: SourceView<'_>, d: Option<&crate::syntax::ast::DurationLit>) -> String {
    d.map(|d| format!(" within {}", slice(src, d.span)))
        .unwrap_or_default()
}

/// An operand's text; literals exactly as written.
pub(crate) fn value(src: SourceView<'_>, v: &Value) -> String {
    match &v.kind {
        ValueKind::Number(_)
        | ValueKind::Percent(_)
        | ValueKind::Duration(_)
        | ValueKind::Str(_)
        | ValueKind::Date(_) => slice(src, v.span).to_string(),
        ValueKind::Bool(b) => b.to_string(),
        ValueKind::Name(name) => name.name.clone(),
        ValueKind::Field(name) => format!("customer.{}", name.name),
        ValueKind::Stage => "stage".into(),
        ValueKind::Health => "health".into(),
        ValueKind::Segment => "segment".into(),
        ValueKind::TimeInStage => "time_in_stage".into(),
        ValueKind::Overdue => "overdue".into(),
        ValueKind::Since(which, f) => {
            let which = match which {
                SinceWhich::Last => "last",
                SinceWhich::First => "first",
            };
            format!("since {which} {}", filter(src, f))
        }
        ValueKind::Count(f, d) => format!("count {}{}", filter(src, f), within(src, d.as_ref())),
        ValueKind::Signal(target, d) => {
            let target = match target {
                SignalTarget::Risk(name) => name.name.clone(),
                SignalTarget::Any(None) => "any".into(),
                SignalTarget::Any(Some(sev)) => format!("any {}", slice(src, sev.span)),
            };
            format!("signal {target}{}", within(src, d.as_ref()))
        }
        ValueKind::Task(title, state) => {
            let state = match state {
                TaskState::Done => "done",
                TaskState::Open => "open",
                TaskState::Overdue => "overdue",
            };
            format!("task {} {state}", slice(src, title.span))
        }
        ValueKind::Tagged(name) => format!("tagged {}", name.name),
        ValueKind::Mentions(text, d) => {
            format!(
                "mentions {}{}",
                slice(src, text.span),
                within(src, d.as_ref())
            )
        }
    }
}

/// `kind` or `kind(attr = value, attr != value)`.
fn filter(src: SourceView<'_>, f: &Filter) -> String {
    if f.tests.is_empty() {
        return f.kind.name.clone();
    }
    let tests: Vec<String> = f
        .tests
        .iter()
        .map(|t| {
            let op = if t.negated { "!=" } else { "=" };
            format!("{} {op} {}", t.attr.name, value(src, &t.value))
        })
        .collect();
    format!("{}({})", f.kind.name, tests.join(", "))
}

/// The operands of a chain of `op` at the top of `e` (none when `e` is no chain).
fn chain<'e>(src: SourceView<'_>, e: &'e Expr, out: &mut Vec<&'e Expr>) -> &'static str {
    let op = match e.kind {
        ExprKind::Or(..) => "or",
        ExprKind::And(..) => "and",
        _ => return "",
    };
    if outer(src, e).0 > 0 {
        return "";
    }
    let mut node = e;
    let mut rights = Vec::new();
    loop {
        match &node.kind {
            ExprKind::Or(l, r) | ExprKind::And(l, r) => {
                rights.push(&**r);
                let same = matches!(
                    (&l.kind, op),
                    (ExprKind::Or(..), "or") | (ExprKind::And(..), "and")
                );
                if same && outer(src, l).0 == 0 {
                    node = l;
                } else {
                    out.push(l);
                    break;
                }
            }
            _ => unreachable!("a chain node is a binary operator"),
        }
    }
    out.extend(rights.into_iter().rev());
    op
}

/// Writes `head` (which ends with the keyword ending at `keyword_end`, such as
/// `when`) and the condition `e` after it: on the same line, or one operand per line
/// when `e` is a chain of `or`/`and` that the source broke over lines.
pub(crate) fn condition(
    p: &mut Printer<'_>,
    indent: usize,
    head: &str,
    start: usize,
    keyword_end: usize,
    e: &Expr,
) {
    let src = p.src;
    let end = outer(src, e).2;
    let mut operands = Vec::new();
    let op = chain(src, e, &mut operands);
    if operands.len() < 2 || !src.has_newline(keyword_end, end) {
        p.line(indent, format!("{head} {}", expr(src, e)), start, end);
        return;
    }
    p.line(indent, head, start, keyword_end);
    let operator_column = indent + OPERATOR_INDENT;
    for (i, o) in operands.iter().enumerate() {
        let (_, o_start, o_end) = outer(src, o);
        let (column, text) = if i == 0 {
            let needs = op == "and" && is_or(o);
            (operator_column + op.len() + 1, operand(src, o, needs))
        } else {
            let text = format!("{op} {}", operand(src, o, right_needs(op, o)));
            (operator_column, text)
        };
        p.line_with(column, text, o_start, o_end, Blank::Drop);
    }
}
