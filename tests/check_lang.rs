//! `check`'s diagnostics in both languages, driven through the binary: the same
//! fixtures of `tests/fixtures/diagnostics/` rendered with `--lang en` and
//! `--lang zh` (insta snapshots), and JSON that stays English under a Chinese
//! locale unless `--lang` is given.

mod cli_common;

use std::fmt::Write as _;
use std::path::Path;

use cli_common::salesflow as sf;
use serde_json::Value;

const FIXTURES: &str = "tests/fixtures/diagnostics";

/// The repository's root: fixtures are named relative to it, as a user would.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `check --lang LANG` of one fixture: exit code and stderr.
fn check(case: &str, lang: &str) -> String {
    let out = sf(root())
        .args(["check", "--lang", lang, &format!("{FIXTURES}/{case}.flow")])
        .output()
        .unwrap();
    format!(
        "exit {}\n{}{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

macro_rules! both_languages {
    ($($case:ident,)*) => {$(
        #[test]
        fn $case() {
            for lang in ["en", "zh"] {
                let shown = check(stringify!($case), lang);
                insta::assert_snapshot!(format!("{}_{lang}", stringify!($case)), shown);
            }
        }
    )*};
}

both_languages! {
    // Names and types.
    unknown_stage,
    unknown_tag,          // Chinese identifiers: `tagged 新能原`
    type_mismatch,
    duplicate_name,
    ambiguous_label,      // Chinese labels
    missing_otherwise,
    // Syntax and files.
    unexpected_token,
    unbalanced_parentheses,
    fullwidth_punctuation, // warnings for full-width marks
    fullwidth_semicolon,
    not_utf8,
    include_cycle,
    include_not_found,
    refused_path,
    // Warnings.
    unreachable_state,
    overlapping_keywords,
    escalation_without_steps,
    // Templates.
    template_unknown_variable,
    template_maybe_undefined,
    template_unknown_filter,
}

#[test]
fn the_english_rendering_is_the_library_snapshot() {
    // What `--lang en` prints is what the library's own snapshot pins.
    let shown = check("unknown_stage", "en");
    let pinned =
        std::fs::read_to_string(root().join("tests/snapshots/diagnostics__unknown_stage.snap"))
            .unwrap();
    let body = pinned.splitn(3, "---\n").nth(2).unwrap();
    assert!(shown.contains(body.trim_end()), "{shown}\n---\n{body}");
}

fn json(args: &[&str], lang_env: &str) -> Value {
    let out = sf(root())
        .env("LANG", lang_env)
        .args(["check", "--format", "json"])
        .args(args)
        .arg(format!("{FIXTURES}/unknown_stage.flow"))
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

/// The first diagnostic's message, label and help.
fn texts(v: &Value) -> (String, String, String) {
    let d = v
        .as_array()
        .and_then(|a| a.first())
        .or_else(|| v.get("diagnostics").and_then(|d| d.get(0)))
        .unwrap_or_else(|| panic!("no diagnostic in {v}"));
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    (s(&d["message"]), s(&d["labels"][0]["text"]), s(&d["help"]))
}

#[test]
fn json_stays_english_under_a_chinese_locale_unless_a_language_is_chosen() {
    let (message, label, help) = texts(&json(&[], "zh_CN.UTF-8"));
    assert_eq!(message, "unknown stage `negotiaton`");
    assert_eq!(label, "not a stage of the pipeline");
    assert_eq!(help, "did you mean `negotiation`?");

    let (message, label, help) = texts(&json(&["--lang", "zh"], "zh_CN.UTF-8"));
    assert_eq!(message, "未知阶段 `negotiaton`");
    assert_eq!(label, "流水线中没有这个阶段");
    assert_eq!(help, "是不是要写 `negotiation`？");

    // The human output follows the locale.
    let out = sf(root())
        .env("LANG", "zh_CN.UTF-8")
        .args(["check", &format!("{FIXTURES}/unknown_stage.flow")])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("未知阶段 `negotiaton`"), "{err}");
    assert!(
        err.contains("salesflow::unknown_stage"),
        "codes stay English: {err}"
    );
}

#[test]
fn sarif_and_github_stay_english_under_a_chinese_locale() {
    for format in ["sarif", "github", "gitlab"] {
        let out = sf(root())
            .env("LANG", "zh_CN.UTF-8")
            .args([
                "check",
                "--format",
                format,
                &format!("{FIXTURES}/unknown_stage.flow"),
            ])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("unknown stage"), "{format}: {text}");
        assert!(!text.contains("未知阶段"), "{format}: {text}");
    }
}

/// A file large enough to be parsed in parts on several threads, with syntax
/// errors in every part: each message is in the chosen language, whichever
/// thread found it (the language is process-wide, not per thread).
#[test]
fn the_language_holds_on_the_checkers_worker_threads() {
    let dir = cli_common::scratch("check-lang", "threads");
    let mut text = String::from("pipeline {\n  lead \"线索\"\n  won \"签约\" won\n}\n");
    text.push_str("health {\n  red \"高危\" when stage is lead\n  green \"正常\" otherwise\n}\n");
    let mut n = 0;
    while text.len() < 512 * 1024 {
        n += 1;
        // A risk per block; every 200th one has an escape the language lacks.
        let escape = if n % 200 == 0 { "\\q" } else { "" };
        let _ = write!(
            text,
            "risk r{n} {{\n  severity red\n  keywords \"关键词{n}{escape}\", \"第{n}号\"\n}}\n"
        );
    }
    std::fs::write(dir.join("big.flow"), &text).unwrap();
    let out = sf(&dir)
        .args(["check", "big.flow", "--lang", "zh"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let messages: Vec<&str> = err
        .lines()
        .filter(|l| l.trim_start().starts_with('×'))
        .collect();
    assert!(messages.len() > 10, "{err}");
    for m in &messages {
        assert!(
            m.contains("未知的转义"),
            "an English or unexpected message: {m}"
        );
    }
    assert!(err.contains("help: 可用的转义有"), "{err}");
}
