//! The demo generator through the library: it reads any flow's pipeline, kinds,
//! fields and risks, writes only records the record rules accept, and ticks the
//! rules day by day through the evaluation path `apply` runs.

use std::path::Path;

use chrono::NaiveDate;
use salesflow::check::{DiskLoader, check_path};
use salesflow::demo::{self, Progress, Spec};
use salesflow::model::Flow;
use salesflow::store::Store;

fn flow(path: &str) -> Flow {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    check_path(&path, &DiskLoader)
        .unwrap()
        .flow
        .expect("the flow checks")
}

fn spec(customers: u32, days: u32) -> Spec {
    Spec {
        customers,
        days,
        seed: 3,
        start: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
    }
}

#[test]
fn the_smallest_flow_gets_a_history_too() {
    // No roles, no event kinds, no fields, no risks, no calendar, no lost stage.
    let flow = flow("examples/minimal.flow");
    let mut store = Store::in_memory().unwrap();
    let roster = demo::people::roster(3, 30);
    let mut days = 0;
    let summary = demo::generate(&mut store, &flow, roster, &spec(30, 20), &mut |p| {
        if p == Progress::Day {
            days += 1;
        }
    })
    .unwrap();
    assert_eq!(days, 20);
    assert_eq!(summary.applies, 20);
    assert_eq!(summary.customers, 30);
    assert!(summary.events > 30, "{summary:?}");
    assert!(summary.errors.is_empty(), "{:?}", summary.errors);
    let activity = store.activity(summary.last_apply.unwrap()).unwrap();
    // Some deals were won: the only way out of `lead`.
    assert!(
        activity.stages.iter().any(|(s, n)| s == "signed" && *n > 0),
        "{activity:?}"
    );
}

#[test]
fn the_example_flow_runs_every_day_and_its_rules_act() {
    let flow = flow("examples/zhilian.flow");
    let mut store = Store::in_memory().unwrap();
    let roster = demo::people::roster(3, 60);
    let summary = demo::generate(&mut store, &flow, roster, &spec(60, 30), &mut |_| {}).unwrap();
    assert_eq!(summary.applies, 30);
    assert!(summary.errors.is_empty(), "{:?}", summary.errors);
    for kind in ["health", "signal", "task", "notify", "stage_action"] {
        assert!(
            summary.applied.get(kind).copied().unwrap_or(0) > 0,
            "no `{kind}` applied: {:?}",
            summary.applied
        );
    }
    assert_eq!(
        summary.live_from.unwrap().to_rfc3339(),
        "2026-03-01T16:00:00+00:00"
    );
}
