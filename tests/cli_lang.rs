//! `--lang zh|en` and the locale: the same commands' human output in both
//! languages (insta snapshots), the locale as default, and machine formats that
//! stay English unless a language was chosen.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn repo(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(path)
        .display()
        .to_string()
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli-lang")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The binary in `dir`, with no locale and no colour.
fn sf(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("salesflow").unwrap();
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}

/// The shop of `tests/fixtures/cli`: c1 created Monday 2 March, moved to `demo`
/// on Tuesday (a task for presales), never contacted.
fn shop(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::write(
        dir.join("salesflow.yaml"),
        format!(
            "db: crm.db\nrules: {}\nteam: {}\n",
            repo("tests/fixtures/cli/shop.flow"),
            repo("tests/fixtures/cli/team.yaml")
        ),
    )
    .unwrap();
    // Live from the shop's first day, whatever the clock says.
    sf(&dir)
        .args(["init", "--live-from", "2026-03-02 09:00"])
        .assert()
        .success();
    sf(&dir)
        .args(["import", "team", &repo("tests/fixtures/cli/team.yaml")])
        .assert()
        .success();
    sf(&dir)
        .args([
            "import",
            "customers",
            &repo("tests/fixtures/cli/customers.yaml"),
        ])
        .assert()
        .success();
    sf(&dir)
        .args(["move", "c1", "demo", "--at", "2026-03-03 10:00"])
        .assert()
        .success();
    dir
}

/// stdout and stderr of a run, as one text for a snapshot.
fn run(dir: &Path, args: &[&str]) -> String {
    let out = sf(dir).args(args).output().unwrap();
    format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn plan_explain_and_errors_in_english_and_chinese() {
    let dir = shop("both");
    for lang in ["en", "zh"] {
        let at = ["--at", "2026-03-20 09:00", "--lang", lang];
        let plan = run(&dir, &[&["plan"][..], &at].concat());
        insta::assert_snapshot!(format!("plan_{lang}"), plan);
        let explain = run(&dir, &[&["explain", "c1"][..], &at].concat());
        insta::assert_snapshot!(format!("explain_{lang}"), explain);
        let errors = [
            run(&dir, &[&["explain", "nobody"][..], &at].concat()),
            run(&dir, &[&["move", "c1", "pco"][..], &at].concat()),
            run(&dir, &[&["move", "c1", "poc"][..], &at].concat()),
            run(&dir, &["plan", "--at", "someday", "--lang", lang]),
        ]
        .join("\n");
        insta::assert_snapshot!(format!("errors_{lang}"), errors);
    }
}

#[test]
fn calendar_show_and_help_in_english_and_chinese() {
    let dir = shop("calendar");
    for lang in ["en", "zh"] {
        let show = run(
            &dir,
            &[
                "calendar",
                "workdays",
                "show",
                "--from",
                "2026-09-30",
                "--to",
                "2026-10-11",
                "--lang",
                lang,
            ],
        );
        insta::assert_snapshot!(format!("calendar_show_{lang}"), show);
        let help = run(&dir, &["move", "--help", "--lang", lang]);
        insta::assert_snapshot!(format!("move_help_{lang}"), help);
        let check = run(&dir, &["check", "--lang", lang]);
        insta::assert_snapshot!(format!("check_{lang}"), check);
    }
}

#[test]
fn the_locale_is_the_default_and_the_flag_wins() {
    let dir = shop("locale");
    let summary = |lang: Option<&str>, args: &[&str]| {
        let mut cmd = sf(&dir);
        if let Some(lang) = lang {
            cmd.env("LANG", lang);
        }
        let out = cmd.args(args).output().unwrap();
        String::from_utf8(out.stderr).unwrap()
    };
    assert!(summary(Some("zh_CN.UTF-8"), &["check"]).starts_with("已检查 1 个规则流"));
    assert!(summary(Some("en_US.UTF-8"), &["check"]).starts_with("checked 1 flow"));
    assert!(summary(None, &["check"]).starts_with("checked 1 flow"));
    assert!(summary(Some("zh_CN.UTF-8"), &["check", "--lang", "en"]).starts_with("checked"));
    // LC_ALL comes before LANG.
    let out = sf(&dir)
        .env("LANG", "en_US.UTF-8")
        .env("LC_ALL", "zh_CN.UTF-8")
        .arg("check")
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stderr).unwrap().starts_with("已检查"));
    // Help follows the locale too.
    let out = sf(&dir)
        .env("LANG", "zh_CN.UTF-8")
        .args(["plan", "--help"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("退出码："));
}

#[test]
fn machine_formats_stay_english_unless_a_language_is_chosen() {
    let dir = shop("machine");
    let error = |envs: &[(&str, &str)], args: &[&str]| -> Value {
        let mut cmd = sf(&dir);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let out = cmd.args(args).output().unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let zh_locale = [("LANG", "zh_CN.UTF-8")];
    let doc = error(&zh_locale, &["explain", "nobody", "--format", "json"]);
    assert_eq!(doc["error"]["message"], "no customer `nobody` in the store");
    assert_eq!(doc["error"]["code"], "salesflow::store::unknown_customer");
    let doc = error(
        &[],
        &["explain", "nobody", "--format", "json", "--lang", "zh"],
    );
    assert_eq!(doc["error"]["message"], "数据库中没有客户 `nobody`");
    assert_eq!(doc["error"]["code"], "salesflow::store::unknown_customer");
    // A clap error under --format json is English too, whatever the locale.
    let doc = error(&zh_locale, &["plan", "--bogus", "--format", "json"]);
    assert_eq!(doc["error"]["code"], "salesflow::usage");
    // The project's `lang:` is a choice: it holds in JSON as well.
    let yaml = std::fs::read_to_string(dir.join("salesflow.yaml")).unwrap();
    std::fs::write(dir.join("salesflow.yaml"), format!("{yaml}lang: zh\n")).unwrap();
    let doc = error(&[], &["explain", "nobody", "--format", "json"]);
    assert_eq!(doc["error"]["message"], "数据库中没有客户 `nobody`");
    let out = sf(&dir).args(["check", "--lang", "en"]).output().unwrap();
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .starts_with("checked")
    );
}
