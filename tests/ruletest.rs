//! `salesflow test` as a process: a passing fixture, a folder of a test that fails
//! on purpose (the human report and the JUnit XML pinned by snapshots), test files
//! refused with their key and line (exit 2), `--run`, coverage and its threshold,
//! and the JSON shape. The examples' own tests run in CI at 100% coverage.

use assert_cmd::Command;
use serde_json::Value;

const FIXTURES: &str = "tests/fixtures/ruletest";

fn salesflow() -> Command {
    let mut cmd = Command::cargo_bin("salesflow").expect("the binary is built");
    cmd.env("NO_COLOR", "1");
    cmd
}

/// Runs `test ARGS…`: exit code, stdout, stderr.
fn run(args: &[&str]) -> (i32, String, String) {
    run_as(salesflow(), args)
}

/// Runs `test ARGS…` with `cmd`'s environment: exit code, stdout, stderr.
fn run_as(mut cmd: Command, args: &[&str]) -> (i32, String, String) {
    let out = cmd.arg("test").args(args).output().expect("salesflow runs");
    (
        out.status.code().expect("an exit code"),
        String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    )
}

fn json(args: &[&str]) -> (i32, Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let (code, out, err) = run(&all);
    let value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}{err}"));
    (code, value)
}

#[test]
fn a_passing_test_file_exits_0_with_the_plain_summary_line() {
    let (code, out, err) = run(&[&format!("{FIXTURES}/passing/legal_review.yaml")]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        out,
        "✓ tests/fixtures/ruletest/passing/legal_review.yaml › 法务环节让客户变黄并逐级升级\n\
         1 passed, 0 failed\n"
    );
    assert_eq!(err, "");
}

#[test]
fn a_failing_test_shows_expected_against_actual_and_the_deciding_rule() {
    let (code, out, err) = run(&[&format!("{FIXTURES}/failing")]);
    assert_eq!(code, 1, "{err}");
    assert!(out.ends_with("\n0 passed, 1 failed\n"), "{out}");
    assert!(
        out.contains("wrong_expectations.yaml:13: 以为还是绿色"),
        "{out}"
    );
    assert!(
        out.contains("- green\n") && out.contains("+ yellow\n"),
        "{out}"
    );
    assert!(out.contains("→ yellow \"需关注\" holds"), "{out}");
    insta::assert_snapshot!("failing_human", out);
}

#[test]
fn a_failing_test_as_junit_has_a_testcase_per_expectation() {
    let (code, out, _) = run(&["--format", "junit", &format!("{FIXTURES}/failing")]);
    assert_eq!(code, 1);
    assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
    assert_eq!(out.matches("<testcase ").count(), 3, "{out}");
    assert_eq!(out.matches("<failure ").count(), 2, "{out}");
    insta::assert_snapshot!("failing_junit", out);
}

#[test]
fn an_unknown_key_is_refused_with_its_name_and_line() {
    let (code, out, err) = run(&[&format!("{FIXTURES}/bad/unknown_key.yaml")]);
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "tests/fixtures/ruletest/bad/unknown_key.yaml:9:5: expect[0]: unknown field `colour`"
        ),
        "{err}"
    );
    assert!(
        out.contains("1 test file could not run\n0 passed, 0 failed\n"),
        "{out}"
    );
}

#[test]
fn names_the_rules_or_the_test_lack_are_refused_with_their_line() {
    for (file, message) in [
        ("unknown_customer", ":8: unknown customer `c2`; known: `c1`"),
        (
            "unknown_state",
            ":9: unknown health state `yelow`: did you mean `yellow`?",
        ),
        (
            "update_missing_blocker",
            ":9: an update of c1 must carry `blocker` (the rules say `update requires`); nothing was recorded",
        ),
        (
            "rules_do_not_check",
            ":1: the rules `tests/fixtures/diagnostics/unknown_stage.flow` do not check",
        ),
    ] {
        let (code, _, err) = run(&[&format!("{FIXTURES}/bad/{file}.yaml")]);
        assert_eq!(code, 2, "{file}: {err}");
        assert!(
            err.contains(&format!("{file}.yaml{message}")),
            "{file}: {err}"
        );
    }
    let (_, _, err) = run(&[&format!("{FIXTURES}/bad/rules_do_not_check.yaml")]);
    assert!(
        err.contains("unknown stage `negotiaton`"),
        "the diagnostics: {err}"
    );
}

#[test]
fn an_unreadable_file_among_good_ones_still_exits_2() {
    let (code, out, _) = run(&[
        &format!("{FIXTURES}/passing"),
        &format!("{FIXTURES}/bad/unknown_key.yaml"),
    ]);
    assert_eq!(code, 2);
    assert!(out.contains("1 passed, 0 failed"), "{out}");
}

#[test]
fn closing_a_task_that_does_not_exist_yet_fails_the_test() {
    let (code, out, _) = run(&[&format!("{FIXTURES}/errors/task_done_missing.yaml")]);
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "task_done_missing.yaml:9: `task_done: 技术可行性报告` at 2026-03-03 09:00 +08:00 Tue: \
             `c1` has no open task of that title (open: none)"
        ),
        "{out}"
    );
}

#[test]
fn run_selects_tests_by_name_or_path() {
    let multi = format!("{FIXTURES}/multi");
    let (code, out, _) = run(&["--run", "招标", &multi]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "✓ tests/fixtures/ruletest/multi/two_tests.yaml › 招标变红\n1 passed, 0 failed, 1 skipped\n"
    );
    let (_, out, _) = run(&["--run", "two_tests", &multi]);
    assert!(out.ends_with("2 passed, 0 failed\n"), "{out}");
    // Nothing runs; the refused files under `bad/` still make it exit 2.
    let (code, out, err) = run(&["--run", "nothing-matches", FIXTURES]);
    assert_eq!(code, 2, "the bad files still count: {out}");
    assert!(
        err.contains("warning: no test name or file path contains `nothing-matches`"),
        "{err}"
    );
}

#[test]
fn coverage_lists_every_part_and_the_threshold_decides_the_exit() {
    let multi = format!("{FIXTURES}/multi");
    let (code, out, _) = run(&["--coverage", &multi]);
    assert_eq!(code, 0);
    assert!(
        out.contains("coverage of examples/zhilian.flow: 5 of 39 (12%)\n"),
        "{out}"
    );
    assert!(
        out.contains("  ✓ health red\n  ✗ health yellow\n  ✗ health green\n"),
        "{out}"
    );
    assert!(out.contains("  ✓ risk competitor_news\n"), "{out}");
    assert!(
        out.contains("  ✗ escalation feasibility every 24h after 48h #3\n"),
        "{out}"
    );
    assert!(out.contains("  ✗ on enter segment dormant\n"), "{out}");
    assert!(
        out.contains("  ✓ segment new\n") && out.contains("  ✓ tag 汽车\n"),
        "{out}"
    );
    // 5 of 39 is 12.8%: 13 is not met, 12 is.
    let (code, out, _) = run(&["--threshold", "13", &multi]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("threshold 13%: not met"), "{out}");
    let (code, _, _) = run(&["--threshold", "12", &multi]);
    assert_eq!(code, 0);
    let (code, _, err) = run(&["--threshold", "101", &multi]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn the_threshold_is_integer_arithmetic() {
    use salesflow::ruletest::meets;
    assert!(!meets(9_999, 10_000, 100), "99.99% is not 100%");
    assert!(meets(10_000, 10_000, 100));
    assert!(meets(1, 3, 33) && !meets(1, 3, 34));
}

#[test]
fn the_json_report_has_files_tests_expectations_and_mismatches() {
    let (code, v) = json(&["--coverage", &format!("{FIXTURES}/failing")]);
    assert_eq!(code, 1);
    assert_eq!(
        v["summary"],
        serde_json::json!({"passed": 0, "failed": 1, "skipped": 0, "unreadable": 0})
    );
    let file = &v["files"][0];
    assert_eq!(
        file["file"],
        "tests/fixtures/ruletest/failing/wrong_expectations.yaml"
    );
    assert_eq!(file["error"], Value::Null);
    let test = &file["tests"][0];
    assert_eq!(test["name"], "故意写错的期望");
    assert_eq!(test["passed"], false);
    let exps = test["expectations"].as_array().unwrap();
    assert_eq!(exps.len(), 3);
    let first = &exps[0];
    assert_eq!(first["line"], 13);
    assert_eq!(first["name"], "以为还是绿色");
    assert_eq!(first["at"], "2026-03-02T10:00:00+08:00");
    assert_eq!(first["when"], "1h");
    assert_eq!(first["customer"], "c1");
    let m = &first["mismatches"][0];
    assert_eq!(m["key"], "health");
    assert_eq!(m["expected"], "green");
    assert_eq!(m["actual"], "yellow");
    assert_eq!(m["diff"], serde_json::json!(["- green", "+ yellow"]));
    assert!(m["decided_by"].as_array().unwrap().len() > 3);
    let outbox = &exps[1]["mismatches"][0];
    assert_eq!(outbox["key"], "outbox");
    assert_eq!(outbox["expected"][0]["cc"], serde_json::json!(["zhao"]));
    assert_eq!(outbox["actual"][3]["cc"], serde_json::json!(["li"]));
    assert_eq!(outbox["actual"][3]["template"], "escalation");
    assert_eq!(exps[2]["passed"], true);
    assert_eq!(v["coverage"]["total"], 39);
    assert_eq!(v["coverage"]["flows"][0]["rules"], "examples/zhilian.flow");
    assert_eq!(
        v["coverage"]["flows"][0]["items"][0],
        serde_json::json!({"kind": "health", "name": "red", "covered": false})
    );

    let (code, v) = json(&[&format!("{FIXTURES}/bad/unknown_key.yaml")]);
    assert_eq!(code, 2);
    assert_eq!(v["files"][0]["error"]["line"], 9);
    assert_eq!(v["files"][0]["error"]["column"], 5);
    assert!(
        v["files"][0]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("`colour`")
    );
}

#[test]
fn the_examples_cover_the_whole_example_flow() {
    let (code, out, err) = run(&["examples/tests", "--coverage", "--threshold", "100"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("coverage: 39 of 39 (100%), threshold 100%: met\n"),
        "{out}"
    );
}

#[test]
fn the_readme_example_passes() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let section = &readme[readme.find("## Testing rules").expect("the section")..];
    let start = section.find("```yaml\n").expect("a yaml block") + "```yaml\n".len();
    let end = start + section[start..].find("```").expect("its end");
    let root = env!("CARGO_MANIFEST_DIR");
    let text = section[start..end]
        .replace("../zhilian.flow", &format!("{root}/examples/zhilian.flow"))
        .replace("../team.yaml", &format!("{root}/examples/team.yaml"));
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("ruletest");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("readme_example.yaml");
    std::fs::write(&file, text).unwrap();
    let (code, out, err) = run(&[file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.ends_with("1 passed, 0 failed\n"), "{out}");
}

#[test]
fn a_passing_folder_with_coverage_as_people_read_it() {
    let (code, out, err) = run(&[&format!("{FIXTURES}/multi"), "--coverage"]);
    assert_eq!(code, 0, "{out}{err}");
    insta::assert_snapshot!("passing_human", out);
}

/// Runs `test ARGS…` under a Chinese locale: exit code and stdout.
fn run_zh(args: &[&str]) -> (i32, String) {
    let mut cmd = salesflow();
    cmd.env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    let (code, out, _) = run_as(cmd, args);
    (code, out)
}

#[test]
fn the_human_report_in_chinese_failing_and_with_coverage() {
    let (code, out) = run_zh(&["--lang", "zh", &format!("{FIXTURES}/failing")]);
    assert_eq!(code, 1, "{out}");
    assert!(out.ends_with("\n通过 0 个，失败 1 个\n"), "{out}");
    assert!(
        out.contains("- green\n") && out.contains("+ yellow\n"),
        "{out}"
    );
    assert!(out.contains("→ yellow \"需关注\" 成立"), "{out}");
    insta::assert_snapshot!("failing_human_zh", out);

    // The locale alone is enough for people.
    let (code, out) = run_zh(&[&format!("{FIXTURES}/multi"), "--coverage"]);
    assert_eq!(code, 0, "{out}");
    insta::assert_snapshot!("passing_human_zh", out);
}

#[test]
fn junit_stays_english_under_a_chinese_locale_unless_a_language_is_chosen() {
    let failing = format!("{FIXTURES}/failing");
    let (_, out) = run_zh(&["--format", "junit", &failing]);
    assert!(out.contains("expected `green`, actual `yellow`"), "{out}");
    assert!(!out.contains("预期"), "{out}");
    let (_, out) = run_zh(&["--format", "junit", "--lang", "zh", &failing]);
    assert!(out.contains("预期 `green`，实际 `yellow`"), "{out}");
}
