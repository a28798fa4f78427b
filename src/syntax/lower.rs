//! Lowering of pest pairs to the typed syntax tree: one function per grammar rule,
//! each asserting its rule on entry and consuming all its children.
//!
//! Literal problems (bad escapes, bad durations, bad dates) become [`SyntaxError`]s
//! and lowering goes on, so one file reports all of them.

use std::sync::Arc;

use pest::iterators::{Pair, Pairs};

use super::ast::{
    Action, Body, Comment, DurationLit, EscClause, EscalationDecl, EventGroup, Expr, FieldDecl,
    GoalDecl, Ident, Item, OnBlock, OnWhen, Recipient, RiskDecl, StageDecl, StateDecl, StrLit,
    TagsDecl, TemplateDecl,
};
use super::error::SyntaxError;
use super::literal::{DurationError, dedent_block, parse_duration, unescape};
use super::parser::Rule;
use crate::source::{SourceFile, Span};

/// The children of a pair, comments skipped, consumed in order.
pub(super) struct Children<'i> {
    inner: Pairs<'i, Rule>,
}

/// Pairs the lowering steps over: comments (collected for the formatter) and
/// full-width punctuation (collected for its warning), which stand for nothing in
/// the tree.
pub(super) fn skipped(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::COMMENT | Rule::fw_comma | Rule::fw_colon | Rule::fw_lparen | Rule::fw_rparen
    )
}

impl<'i> Children<'i> {
    pub(super) fn next(&mut self) -> Option<Pair<'i, Rule>> {
        self.inner.by_ref().find(|p| !skipped(p.as_rule()))
    }

    /// The next child, which the grammar guarantees is there.
    pub(super) fn take(&mut self) -> Pair<'i, Rule> {
        self.next().expect("the grammar guarantees this child")
    }

    /// The next child if it is of `rule`.
    pub(super) fn take_if(&mut self, rule: Rule) -> Option<Pair<'i, Rule>> {
        let mut peek = self.inner.clone();
        let next = peek.find(|p| !skipped(p.as_rule()))?;
        if next.as_rule() == rule {
            self.inner = peek;
            Some(next)
        } else {
            None
        }
    }

    /// Skips a keyword the grammar guarantees.
    pub(super) fn keyword(&mut self, rule: Rule) {
        let pair = self.take();
        debug_assert_eq!(pair.as_rule(), rule);
    }

    /// Asserts every child was consumed.
    pub(super) fn done(mut self) {
        debug_assert!(self.next().is_none(), "unconsumed child");
    }
}

/// Most links in a `manager of manager of …` chain: far more than any organisation
/// chart needs, and few enough that the checker and engine may recurse over it.
const MAX_MANAGER_CHAIN: usize = 8;

/// Holds the state of lowering one file.
pub(crate) struct Lowerer {
    source: Arc<SourceFile>,
    /// Offset of the text handed to pest within the file.
    pub base: usize,
    /// Literal errors found so far.
    pub errors: Vec<SyntaxError>,
    /// Comments found so far.
    pub comments: Vec<Comment>,
    /// Full-width punctuation found so far.
    pub fullwidth: Vec<Span>,
}

pub(super) fn children(pair: Pair<'_, Rule>) -> Children<'_> {
    Children {
        inner: pair.into_inner(),
    }
}

impl Lowerer {
    pub fn new(source: Arc<SourceFile>) -> Self {
        Self {
            source,
            base: 0,
            errors: Vec::new(),
            comments: Vec::new(),
            fullwidth: Vec::new(),
        }
    }

    /// The pair's span without the blanks and comments pest skipped after its last
    /// token (a rule ending in `x?` keeps the skip made before trying `x`), so a
    /// label never runs onto the next line.
    pub(super) fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        let text = s.as_str();
        let comments: Vec<(usize, usize)> = if text.contains('#') {
            pair.clone()
                .into_inner()
                .flatten()
                .filter(|p| p.as_rule() == Rule::COMMENT)
                .map(|p| {
                    (
                        p.as_span().start() - s.start(),
                        p.as_span().end() - s.start(),
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut end = text.len();
        loop {
            end = text[..end].trim_end_matches(is_blank).len();
            match comments.iter().find(|(_, e)| *e == end) {
                Some((start, _)) => end = *start,
                None => break,
            }
        }
        Span::new(self.base + s.start(), self.base + s.start() + end)
    }

    /// Collects the comments and the full-width punctuation of an item.
    pub(super) fn collect_trivia(&mut self, pair: &Pair<'_, Rule>) {
        // Most items have neither: a scan of the text spares a walk of the tree.
        let text = pair.as_str();
        if !text.contains('#') && !super::fullwidth::may_hold(text) {
            return;
        }
        for p in pair.clone().into_inner().flatten() {
            match p.as_rule() {
                Rule::COMMENT => {
                    let span = self.span(&p);
                    self.comments.push(Comment {
                        text: p.as_str().trim_end().to_string(),
                        span,
                    });
                }
                rule if skipped(rule) => {
                    let s = p.as_span();
                    self.fullwidth
                        .push(Span::new(self.base + s.start(), self.base + s.end()));
                }
                _ => {}
            }
        }
    }

    /// `next_item`: the next item, or `None` at the end of the file.
    pub fn next_item(&mut self, pair: Pair<'_, Rule>) -> Option<Item> {
        debug_assert_eq!(pair.as_rule(), Rule::next_item);
        self.collect_trivia(&pair);
        let mut c = children(pair);
        let first = c.take();
        if first.as_rule() == Rule::EOI {
            return None;
        }
        let item = self.item(first);
        c.done();
        Some(item)
    }

    /// `expr_only`
    pub fn expr_only(&mut self, pair: Pair<'_, Rule>) -> Expr {
        debug_assert_eq!(pair.as_rule(), Rule::expr_only);
        self.collect_trivia(&pair);
        let mut c = children(pair);
        let expr = self.expr(c.take());
        c.keyword(Rule::EOI);
        c.done();
        expr
    }

    fn item(&mut self, pair: Pair<'_, Rule>) -> Item {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::flow_item => Item::Flow(self.keyword_string(pair), span),
            Rule::include_item => Item::Include(self.keyword_string(pair), span),
            Rule::timezone_item => Item::Timezone(self.keyword_string(pair), span),
            Rule::calendar_item => Item::Calendar(self.calendar(pair)),
            Rule::roles_item => Item::Roles(self.keyword_idents(pair), span),
            Rule::events_item => Item::Events(self.keyword_idents(pair), span),
            Rule::event_group => Item::EventGroup(self.event_group(pair)),
            Rule::field_item => Item::Field(self.field(pair)),
            Rule::pipeline_item => Item::Pipeline(self.pipeline(pair), span),
            Rule::on_block => Item::On(self.on_block(pair)),
            Rule::health_item => Item::Health(self.health(pair), span),
            Rule::escalation_item => Item::Escalation(self.escalation(pair)),
            Rule::risk_item => Item::Risk(self.risk(pair)),
            Rule::tags_item => Item::Tags(self.tags(pair)),
            Rule::segment_item => Item::Segment(self.segment(pair)),
            Rule::update_requires => Item::UpdateRequires(self.update_requires(pair), span),
            Rule::goal_item => Item::Goal(self.goal(pair)),
            Rule::template_item => Item::Template(self.template(pair)),
            other => unreachable!("not an item: {other:?}"),
        }
    }

    /// `flow_item`, `include_item`, `timezone_item`: a keyword and a string.
    fn keyword_string(&mut self, pair: Pair<'_, Rule>) -> StrLit {
        let mut c = children(pair);
        c.take();
        let s = self.string(c.take());
        c.done();
        s
    }

    /// `roles_item`, `events_item`: a keyword and names.
    fn keyword_idents(&mut self, pair: Pair<'_, Rule>) -> Vec<Ident> {
        let mut c = children(pair);
        c.take();
        let mut names = Vec::new();
        while let Some(p) = c.next() {
            names.push(self.ident(&p));
        }
        names
    }

    pub(super) fn ident(&self, pair: &Pair<'_, Rule>) -> Ident {
        debug_assert!(matches!(pair.as_rule(), Rule::ident));
        Ident {
            name: pair.as_str().to_string(),
            span: self.span(pair),
        }
    }

    /// Records the full-width quotes `“` `”` around a string opened with `“` (the
    /// grammar matches them as literals, which leave no pair to collect).
    fn fullwidth_quotes(&mut self, span: Span) {
        let text = self.source.slice(span);
        let len = '“'.len_utf8();
        self.fullwidth.push(Span::new(span.start, span.start + len));
        if text.len() > len && text.ends_with('”') {
            let len = '”'.len_utf8();
            self.fullwidth.push(Span::new(span.end - len, span.end));
        }
    }

    /// A stage, state or segment named by its name (`demo`) or its label, quoted
    /// when it is not a name (`"POC 验证"`): the span covers what was written.
    pub(super) fn name_or_label(&mut self, pair: Pair<'_, Rule>) -> Ident {
        if pair.as_rule() == Rule::string {
            let s = self.string(pair);
            Ident {
                name: s.value,
                span: s.span,
            }
        } else {
            self.ident(&pair)
        }
    }

    /// `string` or `text_block`.
    pub(super) fn string(&mut self, pair: Pair<'_, Rule>) -> StrLit {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::string => {
                // Only a string opened with `“` (E2 80 9C) can have full-width quotes.
                if pair.as_str().as_bytes().first() == Some(&0xE2) {
                    self.fullwidth_quotes(span);
                }
                let inner = pair.into_inner().next().expect("string has a body");
                if inner.as_rule() == Rule::unterminated {
                    self.errors
                        .push(SyntaxError::UnterminatedString { span: span.into() });
                    let value = inner.as_str().to_string();
                    return StrLit {
                        value,
                        span,
                        block: false,
                    };
                }
                let (value, bad) = unescape(inner.as_str());
                let body_start = self.base + inner.as_span().start();
                for b in bad {
                    let at = Span::new(body_start + b.offset, body_start + b.offset + b.len);
                    self.errors.push(SyntaxError::InvalidEscape {
                        escape: self.source.slice(at).to_string(),
                        span: at.into(),
                    });
                }
                StrLit {
                    value,
                    span,
                    block: false,
                }
            }
            Rule::text_block => {
                let inner = pair.into_inner().next().expect("block has a body");
                if inner.as_rule() == Rule::unterminated_block {
                    let at = Span::new(span.start, span.start + 3);
                    self.errors
                        .push(SyntaxError::UnterminatedBlock { span: at.into() });
                    return StrLit {
                        value: dedent_block(&inner.as_str()[3..]),
                        span,
                        block: true,
                    };
                }
                StrLit {
                    value: dedent_block(inner.as_str()),
                    span,
                    block: true,
                }
            }
            other => unreachable!("not a string: {other:?}"),
        }
    }

    pub(super) fn duration(&mut self, pair: &Pair<'_, Rule>) -> DurationLit {
        debug_assert_eq!(pair.as_rule(), Rule::duration);
        let span = self.span(pair);
        let text = pair.as_str();
        match parse_duration(text) {
            Ok(parts) => DurationLit { parts, span },
            Err(e) => {
                let (reason, help) = match e {
                    DurationError::NoUnit => (
                        crate::t!("syntax-duration-no-unit"),
                        Some(crate::t!("syntax-help-duration-no-unit", text = text)),
                    ),
                    DurationError::UnknownUnit(u) => (
                        crate::t!("syntax-duration-unknown-unit", unit = u),
                        Some(crate::t!("syntax-help-duration-units")),
                    ),
                    DurationError::Overflow => (crate::t!("syntax-too-large"), None),
                };
                self.errors.push(SyntaxError::InvalidDuration {
                    text: text.to_string(),
                    span: span.into(),
                    reason,
                    help,
                });
                DurationLit {
                    parts: Vec::new(),
                    span,
                }
            }
        }
    }

    pub(super) fn number(&mut self, pair: &Pair<'_, Rule>) -> f64 {
        let text = pair.as_str().trim_end_matches('%');
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() && v.abs() < 1e15 => v,
            _ => {
                self.errors.push(SyntaxError::InvalidNumber {
                    text: pair.as_str().to_string(),
                    span: self.span(pair).into(),
                    reason: crate::t!("syntax-too-large"),
                });
                0.0
            }
        }
    }

    fn event_group(&mut self, pair: Pair<'_, Rule>) -> EventGroup {
        let span = self.span(&pair);
        let mut c = children(pair);
        c.keyword(Rule::k_event);
        let name = self.ident(&c.take());
        let mut members = Vec::new();
        while let Some(p) = c.next() {
            members.push(self.ident(&p));
        }
        EventGroup {
            name,
            members,
            span,
        }
    }

    fn field(&mut self, pair: Pair<'_, Rule>) -> FieldDecl {
        let span = self.span(&pair);
        let mut c = children(pair);
        c.keyword(Rule::k_field);
        let name = self.ident(&c.take());
        let ty = self.ident(&c.take());
        c.done();
        FieldDecl { name, ty, span }
    }

    fn pipeline(&mut self, pair: Pair<'_, Rule>) -> Vec<StageDecl> {
        let mut c = children(pair);
        c.keyword(Rule::k_pipeline);
        let mut stages = Vec::new();
        while let Some(p) = c.next() {
            stages.push(self.stage_line(p));
        }
        stages
    }

    fn stage_line(&mut self, pair: Pair<'_, Rule>) -> StageDecl {
        debug_assert_eq!(pair.as_rule(), Rule::stage_line);
        let span = self.span(&pair);
        let mut c = children(pair);
        let name = self.ident(&c.take());
        let label = self.string(c.take());
        let mut stage = StageDecl {
            name,
            label,
            milestone: None,
            expect: None,
            evidence_required: None,
            won: None,
            lost: None,
            span,
        };
        while let Some(p) = c.next() {
            let at = Some(self.span(&p));
            match p.as_rule() {
                Rule::m_milestone => stage.milestone = at,
                Rule::m_evidence => stage.evidence_required = at,
                Rule::m_won => stage.won = at,
                Rule::m_lost => stage.lost = at,
                Rule::m_expect => {
                    let mut m = children(p);
                    m.keyword(Rule::k_expect);
                    stage.expect = Some(self.duration(&m.take()));
                    m.done();
                }
                other => unreachable!("not a stage modifier: {other:?}"),
            }
        }
        stage
    }

    fn on_block(&mut self, pair: Pair<'_, Rule>) -> OnBlock {
        let span = self.span(&pair);
        let mut c = children(pair);
        c.keyword(Rule::k_on);
        let when = if c.take().as_rule() == Rule::k_enter {
            OnWhen::Enter
        } else {
            OnWhen::Exit
        };
        let target_pair = c.take();
        let segment = target_pair.as_rule() == Rule::segment_target;
        let mut t = children(target_pair);
        if segment {
            t.keyword(Rule::k_segment);
        }
        let target = self.name_or_label(t.take());
        t.done();
        let mut actions = Vec::new();
        while let Some(p) = c.next() {
            actions.push(self.action(p));
        }
        OnBlock {
            when,
            segment,
            target,
            actions,
            span,
        }
    }

    fn action(&mut self, pair: Pair<'_, Rule>) -> Action {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut c = children(pair);
        c.take();
        let action = match rule {
            Rule::task_action => {
                let to = self.recipient(c.take());
                let title = self.string(c.take());
                c.keyword(Rule::k_due);
                let due = self.duration(&c.take());
                Action::Task {
                    to,
                    title,
                    due,
                    span,
                }
            }
            Rule::notify_action => {
                let to = self.recipient(c.take());
                let mut cc = Vec::new();
                if let Some(list) = c.take_if(Rule::cc_list) {
                    let mut l = children(list);
                    l.keyword(Rule::k_cc);
                    while let Some(r) = l.next() {
                        cc.push(self.recipient(r));
                    }
                }
                let body = self.body(c.take());
                Action::Notify { to, cc, body, span }
            }
            Rule::message_action => {
                c.keyword(Rule::k_customer);
                let body = self.body(c.take());
                Action::Message { body, span }
            }
            Rule::set_action => {
                let field = self.field_ref(c.take());
                let value = self.expr(c.take());
                Action::Set { field, value, span }
            }
            other => unreachable!("not an action: {other:?}"),
        };
        c.done();
        action
    }

    fn body(&mut self, pair: Pair<'_, Rule>) -> Body {
        if pair.as_rule() == Rule::template_ref {
            let mut c = children(pair);
            c.keyword(Rule::k_template);
            let name = self.ident(&c.take());
            c.done();
            Body::Template(name)
        } else {
            Body::Text(self.string(pair))
        }
    }

    /// `recipient`: `manager of` repeated, then a name or a person. The chain is
    /// built from the inside out, each link spanning from its `manager` to the end.
    fn recipient(&mut self, pair: Pair<'_, Rule>) -> Recipient {
        debug_assert_eq!(pair.as_rule(), Rule::recipient);
        let mut links = Vec::new();
        let mut c = children(pair);
        let mut inner = c.take();
        while inner.as_rule() == Rule::manager_of {
            links.push(self.span(&inner).start);
            inner = c.take();
        }
        c.done();
        let span = self.span(&inner);
        let mut recipient = match inner.as_rule() {
            Rule::ident => Recipient::Name(self.ident(&inner)),
            Rule::person_ref => {
                let mut m = children(inner);
                m.keyword(Rule::k_person);
                let id = self.string(m.take());
                m.done();
                Recipient::Person(id, span)
            }
            other => unreachable!("not a recipient: {other:?}"),
        };
        if links.len() > MAX_MANAGER_CHAIN {
            self.errors.push(SyntaxError::ManagerChain {
                span: Span::new(links[0], span.end).into(),
                count: links.len(),
            });
            links.truncate(MAX_MANAGER_CHAIN);
        }
        for start in links.into_iter().rev() {
            recipient = Recipient::ManagerOf(Box::new(recipient), Span::new(start, span.end));
        }
        recipient
    }

    pub(super) fn field_ref(&mut self, pair: Pair<'_, Rule>) -> Ident {
        debug_assert_eq!(pair.as_rule(), Rule::field_ref);
        let mut c = children(pair);
        c.keyword(Rule::k_customer);
        let name = self.ident(&c.take());
        c.done();
        name
    }

    fn health(&mut self, pair: Pair<'_, Rule>) -> Vec<StateDecl> {
        let mut c = children(pair);
        c.keyword(Rule::k_health);
        let mut states = Vec::new();
        while let Some(p) = c.next() {
            states.push(self.state_line(p, false));
        }
        states
    }

    /// `state_line` and `segment_item` share their shape.
    fn state_line(&mut self, pair: Pair<'_, Rule>, segment: bool) -> StateDecl {
        let span = self.span(&pair);
        let mut c = children(pair);
        if segment {
            c.keyword(Rule::k_segment);
        }
        let name = self.ident(&c.take());
        let label = c.take_if(Rule::string).map(|p| self.string(p));
        let clause = c.take();
        let clause_span = self.span(&clause);
        let when = if clause.as_rule() == Rule::when_clause {
            let mut w = children(clause);
            w.keyword(Rule::k_when);
            let e = self.expr(w.take());
            w.done();
            Some(e)
        } else {
            None
        };
        c.done();
        StateDecl {
            name,
            label,
            when,
            clause_span,
            span,
        }
    }

    fn segment(&mut self, pair: Pair<'_, Rule>) -> StateDecl {
        self.state_line(pair, true)
    }

    fn escalation(&mut self, pair: Pair<'_, Rule>) -> EscalationDecl {
        let span = self.span(&pair);
        let mut c = children(pair);
        c.keyword(Rule::k_escalation);
        let name = self.ident(&c.take());
        let label = c.take_if(Rule::string).map(|p| self.string(p));
        let mut clauses = Vec::new();
        while let Some(p) = c.next() {
            clauses.push(self.esc_clause(p));
        }
        EscalationDecl {
            name,
            label,
            clauses,
            span,
        }
    }

    fn esc_clause(&mut self, pair: Pair<'_, Rule>) -> EscClause {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut c = children(pair);
        c.take();
        let clause = match rule {
            Rule::esc_when => EscClause::When(self.expr(c.take()), span),
            Rule::esc_until => EscClause::Until(self.expr(c.take()), span),
            Rule::esc_clock => EscClause::Clock(self.ident(&c.take()), span),
            Rule::esc_pause => {
                c.keyword(Rule::k_when);
                EscClause::Pause(self.expr(c.take()), span)
            }
            Rule::esc_after => {
                let after = self.duration(&c.take());
                let mut actions = Vec::new();
                while let Some(p) = c.next() {
                    actions.push(self.action(p));
                }
                EscClause::After(after, actions, span)
            }
            Rule::esc_every => {
                let period = self.duration(&c.take());
                c.keyword(Rule::k_after);
                let after = self.duration(&c.take());
                let mut max = None;
                if c.take_if(Rule::k_max).is_some() {
                    let n = c.take();
                    let at = self.span(&n);
                    match n.as_str().parse::<u32>() {
                        Ok(v) => max = Some((v, at)),
                        Err(_) => self.errors.push(SyntaxError::InvalidNumber {
                            text: n.as_str().into(),
                            span: at.into(),
                            reason: crate::t!("syntax-too-large"),
                        }),
                    }
                }
                let mut actions = Vec::new();
                while let Some(p) = c.next() {
                    actions.push(self.action(p));
                }
                EscClause::Every {
                    period,
                    after,
                    max,
                    actions,
                    span,
                }
            }
            other => unreachable!("not an escalation clause: {other:?}"),
        };
        c.done();
        clause
    }

    fn risk(&mut self, pair: Pair<'_, Rule>) -> RiskDecl {
        let span = self.span(&pair);
        let mut c = children(pair);
        c.keyword(Rule::k_risk);
        let name = self.ident(&c.take());
        let label = c.take_if(Rule::string).map(|p| self.string(p));
        let mut risk = RiskDecl {
            name,
            label,
            severity: Vec::new(),
            keywords: Vec::new(),
            unless: Vec::new(),
            strategy: Vec::new(),
            cases: Vec::new(),
            span,
        };
        while let Some(p) = c.next() {
            let rule = p.as_rule();
            let mut l = children(p);
            l.take();
            while let Some(v) = l.next() {
                match rule {
                    Rule::risk_severity => risk.severity.push(self.name_or_label(v)),
                    Rule::risk_keywords => risk.keywords.push(self.string(v)),
                    Rule::risk_unless => risk.unless.push(self.string(v)),
                    Rule::risk_strategy => risk.strategy.push(self.string(v)),
                    Rule::risk_case => risk.cases.push(self.string(v)),
                    other => unreachable!("not a risk clause: {other:?}"),
                }
            }
        }
        risk
    }

    fn tags(&mut self, pair: Pair<'_, Rule>) -> TagsDecl {
        let span = self.span(&pair);
        let mut c = children(pair);
        c.keyword(Rule::k_tags);
        c.keyword(Rule::k_from);
        let mut from = Vec::new();
        let mut tags = Vec::new();
        while let Some(p) = c.next() {
            match p.as_rule() {
                Rule::field_ref => from.push(self.field_ref(p)),
                Rule::tag_line => {
                    let line_span = self.span(&p);
                    let mut l = children(p);
                    let name = self.ident(&l.take());
                    let mut words = Vec::new();
                    while let Some(s) = l.next() {
                        words.push(self.string(s));
                    }
                    tags.push((name, words, line_span));
                }
                other => unreachable!("in tags: {other:?}"),
            }
        }
        TagsDecl { from, tags, span }
    }

    fn update_requires(&mut self, pair: Pair<'_, Rule>) -> Vec<Ident> {
        let mut c = children(pair);
        c.keyword(Rule::k_update);
        c.keyword(Rule::k_requires);
        let mut names = Vec::new();
        while let Some(p) = c.next() {
            names.push(self.ident(&p));
        }
        names
    }

    fn goal(&mut self, pair: Pair<'_, Rule>) -> GoalDecl {
        let span = self.span(&pair);
        let mut c = children(pair);
        c.keyword(Rule::k_goal);
        let metric = self.ident(&c.take());
        let op = super::lower_expr::cmp_op(c.take().as_str());
        let value = self.value(c.take());
        c.done();
        GoalDecl {
            metric,
            op,
            value,
            span,
        }
    }

    fn template(&mut self, pair: Pair<'_, Rule>) -> TemplateDecl {
        let span = self.span(&pair);
        let mut c = children(pair);
        c.keyword(Rule::k_template);
        let name = self.ident(&c.take());
        let text = self.string(c.take());
        c.done();
        TemplateDecl { name, text, span }
    }
}

/// The grammar's `WHITESPACE`.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}
