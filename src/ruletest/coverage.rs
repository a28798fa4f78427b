//! Coverage: which parts of the flows under test some test exercised. The parts
//! are every health state and segment (covered when a customer entered it),
//! every escalation step firing (`after` steps once, an `every … max N` step N
//! times; covered when it fired), every risk (when it raised a signal), every tag
//! (when a customer got it) and every `on` block (when it ran). What counts is
//! what `apply` wrote to the store, so a part is covered only by a real effect.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::run::Applied;
use crate::engine::{Effect, step_label};
use crate::model::{Escalation, Flow, StepTiming, Trigger};

/// One part of a flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// `health`, `segment`, `escalation`, `risk`, `tag` or `on`.
    pub kind: &'static str,
    /// `red`, `feasibility every 24h after 48h #2`, `enter poc`, …
    pub name: String,
    /// Whether a test exercised it.
    pub covered: bool,
}

/// The parts of one flow.
#[derive(Debug, Clone, Serialize)]
pub struct FlowCoverage {
    /// The root rule file.
    pub rules: PathBuf,
    /// Parts covered.
    pub covered: usize,
    /// All parts.
    pub total: usize,
    /// Every part, in the order of the rules.
    pub items: Vec<Item>,
}

/// Coverage of every flow under test.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Coverage {
    /// One per root rule file, in the order first met.
    pub flows: Vec<FlowCoverage>,
}

impl Coverage {
    /// Lists the flow's parts (once per rule file).
    pub fn add_flow(&mut self, rules: &Path, flow: &Flow) {
        if self.flows.iter().any(|f| f.rules == rules) {
            return;
        }
        let items: Vec<Item> = parts(flow)
            .into_iter()
            .map(|(kind, name)| Item {
                kind,
                name,
                covered: false,
            })
            .collect();
        self.flows.push(FlowCoverage {
            rules: rules.to_path_buf(),
            covered: 0,
            total: items.len(),
            items,
        });
    }

    /// Marks the parts that the applied effects exercised.
    pub fn record(&mut self, rules: &Path, flow: &Flow, applied: &[Applied]) {
        self.add_flow(rules, flow);
        let blocks = block_names(flow);
        let Some(fc) = self.flows.iter_mut().find(|f| f.rules == rules) else {
            return;
        };
        for a in applied {
            let (kind, name) = match &a.effect {
                Effect::Health { to, .. } => ("health", to.clone()),
                Effect::Segment { to, .. } => ("segment", to.clone()),
                Effect::EscalationStep {
                    escalation, step, ..
                } => ("escalation", format!("{escalation} {step}")),
                Effect::Signal { risk, .. } => ("risk", risk.clone()),
                Effect::Tag {
                    tag, added: true, ..
                } => ("tag", tag.clone()),
                Effect::StageAction { key, .. } => match block_index(key) {
                    Some(i) if i < blocks.len() => ("on", blocks[i].clone()),
                    _ => continue,
                },
                _ => continue,
            };
            if let Some(item) = fc
                .items
                .iter_mut()
                .find(|i| i.kind == kind && i.name == name)
            {
                item.covered = true;
            }
        }
        fc.covered = fc.items.iter().filter(|i| i.covered).count();
    }

    /// Covered and all parts, over every flow.
    pub fn totals(&self) -> (usize, usize) {
        self.flows
            .iter()
            .fold((0, 0), |(c, t), f| (c + f.covered, t + f.total))
    }
}

/// Whether `covered` of `total` reaches `threshold` percent, in integer
/// arithmetic: 9999 of 10000 is not 100%.
pub fn meets(covered: usize, total: usize, threshold: u32) -> bool {
    covered as u128 * 100 >= u128::from(threshold) * total as u128
}

/// Every part of a flow, in the order of the rules.
fn parts(flow: &Flow) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    out.extend(flow.health.iter().map(|s| ("health", s.name.clone())));
    out.extend(flow.segments.iter().map(|s| ("segment", s.name.clone())));
    for esc in &flow.escalations {
        for label in step_labels(esc) {
            out.push(("escalation", format!("{} {label}", esc.name)));
        }
    }
    out.extend(flow.risks.iter().map(|r| ("risk", r.name.clone())));
    out.extend(flow.tags.iter().map(|t| ("tag", t.name.clone())));
    out.extend(block_names(flow).into_iter().map(|n| ("on", n)));
    out
}

/// Every firing of an escalation's steps, as `explain` names them: `after 36h`,
/// `every 24h after 48h #1` … `#3`.
pub fn step_labels(esc: &Escalation) -> Vec<String> {
    let mut out = Vec::new();
    for (i, step) in esc.steps.iter().enumerate() {
        match step.timing {
            StepTiming::After(_) => out.push(step_label(esc, i, 1)),
            StepTiming::Every { max, .. } => {
                out.extend((1..=max).map(|n| step_label(esc, i, n)));
            }
        }
    }
    out
}

/// `enter poc`, `enter segment dormant`; `#2` on a second block of one trigger.
fn block_names(flow: &Flow) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for block in &flow.blocks {
        let base = match block.trigger {
            Trigger::EnterStage(s) => format!("enter {}", flow.stages[s.index()].name),
            Trigger::ExitStage(s) => format!("exit {}", flow.stages[s.index()].name),
            Trigger::EnterSegment(s) => {
                format!("enter segment {}", flow.segments[s.index()].name)
            }
            Trigger::ExitSegment(s) => format!("exit segment {}", flow.segments[s.index()].name),
        };
        let n = out
            .iter()
            .filter(|o| **o == base || o.starts_with(&format!("{base} #")))
            .count();
        out.push(if n == 0 {
            base
        } else {
            format!("{base} #{}", n + 1)
        });
    }
    out
}

/// The block index at the end of a `StageAction` key (`…/b2` → 2): the engine
/// keys a block's run by its origin and the block's index in the flow.
fn block_index(key: &str) -> Option<usize> {
    key.rsplit('/').next()?.strip_prefix('b')?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::{block_index, meets};

    #[test]
    fn the_threshold_is_integer_arithmetic() {
        assert!(!meets(9_999, 10_000, 100), "99.99% is not 100%");
        assert!(meets(10_000, 10_000, 100));
        assert!(meets(4, 5, 80));
        assert!(!meets(3, 4, 76));
        assert!(meets(0, 0, 100), "nothing to cover is covered");
        assert!(meets(0, 7, 0));
    }

    #[test]
    fn block_keys_end_with_the_block_index() {
        assert_eq!(block_index("c1/enter/poc/17/b0"), Some(0));
        assert_eq!(block_index("c/1/enter-segment/dormant/99/b12"), Some(12));
        assert_eq!(block_index("c1/enter/poc/17"), None);
    }
}
