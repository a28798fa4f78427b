//! Progress updates (`salesflow update`): a status, the next action and the
//! blocker, as a rep fills in the weekly form, plus a note or evidence when the
//! flow's `update requires` asks for them. The blocker is what holds the current
//! stage visit up ([`super::stages::Plan::blocker`]) or, when nothing does, a
//! mild "waiting for the customer": the form wants one either way.

use super::dice::Dice;
use super::stages::Phase;
use crate::model::{Flow, UpdateField};
use crate::store::NewEvent;

const EARLY_STATUS: [&str; 3] = ["需求调研中", "方案准备中", "等待客户立项"];
const DEMO_STATUS: [&str; 2] = ["演示准备中", "演示已完成,等待反馈"];
const TRIAL_STATUS: [&str; 3] = ["POC进行中", "POC环境准备中", "POC验收中"];
const LATE_STATUS: [&str; 3] = ["商务谈判中", "合同审核中", "报价已提交"];

const EARLY_NEXT: [&str; 4] = ["约见决策人", "提交初步方案", "发送案例资料", "安排技术交流"];
const DEMO_NEXT: [&str; 3] = ["确认演示时间", "准备定制演示脚本", "演示后收集反馈"];
const TRIAL_NEXT: [&str; 4] = [
    "协调客户IT准备POC服务器",
    "提交POC阶段报告",
    "安排验收会议",
    "远程支持部署",
];
const LATE_NEXT: [&str; 4] = ["发送正式报价", "推动合同盖章", "约采购开会", "提交付款方案"];

/// What the update is about.
pub struct UpdateOf<'a> {
    /// The customer's id.
    pub customer: &'a str,
    /// The rep writing it.
    pub actor: &'a str,
    /// Where the deal stands.
    pub phase: Phase,
    /// A demo is on the agenda.
    pub demo: bool,
    /// What blocks the deal.
    pub blocker: &'a str,
}

/// An `update` event, with every field the flow's `update requires` asks for.
pub fn update(
    flow: &Flow,
    dice: &mut Dice,
    of: &UpdateOf<'_>,
    at: chrono::DateTime<chrono::Utc>,
) -> NewEvent {
    let (status, next): (&[&str], &[&str]) = match of.phase {
        Phase::Early if of.demo => (&DEMO_STATUS, &DEMO_NEXT),
        Phase::Early => (&EARLY_STATUS, &EARLY_NEXT),
        Phase::Trial => (&TRIAL_STATUS, &TRIAL_NEXT),
        Phase::Late => (&LATE_STATUS, &LATE_NEXT),
    };
    let mut e = NewEvent::new(of.customer, at, "update", "import");
    e.actor = Some(of.actor.to_string());
    e.status = Some(dice.pick(status).to_string());
    e.next_action = Some(dice.pick(next).to_string());
    e.blocker = Some(of.blocker.to_string());
    if flow.update_requires.contains(&UpdateField::Note) {
        e.text = Some(format!(
            "本周进展:{}",
            e.status.as_deref().unwrap_or_default()
        ));
    }
    if flow.update_requires.contains(&UpdateField::Evidence) {
        e.evidence = vec![format!("周报-{}.docx", at.format("%Y%m%d"))];
    }
    e
}

#[cfg(test)]
mod tests {
    use super::super::dice::Stream;
    use super::*;
    use crate::engine::matcher::Matchers;
    use crate::record::RecordRules;

    #[test]
    fn statuses_and_next_actions_raise_no_risk_of_the_example() {
        let flow = crate::demo::project::example_flow().unwrap();
        let m = Matchers::new(&flow);
        let texts = EARLY_STATUS
            .iter()
            .chain(&DEMO_STATUS)
            .chain(&TRIAL_STATUS)
            .chain(&LATE_STATUS)
            .chain(&EARLY_NEXT)
            .chain(&DEMO_NEXT)
            .chain(&TRIAL_NEXT)
            .chain(&LATE_NEXT);
        for text in texts {
            assert!(m.risk_hits(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn every_update_obeys_update_requires() {
        let flow = crate::demo::project::example_flow().unwrap();
        let rules = RecordRules::new(&flow);
        for (i, phase) in [Phase::Early, Phase::Trial, Phase::Late]
            .into_iter()
            .enumerate()
        {
            let mut dice = Dice::new(1, Stream::Day, &[i as u64]);
            let of = UpdateOf {
                customer: "c1",
                actor: "zhang",
                phase,
                demo: false,
                blocker: "等待客户反馈",
            };
            let e = update(&flow, &mut dice, &of, chrono::Utc::now());
            assert!(rules.check(&e, None).is_empty(), "{e:?}");
        }
    }
}
