//! One team (PRODUCT.md, "Records and time" → "One team"): the team file is the
//! only source of people; `import team ROSTER` merges a roster into it (comments
//! and `defaults:` kept, extra columns kept as attributes, managers named only as
//! managers created); editing it changes the next `plan`; each `apply` leaves
//! the team it used in the store.

mod cli_common;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use cli_common::{repo, stdout};
use salesflow::store::Store;
use serde_json::Value;

fn scratch(name: &str) -> PathBuf {
    cli_common::scratch("cli-team", name)
}

fn sf(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    cli_common::salesflow(dir).args(args).assert()
}

/// A project on the shop flow whose team file is `team.yaml` in it.
fn project(name: &str, team: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::write(
        dir.join("salesflow.yaml"),
        format!(
            "db: crm.db\nrules: {}\nteam: team.yaml\n",
            repo("tests/fixtures/cli/shop.flow")
        ),
    )
    .unwrap();
    std::fs::write(dir.join("team.yaml"), team).unwrap();
    dir
}

/// An HR export: Chinese extra columns, a blank cell, managers (`li`, `zhou`)
/// that appear only as values of the `manager` column.
const ROSTER: &str = "\
id,name,title,role,manager,mobile,区域,工号
wang,王工,高级架构师,presales,li,13800000001,华东,1024
zhang,张伟,,sales,zhou,,华南,1031
";

#[test]
fn a_roster_whose_managers_are_only_values_gives_a_team_that_check_accepts() {
    let dir = project("roster", "");
    std::fs::remove_file(dir.join("team.yaml")).unwrap();
    std::fs::write(dir.join("roster.csv"), ROSTER).unwrap();
    let a = sf(&dir, &["import", "team", "roster.csv"]).success();
    let out = stdout(&a);
    assert!(out.contains("2 added"), "{out}");
    assert!(out.contains("`li`, `zhou`"), "{out}");
    assert!(out.contains("区域, 工号"), "{out}");
    sf(&dir, &["check", "--deny-warnings", "--team", "team.yaml"]).code(0);
    let team = salesflow::team::Team::load(&dir.join("team.yaml")).unwrap();
    let wang = team.person("wang").unwrap();
    assert_eq!(wang.mobile.as_deref(), Some("13800000001"));
    assert_eq!(wang.attrs["区域"], "华东");
    assert_eq!(team.person("zhou").unwrap().name, "zhou");
    // The same roster again: nothing changes, the file is not rewritten.
    let before = std::fs::read_to_string(dir.join("team.yaml")).unwrap();
    let a = sf(&dir, &["import", "team", "roster.csv"]).success();
    assert!(
        stdout(&a).contains("0 added, 0 updated, 2 unchanged"),
        "{}",
        stdout(&a)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("team.yaml")).unwrap(),
        before
    );
}

#[test]
fn merging_keeps_the_files_comments_defaults_and_people() {
    let file = "\
# 小店的团队
people:
  - { id: wang, name: 王工, role: presales, manager: li }   # 售前
  - { id: li,   name: 李敏, role: sales }
  - { id: qian, name: 钱多, role: sales, manager: li }      # 不在花名册里
defaults: { presales: wang }   # 默认售前
";
    let dir = project("merge", file);
    std::fs::write(dir.join("roster.csv"), ROSTER).unwrap();
    let a = sf(&dir, &["import", "team", "roster.csv", "--format", "json"]).success();
    let report: Value = serde_json::from_str(&stdout(&a)).unwrap();
    assert_eq!(report["added"], serde_json::json!(["zhang"]));
    assert_eq!(report["updated"], serde_json::json!(["wang"]));
    assert_eq!(report["managers_created"], serde_json::json!(["zhou"]));
    let text = std::fs::read_to_string(dir.join("team.yaml")).unwrap();
    for kept in [
        "# 小店的团队",
        "# 售前",
        "# 不在花名册里",
        "# 默认售前",
        "defaults: { presales: wang }",
    ] {
        assert!(text.contains(kept), "{kept} lost:\n{text}");
    }
    let team = salesflow::team::Team::load(&dir.join("team.yaml")).unwrap();
    assert!(
        team.person("qian").is_some(),
        "someone off the roster is kept"
    );
    assert_eq!(
        team.person("wang").unwrap().title.as_deref(),
        Some("高级架构师")
    );
    // A dry run says the same and writes nothing.
    std::fs::write(dir.join("team.yaml"), file).unwrap();
    let a = sf(&dir, &["import", "team", "roster.csv", "--dry-run"]).success();
    assert!(
        stdout(&a).starts_with("dry run, nothing written"),
        "{}",
        stdout(&a)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("team.yaml")).unwrap(),
        file
    );
}

#[test]
fn a_yaml_roster_of_the_team_shape_merges_too_and_adds_missing_defaults() {
    let dir = project(
        "yaml_roster",
        "people:\n  - { id: li, name: 李敏, role: sales }\n",
    );
    std::fs::write(
        dir.join("roster.yaml"),
        "people:\n  - { id: wang, name: 王工, role: presales, manager: chen }\ndefaults: { presales: wang }\n",
    )
    .unwrap();
    sf(&dir, &["import", "team", "roster.yaml"]).success();
    let team = salesflow::team::Team::load(&dir.join("team.yaml")).unwrap();
    assert_eq!(team.defaults["presales"], "wang");
    assert_eq!(team.person("chen").unwrap().name, "chen");
}

#[test]
fn import_team_needs_a_team_file_and_refuses_bad_rows_writing_nothing() {
    let dir = scratch("no_team");
    std::fs::write(dir.join("roster.csv"), ROSTER).unwrap();
    let a = sf(&dir, &["import", "team", "roster.csv", "--format", "json"]).code(2);
    let doc: Value = serde_json::from_str(&stdout(&a)).unwrap();
    assert_eq!(doc["error"]["code"], "salesflow::usage");
    let dir = project("bad_rows", "people: []\n");
    std::fs::write(dir.join("roster.csv"), "id,name\nwang,\nwang,王工\n").unwrap();
    sf(&dir, &["import", "team", "roster.csv"]).code(1);
    assert_eq!(
        std::fs::read_to_string(dir.join("team.yaml")).unwrap(),
        "people: []\n"
    );
}

const TEAM: &str = "\
people:
  - { id: zhang, name: 张伟, role: sales }
  - { id: wang,  name: 王工, role: presales }
  - { id: sun,   name: 孙丽, role: presales }
defaults: { presales: wang }
";

fn t(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// The assignee of the `演示方案` task in `plan --format json` at `at`.
fn planned_assignee(dir: &Path, at: &str) -> String {
    let a = sf(dir, &["plan", "--format", "json", "--at", at]).success();
    let plan: Value = serde_json::from_str(&stdout(&a)).unwrap();
    let task = plan["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "task")
        .unwrap_or_else(|| panic!("no task planned: {plan:#}"))
        .clone();
    task["assignee"].as_str().unwrap().to_string()
}

#[test]
fn editing_the_team_file_changes_the_next_plan_and_each_apply_keeps_its_team() {
    let dir = project("edit", TEAM);
    sf(&dir, &["init", "--live-from", "2026-03-02 09:00"]).success();
    sf(
        &dir,
        &[
            "import",
            "customers",
            &repo("tests/fixtures/cli/customers.yaml"),
        ],
    )
    .success();
    sf(&dir, &["move", "c1", "demo", "--at", "2026-03-03 10:00"]).success();
    assert_eq!(planned_assignee(&dir, "2026-03-03 11:00"), "wang");
    // The ops person edits the team file: presales now defaults to 孙丽.
    std::fs::write(
        dir.join("team.yaml"),
        TEAM.replace("presales: wang }", "presales: sun }"),
    )
    .unwrap();
    assert_eq!(planned_assignee(&dir, "2026-03-03 11:00"), "sun");

    sf(&dir, &["apply", "--at", "2026-03-03 11:00"]).success();
    std::fs::write(dir.join("team.yaml"), TEAM).unwrap();
    sf(&dir, &["apply", "--at", "2026-03-04 09:00"]).success();
    let store = Store::open_read_only(&dir.join("crm.db")).unwrap();
    let first = store.team_used(t("2026-03-03T03:00:00Z")).unwrap().unwrap();
    assert_eq!(first.defaults["presales"], "sun");
    let second = store.team_used(t("2026-03-05T00:00:00Z")).unwrap().unwrap();
    assert_eq!(second.defaults["presales"], "wang");
    assert!(
        store
            .team_used(t("2026-03-01T00:00:00Z"))
            .unwrap()
            .is_none()
    );

    // `--by` is checked against the team file.
    let args = [
        "update",
        "c1",
        "--status",
        "a",
        "--next",
        "b",
        "--blocker",
        "c",
        "--at",
        "2026-03-04 10:00",
    ];
    sf(&dir, &[&args[..], &["--by", "sun"]].concat()).success();
    sf(&dir, &[&args[..], &["--by", "nobody"]].concat()).code(1);
}
