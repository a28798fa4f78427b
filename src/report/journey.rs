//! The journey report: the three metrics against the flow's `goal`s, each with
//! its numerator and denominator, and node coverage per milestone.
//!
//! - `node_coverage`: over the customers active in the period (any event in it),
//!   milestones whose visit carries evidence / milestones up to the furthest
//!   stage reached by the period's end (pipeline order, `lost` stages ignored); per
//!   milestone, the same over the customers whose furthest stage is at or past it.
//! - `response_sla`: tasks due in the period done by their due time / those done
//!   or overdue at `--at` (suppressed tasks left out).
//! - `risk_accuracy`: signals raised in the period judged `confirmed` / those
//!   judged.

use serde::Serialize;

use super::findings::Finding;
use super::stats::Fraction;
use crate::model::{Flow, Metric};
use crate::store::{JourneyCounts, SignalTally, TaskTally};

/// The journey report of one period and group.
#[derive(Debug, Clone, Serialize)]
pub struct Journey {
    /// Customers with any event in the period.
    pub active_customers: u64,
    /// The metrics.
    pub metrics: Metrics,
    /// Node coverage per milestone.
    pub milestones: Vec<MilestoneCoverage>,
    /// One sentence per goal missed.
    pub findings: Vec<Finding>,
}

/// The three metrics.
#[derive(Debug, Clone, Serialize)]
pub struct Metrics {
    /// Milestones with evidence / milestones reached.
    pub node_coverage: MetricValue,
    /// Tasks done on time / done or overdue.
    pub response_sla: MetricValue,
    /// Signals confirmed / judged.
    pub risk_accuracy: MetricValue,
}

impl Metrics {
    /// Each metric with its name.
    pub fn each(&self) -> [(Metric, &MetricValue); 3] {
        [
            (Metric::NodeCoverage, &self.node_coverage),
            (Metric::ResponseSla, &self.response_sla),
            (Metric::RiskAccuracy, &self.risk_accuracy),
        ]
    }
}

/// A metric against its goal.
#[derive(Debug, Clone, Serialize)]
pub struct MetricValue {
    /// `numerator / denominator`; `None` when nothing was counted.
    pub value: Option<f64>,
    /// The goal's threshold, if the flow sets one.
    pub goal: Option<f64>,
    /// The goal's comparison when it is not `>=`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal_op: Option<&'static str>,
    /// Whether the goal is met; `None` without a goal or a value.
    pub met: Option<bool>,
    /// What was counted in.
    pub numerator: u64,
    /// What could have been.
    pub denominator: u64,
}

impl MetricValue {
    fn new(flow: &Flow, metric: Metric, f: Fraction) -> MetricValue {
        let goal = flow.goals.iter().find(|g| g.metric == metric);
        let met = goal.zip(f.value).map(|(g, v)| {
            v.partial_cmp(&g.threshold)
                .is_some_and(|ord| g.op.holds(ord))
        });
        MetricValue {
            value: f.value,
            goal: goal.map(|g| g.threshold),
            goal_op: goal.map(|g| g.op.as_str()).filter(|op| *op != ">="),
            met,
            numerator: f.numerator,
            denominator: f.denominator,
        }
    }

    /// The operator of the goal as written (`>=` by default).
    pub fn op(&self) -> &'static str {
        self.goal_op.unwrap_or(">=")
    }
}

/// Node coverage of one milestone.
#[derive(Debug, Clone, Serialize)]
pub struct MilestoneCoverage {
    /// Its name.
    pub stage: String,
    /// Its label.
    pub label: String,
    /// `numerator / denominator`.
    pub value: Option<f64>,
    /// Customers at or past it whose visit to it carries evidence.
    pub numerator: u64,
    /// Active customers whose furthest stage is at or past it.
    pub denominator: u64,
}

/// What a journey report is made of, from the store.
pub struct JourneyRows {
    /// Active customers and coverage per group.
    pub counts: JourneyCounts,
    /// Tasks per group, assignee, role and title.
    pub tasks: Vec<TaskTally>,
    /// Signals per group, risk and keyword.
    pub signals: Vec<SignalTally>,
}

impl Journey {
    /// The report of `group` (without findings).
    pub fn new(flow: &Flow, group: &str, rows: &JourneyRows) -> Journey {
        let milestones: Vec<MilestoneCoverage> = flow
            .stages
            .iter()
            .enumerate()
            .filter(|(_, s)| s.milestone && s.outcome != Some(crate::model::Outcome::Lost))
            .map(|(idx, s)| {
                let (n, d) = rows
                    .counts
                    .coverage
                    .iter()
                    .filter(|c| c.group == group && c.stage == idx)
                    .fold((0, 0), |(n, d), c| (n + c.covered, d + c.customers));
                MilestoneCoverage {
                    stage: s.name.clone(),
                    label: s.label.clone(),
                    value: Fraction::new(n, d).value,
                    numerator: n,
                    denominator: d,
                }
            })
            .collect();
        let coverage = Fraction::new(
            milestones.iter().map(|m| m.numerator).sum(),
            milestones.iter().map(|m| m.denominator).sum(),
        );
        let (on_time, counted) = rows
            .tasks
            .iter()
            .filter(|t| t.group == group)
            .fold((0, 0), |(a, b), t| (a + t.on_time, b + t.counted));
        let (confirmed, judged) = rows
            .signals
            .iter()
            .filter(|s| s.group == group)
            .fold((0, 0), |(a, b), s| (a + s.confirmed, b + s.judged));
        Journey {
            active_customers: rows
                .counts
                .active
                .iter()
                .filter(|a| a.group == group)
                .map(|a| a.count)
                .sum(),
            metrics: Metrics {
                node_coverage: MetricValue::new(flow, Metric::NodeCoverage, coverage),
                response_sla: MetricValue::new(
                    flow,
                    Metric::ResponseSla,
                    Fraction::new(on_time, counted),
                ),
                risk_accuracy: MetricValue::new(
                    flow,
                    Metric::RiskAccuracy,
                    Fraction::new(confirmed, judged),
                ),
            },
            milestones,
            findings: Vec::new(),
        }
    }
}
