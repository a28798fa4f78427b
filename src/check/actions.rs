//! `on` blocks and escalations: triggers, recipients, actions and their templates,
//! escalation clauses, clocks and steps.

use super::Checker;
use super::expr::Lookup;
use crate::diagnostic::Code;
use crate::model::{
    Action, ActionBlock, CalendarId, Cond, Escalation, FieldType, RoleId, SegmentId, SetValue,
    StageId, Step, StepTiming, TemplateId, TemplateSite, Trigger,
};
use crate::syntax::ast::{self, Body, EscClause, Item, OnWhen};

impl Checker<'_> {
    pub(super) fn check_blocks(&mut self) {
        let items: Vec<_> = self.items().collect();
        for (file, item) in items {
            let Item::On(block) = item else { continue };
            self.cur = file;
            let trigger = if block.segment {
                let Some(id) = self.lookup(&block.target, Lookup::Segment) else {
                    continue;
                };
                match block.when {
                    OnWhen::Enter => Trigger::EnterSegment(SegmentId(id)),
                    OnWhen::Exit => Trigger::ExitSegment(SegmentId(id)),
                }
            } else {
                let Some(id) = self.lookup(&block.target, Lookup::Stage) else {
                    continue;
                };
                match block.when {
                    OnWhen::Enter => Trigger::EnterStage(StageId(id)),
                    OnWhen::Exit => Trigger::ExitStage(StageId(id)),
                }
            };
            let has_due = block
                .actions
                .iter()
                .any(|a| matches!(a, ast::Action::Task { .. }));
            let actions = self.actions(&block.actions, None, TemplateSite::Block { has_due });
            self.flow.blocks.push(ActionBlock { trigger, actions });
        }
    }

    pub(super) fn check_escalations(&mut self) {
        let items: Vec<_> = self.items().collect();
        for (file, item) in items {
            let Item::Escalation(e) = item else { continue };
            self.cur = file;
            if !self
                .escalations
                .is_declared_at(&e.name.name, (file, e.name.span))
            {
                continue;
            }
            let escalation = self.escalation(e);
            self.flow.escalations.push(escalation);
        }
    }

    fn escalation(&mut self, e: &ast::EscalationDecl) -> Escalation {
        let clock = self.clock(e);
        let mut seen: Vec<(&'static str, crate::source::Span)> = Vec::new();
        let mut when = None;
        let mut until = None;
        let mut pause = None;
        let mut steps = Vec::new();
        let mut last_after: Option<(i64, crate::source::Span)> = None;
        for clause in &e.clauses {
            let key = match clause {
                EscClause::When(..) => Some("when"),
                EscClause::Until(..) => Some("until"),
                EscClause::Pause(..) => Some("pause when"),
                EscClause::Clock(..) => Some("clock"),
                _ => None,
            };
            if let (Some(k), Some(span)) = (key, clause_span(clause)) {
                if let Some((_, first)) = seen.iter().find(|(s, _)| *s == k) {
                    let file = self.file(self.cur).clone();
                    let d = crate::diagnostic::Diagnostic::new(
                        Code::RepeatedClause,
                        crate::t!("check-two-clauses", name = e.name.name, clause = k),
                        &file,
                        span,
                        crate::t!("check-label-second-clause"),
                    )
                    .with_label(&file, *first, crate::t!("check-label-first-clause"))
                    .with_help(crate::t!("check-help-two-clauses", clause = k));
                    self.diags.push(d);
                    continue;
                }
                seen.push((k, span));
            }
            match clause {
                EscClause::When(x, _) => when = self.cond(x, clock),
                EscClause::Until(x, _) => until = self.cond(x, clock),
                EscClause::Pause(x, _) => pause = self.cond(x, clock),
                EscClause::Clock(..) => {}
                EscClause::After(d, actions, _) => {
                    let after = self.duration(d, clock);
                    let key = after.ordering_key();
                    if let Some((prev, prev_span)) = last_after {
                        if key <= prev {
                            let file = self.file(self.cur).clone();
                            let diag = crate::diagnostic::Diagnostic::new(
                                Code::StepsOutOfOrder,
                                crate::t!("check-steps-order", name = e.name.name),
                                &file,
                                d.span,
                                crate::t!("check-label-step-not-later"),
                            )
                            .with_label(&file, prev_span, crate::t!("check-label-than-this"))
                            .with_help(crate::t!("check-help-steps-order"));
                            self.diags.push(diag);
                        }
                    }
                    last_after = Some((key, d.span));
                    let actions = self.actions(actions, clock, TemplateSite::Escalation);
                    steps.push(Step {
                        label: format!("after {}", self.source_text(d.span)),
                        timing: StepTiming::After(after),
                        actions,
                    });
                }
                EscClause::Every {
                    period,
                    after,
                    max,
                    actions,
                    ..
                } => {
                    let p = self.duration(period, clock);
                    if p.is_zero() {
                        self.report(
                            Code::ZeroDuration,
                            period.span,
                            crate::t!("check-zero-period"),
                            crate::t!("check-label-zero"),
                        )
                        .help = Some(crate::t!("check-help-zero-period"));
                    }
                    let a = self.duration(after, clock);
                    let actions = self.actions(actions, clock, TemplateSite::Escalation);
                    let max = max.map_or(u32::MAX, |(n, _)| n);
                    let label = format!(
                        "every {} after {}",
                        self.source_text(period.span),
                        self.source_text(after.span)
                    );
                    steps.push(Step {
                        label,
                        timing: StepTiming::Every {
                            period: p,
                            after: a,
                            max,
                        },
                        actions,
                    });
                }
            }
        }
        if !seen.iter().any(|(k, _)| *k == "when") {
            self.report(
                Code::MissingWhen,
                e.name.span,
                crate::t!("check-no-when", name = e.name.name),
                crate::t!("check-label-never-starts"),
            )
            .help = Some(crate::t!("check-help-no-when"));
        }
        if steps.is_empty() {
            self.report(
                Code::EscalationWithoutSteps,
                e.name.span,
                crate::t!("check-no-steps", name = e.name.name),
                crate::t!("check-label-does-nothing"),
            )
            .help = Some(crate::t!("check-help-no-steps"));
        }
        Escalation {
            name: e.name.name.clone(),
            label: e
                .label
                .as_ref()
                .map_or_else(|| e.name.name.clone(), |l| l.value.clone()),
            when: when.unwrap_or(Cond::Holds(crate::model::Operand::Const(
                crate::model::Const::Bool(false),
            ))),
            until,
            clock,
            pause,
            steps,
        }
    }

    fn clock(&mut self, e: &ast::EscalationDecl) -> Option<CalendarId> {
        let name = e.clauses.iter().find_map(|c| match c {
            EscClause::Clock(n, _) => Some(n),
            _ => None,
        })?;
        self.lookup(name, Lookup::Calendar).map(CalendarId)
    }

    fn actions(
        &mut self,
        actions: &[ast::Action],
        clock: Option<CalendarId>,
        site: TemplateSite,
    ) -> Vec<Action> {
        let mut out = Vec::new();
        for a in actions {
            let checked = match a {
                ast::Action::Task { to, title, due, .. } => {
                    let to = self.recipient(to);
                    let due = self.duration(due, clock);
                    to.map(|to| Action::Task {
                        to,
                        title: title.value.clone(),
                        due,
                    })
                }
                ast::Action::Notify { to, cc, body, .. } => {
                    let to = self.recipient(to);
                    let cc: Vec<_> = cc.iter().map(|r| self.recipient(r)).collect();
                    let template = self.body(body, site);
                    match (to, cc.into_iter().collect::<Option<Vec<_>>>(), template) {
                        (Some(to), Some(cc), Some(template)) => {
                            Some(Action::Notify { to, cc, template })
                        }
                        _ => None,
                    }
                }
                ast::Action::Message { body, .. } => self
                    .body(body, site)
                    .map(|template| Action::Message { template }),
                ast::Action::Set { field, value, .. } => self.set(field, value, clock),
            };
            out.extend(checked);
        }
        out
    }

    fn set(
        &mut self,
        field: &ast::Ident,
        value: &ast::Expr,
        clock: Option<CalendarId>,
    ) -> Option<Action> {
        let Some(id) = self.fields.get(&field.name) else {
            if crate::model::BuiltinField::ALL
                .iter()
                .any(|(n, _)| *n == field.name)
            {
                self.report(
                    Code::ReadOnlyField,
                    field.span,
                    crate::t!("check-read-only", name = field.name),
                    crate::t!("check-label-computed"),
                )
                .help = Some(crate::t!("check-help-read-only"));
            } else {
                self.field_ref(field);
            }
            return None;
        };
        let ty = self.flow.fields[id as usize].ty;
        // A bool field takes a condition; any other field one operand of its type,
        // checked as `customer.F == VALUE` would be.
        let value = if ty == FieldType::Bool {
            SetValue::Cond(self.cond(value, clock)?)
        } else {
            let ast::ExprKind::Value(v) = &value.kind else {
                self.report(
                    Code::TypeMismatch,
                    value.span,
                    crate::t!(
                        "check-set-not-condition",
                        name = field.name,
                        ty = crate::i18n::noun(&ty.value_type().to_string())
                    ),
                    crate::t!("check-label-a-condition"),
                )
                .help = Some(crate::t!("check-help-set-value"));
                return None;
            };
            let probe = ast::Expr {
                kind: ast::ExprKind::Compare(
                    ast::Value {
                        kind: ast::ValueKind::Field(field.clone()),
                        span: field.span,
                    },
                    ast::CmpOp::Eq,
                    v.clone(),
                ),
                span: value.span,
            };
            match self.cond(&probe, clock)? {
                Cond::Compare(_, _, operand, _) => SetValue::Operand(operand),
                _ => return None,
            }
        };
        Some(Action::Set {
            field: crate::model::FieldId(id),
            value,
        })
    }

    fn recipient(&mut self, r: &ast::Recipient) -> Option<crate::model::Recipient> {
        let resolved = self.resolve_recipient(r)?;
        self.step_recipients
            .push((resolved.clone(), (self.cur, r.span())));
        Some(resolved)
    }

    fn resolve_recipient(&mut self, r: &ast::Recipient) -> Option<crate::model::Recipient> {
        use crate::model::Recipient as R;
        match r {
            ast::Recipient::Name(n) if n.name == "owner" => Some(R::Owner),
            ast::Recipient::Name(n) => self.lookup(n, Lookup::Role).map(|i| R::Role(RoleId(i))),
            ast::Recipient::ManagerOf(of, _) => {
                Some(R::ManagerOf(Box::new(self.resolve_recipient(of)?)))
            }
            ast::Recipient::Person(id, _) => Some(R::Person(id.value.clone())),
        }
    }

    fn body(&mut self, body: &Body, site: TemplateSite) -> Option<TemplateId> {
        let id = match body {
            Body::Template(name) => TemplateId(self.lookup(name, Lookup::Template)?),
            Body::Text(text) => self.add_template(None, text.clone()),
        };
        let at = match body {
            Body::Template(n) => n.span,
            Body::Text(t) => t.span,
        };
        self.template_uses[id.index()].push((site, (self.cur, at)));
        Some(id)
    }
}

fn clause_span(c: &EscClause) -> Option<crate::source::Span> {
    match c {
        EscClause::When(_, s)
        | EscClause::Until(_, s)
        | EscClause::Pause(_, s)
        | EscClause::Clock(_, s) => Some(*s),
        _ => None,
    }
}
