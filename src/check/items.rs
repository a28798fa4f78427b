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
                            None => self.unknown_event_kind(m, "not a declared event kind"),
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
                                "empty keyword".into(),
                                "matches every text",
                            )
                            .help = Some("remove it or write the phrase to look for".into());
                        }
                    }
                    if r.keywords.is_empty() {
                        self.report(
                            Code::MissingKeywords,
                            r.name.span,
                            format!("risk `{}` has no keywords", r.name.name),
                            "never matches",
                        )
                        .help = Some("add a line such as `keywords \"法务\", \"合规审查\"`".into());
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
                                    format!(
                                        "tags are read from text fields, `customer.{}` is {ty}",
                                        f.name
                                    ),
                                    format!("this is {ty}"),
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
                                    "empty keyword".into(),
                                    "matches every text",
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
                            format!("unknown metric `{}`", g.metric.name),
                            "not a journey metric",
                        )
                        .help = help;
                        continue;
                    };
                    if goals_seen.contains(&metric) {
                        self.report(
                            Code::DuplicateItem,
                            g.span,
                            format!("a second goal for `{}`", g.metric.name),
                            "already has a goal",
                        )
                        .help = Some("keep one goal per metric".into());
                        continue;
                    }
                    goals_seen.push(metric);
                    let threshold = match g.value.kind {
                        ValueKind::Percent(p) if (0.0..=1.0).contains(&p) => p,
                        ValueKind::Percent(_) => {
                            self.report(
                                Code::GoalOutOfRange,
                                g.value.span,
                                "a goal lies between 0% and 100%".into(),
                                "out of range",
                            )
                            .help = Some(format!(
                                "write a share such as `goal {} >= 80%`",
                                g.metric.name
                            ));
                            continue;
                        }
                        _ => {
                            self.report(
                                Code::TypeMismatch,
                                g.value.span,
                                "a goal is a percentage".into(),
                                "this is a number",
                            )
                            .help =
                                Some("write it with `%`, as in `goal node_coverage >= 80%`".into());
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
                                    format!("`{}` is not a field of an update", n.name),
                                    "unknown",
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
                "the flow has no `pipeline`".into(),
                "",
            )
            .help = Some(
                "declare the stages: `pipeline { lead \"线索\"  signed \"签约\" won }`".into(),
            );
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
                        format!("stage `{}` is both won and lost", s.name.name),
                        "won here",
                    )
                    .help = Some("a stage ends a deal one way: keep `won` or `lost`".into());
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
                "the pipeline has no `won` stage".into(),
                "no stage is marked `won`",
            )
            .help =
                Some("mark the stage that closes a deal, e.g. `signed \"合同签署\" won`".into());
        }
    }

    fn risk_severity(&mut self, r: &crate::syntax::ast::RiskDecl) -> Option<StateId> {
        if r.severity.len() > 1 {
            self.report(
                Code::RepeatedClause,
                r.severity[1].span,
                format!("risk `{}` has two severities", r.name.name),
                "second severity",
            )
            .help = Some("keep one `severity` line".into());
        }
        let Some(sev) = r.severity.first() else {
            self.report(
                Code::MissingSeverity,
                r.name.span,
                format!("risk `{}` has no severity", r.name.name),
                "no `severity`",
            )
            .help = Some("add `severity STATE`, naming a health state such as `yellow`".into());
            return None;
        };
        match self.states.get_or_label(&sev.name) {
            Some(i) => Some(StateId(i)),
            None => {
                let help = self.states.suggest(&sev.name, "health state");
                self.report(
                    Code::UnknownSeverity,
                    sev.span,
                    format!("severity `{}` names no health state", sev.name),
                    "not a state of `health`",
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
