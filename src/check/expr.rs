//! Conditions and operands: names resolved by what they are compared with, types
//! checked with both operands labelled on a mismatch, durations bound to the clock
//! of the enclosing escalation.

use super::Checker;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{
    BuiltinField, CalendarId, Cond, Const, Duration, EventFilter, FieldRef, Operand, RiskId,
    SegmentId, SignalWhich, StageId, StateId, TagId, Type,
};
use crate::source::Span;
use crate::syntax::ast::{
    CmpOp, DurationLit, DurationUnit, Expr, ExprKind, Filter, Ident, Item, SignalTarget, Value,
    ValueKind,
};

/// An operand after checking: typed, or a bare name waiting for its context.
enum Checked {
    Typed {
        op: Operand,
        ty: Type,
        number_literal: bool,
    },
    Name(Ident),
}

impl Checker<'_> {
    /// The conditions of `health` and `segment`.
    pub(super) fn check_conditions(&mut self) {
        let items: Vec<_> = self.items().collect();
        let mut health_done = false;
        for (file, item) in items {
            self.cur = file;
            match item {
                Item::Health(states, span) if !health_done => {
                    health_done = true;
                    if states.is_empty() {
                        self.report(
                            Code::MissingOtherwise,
                            *span,
                            crate::t!("check-health-no-state"),
                            crate::t!("check-label-empty"),
                        )
                        .help = Some(crate::t!("check-help-health-no-state"));
                    } else if states.last().is_some_and(|s| s.when.is_some()) {
                        let last = states.last().expect("not empty");
                        self.report(
                            Code::MissingOtherwise,
                            last.span,
                            crate::t!("check-last-state-otherwise"),
                            crate::t!("check-label-may-match-no-state"),
                        )
                        .help = Some(crate::t!(
                            "check-help-last-state-otherwise",
                            name = last.name.name
                        ));
                    }
                    for s in states {
                        let Some(id) = self.states.get(&s.name.name) else {
                            continue;
                        };
                        if self.flow.health[id as usize].name != s.name.name {
                            continue;
                        }
                        let when = s.when.as_ref().and_then(|e| self.cond(e, None));
                        let text = s.when.as_ref().map(|e| self.source_text(e.span));
                        self.flow.health[id as usize].when = when;
                        self.flow.health[id as usize].when_text = text;
                    }
                }
                Item::Segment(s) => {
                    let Some(id) = self.segments.get(&s.name.name) else {
                        continue;
                    };
                    if self.segments.order[id as usize].1 != (file, s.name.span) {
                        continue;
                    }
                    let when = s.when.as_ref().and_then(|e| self.cond(e, None));
                    let text = s.when.as_ref().map(|e| self.source_text(e.span));
                    self.flow.segments[id as usize].when = when;
                    self.flow.segments[id as usize].when_text = text;
                }
                _ => {}
            }
        }
    }

    /// The source text of a span in the current file, whitespace folded.
    pub(super) fn source_text(&self, span: Span) -> String {
        self.file(self.cur)
            .slice(span)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Checks a condition; `None` after reporting when it does not check.
    pub(super) fn cond(&mut self, e: &Expr, clock: Option<CalendarId>) -> Option<Cond> {
        match &e.kind {
            ExprKind::Or(a, b) => {
                let (a, b) = (self.cond(a, clock), self.cond(b, clock));
                Some(Cond::Or(Box::new(a?), Box::new(b?)))
            }
            ExprKind::And(a, b) => {
                let (a, b) = (self.cond(a, clock), self.cond(b, clock));
                Some(Cond::And(Box::new(a?), Box::new(b?)))
            }
            ExprKind::Not(a) => Some(Cond::Not(Box::new(self.cond(a, clock)?))),
            ExprKind::Compare(l, op, r) => self.compare(l, *op, r, e.span, clock),
            ExprKind::Is(v, name) => {
                let lhs = self.operand(v, clock)?;
                let Checked::Typed { op, ty, .. } = lhs else {
                    return self.bare_name_both(v.span, name.span);
                };
                if !matches!(ty, Type::Stage | Type::State | Type::Segment) {
                    self.report(
                        Code::TypeMismatch,
                        v.span,
                        crate::t!(
                            "check-is-not-a-name-type",
                            ty = crate::i18n::noun(&ty.to_string())
                        ),
                        crate::t!(
                            "check-label-this-is",
                            ty = crate::i18n::noun(&ty.to_string())
                        ),
                    )
                    .help = Some(crate::t!("check-help-compare-with-eq"));
                    return None;
                }
                let rhs = self.resolve_name(name, ty)?;
                Some(Cond::Compare(op, crate::model::CmpOp::Eq, rhs, e.span))
            }
            ExprKind::In(v, list) => {
                let lhs = self.operand(v, clock)?;
                let Checked::Typed {
                    op,
                    ty,
                    number_literal,
                } = lhs
                else {
                    return self.bare_name_both(v.span, v.span);
                };
                let mut out = Vec::new();
                for item in list {
                    let rhs = self.operand(item, clock)?;
                    let rhs = self.unify(ty, number_literal, v.span, rhs, item.span)?;
                    out.push(rhs);
                }
                Some(Cond::In(op, out, e.span))
            }
            ExprKind::Value(v) => {
                let checked = self.operand(v, clock)?;
                match checked {
                    Checked::Typed {
                        op, ty: Type::Bool, ..
                    } => Some(Cond::Holds(op)),
                    Checked::Typed { ty, .. } => {
                        let text = self.file(self.cur).slice(v.span).to_string();
                        self.report(
                            Code::NotACondition,
                            v.span,
                            crate::t!(
                                "check-not-a-condition",
                                text = text,
                                ty = crate::i18n::noun(&ty.to_string())
                            ),
                            crate::t!(
                                "check-label-this-is",
                                ty = crate::i18n::noun(&ty.to_string())
                            ),
                        )
                        .help = Some(match ty {
                            Type::Duration => crate::t!("check-help-compare-duration", text = text),
                            Type::Stage | Type::State | Type::Segment => {
                                crate::t!("check-help-test-name", text = text)
                            }
                            _ => crate::t!("check-help-compare-number", text = text),
                        });
                        None
                    }
                    Checked::Name(n) => {
                        self.report(
                            Code::BareName,
                            n.span,
                            crate::t!("check-bare-name-alone", name = n.name),
                            crate::t!("check-label-bare-name"),
                        )
                        .help = Some(crate::t!("check-help-bare-name-alone", name = n.name));
                        None
                    }
                }
            }
        }
    }

    fn bare_name_both(&mut self, a: Span, b: Span) -> Option<Cond> {
        let file = self.file(self.cur).clone();
        let mut d = Diagnostic::new(
            Code::BareName,
            crate::t!("check-bare-names-compared"),
            &file,
            a,
            crate::t!("check-label-bare-name"),
        )
        .with_help(crate::t!("check-help-bare-names-compared"));
        if b != a {
            d = d.with_label(&file, b, crate::t!("check-label-another-bare-name"));
        }
        self.diags.push(d);
        None
    }

    fn compare(
        &mut self,
        l: &Value,
        op: CmpOp,
        r: &Value,
        span: Span,
        clock: Option<CalendarId>,
    ) -> Option<Cond> {
        let (lhs, rhs) = (self.operand(l, clock), self.operand(r, clock));
        let (lhs, rhs) = (lhs?, rhs?);
        // A quoted label on the left (`"POC 验证" == stage`) is a name too, and a
        // date on the left of an instant is an instant.
        let lhs = match &rhs {
            Checked::Typed { ty, .. } => quoted_name(*ty, self.date_as_instant(*ty, lhs), l.span),
            Checked::Name(_) => lhs,
        };
        let (lop, lty, rop) = match (lhs, rhs) {
            (
                Checked::Typed {
                    op: lop,
                    ty,
                    number_literal,
                },
                rhs,
            ) => {
                let rop = self.unify(ty, number_literal, l.span, rhs, r.span)?;
                (lop, ty, rop)
            }
            (
                Checked::Name(n),
                Checked::Typed {
                    op: rop,
                    ty,
                    number_literal,
                },
            ) => {
                let lop = self.unify(ty, number_literal, r.span, Checked::Name(n), l.span)?;
                (lop, ty, rop)
            }
            (Checked::Name(_), Checked::Name(_)) => return self.bare_name_both(l.span, r.span),
        };
        if !matches!(op, CmpOp::Eq | CmpOp::Ne) && !lty.is_ordered() {
            self.report(
                Code::TypeMismatch,
                span,
                crate::t!(
                    "check-op-not-ordered",
                    op = op.as_str(),
                    ty = crate::i18n::noun(&lty.to_string())
                ),
                crate::t!(
                    "check-label-no-order",
                    ty = crate::i18n::noun(&lty.to_string())
                ),
            )
            .help = Some(crate::t!("check-help-use-eq"));
            return None;
        }
        Some(Cond::Compare(lop, op.into(), rop, span))
    }

    /// Makes `other` an operand of type `ty` (resolving a bare name), or reports a
    /// mismatch labelling both sides.
    fn unify(
        &mut self,
        ty: Type,
        lit: bool,
        span: Span,
        other: Checked,
        other_span: Span,
    ) -> Option<Operand> {
        match quoted_name(ty, self.date_as_instant(ty, other), other_span) {
            Checked::Name(n) => self.resolve_name(&n, ty),
            Checked::Typed {
                op,
                ty: oty,
                number_literal,
            } => {
                let money_number = (ty == Type::Money && oty == Type::Number && number_literal)
                    || (oty == Type::Money && ty == Type::Number && lit);
                if ty == oty || money_number {
                    return Some(op);
                }
                let file = self.file(self.cur).clone();
                let d = Diagnostic::new(
                    Code::TypeMismatch,
                    crate::t!(
                        "check-cannot-compare",
                        ty = crate::i18n::noun(&ty.to_string()),
                        other = crate::i18n::noun(&oty.to_string())
                    ),
                    &file,
                    span,
                    crate::t!(
                        "check-label-this-is",
                        ty = crate::i18n::noun(&ty.to_string())
                    ),
                )
                .with_label(
                    &file,
                    other_span,
                    crate::t!(
                        "check-label-this-is",
                        ty = crate::i18n::noun(&oty.to_string())
                    ),
                )
                .with_help(mismatch_help(ty, oty));
                self.diags.push(d);
                None
            }
        }
    }

    /// A date literal where an instant is expected (`customer.created_at >=
    /// 2026-03-02`): 00:00 of that day in the flow's time zone (the first minute
    /// of the day that exists, where a clock change skips midnight).
    fn date_as_instant(&self, ty: Type, c: Checked) -> Checked {
        match c {
            Checked::Typed {
                op: Operand::Const(Const::Date(d)),
                ty: Type::Date,
                ..
            } if ty == Type::Time => {
                let tz = self.flow.timezone;
                let start = (0..=24 * 60)
                    .step_by(15)
                    .find_map(|m| {
                        let local =
                            d.and_time(chrono::NaiveTime::MIN) + chrono::TimeDelta::minutes(m);
                        local.and_local_timezone(tz).earliest()
                    })
                    .map_or_else(
                        || d.and_time(chrono::NaiveTime::MIN).and_utc(),
                        |t| t.with_timezone(&chrono::Utc),
                    );
                Checked::Typed {
                    op: Operand::Const(Const::Time(start)),
                    ty: Type::Time,
                    number_literal: false,
                }
            }
            other => other,
        }
    }

    /// A bare name read in the context of a type.
    fn resolve_name(&mut self, n: &Ident, ty: Type) -> Option<Operand> {
        let c = match ty {
            Type::Stage => Const::Stage(StageId(self.lookup(n, Lookup::Stage)?)),
            Type::State => Const::State(StateId(self.lookup(n, Lookup::State)?)),
            Type::Segment => Const::Segment(SegmentId(self.lookup(n, Lookup::Segment)?)),
            Type::Text => Const::Text(n.name.clone()),
            other => {
                self.report(
                    Code::BareName,
                    n.span,
                    crate::t!(
                        "check-bare-name-not-type",
                        name = n.name,
                        ty = crate::i18n::noun(&other.to_string())
                    ),
                    crate::t!("check-label-bare-name"),
                )
                .help = Some(crate::t!("check-help-bare-name-stands-for"));
                return None;
            }
        };
        Some(Operand::Const(c))
    }

    pub(super) fn lookup(&mut self, n: &Ident, what: Lookup) -> Option<u32> {
        let (names, code, kind, label) = match what {
            Lookup::Stage => (
                &self.stages,
                Code::UnknownStage,
                "stage",
                crate::t!("check-label-not-a-stage"),
            ),
            Lookup::State => (
                &self.states,
                Code::UnknownState,
                "health state",
                crate::t!("check-label-not-a-state"),
            ),
            Lookup::Segment => (
                &self.segments,
                Code::UnknownSegment,
                "segment",
                crate::t!("check-label-not-a-segment"),
            ),
            Lookup::Risk => (
                &self.risks,
                Code::UnknownRisk,
                "risk",
                crate::t!("check-label-not-a-risk"),
            ),
            Lookup::Tag => (
                &self.tags,
                Code::UnknownTag,
                "tag",
                crate::t!("check-label-not-a-tag"),
            ),
            Lookup::Role => (
                &self.roles,
                Code::UnknownRole,
                "role",
                crate::t!("check-label-not-a-role"),
            ),
            Lookup::Calendar => (
                &self.calendars,
                Code::UnknownCalendar,
                "calendar",
                crate::t!("check-label-not-a-calendar"),
            ),
            Lookup::Template => (
                &self.templates,
                Code::UnknownTemplate,
                "template",
                crate::t!("check-label-not-a-template"),
            ),
        };
        // Stages, states and segments are also named by their labels.
        let found = match what {
            Lookup::Stage | Lookup::State | Lookup::Segment => names.get_or_label(&n.name),
            _ => names.get(&n.name),
        };
        if let Some(i) = found {
            return Some(i);
        }
        let help = names.suggest(&n.name, kind);
        let message = crate::t!(
            "check-unknown-name",
            kind = crate::i18n::noun(kind),
            name = n.name
        );
        self.report(code, n.span, message, label).help = help;
        None
    }

    fn operand(&mut self, v: &Value, clock: Option<CalendarId>) -> Option<Checked> {
        let typed = |op, ty| {
            Some(Checked::Typed {
                op,
                ty,
                number_literal: false,
            })
        };
        match &v.kind {
            ValueKind::Number(n) => Some(Checked::Typed {
                op: Operand::Const(Const::Number(*n)),
                ty: Type::Number,
                number_literal: true,
            }),
            ValueKind::Percent(p) => typed(Operand::Const(Const::Percent(*p)), Type::Percent),
            ValueKind::Date(d) => typed(Operand::Const(Const::Date(*d)), Type::Date),
            ValueKind::Duration(d) => typed(
                Operand::Const(Const::Duration(self.duration(d, clock))),
                Type::Duration,
            ),
            ValueKind::Str(s) => typed(Operand::Const(Const::Text(s.clone())), Type::Text),
            ValueKind::Bool(b) => typed(Operand::Const(Const::Bool(*b)), Type::Bool),
            ValueKind::Name(n) => Some(Checked::Name(n.clone())),
            ValueKind::Field(f) => {
                let (field, ty) = self.field_ref(f)?;
                typed(Operand::Field(field), ty)
            }
            ValueKind::Stage => typed(Operand::Stage, Type::Stage),
            ValueKind::Health => typed(Operand::Health, Type::State),
            ValueKind::Segment => typed(Operand::Segment, Type::Segment),
            ValueKind::TimeInStage => typed(Operand::TimeInStage, Type::Duration),
            ValueKind::Overdue => typed(Operand::Overdue, Type::Bool),
            ValueKind::Since(which, f) => {
                let filter = self.filter(f, clock)?;
                typed(
                    Operand::Since((*which).into(), filter, clock),
                    Type::Duration,
                )
            }
            ValueKind::Count(f, within) => {
                let filter = self.filter(f, clock);
                let within = within.as_ref().map(|d| self.duration(d, clock));
                typed(Operand::Count(filter?, within), Type::Number)
            }
            ValueKind::Signal(target, within) => {
                let within = within.as_ref().map(|d| self.duration(d, clock));
                let which = match target {
                    SignalTarget::Risk(r) => {
                        SignalWhich::Risk(RiskId(self.lookup(r, Lookup::Risk)?))
                    }
                    SignalTarget::Any(None) => SignalWhich::Any(None),
                    SignalTarget::Any(Some(s)) => {
                        SignalWhich::Any(Some(StateId(self.lookup(s, Lookup::State)?)))
                    }
                };
                typed(Operand::Signal(which, within), Type::Bool)
            }
            ValueKind::Task(title, state) => typed(
                Operand::Task(title.value.clone(), (*state).into()),
                Type::Bool,
            ),
            ValueKind::Tagged(t) => typed(
                Operand::Tagged(TagId(self.lookup(t, Lookup::Tag)?)),
                Type::Bool,
            ),
            ValueKind::Mentions(text, within) => {
                let within = within.as_ref().map(|d| self.duration(d, clock));
                typed(Operand::Mentions(text.value.clone(), within), Type::Bool)
            }
        }
    }

    fn filter(&mut self, f: &Filter, clock: Option<CalendarId>) -> Option<EventFilter> {
        let kinds = if let Some(k) = self.kind_id(&f.kind.name) {
            vec![k]
        } else if let Some(g) = self
            .flow
            .event_groups
            .iter()
            .find(|g| g.name == f.kind.name)
        {
            g.kinds.clone()
        } else {
            self.unknown_event_kind(&f.kind, &crate::t!("check-label-not-a-kind-or-group"));
            return None;
        };
        let mut tests = Vec::new();
        for t in &f.tests {
            let op = match self.operand(&t.value, clock)? {
                Checked::Name(n) => Operand::Const(Const::Text(n.name)),
                Checked::Typed { op, .. } => op,
            };
            tests.push((t.attr.name.clone(), t.negated, op));
        }
        Some(EventFilter { kinds, tests })
    }

    /// Reports a name that is no declared event kind, suggesting the closest.
    pub(super) fn unknown_event_kind(&mut self, name: &Ident, label: &str) {
        let help = self.kinds.suggest(&name.name, "event kind");
        self.report(
            Code::UnknownEventKind,
            name.span,
            crate::t!(
                "check-unknown-name",
                kind = crate::i18n::noun("event kind"),
                name = name.name
            ),
            label,
        )
        .help = help;
    }

    /// `customer.NAME`: a built-in or declared field and its type.
    pub(super) fn field_ref(&mut self, f: &Ident) -> Option<(FieldRef, Type)> {
        if let Some((_, b)) = BuiltinField::ALL.iter().find(|(n, _)| *n == f.name) {
            return Some((FieldRef::Builtin(*b), b.value_type()));
        }
        if let Some(i) = self.fields.get(&f.name) {
            let ty = self.flow.fields[i as usize].ty.value_type();
            return Some((FieldRef::Declared(crate::model::FieldId(i)), ty));
        }
        let candidates: Vec<&str> = BuiltinField::ALL
            .iter()
            .map(|(n, _)| *n)
            .chain(self.fields.order.iter().map(|(n, _)| *n))
            .collect();
        let help = super::names::did_you_mean(&f.name, candidates.iter().copied())
            .unwrap_or_else(|| crate::t!("check-help-declare-field", name = f.name));
        self.report(
            Code::UnknownField,
            f.span,
            crate::t!("check-unknown-field", name = f.name),
            crate::t!("check-label-not-a-field"),
        )
        .help = Some(help);
        None
    }

    /// A duration literal on a clock (`None`: wall-clock time).
    pub(super) fn duration(&mut self, d: &DurationLit, clock: Option<CalendarId>) -> Duration {
        let mut out = Duration {
            days: 0,
            seconds: 0,
            clock,
        };
        for (amount, unit) in &d.parts {
            let amount = i64::try_from(*amount).unwrap_or(i64::MAX / 2);
            match (unit, clock) {
                (DurationUnit::Minutes, _) => {
                    out.seconds = out.seconds.saturating_add(amount.saturating_mul(60));
                }
                (DurationUnit::Hours, _) => {
                    out.seconds = out.seconds.saturating_add(amount.saturating_mul(3600));
                }
                (DurationUnit::Days, None) => {
                    out.seconds = out.seconds.saturating_add(amount.saturating_mul(86_400));
                }
                (DurationUnit::Weeks, None) => {
                    out.seconds = out
                        .seconds
                        .saturating_add(amount.saturating_mul(7 * 86_400));
                }
                (DurationUnit::Days, Some(_)) => {
                    out.days = out
                        .days
                        .saturating_add(u32::try_from(amount).unwrap_or(u32::MAX));
                }
                (DurationUnit::Weeks, Some(c)) => {
                    let name = self
                        .calendars
                        .order
                        .get(c.index())
                        .map(|(n, _)| (*n).to_string())
                        .unwrap_or_default();
                    self.report(
                        Code::WeeksUnderClock,
                        d.span,
                        crate::t!("check-weeks-under-clock", name = name),
                        crate::t!("check-label-weeks-under-clock"),
                    )
                    .help = Some(crate::t!(
                        "check-help-weeks-under-clock",
                        days = (amount * 5).to_string()
                    ));
                }
            }
        }
        out
    }
}

/// A string literal where a stage, health state or segment is expected is a name
/// or label in quotes (`stage == "POC 验证"`); anything else is left as it is.
fn quoted_name(ty: Type, c: Checked, span: Span) -> Checked {
    match c {
        Checked::Typed {
            op: Operand::Const(Const::Text(text)),
            ty: Type::Text,
            ..
        } if matches!(ty, Type::Stage | Type::State | Type::Segment) => {
            Checked::Name(Ident { name: text, span })
        }
        other => other,
    }
}

/// Which table a bare name is looked up in.
#[derive(Clone, Copy)]
pub(super) enum Lookup {
    Stage,
    State,
    Segment,
    Risk,
    Tag,
    Role,
    Calendar,
    Template,
}

fn mismatch_help(a: Type, b: Type) -> String {
    match (a, b) {
        (Type::Duration, Type::Number) | (Type::Number, Type::Duration) => {
            crate::t!("check-help-mismatch-duration")
        }
        (Type::Percent, _) | (_, Type::Percent) => {
            crate::t!("check-help-mismatch-percent")
        }
        (Type::Date, _) | (_, Type::Date) => {
            crate::t!("check-help-mismatch-date")
        }
        _ => crate::t!(
            "check-help-mismatch",
            ty = crate::i18n::noun(&a.to_string()),
            other = crate::i18n::noun(&b.to_string())
        ),
    }
}
