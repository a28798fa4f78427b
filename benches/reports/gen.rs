//! A deterministic sales history for the report benchmark: CUSTOMERS customers
//! of 23 sales people with about 20 events each (Chinese names, stage
//! progressions with POC the slowest stage, updates with blockers, contacts
//! whose notes raise risk signals, verdicts, tasks done on time, late or not at
//! all), built through the public store API: `Store::import` for the records,
//! `Store::apply_batch` with the stage visits and signals they imply.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, TimeDelta, Utc};
use salesflow::engine::{Contact, CustomerRecord, Effect, Evaluation, FieldValue, Visit};
use salesflow::store::{ImportBatch, NewEvent, NewTask, RuleSet, Store};
use salesflow::team::{Person, Team};

/// xorshift64*: the same history on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[usize::try_from(self.below(items.len() as u64)).unwrap()]
    }
    /// Somewhere in `[lo, hi)` days, in seconds.
    fn days(&mut self, lo: i64, hi: i64) -> TimeDelta {
        let span = u64::try_from((hi - lo) * 86_400).unwrap();
        TimeDelta::seconds(lo * 86_400 + i64::try_from(self.below(span)).unwrap())
    }
}

const SALES: [(&str, &str); 23] = [
    ("s01", "张伟"),
    ("s02", "王芳"),
    ("s03", "李娜"),
    ("s04", "刘洋"),
    ("s05", "陈静"),
    ("s06", "杨磊"),
    ("s07", "赵敏"),
    ("s08", "黄强"),
    ("s09", "周杰"),
    ("s10", "吴婷"),
    ("s11", "徐斌"),
    ("s12", "孙丽"),
    ("s13", "马超"),
    ("s14", "朱琳"),
    ("s15", "胡军"),
    ("s16", "郭鹏"),
    ("s17", "何雪"),
    ("s18", "高峰"),
    ("s19", "林涛"),
    ("s20", "罗欣"),
    ("s21", "郑凯"),
    ("s22", "梁静"),
    ("s23", "谢宁"),
];
const PRESALES: [(&str, &str); 4] = [
    ("wang", "王工"),
    ("chen", "陈经理"),
    ("p03", "钱工"),
    ("p04", "冯工"),
];
const CITIES: [&str; 10] = [
    "宁波", "常州", "苏州", "无锡", "杭州", "合肥", "东莞", "佛山", "青岛", "成都",
];
const INDUSTRIES: [(&str, &str); 8] = [
    ("整车配套", "汽车"),
    ("机加工", "机加工"),
    ("光伏组件", "新能源"),
    ("储能电池", "电池"),
    ("汽配", "汽车"),
    ("锂电材料", "新能源"),
    ("数控设备", "机加工"),
    ("电芯pack", "电池"),
];
const BLOCKERS: [&str; 7] = [
    "客户内部测试环境未就绪",
    "预算审批中",
    "等待法务意见",
    "客户IT排期冲突",
    "关键人出差",
    "ＥＲＰ对接方案未定",
    "",
];
/// Notes, some of which mention a risk keyword: (text, risk it raises).
const NOTES: [(&str, Option<(&str, &str)>); 8] = [
    ("拜访了车间主任，了解产线节拍", None),
    ("技术负责人认可方案", None),
    ("客户提到需要法务审核", Some(("legal_review", "法务"))),
    ("竞品已进场，对方在比价", Some(("competitor_news", "竞品"))),
    ("客户说下周给答复", Some(("delayed_reply", "下周给答复"))),
    ("测试环境还没搭好", Some(("test_env", "测试环境"))),
    ("客户关心交付周期", None),
    ("对方说预算冻结了", Some(("budget_freeze", "预算冻结"))),
];
/// Kinds of contact events.
const KINDS: [&str; 4] = ["visit", "call", "wechat", "meeting"];
/// Stages in order with the days a visit takes (POC the slowest).
const STAGES: [(&str, i64, i64); 5] = [
    ("lead", 2, 10),
    ("requirement", 3, 13),
    ("demo", 4, 15),
    ("poc", 8, 36),
    ("negotiation", 5, 21),
];

/// The team: the example team's people, 23 sales and two more presales.
pub fn team() -> Team {
    let mut team = Team::load(Path::new("examples/team.yaml")).expect("examples/team.yaml");
    for (id, name) in SALES {
        team.people.push(person(id, name, "sales"));
    }
    for (id, name) in &PRESALES[2..] {
        team.people.push(person(id, name, "presales"));
    }
    team
}

/// A person through serde, so the benchmark does not depend on every field of `Person`.
fn person(id: &str, name: &str, role: &str) -> Person {
    serde_json::from_value(
        serde_json::json!({ "id": id, "name": name, "role": role, "manager": "li" }),
    )
    .expect("a person")
}

/// Builds the store at `path` with `customers` customers, history up to `end`.
pub fn build(path: &Path, customers: usize, end: DateTime<Utc>) {
    let mut store = Store::create(path).expect("a new store");
    let mut rng = Rng(0x5a1e_5f10_u64);
    let start = end - TimeDelta::days(180);
    let chunk = 2_000;
    let mut first = true;
    for base in (0..customers).step_by(chunk) {
        let mut batch = ImportBatch {
            team: first.then(team),
            ..ImportBatch::default()
        };
        first = false;
        let mut plans = Vec::new();
        for i in base..(base + chunk).min(customers) {
            let plan = customer(&mut rng, i, start, end, &mut batch);
            plans.push(plan);
        }
        store.import(&batch, false).expect("import");
        let mut evals = Vec::new();
        for (id, visits, segment, tags) in plans {
            let history = store.history(&id).expect("history").expect("customer");
            let mut effects = Vec::new();
            for e in &history.events {
                let Some(text) = e.text.as_deref() else {
                    continue;
                };
                if let Some((_, Some((risk, kw)))) = NOTES.iter().find(|(t, _)| *t == text) {
                    effects.push(Effect::Signal {
                        key: salesflow::engine::signal_key(&id, risk, e.id, kw),
                        at: e.at,
                        risk: (*risk).to_string(),
                        event: e.id,
                        keyword: (*kw).to_string(),
                        strategy: Vec::new(),
                    });
                }
            }
            let visits: Vec<Visit> = visits
                .into_iter()
                .map(|(stage, entered_at, left_at, evidence, at)| {
                    let event = history
                        .events
                        .iter()
                        .find(|e| e.kind == "stage_change" && e.at == at)
                        .map_or(0, |e| e.id);
                    Visit {
                        stage,
                        entered_at,
                        left_at,
                        evidence,
                        event,
                    }
                })
                .collect();
            evals.push(Evaluation {
                customer: id,
                at: end,
                stage: visits.last().map(|v| v.stage.clone()),
                health: None,
                segment: Some(segment),
                tags,
                visits,
                timers: Vec::new(),
                effects,
                tasks: Vec::new(),
                signals: Vec::new(),
                errors: Vec::new(),
                next_wake: None,
            });
        }
        let rules = store
            .begin_rule_set(&RuleSet::from_the_beginning())
            .expect("a rule set");
        for part in evals.chunks(500) {
            let batch: Vec<_> = part
                .iter()
                .map(|e| (e, e.effects.iter().collect()))
                .collect();
            store.apply_batch(&rules, &batch, end).expect("apply");
        }
    }
}

type Plan = (
    String,
    Vec<(
        String,
        DateTime<Utc>,
        Option<DateTime<Utc>>,
        Vec<String>,
        DateTime<Utc>,
    )>,
    String,
    Vec<String>,
);

/// One customer's records into `batch`; gives its visits, segment and tags.
fn customer(
    rng: &mut Rng,
    i: usize,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    batch: &mut ImportBatch,
) -> Plan {
    let id = format!("c{i:06}");
    let (industry, tag) = *rng.pick(&INDUSTRIES);
    let name = format!("{}某{industry}厂{i}", rng.pick(&CITIES));
    let owner = rng.pick(&SALES).0.to_string();
    let presales = rng.pick(&PRESALES).0.to_string();
    let created = start + rng.days(0, 170);
    batch.customers.push(CustomerRecord {
        id: id.clone(),
        name,
        owner: owner.clone(),
        assignees: BTreeMap::from([("presales".to_string(), presales.clone())]),
        fields: BTreeMap::from([("industry".to_string(), FieldValue::Text(industry.into()))]),
        created_at: created,
        contact: Contact {
            name: Some("刘总".into()),
            ..Contact::default()
        },
    });
    let mut events = 0usize;
    let push = |batch: &mut ImportBatch, events: &mut usize, e: NewEvent| {
        *events += 1;
        batch.events.push(e);
    };
    // Stage progression.
    let mut visits = Vec::new();
    let mut t = created;
    let mut stage_idx = 0;
    loop {
        let (stage, lo, hi) = STAGES[stage_idx];
        let evidence = if stage == "poc" || rng.chance(80) {
            vec![format!("{stage}-{i}.pdf")]
        } else {
            Vec::new()
        };
        let mut e = NewEvent::new(&id, t, "stage_change", "import");
        e.attrs.insert("stage".into(), stage.into());
        e.evidence.clone_from(&evidence);
        e.actor = Some(owner.clone());
        push(batch, &mut events, e);
        let entered = t;
        let left = t + rng.days(lo, hi);
        // Updates inside the visit, most with a blocker (POC: the test environment).
        let updates = if stage == "poc" { 4 } else { 2 };
        for k in 0..updates {
            let at = entered + (left - entered) * k / updates + TimeDelta::hours(2);
            if at >= end {
                break;
            }
            let blocker = if stage == "poc" && rng.chance(50) {
                BLOCKERS[0]
            } else {
                *rng.pick(&BLOCKERS)
            };
            let mut u = NewEvent::new(&id, at, "update", "import");
            u.status = Some("推进中".into());
            u.next_action = Some("跟进".into());
            u.blocker = (!blocker.is_empty()).then(|| blocker.to_string());
            u.actor = Some(owner.clone());
            push(batch, &mut events, u);
        }
        if stage == "poc" && entered < end {
            let due = entered + TimeDelta::days(2);
            let done = match rng.below(100) {
                0..75 => Some(entered + rng.days(0, 2)),
                75..90 => Some(due + rng.days(0, 5)),
                _ => None,
            };
            batch.tasks.push(NewTask {
                customer: id.clone(),
                title: "技术可行性报告".into(),
                role: Some("presales".into()),
                assignee: presales.clone(),
                created_at: entered,
                due_at: Some(due),
                done_at: done.filter(|d| *d < end),
            });
        }
        if left >= end {
            visits.push((stage.to_string(), entered, None, evidence, entered));
            break;
        }
        let next = if rng.chance(12) {
            None
        } else if stage_idx + 1 < STAGES.len() {
            Some(stage_idx + 1 + usize::from(stage_idx == 1 && rng.chance(5)))
        } else {
            None
        };
        visits.push((stage.to_string(), entered, Some(left), evidence, entered));
        t = left;
        match next {
            Some(n) => stage_idx = n,
            None => {
                let outcome = if stage_idx + 1 == STAGES.len() && rng.chance(60) {
                    "signed"
                } else {
                    "lost"
                };
                let mut e = NewEvent::new(&id, t, "stage_change", "import");
                e.attrs.insert("stage".into(), outcome.into());
                e.actor = Some(owner.clone());
                push(batch, &mut events, e);
                visits.push((outcome.to_string(), t, None, Vec::new(), t));
                break;
            }
        }
    }
    // Contacts until about 20 events, some raising a signal, some judged later.
    while events < 20 {
        let at = created + (end - created) * i32::try_from(rng.below(1000)).unwrap() / 1000;
        let (text, risk) = *rng.pick(&NOTES);
        let kind = *rng.pick(&KINDS);
        let mut e = NewEvent::new(&id, at, kind, "import");
        e.text = Some(text.into());
        e.role = Some(
            if rng.chance(30) {
                "decision_maker"
            } else {
                "engineer"
            }
            .into(),
        );
        e.actor = Some(owner.clone());
        push(batch, &mut events, e);
        if let Some((risk, _)) = risk {
            let judged = at + rng.days(3, 20);
            if rng.chance(60) && events < 20 && judged < end {
                let mut v = NewEvent::new(&id, judged, "verdict", "import");
                v.attrs.insert("risk".into(), risk.into());
                v.attrs.insert(
                    "verdict".into(),
                    if rng.chance(70) { "confirmed" } else { "false" }.into(),
                );
                v.actor = Some("li".into());
                push(batch, &mut events, v);
            }
        }
    }
    let segment = (*rng.pick(&["new", "new", "returning", "dormant"])).to_string();
    (id, visits, segment, vec![tag.to_string()])
}
