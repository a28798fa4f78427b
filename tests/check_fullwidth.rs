//! Full-width punctuation typed by a Chinese input method, through the binary:
//! `check` reads it as ASCII with one warning per mark (label on the mark), `fmt`
//! writes the ASCII form and is then a no-op, `；` is an error with a hint.

mod check_common;

use std::path::PathBuf;

use check_common::run;

use serde_json::Value;

fn scratch(name: &str, text: &str) -> PathBuf {
    let dir = check_common::scratch("check-fullwidth", name);
    std::fs::write(dir.join("main.flow"), text).unwrap();
    dir
}

/// A flow as typed with the input method left in Chinese mode: ten marks
/// outside strings and comments, and some inside them that are text.
const TYPED: &str = "# 规则，全角标点：注释里不算\n\
roles sales， presales、finance\n\
events visit， call\n\
field 预算：money\n\
\n\
pipeline {\n\
  lead   “线索”\n\
  signed \"合同签署，盖章\"  won\n\
}\n\
\n\
health {\n\
  yellow \"需关注\" when （customer.预算 > 100000 or count visit（role = decision_maker） >= 3）\n\
  green \"正常推进\" otherwise\n\
}\n";

#[test]
fn check_reads_full_width_punctuation_with_a_warning_per_mark() {
    let dir = scratch("check", TYPED);
    let (code, _, err) = run(&dir, &["check", "main.flow"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("0 errors, 10 warnings"), "{err}");
    assert!(!err.contains("expected an item"), "{err}");
    let (code, _, _) = run(&dir, &["check", "--deny-warnings", "main.flow"]);
    assert_eq!(code, 1);

    let (_, out, _) = run(&dir, &["check", "--format", "json", "main.flow"]);
    let json: Vec<Value> = serde_json::from_str(&out).unwrap();
    let marks: Vec<(u64, u64, String)> = json
        .iter()
        .map(|d| {
            assert_eq!(d["code"], "salesflow::fullwidth_punctuation");
            assert_eq!(d["severity"], "warning");
            let l = &d["labels"][0];
            let help = d["help"].as_str().unwrap().to_string();
            (
                l["line"].as_u64().unwrap(),
                l["column"].as_u64().unwrap(),
                help,
            )
        })
        .collect();
    assert_eq!(marks.len(), 10);
    // `roles sales， presales、finance`: the comma at column 12, `、` at 22.
    assert_eq!(marks[0].0, 2);
    assert_eq!(marks[0].1, 12);
    assert!(marks[0].2.contains("write `,`"));
    assert_eq!((marks[1].0, marks[1].1), (2, 22));
    // `field 预算：money`: `：` is the tenth character.
    assert_eq!((marks[3].0, marks[3].1), (4, 9));
    assert!(marks[3].2.contains("write `:`"));
    // Each label covers exactly one character (three bytes in UTF-8).
    for d in &json {
        assert_eq!(d["labels"][0]["length"], 3, "{d}");
    }
}

#[test]
fn fmt_writes_ascii_punctuation_and_is_then_a_no_op() {
    let dir = scratch("fmt", TYPED);
    let (code, _, _) = run(&dir, &["fmt", "--check", "main.flow"]);
    assert_eq!(code, 1, "the typed file is not canonical");
    let (code, _, err) = run(&dir, &["fmt", "main.flow"]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(dir.join("main.flow")).unwrap();
    assert!(text.contains("roles sales, presales, finance\n"), "{text}");
    assert!(text.contains("field 预算: money\n"), "{text}");
    assert!(text.contains("lead   \"线索\""), "{text}");
    assert!(text.contains("(customer.预算 > 100000 or count visit(role = decision_maker) >= 3)"));
    // Inside strings and comments the marks are text, and stay.
    assert!(text.contains("# 规则，全角标点：注释里不算"), "{text}");
    assert!(text.contains("\"合同签署，盖章\""), "{text}");
    let (code, _, err) = run(&dir, &["check", "--deny-warnings", "main.flow"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, _) = run(&dir, &["fmt", "--check", "main.flow"]);
    assert_eq!(code, 0, "fmt is idempotent");
}

#[test]
fn a_full_width_semicolon_is_an_error_with_a_hint() {
    let dir = scratch(
        "semicolon",
        &TYPED.replace("events visit， call", "events visit；call"),
    );
    let (code, _, err) = run(&dir, &["check", "main.flow"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("unexpected `；`"), "{err}");
    assert!(
        err.contains("`；` is full-width punctuation with no role"),
        "{err}"
    );
}
