//! `check --team`: recipients that resolve to nobody in the team are warnings.

use assert_cmd::Command;

#[test]
fn the_example_team_resolves_every_recipient_of_the_example_flow() {
    Command::cargo_bin("salesflow")
        .unwrap()
        .args([
            "check",
            "--deny-warnings",
            "--team",
            "examples/team.yaml",
            "examples/zhilian.flow",
        ])
        .assert()
        .code(0);
}

#[test]
fn a_role_nobody_holds_and_a_missing_manager_are_warned_at_their_spans() {
    let out = Command::cargo_bin("salesflow")
        .unwrap()
        .args([
            "check",
            "--format",
            "json",
            "--team",
            "tests/fixtures/teams/no_finance.yaml",
        ])
        .arg("examples/zhilian.flow")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let warnings: Vec<(String, u64)> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "salesflow::unresolvable_recipient")
        .map(|d| {
            (
                d["message"].as_str().unwrap().to_string(),
                d["labels"][0]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        warnings,
        [
            (
                "recipient `finance` resolves to nobody in the team".to_string(),
                38
            ),
            (
                "recipient `manager of presales` resolves to nobody in the team".to_string(),
                64
            ),
        ]
    );
}

#[test]
fn an_invalid_team_file_is_a_usage_error() {
    Command::cargo_bin("salesflow")
        .unwrap()
        .args([
            "check",
            "--team",
            "tests/fixtures/teams/missing.yaml",
            "examples/minimal.flow",
        ])
        .assert()
        .code(2);
}
