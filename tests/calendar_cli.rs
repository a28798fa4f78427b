//! `salesflow calendar`: the arithmetic ops people check deadlines with, through
//! the binary, on the example flow and the real 2025/2026 holiday data.

use assert_cmd::Command;

fn calendar(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("salesflow")
        .unwrap()
        .args(["calendar", "workdays", "--rules", "examples/zhilian.flow"])
        .args(args)
        .assert()
}

fn stdout(args: &[&str]) -> String {
    let out = calendar(args).success().get_output().stdout.clone();
    String::from_utf8(out).unwrap().trim_end().to_string()
}

#[test]
fn add_48_working_hours_from_monday_reaches_the_next_tuesday_noon() {
    assert_eq!(
        stdout(&["add", "2026-03-02 09:00", "48h"]),
        "2026-03-10 12:00 +08:00 Tue"
    );
}

#[test]
fn add_crosses_the_spring_festival_and_works_the_make_up_saturday() {
    assert_eq!(
        stdout(&["add", "2026-02-13 17:00", "2h"]),
        "2026-02-14 10:00 +08:00 Sat"
    );
    assert_eq!(
        stdout(&["add", "2026-02-14 11:00", "8h"]),
        "2026-02-24 11:30 +08:00 Tue"
    );
}

#[test]
fn add_working_days_moves_to_the_next_opening_first() {
    assert_eq!(
        stdout(&["add", "2026-03-06 20:00", "1d"]),
        "2026-03-10 09:00 +08:00 Tue"
    );
}

#[test]
fn an_rfc3339_time_with_another_offset_is_converted() {
    assert_eq!(
        stdout(&["add", "2026-03-02T01:00:00Z", "7h30m"]),
        "2026-03-02 18:00 +08:00 Mon"
    );
}

#[test]
fn between_counts_only_working_time() {
    assert_eq!(
        stdout(&["between", "2026-03-06 16:30", "2026-03-10 12:00"]),
        "12h"
    );
}

#[test]
fn show_explains_each_day() {
    let out = stdout(&["show", "--from", "2026-02-13", "--to", "2026-02-16"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with("2026-02-13 Fri") && lines[0].contains("09:00-12:00 13:30-18:00"));
    assert!(
        lines[1].contains("make-up") && lines[1].contains("春节"),
        "{}",
        lines[1]
    );
    assert!(lines[2].contains("holiday 春节"), "{}", lines[2]);
}

#[test]
fn json_output_is_data() {
    let add: serde_json::Value = serde_json::from_str(&stdout(&[
        "--format",
        "json",
        "add",
        "2026-03-02 09:00",
        "48h",
    ]))
    .unwrap();
    assert_eq!(add["result"], "2026-03-10T12:00:00+08:00");
    let between: serde_json::Value = serde_json::from_str(&stdout(&[
        "--format",
        "json",
        "between",
        "2026-03-06 16:30",
        "2026-03-10 12:00",
    ]))
    .unwrap();
    assert_eq!(between["seconds"], 12 * 3600);
    let show: serde_json::Value = serde_json::from_str(&stdout(&[
        "show",
        "--from",
        "2026-02-14",
        "--to",
        "2026-02-15",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(show[0]["kind"]["type"], "make_up");
    assert_eq!(show[1]["kind"]["name"], "春节");
}

#[test]
fn weeks_and_bad_times_are_usage_errors() {
    calendar(&["add", "2026-03-02 09:00", "1w"]).code(2);
    calendar(&["add", "next monday", "1h"]).code(2);
}

#[test]
fn an_unknown_calendar_names_the_declared_ones() {
    let out = Command::cargo_bin("salesflow")
        .unwrap()
        .args([
            "calendar",
            "holidays",
            "--rules",
            "examples/zhilian.flow",
            "between",
            "2026-03-02",
            "2026-03-03",
        ])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8(out).unwrap().contains("`workdays`"));
}
