//! The dwell report: per stage, over the visits that ended in the period, how
//! many, the mean, median and 90th percentile dwell in calendar days and in
//! working days (on the report's calendar), the share overdue, and the top three
//! delay reasons.
//!
//! A visit's delay is its time beyond the stage's `expect`. Within the visit,
//! each `update`'s blocker holds from its time until the next update or the
//! visit's end, and the delay is split among the blockers that held over it;
//! time under no recorded blocker goes to "(none recorded)". A reason's share is
//! its delay over all delay of the stage. A stage without `expect` has no
//! overdue share and no reasons.

use serde::Serialize;

use super::heatmap::Heatmap;
use super::stats::{DAY, MEDIAN, P90, Quantile, mean, ratio, seconds};
use super::text::{Lang, Word};
use crate::model::Flow;
use crate::store::{BlockerDelay, DwellData, Measure};

/// How many reasons a stage lists.
const TOP_REASONS: usize = 3;

/// The dwell report of one period.
#[derive(Debug, Clone, Serialize)]
pub struct Dwell {
    /// The calendar working days are counted on, if the flow has one.
    pub calendar: Option<String>,
    /// Every stage that is not terminal, then any terminal one with visits that ended.
    pub stages: Vec<DwellStage>,
    /// Mean dwell per stage and week (or owner, segment, tag).
    pub heatmap: Heatmap,
}

/// The dwell of one stage.
#[derive(Debug, Clone, Serialize)]
pub struct DwellStage {
    /// Its name.
    pub stage: String,
    /// Its label.
    pub label: String,
    /// Visits that ended in the period.
    pub visits: u64,
    /// Mean dwell in calendar days.
    pub mean_days: Option<f64>,
    /// Median.
    pub median_days: Option<f64>,
    /// 90th percentile.
    pub p90_days: Option<f64>,
    /// Mean in working days of the calendar.
    pub mean_working_days: Option<f64>,
    /// Median in working days.
    pub median_working_days: Option<f64>,
    /// 90th percentile in working days.
    pub p90_working_days: Option<f64>,
    /// `expect` in days.
    pub expect_days: Option<f64>,
    /// Visits longer than `expect`.
    pub overdue: u64,
    /// `overdue / visits`; `None` without `expect` or visits.
    pub overdue_share: Option<f64>,
    /// Total delay in days.
    pub delay_days: f64,
    /// The three reasons with the most delay time.
    pub top_reasons: Vec<Reason>,
}

/// A delay reason.
#[derive(Debug, Clone, Serialize)]
pub struct Reason {
    /// The blocker, or "(none recorded)".
    pub reason: String,
    /// Its delay over the stage's.
    pub share: f64,
    /// Its delay in days.
    pub delay_days: f64,
    /// Time with no blocker recorded.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub none_recorded: bool,
}

impl Dwell {
    /// The report from its rows; `working_day` is the length in seconds of the
    /// calendar's normal working day.
    pub fn new(
        flow: &Flow,
        rows: &DwellData,
        calendar: Option<(String, f64)>,
        heatmap: Heatmap,
        lang: Lang,
    ) -> Dwell {
        let working_day = calendar.as_ref().map(|(_, len)| *len);
        let stages = flow
            .stages
            .iter()
            .enumerate()
            .filter_map(|(idx, s)| {
                let t = rows.totals.iter().find(|t| t.stage == idx);
                if s.outcome.is_some() && t.is_none() {
                    return None;
                }
                let visits = t.map_or(0, |t| t.visits);
                let pct = |m: Measure, q: Quantile, unit: f64| {
                    let ranked = |rank| {
                        rows.ranks
                            .iter()
                            .find(|r| r.stage == idx && r.measure == m && r.rank == rank)
                            .map(|r| r.seconds)
                    };
                    let n = rows
                        .ranks
                        .iter()
                        .find(|r| r.stage == idx && r.measure == m)
                        .map_or(0, |r| r.of);
                    q.of(n, ranked).map(|v| v / unit)
                };
                let expect = s.expect.map(|d| d.seconds + i64::from(d.days) * 86_400);
                let working = |f: &dyn Fn(f64) -> Option<f64>| working_day.and_then(f);
                Some(DwellStage {
                    stage: s.name.clone(),
                    label: s.label.clone(),
                    visits,
                    mean_days: t.and_then(|t| mean(t.seconds, t.visits, DAY)),
                    median_days: pct(Measure::Calendar, MEDIAN, DAY),
                    p90_days: pct(Measure::Calendar, P90, DAY),
                    mean_working_days: working(&|len| {
                        t.and_then(|t| mean(t.working?, t.visits, len))
                    }),
                    median_working_days: working(&|len| pct(Measure::Working, MEDIAN, len)),
                    p90_working_days: working(&|len| pct(Measure::Working, P90, len)),
                    expect_days: expect.map(|e| seconds(e) / DAY),
                    overdue: t.map_or(0, |t| t.overdue),
                    overdue_share: expect.and_then(|_| ratio(t.map_or(0, |t| t.overdue), visits)),
                    delay_days: seconds(t.map_or(0, |t| t.delay)) / DAY,
                    top_reasons: reasons(idx, t.map_or(0, |t| t.delay), &rows.blockers, lang),
                })
            })
            .collect();
        Dwell {
            calendar: calendar.map(|(name, _)| name),
            stages,
            heatmap,
        }
    }
}

/// The top reasons of a stage with `total` seconds of delay: its blockers, and
/// the rest as "(none recorded)".
fn reasons(stage: usize, total: i64, blockers: &[BlockerDelay], lang: Lang) -> Vec<Reason> {
    if total <= 0 {
        return Vec::new();
    }
    let mut all: Vec<(String, i64, bool)> = blockers
        .iter()
        .filter(|b| b.stage == stage)
        .map(|b| (b.blocker.clone(), b.seconds, false))
        .collect();
    let named: i64 = all.iter().map(|(_, s, _)| s).sum();
    if total > named {
        all.push((
            Word::NoneRecorded.text(lang).to_string(),
            total - named,
            true,
        ));
    }
    all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    all.truncate(TOP_REASONS);
    all.into_iter()
        .map(|(reason, s, none_recorded)| Reason {
            reason,
            share: seconds(s) / seconds(total),
            delay_days: seconds(s) / DAY,
            none_recorded,
        })
        .collect()
}
