//! The funnel: for each stage, the customers that reached it in the period
//! (entered it, or a later stage that is not `lost`), the conversion from the
//! previous stage, each milestone's pass rate (visits that ended in the period by
//! moving forward / visits that ended in it), and won and lost counts.
//!
//! Takes the store's per-stage counts for one group; gives the figures. A lost
//! stage is reached only by entering it, has no conversion, and is drawn apart
//! from the funnel's bars.

use serde::Serialize;

use super::stats::{Fraction, ratio};
use crate::model::{Flow, Outcome};
use crate::store::{FunnelCounts, StageCount};

/// The funnel of one period and group.
#[derive(Debug, Clone, Serialize)]
pub struct Funnel {
    /// Every stage in pipeline order.
    pub stages: Vec<FunnelStage>,
    /// Customers that entered a `won` stage in the period.
    pub won: u64,
    /// Customers that entered a `lost` stage in the period.
    pub lost: u64,
}

/// One stage of the funnel.
#[derive(Debug, Clone, Serialize)]
pub struct FunnelStage {
    /// Its name.
    pub stage: String,
    /// Its label.
    pub label: String,
    /// A milestone.
    pub milestone: bool,
    /// `won` or `lost`, for a terminal stage.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<&'static str>,
    /// Customers that reached it in the period.
    pub reached: u64,
    /// `reached` over the previous (non-lost) stage's; `None` for the first, a
    /// lost stage, or when the previous stage was reached by nobody.
    pub conversion: Option<f64>,
    /// A milestone's visits that ended in the period by moving forward, over
    /// those that ended in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pass_rate: Option<Fraction>,
}

impl FunnelStage {
    /// Whether it is drawn as a bar of the funnel (every stage but `lost` ones).
    pub fn is_bar(&self) -> bool {
        self.outcome != Some("lost")
    }
}

impl Funnel {
    /// The funnel of `group` from its rows.
    pub fn new(flow: &Flow, group: &str, rows: &FunnelCounts) -> Funnel {
        let mine = |r: &&StageCount| r.group == group;
        let at_least = |idx: usize| -> u64 {
            rows.furthest
                .iter()
                .filter(mine)
                .filter(|r| r.stage.is_some_and(|top| top >= idx))
                .map(|r| r.count)
                .sum()
        };
        let entered = |idx: usize| -> u64 {
            rows.entered
                .iter()
                .filter(mine)
                .filter(|r| r.stage == Some(idx))
                .map(|r| r.count)
                .sum()
        };
        let mut stages = Vec::with_capacity(flow.stages.len());
        let mut previous: Option<u64> = None;
        let (mut won, mut lost) = (0, 0);
        for (idx, s) in flow.stages.iter().enumerate() {
            let is_lost = s.outcome == Some(Outcome::Lost);
            let reached = if is_lost { entered(idx) } else { at_least(idx) };
            match s.outcome {
                Some(Outcome::Won) => won += entered(idx),
                Some(Outcome::Lost) => lost += reached,
                None => {}
            }
            let conversion = if is_lost {
                None
            } else {
                previous.and_then(|p| ratio(reached, p))
            };
            if !is_lost {
                previous = Some(reached);
            }
            let pass_rate = s.milestone.then(|| {
                let (ended, forward) = rows
                    .passed
                    .iter()
                    .filter(mine)
                    .filter(|r| r.stage == Some(idx))
                    .fold((0, 0), |(e, f), r| (e + r.count, f + r.of_which));
                Fraction::new(forward, ended)
            });
            stages.push(FunnelStage {
                stage: s.name.clone(),
                label: s.label.clone(),
                milestone: s.milestone,
                outcome: s.outcome.map(|o| match o {
                    Outcome::Won => "won",
                    Outcome::Lost => "lost",
                }),
                reached,
                conversion,
                pass_rate,
            });
        }
        Funnel { stages, won, lost }
    }
}
