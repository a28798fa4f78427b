//! Delivery when the other side misbehaves: a server that fails the first two
//! requests, answers 429, answers 200 with a vendor error code, or never
//! answers; retried with backoff, throttled, finally delivered or dead as
//! configured, and never sent again once accepted. Time is a manual clock: a
//! backoff of minutes costs nothing.

mod deliver_common;

use chrono::TimeDelta;
use deliver_common::{Reply, Server, channels, notify, scratch, store, t, team};
use salesflow::deliver::{Clock, Courier, ManualClock};

fn never() -> bool {
    false
}

fn start() -> ManualClock {
    ManualClock::new(t("2026-03-06T11:00:00+08:00"))
}

#[test]
fn two_failures_then_delivered_once_with_growing_waits() {
    let dir = scratch("fail_twice");
    let server = Server::start(
        vec![Reply::Status(500, "upstream down"), Reply::Status(502, "")],
        Reply::Status(200, r#"{"errcode":0,"errmsg":"ok"}"#),
    );
    let mut store = store(&dir);
    notify(&mut store, "k1", "wang", &[], "请回复");
    let ch = channels(
        "[{ name: group, kind: wecom, url_env: W, backoff: 1m }]",
        None,
        &[("W", &server.url("/send?key=1"))],
    );
    let team = team();
    let clock = start();
    let courier = Courier::new(&ch, &team, &clock, chrono_tz::Asia::Shanghai);

    let first = courier.deliver(&mut store, None, &never).unwrap();
    assert_eq!(first.failed, 1);
    let row = &store.outbox(None).unwrap()[0];
    assert_eq!(row.status, "failed");
    assert_eq!(row.attempts, 1);
    assert_eq!(row.last_error.as_deref(), Some("HTTP 500: upstream down"));
    let wait1 = row.next_attempt_at.unwrap() - clock.now();
    assert!(
        wait1 >= TimeDelta::seconds(48) && wait1 <= TimeDelta::seconds(73),
        "{wait1}"
    );

    // Not due yet: nothing is sent.
    assert_eq!(courier.deliver(&mut store, None, &never).unwrap().failed, 0);
    assert_eq!(server.requests().len(), 1);

    clock.advance(wait1 + TimeDelta::seconds(1));
    let second = courier.deliver(&mut store, None, &never).unwrap();
    assert_eq!(second.failed, 1);
    let row = &store.outbox(None).unwrap()[0];
    assert_eq!(row.last_error.as_deref(), Some("HTTP 502"));
    let wait2 = row.next_attempt_at.unwrap() - clock.now();
    assert!(
        wait2 >= TimeDelta::seconds(96) && wait2 <= TimeDelta::seconds(145),
        "{wait2}"
    );

    clock.advance(wait2 + TimeDelta::seconds(1));
    assert_eq!(courier.deliver(&mut store, None, &never).unwrap().sent, 1);
    clock.advance(TimeDelta::hours(1));
    assert_eq!(courier.deliver(&mut store, None, &never).unwrap().sent, 0);
    assert_eq!(server.requests().len(), 3);
    let row = &store.outbox(None).unwrap()[0];
    assert_eq!((row.status.as_str(), row.attempts), ("sent", 3));
    assert_eq!(row.delivered_at, Some(clock.now() - TimeDelta::hours(1)));
    let log = store.outbox_attempts(row.id).unwrap();
    let outcomes: Vec<_> = log.iter().map(|a| a.outcome.as_deref()).collect();
    assert_eq!(outcomes, [Some("failed"), Some("failed"), Some("sent")]);
}

#[test]
fn a_vendor_error_inside_a_200_is_a_failure_until_dead() {
    let dir = scratch("vendor_error");
    let server = Server::start(
        Vec::new(),
        Reply::Status(
            200,
            r#"{"errcode":310000,"errmsg":"keywords not in content"}"#,
        ),
    );
    let mut store = store(&dir);
    notify(&mut store, "k1", "li", &[], "请审批");
    let ch = channels(
        "[{ name: ding, kind: dingtalk, url_env: D, max_attempts: 3 }]",
        None,
        &[("D", &server.url("/robot/send?access_token=t"))],
    );
    let team = team();
    let clock = start();
    let courier = Courier::new(&ch, &team, &clock, chrono_tz::Asia::Shanghai);
    for _ in 0..2 {
        assert_eq!(courier.deliver(&mut store, None, &never).unwrap().failed, 1);
        clock.advance(TimeDelta::hours(1));
    }
    let last = courier.deliver(&mut store, None, &never).unwrap();
    assert_eq!(last.dead, 1);
    let row = &store.outbox(None).unwrap()[0];
    assert_eq!(row.status, "dead");
    assert_eq!(
        row.last_error.as_deref(),
        Some("errcode 310000: keywords not in content (gave up after 3 attempts)")
    );
    clock.advance(TimeDelta::days(1));
    courier.deliver(&mut store, None, &never).unwrap();
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn a_feishu_code_inside_a_200_is_a_failure() {
    let dir = scratch("feishu_code");
    let server = Server::start(
        vec![Reply::Status(
            200,
            r#"{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}"#,
        )],
        Reply::Status(200, r#"{"code":0,"msg":"success","data":{}}"#),
    );
    let mut store = store(&dir);
    notify(&mut store, "k1", "wang", &[], "请回复");
    let ch = channels(
        "[{ name: fs, kind: feishu, url_env: F }]",
        None,
        &[("F", &server.url("/hook/x"))],
    );
    let team = team();
    let clock = start();
    let courier = Courier::new(&ch, &team, &clock, chrono_tz::Asia::Shanghai);
    assert_eq!(courier.deliver(&mut store, None, &never).unwrap().failed, 1);
    assert!(
        store.outbox(None).unwrap()[0]
            .last_error
            .as_deref()
            .unwrap()
            .starts_with("code 19021: sign match fail")
    );
    clock.advance(TimeDelta::hours(1));
    assert_eq!(courier.deliver(&mut store, None, &never).unwrap().sent, 1);
}

#[test]
fn a_429_waits_its_retry_after_and_holds_back_the_channel() {
    let dir = scratch("too_many");
    let server = Server::start(
        vec![Reply::With(429, "", vec![("Retry-After", "300")])],
        Reply::Status(200, r#"{"errcode":0}"#),
    );
    let mut store = store(&dir);
    notify(&mut store, "k1", "wang", &[], "一");
    notify(&mut store, "k2", "wang", &[], "二");
    let ch = channels(
        "[{ name: group, kind: wecom, url_env: W }]",
        None,
        &[("W", &server.url("/s"))],
    );
    let team = team();
    let clock = start();
    let courier = Courier::new(&ch, &team, &clock, chrono_tz::Asia::Shanghai);
    let begun = clock.now();
    // Waiting is allowed only a minute: the second message stays for later.
    let report = courier
        .deliver(&mut store, Some(begun + TimeDelta::minutes(1)), &never)
        .unwrap();
    assert_eq!(
        (report.failed, report.sent, report.throttled),
        (1, 0, 1),
        "{report:?}"
    );
    assert_eq!(server.requests().len(), 1);
    let rows = store.outbox(None).unwrap();
    assert_eq!(rows[0].next_attempt_at, Some(begun + TimeDelta::minutes(5)));
    assert_eq!(rows[1].status, "pending");
    // Allowed to wait as long as it takes: the pass waits out the 429, then sends
    // the second; the first is due again after its five minutes.
    let report = courier.deliver(&mut store, None, &never).unwrap();
    assert_eq!(report.sent, 2, "{report:?}");
    assert!(clock.now() >= begun + TimeDelta::minutes(5));
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn a_server_that_never_answers_times_out() {
    let dir = scratch("hang");
    let server = Server::start(vec![Reply::Hang], Reply::Status(200, r#"{"errcode":0}"#));
    let mut store = store(&dir);
    notify(&mut store, "k1", "wang", &[], "请回复");
    let ch = channels(
        "[{ name: group, kind: wecom, url_env: W, timeout: 1s }]",
        None,
        &[("W", &server.url("/s"))],
    );
    let team = team();
    let clock = start();
    let courier = Courier::new(&ch, &team, &clock, chrono_tz::Asia::Shanghai);
    let begun = std::time::Instant::now();
    assert_eq!(courier.deliver(&mut store, None, &never).unwrap().failed, 1);
    assert!(begun.elapsed() < std::time::Duration::from_secs(10));
    assert_eq!(
        store.outbox(None).unwrap()[0].last_error.as_deref(),
        Some("no answer within 1s")
    );
    clock.advance(TimeDelta::hours(1));
    assert_eq!(courier.deliver(&mut store, None, &never).unwrap().sent, 1);
}

#[test]
fn a_robot_gets_at_most_twenty_a_minute() {
    let dir = scratch("throttle");
    let server = Server::accepting();
    let mut store = store(&dir);
    for i in 0..45 {
        notify(
            &mut store,
            &format!("k{i}"),
            "wang",
            &[],
            &format!("第{i}条"),
        );
    }
    let ch = channels(
        "[{ name: group, kind: wecom, url_env: W }]",
        None,
        &[("W", &server.url("/s"))],
    );
    let team = team();
    let clock = start();
    let courier = Courier::new(&ch, &team, &clock, chrono_tz::Asia::Shanghai);
    let begun = clock.now();
    let first = courier
        .deliver(&mut store, Some(begun + TimeDelta::seconds(30)), &never)
        .unwrap();
    assert_eq!((first.sent, first.throttled), (20, 25));
    let all = courier.deliver(&mut store, None, &never).unwrap();
    assert_eq!(all.sent, 25);
    assert_eq!(server.requests().len(), 45);
    // Two full windows had to pass on the clock, and the attempt log never
    // shows more than 20 in any minute.
    assert!(clock.now() >= begun + TimeDelta::minutes(2));
    let times: Vec<_> = store
        .outbox(None)
        .unwrap()
        .iter()
        .flat_map(|r| store.outbox_attempts(r.id).unwrap())
        .map(|a| a.at)
        .collect();
    for &t0 in &times {
        let within = times
            .iter()
            .filter(|&&t1| t1 >= t0 && t1 < t0 + TimeDelta::minutes(1))
            .count();
        assert!(within <= 20, "{within} requests in the minute from {t0}");
    }
    // In order of the outbox.
    let bodies: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.json()["text"]["content"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(bodies[0], "第0条");
    assert_eq!(bodies[44], "第44条");
}

#[test]
fn a_throttled_channel_does_not_hold_back_the_others() {
    let dir = scratch("throttle_others");
    let wecom = Server::accepting();
    let mail_hook = Server::accepting();
    let mut store = store(&dir);
    for i in 0..22 {
        notify(&mut store, &format!("w{i}"), "wang", &[], "群");
    }
    notify(&mut store, "z1", "zhao", &[], "给赵静"); // no wecom handle: the webhook
    let ch = channels(
        "[{ name: group, kind: wecom, url_env: W }, { name: hooks, kind: webhook, url_env: H }]",
        None,
        &[("W", &wecom.url("/s")), ("H", &mail_hook.url("/h"))],
    );
    let team = team();
    let clock = start();
    let courier = Courier::new(&ch, &team, &clock, chrono_tz::Asia::Shanghai);
    let report = courier
        .deliver(&mut store, Some(clock.now()), &never)
        .unwrap();
    assert_eq!((report.sent, report.throttled), (21, 2));
    assert_eq!(mail_hook.requests().len(), 1);
}

#[test]
fn a_stop_request_ends_the_pass_before_the_next_message() {
    let dir = scratch("stop");
    let server = Server::accepting();
    let mut store = store(&dir);
    for i in 0..5 {
        notify(&mut store, &format!("k{i}"), "wang", &[], "一");
    }
    let ch = channels(
        "[{ name: group, kind: wecom, url_env: W }]",
        None,
        &[("W", &server.url("/s"))],
    );
    let team = team();
    let clock = start();
    let courier = Courier::new(&ch, &team, &clock, chrono_tz::Asia::Shanghai);
    let asked = std::cell::Cell::new(0);
    let stop = || {
        asked.set(asked.get() + 1);
        asked.get() > 2
    };
    let report = courier.deliver(&mut store, None, &stop).unwrap();
    assert_eq!(report.sent, 2);
    let rest = courier.deliver(&mut store, None, &never).unwrap();
    assert_eq!(rest.sent, 3);
    assert_eq!(server.requests().len(), 5);
}
