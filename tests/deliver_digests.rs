//! Pushed digests: queued through the outbox once per period (the idempotency key
//! names the digest and the period), to a person or a role's person, only when a
//! goal is missed if asked, never for a period from before salesflow ran; then
//! delivered like any message.

mod deliver_common;

use std::cell::RefCell;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use deliver_common::{Server, channels, pass, scratch, store, t, team};
use salesflow::config::Digest;
use salesflow::deliver::{Composed, DigestSource, Digests, ManualClock, plan_digests};
use salesflow::store::Tick;

const SH: chrono_tz::Tz = chrono_tz::Asia::Shanghai;

/// What a report was asked: the report and its period.
type Asked = (String, DateTime<Utc>, DateTime<Utc>);

/// A report that says whatever the test sets, and records what it was asked.
struct FakeReport {
    missed: bool,
    asked: RefCell<Vec<Asked>>,
}

impl DigestSource for FakeReport {
    fn compose(
        &self,
        report: &str,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Composed, String> {
        self.asked.borrow_mut().push((report.to_string(), from, to));
        Ok(Composed {
            subject: "旅程周报".into(),
            body: "POC验证 节点覆盖率 61%（目标 80%）：7 家客户缺失，主因「客户内部测试环境未就绪」（3 家）".into(),
            missed: self.missed,
        })
    }
}

fn digest(report: &str, every: &str, to: &str, only_when: Option<&str>) -> Digest {
    Digest {
        report: report.into(),
        every: every.into(),
        to: to.into(),
        only_when: only_when.map(str::to_string),
    }
}

fn tick(store: &mut salesflow::store::Store, at: &str) {
    store
        .record_tick(&Tick {
            at: t(at),
            rules_digest: "d".into(),
            started: t(at),
            finished: Some(t(at)),
            counts: BTreeMap::new(),
        })
        .unwrap();
}

#[test]
fn a_weekly_digest_is_queued_once_per_week_to_the_roles_person() {
    let dir = scratch("digest_weekly");
    let mut store = store(&dir);
    let plans = plan_digests(
        &[digest("journey", "mon 09:00", "sales_director", None)],
        &team(),
    )
    .unwrap();
    assert_eq!(plans[0].to, "li");
    let digests = Digests::new(plans);
    let report = FakeReport {
        missed: true,
        asked: RefCell::default(),
    };
    // No apply has run: nothing.
    assert_eq!(
        digests
            .queue_due(&mut store, &report, t("2026-03-09T10:00:00+08:00"), SH)
            .unwrap(),
        0
    );
    // Salesflow first ran on Wednesday: that Monday's digest is not sent late.
    tick(&mut store, "2026-03-04T12:00:00+08:00");
    assert_eq!(
        digests
            .queue_due(&mut store, &report, t("2026-03-04T12:00:00+08:00"), SH)
            .unwrap(),
        0
    );
    assert_eq!(
        digests
            .queue_due(&mut store, &report, t("2026-03-09T08:59:00+08:00"), SH)
            .unwrap(),
        0
    );
    // Monday 09:00 and every tick of the week after: one message.
    for now in [
        "2026-03-09T09:00:00+08:00",
        "2026-03-09T09:05:00+08:00",
        "2026-03-12T18:00:00+08:00",
    ] {
        let n = digests.queue_due(&mut store, &report, t(now), SH).unwrap();
        assert_eq!(
            n,
            usize::from(now.starts_with("2026-03-09T09:00")),
            "at {now}"
        );
    }
    // Another process (a second `run`) sees the same period: nothing more.
    let other = Digests::new(
        plan_digests(
            &[digest("journey", "mon 09:00", "sales_director", None)],
            &team(),
        )
        .unwrap(),
    );
    assert_eq!(
        other
            .queue_due(&mut store, &report, t("2026-03-10T09:00:00+08:00"), SH)
            .unwrap(),
        0
    );
    // The next Monday: the next one.
    assert_eq!(
        digests
            .queue_due(&mut store, &report, t("2026-03-16T09:01:00+08:00"), SH)
            .unwrap(),
        1
    );

    let rows = store.outbox(None).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].customer, None);
    assert_eq!(rows[0].recipient, "li");
    assert_eq!(rows[0].kind, "notify");
    assert_eq!(rows[0].origin, "digest:journey");
    assert_eq!(
        rows[0].key,
        "digest/journey/li/mon 09:00/2026-03-09T01:00:00Z"
    );
    assert_eq!(rows[0].created_at, t("2026-03-09T09:00:00+08:00"));
    // The report covered the week up to the Monday.
    let asked = report.asked.borrow();
    assert_eq!(
        asked[0],
        (
            "journey".to_string(),
            t("2026-03-02T09:00:00+08:00"),
            t("2026-03-09T09:00:00+08:00")
        )
    );
}

#[test]
fn only_when_missed_sends_nothing_for_a_week_whose_goals_are_met() {
    let dir = scratch("digest_missed");
    let mut store = store(&dir);
    tick(&mut store, "2026-03-01T12:00:00+08:00");
    let digests = Digests::new(
        plan_digests(
            &[digest("journey", "周一 09:00", "li", Some("missed"))],
            &team(),
        )
        .unwrap(),
    );
    let met = FakeReport {
        missed: false,
        asked: RefCell::default(),
    };
    for now in [
        "2026-03-02T09:00:00+08:00",
        "2026-03-02T09:05:00+08:00",
        "2026-03-03T09:00:00+08:00",
    ] {
        assert_eq!(digests.queue_due(&mut store, &met, t(now), SH).unwrap(), 0);
    }
    assert!(store.outbox(None).unwrap().is_empty());
    // Composed once for the week, not at every tick.
    assert_eq!(met.asked.borrow().len(), 1);
    let missed = FakeReport {
        missed: true,
        asked: RefCell::default(),
    };
    assert_eq!(
        digests
            .queue_due(&mut store, &missed, t("2026-03-09T09:00:00+08:00"), SH)
            .unwrap(),
        1
    );
}

#[test]
fn a_digest_is_delivered_like_any_message() {
    let dir = scratch("digest_delivered");
    let server = Server::accepting();
    let mut store = store(&dir);
    tick(&mut store, "2026-03-01T12:00:00+08:00");
    let digests = Digests::new(
        plan_digests(
            &[digest(
                "journey",
                "mon 09:00",
                "sales_director",
                Some("missed"),
            )],
            &team(),
        )
        .unwrap(),
    );
    let report = FakeReport {
        missed: true,
        asked: RefCell::default(),
    };
    digests
        .queue_due(&mut store, &report, t("2026-03-02T09:00:00+08:00"), SH)
        .unwrap();
    let ch = channels(
        "[{ name: ding, kind: dingtalk, url_env: D }]",
        None,
        &[("D", &server.url("/robot/send?access_token=x"))],
    );
    let sent = pass(
        &mut store,
        &ch,
        &ManualClock::new(t("2026-03-02T09:00:00+08:00")),
    );
    assert_eq!(sent.sent, 1, "{sent:?}");
    let body = server.requests()[0].json();
    assert_eq!(
        body["text"]["content"],
        "POC验证 节点覆盖率 61%（目标 80%）：7 家客户缺失，主因「客户内部测试环境未就绪」（3 家）\n@13900000002"
    );
}

#[test]
fn digest_settings_are_checked_with_what_is_wrong() {
    let team = team();
    let error = |d: Digest| plan_digests(&[d], &team).unwrap_err().to_string();
    assert_eq!(
        error(digest("pipeline", "mon 09:00", "li", None)),
        "salesflow.yaml: digest 1: `report: pipeline` is not a report"
    );
    assert_eq!(
        error(digest("journey", "mon 9am", "li", None)),
        "salesflow.yaml: digest 1: `every: mon 9am`: `9am` is not a time of day (HH:MM)"
    );
    assert_eq!(
        error(digest("funnel", "mon 09:00", "li", Some("missed"))),
        "salesflow.yaml: digest 1: `only_when: missed` on `report: funnel`, which has no goals"
    );
    assert_eq!(
        error(digest("journey", "mon 09:00", "ceo", None)),
        "salesflow.yaml: digest 1: `to: ceo` is neither a person nor a role of the team"
    );
    // A role with no default: the first person holding it.
    let plans = plan_digests(&[digest("funnel", "daily 18:00", "sales", None)], &team).unwrap();
    assert_eq!(plans[0].to, "zhang");
}

/// `run` composes a digest from the real report: a daily funnel to the sales
/// director, over the day since the previous 18:00, in the project's language,
/// queued once however often `run` ticks, and delivered with the rest.
#[test]
fn run_pushes_the_funnel_report_as_a_digest() {
    use deliver_common::Project;
    let server = Server::accepting();
    let p = Project::new(
        "digest_run_funnel",
        &format!(
            "[{{ name: hooks, kind: webhook, url: \"{}\" }}]",
            server.url("/h")
        ),
        "hooks",
        3,
    );
    let yaml = p.dir.join("salesflow.yaml");
    let mut text = std::fs::read_to_string(&yaml).unwrap();
    text.push_str(
        "lang: zh\ndigests:\n  - { report: funnel, every: \"daily 18:00\", to: sales_director }\n",
    );
    std::fs::write(&yaml, text).unwrap();
    p.ok(&["run", "--once", "--at", "2026-03-03 19:00"]);
    p.ok(&["run", "--once", "--at", "2026-03-03 19:30"]);
    let digests: Vec<serde_json::Value> = p
        .outbox()
        .into_iter()
        .filter(|m| m["origin"] == "digest:funnel")
        .collect();
    assert_eq!(digests.len(), 1, "{digests:#?}");
    let d = &digests[0];
    assert_eq!(d["recipient"], "li", "{d:#}");
    assert_eq!(d["status"], "sent", "{d:#}");
    let shown = p.ok(&["outbox", "show", &d["id"].to_string()]);
    // The report's own heading and table: three customers reached POC验证 on
    // 03-03, inside the period from 03-02 18:00 to 03-03 18:00.
    assert!(shown.contains("漏斗"), "{shown}");
    assert!(shown.contains("2026-03-02 18:00"), "{shown}");
    let poc = shown
        .lines()
        .find(|l| l.contains("POC验证"))
        .unwrap_or_else(|| panic!("no POC验证 row:\n{shown}"));
    assert!(poc.contains('3'), "{poc}");
    let sent = server.requests();
    assert!(
        sent.iter().any(|r| r.json()["origin"] == "digest:funnel"),
        "the digest reached the webhook"
    );
}
