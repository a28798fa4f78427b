//! Visit, call and chat notes as sales reps write them, by where the deal stands,
//! and now and then a risk: a keyword of the flow's own dictionary (`risk …
//! keywords`), quoted in one of the ways people type it (as written, full-width
//! `ＥＲＰ对接`, mixed case `Erp对接`), or a risk's `unless` phrase, which must
//! not raise it. The rates are those of a real team's notes: a risk in about one
//! note in twelve, more once price and contract are on the table.

use super::dice::Dice;
use super::stages::Phase;
use crate::model::Flow;

/// A note's share that mentions a risk, by phase.
const RISK_RATE_EARLY: f64 = 0.07;
const RISK_RATE_LATE: f64 = 0.11;
/// A mention's share that is the risk's `unless` phrase, when it has one.
const UNLESS_RATE: f64 = 0.15;

const EARLY: [&str; 6] = [
    "与{who}初步沟通,客户关注{need}",
    "{who}介绍了现有系统情况,希望解决{need}的问题",
    "电话回访{who},确认需求范围:{need}",
    "{who}带我们参观了车间,了解{need}现状",
    "加了{who}微信,发了同行业案例资料",
    "{who}询问实施周期和{need}的做法",
];
const DEMO: [&str; 4] = [
    "给{who}演示了{need}模块,现场反馈不错",
    "{who}对演示中的{need}功能比较感兴趣,要求再看一次",
    "和{who}确认演示时间和参会人",
    "演示后{who}提出{need}的细节问题",
];
const TRIAL: [&str; 6] = [
    "POC进展:{need}场景已部署,等待客户试用",
    "和{who}对齐ＰＯＣ验收标准,重点是{need}",
    "远程支持客户IT部署POC服务器",
    "Poc周例会:{who}反馈{need}数据已跑通一部分",
    "{who}要求POC增加{need}场景",
    "现场支持POC,{who}参加了培训",
];
const LATE: [&str; 6] = [
    "与{who}沟通报价,客户关心付款方式",
    "{who}确认了合同主体,等待采购流程",
    "商务沟通:{who}要求增加{need}的培训",
    "{who}反馈价格偏高,正在内部申请折扣空间",
    "发送正式报价单给{who}",
    "和{who}过了一遍合同条款",
];
const MENTIONS: [&str; 5] = [
    "。{who}提到“{kw}”",
    "。客户原话:{kw}",
    ";需关注:{kw}",
    "。另外听说{kw}",
    ",{who}说{kw}的情况要再确认",
];

/// One risk's words.
struct RiskWords {
    keywords: Vec<String>,
    unless: Vec<String>,
}

/// Writes notes for one flow's dictionary.
pub struct Notes {
    risks: Vec<(RiskWords, u32)>,
}

impl Notes {
    /// The notes of a flow: its risks, the most severe ones rarer.
    pub fn new(flow: &Flow) -> Notes {
        let worst = flow.health.first().map(|s| s.name.as_str());
        let risks = flow
            .risks
            .iter()
            .filter(|r| !r.keywords.is_empty())
            .map(|r| {
                let severe = Some(flow.health[r.severity.index()].name.as_str()) == worst;
                let words = RiskWords {
                    keywords: r.keywords.clone(),
                    unless: r.unless.clone(),
                };
                (words, if severe { 1 } else { 3 })
            })
            .collect();
        Notes { risks }
    }

    /// A note about a deal in `phase` (`demo`: a demo is on the agenda), with
    /// `who` the contact as the rep calls them and `need` what they want.
    pub fn note(&self, dice: &mut Dice, phase: Phase, demo: bool, who: &str, need: &str) -> String {
        let lines: &[&str] = match phase {
            Phase::Early if demo => &DEMO,
            Phase::Early => &EARLY,
            Phase::Trial => &TRIAL,
            Phase::Late => &LATE,
        };
        let mut text = fill(dice.pick(lines), who, need);
        let rate = if phase == Phase::Late {
            RISK_RATE_LATE
        } else {
            RISK_RATE_EARLY
        };
        if !self.risks.is_empty() && dice.chance(rate) {
            let risk = dice.weighted(&self.risks);
            let kw = if !risk.unless.is_empty() && dice.chance(UNLESS_RATE) {
                dice.pick_ref(&risk.unless).clone()
            } else {
                let kw = dice.pick_ref(&risk.keywords).clone();
                typed(dice, kw)
            };
            text.push_str(&fill(dice.pick(&MENTIONS), who, need).replace("{kw}", &kw));
        }
        text
    }
}

fn fill(line: &str, who: &str, need: &str) -> String {
    line.replace("{who}", who).replace("{need}", need)
}

/// A keyword as someone typed it: mostly as written; with Latin letters, now and
/// then full-width (a Chinese input method) or in another case.
pub fn typed(dice: &mut Dice, keyword: String) -> String {
    if !keyword.bytes().any(|b| b.is_ascii_alphabetic()) {
        return keyword;
    }
    let roll = dice.unit();
    if roll < 0.15 {
        full_width(&keyword)
    } else if roll < 0.3 {
        other_case(&keyword)
    } else {
        keyword
    }
}

/// ASCII letters, digits and marks as their full-width forms (`ERP` → `ＥＲＰ`).
pub fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c),
            other => other,
        })
        .collect()
}

/// Each run of Latin letters capitalised, or all lower case when it was upper
/// case (`ERP对接` → `erp对接`, `pack` → `Pack`).
fn other_case(text: &str) -> String {
    let upper = text
        .chars()
        .filter(char::is_ascii_alphabetic)
        .all(|c| c.is_ascii_uppercase());
    if upper {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    let mut in_word = false;
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            out.push(if in_word { c } else { c.to_ascii_uppercase() });
            in_word = true;
        } else {
            out.push(c);
            in_word = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::dice::Stream;
    use super::*;
    use crate::engine::matcher::Matchers;

    #[test]
    fn typed_forms_still_match_the_keyword() {
        let flow = crate::demo::project::example_flow().unwrap();
        let m = Matchers::new(&flow);
        let erp = flow
            .risks
            .iter()
            .position(|r| r.name == "integration_gap")
            .unwrap();
        for text in ["ERP对接", "ＥＲＰ对接", "erp对接", "Erp对接"] {
            assert!(
                m.risk_hits(&format!("客户说{text}要排期"))
                    .iter()
                    .any(|h| h.entry == erp),
                "{text}"
            );
        }
        assert_eq!(full_width("ERP对接"), "ＥＲＰ对接");
        assert_eq!(other_case("ERP对接"), "erp对接");
        assert_eq!(other_case("pack"), "Pack");
    }

    #[test]
    fn routine_notes_raise_no_risk_of_the_example() {
        let flow = crate::demo::project::example_flow().unwrap();
        let m = Matchers::new(&flow);
        for line in EARLY.iter().chain(&DEMO).chain(&TRIAL).chain(&LATE) {
            for need in crate::demo::names::INDUSTRIES
                .iter()
                .flat_map(|(i, _)| i.needs.iter())
            {
                let text = fill(line, "王总", need);
                assert!(m.risk_hits(&text).is_empty(), "{text}");
            }
        }
    }

    #[test]
    fn about_one_note_in_twelve_raises_a_risk_and_unless_phrases_do_not() {
        let flow = crate::demo::project::example_flow().unwrap();
        let m = Matchers::new(&flow);
        let notes = Notes::new(&flow);
        let n: u32 = 4000;
        let mut hits: u32 = 0;
        let mut unless = 0;
        for i in 0..n {
            let mut dice = Dice::new(5, Stream::Day, &[u64::from(i)]);
            let text = notes.note(&mut dice, Phase::Early, false, "王总", "生产追溯");
            if !m.risk_hits(&text).is_empty() {
                hits += 1;
            } else if text.contains("不需要法务") {
                unless += 1;
            }
        }
        let rate = f64::from(hits) / f64::from(n);
        assert!((0.04..0.1).contains(&rate), "{rate}");
        assert!(unless > 0);
    }
}
