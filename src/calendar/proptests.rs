//! Property tests: take random instants in 2025-2026 (minute resolution) and hour/minute
//! durations on the Shanghai calendar of `tests.rs`, and check the algebra of `add`/`between`.

use std::sync::OnceLock;

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;

use super::tests::{at, shanghai};
use super::*;

fn cal() -> &'static Calendar {
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(shanghai)
}

/// Minutes in 2025 and 2026.
const SPAN: i64 = 730 * 1440;
/// Durations up to 100 hours, in minutes.
const MAX_D: i64 = 100 * 60;

fn instant(minute: i64) -> DateTime<Utc> {
    at("2025-01-01 00:00") + TimeDelta::minutes(minute)
}

fn add(t: DateTime<Utc>, seconds: i64) -> DateTime<Utc> {
    cal().add(t, WorkDuration::seconds(seconds)).unwrap()
}

/// Inside working time, or exactly at the end of a range (the minute before is working).
fn at_work_or_range_end(t: DateTime<Utc>) -> bool {
    let c = cal();
    c.is_working(t) || c.between(t - TimeDelta::minutes(1), t) == 60
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn add_is_associative(t in 0..SPAN, a in 0..=MAX_D, b in 0..=MAX_D) {
        let t = instant(t);
        let (a, b) = (a * 60, b * 60);
        prop_assert_eq!(add(t, a + b), add(add(t, a), b));
    }

    #[test]
    fn between_undoes_add(t in 0..SPAN, d in 0..=MAX_D) {
        let t = instant(t);
        let d = d * 60;
        prop_assert_eq!(cal().between(t, add(t, d)), d);
    }

    #[test]
    fn add_is_monotonic(t1 in 0..SPAN, dt in 0..20_000i64, d1 in 0..=MAX_D, dd in 0..=MAX_D) {
        let (t1, t2) = (instant(t1), instant(t1 + dt));
        let (d1, d2) = (d1 * 60, (d1 + dd) * 60);
        prop_assert!(add(t1, d1) <= add(t2, d1));
        prop_assert!(add(t1, d1) <= add(t1, d2));
    }

    #[test]
    fn add_lands_in_working_time_or_range_end(t in 0..SPAN, d in 1..=MAX_D) {
        let r = add(instant(t), d * 60);
        prop_assert!(r > instant(t));
        prop_assert!(at_work_or_range_end(r), "{}", r);
    }

    #[test]
    fn working_days_land_in_working_time(t in 0..SPAN, n in 0..30u32) {
        let r = cal().add_working_days(instant(t), n).unwrap();
        prop_assert!(cal().is_working(r), "{}", r);
        prop_assert!(r >= instant(t));
    }

    #[test]
    fn paused_between_undoes_paused_add(
        t in 0..SPAN,
        d in 0..=MAX_D,
        pauses in proptest::collection::vec((0..20_000i64, 0..3_000i64), 0..4),
    ) {
        let t0 = instant(t);
        let pauses: Vec<_> = pauses
            .into_iter()
            .map(|(s, len)| (instant(t + s), instant(t + s + len)))
            .collect();
        let r = cal().add_working_paused(t0, d * 60, &pauses).unwrap();
        prop_assert_eq!(cal().between_paused(t0, r, &pauses), d * 60);
        prop_assert!(cal().between_paused(t0, r, &pauses) <= cal().between(t0, r));
    }
}
