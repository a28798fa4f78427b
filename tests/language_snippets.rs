//! Every example of LANGUAGE.md checks clean (no error, no warning) inside a
//! minimal flow that declares what the snippet refers to. The snippets are copied
//! here verbatim so the project tests without `../shared`.

use std::collections::HashMap;
use std::path::PathBuf;

use salesflow::check::{MemoryLoader, check_source, normalize};
use salesflow::source::SourceFile;

const PIPELINE: &str = r#"
pipeline {
  lead        "线索"
  requirement "需求确认"  milestone  expect 7d
  demo        "方案演示"  milestone  expect 10d
  poc         "POC验证"   milestone  expect 14d  evidence required
  negotiation "商务谈判"  milestone  expect 10d
  signed      "合同签署"  milestone  won
  lost        "丢单"      lost
}
"#;

const HEADER: &str = r#"
flow "智链云服销售流"
include "risks.flow"          # path relative to this file; cycles are an error
timezone "Asia/Shanghai"      # IANA name; default UTC; all times are shown in it
"#;

const CALENDAR: &str = r#"
calendar workdays {
  hours mon-fri 09:00-12:00, 13:30-18:00
  holidays "holidays/2026.json", "holidays/2025.json"
}
"#;

const DECLARATIONS: &str = r"
roles sales, presales, finance, delivery, sales_director
events visit, call, wechat, email, meeting, demo, demo_cancelled, tech_discussion
event contact = visit | call | wechat | email | meeting      # a group of kinds
field contract_disputes: number
field industry: text
field test_env_ready: bool
field estimated_margin: money
";

const ON_ENTER: &str = r#"
on enter poc {
  task presales "技术可行性报告" due 48h
  notify finance template margin_sync
  message customer template poc_booking
}
on enter segment dormant {
  task owner "唤醒拜访计划" due 5d
}
"#;

const HEALTH: &str = r#"
health {
  red "高危" when
       signal competitor_news within 30d
    or signal new_reviewer within 30d
  yellow "需关注" when
       since last contact(role = decision_maker) > 14d
    or customer.contract_disputes >= 3
    or count demo_cancelled within 30d >= 3
  green "正常推进" otherwise
}
"#;

const ESCALATION: &str = r#"
escalation feasibility "技术可行性报告超时" {
  when health is yellow
  until task "技术可行性报告" done
  clock workdays
  pause when stage is lost
  after 36h {
    notify presales template reminder
  }
  after 48h {
    notify manager of presales cc sales_director template escalation
    message customer template care
  }
  every 24h after 48h, max 3 {
    notify sales_director template still_open
  }
}
"#;

const RISK: &str = r#"
risk legal_review "采购流程新增法务环节" {
  severity yellow
  keywords "法务", "合规审查", "审计"
  unless "不需要法务"
  strategy "合同审核周期会拉长:提前把标准合同发给客户法务,预留两周审核期"
  case "2025-11 常州某机加工厂:提前介入法务,合同周期从45天缩短到21天"
}
"#;

const TAGS: &str = r#"
tags from customer.industry, customer.name {
  新能源 "新能源", "光伏", "储能", "锂电"
  汽车   "汽车", "汽配", "整车", "主机厂"
  电池   "电池", "pack", "电芯"
}
"#;

const SEGMENTS: &str = r#"
segment dormant   "沉睡唤醒" when since last contact > 90d
segment returning "老客复购" when customer.deals_won > 0
segment new       "新客首触" otherwise
"#;

const REQUIRES_GOALS_TEMPLATE: &str = r#"
update requires status, next_action, blocker
goal node_coverage >= 80%
goal response_sla >= 92%
goal risk_accuracy >= 75%
template care """
关于您关心的{{ topic | default("方案落地") }}事宜,我们的{{ assignee.title | default("") }}{{ assignee.name }}已专项跟进,
预计{{ due | date }}前提供详细实施方案,请留意后续邮件。
"""
"#;

/// Templates the snippets name, and risks `health` signals on (without risks.flow).
const SUPPORT_TEMPLATES: &str = r#"
template margin_sync "{{ customer.name }} 进入 POC 验证,请同步预估毛利:{{ customer.estimated_margin | default('待评估') }} 元"
template poc_booking "您好,{{ customer.name }} 的 POC 验证已启动"
template reminder "提醒:{{ customer.name }} 的技术可行性报告将于 {{ due | date }} 到期"
template escalation "{{ assignee.name }} 负责的 {{ customer.name }} 技术可行性报告已超时"
template still_open "{{ customer.name }} 技术可行性报告仍未提交"
"#;

const SUPPORT_RISKS: &str = r#"
risk competitor_news "竞品已进场" { severity red keywords "竞品" }
risk new_reviewer "新评审方" { severity red keywords "招标" }
"#;

const SUPPORT_SEGMENTS: &str = r#"
field deals_won: number
segment dormant "沉睡唤醒" when since last contact > 90d
segment other "其他" otherwise
"#;

fn loader() -> MemoryLoader {
    let mut files = HashMap::new();
    for (key, path) in [
        ("risks.flow", "examples/risks.flow"),
        ("holidays/2025.json", "examples/holidays/2025.json"),
        ("holidays/2026.json", "examples/holidays/2026.json"),
    ] {
        let text = std::fs::read_to_string(path).unwrap();
        files.insert(normalize(&PathBuf::from(key)), text);
    }
    MemoryLoader(files)
}

fn assert_clean(parts: &[&str]) {
    let text = parts.concat();
    let checked = check_source(&SourceFile::new("snippet.flow", text.as_str()), &loader());
    let rendered: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| d.render_to_string(false))
        .collect();
    assert!(rendered.is_empty(), "{text}\n{}", rendered.join("\n"));
    assert!(checked.flow.is_some());
}

#[test]
fn flow_include_and_timezone_check_clean() {
    // risks.flow's severities name health states, so the flow declares them.
    let health = "health {\n  red \"高危\" when signal any red\n  yellow \"需关注\" when signal any yellow\n  green \"正常\" otherwise\n}\n";
    assert_clean(&[HEADER, PIPELINE, health]);
}

#[test]
fn calendar_with_holiday_files_checks_clean() {
    assert_clean(&[CALENDAR, PIPELINE]);
}

#[test]
fn roles_events_and_fields_check_clean() {
    assert_clean(&[DECLARATIONS, PIPELINE]);
}

#[test]
fn pipeline_checks_clean() {
    assert_clean(&[PIPELINE]);
}

#[test]
fn on_enter_blocks_check_clean() {
    assert_clean(&[
        DECLARATIONS,
        PIPELINE,
        ON_ENTER,
        SUPPORT_TEMPLATES_ON_ENTER,
        SUPPORT_SEGMENTS,
    ]);
}

const SUPPORT_TEMPLATES_ON_ENTER: &str = r#"
template margin_sync "{{ customer.name }} 进入 POC 验证,请同步预估毛利:{{ customer.estimated_margin | default('待评估') }} 元"
template poc_booking "您好,{{ customer.name }} 的 POC 验证已启动"
"#;

#[test]
fn health_checks_clean() {
    assert_clean(&[DECLARATIONS, PIPELINE, HEALTH, SUPPORT_RISKS]);
}

#[test]
fn escalation_checks_clean() {
    let care = r#"
template care "关于您关心的{{ topic | default('方案落地') }}事宜,{{ assignee.name }}已跟进,预计{{ due | date }}前答复"
"#;
    assert_clean(&[
        DECLARATIONS,
        CALENDAR,
        PIPELINE,
        HEALTH,
        SUPPORT_RISKS,
        ESCALATION,
        SUPPORT_TEMPLATES,
        care,
        ON_ENTER_TASK_ONLY,
    ]);
}

const ON_ENTER_TASK_ONLY: &str = r#"
on enter poc {
  task presales "技术可行性报告" due 48h
  notify finance template margin_sync
  message customer template poc_booking
}
"#;

#[test]
fn risk_checks_clean() {
    assert_clean(&[
        PIPELINE,
        "health {\n  yellow \"需关注\" when signal any yellow\n  green \"正常\" otherwise\n}\n",
        RISK,
    ]);
}

#[test]
fn tags_check_clean() {
    assert_clean(&[DECLARATIONS, PIPELINE, TAGS]);
}

#[test]
fn segments_check_clean() {
    assert_clean(&[
        DECLARATIONS,
        "field deals_won: number\n",
        PIPELINE,
        SEGMENTS,
    ]);
}

#[test]
fn update_requires_goals_and_template_check_clean() {
    let use_care = r#"
health {
  yellow "需关注" when customer.contract_disputes >= 3
  green "正常" otherwise
}
escalation care_note "关怀" {
  when health is yellow
  after 1h {
    message customer template care
  }
}
"#;
    assert_clean(&[DECLARATIONS, PIPELINE, REQUIRES_GOALS_TEMPLATE, use_care]);
}

#[test]
fn the_whole_example_flow_checks_clean_with_every_snippet_construct() {
    let text = std::fs::read_to_string("examples/zhilian.flow").unwrap();
    assert_clean(&[text.as_str()]);
}

#[test]
fn chinese_field_names_work_in_templates() {
    let flow = r#"
field 行业细分: text
pipeline {
  lead "线索"
  won  "赢单"  won
}
on enter won {
  notify owner "{{ customer.name }} 签约,行业:{{ customer.行业细分 | default('未填') }}"
}
"#;
    assert_clean(&[flow]);
}

/// The examples in the prose of "Expressions": labels as names, date literals,
/// "never contacted".
#[test]
fn expression_prose_examples_check_clean() {
    let rules = r#"
field 签约日期: date
health {
  red "高危" when stage is 方案演示 and customer.created_at >= 2026-03-02
  yellow "需关注" when stage is "POC验证" or count contact == 0
  green "正常推进" otherwise
}
on enter signed {
  set customer.签约日期 = 2026-03-02
}
"#;
    assert_clean(&[DECLARATIONS, PIPELINE, rules]);
}

/// "Full-width punctuation … is read as its ASCII form with a warning": the same
/// items typed with an input method check with one warning per mark.
#[test]
fn full_width_punctuation_is_read_as_ascii_with_a_warning() {
    let typed = DECLARATIONS
        .replacen("roles sales, presales", "roles sales， presales", 1)
        .replacen("field industry: text", "field industry：text", 1);
    let text = [typed.as_str(), PIPELINE].concat();
    let checked = check_source(&SourceFile::new("snippet.flow", text.as_str()), &loader());
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code.name()).collect();
    assert_eq!(
        codes,
        [
            "salesflow::fullwidth_punctuation",
            "salesflow::fullwidth_punctuation"
        ]
    );
    assert!(checked.flow.is_some());
}
