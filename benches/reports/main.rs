//! The report benchmark: `report funnel|dwell|journey` over a store of 100,000
//! customers and 2,000,000 events, each timed beside a plain SQL aggregation of
//! the same rows in the same run (the yardstick: each report must stay within
//! 3× of it, and under 2 s).
//!
//! The store is generated once (deterministically, see `gen.rs`) and cached
//! under `target/bench-reports/`; `SALESFLOW_BENCH_CUSTOMERS=N` makes a smaller
//! one for a quick look. Run: `cargo bench --bench reports` (figures printed as
//! medians of 5 runs after a warm-up); `scripts/bench_reports.sh` also times the
//! whole commands.

#[path = "gen.rs"]
mod generator;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use salesflow::report::{self, Kind, Lang, Options, Period};
use salesflow::store::Store;

const RUNS: usize = 5;

fn main() {
    let customers: usize = std::env::var("SALESFLOW_BENCH_CUSTOMERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let end = at("2026-03-31T10:00:00Z");
    let path = store_path(customers);
    if !path.exists() {
        let t = Instant::now();
        let tmp = path.with_extension("building");
        let _ = std::fs::remove_file(&tmp);
        generator::build(&tmp, customers, end);
        std::fs::rename(&tmp, &path).expect("cache the store");
        println!(
            "built {} in {:.1} s",
            path.display(),
            t.elapsed().as_secs_f64()
        );
    }
    let flow = salesflow::check::check_path(
        Path::new("examples/zhilian.flow"),
        &salesflow::check::DiskLoader,
    )
    .expect("the example flow reads")
    .flow
    .expect("the example flow checks");
    let store = Store::open_read_only(&path).expect("the cached store opens");
    let conn =
        rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("a plain connection");
    let events: i64 = conn
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .unwrap();
    let visits: i64 = conn
        .query_row("SELECT count(*) FROM stage_visits", [], |r| r.get(0))
        .unwrap();
    println!("store: {customers} customers, {events} events, {visits} stage visits");
    let names: HashMap<String, String> = store
        .people()
        .unwrap()
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let period = Period::resolve(None, None, end, flow.timezone).unwrap();
    let (from, to) = (text(period.from), text(period.to));
    println!(
        "{:<8} {:>10} {:>10} {:>10} {:>10} {:>7}",
        "report", "wall", "cpu", "SQL wall", "SQL cpu", "ratio"
    );
    for kind in [Kind::Funnel, Kind::Dwell, Kind::Journey] {
        let opts = Options {
            kind,
            period,
            compare: None,
            by: None,
            now: end,
            lang: Lang::Zh,
            calendar: None,
        };
        let report = || {
            let r = report::build(&store, &flow, &names, &opts).expect("the report");
            std::hint::black_box(report::json::render(&r));
        };
        let plain = || {
            for sql in yardstick(kind) {
                let mut stmt = conn.prepare_cached(sql).unwrap();
                let mut rows = stmt.query([&from, &to]).unwrap();
                while let Some(row) = rows.next().unwrap() {
                    std::hint::black_box(row.get_ref(0).ok());
                }
            }
        };
        let ((a, a_cpu), (b, b_cpu)) = (median(report), median(plain));
        println!(
            "{:<8} {:>8.0}ms {:>8.0}ms {:>8.0}ms {:>8.0}ms {:>6.2}×{}",
            kind.name(),
            a.as_secs_f64() * 1e3,
            a_cpu.as_secs_f64() * 1e3,
            b.as_secs_f64() * 1e3,
            b_cpu.as_secs_f64() * 1e3,
            a.as_secs_f64() / b.as_secs_f64(),
            if a > Duration::from_secs(2) || a > b * 3 {
                "  OVER BUDGET"
            } else {
                ""
            }
        );
    }
}

/// Plain aggregations of the rows each report reads (`?1`, `?2`: the period).
fn yardstick(kind: Kind) -> &'static [&'static str] {
    match kind {
        // Visits entered in the period per stage, and visits that ended in it
        // with the next visit.
        Kind::Funnel => &[
            "SELECT stage, count(DISTINCT customer) FROM stage_visits
             WHERE entered_at >= ?1 AND entered_at < ?2 GROUP BY stage",
            "SELECT v.stage, count(*), count(n.stage) FROM stage_visits v
             LEFT JOIN stage_visits n ON n.customer = v.customer AND n.seq = v.seq + 1
             WHERE v.left_at >= ?1 AND v.left_at < ?2 GROUP BY v.stage",
        ],
        // Visits that ended in the period: dwell per stage, and their updates.
        Kind::Dwell => &[
            "SELECT stage, count(*), avg(unixepoch(left_at) - unixepoch(entered_at))
             FROM stage_visits WHERE left_at >= ?1 AND left_at < ?2 GROUP BY stage",
            "SELECT v.stage, count(*), count(e.blocker) FROM stage_visits v
             CROSS JOIN events e ON e.customer = v.customer AND e.kind = 'update'
                          AND e.at >= v.entered_at AND e.at < v.left_at
             WHERE v.left_at >= ?1 AND v.left_at < ?2 GROUP BY v.stage",
        ],
        // Customers with events in the period and their visits' evidence; tasks
        // due and signals raised in it.
        Kind::Journey => &[
            "SELECT v.stage, count(*), sum(json_array_length(v.evidence) > 0)
             FROM customers c JOIN stage_visits v ON v.customer = c.id AND v.entered_at < ?2
             WHERE EXISTS (SELECT 1 FROM events e WHERE e.customer = c.id AND e.at >= ?1 AND e.at < ?2)
             GROUP BY v.stage",
            "SELECT assignee, count(*), sum(done_at <= due_at) FROM tasks
             WHERE due_at >= ?1 AND due_at < ?2 GROUP BY assignee",
            "SELECT risk, count(*), count(verdict), sum(verdict = 'confirmed') FROM signals
             WHERE at >= ?1 AND at < ?2 GROUP BY risk",
        ],
    }
}

/// The median wall time of `RUNS` runs after a warm-up, and the median CPU
/// time (the machine is shared: CPU time is what the work itself costs).
fn median(f: impl Fn()) -> (Duration, Duration) {
    f();
    let (mut wall, mut cpu): (Vec<Duration>, Vec<Duration>) = (0..RUNS)
        .map(|_| {
            let (t, c) = (Instant::now(), cpu_time());
            f();
            (t.elapsed(), cpu_time().saturating_sub(c))
        })
        .unzip();
    wall.sort();
    cpu.sort();
    (wall[RUNS / 2], cpu[RUNS / 2])
}

/// This process's user and system time, from /proc (Linux; zero elsewhere).
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // After the command name (which may hold spaces): state, then 10 fields, then
    // utime and stime (fields 14 and 15 of proc(5)).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| f.get(i).and_then(|x| x.parse::<u64>().ok()).unwrap_or(0);
    let ticks = field(11) + field(12);
    // USER_HZ is 100 on Linux.
    Duration::from_millis(ticks * 10)
}

fn store_path(customers: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-reports");
    std::fs::create_dir_all(&dir).expect("target/bench-reports");
    // The generator's version is in the name: a changed generator builds anew.
    dir.join(format!("store-v1-{customers}.db"))
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
