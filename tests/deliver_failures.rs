//! Delivery when the other side misbehaves: a server that fails the first two
//! requests, answers 429, answers 200 with a vendor error code, or never
//! answers; retried with backoff, throttled, finally delivered or dead as
//! configured, and never sent again once accepted. Time is a manual clock: a
//! backoff of minutes costs nothing.

mod deliver_common;

use chrono::TimeDelta;
use deliver_common::{Bench, Reply, Server};
use salesflow::deliver::Clock;

/// A bench with `messages` on a WeCom robot at `server`, with `extra` settings.
fn wecom_bench(name: &str, server: &Server, extra: &str, messages: &[(&str, &str, &str)]) -> Bench {
    let url = server.url("/cgi-bin/webhook/send?key=1");
    let yaml = format!("[{{ name: group, kind: wecom, url_env: W{extra} }}]");
    Bench::new(name, messages, &yaml, &[("W", &url)])
}

/// `n` notices to 王工, keyed `k0…`, saying `第0条…`.
fn to_wang(n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|i| (format!("k{i}"), format!("第{i}条")))
        .collect()
}

fn as_messages<'a>(list: &'a [(String, String)], to: &'a str) -> Vec<(&'a str, &'a str, &'a str)> {
    list.iter()
        .map(|(k, b)| (k.as_str(), to, b.as_str()))
        .collect()
}

#[test]
fn two_failures_then_delivered_once_with_growing_waits() {
    let server = Server::start(
        vec![Reply::Status(500, "upstream down"), Reply::Status(502, "")],
        Reply::Status(200, r#"{"errcode":0,"errmsg":"ok"}"#),
    );
    let mut b = wecom_bench(
        "fail_twice",
        &server,
        ", backoff: 1m",
        &[("k1", "wang", "请回复")],
    );
    assert_eq!(b.pass(None).failed, 1);
    let row = &b.rows()[0];
    assert_eq!((row.status.as_str(), row.attempts), ("failed", 1));
    assert_eq!(row.last_error.as_deref(), Some("HTTP 500: upstream down"));
    let wait1 = row.next_attempt_at.unwrap() - b.clock.now();
    assert!(
        wait1 >= TimeDelta::seconds(48) && wait1 <= TimeDelta::seconds(73),
        "{wait1}"
    );

    // Not due yet: nothing is sent.
    assert_eq!(b.pass(None).failed, 0);
    assert_eq!(server.requests().len(), 1);

    b.clock.advance(wait1 + TimeDelta::seconds(1));
    assert_eq!(b.pass(None).failed, 1);
    let row = &b.rows()[0];
    assert_eq!(row.last_error.as_deref(), Some("HTTP 502"));
    let wait2 = row.next_attempt_at.unwrap() - b.clock.now();
    assert!(
        wait2 >= TimeDelta::seconds(96) && wait2 <= TimeDelta::seconds(145),
        "{wait2}"
    );

    b.clock.advance(wait2 + TimeDelta::seconds(1));
    assert_eq!(b.pass(None).sent, 1);
    b.clock.advance(TimeDelta::hours(1));
    assert_eq!(b.pass(None).sent, 0);
    assert_eq!(server.requests().len(), 3);
    let row = &b.rows()[0];
    assert_eq!((row.status.as_str(), row.attempts), ("sent", 3));
    assert_eq!(row.delivered_at, Some(b.clock.now() - TimeDelta::hours(1)));
    let log = b.store.outbox_attempts(row.id).unwrap();
    let outcomes: Vec<_> = log.iter().map(|a| a.outcome.as_deref()).collect();
    assert_eq!(outcomes, [Some("failed"), Some("failed"), Some("sent")]);
}

#[test]
fn a_vendor_error_inside_a_200_is_a_failure_until_dead() {
    let server = Server::start(
        Vec::new(),
        Reply::Status(
            200,
            r#"{"errcode":310000,"errmsg":"keywords not in content"}"#,
        ),
    );
    let url = server.url("/robot/send?access_token=t");
    let mut b = Bench::new(
        "vendor_error",
        &[("k1", "li", "请审批")],
        "[{ name: ding, kind: dingtalk, url_env: D, max_attempts: 3 }]",
        &[("D", &url)],
    );
    for _ in 0..2 {
        assert_eq!(b.pass(None).failed, 1);
        b.clock.advance(TimeDelta::hours(1));
    }
    assert_eq!(b.pass(None).dead, 1);
    let row = &b.rows()[0];
    assert_eq!(row.status, "dead");
    assert_eq!(
        row.last_error.as_deref(),
        Some("errcode 310000: keywords not in content (gave up after 3 attempts)")
    );
    b.clock.advance(TimeDelta::days(1));
    b.pass(None);
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn a_feishu_code_inside_a_200_is_a_failure() {
    let server = Server::start(
        vec![Reply::Status(
            200,
            r#"{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}"#,
        )],
        Reply::Status(200, r#"{"code":0,"msg":"success","data":{}}"#),
    );
    let url = server.url("/hook/x");
    let mut b = Bench::new(
        "feishu_code",
        &[("k1", "wang", "请回复")],
        "[{ name: fs, kind: feishu, url_env: F }]",
        &[("F", &url)],
    );
    assert_eq!(b.pass(None).failed, 1);
    let error = b.rows()[0].last_error.clone().unwrap();
    assert!(error.starts_with("code 19021: sign match fail"), "{error}");
    b.clock.advance(TimeDelta::hours(1));
    assert_eq!(b.pass(None).sent, 1);
}

#[test]
fn a_429_waits_its_retry_after_and_holds_back_the_channel() {
    let server = Server::start(
        vec![Reply::With(429, "", vec![("Retry-After", "300")])],
        Reply::Status(200, r#"{"errcode":0}"#),
    );
    let mut b = wecom_bench(
        "too_many",
        &server,
        "",
        &[("k1", "wang", "一"), ("k2", "wang", "二")],
    );
    let begun = b.clock.now();
    // Waiting is allowed only a minute: the second message stays for later.
    let report = b.pass(Some(begun + TimeDelta::minutes(1)));
    assert_eq!(
        (report.failed, report.sent, report.throttled),
        (1, 0, 1),
        "{report:?}"
    );
    assert_eq!(server.requests().len(), 1);
    let rows = b.rows();
    assert_eq!(rows[0].next_attempt_at, Some(begun + TimeDelta::minutes(5)));
    assert_eq!(rows[1].status, "pending");
    // Allowed to wait as long as it takes: the pass waits out the 429, then sends
    // the second; the first is due again after its five minutes.
    let report = b.pass(None);
    assert_eq!(report.sent, 2, "{report:?}");
    assert!(b.clock.now() >= begun + TimeDelta::minutes(5));
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn a_server_that_never_answers_times_out() {
    let server = Server::start(vec![Reply::Hang], Reply::Status(200, r#"{"errcode":0}"#));
    let mut b = wecom_bench(
        "hang",
        &server,
        ", timeout: 1s",
        &[("k1", "wang", "请回复")],
    );
    let begun = std::time::Instant::now();
    assert_eq!(b.pass(None).failed, 1);
    assert!(begun.elapsed() < std::time::Duration::from_secs(10));
    assert_eq!(
        b.rows()[0].last_error.as_deref(),
        Some("no answer within 1s")
    );
    b.clock.advance(TimeDelta::hours(1));
    assert_eq!(b.pass(None).sent, 1);
}

#[test]
fn a_robot_gets_at_most_twenty_a_minute() {
    let server = Server::accepting();
    let list = to_wang(45);
    let mut b = wecom_bench("throttle", &server, "", &as_messages(&list, "wang"));
    let begun = b.clock.now();
    let first = b.pass(Some(begun + TimeDelta::seconds(30)));
    assert_eq!((first.sent, first.throttled), (20, 25));
    assert_eq!(b.pass(None).sent, 25);
    assert_eq!(server.requests().len(), 45);
    // Two full windows had to pass on the clock, and the attempt log never
    // shows more than 20 in any minute.
    assert!(b.clock.now() >= begun + TimeDelta::minutes(2));
    let times: Vec<_> = b
        .rows()
        .iter()
        .flat_map(|r| b.store.outbox_attempts(r.id).unwrap())
        .map(|a| a.at)
        .collect();
    for &t0 in &times {
        let within = times
            .iter()
            .filter(|&&t1| t1 >= t0 && t1 < t0 + TimeDelta::minutes(1))
            .count();
        assert!(within <= 20, "{within} requests in the minute from {t0}");
    }
    // In the order of the outbox.
    let bodies: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.json()["text"]["content"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        (bodies[0].as_str(), bodies[44].as_str()),
        ("第0条", "第44条")
    );
}

#[test]
fn a_throttled_channel_does_not_hold_back_the_others() {
    let wecom = Server::accepting();
    let hook = Server::accepting();
    let list = to_wang(22);
    let mut messages = as_messages(&list, "wang");
    messages.push(("z1", "zhao", "给赵静")); // no wecom handle: the webhook
    let (w, h) = (wecom.url("/s"), hook.url("/h"));
    let mut b = Bench::new(
        "throttle_others",
        &messages,
        "[{ name: group, kind: wecom, url_env: W }, { name: hooks, kind: webhook, url_env: H }]",
        &[("W", &w), ("H", &h)],
    );
    let report = b.pass(Some(b.clock.now()));
    assert_eq!((report.sent, report.throttled), (21, 2));
    assert_eq!(hook.requests().len(), 1);
}

#[test]
fn a_stop_request_ends_the_pass_before_the_next_message() {
    let server = Server::accepting();
    let list = to_wang(5);
    let mut b = wecom_bench("stop", &server, "", &as_messages(&list, "wang"));
    let asked = std::cell::Cell::new(0);
    let stop = || {
        asked.set(asked.get() + 1);
        asked.get() > 2
    };
    assert_eq!(b.pass_with(None, &stop).sent, 2);
    assert_eq!(b.pass(None).sent, 3);
    assert_eq!(server.requests().len(), 5);
}
