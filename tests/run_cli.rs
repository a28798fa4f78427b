//! `salesflow run` as cron and systemd run it: `--once`, and `--every` stopped by
//! SIGTERM mid-batch then restarted (nothing lost, nothing sent twice), and two
//! `run` processes on one store with one recording server (every message exactly
//! once); one log line per tick, JSON lines under `--format json`.

mod deliver_common;

use std::collections::BTreeMap;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use deliver_common::{Project, Reply, Server};
use serde_json::Value;

/// Every message to one webhook (the customer channel too).
fn webhook_project(name: &str, hook: &Server, customers: usize) -> Project {
    Project::new(
        name,
        &format!(
            "[{{ name: hooks, kind: webhook, url: \"{}\" }}]",
            hook.url("/salesflow")
        ),
        "hooks",
        customers,
    )
}

/// Sends SIGTERM (std's `kill` sends SIGKILL).
fn terminate(child: &Child) {
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Waits for the child to exit, at most `limit`.
fn wait(child: &mut Child, limit: Duration) -> std::process::ExitStatus {
    let begun = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(
            begun.elapsed() < limit,
            "the process did not stop within {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits until `ready` holds, at most `limit`.
fn until(limit: Duration, ready: impl Fn() -> bool) {
    let begun = Instant::now();
    while !ready() {
        assert!(begun.elapsed() < limit, "timed out");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// How many times each idempotency key reached the server.
fn key_counts(server: &Server) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for r in server.requests() {
        *counts
            .entry(r.headers["idempotency-key"].clone())
            .or_default() += 1;
    }
    counts
}

#[test]
fn run_once_applies_delivers_and_logs_one_json_line() {
    let hook = Server::start(Vec::new(), Reply::Status(200, "{}"));
    let p = webhook_project("run_once", &hook, 2);
    let out = p.ok(&[
        "run",
        "--once",
        "--format",
        "json",
        "--at",
        "2026-03-03 12:05",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    let tick: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(tick["at"], "2026-03-03T12:05:00+08:00");
    assert_eq!(tick["applied"]["customers"], 0);
    assert_eq!(tick["delivered"]["sent"], 4);
    assert_eq!(tick["delivered"]["dead"], 0);
    assert_eq!(hook.requests().len(), 4);
    let again = p.ok(&["run", "--once", "--at", "2026-03-03 12:10"]);
    assert_eq!(
        again.trim(),
        "2026-03-03 12:10 +08:00 Tue tick: 0 customers visited, nothing new; delivered 0 sent, 0 failed, 0 dead"
    );
    assert_eq!(hook.requests().len(), 4);
}

#[test]
fn run_every_logs_a_line_per_tick_until_sigterm() {
    let hook = Server::accepting();
    let p = webhook_project("run_every", &hook, 1);
    let mut child = p
        .cmd(&["run", "--every", "1s", "--at", "2026-03-03 12:05"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(2500));
    terminate(&child);
    let status = wait(&mut child, Duration::from_secs(10));
    assert_eq!(status.code(), Some(0));
    let out = std::io::read_to_string(child.stdout.take().unwrap()).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert!((2..=4).contains(&lines.len()), "{out}");
    assert!(
        lines[0].starts_with("2026-03-03 12:05 +08:00 Tue tick: "),
        "{out}"
    );
    assert!(
        lines[0].ends_with("delivered 2 sent, 0 failed, 0 dead"),
        "{out}"
    );
    assert!(
        lines[1].ends_with("delivered 0 sent, 0 failed, 0 dead"),
        "{out}"
    );
}

#[test]
fn sigterm_mid_batch_then_a_restart_loses_nothing_and_sends_nothing_twice() {
    // Each answer takes 300 ms: the signal comes while messages are in flight.
    let hook = Server::start(Vec::new(), Reply::Slow(300, 200, "{}"));
    let p = webhook_project("sigterm", &hook, 10);
    let mut child = p
        .cmd(&["run", "--every", "5m", "--at", "2026-03-03 12:05"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    until(Duration::from_secs(30), || hook.requests().len() >= 3);
    terminate(&child);
    let status = wait(&mut child, Duration::from_secs(10));
    assert_eq!(status.code(), Some(0), "SIGTERM is a clean stop");
    let sent_before = hook.requests().len();
    assert!(
        sent_before < 20,
        "stopped mid-batch: {sent_before} of 20 sent"
    );
    let list = p.outbox();
    let recorded = list.iter().filter(|m| m["status"] == "sent").count();
    assert_eq!(
        recorded, sent_before,
        "the message in hand was finished and recorded"
    );
    assert!(
        list.iter()
            .all(|m| m["status"] == "sent" || m["status"] == "pending")
    );

    p.ok(&["run", "--once", "--at", "2026-03-03 12:06"]);
    let counts = key_counts(&hook);
    assert_eq!(counts.len(), 20, "{counts:?}");
    assert!(counts.values().all(|n| *n == 1), "{counts:?}");
    assert!(p.outbox().iter().all(|m| m["status"] == "sent"));
}

#[test]
fn two_run_processes_on_one_store_send_every_message_exactly_once() {
    let hook = Server::start(Vec::new(), Reply::Slow(20, 200, "{}"));
    let p = webhook_project("two_runs", &hook, 30);
    let mut children: Vec<Child> = (0..2)
        .map(|_| {
            p.cmd(&[
                "run",
                "--every",
                "1s",
                "--format",
                "json",
                "--at",
                "2026-03-03 12:05",
            ])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap()
        })
        .collect();
    until(Duration::from_secs(60), || hook.requests().len() >= 60);
    // A tick more, in which both find nothing left to send.
    std::thread::sleep(Duration::from_millis(1500));
    let mut sent_by = Vec::new();
    for child in &mut children {
        terminate(child);
        assert_eq!(wait(child, Duration::from_secs(10)).code(), Some(0));
        let out = std::io::read_to_string(child.stdout.take().unwrap()).unwrap();
        let sent: u64 = out
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .map(|tick| tick["delivered"]["sent"].as_u64().unwrap_or(0))
            .sum();
        sent_by.push(sent);
    }
    let counts = key_counts(&hook);
    assert_eq!(counts.len(), 60);
    assert!(counts.values().all(|n| *n == 1), "{counts:?}");
    assert_eq!(sent_by.iter().sum::<u64>(), 60, "{sent_by:?}");
    assert!(
        p.outbox()
            .iter()
            .all(|m| m["status"] == "sent" && m["attempts"] == 1)
    );
}

#[test]
fn run_needs_a_choice_of_schedule_and_a_real_duration() {
    let hook = Server::accepting();
    let p = webhook_project("run_usage", &hook, 1);
    let (code, _, err) = p.run(&["run"]);
    assert_eq!(code, 2);
    assert!(err.contains("--every") && err.contains("--once"), "{err}");
    let (code, out, _) = p.run(&["run", "--every", "soon", "--format", "json"]);
    assert_eq!(code, 2);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["error"]["code"], "salesflow::usage::value");
    let (code, _, _) = p.run(&["run", "--every", "5m", "--once"]);
    assert_eq!(code, 2);
    assert!(hook.requests().is_empty());
}

#[test]
fn a_second_signal_stops_at_once_even_mid_request() {
    // The server never answers; the request would wait its 30 s timeout.
    let hook = Server::start(vec![Reply::Hang], Reply::Status(200, "{}"));
    let p = Project::new(
        "second_signal",
        &format!(
            "[{{ name: hooks, kind: webhook, url: \"{}\", timeout: 30s }}]",
            hook.url("/h")
        ),
        "hooks",
        1,
    );
    let mut child = p
        .cmd(&["run", "--every", "5m", "--at", "2026-03-03 12:05"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    until(Duration::from_secs(30), || !hook.requests().is_empty());
    terminate(&child);
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the first signal waits for the message in hand"
    );
    terminate(&child);
    let status = wait(&mut child, Duration::from_secs(5));
    assert_eq!(status.code(), Some(1));
    // The message was claimed, not recorded: its lease lapses and a later run
    // sends it again (at least once).
    assert_eq!(p.outbox()[0]["status"], "pending");
}
