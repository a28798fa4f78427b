//! `salesflow report` as a user runs it, on the store of tests/fixtures/report
//! (five customers of a small team, March 2026), every figure computed by hand:
//!
//! - c1 lead 02-01 → requirement 03-02 (evidence) → poc 03-06 (skips demo) →
//!   negotiation 03-22; updates 03-10 blocker `ＰＯＣ测试环境未就绪` (full-width),
//!   03-18 `等待法务意见`.
//! - c2 (owner chen) lead → requirement 03-03 (no evidence) → demo 03-05 → poc
//!   03-09 → lost 03-25; updates 03-12 `POC测试环境未就绪`, 03-20 with a blank
//!   blocker.
//! - c3 lead → requirement 03-04 → demo 03-16 (no evidence); an update of 03-08
//!   with blocker `预算审批中` is logged late, after the 03-20 apply.
//! - c4 lead → negotiation 03-10 (skips three milestones); update 03-12
//!   `预算审批中 ` (trailing blank).
//! - c5 inactive in March (everything in February).

mod report_common;

use report_common::{AT, Stage, project, report, report_json, sf};
use serde_json::{Value, json};

fn close(v: &Value, want: f64) -> bool {
    v.as_f64().is_some_and(|x| (x - want).abs() < 1e-6)
}

fn stage<'a>(stages: &'a Value, name: &str) -> &'a Value {
    stages
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["stage"] == name)
        .unwrap_or_else(|| panic!("no stage {name} in {stages}"))
}

#[test]
fn funnel_counts_reach_conversion_pass_rates_won_and_lost() {
    let dir = project("funnel", Stage::Complete);
    let r = report_json(&dir, "funnel", &[]);
    let s = &r["stages"];
    // Furthest non-lost stage entered in March: c1 negotiation, c2 poc, c3 demo,
    // c4 negotiation; c5 nothing. Skipped stages count as reached.
    let reached: Vec<u64> = s
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["reached"].as_u64().unwrap())
        .collect();
    assert_eq!(reached, [4, 4, 4, 3, 2, 0, 1], "{r}");
    assert_eq!(stage(s, "lead")["conversion"], Value::Null);
    assert!(close(&stage(s, "poc")["conversion"], 0.75));
    assert!(close(&stage(s, "negotiation")["conversion"], 2.0 / 3.0));
    assert_eq!(stage(s, "lost")["conversion"], Value::Null);
    // Pass rates: requirement ended 3 times, each forward; poc twice, c2 to lost.
    assert_eq!(
        stage(s, "requirement")["pass_rate"],
        json!({"value": 1.0, "numerator": 3, "denominator": 3})
    );
    assert_eq!(
        stage(s, "poc")["pass_rate"],
        json!({"value": 0.5, "numerator": 1, "denominator": 2})
    );
    assert_eq!(stage(s, "negotiation")["pass_rate"]["value"], Value::Null);
    assert!(
        stage(s, "lead").get("pass_rate").is_none(),
        "not a milestone"
    );
    assert_eq!((r["won"].as_u64(), r["lost"].as_u64()), (Some(0), Some(1)));
    assert_eq!(r["period"]["from"], "2026-03-01T00:00:00+08:00");
    assert_eq!(r["period"]["to"], "2026-04-01T00:00:00+08:00");
}

#[test]
fn dwell_splits_delay_between_blockers_and_leaves_the_rest_to_none_recorded() {
    let dir = project("dwell", Stage::Complete);
    let r = report_json(&dir, "dwell", &[]);
    let s = &r["stages"];
    assert_eq!(r["calendar"], "workdays");
    // lead: 29, 30, 31, 37 days. Median (30+31)/2; p90 at h = 3·0.9 = 2.7.
    let lead = stage(s, "lead");
    assert_eq!(lead["visits"], 4);
    assert!(close(&lead["mean_days"], 31.75));
    assert!(close(&lead["median_days"], 30.5));
    assert!(close(&lead["p90_days"], 35.2));
    // Working days (8h days, no holidays): 20, 21, 22 and 26.
    assert!(close(&lead["mean_working_days"], 22.25));
    // lead has no `expect`: no overdue share, no reasons.
    assert_eq!(lead["overdue_share"], Value::Null);
    assert_eq!(lead["top_reasons"], json!([]));
    // demo has no `expect` either.
    assert_eq!(stage(s, "demo")["overdue_share"], Value::Null);
    // poc: c1 03-06 → 03-22 and c2 03-09 → 03-25, 16 days each, expect 10d, so 6
    // days of delay each. c1: 03-16..03-18 under the full-width test-env
    // blocker, 03-18..03-22 法务. c2: 03-19..03-20 test-env, then a blank blocker
    // until 03-25. Total 12 days: none 5, 法务 4, test-env 2 + 1 (folded as one).
    let poc = stage(s, "poc");
    assert_eq!(poc["visits"], 2);
    assert!(close(&poc["mean_days"], 16.0));
    assert!(close(&poc["overdue_share"], 1.0));
    assert!(close(&poc["delay_days"], 12.0));
    // 11 and 12 working days; p90 = 11 + 0.9.
    assert!(close(&poc["median_working_days"], 11.5));
    assert!(close(&poc["p90_working_days"], 11.9));
    let reasons = poc["top_reasons"].as_array().unwrap();
    let got: Vec<(&str, f64)> = reasons
        .iter()
        .map(|x| (x["reason"].as_str().unwrap(), x["share"].as_f64().unwrap()))
        .collect();
    assert_eq!(got.len(), 3);
    assert_eq!(got[0].0, "(none recorded)");
    assert!((got[0].1 - 5.0 / 12.0).abs() < 1e-9);
    assert_eq!(got[1].0, "等待法务意见");
    assert!((got[1].1 - 4.0 / 12.0).abs() < 1e-9);
    assert_eq!(got[2].0, "POC测试环境未就绪");
    assert!((got[2].1 - 3.0 / 12.0).abs() < 1e-9);
    assert_eq!(reasons[0]["none_recorded"], true);
    // requirement: 4, 2, 12 days; one overdue (c3, 5 days of delay).
    let req = stage(s, "requirement");
    assert!(close(&req["median_days"], 4.0));
    assert!(close(&req["p90_days"], 10.4));
    assert!(close(&req["overdue_share"], 1.0 / 3.0));
    // Heatmap: one row per stage that is not terminal, one cell per ISO week.
    let hm = &r["heatmap"];
    assert_eq!(hm["by"], "week");
    let weeks: Vec<&str> = hm["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        weeks,
        [
            "2026-W09", "2026-W10", "2026-W11", "2026-W12", "2026-W13", "2026-W14"
        ]
    );
    let poc_row = &hm["rows"][3];
    assert_eq!(poc_row["stage"], "poc");
    assert_eq!(poc_row["cells"][3], json!({"mean_days": 16.0, "visits": 1}));
    assert_eq!(poc_row["cells"][0], Value::Null);
}

#[test]
fn a_late_record_counts_at_its_true_time() {
    // Before the late update is logged, c3's 5 days of requirement delay have no
    // blocker; once logged (after an apply past its time) its true `at` counts.
    let dir = project("late", Stage::WithoutLate);
    let before = report_json(&dir, "dwell", &[]);
    let reasons = &stage(&before["stages"], "requirement")["top_reasons"];
    assert_eq!(
        reasons,
        &json!([{"reason": "(none recorded)", "share": 1.0, "delay_days": 5.0, "none_recorded": true}])
    );
    sf(
        &dir,
        &[
            "import",
            "events",
            &report_common::repo("tests/fixtures/report/late.csv").to_string_lossy(),
        ],
    );
    let after = report_json(&dir, "dwell", &[]);
    let reasons = &stage(&after["stages"], "requirement")["top_reasons"];
    assert_eq!(
        reasons,
        &json!([{"reason": "预算审批中", "share": 1.0, "delay_days": 5.0}])
    );
}

#[test]
fn journey_metrics_against_goals_with_numerators_and_denominators() {
    let dir = project("journey", Stage::Complete);
    let r = report_json(&dir, "journey", &[]);
    assert_eq!(r["active_customers"], 4, "c5 has no event in March");
    // Milestones up to each active customer's furthest stage: c1 4 (demo
    // skipped), c2 3 (requirement without evidence), c3 2 (demo without
    // evidence), c4 4 (three skipped): 7 of 13 carry evidence.
    assert_eq!(
        r["metrics"]["node_coverage"],
        json!({"value": 7.0 / 13.0, "goal": 0.8, "met": false, "numerator": 7, "denominator": 13})
    );
    let demo = r["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["stage"] == "demo")
        .unwrap();
    assert_eq!(
        (demo["numerator"].as_u64(), demo["denominator"].as_u64()),
        (Some(1), Some(4))
    );
    // Tasks due in March: on time (c1, c3), done late (c2), open past due (c4,
    // c2's second); April's and February's are out.
    assert_eq!(
        r["metrics"]["response_sla"],
        json!({"value": 0.4, "goal": 0.9, "met": false, "numerator": 2, "denominator": 5})
    );
    // Signals raised in March and judged: test_env confirmed and false, budget
    // false twice; c1's 法务 signal is not judged; c5's is in February.
    assert_eq!(
        r["metrics"]["risk_accuracy"],
        json!({"value": 0.25, "goal": 0.75, "met": false, "numerator": 1, "denominator": 4})
    );
    let findings = r["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 3);
    assert_eq!(findings[0]["metric"], "node_coverage");
    assert_eq!(findings[0]["part"], "demo");
    assert_eq!(findings[0]["count"], 3);
    assert_eq!(findings[0]["cause"], "预算审批中");
    assert_eq!(findings[0]["cause_count"], 2);
    assert_eq!(findings[1]["part"], "wang");
    assert_eq!(findings[1]["cause"], "技术可行性报告");
    assert_eq!(findings[2]["part"], "budget");
    assert_eq!(findings[2]["cause"], "预算");
}

#[test]
fn journey_findings_read_like_the_seed_in_chinese() {
    let dir = project("journey_zh", Stage::Complete);
    let out = report(&dir, "journey", &["--lang", "zh"]);
    for line in [
        "方案演示 节点覆盖率 25%（目标 80%）：3 家客户缺失，主因「预算审批中」（2 家）。建议：请客户财务提前确认预算口径。",
        "响应及时率 40%（目标 90%）：王工（presales）未按时完成最多，3 项中 2 项超时，多为「技术可行性报告」。",
        "风险识别准确率 25%（目标 75%）：风险「预算风险」（budget）误报最多，2 次判定中 2 次误报，多由关键词「预算」触发。",
    ] {
        assert!(out.contains(line), "missing {line} in\n{out}");
    }
    assert!(
        out.contains("节点覆盖率") && out.contains("活跃客户： 4"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'), "piped output is plain");
    let en = report(&dir, "journey", &[]);
    assert!(en.contains(
        "方案演示 node coverage 25% (goal 80%): 3 customers missing it; main blocker 预算审批中 (2 of them)"
    ), "{en}");
}

#[test]
fn an_empty_period_has_no_figures_and_no_findings() {
    let dir = project("empty", Stage::Complete);
    for kind in ["funnel", "dwell", "journey"] {
        let args = [
            "report",
            kind,
            "--from",
            "2025-01-01",
            "--to",
            "2025-01-31",
            "--at",
            AT,
        ];
        let out = sf(&dir, &[&args[..], &["--format", "json"]].concat());
        let r: Value = serde_json::from_str(&out).unwrap();
        match kind {
            "funnel" => assert!(
                r["stages"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|s| s["reached"] == 0)
            ),
            "dwell" => {
                assert!(
                    r["stages"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .all(|s| s["visits"] == 0 && s["mean_days"].is_null())
                );
                assert!(
                    r["heatmap"]["rows"][0]["cells"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .all(Value::is_null)
                );
            }
            _ => {
                assert_eq!(r["metrics"]["node_coverage"]["value"], Value::Null);
                assert_eq!(r["metrics"]["node_coverage"]["met"], Value::Null);
                assert_eq!(r["findings"], json!([]));
            }
        }
        // And the tables say so rather than fail.
        sf(&dir, &args);
    }
}

#[test]
fn compare_to_sets_each_figure_beside_the_other_period_with_the_change() {
    let dir = project("compare", Stage::Complete);
    let r = report_json(&dir, "funnel", &["--compare-to", "2026-02-01..2026-02-28"]);
    assert_eq!(r["compare_period"]["from"], "2026-02-01T00:00:00+08:00");
    // February: only c5 entered a stage (requirement, from lead).
    let req = stage(&r["stages"], "requirement");
    assert_eq!(req["reached"], 4);
    assert_eq!(req["compare"]["reached"], 1);
    assert_eq!(req["change"]["reached"], 3.0);
    let j = report_json(&dir, "journey", &["--compare-to", "previous"]);
    // The 30 days before: only c5's task, due 02-20, done late.
    assert_eq!(j["metrics"]["response_sla"]["compare"]["denominator"], 1);
    assert_eq!(j["metrics"]["response_sla"]["change"]["denominator"], 4.0);
    let human = report(&dir, "dwell", &["--compare-to", "previous"]);
    assert!(
        human.contains("(compared with 2026-01-29 – 2026-02-28)"),
        "{human}"
    );
    assert!(
        human.contains("visits (other)") && human.contains("change mean"),
        "{human}"
    );
}

#[test]
fn by_owner_splits_the_funnel_and_the_heatmap_columns() {
    let dir = project("by_owner", Stage::Complete);
    let r = report_json(&dir, "funnel", &["--by", "owner"]);
    let groups = r["groups"].as_array().unwrap();
    let labels: Vec<&str> = groups
        .iter()
        .map(|g| g["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["张伟", "陈经理"]);
    assert_eq!(stage(&groups[0]["stages"], "requirement")["reached"], 3);
    assert_eq!(groups[1]["lost"], 1);
    let d = report_json(&dir, "dwell", &["--by", "owner"]);
    let cols: Vec<&str> = d["heatmap"]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["label"].as_str().unwrap())
        .collect();
    assert_eq!(cols, ["张伟", "陈经理"]);
    let w = report_json(&dir, "journey", &["--by", "week"]);
    let weeks: Vec<&str> = w["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(weeks.first(), Some(&"2026-W09"));
    assert_eq!(weeks.len(), 6);
    let t = report_json(&dir, "funnel", &["--by", "tag"]);
    assert_eq!(t["groups"][0]["label"], "(untagged)");
}

#[test]
fn csv_is_blocks_of_plain_numbers_with_a_bom_in_a_file() {
    let dir = project("csv", Stage::Complete);
    let out = report(&dir, "dwell", &["--format", "csv"]);
    assert!(
        out.starts_with("Stage dwell\nstage,visits,mean,median,p90,"),
        "{out}"
    );
    assert!(
        out.contains("\nPOC验证,2,16.00,16.00,16.00,11.50,11.50,11.90,10.00,1.0000,"),
        "{out}"
    );
    assert!(out.contains("\n\nMean dwell × week\n"), "{out}");
    report(
        &dir,
        "dwell",
        &["--format", "csv", "--out", "dwell.csv", "--lang", "zh"],
    );
    let file = std::fs::read_to_string(dir.join("dwell.csv")).unwrap();
    assert!(file.starts_with("\u{feff}阶段停留时长\n"), "{file}");
}

#[test]
fn bad_flags_exit_2_and_say_what_to_write() {
    let dir = project("bad_flags", Stage::FirstApply);
    let run = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("salesflow")
            .unwrap()
            .current_dir(&dir)
            .args(args)
            .assert()
            .code(2);
        let o = out.get_output();
        (
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let (_, err) = run(&["report", "funnel", "--from", "3月1日"]);
    insta::assert_snapshot!("report_bad_time", err);
    let (_, err) = run(&[
        "report",
        "funnel",
        "--from",
        "2026-03-31",
        "--to",
        "2026-03-01",
    ]);
    insta::assert_snapshot!("report_empty_period", err);
    let (_, err) = run(&["report", "dwell", "--compare-to", "last-month", "--at", AT]);
    insta::assert_snapshot!("report_bad_compare", err);
    let (_, err) = run(&["report", "dwell", "--calendar", "holidays", "--at", AT]);
    insta::assert_snapshot!("report_unknown_calendar", err);
    let (out, _) = run(&[
        "report",
        "dwell",
        "--calendar",
        "holidays",
        "--at",
        AT,
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["error"]["code"], "salesflow::report::unknown_calendar");
    // The same errors in Chinese, from the message catalogue.
    let (_, err) = run(&["report", "funnel", "--from", "3月1日", "--lang", "zh"]);
    insta::assert_snapshot!("report_bad_time_zh", err);
    let (_, err) = run(&[
        "report",
        "dwell",
        "--calendar",
        "holidays",
        "--at",
        AT,
        "--lang",
        "zh",
    ]);
    insta::assert_snapshot!("report_unknown_calendar_zh", err);
}

#[test]
fn the_heatmap_is_shaded_on_a_colour_terminal_and_plain_otherwise() {
    let dir = project("shade", Stage::Complete);
    let flow = salesflow::check::check_path(
        &report_common::repo("tests/fixtures/report/report.flow"),
        &salesflow::check::DiskLoader,
    )
    .unwrap()
    .flow
    .unwrap();
    let store = salesflow::store::Store::open_read_only(&dir.join("crm.db")).unwrap();
    let tz = flow.timezone;
    let at = salesflow::timefmt::parse_instant(AT, tz).unwrap();
    let opts = salesflow::report::Options {
        kind: salesflow::report::Kind::Dwell,
        period: salesflow::report::Period::resolve(Some("2026-03-01"), Some("2026-03-31"), at, tz)
            .unwrap(),
        compare: None,
        by: None,
        now: at,
        lang: salesflow::report::Lang::Zh,
        calendar: None,
    };
    let names = std::collections::HashMap::new();
    let r = salesflow::report::build(&store, &flow, &names, &opts).unwrap();
    let colour = salesflow::report::human::render(&r, true);
    // The longest mean (lead, 37 days in W11) is the darkest: rgb(165, 15, 21).
    assert!(colour.contains("\u{1b}[48;2;165;15;21m"), "{colour}");
    let plain = salesflow::report::human::render(&r, false);
    assert!(!plain.contains('\u{1b}'));
}
