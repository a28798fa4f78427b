//! Property: records that arrive late never make `apply` derive the past again.
//!
//! Random histories of visits (some with risk keywords), updates with blockers and
//! stage moves are recorded into a store in the order a team would type them, some
//! after an `apply` had already passed their time, with applies at random times in
//! between (the real store path: `Store::record_event` stamps `known_at`, and
//! `apply::Pass` is what `salesflow apply` runs). Then:
//! - every effect an apply wrote is still derived, under the same key, by the
//!   evaluation at the end (nothing applied is derived again under another key);
//! - every effect an apply wrote is at or after the previous apply's `now` (a late
//!   record only adds effects from the moment salesflow knew it);
//! - with no late record, the applies write exactly what one apply at the end
//!   writes (tick-frequency invariance through the store).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use salesflow::apply::Pass;
use salesflow::check::{DiskLoader, check_path};
use salesflow::engine::{Contact, CustomerRecord, Effect, Engine};
use salesflow::model::Flow;
use salesflow::store::{ImportBatch, NewEvent, Store};
use salesflow::team::Team;

fn start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-02T09:00:00+08:00")
        .unwrap()
        .with_timezone(&Utc)
}

const TEXTS: [&str; 4] = [
    "客户说预算冻结了",
    "一切顺利，约了下周演示",
    "ＰＯＣ环境还没准备好",
    "财务说预算冻结到年底",
];
const STAGES: [&str; 4] = ["demo", "poc", "lost", "signed"];

#[derive(Debug, Clone)]
enum Act {
    Visit(usize),
    Update(usize),
    Move(usize),
}

/// A record: when it happened, how many hours later it is typed in, and what.
#[derive(Debug, Clone)]
struct Record {
    at: u32,
    delay: u32,
    act: Act,
}

fn record() -> impl Strategy<Value = Record> {
    let act = prop_oneof![
        3 => (0..TEXTS.len()).prop_map(Act::Visit),
        1 => (0..TEXTS.len()).prop_map(Act::Update),
        2 => (0..STAGES.len()).prop_map(Act::Move),
    ];
    (
        0u32..24 * 20,
        prop_oneof![3 => Just(0u32), 1 => 1u32..24 * 10],
        act,
    )
        .prop_map(|(at, delay, act)| Record { at, delay, act })
}

fn hours(h: u32) -> DateTime<Utc> {
    start() + TimeDelta::hours(i64::from(h))
}

fn event(r: &Record) -> NewEvent {
    let mut e = NewEvent::new("c1", hours(r.at), "visit", "cli");
    match r.act {
        Act::Visit(t) => {
            e.role = Some("decision_maker".into());
            e.text = Some(TEXTS[t].into());
        }
        Act::Update(t) => {
            e.kind = "update".into();
            e.status = Some("推进中".into());
            e.next_action = Some("跟进".into());
            e.blocker = Some(TEXTS[t].into());
        }
        Act::Move(s) => {
            e.kind = "stage_change".into();
            e.attrs.insert("stage".into(), STAGES[s].into());
            e.evidence = vec!["申请单".into()];
        }
    }
    e
}

fn setup() -> (Flow, Team) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/history");
    let flow = check_path(&dir.join("rules.flow"), &DiskLoader)
        .unwrap()
        .flow
        .unwrap();
    let team = Team::load(&dir.join("team.yaml")).unwrap();
    (flow, team)
}

fn store(team: &Team) -> Store {
    let mut store = Store::in_memory().unwrap();
    let mut batch = ImportBatch {
        team: Some(team.clone()),
        customers: vec![CustomerRecord {
            id: "c1".into(),
            name: "宁波某整车配套厂".into(),
            owner: "zhang".into(),
            assignees: BTreeMap::new(),
            fields: BTreeMap::new(),
            created_at: start(),
            contact: Contact::default(),
        }],
        ..ImportBatch::default()
    };
    let mut lead = NewEvent::new("c1", start(), "stage_change", "import");
    lead.attrs.insert("stage".into(), "lead".into());
    batch.events.push(lead);
    store.import(&batch, false).unwrap();
    store
}

/// When an effect happened (or was due), for the "never back-dated" check;
/// `None` for signals, which carry their event's true time by design.
fn effect_time(e: &Effect) -> Option<DateTime<Utc>> {
    match e {
        Effect::Signal { .. } => None,
        Effect::Health { at, .. }
        | Effect::Segment { at, .. }
        | Effect::Tag { at, .. }
        | Effect::StageAction { at, .. }
        | Effect::FieldChange { at, .. } => Some(*at),
        Effect::Task { created_at, .. } | Effect::Outbox { created_at, .. } => Some(*created_at),
        Effect::EscalationStep { due_at, .. } => Some(*due_at),
    }
}

/// Every effect written by the applies, keyed, with the apply's `now` before it.
type Written = BTreeMap<String, (Effect, Option<DateTime<Utc>>)>;

/// Records and applies in typing order; returns what was written, whether any
/// record was late, and the store.
fn run(records: &[Record], applies: &[u32], flow: &Flow, team: &Team) -> (Written, bool, Store) {
    let engine = Engine::new(flow, team);
    let mut store = store(team);
    let mut timeline: Vec<(u32, u8, Option<&Record>)> = records
        .iter()
        .map(|r| (r.at + r.delay, 0, Some(r)))
        .chain(applies.iter().map(|a| (*a, 1, None)))
        .collect();
    timeline.sort_by_key(|(t, order, _)| (*t, *order));
    let mut written = Written::new();
    let mut last_apply: Option<DateTime<Utc>> = None;
    let mut late = false;
    for (t, _, what) in timeline {
        match what {
            Some(r) => {
                late |= last_apply.is_some_and(|l| l >= hours(r.at));
                store.record_event(&event(r)).unwrap();
            }
            None => {
                let now = hours(t);
                let pass = Pass::new(&store, &engine, now).unwrap();
                let previous = last_apply;
                pass.apply(&mut store, &mut |_| {}, &mut |p, keys| {
                    for e in p.effects().filter(|e| keys.contains(&e.key().to_string())) {
                        written.insert(e.key().to_string(), (e.clone(), previous));
                    }
                })
                .unwrap();
                last_apply = Some(now);
            }
        }
    }
    (written, late, store)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn late_records_add_effects_only_from_when_they_were_known(
        records in prop::collection::vec(record(), 1..10),
        mut applies in prop::collection::vec(0u32..24 * 30, 1..6),
    ) {
        let (flow, team) = setup();
        let end = 24 * 32;
        applies.push(end);
        applies.sort_unstable();
        applies.dedup();
        let (written, late, store) = run(&records, &applies, &flow, &team);

        // Nothing applied is derived again under another key: the evaluation at the
        // end still derives every key that was written.
        let engine = Engine::new(&flow, &team);
        let pass = Pass::new(&store, &engine, hours(end)).unwrap();
        let final_keys: BTreeSet<String> = pass
            .evaluate(&store, "c1")
            .unwrap()
            .unwrap()
            .eval
            .effects
            .iter()
            .map(|e| e.key().to_string())
            .collect();
        for key in written.keys() {
            prop_assert!(final_keys.contains(key), "applied {key} is no longer derived");
        }
        // Never back-dated before the previous apply.
        for (key, (effect, previous)) in &written {
            if let (Some(at), Some(previous)) = (effect_time(effect), previous) {
                prop_assert!(at >= *previous, "{key} at {at} before the apply at {previous}");
            }
        }

        // With no late record, the applies wrote exactly what one apply at the end
        // writes.
        if !late {
            let (once, _, _) = run(&records, &[end], &flow, &team);
            let keys = |w: &Written| w.keys().cloned().collect::<Vec<_>>();
            prop_assert_eq!(keys(&written), keys(&once));
            for (key, (effect, _)) in &once {
                prop_assert_eq!(Some(effect), written.get(key).map(|w| &w.0), "{}", key);
            }
        }
    }
}
