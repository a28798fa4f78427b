//! Helpers shared by the store and import tests: scratch directories, a store with
//! customers, hand-built evaluations.
#![allow(dead_code, reason = "each test file uses a different part")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use salesflow::engine::{
    Contact, CustomerRecord, Effect, Evaluation, Evidence, FieldValue, TimerView, Visit,
};
use salesflow::store::{ImportBatch, NewEvent, Store};
use salesflow::team::Team;

/// An empty scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("store-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An instant from RFC 3339.
pub fn t(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// The example team.
pub fn team() -> Team {
    Team::load(Path::new("examples/team.yaml")).unwrap()
}

/// A customer record.
pub fn customer(id: &str, name: &str) -> CustomerRecord {
    CustomerRecord {
        id: id.into(),
        name: name.into(),
        owner: "zhang".into(),
        assignees: BTreeMap::from([("presales".to_string(), "wang".to_string())]),
        fields: BTreeMap::from([
            (
                "industry".to_string(),
                FieldValue::Text("新能源汽车电池pack".into()),
            ),
            ("contract_disputes".to_string(), FieldValue::Number(1.0)),
        ]),
        created_at: t("2026-03-02T09:00:00+08:00"),
        contact: Contact {
            name: Some("刘总".into()),
            ..Contact::default()
        },
    }
}

/// A visit note.
pub fn note(customer: &str, at: &str, text: &str) -> NewEvent {
    let mut e = NewEvent::new(customer, t(at), "visit", "import");
    e.role = Some("decision_maker".into());
    e.text = Some(text.into());
    e
}

/// A new store in `dir` with the team, customer `c1` and one visit note; returns
/// the store and the note's event id.
pub fn store_with_c1(dir: &Path) -> (Store, i64) {
    let mut store = Store::create(&dir.join("crm.db")).unwrap();
    let batch = ImportBatch {
        team: Some(team()),
        customers: vec![customer("c1", "宁波某整车配套厂")],
        events: vec![note(
            "c1",
            "2026-03-02T10:00:00+08:00",
            "客户提到需要法务审核",
        )],
        ..ImportBatch::default()
    };
    store.import(&batch, false).unwrap();
    let history = store.history("c1").unwrap().unwrap();
    let id = history.events[0].id;
    (store, id)
}

/// One effect of every kind for `c1`, the signal pointing at `event`.
pub fn every_effect(event: i64) -> Vec<Effect> {
    let at = t("2026-03-02T10:00:00+08:00");
    vec![
        Effect::Signal {
            key: salesflow::engine::signal_key("c1", "legal_review", event, "法务"),
            at,
            risk: "legal_review".into(),
            event,
            keyword: "法务".into(),
            strategy: vec!["提前介入法务".into()],
        },
        Effect::Health {
            key: "health:c1:yellow:1".into(),
            at,
            from: Some("green".into()),
            to: "yellow".into(),
            evidence: Evidence {
                rule: "signal any yellow within 14d".into(),
                events: vec![event],
                creation: false,
                elapsed: None,
            },
        },
        Effect::Segment {
            key: "segment:c1:new".into(),
            at,
            from: None,
            to: "new".into(),
        },
        Effect::Tag {
            key: "tag:c1:新能源:+".into(),
            at,
            tag: "新能源".into(),
            added: true,
        },
        Effect::StageAction {
            key: "action:enter poc:1".into(),
            at,
            trigger: "enter poc".into(),
        },
        Effect::Task {
            key: "task:c1:技术可行性报告:1".into(),
            title: "技术可行性报告".into(),
            assignee: "wang".into(),
            role: Some("presales".into()),
            created_at: at,
            due_at: t("2026-03-04T10:00:00+08:00"),
            origin: "action:enter poc:1".into(),
            suppressed: false,
        },
        Effect::EscalationStep {
            key: "step:c1:feasibility:1:after 36h".into(),
            escalation: "feasibility".into(),
            epoch: 1,
            step: "after 36h".into(),
            due_at: t("2026-03-06T11:00:00+08:00"),
        },
        Effect::Outbox {
            key: "outbox:c1:feasibility:1:after 36h:wang".into(),
            created_at: t("2026-03-06T11:00:00+08:00"),
            kind: "notify".into(),
            recipient: "wang".into(),
            cc: vec!["li".into()],
            subject: "技术可行性报告超时".into(),
            body: "提醒:宁波某整车配套厂 的技术可行性报告将于 2026-03-04 到期".into(),
            origin: "step:c1:feasibility:1:after 36h".into(),
            template: Some("reminder".into()),
            suppressed: false,
        },
        Effect::FieldChange {
            key: "set:c1:test_env_ready:1".into(),
            at,
            field: "test_env_ready".into(),
            value: "true".into(),
        },
    ]
}

/// An evaluation of `c1` carrying `effects`, a running timer, one visit and a
/// wake-up time.
pub fn evaluation(effects: Vec<Effect>, visit_event: i64, next_wake: &str) -> Evaluation {
    Evaluation {
        customer: "c1".into(),
        at: t("2026-03-06T12:00:00+08:00"),
        stage: Some("poc".into()),
        health: Some((
            "yellow".into(),
            Evidence {
                rule: "signal any yellow within 14d".into(),
                events: vec![visit_event],
                creation: false,
                elapsed: None,
            },
        )),
        segment: Some("new".into()),
        tags: vec!["新能源".into(), "汽车".into()],
        visits: vec![Visit {
            stage: "poc".into(),
            entered_at: t("2026-03-02T10:00:00+08:00"),
            left_at: None,
            evidence: vec!["poc申请单.pdf".into()],
            event: visit_event,
        }],
        timers: vec![TimerView {
            escalation: "feasibility".into(),
            epoch: 1,
            started_at: t("2026-03-02T10:00:00+08:00"),
            pauses: vec![(t("2026-03-03T10:00:00+08:00"), None)],
            state: "running".into(),
            ended_at: None,
            next: Some(("after 48h".into(), t("2026-03-09T10:00:00+08:00"))),
            skipped: Vec::new(),
        }],
        effects,
        tasks: Vec::new(),
        signals: Vec::new(),
        errors: Vec::new(),
        next_wake: Some(t(next_wake)),
    }
}

/// How many rows a table has (raw SQL, for checking what was written).
pub fn count(db: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// Effect keys claimed: the `effects` ledger's rows and the signals, which claim
/// their keys in their own table.
pub fn claimed(db: &Path) -> i64 {
    count(db, "effects") + count(db, "signals")
}

/// The example flow (zhilian.flow with its risks), checked.
pub fn flow() -> salesflow::model::Flow {
    let checked = salesflow::check::check_path(
        Path::new("examples/zhilian.flow"),
        &salesflow::check::DiskLoader,
    )
    .unwrap();
    checked.flow.expect("the example flow checks")
}

/// What imports into `store` are checked against.
pub fn context<'a>(
    store: &Store,
    flow: &'a salesflow::model::Flow,
) -> salesflow::import::Context<'a> {
    let mut people: std::collections::HashSet<String> =
        team().people.into_iter().map(|p| p.id).collect();
    people.extend(store.people().unwrap().into_iter().map(|p| p.id));
    salesflow::import::Context {
        flow: Some(flow),
        people,
        customers: store.all_customer_ids().unwrap().into_iter().collect(),
        created: store.customer_created_times().unwrap(),
        now: None,
        defaults: store.team().unwrap().defaults,
    }
}

/// A fixture of tests/fixtures/import.
pub fn fixture(name: &str) -> PathBuf {
    Path::new("tests/fixtures/import").join(name)
}

/// Imports a fixture into the store (panics on rejection).
pub fn import(
    store: &mut Store,
    flow: &salesflow::model::Flow,
    kind: salesflow::import::ImportKind,
    path: &Path,
) -> salesflow::store::ImportCounts {
    let options = salesflow::import::ReadOptions::default();
    let loaded = salesflow::import::load(kind, path, &options, &context(store, flow), &())
        .unwrap_or_else(|e| panic!("{e}: {e:?}"));
    store.import(&loaded.batch, false).unwrap()
}
