//! Example-based tests of the whole calendar on the real 2025-2027 holiday-cn data, time zone
//! Asia/Shanghai, hours mon-fri 09:00-12:00, 13:30-18:00.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};

use super::*;

const H: i64 = 3600;
const M: i64 = 60;

fn holidays(year: u32) -> Vec<HolidayDay> {
    let path = match year {
        2025 => concat!(env!("CARGO_MANIFEST_DIR"), "/examples/holidays/2025.json"),
        2026 => concat!(env!("CARGO_MANIFEST_DIR"), "/examples/holidays/2026.json"),
        _ => concat!(env!("CARGO_MANIFEST_DIR"), "/examples/holidays/2027.json"),
    };
    parse_holiday_file(&std::fs::read_to_string(path).unwrap()).unwrap()
}

pub(super) fn office_hours() -> WeeklyHours {
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
    h
}

/// The calendar the required cases run on.
pub(super) fn shanghai() -> Calendar {
    let mut c = Calendar::new(chrono_tz::Asia::Shanghai, office_hours());
    for year in [2025, 2026, 2027] {
        c.add_holidays(&holidays(year));
    }
    c
}

/// Shanghai local "YYYY-MM-DD HH:MM" as UTC.
pub(super) fn at(s: &str) -> DateTime<Utc> {
    let local = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    chrono_tz::Asia::Shanghai
        .from_local_datetime(&local)
        .unwrap()
        .with_timezone(&Utc)
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn friday_evening_into_make_up_saturday() {
    let c = shanghai();
    assert_eq!(
        c.add_working(at("2026-02-13 17:00"), 2 * H),
        Some(at("2026-02-14 10:00"))
    );
}

#[test]
fn across_spring_festival() {
    let c = shanghai();
    assert_eq!(
        c.add_working(at("2026-02-14 11:00"), 8 * H),
        Some(at("2026-02-24 11:30"))
    );
}

#[test]
fn long_addition_and_exact_range_end() {
    let c = shanghai();
    let mon = at("2026-03-02 09:00");
    assert_eq!(c.add_working(mon, 48 * H), Some(at("2026-03-10 12:00")));
    assert_eq!(
        c.add_working(mon, 7 * H + 30 * M),
        Some(at("2026-03-02 18:00"))
    );
    assert_eq!(c.add_working(mon, 3 * H), Some(at("2026-03-02 12:00")));
}

#[test]
fn new_year_into_make_up_sunday() {
    let c = shanghai();
    assert_eq!(
        c.add_working(at("2025-12-31 17:30"), H),
        Some(at("2026-01-04 09:30"))
    );
}

#[test]
fn working_days() {
    let c = shanghai();
    assert_eq!(
        c.add_working_days(at("2026-03-06 20:00"), 1),
        Some(at("2026-03-10 09:00"))
    );
    assert_eq!(
        c.add_working_days(at("2026-03-06 15:00"), 1),
        Some(at("2026-03-09 15:00"))
    );
    // 0 days: just the next opening
    assert_eq!(
        c.add_working_days(at("2026-03-06 20:00"), 0),
        Some(at("2026-03-09 09:00"))
    );
    // holidays do not count; the make-up Saturday does
    assert_eq!(
        c.add_working_days(at("2026-02-13 15:00"), 1),
        Some(at("2026-02-14 15:00"))
    );
    assert_eq!(
        c.add_working_days(at("2026-02-13 15:00"), 2),
        Some(at("2026-02-24 15:00"))
    );
    // lunch break start is not an opening: 12:00 moves to 13:30 first
    assert_eq!(
        c.add_working_days(at("2026-03-06 12:00"), 1),
        Some(at("2026-03-09 13:30"))
    );
}

#[test]
fn working_days_keep_time_or_move_to_next_opening() {
    // Saturday works only 09:00-11:00: Friday 15:00 + 1 day is Saturday 15:00, not working,
    // so the next opening after it: Monday 09:00.
    let mut h = office_hours();
    h.add(&[Weekday::Sat], MinuteRange::hm(9, 0, 11, 0))
        .unwrap();
    let c = Calendar::new(chrono_tz::Asia::Shanghai, h);
    assert_eq!(
        c.add_working_days(at("2026-03-06 15:00"), 1),
        Some(at("2026-03-09 09:00"))
    );
    assert_eq!(
        c.add_working_days(at("2026-03-06 10:00"), 1),
        Some(at("2026-03-07 10:00"))
    );
}

#[test]
fn add_combines_days_then_seconds() {
    let c = shanghai();
    let fri = at("2026-03-06 15:00");
    let d = WorkDuration {
        days: 1,
        seconds: 4 * H,
    };
    assert_eq!(c.add(fri, d), Some(at("2026-03-10 10:00")));
    assert_eq!(
        c.add(fri, WorkDuration::days(1)),
        Some(at("2026-03-09 15:00"))
    );
    assert_eq!(
        c.add(fri, WorkDuration::seconds(H)),
        Some(at("2026-03-06 16:00"))
    );
    assert_eq!(c.add(fri, WorkDuration::default()), Some(fri));
}

#[test]
fn between_examples() {
    let c = shanghai();
    let a = at("2026-03-06 16:30");
    let b = at("2026-03-10 12:00");
    assert_eq!(c.between(a, b), 12 * H);
    assert_eq!(c.between(b, a), 0);
    assert_eq!(c.between(a, a), 0);
    assert_eq!(
        c.between(at("2026-02-14 11:00"), at("2026-02-24 11:30")),
        8 * H
    );
    assert_eq!(c.between(at("2026-03-02 12:00"), at("2026-03-02 13:30")), 0);
}

#[test]
fn zero_and_negative() {
    let c = shanghai();
    let sat = at("2026-03-07 10:00");
    assert_eq!(c.add_working(sat, 0), Some(sat));
    assert_eq!(c.add_working(sat, -1), None);
    assert_eq!(c.add_working(sat, i64::MAX), None);
}

#[test]
fn is_working_and_next_opening() {
    let c = shanghai();
    assert!(c.is_working(at("2026-03-02 09:00")));
    assert!(c.is_working(at("2026-03-02 11:59")));
    assert!(!c.is_working(at("2026-03-02 12:00")));
    assert!(!c.is_working(at("2026-03-02 18:00")));
    assert!(c.is_working(at("2026-02-14 10:00")));
    assert!(!c.is_working(at("2026-02-16 10:00")));
    assert_eq!(
        c.next_opening(at("2026-03-02 10:15")),
        Some(at("2026-03-02 10:15"))
    );
    assert_eq!(
        c.next_opening(at("2026-03-02 12:00")),
        Some(at("2026-03-02 13:30"))
    );
    assert_eq!(
        c.next_opening(at("2026-02-14 18:00")),
        Some(at("2026-02-24 09:00"))
    );
}

#[test]
fn no_hours_returns_none() {
    let c = Calendar::new(chrono_tz::Asia::Shanghai, WeeklyHours::new());
    let t = at("2026-03-02 09:00");
    assert_eq!(c.next_opening(t), None);
    assert_eq!(c.add_working(t, 1), None);
    assert_eq!(c.add_working_days(t, 1), None);
    assert_eq!(c.add(t, WorkDuration::days(3)), None);
    assert!(!c.is_working(t));
    assert_eq!(c.between(t, at("2027-03-02 09:00")), 0);
}

#[test]
fn only_make_up_days_then_none() {
    let mut c = Calendar::new(chrono_tz::Asia::Shanghai, {
        let mut h = WeeklyHours::new();
        h.add(&[Weekday::Mon], MinuteRange::hm(9, 0, 10, 0))
            .unwrap();
        h
    });
    c.add_off(date("2026-01-01"), date("2026-06-05"), Some("sabbatical"))
        .unwrap();
    c.add_off(date("2026-06-07"), date("2026-12-31"), Some("sabbatical"))
        .unwrap();
    c.add_work(date("2026-06-06")).unwrap();
    assert_eq!(
        c.add_working(at("2026-01-01 00:00"), H),
        Some(at("2026-06-06 10:00"))
    );
    assert_eq!(
        c.add_working(at("2026-01-01 00:00"), 2 * H),
        Some(at("2027-01-04 10:00"))
    );

    // Saturday-only hours: make-up days have no "normal weekday" hours, and after the last
    // override nothing more can come if the weekly hours are empty.
    let mut c = Calendar::new(chrono_tz::Asia::Shanghai, WeeklyHours::new());
    c.add_work(date("2026-06-06")).unwrap();
    assert_eq!(c.add_working(at("2026-01-01 00:00"), 1), None);
}

#[test]
fn inline_overrides_change_arithmetic() {
    let mut c = shanghai();
    c.add_off(date("2026-03-09"), date("2026-03-09"), Some("offsite"))
        .unwrap();
    c.add_work(date("2026-02-16")).unwrap();
    assert_eq!(
        c.add_working_days(at("2026-03-06 20:00"), 1),
        Some(at("2026-03-11 09:00"))
    );
    assert_eq!(
        c.add_working(at("2026-02-14 17:00"), 2 * H),
        Some(at("2026-02-16 10:00"))
    );
}

#[test]
fn paused_variants() {
    let c = shanghai();
    let mon = at("2026-03-02 09:00");
    let pauses = [
        (at("2026-03-02 10:00"), at("2026-03-02 11:00")),
        // overlapping and unsorted, and an empty one
        (at("2026-03-02 16:00"), at("2026-03-02 17:00")),
        (at("2026-03-02 10:30"), at("2026-03-02 10:45")),
        (at("2026-03-02 15:00"), at("2026-03-02 16:30")),
        (at("2026-03-02 09:30"), at("2026-03-02 09:30")),
    ];
    // work: 09:00-10:00, 11:00-12:00, 13:30-15:00, 17:00-18:00 = 4h30m
    assert_eq!(
        c.between_paused(mon, at("2026-03-02 18:00"), &pauses),
        4 * H + 30 * M
    );
    assert_eq!(
        c.between_paused(mon, at("2026-03-03 10:00"), &pauses),
        5 * H + 30 * M
    );
    assert_eq!(
        c.add_working_paused(mon, H, &pauses),
        Some(at("2026-03-02 10:00"))
    );
    assert_eq!(
        c.add_working_paused(mon, 2 * H, &pauses),
        Some(at("2026-03-02 12:00"))
    );
    assert_eq!(
        c.add_working_paused(mon, 3 * H, &pauses),
        Some(at("2026-03-02 14:30"))
    );
    assert_eq!(
        c.add_working_paused(mon, 3 * H + 30 * M, &pauses),
        Some(at("2026-03-02 15:00"))
    );
    assert_eq!(
        c.add_working_paused(mon, 4 * H, &pauses),
        Some(at("2026-03-02 17:30"))
    );
    assert_eq!(
        c.add_working_paused(mon, 5 * H, &pauses),
        Some(at("2026-03-03 09:30"))
    );
    // start inside a pause
    assert_eq!(
        c.add_working_paused(at("2026-03-02 10:15"), 30 * M, &pauses),
        Some(at("2026-03-02 11:30"))
    );
    // a pause spanning days
    let long = [(at("2026-03-02 12:00"), at("2026-03-04 10:00"))];
    assert_eq!(
        c.add_working_paused(mon, 4 * H, &long),
        Some(at("2026-03-04 11:00"))
    );
    assert_eq!(c.between_paused(mon, at("2026-03-04 11:00"), &long), 4 * H);
    // no pauses = plain
    assert_eq!(
        c.add_working_paused(mon, 48 * H, &[]),
        c.add_working(mon, 48 * H)
    );
    assert_eq!(c.add_working_paused(mon, 0, &pauses), Some(mon));
    assert_eq!(c.add_working_paused(mon, -5, &pauses), None);
}

#[test]
fn show_spring_festival() {
    let c = shanghai();
    let days = c.show(date("2026-02-13"), date("2026-02-24"));
    assert_eq!(days.len(), 12);
    assert_eq!(days[0].kind, DayKind::Weekday);
    assert_eq!(days[0].ranges, c.hours().ranges(Weekday::Fri));
    assert_eq!(
        days[1].kind,
        DayKind::MakeUp {
            name: "春节".into()
        }
    );
    assert_eq!(days[1].ranges.len(), 2);
    for d in &days[2..11] {
        assert_eq!(
            d.kind,
            DayKind::Holiday {
                name: "春节".into()
            },
            "{}",
            d.date
        );
        assert!(d.ranges.is_empty());
    }
    assert_eq!(days[11].kind, DayKind::Weekday);
    assert_eq!(
        days[1].to_string(),
        "2026-02-14 Sat  make-up working day for 春节  09:00-12:00 13:30-18:00"
    );
    assert_eq!(days[2].to_string(), "2026-02-15 Sun  holiday 春节  -");

    let json = serde_json::to_value(&days[..3]).unwrap();
    assert_eq!(
        json,
        serde_json::json!([
            {"date": "2026-02-13", "kind": {"type": "weekday"},
             "ranges": ["09:00-12:00", "13:30-18:00"]},
            {"date": "2026-02-14", "kind": {"type": "make_up", "name": "春节"},
             "ranges": ["09:00-12:00", "13:30-18:00"]},
            {"date": "2026-02-15", "kind": {"type": "holiday", "name": "春节"}, "ranges": []},
        ])
    );
    assert!(c.show(date("2026-02-24"), date("2026-02-13")).is_empty());
}

#[test]
fn explain_inline_days() {
    let mut c = shanghai();
    c.add_off(date("2026-03-09"), date("2026-03-10"), Some("offsite"))
        .unwrap();
    c.add_off(date("2026-03-11"), date("2026-03-11"), None)
        .unwrap();
    c.add_work(date("2026-03-14")).unwrap();
    let k = |d: &str| c.explain_day(date(d)).kind;
    assert_eq!(
        k("2026-03-09"),
        DayKind::InlineOff {
            name: Some("offsite".into())
        }
    );
    assert_eq!(k("2026-03-11"), DayKind::InlineOff { name: None });
    assert_eq!(k("2026-03-14"), DayKind::InlineWork);
    assert_eq!(k("2026-03-15"), DayKind::Weekend);
    assert_eq!(
        serde_json::to_string(&k("2026-03-11")).unwrap(),
        r#"{"type":"inline_off"}"#
    );
    assert_eq!(
        serde_json::to_string(&k("2026-03-14")).unwrap(),
        r#"{"type":"inline_work"}"#
    );
}

#[test]
fn dst_zone_arithmetic() {
    // New York, mon-fri 09:00-17:00; 2026-03-08 (Sun) clocks go forward overnight.
    let mut h = WeeklyHours::new();
    let days = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];
    h.add(&days, MinuteRange::hm(9, 0, 17, 0)).unwrap();
    let c = Calendar::new(chrono_tz::America::New_York, h);
    let utc = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
    // Fri 16:00 EST + 2h = Mon 10:00 EDT
    assert_eq!(
        c.add_working(utc("2026-03-06T16:00:00-05:00"), 2 * H),
        Some(utc("2026-03-09T10:00:00-04:00"))
    );
    assert_eq!(
        c.add_working_days(utc("2026-03-06T16:00:00-05:00"), 1),
        Some(utc("2026-03-09T16:00:00-04:00"))
    );
    assert_eq!(
        c.between(
            utc("2026-03-06T00:00:00-05:00"),
            utc("2026-03-10T00:00:00-04:00")
        ),
        16 * H
    );
}

#[test]
fn day_offsets_on_paused_time_are_openings_after_the_paused_days() {
    let mut h = WeeklyHours::new();
    let days = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];
    h.add(&days, MinuteRange::hm(9, 0, 18, 0)).unwrap();
    let c = Calendar::new(chrono_tz::Asia::Shanghai, h);
    // LANGUAGE.md: paused Mon 09:00 to Wed 09:00, `after 2d` from Mon 09:00 is Fri 09:00.
    let mon = at("2026-03-02 09:00");
    let pauses = [(mon, at("2026-03-04 09:00"))];
    assert_eq!(
        c.add_working_days_paused(mon, 2, &pauses),
        Some(at("2026-03-06 09:00"))
    );
    // No pause: exactly `add_working_days`.
    assert_eq!(
        c.add_working_days_paused(at("2026-03-06 15:00"), 1, &[]),
        Some(at("2026-03-09 15:00"))
    );
    // A pause of two working hours on the way moves a mid-day deadline by two hours.
    let pauses = [(at("2026-03-02 10:00"), at("2026-03-02 12:00"))];
    assert_eq!(
        c.add_working_days_paused(mon, 1, &pauses),
        Some(at("2026-03-03 11:00"))
    );
    // Counting that ends at a closing moves to the next opening.
    let pauses = [(mon, at("2026-03-02 18:00"))];
    assert_eq!(
        c.add_working_days_paused(mon, 1, &pauses),
        Some(at("2026-03-04 09:00"))
    );
    assert_eq!(
        c.next_unpaused_opening(at("2026-03-03 18:00"), &[]),
        Some(at("2026-03-04 09:00"))
    );
}
