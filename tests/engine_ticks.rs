//! Property: the same history gives the same effects, with the same due times,
//! whether the engine is asked every hour or once at the end, on random histories
//! of visits, notes with risk keywords, stage changes and completed tasks.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use salesflow::check::{DiskLoader, check_path};
use salesflow::engine::{Contact, CustomerHistory, CustomerRecord, Effect, Engine, Event};
use salesflow::model::Flow;
use salesflow::team::Team;

fn start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-02-09T09:00:00+08:00")
        .unwrap()
        .with_timezone(&Utc)
}

const TEXTS: [&str; 8] = [
    "客户提到需要法务审核",
    "对方说预算冻结了",
    "竞品已经进场做对比方案",
    "一切顺利，约了下周演示",
    "客户要求再便宜一点",
    "ＰＯＣ失败，测试不通过",
    "测试环境未就绪",
    "不需要法务介入",
];
const KINDS: [&str; 5] = ["visit", "call", "wechat", "demo_cancelled", "note"];
const STAGES: [&str; 6] = [
    "requirement",
    "demo",
    "poc",
    "negotiation",
    "signed",
    "lost",
];

#[derive(Debug, Clone)]
enum Step {
    Contact {
        kind: usize,
        text: usize,
        decision_maker: bool,
    },
    Stage(usize),
    TaskDone,
}

fn step() -> impl Strategy<Value = (u32, Step)> {
    let minutes = 0u32..(60 * 24 * 6);
    let s = prop_oneof![
        4 => (0..KINDS.len(), 0..TEXTS.len(), any::<bool>())
            .prop_map(|(kind, text, decision_maker)| Step::Contact { kind, text, decision_maker }),
        2 => (0..STAGES.len()).prop_map(Step::Stage),
        1 => Just(Step::TaskDone),
    ];
    (minutes, s)
}

fn history(steps: &[(u32, Step)]) -> CustomerHistory {
    let mut at = start();
    let mut events = Vec::new();
    let mut stage = Event {
        id: 1,
        at,
        known_at: None,
        kind: "stage_change".into(),
        actor: None,
        role: None,
        text: None,
        status: None,
        next_action: None,
        blocker: None,
        evidence: Vec::new(),
        attrs: BTreeMap::from([("stage".to_string(), "lead".to_string())]),
    };
    events.push(stage.clone());
    for (i, (gap, s)) in steps.iter().enumerate() {
        at += TimeDelta::minutes(i64::from(*gap));
        let id = i64::try_from(i).unwrap() + 2;
        let mut e = Event {
            id,
            at,
            known_at: None,
            attrs: BTreeMap::new(),
            ..stage.clone()
        };
        match s {
            Step::Contact {
                kind,
                text,
                decision_maker,
            } => {
                e.kind = KINDS[*kind].into();
                e.text = Some(TEXTS[*text].into());
                e.role = decision_maker.then(|| "decision_maker".into());
            }
            Step::Stage(s) => {
                e.attrs.insert("stage".into(), STAGES[*s].into());
                e.evidence = vec!["poc-plan.pdf".into()];
            }
            Step::TaskDone => {
                e.kind = "task_done".into();
                e.attrs
                    .insert("task".into(), format!("c1/enter/poc/{}/b0/task/0", id - 1));
            }
        }
        events.push(e);
    }
    stage.id = 0;
    CustomerHistory {
        rules: salesflow::engine::RuleWindow::default(),
        live_from: None,
        customer: CustomerRecord {
            id: "c1".into(),
            name: "新能源汽车电池pack厂".into(),
            owner: "zhang".into(),
            assignees: BTreeMap::new(),
            fields: BTreeMap::from([(
                "estimated_margin".into(),
                salesflow::engine::FieldValue::Number(120_000.0),
            )]),
            created_at: start(),
            contact: Contact::default(),
        },
        events,
        tasks: Vec::new(),
    }
}

fn setup() -> (Flow, Team) {
    let flow = check_path(std::path::Path::new("examples/zhilian.flow"), &DiskLoader)
        .unwrap()
        .flow
        .unwrap();
    let team = Team::load(std::path::Path::new("examples/team.yaml")).unwrap();
    (flow, team)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn hourly_ticks_and_one_late_tick_fire_the_same(steps in prop::collection::vec(step(), 0..12)) {
        let (flow, team) = setup();
        let engine = Engine::new(&flow, &team);
        let h = history(&steps);
        let end = h.events.last().unwrap().at + TimeDelta::days(20);
        let once = engine.evaluate(&h, end);
        let mut hourly: BTreeMap<String, Effect> = BTreeMap::new();
        let mut t = start();
        while t <= end {
            for e in engine.evaluate(&h, t).effects {
                hourly.entry(e.key().to_string()).or_insert(e);
            }
            t += TimeDelta::hours(1);
        }
        for e in engine.evaluate(&h, end).effects {
            hourly.entry(e.key().to_string()).or_insert(e);
        }
        let once_map: BTreeMap<String, Effect> = once.effects.iter().map(|e| (e.key().to_string(), e.clone())).collect();
        prop_assert_eq!(once_map.len(), once.effects.len(), "effect keys are unique");
        prop_assert_eq!(&once_map, &hourly);
    }
}
