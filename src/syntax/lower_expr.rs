//! Lowering of conditions: the Pratt parser over `or`, `and`, `not`, comparisons
//! and every kind of operand, with a bound on a condition's size.

use std::sync::LazyLock;

use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};

use super::ast::{
    AttrTest, CmpOp, DurationLit, Expr, ExprKind, Filter, SignalTarget, SinceWhich, TaskState,
    Value, ValueKind,
};
use super::error::SyntaxError;
use super::lower::{Children, Lowerer, children};
use super::parser::Rule;

static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::op_or, Assoc::Left))
        .op(Op::infix(Rule::op_and, Assoc::Left))
        .op(Op::prefix(Rule::op_not))
});

impl Lowerer {
    pub(super) fn expr(&mut self, pair: Pair<'_, Rule>) -> Expr {
        debug_assert_eq!(pair.as_rule(), Rule::expr);
        // Checking and evaluating recurse over the tree: bound its size here so a
        // pathological condition is an error, never a stack overflow.
        let (count, depth) = complexity(&pair);
        if count > MAX_OPERATORS || depth > MAX_NESTING {
            let span = self.span(&pair);
            self.errors.push(SyntaxError::TooComplex {
                span: span.into(),
                count,
                depth,
            });
            let value = Value {
                kind: ValueKind::Bool(false),
                span,
            };
            return Expr {
                kind: ExprKind::Value(value),
                span,
            };
        }
        self.expr_unchecked(pair)
    }

    fn expr_unchecked(&mut self, pair: Pair<'_, Rule>) -> Expr {
        let pairs = pair.into_inner().filter(|p| p.as_rule() != Rule::COMMENT);
        let this = std::cell::RefCell::new(self);
        PRATT
            .map_primary(|p| match p.as_rule() {
                Rule::expr => this.borrow_mut().expr(p),
                Rule::comparison => this.borrow_mut().comparison(p),
                other => unreachable!("not a primary: {other:?}"),
            })
            .map_prefix(|op, rhs| {
                let span = this.borrow().span(&op).to(rhs.span);
                Expr {
                    kind: ExprKind::Not(Box::new(rhs)),
                    span,
                }
            })
            .map_infix(|lhs, op, rhs| {
                let span = lhs.span.to(rhs.span);
                let kind = if op.as_rule() == Rule::op_or {
                    ExprKind::Or(Box::new(lhs), Box::new(rhs))
                } else {
                    ExprKind::And(Box::new(lhs), Box::new(rhs))
                };
                Expr { kind, span }
            })
            .parse(pairs)
    }

    fn comparison(&mut self, pair: Pair<'_, Rule>) -> Expr {
        let span = self.span(&pair);
        let mut c = children(pair);
        let lhs = self.value(c.take());
        let kind = match c.next() {
            None => ExprKind::Value(lhs),
            Some(tail) => {
                let rule = tail.as_rule();
                let mut t = children(tail);
                match rule {
                    Rule::is_tail => {
                        t.keyword(Rule::k_is);
                        ExprKind::Is(lhs, self.ident(&t.take()))
                    }
                    Rule::in_tail => {
                        t.keyword(Rule::k_in);
                        let mut list = Vec::new();
                        while let Some(v) = t.next() {
                            list.push(self.value(v));
                        }
                        ExprKind::In(lhs, list)
                    }
                    Rule::op_tail => {
                        let op = cmp_op(t.take().as_str());
                        ExprKind::Compare(lhs, op, self.value(t.take()))
                    }
                    other => unreachable!("not a comparison tail: {other:?}"),
                }
            }
        };
        c.done();
        Expr { kind, span }
    }

    fn within(&mut self, c: &mut Children<'_>) -> Option<DurationLit> {
        let w = c.take_if(Rule::within)?;
        let mut wc = children(w);
        wc.keyword(Rule::k_within);
        let d = self.duration(&wc.take());
        wc.done();
        Some(d)
    }

    pub(super) fn value(&mut self, pair: Pair<'_, Rule>) -> Value {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let kind = match rule {
            Rule::number => ValueKind::Number(self.number(&pair)),
            Rule::percent => ValueKind::Percent(self.number(&pair) / 100.0),
            Rule::duration => ValueKind::Duration(self.duration(&pair)),
            Rule::string => ValueKind::Str(self.string(pair).value),
            Rule::bool_lit => ValueKind::Bool(pair.as_str() == "true"),
            Rule::name_v => ValueKind::Name(self.ident(&children(pair).take())),
            Rule::field_ref => ValueKind::Field(self.field_ref(pair)),
            Rule::stage_v => ValueKind::Stage,
            Rule::health_v => ValueKind::Health,
            Rule::segment_v => ValueKind::Segment,
            Rule::time_in_stage_v => ValueKind::TimeInStage,
            Rule::overdue_v => ValueKind::Overdue,
            Rule::since_v => {
                let mut c = children(pair);
                c.keyword(Rule::k_since);
                let which = if c.take().as_rule() == Rule::k_last {
                    SinceWhich::Last
                } else {
                    SinceWhich::First
                };
                let filter = self.filter(c.take());
                c.done();
                ValueKind::Since(which, filter)
            }
            Rule::count_v => {
                let mut c = children(pair);
                c.keyword(Rule::k_count);
                let filter = self.filter(c.take());
                let within = self.within(&mut c);
                c.done();
                ValueKind::Count(filter, within)
            }
            Rule::signal_v => {
                let mut c = children(pair);
                c.keyword(Rule::k_signal);
                let target = c.take();
                let target = if target.as_rule() == Rule::signal_any {
                    let mut a = children(target);
                    a.keyword(Rule::k_any);
                    let sev = a.next().map(|p| self.ident(&p));
                    SignalTarget::Any(sev)
                } else {
                    SignalTarget::Risk(self.ident(&target))
                };
                let within = self.within(&mut c);
                c.done();
                ValueKind::Signal(target, within)
            }
            Rule::task_v => {
                let mut c = children(pair);
                c.keyword(Rule::k_task);
                let title = self.string(c.take());
                let state = match c.take().as_str() {
                    "done" => TaskState::Done,
                    "open" => TaskState::Open,
                    _ => TaskState::Overdue,
                };
                c.done();
                ValueKind::Task(title, state)
            }
            Rule::tagged_v => {
                let mut c = children(pair);
                c.keyword(Rule::k_tagged);
                let name = self.ident(&c.take());
                c.done();
                ValueKind::Tagged(name)
            }
            Rule::mentions_v => {
                let mut c = children(pair);
                c.keyword(Rule::k_mentions);
                let text = self.string(c.take());
                let within = self.within(&mut c);
                c.done();
                ValueKind::Mentions(text, within)
            }
            other => unreachable!("not a value: {other:?}"),
        };
        Value { kind, span }
    }

    fn filter(&mut self, pair: Pair<'_, Rule>) -> Filter {
        debug_assert_eq!(pair.as_rule(), Rule::filter);
        let span = self.span(&pair);
        let mut c = children(pair);
        let kind = self.ident(&c.take());
        let mut tests = Vec::new();
        while let Some(t) = c.next() {
            let tspan = self.span(&t);
            let mut tc = children(t);
            let attr = self.ident(&tc.take());
            let negated = tc.take().as_str() == "!=";
            let value = self.value(tc.take());
            tc.done();
            tests.push(AttrTest {
                attr,
                negated,
                value,
                span: tspan,
            });
        }
        Filter { kind, tests, span }
    }
}

/// Most `and`/`or`/`not` in one condition: far more than any rule needs, and few
/// enough that checking and evaluating, which recurse over the tree, stay well
/// inside a 2 MB thread stack even in a debug build.
const MAX_OPERATORS: usize = 64;
/// Deepest nesting of parentheses in one condition.
const MAX_NESTING: usize = 16;

/// Operators and parenthesis depth of a condition.
fn complexity(pair: &Pair<'_, Rule>) -> (usize, usize) {
    let mut count = 0;
    let mut depth = 0;
    let mut stack: Vec<usize> = Vec::new();
    for p in pair.clone().into_inner().flatten() {
        while stack.last().is_some_and(|end| p.as_span().start() >= *end) {
            stack.pop();
        }
        match p.as_rule() {
            Rule::op_or | Rule::op_and | Rule::op_not => count += 1,
            Rule::expr => {
                stack.push(p.as_span().end());
                depth = depth.max(stack.len());
            }
            _ => {}
        }
    }
    (count, depth)
}

pub(super) fn cmp_op(text: &str) -> CmpOp {
    match text {
        "!=" => CmpOp::Ne,
        "<" => CmpOp::Lt,
        "<=" => CmpOp::Le,
        ">" => CmpOp::Gt,
        ">=" => CmpOp::Ge,
        _ => CmpOp::Eq,
    }
}
