//! PRODUCT.md's rule-test scenario, evaluated by the engine alone (no store): a
//! visit note mentioning 法务 makes the customer yellow with that note as evidence,
//! the customer enters POC the same moment (so the feasibility report is asked
//! for), the presales reminder fires at Friday 16:30, the escalation reaches the
//! presales person's manager at the next Tuesday 12:00 with the director in cc,
//! and the customer gets the care message. Every tick schedule gives the same.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use salesflow::check::{DiskLoader, check_path};
use salesflow::engine::{Contact, CustomerHistory, CustomerRecord, Effect, Engine, Event};
use salesflow::model::Flow;
use salesflow::team::Team;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn flow() -> Flow {
    check_path(std::path::Path::new("examples/zhilian.flow"), &DiskLoader)
        .unwrap()
        .flow
        .unwrap()
}

fn team() -> Team {
    Team::load(std::path::Path::new("examples/team.yaml")).unwrap()
}

fn event(id: i64, at: &str, kind: &str) -> Event {
    Event {
        id,
        at: t(at),
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

/// The customer in `demo` with the visit note, not yet in POC.
fn before_poc() -> CustomerHistory {
    let mut stage = event(1, "2026-03-02T09:00:00+08:00", "stage_change");
    stage.attrs.insert("stage".into(), "demo".into());
    let mut visit = event(2, "2026-03-02T09:00:00+08:00", "visit");
    visit.role = Some("decision_maker".into());
    visit.text = Some("客户提到需要法务审核".into());
    CustomerHistory {
        rules: salesflow::engine::RuleWindow::default(),
        live_from: None,
        customer: CustomerRecord {
            id: "c1".into(),
            name: "宁波某整车配套厂".into(),
            owner: "zhang".into(),
            assignees: BTreeMap::new(),
            fields: BTreeMap::new(),
            created_at: t("2026-03-02T09:00:00+08:00"),
            contact: Contact::default(),
        },
        events: vec![stage, visit],
        tasks: Vec::new(),
    }
}

/// PRODUCT.md's scenario: the visit note, and the move into POC at the same time.
fn history() -> CustomerHistory {
    let mut h = before_poc();
    let mut poc = event(3, "2026-03-02T09:00:00+08:00", "stage_change");
    poc.attrs.insert("stage".into(), "poc".into());
    poc.evidence = vec!["POC申请单.pdf".into()];
    h.events.push(poc);
    h
}

#[test]
fn a_legal_keyword_makes_the_customer_yellow_with_the_note_as_evidence() {
    let (flow, team) = (flow(), team());
    let engine = Engine::new(&flow, &team);
    let eval = engine.evaluate(&history(), t("2026-03-02T10:00:00+08:00"));
    assert!(eval.errors.is_empty(), "{:?}", eval.errors);
    let (state, evidence) = eval.health.clone().unwrap();
    assert_eq!(state, "yellow");
    assert_eq!(evidence.events, [2]);
    let signals: Vec<_> = eval
        .effects
        .iter()
        .filter_map(|e| match e {
            Effect::Signal {
                risk,
                keyword,
                event,
                strategy,
                ..
            } => Some((risk.clone(), keyword.clone(), *event, strategy.len())),
            _ => None,
        })
        .collect();
    assert_eq!(
        signals,
        [("legal_review".to_string(), "法务".to_string(), 2, 1)]
    );
    let started = eval
        .timers
        .iter()
        .find(|k| k.escalation == "feasibility")
        .unwrap();
    assert_eq!(started.started_at, t("2026-03-02T09:00:00+08:00"));
    assert_eq!(
        started.next.as_ref().unwrap().1,
        t("2026-03-06T16:30:00+08:00")
    );
}

/// The messages of the feasibility escalation's steps.
fn outbox(
    eval: &salesflow::engine::Evaluation,
) -> Vec<(DateTime<Utc>, String, Vec<String>, String)> {
    eval.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Outbox {
                created_at,
                recipient,
                cc,
                body,
                origin,
                ..
            } if origin.contains("/esc/feasibility/") => {
                Some((*created_at, recipient.clone(), cc.clone(), body.clone()))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn the_reminder_then_the_escalation_fire_on_working_time() {
    let (flow, team) = (flow(), team());
    let engine = Engine::new(&flow, &team);
    let before = engine.evaluate(&history(), t("2026-03-06T16:29:00+08:00"));
    assert!(outbox(&before).is_empty());
    let friday = engine.evaluate(&history(), t("2026-03-06T16:30:00+08:00"));
    let sent = outbox(&friday);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].1, "wang");
    assert!(
        sent[0].3.contains("2026-03-04"),
        "`due` is the due time of the task `until` names: {}",
        sent[0].3
    );

    let tuesday = engine.evaluate(&history(), t("2026-03-10T12:00:00+08:00"));
    assert!(tuesday.errors.is_empty(), "{:?}", tuesday.errors);
    let sent = outbox(&tuesday);
    assert_eq!(sent.len(), 3, "{sent:#?}");
    assert_eq!(
        (sent[1].0, sent[1].1.as_str(), sent[1].2.clone()),
        (
            t("2026-03-10T12:00:00+08:00"),
            "chen",
            vec!["li".to_string()]
        )
    );
    // `assignee` is the person of the task `until` names: presales 王工.
    assert!(
        sent[1].3.contains("王工") && sent[1].3.contains("宁波某整车配套厂"),
        "{}",
        sent[1].3
    );
    assert_eq!(sent[2].1, "customer");
    // No blocker recorded: the care message says 方案落地, never the risk keyword
    // of the internal visit note.
    assert!(
        sent[2].3.contains("关于您关心的方案落地事宜")
            && !sent[2].3.contains("法务")
            && sent[2].3.contains("2026-03-12"),
        "{}",
        sent[2].3
    );
    let steps: Vec<_> = tuesday
        .effects
        .iter()
        .filter_map(|e| match e {
            Effect::EscalationStep {
                step,
                due_at,
                epoch,
                escalation,
                ..
            } if escalation == "feasibility" => Some((step.clone(), *due_at, *epoch)),
            _ => None,
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("after 36h".to_string(), t("2026-03-06T16:30:00+08:00"), 1),
            ("after 48h".to_string(), t("2026-03-10T12:00:00+08:00"), 1),
        ]
    );
}

#[test]
fn ticking_every_hour_or_once_gives_the_same_effects() {
    let (flow, team) = (flow(), team());
    let engine = Engine::new(&flow, &team);
    // After the 14-day signal window closes, the decision maker has gone 14 days
    // without contact, so the customer stays yellow and the steps go on.
    let end = t("2026-03-25T09:00:00+08:00");
    let once = engine.evaluate(&history(), end);
    let mut seen = std::collections::BTreeMap::new();
    let mut at = t("2026-03-02T09:00:00+08:00");
    while at <= end {
        for e in engine.evaluate(&history(), at).effects {
            seen.entry(e.key().to_string()).or_insert(e);
        }
        at += TimeDelta::hours(1);
    }
    let once_keys: Vec<&str> = once.effects.iter().map(Effect::key).collect();
    let hourly_keys: Vec<&str> = seen.keys().map(String::as_str).collect();
    let mut sorted = once_keys.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, hourly_keys);
    for e in &once.effects {
        assert_eq!(Some(e), seen.get(e.key()), "{}", e.key());
    }
    let steps = once
        .effects
        .iter()
        .filter(|e| matches!(e, Effect::EscalationStep { escalation, .. } if escalation == "feasibility"))
        .count();
    assert_eq!(steps, 5, "after 36h, after 48h, and every 24h three times");
}

#[test]
fn entering_poc_asks_finance_for_the_margin_in_whole_yuan() {
    let (flow, team) = (flow(), team());
    let engine = Engine::new(&flow, &team);
    let mut h = before_poc();
    h.customer.fields.insert(
        "estimated_margin".into(),
        salesflow::engine::FieldValue::Number(120_000.0),
    );
    let mut poc = event(3, "2026-03-03T10:00:00+08:00", "stage_change");
    poc.attrs.insert("stage".into(), "poc".into());
    poc.evidence = vec!["POC申请单".into()];
    h.events.push(poc);
    let eval = engine.evaluate(&h, t("2026-03-03T10:00:00+08:00"));
    let finance = eval
        .effects
        .iter()
        .find_map(|e| match e {
            Effect::Outbox {
                recipient, body, ..
            } if recipient == "zhao" => Some(body.clone()),
            _ => None,
        })
        .expect("finance is notified");
    assert!(finance.contains("预估毛利:120000 元"), "{finance}");
    let task = eval.effects.iter().find_map(|e| match e {
        Effect::Task {
            title,
            assignee,
            due_at,
            ..
        } => Some((title.clone(), assignee.clone(), *due_at)),
        _ => None,
    });
    assert_eq!(
        task,
        Some((
            "技术可行性报告".into(),
            "wang".into(),
            t("2026-03-05T10:00:00+08:00")
        ))
    );
}
