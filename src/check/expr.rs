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
                            "`health` declares no state".into(),
                            "empty",
                        )
                        .help = Some(
                            "end the list with a state such as `green \"正常推进\" otherwise`"
                                .into(),
                        );
                    } else if states.last().is_some_and(|s| s.when.is_some()) {
                        let last = states.last().expect("not empty");
                        self.report(
                            Code::MissingOtherwise,
                            last.span,
                            "the last health state must be `otherwise`".into(),
                            "a customer may match no state",
                        )
                        .help = Some(format!(
                            "end with a state that always holds, e.g. `green \"正常推进\" otherwise` after `{}`",
                            last.name.name
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
                        format!("`is` tests a stage, a health state or a segment, not {ty}"),
                        format!("this is {ty}"),
                    )
                    .help = Some("compare values with `==`".into());
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
                            format!("`{text}` is {ty}, not a condition"),
                            format!("this is {ty}"),
                        )
                        .help = Some(match ty {
                            Type::Duration => format!("compare it, e.g. `{text} > 14d`"),
                            Type::Stage | Type::State | Type::Segment => {
                                format!("test it, e.g. `{text} is NAME`")
                            }
                            _ => format!("compare it, e.g. `{text} > 0`"),
                        });
                        None
                    }
                    Checked::Name(n) => {
                        self.report(
                            Code::BareName,
                            n.span,
                            format!("`{}` alone is not a condition", n.name),
                            "a bare name",
                        )
                        .help = Some(format!(
                            "test something against it, e.g. `stage is {}` or `tagged {}`",
                            n.name, n.name
                        ));
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
            "a bare name cannot be tested against another name",
            &file,
            a,
            "a bare name",
        )
        .with_help("one side must be a value such as `stage`, `health` or `customer.FIELD`");
        if b != a {
            d = d.with_label(&file, b, "another bare name");
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
                format!("`{}` does not apply to {lty}", op.as_str()),
                format!("{lty} has no order"),
            )
            .help = Some("use `==` or `!=`".into());
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
        match other {
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
                    format!("cannot compare {ty} with {oty}"),
                    &file,
                    span,
                    format!("this is {ty}"),
                )
                .with_label(&file, other_span, format!("this is {oty}"))
                .with_help(mismatch_help(ty, oty));
                self.diags.push(d);
                None
            }
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
                self.report(Code::BareName, n.span, format!("`{}` is not {other}", n.name), "a bare name")
                    .help = Some("a bare name stands for a stage, a health state, a segment or text; quote text as `\"…\"`".into());
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
                "not a stage of the pipeline",
            ),
            Lookup::State => (
                &self.states,
                Code::UnknownState,
                "health state",
                "not a state of `health`",
            ),
            Lookup::Segment => (
                &self.segments,
                Code::UnknownSegment,
                "segment",
                "not a declared segment",
            ),
            Lookup::Risk => (
                &self.risks,
                Code::UnknownRisk,
                "risk",
                "not a declared risk",
            ),
            Lookup::Tag => (&self.tags, Code::UnknownTag, "tag", "not a declared tag"),
            Lookup::Role => (
                &self.roles,
                Code::UnknownRole,
                "role",
                "not a declared role",
            ),
            Lookup::Calendar => (
                &self.calendars,
                Code::UnknownCalendar,
                "calendar",
                "not a declared calendar",
            ),
            Lookup::Template => (
                &self.templates,
                Code::UnknownTemplate,
                "template",
                "not a declared template",
            ),
        };
        if let Some(i) = names.get(&n.name) {
            return Some(i);
        }
        let help = names.suggest(&n.name, kind);
        self.report(code, n.span, format!("unknown {kind} `{}`", n.name), label)
            .help = help;
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
            self.unknown_event_kind(&f.kind, "not an event kind or group");
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
            format!("unknown event kind `{}`", name.name),
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
        let help = super::names::suggest(&f.name, candidates.iter().copied(), "field")
            .filter(|h| h.starts_with("did"))
            .unwrap_or_else(|| format!("declare it: `field {}: text`", f.name));
        self.report(
            Code::UnknownField,
            f.span,
            format!("unknown field `customer.{}`", f.name),
            "not a declared or built-in field",
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
                        format!("`w` is not a unit of the `{name}` clock"),
                        "weeks under a calendar clock",
                    )
                    .help = Some(format!(
                        "under a calendar clock `d` counts working days: say `{}d`",
                        amount * 5
                    ));
                }
            }
        }
        out
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
            "give the number a unit, e.g. `14d` or `48h`".into()
        }
        (Type::Percent, _) | (_, Type::Percent) => {
            "write both sides as percentages, e.g. `80%`".into()
        }
        _ => format!("both sides of a comparison must have one type; here they are {a} and {b}"),
    }
}
