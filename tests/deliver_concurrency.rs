//! Several couriers on one store: every message is sent exactly once, and a
//! message whose sender died mid-send is sent again once its claim lapses (at
//! least once, never lost).

mod deliver_common;

use chrono::TimeDelta;
use deliver_common::{Server, channels, notify, scratch, store, t, team};
use salesflow::deliver::{Courier, ManualClock, SystemClock};
use salesflow::store::{Claim, Claimed, OutboxId, Store};

fn never() -> bool {
    false
}

#[test]
fn two_couriers_on_one_store_send_each_message_once() {
    let dir = scratch("two_couriers");
    let server = Server::start(Vec::new(), deliver_common::Reply::Status(200, "{}"));
    let mut s = store(&dir);
    for i in 0..60 {
        notify(
            &mut s,
            &format!("k{i:02}"),
            "zhao",
            &[],
            &format!("第{i}条"),
        );
    }
    drop(s);
    let yaml = format!(
        "[{{ name: hooks, kind: webhook, url: \"{}\" }}]",
        server.url("/h")
    );
    let db = dir.join("crm.db");
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let yaml = yaml.clone();
            let db = db.clone();
            std::thread::spawn(move || {
                let ch = channels(&yaml, None, &[]);
                let team = team();
                let clock = SystemClock::real();
                let mut store = Store::open(&db).unwrap();
                Courier::new(&ch, &team, &clock, chrono_tz::Asia::Shanghai)
                    .deliver(&mut store, None, &never)
                    .unwrap()
                    .sent
            })
        })
        .collect();
    let sent: Vec<usize> = workers.into_iter().map(|w| w.join().unwrap()).collect();
    assert_eq!(sent.iter().sum::<usize>(), 60, "{sent:?}");
    let mut keys: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.headers["idempotency-key"].clone())
        .collect();
    keys.sort();
    let expected: Vec<String> = (0..60).map(|i| format!("k{i:02}")).collect();
    assert_eq!(keys, expected);
    let store = Store::open(&db).unwrap();
    assert!(
        store
            .outbox(None)
            .unwrap()
            .iter()
            .all(|r| r.status == "sent" && r.attempts == 1)
    );
}

#[test]
fn a_message_whose_sender_died_is_sent_again_after_its_claim_lapses() {
    let dir = scratch("lapsed");
    let server = Server::accepting();
    let mut s = store(&dir);
    notify(&mut s, "k1", "wang", &[], "请回复");
    let now = t("2026-03-06T11:00:00+08:00");
    // A process claims the message and dies before recording anything.
    let claimed = s
        .outbox_claim(&Claim {
            id: OutboxId(1),
            owner: "dead-process",
            now,
            lease_until: now + TimeDelta::minutes(2),
            channel: "group",
            limits: &[],
        })
        .unwrap();
    assert!(matches!(claimed, Claimed::Ours { .. }));
    let ch = channels(
        "[{ name: group, kind: wecom, url_env: W }]",
        None,
        &[("W", &server.url("/s"))],
    );
    let team = team();
    let clock = ManualClock::new(now + TimeDelta::minutes(1));
    let courier = Courier::new(&ch, &team, &clock, chrono_tz::Asia::Shanghai);
    assert_eq!(courier.deliver(&mut s, None, &never).unwrap().sent, 0);
    assert!(server.requests().is_empty());
    clock.advance(TimeDelta::minutes(2));
    assert_eq!(courier.deliver(&mut s, None, &never).unwrap().sent, 1);
    assert_eq!(server.requests().len(), 1);
    // The dead process's attempt stays in the log, unfinished.
    let log = s.outbox_attempts(OutboxId(1)).unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].outcome, None);
    assert_eq!(log[1].outcome.as_deref(), Some("sent"));
}
