//! One case per delivery error: the setting or command that causes it, and what
//! the user sees, as text (stderr) and as JSON (stdout under `--format json`),
//! pinned by an insta snapshot. Each case also names its code and exit code, so a
//! case that starts failing differently fails by name.

mod deliver_common;

use deliver_common::{Project, Server, scratch};

/// The example rules, for the cases that run them.
fn rules() -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/zhilian.flow")
        .display()
        .to_string()
}

/// Runs `args` in a folder whose salesflow.yaml holds `yaml` (after `db:`,
/// `rules:` and `team:`), with `WECOM_WEBHOOK` set; both renderings.
fn render(case: &str, yaml: &str, args: &[&str]) -> (i32, String, String) {
    let dir = scratch(&format!("diag_{case}"));
    std::fs::write(
        dir.join("salesflow.yaml"),
        format!("db: crm.db\nrules: {}\nteam: team.yaml\n{yaml}", rules()),
    )
    .unwrap();
    std::fs::write(dir.join("team.yaml"), deliver_common::PROJECT_TEAM).unwrap();
    let run = |extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_salesflow"))
            .args(args)
            .args(extra)
            .current_dir(&dir)
            .env("NO_COLOR", "1")
            .env(
                "WECOM_WEBHOOK",
                "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-0123456789",
            )
            .env_remove("DINGTALK_SECRET")
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    if !dir.join("crm.db").exists() {
        let init = std::process::Command::new(env!("CARGO_BIN_EXE_salesflow"))
            .args(["init", "--db", "crm.db"])
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(
            init.status.success(),
            "{}",
            String::from_utf8_lossy(&init.stderr)
        );
    }
    let (code, _, text) = run(&[]);
    let (json_code, json, _) = run(&["--format", "json"]);
    assert_eq!(code, json_code, "the same exit code in both formats");
    (code, text, json)
}

fn check(case: &str, yaml: &str, args: &[&str], code: &str, exit: i32) {
    let (got_exit, text, json) = render(case, yaml, args);
    let doc: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert_eq!(doc["error"]["code"], code, "{case}: {text}");
    assert_eq!(got_exit, exit, "{case}: {text}");
    insta::assert_snapshot!(case, format!("{text}---\n{json}"));
}

#[test]
fn channel_shape() {
    check(
        "channel_shape",
        "channels:\n  - { name: group, kind: wecom, url_env: WECOM_WEBHOOK, secrt_env: S }\n",
        &["outbox", "deliver"],
        "salesflow::deliver::channel_shape",
        2,
    );
}

#[test]
fn duplicate_channel() {
    check(
        "duplicate_channel",
        "channels:\n  - { name: group, kind: wecom, url_env: WECOM_WEBHOOK }\n  - { name: group, kind: wecom, url_env: WECOM_WEBHOOK }\n",
        &["outbox", "deliver"],
        "salesflow::deliver::duplicate_channel",
        2,
    );
}

#[test]
fn missing_setting() {
    check(
        "missing_setting",
        "channels:\n  - { name: mail, kind: email, from: crm@example.com }\n",
        &["outbox", "deliver"],
        "salesflow::deliver::missing_setting",
        2,
    );
}

#[test]
fn foreign_setting() {
    check(
        "foreign_setting",
        "channels:\n  - { name: group, kind: wecom, url_env: WECOM_WEBHOOK, smtp: \"smtp.example.com:587\" }\n",
        &["outbox", "deliver"],
        "salesflow::deliver::foreign_setting",
        2,
    );
}

#[test]
fn secret_in_file() {
    check(
        "secret_in_file",
        "channels:\n  - { name: ding, kind: dingtalk, url: \"https://oapi.dingtalk.com/robot/send?access_token=abc\" }\n",
        &["outbox", "deliver"],
        "salesflow::deliver::secret_in_file",
        2,
    );
}

#[test]
fn bad_setting() {
    check(
        "bad_setting",
        "channels:\n  - { name: group, kind: wecom, url_env: WECOM_WEBHOOK, rate: \"20/day\" }\n",
        &["outbox", "deliver"],
        "salesflow::deliver::bad_setting",
        2,
    );
}

#[test]
fn unset_env() {
    check(
        "unset_env",
        "channels:\n  - { name: ding, kind: dingtalk, url_env: WECOM_WEBHOOK, secret_env: DINGTALK_SECRET }\n",
        &["outbox", "deliver"],
        "salesflow::deliver::unset_env",
        2,
    );
}

#[test]
fn unknown_customer_channel() {
    check(
        "unknown_customer_channel",
        "channels:\n  - { name: group, kind: wecom, url_env: WECOM_WEBHOOK }\ncustomer_channel: mail\n",
        &["outbox", "deliver"],
        "salesflow::deliver::unknown_customer_channel",
        2,
    );
}

#[test]
fn no_channels() {
    check(
        "no_channels",
        "",
        &["outbox", "deliver"],
        "salesflow::deliver::no_channels",
        2,
    );
}

#[test]
fn digest() {
    check(
        "digest",
        "digests:\n  - { report: journey, every: \"mon 9am\", to: sales_director }\n",
        &["run", "--once"],
        "salesflow::deliver::digest",
        2,
    );
}

#[test]
fn unknown_message_and_not_retriable() {
    let server = Server::accepting();
    let p = Project::new(
        "diag_messages",
        &format!(
            "[{{ name: hooks, kind: webhook, url: \"{}\" }}]",
            server.url("/h")
        ),
        "hooks",
        1,
    );
    p.ok(&["outbox", "deliver", "--at", "2026-03-03 12:05"]);
    for (case, args, code) in [
        (
            "unknown_message",
            &["outbox", "show", "99"][..],
            "salesflow::outbox::unknown_message",
        ),
        (
            "not_retriable",
            &["outbox", "retry", "1"],
            "salesflow::outbox::not_retriable",
        ),
    ] {
        let (exit, _, text) = p.run(args);
        let mut json_args = args.to_vec();
        json_args.extend(["--format", "json"]);
        let (_, json, _) = p.run(&json_args);
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(doc["error"]["code"], code);
        assert_eq!(exit, 1, "{case}: {text}");
        insta::assert_snapshot!(case, format!("{text}---\n{json}"));
    }
}

#[test]
fn unset_env_in_chinese() {
    check(
        "unset_env_zh",
        "channels:\n  - { name: ding, kind: dingtalk, url_env: WECOM_WEBHOOK, secret_env: DINGTALK_SECRET }\n",
        &["outbox", "deliver", "--lang", "zh"],
        "salesflow::deliver::unset_env",
        2,
    );
}

#[test]
fn digest_in_chinese() {
    check(
        "digest_zh",
        "digests:\n  - { report: journey, every: \"周一 9点\", to: sales_director }\n",
        &["run", "--once", "--lang", "zh"],
        "salesflow::deliver::digest",
        2,
    );
}
