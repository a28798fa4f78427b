//! Benchmarks of the working-time calendar: takes the Shanghai calendar with the real holiday
//! files and produces timings for `add` across the Spring Festival and `between` over a month.

use std::hint::black_box;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc, Weekday};
use criterion::{Criterion, criterion_group, criterion_main};
use salesflow::calendar::{Calendar, MinuteRange, WeeklyHours, WorkDuration, parse_holiday_file};

fn shanghai() -> Calendar {
    let mut h = WeeklyHours::new();
    let days = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];
    h.add(&days, MinuteRange::hm(9, 0, 12, 0)).unwrap();
    h.add(&days, MinuteRange::hm(13, 30, 18, 0)).unwrap();
    let mut c = Calendar::new(chrono_tz::Asia::Shanghai, h);
    for text in [
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/holidays/2025.json"
        )),
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/holidays/2026.json"
        )),
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/holidays/2027.json"
        )),
    ] {
        c.add_holidays(&parse_holiday_file(text).unwrap());
    }
    c
}

fn at(s: &str) -> DateTime<Utc> {
    let local = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    chrono_tz::Asia::Shanghai
        .from_local_datetime(&local)
        .unwrap()
        .with_timezone(&Utc)
}

fn benches(c: &mut Criterion) {
    let cal = shanghai();
    let eight_hours = WorkDuration::seconds(8 * 3600);

    let fri = at("2026-02-13 17:00");
    c.bench_function("add 8h from 2026-02-13 17:00", |b| {
        b.iter(|| cal.add(black_box(fri), black_box(eight_hours)));
    });
    // Lands after the nine-day Spring Festival break (Sat 11:00 -> Tue 02-24 11:30).
    let sat = at("2026-02-14 11:00");
    c.bench_function("add 8h across Spring Festival break", |b| {
        b.iter(|| cal.add(black_box(sat), black_box(eight_hours)));
    });
    c.bench_function("add 1d across Spring Festival break", |b| {
        b.iter(|| cal.add(black_box(sat), black_box(WorkDuration::days(1))));
    });

    let (from, to) = (at("2026-03-01 00:00"), at("2026-04-01 00:00"));
    c.bench_function("between over March 2026", |b| {
        b.iter(|| cal.between(black_box(from), black_box(to)));
    });
}

criterion_group!(calendar, benches);
criterion_main!(calendar);
