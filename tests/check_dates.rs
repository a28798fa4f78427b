//! Date literals through `salesflow test`: `set customer.签约日期 = 2026-03-02` on
//! entering a stage, segments comparing a `date` field with dates, health comparing
//! `created_at` with a date taken as 00:00 of that day in the flow's time zone.
//!
//! The fixture (`tests/fixtures/dates/`) tells the time zone apart from UTC: a
//! customer created at 2026-03-01 07:00 in Asia/Shanghai (still February 28 in
//! UTC) is not created before 2026-03-01.

use std::process::Command;

#[test]
fn dates_are_set_and_compared_by_the_engine() {
    let out = Command::new(env!("CARGO_BIN_EXE_salesflow"))
        .args(["test", "tests/fixtures/dates/dates.yaml"])
        .env("NO_COLOR", "1")
        .output()
        .expect("salesflow runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("1 passed, 0 failed"), "{text}");
}

#[test]
fn the_dates_fixture_checks_clean() {
    let out = Command::new(env!("CARGO_BIN_EXE_salesflow"))
        .args([
            "check",
            "--deny-warnings",
            "tests/fixtures/dates/dates.flow",
        ])
        .env("NO_COLOR", "1")
        .output()
        .expect("salesflow runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
}
