//! Each channel kind's request, field for field as its vendor documents it,
//! read back by a recording server on 127.0.0.1: the parsed JSON body, the exact
//! query string, the headers, and the signatures for a fixed time and secret
//! checked against vectors computed independently (Python's `hmac`).

mod deliver_common;

use deliver_common::{
    Server, channels, message_customer, notify, pass, scratch, statuses, store, t,
};
use salesflow::deliver::ManualClock;
use serde_json::json;

/// 2023-11-14T22:13:20Z: 1,700,000,000 seconds after the epoch.
fn fixed_clock() -> ManualClock {
    ManualClock::new(t("2023-11-14T22:13:20Z"))
}

#[test]
fn wecom_text_mentions_by_wecom_id_and_copies_by_mobile() {
    let dir = scratch("wecom_text");
    let server = Server::accepting();
    let mut store = store(&dir);
    notify(
        &mut store,
        "k1",
        "wang",
        &["li"],
        "提醒:宁波某整车配套厂 的技术可行性报告已超时",
    );
    let url = server.url("/cgi-bin/webhook/send?key=693a91f6-7xxx");
    let ch = channels(
        "[{ name: group, kind: wecom, url_env: WECOM_WEBHOOK }]",
        None,
        &[("WECOM_WEBHOOK", &url)],
    );
    let report = pass(&mut store, &ch, &fixed_clock());
    assert_eq!(report.sent, 1);
    let r = &server.requests()[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, "/cgi-bin/webhook/send");
    assert_eq!(r.query, "key=693a91f6-7xxx");
    assert_eq!(
        r.json(),
        json!({
            "msgtype": "text",
            "text": {
                "content": "提醒:宁波某整车配套厂 的技术可行性报告已超时",
                "mentioned_list": ["WangGong"],
                "mentioned_mobile_list": ["13900000002"],
            }
        })
    );
    assert!(r.headers["content-type"].starts_with("application/json"));
    assert_eq!(statuses(&store), vec![(1, "sent".to_string())]);
}

#[test]
fn wecom_markdown_mentions_inline() {
    let dir = scratch("wecom_markdown");
    let server = Server::accepting();
    let mut store = store(&dir);
    notify(&mut store, "k1", "wang", &[], "**POC超时**：请今天回复");
    let ch = channels(
        "[{ name: group, kind: wecom, url_env: W, format: markdown }]",
        None,
        &[("W", &server.url("/send?key=abc"))],
    );
    pass(&mut store, &ch, &fixed_clock());
    assert_eq!(
        server.requests()[0].json(),
        json!({ "msgtype": "markdown", "markdown": { "content": "**POC超时**：请今天回复\n<@WangGong>" } })
    );
}

#[test]
fn dingtalk_signs_the_query_and_mentions_by_mobile() {
    let dir = scratch("dingtalk");
    let server = Server::accepting();
    let mut store = store(&dir);
    notify(
        &mut store,
        "k1",
        "li",
        &["zhao"],
        "宁波某整车配套厂：客户提到需要法务审核",
    );
    let ch = channels(
        "[{ name: ding, kind: dingtalk, url_env: DINGTALK_WEBHOOK, secret_env: DINGTALK_SECRET }]",
        None,
        &[
            (
                "DINGTALK_WEBHOOK",
                &server.url("/robot/send?access_token=tok123"),
            ),
            ("DINGTALK_SECRET", "SEC123"),
        ],
    );
    pass(&mut store, &ch, &fixed_clock());
    let r = &server.requests()[0];
    // quote_plus(b64encode(hmac.new(b"SEC123", b"1700000000000\nSEC123", sha256).digest()))
    assert_eq!(
        r.query,
        "access_token=tok123&timestamp=1700000000000&sign=lkcPI1uoxBY1gUnCnnPH1Kkru0Hqjo7rFpA3haIVhEQ%3D"
    );
    assert_eq!(
        r.json(),
        json!({
            "msgtype": "text",
            "text": { "content": "宁波某整车配套厂：客户提到需要法务审核\n@13900000002" },
            "at": { "atMobiles": ["13900000002"], "atUserIds": [] },
        })
    );
}

#[test]
fn feishu_signs_the_body_with_seconds() {
    let dir = scratch("feishu");
    let server = Server::accepting();
    let mut store = store(&dir);
    notify(&mut store, "k1", "wang", &[], "POC 环境今天就绪了吗？");
    let ch = channels(
        "[{ name: fs, kind: feishu, url_env: FEISHU_WEBHOOK, secret_env: FEISHU_SECRET }]",
        None,
        &[
            (
                "FEISHU_WEBHOOK",
                &server.url("/open-apis/bot/v2/hook/0b7c5d1e-2f3a-4b5c-8d9e"),
            ),
            ("FEISHU_SECRET", "feishu-secret"),
        ],
    );
    pass(&mut store, &ch, &fixed_clock());
    let r = &server.requests()[0];
    assert_eq!(r.path, "/open-apis/bot/v2/hook/0b7c5d1e-2f3a-4b5c-8d9e");
    assert_eq!(r.query, "");
    // b64encode(hmac.new(b"1700000000\nfeishu-secret", b"", sha256).digest())
    assert_eq!(
        r.json(),
        json!({
            "msg_type": "text",
            "content": { "text": "POC 环境今天就绪了吗？\n<at user_id=\"ou_wang\">王工</at>" },
            "timestamp": "1700000000",
            "sign": "OrBzY1Y01Gq+HgJsl+7OfWcMVwc7YocohQm5iiZwjhU=",
        })
    );
}

#[test]
fn a_webhook_gets_the_row_its_key_and_a_signature_of_the_exact_body() {
    let dir = scratch("webhook");
    let server = Server::start(Vec::new(), deliver_common::Reply::Status(202, ""));
    let mut store = store(&dir);
    // 赵静 has no handle at all: a webhook takes everyone.
    notify(
        &mut store,
        "outbox:c1:margin_sync:1:zhao",
        "zhao",
        &["li"],
        "毛利 ¥320,000.00 请同步",
    );
    let ch = channels(
        "[{ name: hooks, kind: webhook, url: URL, secret_env: HOOK_SECRET }]"
            .replace("URL", &server.url("/salesflow"))
            .as_str(),
        None,
        &[("HOOK_SECRET", "hook-secret")],
    );
    let report = pass(&mut store, &ch, &fixed_clock());
    assert_eq!(report.sent, 1, "{report:?}");
    let r = &server.requests()[0];
    assert_eq!(r.headers["idempotency-key"], "outbox:c1:margin_sync:1:zhao");
    assert_eq!(
        r.json(),
        json!({
            "id": 1,
            "key": "outbox:c1:margin_sync:1:zhao",
            "kind": "notify",
            "customer": "c1",
            "customer_name": "宁波某整车配套厂",
            "recipient": "zhao",
            "recipient_name": "赵静",
            "cc": ["li"],
            "subject": "技术可行性报告超时",
            "body": "毛利 ¥320,000.00 请同步",
            "origin": "step:c1:feasibility:1:after 36h",
            "created_at": "2026-03-06T11:00:00+08:00",
        })
    );
    assert_eq!(
        r.headers["x-salesflow-signature"],
        format!("sha256={}", python_hmac_hex("hook-secret", &r.body))
    );
}

/// HMAC-SHA256 hex computed by Python's standard library, not by salesflow.
fn python_hmac_hex(key: &str, body: &[u8]) -> String {
    use std::io::Write as _;
    let mut child = std::process::Command::new("python3")
        .args([
            "-c",
            "import hmac, hashlib, sys; \
             print(hmac.new(sys.argv[1].encode(), sys.stdin.buffer.read(), hashlib.sha256).hexdigest())",
            key,
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3");
    child.stdin.take().unwrap().write_all(body).unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn a_person_goes_to_the_first_channel_they_have_a_handle_for() {
    let dir = scratch("routing");
    let wecom = Server::accepting();
    let ding = Server::accepting();
    let mut store = store(&dir);
    notify(&mut store, "to-wang", "wang", &[], "甲"); // wecom handle: the first channel
    notify(&mut store, "to-li", "li", &[], "乙"); // mobile only: DingTalk
    notify(&mut store, "to-zhao", "zhao", &[], "丙"); // no handle: nowhere
    notify(&mut store, "to-nobody", "nobody", &[], "丁"); // not in the team
    let ch = channels(
        "[{ name: group, kind: wecom, url_env: W }, { name: ding, kind: dingtalk, url_env: D }]",
        None,
        &[
            ("W", &wecom.url("/w?key=1")),
            ("D", &ding.url("/d?access_token=2")),
        ],
    );
    let report = pass(&mut store, &ch, &fixed_clock());
    assert_eq!((report.sent, report.dead), (2, 2), "{report:?}");
    assert_eq!(wecom.requests().len(), 1);
    assert_eq!(wecom.requests()[0].json()["text"]["content"], "甲");
    assert_eq!(ding.requests().len(), 1);
    assert_eq!(
        ding.requests()[0].json()["text"]["content"],
        "乙\n@13900000002"
    );
    let rows = store.outbox(None).unwrap();
    assert_eq!(rows[0].channel.as_deref(), Some("group"));
    assert_eq!(rows[1].channel.as_deref(), Some("ding"));
    assert_eq!(rows[2].status, "dead");
    assert_eq!(
        rows[2].last_error.as_deref(),
        Some(
            "`zhao` has no handle for any channel (the team file would need one of: wecom, mobile)"
        )
    );
    assert_eq!(
        rows[3].last_error.as_deref(),
        Some("`nobody` is not in the team file")
    );
}

#[test]
fn a_customer_message_goes_to_the_customer_channel_or_nowhere() {
    let dir = scratch("customer");
    let server = Server::accepting();
    let mut store = store(&dir);
    message_customer(&mut store, "m1", "c1", "刘总您好，感谢选择我们");
    message_customer(&mut store, "m2", "c2", "周工您好");
    let ch = channels(
        "[{ name: group, kind: wecom, url_env: W }, { name: ding, kind: dingtalk, url_env: D }]",
        Some("ding"),
        &[("W", &server.url("/w")), ("D", &server.url("/d"))],
    );
    let report = pass(&mut store, &ch, &fixed_clock());
    // A group robot posts even when it cannot mention the contact.
    assert_eq!(report.sent, 2, "{report:?}");
    let requests = server.requests();
    assert!(requests.iter().all(|r| r.path == "/d"));
    assert_eq!(
        requests[0].json()["at"]["atMobiles"],
        json!(["13700000003"])
    );
    assert_eq!(requests[1].json()["at"]["atMobiles"], json!([]));
}
