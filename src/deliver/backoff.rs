//! When a failed message is tried again: exponential backoff (the channel's
//! `backoff` after the first failure, doubling after each next one, at most six
//! hours) with ±20 % jitter, so that the messages of one outage do not all come
//! back in the same second. The jitter is derived from the message's key and
//! attempt rather than drawn at random: two runs over the same history retry at
//! the same times, and a test can name them.

use std::hash::{DefaultHasher, Hash, Hasher};

use chrono::{DateTime, TimeDelta, Utc};

/// The longest wait between two attempts.
pub const MAX_WAIT: TimeDelta = TimeDelta::hours(6);

/// The wait after the `failures`-th failure (from 1), before jitter.
pub fn base_wait(first: TimeDelta, failures: u32) -> TimeDelta {
    let doublings = failures.saturating_sub(1).min(30);
    first
        .checked_mul(1 << doublings)
        .map_or(MAX_WAIT, |w| w.min(MAX_WAIT))
}

/// When to try again after the `failures`-th failure of the message `key` at
/// `now`, and no earlier than `at_least` after `now` (a vendor's `Retry-After`).
pub fn retry_at(
    now: DateTime<Utc>,
    first: TimeDelta,
    failures: u32,
    key: &str,
    at_least: Option<TimeDelta>,
) -> DateTime<Utc> {
    let base = base_wait(first, failures);
    let mut hasher = DefaultHasher::new();
    (key, failures).hash(&mut hasher);
    // A factor in [0.8, 1.2), in thousandths.
    let permille = 800 + i32::try_from(hasher.finish() % 400).unwrap_or(0);
    let millis = base.num_milliseconds().saturating_mul(i64::from(permille)) / 1000;
    let wait = TimeDelta::milliseconds(millis).max(at_least.unwrap_or_default());
    now + wait
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_six_hours() {
        let m = TimeDelta::minutes(1);
        assert_eq!(base_wait(m, 1), m);
        assert_eq!(base_wait(m, 2), TimeDelta::minutes(2));
        assert_eq!(base_wait(m, 4), TimeDelta::minutes(8));
        assert_eq!(base_wait(m, 40), MAX_WAIT);
    }

    #[test]
    fn jitter_stays_within_a_fifth_and_spreads_messages() {
        let now = Utc::now();
        let m = TimeDelta::minutes(10);
        let waits: Vec<i64> = (0..50)
            .map(|i| (retry_at(now, m, 1, &format!("k{i}"), None) - now).num_seconds())
            .collect();
        assert!(waits.iter().all(|w| (480..720).contains(w)), "{waits:?}");
        let mut distinct = waits.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert!(distinct.len() > 10, "{waits:?}");
        assert_eq!(
            retry_at(now, m, 1, "k1", None),
            retry_at(now, m, 1, "k1", None)
        );
    }

    #[test]
    fn a_retry_after_is_a_floor() {
        let now = Utc::now();
        let t = retry_at(
            now,
            TimeDelta::seconds(1),
            1,
            "k",
            Some(TimeDelta::minutes(5)),
        );
        assert_eq!(t - now, TimeDelta::minutes(5));
    }
}
