//! What the store gives back: a customer's history as the engine reads it, the
//! team, tasks closed and signals judged through events the engine sees.

mod store_common;

use salesflow::engine::{Effect, FieldValue};
use salesflow::store::{ImportBatch, NewEvent, NewTask, SignalId, Store, Verdict};
use store_common::{customer, evaluation, every_effect, note, scratch, store_with_c1, t, team};

#[test]
fn history_is_ordered_by_time_then_id_and_stage_changes_carry_their_stage() {
    let dir = scratch("history_order");
    let (mut store, _) = store_with_c1(&dir);
    let mut stage = NewEvent::new("c1", t("2026-03-01T09:00:00+08:00"), "stage_change", "cli");
    stage.attrs.insert("stage".into(), "demo".into());
    stage.evidence = vec!["演示纪要.docx".into()];
    let later = note("c1", "2026-03-05T09:00:00+08:00", "第二次拜访");
    let same_time = note("c1", "2026-03-05T09:00:00+08:00", "同一时间的另一条");
    for e in [&later, &same_time, &stage] {
        store.record_event(e).unwrap().unwrap();
    }
    let h = store.history("c1").unwrap().unwrap();
    let texts: Vec<_> = h
        .events
        .iter()
        .map(|e| e.text.as_deref().unwrap_or(&e.kind))
        .collect();
    assert_eq!(
        texts,
        [
            "stage_change",
            "客户提到需要法务审核",
            "第二次拜访",
            "同一时间的另一条"
        ]
    );
    assert!(h.events[2].id < h.events[3].id);
    assert_eq!(h.events[0].attrs["stage"], "demo");
    assert_eq!(h.events[0].evidence, vec!["演示纪要.docx"]);
    assert_eq!(h.customer.assignees["presales"], "wang");
    assert_eq!(
        h.customer.fields["contract_disputes"],
        FieldValue::Number(1.0)
    );
}

#[test]
fn chinese_text_round_trips_unchanged() {
    let dir = scratch("history_chinese");
    let (mut store, _) = store_with_c1(&dir);
    let text = "客户内部测试环境未就绪;需要法务审核(“合规审查”)——𠮷野家 ＰＯＣ";
    let mut e = note("c1", "2026-03-03T09:00:00+08:00", text);
    e.blocker = Some("测试环境".into());
    e.attrs.insert("渠道".into(), "微信".into());
    store.record_event(&e).unwrap();
    drop(store);
    let store = Store::open_read_only(&dir.join("crm.db")).unwrap();
    let h = store.history("c1").unwrap().unwrap();
    assert_eq!(h.customer.name, "宁波某整车配套厂");
    assert_eq!(h.customer.contact.name.as_deref(), Some("刘总"));
    let got = h.events.iter().find(|e| e.blocker.is_some()).unwrap();
    assert_eq!(got.text.as_deref(), Some(text));
    assert_eq!(got.attrs["渠道"], "微信");
    assert_eq!(store.person("wang").unwrap().unwrap().name, "王工");
}

#[test]
fn the_same_event_recorded_twice_is_stored_once() {
    let dir = scratch("history_dedupe");
    let (mut store, _) = store_with_c1(&dir);
    let e = note("c1", "2026-03-03T09:00:00+08:00", "电话回访");
    assert!(store.record_event(&e).unwrap().is_some());
    assert!(store.record_event(&e).unwrap().is_none());
    assert_eq!(store.history("c1").unwrap().unwrap().events.len(), 2);
}

#[test]
fn the_team_round_trips() {
    let dir = scratch("history_team");
    let (store, _) = store_with_c1(&dir);
    assert_eq!(store.team().unwrap(), team());
    assert_eq!(store.people().unwrap().len(), team().people.len());
    assert!(store.person("nobody").unwrap().is_none());
}

#[test]
fn history_holds_imported_tasks_only_and_closing_a_task_records_task_done() {
    let dir = scratch("history_tasks");
    let (mut store, event) = store_with_c1(&dir);
    let imported = NewTask {
        customer: "c1".into(),
        title: "报价单".into(),
        role: Some("finance".into()),
        assignee: "zhao".into(),
        created_at: t("2026-03-02T09:00:00+08:00"),
        due_at: Some(t("2026-03-04T09:00:00+08:00")),
        done_at: None,
    };
    store
        .import(
            &ImportBatch {
                tasks: vec![imported.clone()],
                ..ImportBatch::default()
            },
            false,
        )
        .unwrap();
    let effects = every_effect(event);
    let tasks: Vec<&Effect> = effects
        .iter()
        .filter(|e| matches!(e, Effect::Task { .. }))
        .collect();
    let eval = evaluation(Vec::new(), event, "2026-03-09T10:00:00+08:00");
    store
        .apply_customer(
            &salesflow::store::RuleSet::from_the_beginning(),
            &eval,
            &tasks,
            t("2026-03-06T12:00:00+08:00"),
        )
        .unwrap();
    let h = store.history("c1").unwrap().unwrap();
    assert_eq!(h.tasks.len(), 1);
    assert_eq!(h.tasks[0].key, imported.key());
    assert!(h.events.iter().all(|e| e.kind != "task_done"));

    let rule_task = store
        .tasks(Some("c1"), true)
        .unwrap()
        .into_iter()
        .find(|t| t.source == "rules")
        .unwrap();
    let done_at = t("2026-03-03T15:00:00+08:00");
    let (done, closed) = store
        .complete_task(rule_task.id, done_at, Some("wang"))
        .unwrap();
    assert_eq!(done.done_at, Some(done_at));
    assert!(closed);
    // Closing again changes nothing.
    let (again, closed) = store
        .complete_task(rule_task.id, t("2026-03-09T00:00:00Z"), None)
        .unwrap();
    assert_eq!((again.done_at, closed), (Some(done_at), false));
    assert_eq!(store.tasks(Some("c1"), true).unwrap().len(), 1);
    let h = store.history("c1").unwrap().unwrap();
    let task_done: Vec<_> = h.events.iter().filter(|e| e.kind == "task_done").collect();
    assert_eq!(task_done.len(), 1);
    assert_eq!(task_done[0].attrs["task"], rule_task.key);
    assert_eq!(task_done[0].at, done_at);
    assert_eq!(
        store
            .customers_to_visit(t("2026-03-06T12:00:00+08:00"), None)
            .unwrap(),
        vec!["c1"]
    );
}

#[test]
fn verdicts_judge_signals_by_id_or_by_risk_after_them() {
    let dir = scratch("history_verdicts");
    let (mut store, event) = store_with_c1(&dir);
    let effects = every_effect(event);
    let signals: Vec<&Effect> = effects
        .iter()
        .filter(|e| matches!(e, Effect::Signal { .. }))
        .collect();
    let eval = evaluation(Vec::new(), event, "2026-03-09T10:00:00+08:00");
    store
        .apply_customer(
            &salesflow::store::RuleSet::from_the_beginning(),
            &eval,
            &signals,
            t("2026-03-06T12:00:00+08:00"),
        )
        .unwrap();
    let signal = store.signals(Some("c1"), true).unwrap().remove(0);
    assert_eq!(signal.verdict, None);

    // A bulk-imported loss review of that risk, after the signal, judges it.
    let mut review = NewEvent::new("c1", t("2026-03-20T09:00:00+08:00"), "verdict", "import");
    review.attrs.insert("risk".into(), "legal_review".into());
    review.attrs.insert("verdict".into(), "false".into());
    store
        .import(
            &ImportBatch {
                events: vec![review],
                ..ImportBatch::default()
            },
            false,
        )
        .unwrap();
    assert_eq!(
        store.signal(signal.id).unwrap().unwrap().verdict,
        Some(Verdict::False)
    );
    // A verdict on the signal itself overrides it.
    let judged = store
        .judge_signal(
            signal.id,
            Verdict::Confirmed,
            t("2026-03-21T09:00:00+08:00"),
            Some("li"),
        )
        .unwrap();
    assert_eq!(judged.verdict, Some(Verdict::Confirmed));
    assert!(store.signals(None, true).unwrap().is_empty());
    let h = store.history("c1").unwrap().unwrap();
    let last = h.events.last().unwrap();
    assert_eq!(last.kind, "verdict");
    assert_eq!(last.attrs["signal"], signal.key);
    assert_eq!(last.attrs["risk"], "legal_review");
    assert!(
        store
            .judge_signal(
                SignalId(4242),
                Verdict::False,
                t("2026-03-21T09:00:00Z"),
                None
            )
            .is_err()
    );
}

#[test]
fn reimporting_a_batch_writes_nothing_new() {
    let dir = scratch("history_reimport");
    let (mut store, _) = store_with_c1(&dir);
    let batch = ImportBatch {
        team: Some(team()),
        customers: vec![
            customer("c1", "宁波某整车配套厂"),
            customer("c2", "常州某机加工厂"),
        ],
        events: vec![
            note("c1", "2026-03-02T10:00:00+08:00", "客户提到需要法务审核"),
            // Two identical records of one batch are two events.
            note("c2", "2026-03-02T10:00:00+08:00", "电话"),
            note("c2", "2026-03-02T10:00:00+08:00", "电话"),
        ],
        ..ImportBatch::default()
    };
    let first = store.import(&batch, false).unwrap();
    assert_eq!((first.customers_new, first.customers_changed), (1, 0));
    assert_eq!((first.events_new, first.events_known), (2, 1));
    let again = store.import(&batch, false).unwrap();
    assert_eq!((again.customers_new, again.customers_changed), (0, 0));
    assert_eq!((again.events_new, again.events_known), (0, 3));
    assert_eq!(store.history("c2").unwrap().unwrap().events.len(), 2);
    // A dry run reports and writes nothing.
    let mut more = batch.clone();
    more.customers.push(customer("c3", "新客户"));
    let dry = store.import(&more, true).unwrap();
    assert_eq!(dry.customers_new, 1);
    assert!(store.history("c3").unwrap().is_none());
}
