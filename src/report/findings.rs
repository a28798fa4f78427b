//! Findings: for every journey goal missed, one sentence naming the worst part
//! and its main cause, with a concrete suggestion.
//!
//! - `node_coverage`: the milestone with the lowest coverage (more customers
//!   missing breaks a tie), how many customers miss it, and the blocker most of
//!   them have as their latest before the period's end; the suggestion is the
//!   strategy of the risk whose keywords that blocker matches, else to settle the
//!   blocker with those customers; without any blocker, to require evidence on
//!   the stage (or, where it is required already, to check why they skipped it).
//! - `response_sla`: the person with the most tasks missed (done late or
//!   overdue), their role and the title they missed most.
//! - `risk_accuracy`: the risk with the most false alarms and the keyword that
//!   raised most of them, to be reviewed.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::journey::{Journey, JourneyRows, MetricValue};
use super::text::{self, CoverageFinding, Lang, RiskFinding, SlaFinding};
use crate::model::Flow;
use crate::store::BlockerCount;

/// One finding.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The metric whose goal is missed.
    pub metric: &'static str,
    /// The sentence.
    pub text: String,
    /// The worst part: a milestone, a person or a risk (its name or id).
    pub part: String,
    /// The part's own figure (a fraction).
    pub value: f64,
    /// How many are missing, missed or false there.
    pub count: u64,
    /// The main cause: a blocker, a task title or a keyword.
    pub cause: Option<String>,
    /// How many of `count` the cause accounts for.
    pub cause_count: u64,
    /// What to do.
    pub suggestion: String,
}

/// Adds the findings to the overall journey; `missing` counts the customers
/// missing each milestone by blocker.
pub fn add(
    journey: &mut Journey,
    flow: &Flow,
    rows: &JourneyRows,
    names: &HashMap<String, String>,
    lang: Lang,
    missing: &[BlockerCount],
) {
    let missed = |m: &MetricValue| m.met == Some(false);
    let goal = |m: &MetricValue| text::goal(m.op(), m.goal.unwrap_or_default());
    if missed(&journey.metrics.node_coverage) {
        let g = goal(&journey.metrics.node_coverage);
        if let Some(f) = coverage(journey, flow, &g, lang, missing) {
            journey.findings.push(f);
        }
    }
    if missed(&journey.metrics.response_sla) {
        let g = goal(&journey.metrics.response_sla);
        if let Some(f) = sla(journey, rows, names, &g, lang) {
            journey.findings.push(f);
        }
    }
    if missed(&journey.metrics.risk_accuracy) {
        let g = goal(&journey.metrics.risk_accuracy);
        if let Some(f) = risk(journey, flow, rows, &g, lang) {
            journey.findings.push(f);
        }
    }
}

fn coverage(
    journey: &Journey,
    flow: &Flow,
    goal: &str,
    lang: Lang,
    missing: &[BlockerCount],
) -> Option<Finding> {
    let worst = journey
        .milestones
        .iter()
        .filter_map(|m| Some((m, m.value?)))
        .min_by(|(a, av), (b, bv)| {
            av.total_cmp(bv)
                .then_with(|| (b.denominator - b.numerator).cmp(&(a.denominator - a.numerator)))
        });
    let (m, value) = worst?;
    let idx = flow.stage(&m.stage).map(crate::model::StageId::index)?;
    let blocker = missing
        .iter()
        .filter(|c| c.stage == idx)
        .filter_map(|c| Some((c.blocker.as_deref()?, c.customers)))
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)));
    let strategy = blocker.and_then(|(b, _)| strategy_for(flow, b));
    let stage = &flow.stages[idx];
    let f = CoverageFinding {
        milestone: &m.label,
        value,
        goal,
        missing: m.denominator - m.numerator,
        blocker,
        strategy,
        evidence_required: stage.evidence_required,
    };
    let (text, suggestion) = text::coverage_finding(&f, lang);
    Some(Finding {
        metric: "node_coverage",
        text,
        part: m.stage.clone(),
        value,
        count: f.missing,
        cause: blocker.map(|(b, _)| b.to_string()),
        cause_count: blocker.map_or(0, |(_, n)| n),
        suggestion,
    })
}

/// The first strategy of the first risk whose keywords the blocker mentions
/// (matched as risks match notes: NFKC, ASCII case folded, `unless` honoured).
fn strategy_for<'f>(flow: &'f Flow, blocker: &str) -> Option<&'f str> {
    let text = crate::text::normalize(blocker);
    let hit = |words: &[String]| {
        words
            .iter()
            .any(|w| !w.is_empty() && text.contains(&crate::text::normalize(w)))
    };
    flow.risks
        .iter()
        .find(|r| hit(&r.keywords) && !hit(&r.unless))
        .and_then(|r| r.strategy.first())
        .map(String::as_str)
}

/// What went wrong, out of how many, and how often per cause.
type Tally<K> = (u64, u64, BTreeMap<K, u64>);

fn sla(
    journey: &Journey,
    rows: &JourneyRows,
    names: &HashMap<String, String>,
    goal: &str,
    lang: Lang,
) -> Option<Finding> {
    // Per person: (missed, counted), and missed per (role, title).
    let mut people: BTreeMap<&str, Tally<(&str, &str)>> = BTreeMap::new();
    for t in rows.tasks.iter().filter(|t| t.group.is_empty()) {
        let p = people.entry(&t.assignee).or_default();
        let missed = t.counted - t.on_time;
        p.0 += missed;
        p.1 += t.counted;
        *p.2.entry((&t.role, &t.title)).or_default() += missed;
    }
    let (person, (missed, counted, by_title)) = people
        .iter()
        .filter(|(_, p)| p.0 > 0)
        .max_by(|a, b| (a.1).0.cmp(&(b.1).0).then_with(|| b.0.cmp(a.0)))?;
    let ((role, title), _) = by_title
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))?;
    let name = names.get(*person).map_or(*person, String::as_str);
    let value = journey.metrics.response_sla.value?;
    let f = SlaFinding {
        value,
        goal,
        person: name,
        role,
        missed: *missed,
        counted: *counted,
        title,
    };
    let (text, suggestion) = text::sla_finding(&f, lang);
    Some(Finding {
        metric: "response_sla",
        text,
        part: (*person).to_string(),
        value: super::stats::ratio(counted - missed, *counted).unwrap_or_default(),
        count: *missed,
        cause: Some((*title).to_string()),
        cause_count: by_title.get(&(*role, *title)).copied().unwrap_or_default(),
        suggestion,
    })
}

fn risk(
    journey: &Journey,
    flow: &Flow,
    rows: &JourneyRows,
    goal: &str,
    lang: Lang,
) -> Option<Finding> {
    // Per risk: (false, judged), and false alarms per keyword.
    let mut risks: BTreeMap<&str, Tally<&str>> = BTreeMap::new();
    for s in rows.signals.iter().filter(|s| s.group.is_empty()) {
        let r = risks.entry(&s.risk).or_default();
        let false_alarms = s.judged - s.confirmed;
        r.0 += false_alarms;
        r.1 += s.judged;
        *r.2.entry(&s.keyword).or_default() += false_alarms;
    }
    let (name, (false_alarms, judged, keywords)) = risks
        .iter()
        .filter(|(_, r)| r.0 > 0)
        .max_by(|a, b| (a.1).0.cmp(&(b.1).0).then_with(|| b.0.cmp(a.0)))?;
    let (keyword, by_keyword) = keywords
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))?;
    let label = flow
        .risks
        .iter()
        .find(|r| r.name == *name)
        .map_or(*name, |r| r.label.as_str());
    let value = journey.metrics.risk_accuracy.value?;
    let f = RiskFinding {
        value,
        goal,
        risk: name,
        label,
        false_alarms: *false_alarms,
        judged: *judged,
        keyword,
    };
    let (text, suggestion) = text::risk_finding(&f, lang);
    Some(Finding {
        metric: "risk_accuracy",
        text,
        part: (*name).to_string(),
        value: super::stats::ratio(judged - false_alarms, *judged).unwrap_or_default(),
        count: *false_alarms,
        cause: Some((*keyword).to_string()),
        cause_count: *by_keyword,
        suggestion,
    })
}
