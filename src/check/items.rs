//! Pass 2: the items that are not conditions or actions: pipeline details, event
//! groups, risks, tags, goals, `update requires`.

use super::Checker;
use crate::diagnostic::Code;
use crate::model::{
    EventGroupDef, EventKindId, Goal, Metric, Outcome, Risk, StateId, Tag, Type, UpdateField,
};
use crate::syntax::ast::{Item, StageDecl, ValueKind};

impl Checker<'_> {
    pub(super) fn check_items(&mut self) {
        let items: Vec<_> = self.items().collect();
        let mut saw_pipeline = false;
        let mut goals_seen: Vec<Metric> = Vec::new();
        for (file, item) in items {
            self.cur = file;
            match item {
                Item::Pipeline(stages, span) => {
                    if saw_pipeline {
                        continue;
                    }
                    saw_pipeline = true;
                    self.pipeline(stages, *span);
                }
                Item::EventGroup(g) => {
                    let mut kinds = Vec::new();
                    for m in &g.members {
                        match self.kind_id(&m.name) {
                            Some(k) => kinds.push(k),
                            None => {
                                self.unknown_event_kind(m, &crate::t!("check-label-not-a-kind"));
                            }
                        }
                    }
                    if self.kinds.is_declared_at(&g.name.name, (file, g.name.span)) {
                        self.flow.event_groups.push(EventGroupDef {
                            name: g.name.name.clone(),
                            kinds,
                        });
                    }
                }
                Item::Risk(r) => {
                    if !self.risks.is_declared_at(&r.name.name, (file, r.name.span)) {
                        continue;
                    }
                    let severity = self.risk_severity(r);
                    for k in r.keywords.iter().chain(&r.unless) {
                        if k.value.trim().is_empty() {
                            self.report(
                                Code::EmptyKeyword,
                                k.span,
                                crate::t!("check-empty-keyword"),
                                crate::t!("check-label-matches-every-text"),
                            )
                            .help = Some(crate::t!("check-help-empty-keyword"));
                        }
                    }
                    if r.keywords.is_empty() {
                        self.report(
                            Code::MissingKeywords,
                            r.name.span,
                            crate::t!("check-risk-no-keywords", name = r.name.name),
                            crate::t!("check-label-never-matches"),
                        )
                        .help = Some(crate::t!("check-help-risk-no-keywords"));
                    }
                    self.flow.risks.push(Risk {
                        name: r.name.name.clone(),
                        label: r
                            .label
                            .as_ref()
                            .map_or_else(|| r.name.name.clone(), |l| l.value.clone()),
                        severity: severity.unwrap_or(StateId(0)),
                        keywords: r.keywords.iter().map(|k| k.value.clone()).collect(),
                        unless: r.unless.iter().map(|k| k.value.clone()).collect(),
                        strategy: r.strategy.iter().map(|k| k.value.clone()).collect(),
                        cases: r.cases.iter().map(|k| k.value.clone()).collect(),
                    });
                }
                Item::Tags(t) => {
                    let fields: Vec<_> = t
                        .from
                        .iter()
                        .filter_map(|f| {
                            let (field, ty) = self.field_ref(f)?;
                            if ty != Type::Text {
                                self.report(
                                    Code::TypeMismatch,
                                    f.span,
                                    crate::t!(
                                        "check-tags-from-text",
                                        name = f.name,
                                        ty = crate::i18n::noun(&ty.to_string())
                                    ),
                                    crate::t!(
                                        "check-label-this-is",
                                        ty = crate::i18n::noun(&ty.to_string())
                                    ),
                                );
                            }
                            Some(field)
                        })
                        .collect();
                    for (name, words, _) in &t.tags {
                        for w in words {
                            if w.value.trim().is_empty() {
                                self.report(
                                    Code::EmptyKeyword,
                                    w.span,
                                    crate::t!("check-empty-keyword"),
                                    crate::t!("check-label-matches-every-text"),
                                );
                            }
                        }
                        if !self.tags.is_declared_at(&name.name, (file, name.span)) {
                            continue;
                        }
                        self.flow.tags.push(Tag {
                            name: name.name.clone(),
                            fields: fields.clone(),
                            keywords: words.iter().map(|w| w.value.clone()).collect(),
                        });
                    }
                }
                Item::Goal(g) => {
                    let Some(metric) = Metric::ALL
                        .iter()
                        .find(|(n, _)| *n == g.metric.name)
                        .map(|(_, m)| *m)
                    else {
                        let help = super::names::suggest(
                            &g.metric.name,
                            Metric::ALL.iter().map(|(n, _)| *n),
                            "metric",
                        );
                        self.report(
                            Code::UnknownGoalMetric,
                            g.metric.span,
                            crate::t!("check-unknown-metric", name = g.metric.name),
                            crate::t!("check-label-not-a-metric"),
                        )
                        .help = help;
                        continue;
                    };
                    if goals_seen.contains(&metric) {
                        self.report(
                            Code::DuplicateItem,
                            g.span,
                            crate::t!("check-second-goal", name = g.metric.name),
                            crate::t!("check-label-has-goal"),
                        )
                        .help = Some(crate::t!("check-help-second-goal"));
                        continue;
                    }
                    goals_seen.push(metric);
                    let threshold = match g.value.kind {
                        ValueKind::Percent(p) if (0.0..=1.0).contains(&p) => p,
                        ValueKind::Percent(_) => {
                            self.report(
                                Code::GoalOutOfRange,
                                g.value.span,
                                crate::t!("check-goal-range"),
                                crate::t!("check-label-out-of-range"),
                            )
                            .help = Some(crate::t!("check-help-goal-range", name = g.metric.name));
                            continue;
                        }
                        _ => {
                            self.report(
                                Code::TypeMismatch,
                                g.value.span,
                                crate::t!("check-goal-percent"),
                                crate::t!("check-label-this-is", ty = crate::i18n::noun("number")),
                            )
                            .help = Some(crate::t!("check-help-goal-percent"));
                            continue;
                        }
                    };
                    self.flow.goals.push(Goal {
                        metric,
                        op: g.op.into(),
                        threshold,
                    });
                }
                Item::UpdateRequires(names, _) => {
                    for n in names {
                        match UpdateField::ALL.iter().find(|(f, _)| *f == n.name) {
                            Some((_, f)) => self.flow.update_requires.push(*f),
                            None => {
                                let help = super::names::suggest(
                                    &n.name,
                                    UpdateField::ALL.iter().map(|(f, _)| *f),
                                    "update field",
                                );
                                self.report(
                                    Code::UnknownUpdateField,
                                    n.span,
                                    crate::t!("check-not-update-field", name = n.name),
                                    crate::t!("check-label-unknown"),
                                )
                                .help = help;
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        if !saw_pipeline {
            let span = crate::source::Span::new(0, 0);
            self.cur = 0;
            self.report(
                Code::MissingPipeline,
                span,
                crate::t!("check-no-pipeline"),
                "",
            )
            .help = Some(crate::t!("check-help-no-pipeline"));
        }
    }

    fn pipeline(&mut self, stages: &[StageDecl], span: crate::source::Span) {
        let mut any_won = false;
        for s in stages {
            let Some(id) = self.stages.get(&s.name.name) else {
                continue;
            };
            if self.flow.stages[id as usize].name != s.name.name {
                continue;
            }
            let expect = s.expect.as_ref().map(|d| self.duration(d, None));
            let outcome = match (s.won, s.lost) {
                (Some(w), Some(_)) => {
                    self.report(
                        Code::WonAndLost,
                        w,
                        crate::t!("check-won-and-lost", name = s.name.name),
                        crate::t!("check-label-won-here"),
                    )
                    .help = Some(crate::t!("check-help-won-and-lost"));
                    None
                }
                (Some(_), None) => Some(Outcome::Won),
                (None, Some(_)) => Some(Outcome::Lost),
                (None, None) => None,
            };
            // A stage marked both ways is reported once, as `won_and_lost`.
            any_won |= s.won.is_some();
            let stage = &mut self.flow.stages[id as usize];
            stage.expect = expect;
            stage.outcome = outcome;
        }
        if !any_won {
            self.report(
                Code::NoWonStage,
                span,
                crate::t!("check-no-won-stage"),
                crate::t!("check-label-no-won-stage"),
            )
            .help = Some(crate::t!("check-help-no-won-stage"));
        }
    }

    fn risk_severity(&mut self, r: &crate::syntax::ast::RiskDecl) -> Option<StateId> {
        if r.severity.len() > 1 {
            self.report(
                Code::RepeatedClause,
                r.severity[1].span,
                crate::t!("check-two-severities", name = r.name.name),
                crate::t!("check-label-second-severity"),
            )
            .help = Some(crate::t!("check-help-two-severities"));
        }
        let Some(sev) = r.severity.first() else {
            self.report(
                Code::MissingSeverity,
                r.name.span,
                crate::t!("check-no-severity", name = r.name.name),
                crate::t!("check-label-no-severity"),
            )
            .help = Some(crate::t!("check-help-no-severity"));
            return None;
        };
        match self.states.get_or_label(&sev.name) {
            Some(i) => Some(StateId(i)),
            None => {
                let help = self.states.suggest(&sev.name, "health state");
                self.report(
                    Code::UnknownSeverity,
                    sev.span,
                    crate::t!("check-unknown-severity", name = sev.name),
                    crate::t!("check-label-not-a-state"),
                )
                .help = help;
                None
            }
        }
    }

    /// The id of an event kind (not a group).
    pub(super) fn kind_id(&self, name: &str) -> Option<EventKindId> {
        self.flow
            .event_kinds
            .iter()
            .position(|k| k == name)
            .and_then(|i| u32::try_from(i).ok())
            .map(EventKindId)
    }
}
