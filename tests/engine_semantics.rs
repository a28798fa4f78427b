//! Engine semantics, one behaviour per test, on a small flow written here: pauses
//! move deadlines, epochs restart from zero, `on enter` runs once per visit,
//! `unless` suppresses a match, evidence of a time-only condition, `every … max`,
//! tags follow field changes, and an undefined template variable is an error.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, TimeDelta, Utc};
use salesflow::check::{MemoryLoader, check_source};
use salesflow::engine::{
    Contact, CustomerHistory, CustomerRecord, Effect, Engine, Evaluation, Event, FieldValue,
};
use salesflow::model::Flow;
use salesflow::source::SourceFile;
use salesflow::team::Team;

const FLOW: &str = r#"
timezone "Asia/Shanghai"
calendar office {
  hours mon-fri 09:00-12:00, 13:00-18:00
}
roles presales
events visit, call
event contact = visit | call
field industry: text
pipeline {
  lead "线索"
  poc  "POC验证"  expect 14d
  won  "赢单"     won
  lost "丢单"     lost
}
on enter poc {
  task presales "技术可行性报告" due 48h
  notify presales "{{ customer.name }} 进入 POC"
}
health {
  red "高危" when signal competitor within 30d
  yellow "需关注" when since last contact > 14d
  green "正常" otherwise
}
risk competitor "竞品" {
  severity red
  keywords "竞品", "ＰＯＣ对比"
  unless "没有竞品"
}
escalation report "报告超时" {
  when stage is poc
  until task "技术可行性报告" done
  clock office
  pause when stage is lost
  after 8h {
    notify owner template nudge
  }
  every 8h after 8h, max 2 {
    notify owner "{{ customer.name }} 报告仍未提交 {{ due | datetime }}"
  }
}
tags from customer.industry, customer.name {
  新能源 "新能源", "储能"
}
segment quiet "沉默" when since last contact > 30d
segment active "活跃" otherwise
template nudge "请跟进 {{ customer.name }} 的报告,截止 {{ due | date }}"
"#;

fn flow(text: &str) -> Flow {
    let checked = check_source(
        &SourceFile::new("t.flow", text),
        &MemoryLoader(HashMap::new()),
    );
    let msgs: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| d.render_to_string(false))
        .collect();
    checked
        .flow
        .unwrap_or_else(|| panic!("{}", msgs.join("\n")))
}

fn team() -> Team {
    let yaml = "people:\n  - { id: zhang, name: 张伟 }\n  - { id: wang, name: 王工, role: presales }\ndefaults: { presales: wang }\n";
    Team::parse("team.yaml", yaml).unwrap()
}

/// Monday 2026-03-02 09:00 +08:00 plus hours.
fn t(hours: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-02T09:00:00+08:00")
        .unwrap()
        .with_timezone(&Utc)
        + TimeDelta::hours(hours)
}

fn ev(id: i64, at: DateTime<Utc>, kind: &str) -> Event {
    Event {
        id,
        at,
        known_at: None,
        kind: kind.into(),
        actor: None,
        role: None,
        text: None,
        status: None,
        next_action: None,
        blocker: None,
        evidence: Vec::new(),
        attrs: BTreeMap::new(),
    }
}

fn stage(id: i64, at: DateTime<Utc>, s: &str) -> Event {
    let mut e = ev(id, at, "stage_change");
    e.attrs.insert("stage".into(), s.into());
    e
}

fn note(id: i64, at: DateTime<Utc>, text: &str) -> Event {
    let mut e = ev(id, at, "visit");
    e.text = Some(text.into());
    e
}

fn customer(events: Vec<Event>) -> CustomerHistory {
    CustomerHistory {
        rules: salesflow::engine::RuleWindow::default(),
        live_from: None,
        customer: CustomerRecord {
            id: "c1".into(),
            name: "苏州储能科技".into(),
            owner: "zhang".into(),
            assignees: BTreeMap::new(),
            fields: BTreeMap::new(),
            created_at: t(0),
            contact: Contact::default(),
        },
        events,
        tasks: Vec::new(),
    }
}

fn eval(events: Vec<Event>, at: DateTime<Utc>) -> Evaluation {
    let (f, team) = (flow(FLOW), team());
    Engine::new(&f, &team).evaluate(&customer(events), at)
}

fn steps(e: &Evaluation) -> Vec<(u32, String, DateTime<Utc>)> {
    e.effects
        .iter()
        .filter_map(|x| match x {
            Effect::EscalationStep {
                epoch,
                step,
                due_at,
                ..
            } => Some((*epoch, step.clone(), *due_at)),
            _ => None,
        })
        .collect()
}

#[test]
fn steps_fire_on_working_time_and_every_stops_at_max() {
    let e = eval(vec![stage(1, t(0), "poc")], t(24 * 7));
    let due: Vec<_> = steps(&e).into_iter().map(|(_, s, d)| (s, d)).collect();
    assert_eq!(
        due,
        [
            // 8 working hours end exactly at Monday 18:00, not Tuesday 09:00.
            ("after 8h".to_string(), t(9)),
            ("every 8h after 8h #1".to_string(), t(33)),
            ("every 8h after 8h #2".to_string(), t(57)),
        ]
    );
    assert!(e.errors.is_empty(), "{:?}", e.errors);
}

#[test]
fn a_pause_moves_the_deadlines_back_by_the_paused_working_time() {
    // In poc at Monday 09:00, lost from 11:00 to Tuesday 11:00 (8 working hours
    // paused), back in poc: the 8h step is due 8 working hours after Tuesday 11:00
    // minus the 2 hours already run, i.e. Tuesday 17:00.
    let e = eval(
        vec![
            stage(1, t(0), "poc"),
            stage(2, t(2), "lost"),
            stage(3, t(26), "poc"),
        ],
        t(30),
    );
    // `when stage is poc` stops holding while lost, so that is a new epoch.
    let s = steps(&e);
    assert!(s.iter().all(|(epoch, _, _)| *epoch == 2), "{s:?}");
    let timers = &e.timers;
    assert_eq!(timers.len(), 2);
    assert_eq!(timers[0].state, "cancelled");
    assert_eq!(timers[1].started_at, t(26));
}

#[test]
fn an_open_pause_stops_the_clock() {
    let paused = r#"
timezone "Asia/Shanghai"
pipeline {
  poc  "POC验证"
  won  "赢单"  won
  hold "暂停"
}
escalation wait "等待" {
  when stage is poc or stage is hold
  pause when stage is hold
  after 10h {
    notify owner "超时"
  }
}
"#;
    let (f, team) = (flow(paused), team());
    let engine = Engine::new(&f, &team);
    let h = customer(vec![
        stage(1, t(0), "poc"),
        stage(2, t(4), "hold"),
        stage(3, t(10), "poc"),
    ]);
    let e = engine.evaluate(&h, t(100));
    assert_eq!(steps(&e), [(1, "after 10h".to_string(), t(16))]);
    let still_paused = engine.evaluate(
        &customer(vec![stage(1, t(0), "poc"), stage(2, t(4), "hold")]),
        t(100),
    );
    assert!(steps(&still_paused).is_empty());
    assert_eq!(still_paused.timers[0].pauses, [(t(4), None)]);
}

#[test]
fn on_enter_runs_once_per_visit_and_again_on_a_new_visit() {
    let e = eval(
        vec![
            stage(1, t(0), "poc"),
            stage(2, t(1), "poc"),
            stage(3, t(2), "lead"),
            stage(4, t(3), "poc"),
        ],
        t(4),
    );
    let tasks = e
        .effects
        .iter()
        .filter(|x| matches!(x, Effect::Task { .. }))
        .count();
    assert_eq!(
        tasks, 2,
        "the second `poc` is the same visit; the fourth a new one"
    );
}

#[test]
fn unless_suppresses_and_full_width_text_matches() {
    let e = eval(
        vec![
            note(1, t(0), "客户说这次没有竞品"),
            note(2, t(1), "ｐｏｃ对比 下周"),
        ],
        t(2),
    );
    let signals: Vec<(i64, String)> = e
        .effects
        .iter()
        .filter_map(|x| match x {
            Effect::Signal { event, keyword, .. } => Some((*event, keyword.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(signals, [(2, "ＰＯＣ对比".to_string())]);
    assert_eq!(e.health.unwrap().0, "red");
}

#[test]
fn a_time_only_condition_cites_the_last_contact_or_the_creation_record() {
    let contacted = eval(vec![note(7, t(0), "拜访")], t(24 * 15));
    let (state, evidence) = contacted.health.unwrap();
    assert_eq!(state, "yellow");
    assert_eq!(evidence.events, [7]);
    // Evidence is recorded as of the change: 14 days and a second.
    assert_eq!(evidence.elapsed, Some(14 * 86_400 + 1));
    let yellow_at = contacted.effects.iter().find_map(|x| match x {
        Effect::Health { to, at, .. } if to == "yellow" => Some(*at),
        _ => None,
    });
    assert_eq!(
        yellow_at,
        Some(t(24 * 14) + TimeDelta::seconds(1)),
        "true time of the crossing"
    );

    let never = eval(vec![], t(24 * 15));
    let (state, evidence) = never.health.unwrap();
    assert_eq!(state, "yellow");
    assert!(evidence.creation && evidence.events.is_empty());
}

#[test]
fn tags_follow_a_field_change() {
    let mut change = ev(2, t(5), "field_change");
    change.attrs.insert("field".into(), "industry".into());
    change.attrs.insert("value".into(), "机加工".into());
    let mut h = customer(vec![change]);
    h.customer.name = "苏州某厂".into();
    h.customer
        .fields
        .insert("industry".into(), FieldValue::Text("新能源".into()));
    let (f, team) = (flow(FLOW), team());
    let engine = Engine::new(&f, &team);
    assert_eq!(engine.evaluate(&h, t(1)).tags, ["新能源"]);
    let later = engine.evaluate(&h, t(6));
    assert!(later.tags.is_empty());
    let removed = later
        .effects
        .iter()
        .any(|x| matches!(x, Effect::Tag { added: false, at, .. } if *at == t(5)));
    assert!(removed);
}

#[test]
fn an_undefined_template_variable_is_an_error_not_an_empty_message() {
    let text = FLOW.replace(
        "{{ customer.name }} 进入 POC",
        "毛利 {{ customer.industry }}",
    );
    let (f, team) = (flow(&text), team());
    let e = Engine::new(&f, &team).evaluate(&customer(vec![stage(1, t(0), "poc")]), t(1));
    assert!(
        e.errors
            .iter()
            .any(|m| m.contains("undefined `customer.industry`")),
        "{:?}",
        e.errors
    );
    let sent = e
        .effects
        .iter()
        .filter(|x| matches!(x, Effect::Outbox { .. }))
        .count();
    assert_eq!(sent, 0);
}

#[test]
fn the_until_task_done_meets_the_timer() {
    let mut done = ev(3, t(2), "task_done");
    done.attrs
        .insert("task".into(), "c1/enter/poc/1/b0/task/0".into());
    let e = eval(vec![stage(1, t(0), "poc"), done], t(24 * 7));
    assert!(steps(&e).is_empty());
    assert_eq!(e.timers[0].state, "met");
}
