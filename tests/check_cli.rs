//! `salesflow check` as a process: exit codes, `--deny-warnings`, the JSON shape of
//! `--format json`, and which given files are roots of a flow.

use assert_cmd::Command;
use serde_json::Value;

const FIXTURES: &str = "tests/fixtures/diagnostics";

fn salesflow() -> Command {
    let mut cmd = Command::cargo_bin("salesflow").expect("the binary is built");
    cmd.env("NO_COLOR", "1");
    cmd
}

/// Runs `check --format json ARGS…`: the exit code and the parsed array.
fn check_json(args: &[&str]) -> (i32, Vec<Value>) {
    let out = salesflow()
        .arg("check")
        .arg("--format")
        .arg("json")
        .args(args)
        .output()
        .expect("salesflow runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8 output");
    let json: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    let Value::Array(items) = json else {
        panic!("not an array: {text}")
    };
    (out.status.code().expect("an exit code"), items)
}

fn fixture(case: &str) -> String {
    format!("{FIXTURES}/{case}.flow")
}

/// `examples/*.flow`, as a shell would expand it.
fn example_flows() -> Vec<String> {
    let mut flows: Vec<String> = std::fs::read_dir("examples")
        .expect("examples/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "flow"))
        .map(|p| p.display().to_string())
        .collect();
    flows.sort();
    assert!(flows.iter().any(|f| f.ends_with("risks.flow")));
    flows
}

/// The summary line for the examples: every file is read once, and `risks.flow`,
/// which `zhilian.flow` includes, is not a flow of its own.
fn examples_summary() -> String {
    let files = example_flows().len();
    format!(
        "checked {} flows ({files} files): 0 errors, 0 warnings\n",
        files - 1
    )
}

#[test]
fn examples_check_clean_with_no_warning() {
    salesflow()
        .arg("check")
        .args(example_flows())
        .assert()
        .code(0)
        .stderr(examples_summary());
    salesflow()
        .args(["check", "--deny-warnings"])
        .args(example_flows())
        .assert()
        .code(0);
}

#[test]
fn zhilian_with_its_include_is_one_flow() {
    salesflow()
        .args(["check", "examples/risks.flow", "examples/zhilian.flow"])
        .assert()
        .code(0)
        .stderr("checked 1 flow (2 files): 0 errors, 0 warnings\n");
}

#[test]
fn clean_examples_give_an_empty_json_array() {
    let flows = example_flows();
    let args: Vec<&str> = flows.iter().map(String::as_str).collect();
    let (code, items) = check_json(&args);
    assert_eq!(code, 0);
    assert!(items.is_empty(), "{items:#?}");
}

#[test]
fn a_folder_checks_each_root_with_its_includes() {
    salesflow()
        .args(["check", "examples/"])
        .assert()
        .code(0)
        .stderr(examples_summary());
}

#[test]
fn json_diagnostic_has_the_documented_shape() {
    let path = fixture("type_mismatch");
    let (code, items) = check_json(&[&path]);
    assert_eq!(code, 1);
    assert_eq!(items.len(), 1, "{items:#?}");
    let d = items[0].as_object().expect("an object");
    let mut keys: Vec<&str> = d.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["code", "file", "help", "labels", "message", "severity"]
    );
    assert_eq!(d["file"], path.as_str());
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "salesflow::type_mismatch");
    assert_eq!(d["message"], "cannot compare number with duration");
    assert!(d["help"].is_string());

    let text = std::fs::read_to_string(&path).expect("fixture");
    let labels = d["labels"].as_array().expect("labels");
    let spans: Vec<(&str, &str, u64, u64)> = labels
        .iter()
        .map(|l| {
            let l = l.as_object().expect("a label");
            let mut keys: Vec<&str> = l.keys().map(String::as_str).collect();
            keys.sort_unstable();
            assert_eq!(keys, ["column", "length", "line", "offset", "text"]);
            let offset = usize::try_from(l["offset"].as_u64().unwrap()).unwrap();
            let length = usize::try_from(l["length"].as_u64().unwrap()).unwrap();
            (
                &text[offset..offset + length],
                l["text"].as_str().unwrap(),
                l["line"].as_u64().unwrap(),
                l["column"].as_u64().unwrap(),
            )
        })
        .collect();
    // Columns count characters: `需关注` is three, not nine bytes.
    assert_eq!(
        spans,
        [
            ("customer.contract_disputes", "this is number", 9, 21),
            ("14d", "this is duration", 9, 50),
        ]
    );
}

#[test]
fn json_help_is_null_when_there_is_none_and_labels_name_other_files() {
    let (code, items) = check_json(&[&fixture("invalid_number")]);
    assert_eq!(code, 1);
    assert_eq!(items[0]["code"], "salesflow::syntax::invalid_number");
    assert!(items[0]["help"].is_null(), "{items:#?}");

    let (code, items) = check_json(&[&fixture("duplicate_name_across_include")]);
    assert_eq!(code, 1);
    let d = &items[0];
    assert_eq!(
        d["file"],
        format!("{FIXTURES}/duplicate_name_across_include/risks.flow")
    );
    assert!(d["labels"][0].get("file").is_none(), "{d:#?}");
    assert_eq!(
        d["labels"][1]["file"],
        fixture("duplicate_name_across_include")
    );
    assert_eq!(d["labels"][1]["text"], "first declared here");
}

#[test]
fn errors_exit_1() {
    let out = salesflow()
        .args(["check", &fixture("unknown_stage")])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(stderr.contains("salesflow::unknown_stage"), "{stderr}");
}

#[test]
fn warnings_exit_0_unless_denied() {
    let warned = fixture("unused_template");
    let (code, items) = check_json(&[&warned]);
    assert_eq!(code, 0);
    assert_eq!(items[0]["severity"], "warning");
    let out = salesflow().args(["check", &warned]).assert().code(0);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.ends_with("checked 1 flow (1 file): 0 errors, 1 warning\n"),
        "{stderr}"
    );
    salesflow()
        .args(["check", "--deny-warnings", &warned])
        .assert()
        .code(1);
}

#[test]
fn a_missing_file_exits_2() {
    let out = salesflow()
        .args(["check", &fixture("no_such_case")])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(stderr.contains("cannot read"), "{stderr}");
}

#[test]
fn every_flow_of_several_is_reported_in_one_run() {
    let (code, items) = check_json(&[&fixture("unknown_role"), &fixture("unused_template")]);
    assert_eq!(code, 1);
    let codes: Vec<&str> = items.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        ["salesflow::unknown_role", "salesflow::unused_template"]
    );
}
