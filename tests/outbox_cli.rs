//! `salesflow outbox list|show|deliver|retry` driven as a user would: a project
//! folder with salesflow.yaml, the example rules, a team file and imported
//! customers; channels pointing at recording servers on 127.0.0.1 through
//! environment variables.

mod deliver_common;

use deliver_common::{Project, Reply, Server};
use serde_json::Value;

/// DingTalk for people with a mobile, a webhook for everyone else, and the
/// customer's messages to the webhook too.
fn project(name: &str, ding: &Server, hook: &Server, customers: usize) -> Project {
    Project::new(
        name,
        &format!(
            "[{{ name: group, kind: wecom, url_env: WECOM_WEBHOOK }}, \
              {{ name: ding, kind: dingtalk, url_env: DINGTALK_WEBHOOK, secret_env: DINGTALK_SECRET }}, \
              {{ name: hooks, kind: webhook, url: \"{}\" }}]",
            hook.url("/salesflow")
        ),
        "hooks",
        customers,
    )
    .with_env("WECOM_WEBHOOK", &ding.url("/cgi-bin/webhook/send?key=0a1b2c3d-wecom-key-4e5f"))
    .with_env("DINGTALK_WEBHOOK", &ding.url("/robot/send?access_token=9f8e7d6c5b4a39281706"))
    .with_env("DINGTALK_SECRET", "SECd0e1f2a3b4c5d6e7f8")
}

#[test]
fn list_shows_what_apply_queued_with_a_header_and_json_times_in_the_flow_offset() {
    let server = Server::accepting();
    let p = project("list", &server, &server, 2);
    let text = p.ok(&["outbox", "list"]);
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
    assert_eq!(
        header,
        [
            "ID", "STATUS", "KIND", "TO", "CHANNEL", "CUSTOMER", "CREATED", "DUE", "SUBJECT"
        ]
    );
    assert_eq!(lines.count(), 4, "{text}");
    assert!(text.contains("pending  notify   zhao"), "{text}");

    let zh = p.ok(&["outbox", "list", "--lang", "zh"]);
    let header: Vec<&str> = zh.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(
        header,
        [
            "编号",
            "状态",
            "类型",
            "收件人",
            "渠道",
            "客户",
            "创建时间",
            "待发时间",
            "主题"
        ]
    );

    let list = p.outbox();
    assert_eq!(list.len(), 4);
    let first = &list[0];
    assert_eq!(first["status"], "pending");
    assert_eq!(first["kind"], "notify");
    assert_eq!(first["recipient"], "zhao");
    assert_eq!(first["customer"], "c1");
    assert_eq!(first["channel"], Value::Null);
    assert_eq!(first["created_at"], "2026-03-03T10:01:00+08:00");
    assert_eq!(first["due_at"], "2026-03-03T10:01:00+08:00");
    assert_eq!(
        first["body"],
        "（宁波）第1整车配套厂 进入 POC 验证,请同步预估毛利:320000 元"
    );
    assert_eq!(list[1]["kind"], "message");
    assert_eq!(list[1]["recipient"], "customer");
}

#[test]
fn list_filters_by_status_customer_and_time() {
    let server = Server::accepting();
    let p = project("filters", &server, &server, 3);
    let ids = |args: &[&str]| -> Vec<i64> {
        let mut full = vec!["outbox", "list", "--format", "json"];
        full.extend_from_slice(args);
        let text = p.ok(&full);
        serde_json::from_str::<Vec<Value>>(&text)
            .unwrap()
            .iter()
            .map(|m| m["id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(ids(&["--customer", "c2"]), [3, 4]);
    assert_eq!(ids(&["--since", "2026-03-03 10:02"]), [3, 4, 5, 6]);
    assert_eq!(ids(&["--since", "2026-03-03T02:03:00Z"]), [5, 6]);
    assert!(ids(&["--status", "sent"]).is_empty());
    assert_eq!(ids(&["--status", "pending", "--customer", "c3"]), [5, 6]);
    // Global flags go anywhere.
    let text = p.ok(&["--format", "json", "outbox", "list", "--status", "pending"]);
    assert_eq!(serde_json::from_str::<Vec<Value>>(&text).unwrap().len(), 6);

    let (code, out, _) = p.run(&["outbox", "list", "--customer", "c9", "--format", "json"]);
    assert_eq!(code, 1);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["error"]["code"], "salesflow::store::unknown_customer");
    let (code, out, _) = p.run(&["outbox", "list", "--since", "yesterday", "--format", "json"]);
    assert_eq!(code, 2);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert!(
        doc["error"]["message"]
            .as_str()
            .unwrap()
            .contains("`yesterday`"),
        "{doc}"
    );
    let (code, _, err) = p.run(&["outbox", "list", "--status", "sending"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("pending, sent, failed, dead, suppressed"),
        "{err}"
    );
}

#[test]
fn deliver_sends_each_message_on_its_channel_once() {
    let ding = Server::accepting();
    let hook = Server::start(Vec::new(), Reply::Status(200, "{}"));
    let p = project("deliver", &ding, &hook, 2);
    let text = p.ok(&["outbox", "deliver", "--at", "2026-03-03 12:05"]);
    assert!(
        text.starts_with("delivered at 2026-03-03 12:05 +08:00 Tue: 4 sent, 0 failed, 0 dead"),
        "{text}"
    );
    // 赵静's notices went to DingTalk (she has a mobile), signed.
    let ding_requests = ding.requests();
    assert_eq!(ding_requests.len(), 2);
    for r in &ding_requests {
        assert_eq!(r.path, "/robot/send");
        assert!(
            r.query
                .starts_with("access_token=9f8e7d6c5b4a39281706&timestamp="),
            "{}",
            r.query
        );
        assert!(r.query.contains("&sign="));
        assert_eq!(
            r.json()["at"]["atMobiles"],
            serde_json::json!(["13900000005"])
        );
    }
    // The customers' messages went to the customer channel, the webhook.
    let keys: Vec<String> = hook
        .requests()
        .iter()
        .map(|r| r.headers["idempotency-key"].clone())
        .collect();
    assert_eq!(keys.len(), 2);
    assert!(keys.iter().all(|k| k.contains("/message/")), "{keys:?}");

    let list = p.outbox();
    assert!(list.iter().all(|m| m["status"] == "sent"));
    assert_eq!(list[0]["channel"], "ding");
    assert_eq!(list[1]["channel"], "hooks");
    assert_eq!(
        list[0]["delivered_at"].as_str().unwrap()[..16],
        *"2026-03-03T12:05"
    );
    assert!(
        list[0]["delivered_at"]
            .as_str()
            .unwrap()
            .ends_with("+08:00")
    );

    // Nothing is due any more.
    let again: Value =
        serde_json::from_str(&p.ok(&["outbox", "deliver", "--format", "json"])).unwrap();
    assert_eq!(again["sent"], 0);
    assert_eq!(ding.requests().len() + hook.requests().len(), 4);
}

#[test]
fn show_gives_the_text_and_every_attempt() {
    let ding = Server::start(
        vec![Reply::Status(
            200,
            r#"{"errcode":130101,"errmsg":"send too fast"}"#,
        )],
        Reply::Status(200, r#"{"errcode":0,"errmsg":"ok"}"#),
    );
    let hook = Server::accepting();
    let p = project("show", &ding, &hook, 1);
    let (code, out, _) = p.run(&["outbox", "deliver", "--at", "2026-03-03 12:05"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("#1 to zhao (ding): failed: errcode 130101: send too fast; next attempt 2026-03-03 12:06"),
        "{out}"
    );
    p.ok(&["outbox", "deliver", "--at", "2026-03-03 13:00"]);
    let text = p.ok(&["outbox", "show", "1"]);
    assert!(text.contains("status     sent"), "{text}");
    assert!(text.contains("channel    ding"), "{text}");
    assert!(
        text.contains("  （宁波）第1整车配套厂 进入 POC 验证"),
        "{text}"
    );
    let attempts: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("ATTEMPT"))
        .collect();
    assert_eq!(attempts.len(), 3, "{text}");
    assert!(
        attempts[1].contains("failed") && attempts[1].contains("errcode 130101"),
        "{text}"
    );
    assert!(attempts[2].contains("sent"), "{text}");

    let doc: Value =
        serde_json::from_str(&p.ok(&["outbox", "show", "1", "--format", "json"])).unwrap();
    assert_eq!(doc["status"], "sent");
    assert_eq!(doc["attempts"], 2);
    assert_eq!(doc["attempts_log"][0]["outcome"], "failed");
    assert!(
        doc["attempts_log"][0]["at"]
            .as_str()
            .unwrap()
            .ends_with("+08:00")
    );

    let (code, out, _) = p.run(&["outbox", "show", "99", "--format", "json"]);
    assert_eq!(code, 1);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["error"]["code"], "salesflow::outbox::unknown_message");
}

#[test]
fn retry_revives_a_dead_message_after_the_team_file_is_fixed() {
    let ding = Server::accepting();
    let hook = Server::accepting();
    // No webhook: a person without a wecom or mobile handle has no channel.
    let p = Project::new(
        "retry",
        "[{ name: ding, kind: dingtalk, url_env: DINGTALK_WEBHOOK }]",
        "ding",
        1,
    )
    .with_env(
        "DINGTALK_WEBHOOK",
        &ding.url("/robot/send?access_token=9f8e7d6c5b4a39281706"),
    );
    let team = std::fs::read_to_string(p.dir.join("team.yaml")).unwrap();
    std::fs::write(
        p.dir.join("team.yaml"),
        team.replace(", mobile: '13900000005'", ""),
    )
    .unwrap();
    let (code, out, _) = p.run(&["outbox", "deliver"]);
    assert_eq!(code, 1, "a message was given up: {out}");
    assert!(
        out.contains("#1 to zhao: dead: `zhao` has no handle for any channel"),
        "{out}"
    );
    assert_eq!(p.outbox()[0]["status"], "dead");
    let _ = hook;

    std::fs::write(p.dir.join("team.yaml"), team).unwrap();
    let text = p.ok(&["outbox", "retry", "--dead"]);
    assert_eq!(text.trim(), "message 1 is due again (it was dead)");
    assert_eq!(p.outbox()[0]["status"], "pending");
    assert_eq!(p.outbox()[0]["attempts"], 0);
    p.ok(&["outbox", "deliver"]);
    assert_eq!(p.outbox()[0]["status"], "sent");
    assert_eq!(ding.requests().len(), 2);

    // A sent message is never sent again; nothing changes for the others given.
    let (code, out, _) = p.run(&["outbox", "retry", "1", "2", "--format", "json"]);
    assert_eq!(code, 1);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["error"]["code"], "salesflow::outbox::not_retriable");
    assert!(
        doc["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("message 1 was sent at")
    );
    let (code, _, err) = p.run(&["outbox", "retry", "7"]);
    assert_eq!(code, 1);
    assert!(err.contains("no message 7 in the outbox"), "{err}");
}

#[test]
fn delivery_settings_that_cannot_work_stop_before_anything_is_sent() {
    let server = Server::accepting();
    let p = project("config_errors", &server, &server, 1);
    // The secret's variable is unset.
    let mut cmd = p.cmd(&["outbox", "deliver", "--format", "json"]);
    cmd.env_remove("DINGTALK_SECRET");
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["error"]["code"], "salesflow::deliver::unset_env");
    assert_eq!(
        doc["error"]["message"],
        "channel `ding`: the environment variable `DINGTALK_SECRET` is not set"
    );
    assert!(server.requests().is_empty());
    assert!(p.outbox().iter().all(|m| m["status"] == "pending"));

    // A robot URL written into the file.
    let yaml = std::fs::read_to_string(p.dir.join("salesflow.yaml")).unwrap();
    std::fs::write(
        p.dir.join("salesflow.yaml"),
        yaml.replace(
            "url_env: WECOM_WEBHOOK",
            "url: \"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x\"",
        ),
    )
    .unwrap();
    let (code, _, err) = p.run(&["outbox", "deliver"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("channel `group` has its robot URL in the file"),
        "{err}"
    );
    assert!(err.contains("url_env"), "{err}");

    // A typo in a channel.
    std::fs::write(
        p.dir.join("salesflow.yaml"),
        yaml.replace("secret_env:", "secrt_env:"),
    )
    .unwrap();
    let (code, _, err) = p.run(&["outbox", "deliver"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("channel 2: unknown field `secrt_env`"),
        "{err}"
    );

    // No channels at all.
    std::fs::write(p.dir.join("salesflow.yaml"), "db: crm.db\n").unwrap();
    let (code, _, err) = p.run(&["outbox", "deliver"]);
    assert_eq!(code, 2);
    assert!(err.contains("no `channels:`"), "{err}");
}

#[test]
fn a_secret_from_the_environment_appears_nowhere() {
    // Every request fails, so errors are recorded, shown and logged.
    let ding = Server::start(
        Vec::new(),
        Reply::Status(
            500,
            r#"{"errcode":-1,"errmsg":"echo access_token=9f8e7d6c5b4a39281706"}"#,
        ),
    );
    let hook = Server::start(Vec::new(), Reply::Status(503, "busy"));
    let p = project("secrets", &ding, &hook, 2);
    let secrets = [
        "SECd0e1f2a3b4c5d6e7f8",
        "9f8e7d6c5b4a39281706",
        "0a1b2c3d-wecom-key-4e5f",
    ];
    let mut seen = String::new();
    for args in [
        &["outbox", "deliver"][..],
        &[
            "outbox",
            "deliver",
            "--format",
            "json",
            "--at",
            "2026-03-04 12:00",
        ],
        &["outbox", "list"],
        &["outbox", "list", "--format", "json"],
        &["outbox", "show", "1"],
        &["outbox", "show", "1", "--format", "json"],
        &["run", "--once", "--at", "2026-03-05 12:00"],
        &[
            "run",
            "--once",
            "--format",
            "json",
            "--at",
            "2026-03-06 12:00",
        ],
    ] {
        let (_, out, err) = p.run(args);
        seen.push_str(&out);
        seen.push_str(&err);
    }
    assert!(seen.contains("HTTP 500"), "the failures were shown: {seen}");
    assert!(seen.contains("***"), "the echoed token was masked: {seen}");
    let mut store = Vec::new();
    for entry in std::fs::read_dir(&p.dir).unwrap() {
        let path = entry.unwrap().path();
        if path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("crm.db")
        {
            store.extend(std::fs::read(path).unwrap());
        }
    }
    assert!(store.len() > 4096);
    for secret in secrets {
        assert!(!seen.contains(secret), "`{secret}` in the output:\n{seen}");
        assert!(
            !store.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "`{secret}` in the store"
        );
    }
}
