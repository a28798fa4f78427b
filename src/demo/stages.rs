//! Stage progressions read off the flow's pipeline: how long a customer stays in
//! each stage, where it goes next (the next open stage, `lost`, or the `won`
//! stage after the last open one), and what blocks it while it waits.
//!
//! A stage's dwell centres on its `expect` (a week where none is given): most
//! visits end within it, about a third run over. A visit may also be *blocked*,
//! which adds delay; the slowest stage (the longest `expect`, the one that asks
//! for evidence on a tie: POC in the example) is blocked most often, and mostly
//! by `客户内部测试环境未就绪`, so the dwell report finds it as the main delay
//! reason, as such teams do.

use super::dice::Dice;
use crate::model::{Flow, Outcome};

/// Days a stage without `expect` is expected to take.
const DEFAULT_EXPECT_DAYS: f64 = 7.0;

/// Where in the pipeline a stage stands, which decides what blocks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Before the slowest stage: qualifying, requirements, demos.
    Early,
    /// The slowest stage: the trial (POC).
    Trial,
    /// After it: pricing, contract.
    Late,
}

/// Blockers by phase, by weight. The first of each list dominates.
const EARLY_BLOCKERS: [(&str, u32); 4] = [
    ("决策人未确定", 5),
    ("需求范围未明确", 3),
    ("客户内部立项中", 2),
    ("预算审批中", 2),
];
const TRIAL_BLOCKERS: [(&str, u32); 4] = [
    ("客户内部测试环境未就绪", 7),
    ("测试数据未提供", 2),
    ("客户IT人力不足", 2),
    ("接口文档未提供", 1),
];
const LATE_BLOCKERS: [(&str, u32); 4] = [
    ("价格未谈拢", 5),
    ("预算审批中", 3),
    ("等待采购流程", 2),
    ("法务审核合同条款", 1),
];

/// What an update names as its blocker when nothing really blocks the deal.
pub const MILD_BLOCKERS: [&str; 3] = ["等待客户反馈", "等客户内部排期", "等待客户确认时间"];

/// The pipeline as the generator walks it.
pub struct Pipeline {
    /// Indices (into `flow.stages`) of the open stages, in order.
    pub open: Vec<usize>,
    /// The first `won` stage.
    pub won: Option<usize>,
    /// The first `lost` stage.
    pub lost: Option<usize>,
    /// The slowest open stage.
    pub slowest: Option<usize>,
    /// Expected days per stage (every stage of the flow).
    expect: Vec<f64>,
}

/// Where a visit goes when it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Into this stage (an index into `flow.stages`).
    Stage(usize),
    /// Nowhere within any horizon: the deal stalls.
    Stall,
}

/// How one stage visit goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plan {
    /// Days in the stage (at least one).
    pub days: u32,
    /// Where it goes next.
    pub next: Next,
    /// What blocks it (an update's blocker while it waits), when blocked.
    pub blocker: Option<&'static str>,
}

impl Pipeline {
    /// The pipeline of a flow.
    pub fn new(flow: &Flow) -> Pipeline {
        let open: Vec<usize> = (0..flow.stages.len())
            .filter(|&i| flow.stages[i].outcome.is_none())
            .collect();
        let first = |o| flow.stages.iter().position(|s| s.outcome == Some(o));
        let expect: Vec<f64> = flow
            .stages
            .iter()
            .map(|s| {
                s.expect.map_or(DEFAULT_EXPECT_DAYS, |d| {
                    // Whole minutes are precise enough for a dwell in days.
                    let minutes = u32::try_from(d.seconds / 60).unwrap_or(u32::MAX);
                    f64::from(d.days) + f64::from(minutes) / 1440.0
                })
            })
            .map(|d| if d > 0.0 { d } else { DEFAULT_EXPECT_DAYS })
            .collect();
        let slowest = open.iter().copied().max_by(|&a, &b| {
            expect[a]
                .total_cmp(&expect[b])
                .then(
                    flow.stages[a]
                        .evidence_required
                        .cmp(&flow.stages[b].evidence_required),
                )
                .then(b.cmp(&a))
        });
        Pipeline {
            open,
            won: first(Outcome::Won),
            lost: first(Outcome::Lost),
            slowest,
            expect,
        }
    }

    /// The phase of a stage.
    pub fn phase(&self, stage: usize) -> Phase {
        match self.slowest {
            Some(s) if stage == s => Phase::Trial,
            Some(s) if self.rank(stage) > self.rank(s) => Phase::Late,
            _ => Phase::Early,
        }
    }

    fn rank(&self, stage: usize) -> usize {
        self.open
            .iter()
            .position(|&s| s == stage)
            .unwrap_or(usize::MAX)
    }

    /// Whether the stage ends the deal (won or lost).
    pub fn is_final(&self, stage: usize) -> bool {
        !self.open.contains(&stage)
    }

    /// The open stage right before the slowest (the demo, in the example).
    pub fn before_slowest(&self) -> Option<usize> {
        let s = self.rank(self.slowest?);
        s.checked_sub(1).map(|i| self.open[i])
    }

    /// How a visit to `stage` goes.
    pub fn plan(&self, stage: usize, dice: &mut Dice) -> Plan {
        let expect = self.expect[stage];
        let phase = self.phase(stage);
        let mut days = expect * (0.45 + 0.8 * dice.unit());
        let block_chance = match phase {
            Phase::Trial => 0.55,
            Phase::Late => 0.3,
            Phase::Early => 0.2,
        };
        let blocker = dice.chance(block_chance).then(|| {
            days += expect * (0.3 + 1.3 * dice.unit());
            *dice.weighted(match phase {
                Phase::Early => &EARLY_BLOCKERS,
                Phase::Trial => &TRIAL_BLOCKERS,
                Phase::Late => &LATE_BLOCKERS,
            })
        });
        let rank = self.rank(stage);
        let last = rank + 1 == self.open.len();
        // About a third of deals are lost, most of them early; a blocked visit
        // is lost more often.
        let loss = match rank {
            0 => 0.18,
            _ if last => 0.15,
            _ => 0.08,
        } + if blocker.is_some() { 0.06 } else { 0.0 };
        let next = if dice.chance(0.03) {
            Next::Stall
        } else if dice.chance(loss) {
            self.lost.map_or(Next::Stall, Next::Stage)
        } else if last {
            self.won.map_or(Next::Stall, Next::Stage)
        } else {
            Next::Stage(self.open[rank + 1])
        };
        Plan {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "a few hundred days at most, and never negative"
            )]
            days: (days.round() as u32).max(1),
            next,
            blocker,
        }
    }

    /// The stage a customer already in the pipeline at the start is in: early
    /// stages are the most common.
    pub fn backlog_stage(&self, dice: &mut Dice) -> usize {
        let weights: Vec<(usize, u32)> = self
            .open
            .iter()
            .enumerate()
            .map(|(rank, &s)| (s, u32::try_from(self.open.len() - rank).unwrap_or(1)))
            .collect();
        *dice.weighted(&weights)
    }
}

/// A blocker for a phase when nothing in particular blocks the deal.
pub fn mild_blocker(dice: &mut Dice) -> &'static str {
    dice.pick(&MILD_BLOCKERS)
}

#[cfg(test)]
mod tests {
    use super::super::dice::Stream;
    use super::*;

    fn example() -> Flow {
        crate::demo::project::example_flow().expect("the example checks")
    }

    #[test]
    fn the_example_trial_is_poc_and_blocked_by_the_test_environment_most() {
        let flow = example();
        let p = Pipeline::new(&flow);
        let poc = flow.stages.iter().position(|s| s.name == "poc").unwrap();
        assert_eq!(p.slowest, Some(poc));
        assert_eq!(p.phase(poc), Phase::Trial);
        assert_eq!(
            p.before_slowest().map(|s| flow.stages[s].name.as_str()),
            Some("demo")
        );
        let mut env = 0;
        let mut blocked = 0;
        let mut days = [0u32; 2];
        for i in 0..2000 {
            let mut dice = Dice::new(1, Stream::Visit, &[i]);
            let plan = p.plan(poc, &mut dice);
            days[0] += plan.days;
            if let Some(b) = plan.blocker {
                blocked += 1;
                env += u32::from(b == "客户内部测试环境未就绪");
            }
            let demo = flow.stages.iter().position(|s| s.name == "demo").unwrap();
            days[1] += p.plan(demo, &mut dice).days;
        }
        assert!(env * 2 > blocked, "{env} of {blocked}");
        assert!(days[0] > days[1], "POC is the slowest: {days:?}");
    }

    #[test]
    fn the_last_open_stage_leads_to_won_or_lost() {
        let flow = example();
        let p = Pipeline::new(&flow);
        let last = *p.open.last().unwrap();
        for i in 0..200 {
            let plan = p.plan(last, &mut Dice::new(2, Stream::Visit, &[i]));
            match plan.next {
                Next::Stage(s) => assert!(p.is_final(s), "{}", flow.stages[s].name),
                Next::Stall => {}
            }
        }
    }
}
