//! Labels as names: wherever a rule file expects a stage, health state or segment,
//! its label works too (`stage is 方案演示`, `on enter segment 沉睡唤醒`, quoted when
//! it is no identifier: `stage is "POC 验证"`), resolving to the same item as the
//! name; a label that could mean two items is an error; the model's lookups
//! (`Flow::stage_named`, …) accept either.

use std::collections::HashMap;

use salesflow::check::{Checked, MemoryLoader, check_source};
use salesflow::fmt::format_source;
use salesflow::model::{Cond, Flow, Operand, SegmentId, StageId, StateId};
use salesflow::source::SourceFile;

const FLOW: &str = r#"
roles sales, presales
events visit, call
event contact = visit | call

pipeline {
  lead   "线索"
  demo   "方案演示"  milestone
  poc    "POC 验证"  milestone
  signed "合同签署"  won
}

health {
  red    "高危"     when stage is 方案演示 and signal any "需关注"
  yellow "需关注"   when stage in [方案演示, "POC 验证"] or stage >= 合同签署
  green  "正常推进" otherwise
}

risk legal "法务" {
  severity 需关注
  keywords "法务"
}

segment dormant "沉睡唤醒" when since last contact > 90d and health == "高危"
segment fresh   "新客首触" otherwise

on enter 方案演示 {
  task presales "演示准备" due 1d
}

on enter "POC 验证" {
  task presales "技术可行性报告" due 2d
}

on enter segment 沉睡唤醒 {
  task owner "唤醒拜访计划" due 5d
}

escalation stall "停滞" {
  when segment is 沉睡唤醒 and health is 需关注
  after 1d {
    notify owner "{{ customer.name }} 停滞"
  }
}
"#;

fn check(text: &str) -> Checked {
    check_source(
        &SourceFile::new("labels.flow", text),
        &MemoryLoader(HashMap::new()),
    )
}

fn flow() -> Flow {
    let checked = check(FLOW);
    assert!(checked.diagnostics.is_empty(), "{:#?}", checked.diagnostics);
    checked.flow.expect("checks")
}

/// The constants a condition compares with, by kind and index.
fn constants(c: &Cond, out: &mut Vec<String>) {
    match c {
        Cond::Or(a, b) | Cond::And(a, b) => {
            constants(a, out);
            constants(b, out);
        }
        Cond::Not(a) => constants(a, out),
        Cond::Compare(l, _, r, _) => {
            for o in [l, r] {
                if let Operand::Const(k) = o {
                    out.push(format!("{k:?}"));
                }
            }
        }
        Cond::In(_, list, _) => {
            for o in list {
                if let Operand::Const(k) = o {
                    out.push(format!("{k:?}"));
                }
            }
        }
        Cond::Holds(Operand::Signal(which, _)) => out.push(format!("{which:?}")),
        Cond::Holds(_) => {}
    }
}

#[test]
fn labels_resolve_to_the_items_they_label() {
    let flow = flow();
    let mut red = Vec::new();
    constants(flow.health[0].when.as_ref().unwrap(), &mut red);
    assert_eq!(red, ["Stage(StageId(1))", "Any(Some(StateId(1)))"]);
    let mut yellow = Vec::new();
    constants(flow.health[1].when.as_ref().unwrap(), &mut yellow);
    assert_eq!(
        yellow,
        [
            "Stage(StageId(1))",
            "Stage(StageId(2))",
            "Stage(StageId(3))"
        ]
    );
    assert_eq!(flow.risks[0].severity.index(), 1);
    let mut dormant = Vec::new();
    constants(flow.segments[0].when.as_ref().unwrap(), &mut dormant);
    assert_eq!(
        dormant.last().map(String::as_str),
        Some("State(StateId(0))")
    );
    let triggers: Vec<String> = flow
        .blocks
        .iter()
        .map(|b| format!("{:?}", b.trigger))
        .collect();
    assert_eq!(
        triggers,
        [
            "EnterStage(StageId(1))",
            "EnterStage(StageId(2))",
            "EnterSegment(SegmentId(0))"
        ]
    );
}

#[test]
fn the_model_looks_stages_states_and_segments_up_by_name_or_label() {
    let flow = flow();
    assert_eq!(flow.stage_named("demo").map(StageId::index), Some(1));
    assert_eq!(flow.stage_named("方案演示").map(StageId::index), Some(1));
    assert_eq!(flow.stage_named("POC 验证").map(StageId::index), Some(2));
    // Full-width letters and case fold as risk keywords do; blanks around go.
    assert_eq!(
        flow.stage_named(" ｐｏｃ 验证 ").map(StageId::index),
        Some(2)
    );
    assert_eq!(flow.stage_named("方案"), None);
    assert_eq!(flow.state_named("需关注").map(StateId::index), Some(1));
    assert_eq!(flow.state_named("green").map(StateId::index), Some(2));
    assert_eq!(
        flow.segment_named("沉睡唤醒").map(SegmentId::index),
        Some(0)
    );
    assert_eq!(flow.segment_named("fresh").map(SegmentId::index), Some(1));
    assert_eq!(flow.segment_named("老客复购"), None);
}

#[test]
fn a_misspelt_label_gets_did_you_mean_the_label() {
    let checked = check(&FLOW.replace("when stage is 方案演示", "when stage is 方案演"));
    let d = &checked.diagnostics[0];
    assert_eq!(d.code.name(), "salesflow::unknown_stage");
    assert_eq!(d.help.as_deref(), Some("did you mean `方案演示`?"));
}

#[test]
fn a_label_that_is_another_name_or_label_is_an_error() {
    let text = FLOW.replace("\"POC 验证\"  milestone", "\"lead\"  milestone");
    let checked = check(&text);
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code.name()).collect();
    assert!(codes.contains(&"salesflow::ambiguous_label"), "{codes:?}");
    assert!(checked.flow.is_none());

    let text = FLOW.replace("fresh   \"新客首触\"", "fresh   \"沉睡唤醒\"");
    let checked = check(&text);
    let d = checked
        .diagnostics
        .iter()
        .find(|d| d.code.name() == "salesflow::ambiguous_label")
        .expect("a clash");
    assert_eq!(
        d.message,
        "label `沉睡唤醒` of segment `fresh` is also the label of segment `dormant`"
    );
    // A label equal to its own name, or to a name of another kind, is fine.
    let checked = check(
        &FLOW
            .replace("lead   \"线索\"", "lead   \"lead\"")
            .replace("green  \"正常推进\"", "green  \"lead\""),
    );
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
}

#[test]
fn fmt_keeps_labels_as_written() {
    let out = format_source(&SourceFile::new("labels.flow", FLOW)).unwrap();
    for kept in [
        "when stage is 方案演示 and signal any \"需关注\"",
        "stage in [方案演示, \"POC 验证\"]",
        "severity 需关注",
        "on enter \"POC 验证\" {",
        "on enter segment 沉睡唤醒 {",
        "health == \"高危\"",
    ] {
        assert!(out.contains(kept), "{kept}:\n{out}");
    }
    let again = format_source(&SourceFile::new("labels.flow", out.as_str())).unwrap();
    assert_eq!(again, out);
}
