//! Crash safety and concurrency of `apply`, through the binary, on a store of
//! thousands of customers: `apply` killed with SIGKILL at random points leaves
//! every customer either fully applied or untouched, and a rerun completes it
//! with every effect exactly once; two `apply` processes started together both
//! succeed (no `database is locked`) and fire every step once.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use salesflow::check::{DiskLoader, check_path};
use salesflow::engine::{Effect, Engine};
use salesflow::store::Store;

const CUSTOMERS: usize = 1500;
const AT: &str = "2026-03-10 12:00";

fn root() -> &'static str {
    env!("CARGO_MANIFEST_DIR")
}

fn salesflow(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("salesflow"));
    c.current_dir(dir).args(args).args([
        "--db",
        "crm.db",
        "--rules",
        &format!("{}/examples/zhilian.flow", root()),
    ]);
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    c
}

fn ok(mut c: Command) -> String {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stderr).unwrap() + &String::from_utf8(out.stdout).unwrap()
}

/// A store of `CUSTOMERS` customers with a few events each.
fn shop(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("crash")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let init = Command::new(assert_cmd::cargo::cargo_bin("salesflow"))
        .current_dir(&dir)
        .args(["init", "--db", "crm.db"])
        .output()
        .unwrap();
    assert!(init.status.success());
    ok(salesflow(
        &dir,
        &["import", "team", &format!("{}/examples/team.yaml", root())],
    ));
    let stages = ["lead", "requirement", "demo", "negotiation"];
    let names = ["新能源储能", "汽配", "数控机加工", "电池pack", "光伏"];
    let texts = [
        "客户提到需要法务审核",
        "约了下周演示",
        "对方说预算冻结了",
        "竞品已进场",
        "需要ERP对接",
        "一切顺利",
    ];
    let mut customers = String::from("id,name,owner,stage,created_at,industry\n");
    let mut events = String::from("customer,at,kind,role,text,blocker\n");
    for i in 0..CUSTOMERS {
        let _ = writeln!(
            customers,
            "c{i:05},{}{i}厂,zhang,{},2026-02-{:02} 09:00,{}",
            names[i % 5],
            stages[i % 4],
            2 + i % 20,
            names[(i / 5) % 5]
        );
        // A first visit on the day the customer is created, with a blocker, so
        // every message has a `topic` whenever it is due.
        for k in 0..=(i % 4) {
            let day = 2 + i % 20 + k;
            let _ = writeln!(
                events,
                "c{i:05},2026-02-{day:02} 1{k}:00,visit,decision_maker,{},测试环境未就绪",
                texts[(i + k) % 6]
            );
        }
    }
    std::fs::write(dir.join("customers.csv"), customers).unwrap();
    std::fs::write(dir.join("events.csv"), events).unwrap();
    ok(salesflow(&dir, &["import", "customers", "customers.csv"]));
    ok(salesflow(&dir, &["import", "events", "events.csv"]));
    dir
}

/// Every customer's effect keys as the engine computes them at `AT`.
fn expected(dir: &Path) -> Vec<(String, HashSet<String>, usize)> {
    let flow = check_path(
        &Path::new(root()).join("examples/zhilian.flow"),
        &DiskLoader,
    )
    .unwrap()
    .flow
    .unwrap();
    let store = Store::open_read_only(&dir.join("crm.db")).unwrap();
    let team = store.team().unwrap();
    let engine = Engine::new(&flow, &team);
    let at = salesflow::timefmt::parse_instant(AT, flow.timezone).unwrap();
    store
        .all_customer_ids()
        .unwrap()
        .into_iter()
        .map(|id| {
            let eval = engine.evaluate(&store.history(&id).unwrap().unwrap(), at);
            let steps = eval
                .effects
                .iter()
                .filter(|e| matches!(e, Effect::EscalationStep { .. }))
                .count();
            (
                id,
                eval.effects.iter().map(|e| e.key().to_string()).collect(),
                steps,
            )
        })
        .collect()
}

fn applied(dir: &Path, id: &str) -> HashSet<String> {
    Store::open_read_only(&dir.join("crm.db"))
        .unwrap()
        .applied_keys(id)
        .unwrap()
}

fn fired_steps(dir: &Path) -> usize {
    let conn = rusqlite::Connection::open(dir.join("crm.db")).unwrap();
    conn.query_row("SELECT COUNT(*) FROM fired_steps", [], |r| {
        r.get::<_, i64>(0)
    })
    .unwrap()
    .try_into()
    .unwrap()
}

#[test]
fn apply_killed_at_random_points_leaves_no_partial_customer_and_a_rerun_completes_it() {
    let dir = shop("kill");
    let want = expected(&dir);
    let mut seed = u64::from(std::process::id()) ^ 0x9E37_79B9_7F4A_7C15;
    for round in 0..4 {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let delay = 30 + (seed >> 33) % 400;
        let mut child = salesflow(&dir, &["apply", "--at", AT]).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let mut done = 0;
        for (id, keys, _) in &want {
            let got = applied(&dir, id);
            assert!(
                got.is_empty() || got == *keys,
                "round {round} (killed after {delay} ms): customer {id} is partial"
            );
            done += usize::from(!got.is_empty());
        }
        eprintln!(
            "round {round}: killed after {delay} ms with {done} of {} customers applied",
            want.len()
        );
    }
    ok(salesflow(&dir, &["apply", "--at", AT]));
    for (id, keys, _) in &want {
        assert_eq!(applied(&dir, id), *keys, "customer {id}");
    }
    assert_eq!(
        fired_steps(&dir),
        want.iter().map(|w| w.2).sum::<usize>(),
        "every step exactly once"
    );
    let again = ok(salesflow(&dir, &["apply", "--at", AT]));
    assert!(again.contains("nothing new"), "{again}");
}

#[test]
fn two_applies_started_together_fire_every_step_once() {
    let dir = shop("concurrent");
    let want = expected(&dir);
    let a = salesflow(&dir, &["apply", "--at", AT]).spawn().unwrap();
    let b = salesflow(&dir, &["apply", "--at", AT]).spawn().unwrap();
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{err}");
        assert!(!err.contains("locked"), "{err}");
    }
    for (id, keys, _) in &want {
        assert_eq!(applied(&dir, id), *keys, "customer {id}");
    }
    assert_eq!(fired_steps(&dir), want.iter().map(|w| w.2).sum::<usize>());
}
