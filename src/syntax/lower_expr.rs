//! Lowering of conditions: the Pratt parser over `or`, `and`, `not`, comparisons
//! and every kind of operand, with a bound on a condition's size.

use pest::iterators::Pair;

use super::ast::{
    AttrTest, CmpOp, DurationLit, Expr, ExprKind, Filter, SignalTarget, SinceWhich, TaskState,
    Value, ValueKind,
};
use super::error::SyntaxError;
use super::lower::{Children, Lowerer, children};
use super::parser::Rule;
use crate::source::Span;

/// One token of a condition as the grammar leaves it: flat, parentheses included.
enum Token<'i> {
    Or,
    And,
    Not(Span),
    Open(Span),
    Close(Span),
    Comparison(Pair<'i, Rule>),
}

fn is_or(t: &Token<'_>) -> bool {
    matches!(t, Token::Or)
}

fn is_and(t: &Token<'_>) -> bool {
    matches!(t, Token::And)
}

impl Lowerer {
    pub(super) fn expr(&mut self, pair: Pair<'_, Rule>) -> Expr {
        debug_assert_eq!(pair.as_rule(), Rule::expr);
        let whole = self.span(&pair);
        let tokens: Vec<Token<'_>> = pair
            .into_inner()
            .filter_map(|p| {
                let span = self.span(&p);
                Some(match p.as_rule() {
                    Rule::op_or => Token::Or,
                    Rule::op_and => Token::And,
                    Rule::op_not => Token::Not(span),
                    Rule::open_paren => Token::Open(span),
                    Rule::close_paren => Token::Close(span),
                    Rule::comparison => Token::Comparison(p),
                    Rule::COMMENT => return None,
                    other => unreachable!("not in a condition: {other:?}"),
                })
            })
            .collect();
        let placeholder = Expr {
            kind: ExprKind::Value(Value {
                kind: ValueKind::Bool(false),
                span: whole,
            }),
            span: whole,
        };
        if let Some(error) = Self::unbalanced(&tokens) {
            self.errors.push(error);
            return placeholder;
        }
        // Checking and evaluating recurse over the tree, and so does the descent
        // below: bound its size here so a pathological condition is an error, never
        // a stack overflow.
        let (count, depth) = complexity(&tokens);
        if count > MAX_OPERATORS || depth > MAX_NESTING {
            self.errors.push(SyntaxError::TooComplex {
                span: whole.into(),
                count,
                depth,
            });
            return placeholder;
        }
        let mut tokens = tokens.into_iter().peekable();
        let expr = self.or_expr(&mut tokens);
        debug_assert!(tokens.next().is_none(), "balanced tokens are all consumed");
        expr
    }

    /// The first parenthesis that does not pair up, as an error.
    fn unbalanced(tokens: &[Token<'_>]) -> Option<SyntaxError> {
        let mut open: Vec<Span> = Vec::new();
        for t in tokens {
            match t {
                Token::Open(s) => open.push(*s),
                // The guard pops the `(` a `)` closes; only a `)` with none is an error.
                Token::Close(s) if open.pop().is_none() => {
                    return Some(SyntaxError::UnbalancedParentheses {
                        message: crate::t!("syntax-unmatched-paren"),
                        span: (*s).into(),
                        label: crate::t!("syntax-label-unmatched-paren"),
                        help: crate::t!("syntax-help-unmatched-paren"),
                    });
                }
                _ => {}
            }
        }
        let first = *open.first()?;
        Some(SyntaxError::UnbalancedParentheses {
            message: crate::t!("syntax-unclosed-paren"),
            span: first.into(),
            label: crate::t!("syntax-label-unclosed-paren"),
            help: crate::t!("syntax-help-unclosed-paren"),
        })
    }

    /// `a or b`, loosest of all.
    fn or_expr(&mut self, t: &mut Tokens<'_>) -> Expr {
        self.left_chain(t, is_or, Self::and_expr, ExprKind::Or)
    }

    /// `a and b`.
    fn and_expr(&mut self, t: &mut Tokens<'_>) -> Expr {
        self.left_chain(t, is_and, Self::not_expr, ExprKind::And)
    }

    /// Operands joined by one operator, grouped from the left: `a or b or c` is
    /// `(a or b) or c`.
    fn left_chain(
        &mut self,
        t: &mut Tokens<'_>,
        is_op: fn(&Token<'_>) -> bool,
        operand: fn(&mut Self, &mut Tokens<'_>) -> Expr,
        join: fn(Box<Expr>, Box<Expr>) -> ExprKind,
    ) -> Expr {
        let mut lhs = operand(self, t);
        while t.next_if(is_op).is_some() {
            let rhs = operand(self, t);
            let span = lhs.span.to(rhs.span);
            lhs = Expr {
                kind: join(Box::new(lhs), Box::new(rhs)),
                span,
            };
        }
        lhs
    }

    /// `not a`, a parenthesised condition, or a comparison. A parenthesised
    /// condition keeps the span of what is inside.
    fn not_expr(&mut self, t: &mut Tokens<'_>) -> Expr {
        match t
            .next()
            .expect("the grammar and the balance check guarantee an operand")
        {
            Token::Not(op) => {
                let rhs = self.not_expr(t);
                Expr {
                    span: op.to(rhs.span),
                    kind: ExprKind::Not(Box::new(rhs)),
                }
            }
            Token::Open(_) => {
                let inner = self.or_expr(t);
                let close = t.next();
                debug_assert!(matches!(close, Some(Token::Close(_))));
                inner
            }
            Token::Comparison(p) => self.comparison(p),
            Token::Or | Token::And | Token::Close(_) => {
                unreachable!("the grammar puts an operand here")
            }
        }
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
                        ExprKind::Is(lhs, self.name_or_label(t.take()))
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
            // An invalid date is reported; the tree keeps a placeholder.
            Rule::date => ValueKind::Date(self.date(&pair).unwrap_or_default()),
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
                    let sev = a.next().map(|p| self.name_or_label(p));
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
fn complexity(tokens: &[Token<'_>]) -> (usize, usize) {
    let mut count = 0;
    let mut depth = 0usize;
    let mut deepest = 0;
    for t in tokens {
        match t {
            Token::Or | Token::And | Token::Not(_) => count += 1,
            Token::Open(_) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Token::Close(_) => depth = depth.saturating_sub(1),
            Token::Comparison(_) => {}
        }
    }
    (count, deepest)
}

/// The tokens of a condition, consumed by the descent.
type Tokens<'i> = std::iter::Peekable<std::vec::IntoIter<Token<'i>>>;

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
